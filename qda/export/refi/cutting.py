"""The project XML of a .qdpx cut into a skeleton and one piece per text source.

``cut_sources`` cuts the project XML into a skeleton (everything but the text
sources, each left as an empty placeholder) and one piece per text source, so
that the pieces can be parsed apart, in worker processes (``sources``).

A cut is made only where it is exact: the XML holds no comment, CDATA section,
processing instruction or declaration (so ``<TextSource`` can only be a tag)
and every piece lies directly inside ``<Sources>``.  Anything else, or any
piece or skeleton that does not parse, makes the caller read the whole XML in
one piece instead, which gives the same records or the authoritative error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .safety import natively_encoded

_XML_DECLARATION = re.compile(rb"<\?xml\s[^?]*\?>")
_START_TAG = re.compile(rb"""<([^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_LEADING_SPACE = re.compile(rb"\s*")
_SOURCES = re.compile(rb"<(?:[^\s/>:!?]+:)?Sources[\s/>]")
_TEXT_SOURCE = re.compile(rb"<(?:[^\s/>:!?]+:)?TextSource[\s/>]")


@dataclass
class CutProject:
    skeleton: bytes           # the project XML with each text source an empty placeholder
    pieces: list[bytes]       # the text sources' XML, in document order
    head: bytes               # what a piece needs before it to parse as the project did
    tail: bytes


def _local(qname: bytes) -> bytes:
    return qname.rpartition(b":")[2]


def cut_sources(data: bytes) -> CutProject | None:
    """The project XML cut into a skeleton and its text sources, or None where a cut would not be exact."""
    if not natively_encoded(data) or b"<!" in data:   # so no DOCTYPE or ENTITY either: it declares nothing
        return None
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    declaration = _XML_DECLARATION.match(data, position)
    prolog_end = declaration.end() if declaration else position
    if data.find(b"<?", prolog_end) >= 0:
        return None
    root = _START_TAG.match(data, _LEADING_SPACE.match(data, prolog_end).end())
    if root is None or root.group(2) or _local(root.group(1)) != b"Project":
        return None
    found = _SOURCES.search(data, root.end())
    sources = found and _START_TAG.match(data, found.start())
    if not sources or sources.group(2):
        return None
    sources_end = data.find(b"</" + sources.group(1), sources.end())
    if sources_end < 0:
        return None
    parts, pieces, last = [], [], sources.end()
    while found := _TEXT_SOURCE.search(data, last, sources_end):
        tag = _START_TAG.match(data, found.start())
        if tag is None:
            return None
        end = tag.end()
        if not tag.group(2):
            close = re.compile(b"</" + re.escape(tag.group(1)) + rb"\s*>").search(data, end, sources_end)
            if close is None:
                return None
            end = close.end()
        parts += [data[last:found.start()], b"<" + tag.group(1) + b"/>"]
        pieces.append(data[found.start():end])
        last = end
    if not pieces:
        return None
    head = data[:prolog_end] + data[root.start():root.end()] + data[sources.start():sources.end()]
    tail = b"</" + sources.group(1) + b"></" + root.group(1) + b">"
    return CutProject(data[:sources.end()] + b"".join(parts) + data[last:], pieces, head, tail)


class CutUnreadable(Exception):
    """A piece or the skeleton of a cut project did not parse: read the XML whole instead."""
