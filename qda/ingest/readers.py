"""Readers: a transcript file to raw text, with what its structure says of speakers.

Each reader returns text that ``qda.text.canonical`` then normalises.
Subtitle readers also return cue spans in that text: the text they build
is already canonical, so the spans hold.  ``speakers`` holds labels the
file's structure marks as speakers (WebVTT voices, bold names in Word), and
``warnings`` what the researcher should know about how the file was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IngestError
from ..files import read_whole, refuse_database_in_use
from ..model import Cue
from .docx_reader import read_docx_text
from .encoding import decode, terminal_controls_mended, unseen_breaks_mended
from .subtitles import read_subtitles

SUFFIXES = (".txt", ".md", ".docx", ".vtt", ".srt")


@dataclass
class RawText:
    text: str
    encoding: str
    cues: list[Cue] = field(default_factory=list)
    speakers: frozenset[str] = frozenset()
    warnings: list[str] = field(default_factory=list)


def read(path: Path, encoding: str | None = None) -> RawText:
    """``encoding``: the user's answer for text files (``--encoding``); a .docx knows its own."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(path, f"cannot import {suffix or 'a file without suffix'} files; qda reads {', '.join(SUFFIXES)}")
    refuse_database_in_use(path, "a transcript", IngestError)
    if suffix == ".docx":
        document = read_docx_text(path)
        return RawText(document.text, "docx", speakers=document.speakers, warnings=document.warnings)
    try:
        raw = read_whole(path)
    except OSError as error:
        raise IngestError(path, f"cannot read the file ({error.strerror})") from error
    if raw[:4] == b"PK\x03\x04":
        raise IngestError(path, f"a zip or Office file, not {suffix} text")
    warnings: list[str] = []
    text, used = decode(raw, path, encoding, warnings=warnings)
    text = terminal_controls_mended(unseen_breaks_mended(text, warnings), warnings)
    if suffix in (".vtt", ".srt"):
        subtitles = read_subtitles(text, path, suffix)
        return RawText(subtitles.text, used, subtitles.cues, subtitles.speakers, warnings + subtitles.warnings)
    return RawText(text, used, warnings=warnings)


def read_docx(path: Path) -> str:
    """The text of a .docx (for REFI-QDA sources, which carry no speakers)."""
    return read_docx_text(path).text
