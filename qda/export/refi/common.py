"""What the reader and the writer share: namespaces, GUIDs, code descriptions and progress steps."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS_PATTERN = re.compile(r"^urn:QDA-XML:project(:.*)?$", re.IGNORECASE)
CODEBOOK_NS_PATTERN = re.compile(r"^urn:QDA-XML:codebook(:.*)?$", re.IGNORECASE)

# Ids qda derives for REFI-QDA elements it has no id of its own for (selections,
# variables, cases, notes of coding memos): stable, so exporting twice gives the same file.
DERIVED = uuid.UUID("6f1c3a52-8e0b-4c1e-9a57-2b8f4f1f6a10")


_DERIVED_BYTES = DERIVED.bytes


def derived_id(kind: str, key: str) -> str:
    """``uuid.uuid5(DERIVED, f"{kind}:{key}")``, computed without the UUID object (it is called per coding)."""
    digest = bytearray(hashlib.sha1(_DERIVED_BYTES + f"{kind}:{key}".encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


CANONICAL_GUID = _CANONICAL_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def guid(value: str | None) -> str:
    """A GUID as qda stores ids: lower case, no braces.  A value that is not a GUID
    (some tools write their own ids) becomes a stable UUID derived from it."""
    value = (value or "").strip()
    if _CANONICAL_GUID.fullmatch(value):
        return value
    try:
        return str(uuid.UUID(value.strip("{}")))
    except ValueError:
        return derived_id("foreign", value)


def split_tag(tag: str) -> tuple[str, str]:
    """``{ns}Local`` -> (ns, Local)."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


# -- code descriptions ------------------------------------------------------------------
# A REFI code has one Description; a qda code has a definition, when to use, when
# not to use and an example.  They are written as paragraphs, the three last ones
# labelled, and read back by the labels.  A paragraph inside a field that begins
# with a label (or with backslashes and a label) gets one more backslash, so that
# any text reads back exactly.

LABELS = (("when_to_use", "When to use:"), ("when_not_to_use", "When not to use:"), ("example", "Example:"))
_LABEL_TEXT = "|".join(re.escape(label[:-1]) for _, label in LABELS)
_ESCAPE = re.compile(rf"(^|\n\n)(\\*(?:{_LABEL_TEXT}):)")
_UNESCAPE = re.compile(rf"(^|\n\n)\\(\\*(?:{_LABEL_TEXT}):)")
_MARKER = re.compile(rf"(?:^|\n\n)({_LABEL_TEXT}):[ \n]?")


def join_description(definition: str, when_to_use: str, when_not_to_use: str, example: str) -> str:
    parts = []
    if definition:
        parts.append(_ESCAPE.sub(r"\1\\\2", definition))
    for (field, label), value in zip(LABELS, (when_to_use, when_not_to_use, example)):
        if value:
            parts.append(label + " " + _ESCAPE.sub(r"\1\\\2", value))
    return "\n\n".join(parts)


def split_description(text: str) -> dict[str, str]:
    """The inverse of ``join_description``; other tools' descriptions become the definition."""
    fields = {"definition": "", "when_to_use": "", "when_not_to_use": "", "example": ""}
    by_label = {label[:-1]: field for field, label in LABELS}
    markers = list(_MARKER.finditer(text))
    current, position = "definition", 0
    for marker in markers:
        _append(fields, current, text[position:marker.start()])
        current, position = by_label[marker.group(1)], marker.end()
    _append(fields, current, text[position:])
    return {k: _UNESCAPE.sub(r"\1\2", v) for k, v in fields.items()}


def _append(fields: dict[str, str], field: str, value: str) -> None:
    fields[field] = f"{fields[field]}\n\n{value}" if fields[field] else value


# Progress of a long read or write: ``progress(step, done, total)``, ``total`` None while unknown.
Progress = Callable[[str, int, int | None], None]
READING_XML, READING_SOURCES = "Reading the project XML", "Reading the sources"
READING_PROJECT, WRITING_XML, WRITING_SOURCES = "Reading the project", "Writing the project XML", "Writing the sources"


def silent(step: str, done: int, total: int | None) -> None:
    """A progress callback that shows nothing."""
