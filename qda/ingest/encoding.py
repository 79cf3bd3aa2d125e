"""Bytes to text: Unicode with or without a BOM, and legacy encodings detected and reported."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import IngestError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes, path: str | Path) -> tuple[str, str]:
    """(text, encoding name).  Refuses empty and binary files with a clear reason."""
    if not raw.strip():
        raise IngestError(path, "the file is empty")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise IngestError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding} ({error.reason})") from error
    if b"\x00" in raw:
        raise IngestError(path, "a binary file, not text (it contains NUL bytes); give a .txt, .md, .docx, .vtt or .srt transcript")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise IngestError(path, "the text encoding could not be recognised; save it as UTF-8")
    text = str(best)
    if _looks_binary(text):
        raise IngestError(path, "a binary file, not text; give a .txt, .md, .docx, .vtt or .srt transcript")
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.01 * max(1, len(text[:4096]))

