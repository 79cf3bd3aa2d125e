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
OTHER_FORMATS = {  # documents of word processors qda does not read: each is saved as .docx by the program that made it
    ".odt": "OpenDocument text", ".fodt": "OpenDocument text", ".rtf": "Rich Text Format",
    ".doc": "Word 97-2003", ".docm": "Word with macros", ".dotx": "Word template", ".wpd": "WordPerfect",
    ".pages": "Apple Pages", ".wps": "Works", ".pdf": "PDF",
}


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
    if suffix in OTHER_FORMATS:
        save = ("copy its text into a .txt file" if suffix == ".pdf"
                else "open it in Word or LibreOffice and save it as .docx (Word document)")
        raise IngestError(path, f"cannot import {suffix} files ({OTHER_FORMATS[suffix]}): {save}; qda reads "
                                f"{', '.join(SUFFIXES)}")
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
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":  # TextEdit's default, renamed; read as text it is all markup
        raise IngestError(path, f"a Rich Text Format (RTF) document, not {suffix} text: open it in Word, LibreOffice "
                                "or TextEdit and save it as .docx or as plain text")
    warnings: list[str] = []
    text, used = decode(raw, path, encoding, warnings=warnings)
    text = terminal_controls_mended(unseen_breaks_mended(text, warnings), warnings)
    if suffix in (".vtt", ".srt"):
        subtitles = read_subtitles(text, path, suffix)
        return RawText(subtitles.text, used, subtitles.cues, subtitles.speakers, warnings + subtitles.warnings)
    return RawText(text, used, warnings=warnings)
