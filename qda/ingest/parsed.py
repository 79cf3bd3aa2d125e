"""A transcript after reading and segmentation, before it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Cue, Span, Turn


@dataclass
class ParsedDocument:
    name: str
    text: str
    sha256: str
    words: int
    language: str
    source: str
    encoding: str = ""
    turns: list[Turn] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # how the file was read, for the researcher to check
    id: str = ""  # kept when a document moves between projects (merge, REFI-QDA); new otherwise
    imported: str = ""
    pattern_seconds: float = 0.0  # CPU the researcher's speaker pattern took on this file (``user_patterns.spent``)
