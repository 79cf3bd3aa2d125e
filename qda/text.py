"""Canonical text, and the measures and names every part of qda shares.

A document's canonical text is NFC-normalised, has ``\\n`` line endings and no
byte-order mark.  Offsets everywhere in qda are code-point offsets into it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def canonical(text: str) -> str:
    """NFC, ``\\n`` line endings, no BOM: the one form offsets refer to."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_name(value: str | None) -> str:
    """A name read from someone else's file (a code, a source, a user), stripped and NFC: tools on
    macOS may write "í" as "i" + U+0301, and a name kept so is not found when typed in a command."""
    return unicodedata.normalize("NFC", (value or "").strip())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    """Words as runs of letters and digits, joined by inner hyphens or apostrophes."""
    return len(WORD.findall(text))  # 15% faster than counting finditer's matches (1M words: 0.32 s, 0.38 s)


def free_name(name: str, taken: set[str], key: Callable[[str], str] = str) -> str:
    """``name``, else ``name (2)``, ``name (3)``…: the first whose ``key`` is not in ``taken``,
    which it is then added to (documents, codes and coders that arrive under a name in use)."""
    unique, number = name, 2
    while key(unique) in taken:
        unique, number = f"{name} ({number})", number + 1
    taken.add(key(unique))
    return unique
