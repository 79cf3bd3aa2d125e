"""Readers: a transcript file to raw text (and, for subtitles, its cues).

Each reader returns text that ``qda.text.canonical`` then normalises.
Subtitle readers also return cue spans in that text: the text they build
is already canonical, so the spans hold.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IngestError
from ..model import Cue
from .encoding import decode

SUFFIXES = (".txt", ".md", ".docx", ".vtt", ".srt")


@dataclass
class RawText:
    text: str
    encoding: str
    cues: list[Cue] = field(default_factory=list)


def read(path: Path) -> RawText:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(path, f"cannot import {suffix or 'a file without suffix'} files; qda reads {', '.join(SUFFIXES)}")
    if suffix == ".docx":
        return RawText(read_docx(path), "docx")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IngestError(path, f"cannot read the file ({error.strerror})") from error
    if raw[:4] == b"PK\x03\x04":
        raise IngestError(path, f"a zip or Office file, not {suffix} text")
    text, encoding = decode(raw, path)
    if suffix in (".vtt", ".srt"):
        return read_subtitles(text, encoding, path, suffix)
    return RawText(text, encoding)


def read_docx(path: Path) -> str:
    """Body paragraphs and tables in document order; a table row becomes one line, cells split by " | "."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise IngestError(path, "not a readable .docx (damaged or truncated); open and re-save it in Word or LibreOffice") from error
    except Exception as error:  # python-docx raises assorted errors for damaged parts
        raise IngestError(path, f"not a readable .docx ({type(error).__name__}: {error})") from error
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                line = " | ".join(cells).strip(" |")
                if line:
                    blocks.append(line)
        else:
            text = item.text.strip()
            if text:
                blocks.append(text)
    if not blocks:
        raise IngestError(path, "the .docx holds no text")
    return "\n\n".join(blocks)


TIMING = re.compile(
    r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?P<end>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
TAG = re.compile(r"</?[^>]*>")
SPEAKER_PREFIX = re.compile(r"^\s*([^\W\d][\w .'-]{0,40}?):\s+")


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return hours * 3600 + minutes * 60 + seconds


def read_subtitles(text: str, encoding: str, path: Path, suffix: str) -> RawText:
    """WebVTT or SRT cues to turns: one paragraph per run of cues by one speaker, "SPEAKER: text".

    The speaker comes from a ``<v Name>`` voice tag or a leading "Name:"; a cue
    without either continues the previous speaker."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    if suffix == ".vtt" and not lines[0].startswith("WEBVTT"):
        raise IngestError(path, "not WebVTT: the first line must be 'WEBVTT'")
    cues_raw: list[tuple[float, float, str | None, str, int]] = []
    i = 0
    while i < len(lines):
        match = TIMING.match(lines[i])
        if not match:
            i += 1
            continue
        line_number = i + 1
        start, end = _seconds(match["start"]), _seconds(match["end"])
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip():
            body.append(lines[i].strip())
            i += 1
        content = " ".join(body)
        speaker = None
        voice = VOICE.search(content)
        if voice:
            speaker = voice.group(1).strip()
        content = " ".join(TAG.sub("", content).split())
        if speaker is None:
            prefix = SPEAKER_PREFIX.match(content)
            if prefix:
                speaker = prefix.group(1).strip()
                content = content[prefix.end():]
        if end < start:
            raise IngestError(path, f"line {line_number}: the cue ends before it starts")
        if content:
            cues_raw.append((start, end, speaker, content, line_number))
    if not cues_raw:
        raise IngestError(path, "no subtitle cues found (lines like '00:00:01.000 --> 00:00:04.000')")
    paragraphs: list[str] = []
    cues: list[Cue] = []
    offset = 0
    current: str | None = None
    for start, end, speaker, content, _ in cues_raw:
        speaker = speaker or current
        if paragraphs and speaker == current:
            offset += 1
            paragraphs[-1] += " "
            cue_start = offset
            paragraphs[-1] += content
            offset += len(content)
        else:
            if paragraphs:
                offset += 2  # the blank line between paragraphs
            label = f"{speaker}: " if speaker else ""
            paragraphs.append(label + content)
            cue_start = offset + len(label)
            offset += len(label) + len(content)
        cues.append(Cue(cue_start, offset, start, end))
        current = speaker
    return RawText("\n\n".join(paragraphs), encoding, cues)
