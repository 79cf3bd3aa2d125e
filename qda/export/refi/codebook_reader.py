"""REFI-QDA's codebook in: a .qdc file to a Codebook, and the ``<Codes>`` tree a .qdpx holds too.

Lenient where the meaning is clear (any urn:QDA-XML:codebook namespace version, a colour
written #RGB, a code named with '>' or like a sibling, a code set qda has no place for), and
says what it adjusted; strict where a guess would lose codes (a guid used twice, no codes).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from ...files import read_whole, refuse_database_in_use
from ...model import COLOUR, MAX_CODE_DEPTH, Code, Codebook
from ...text import free_name, read_name
from .common import CODEBOOK_NS_PATTERN, guid, split_description
from .read_report import ReadReport
from .safety import RefiError, parse_xml
from .xmltree import kid, kids, strip_namespaces, text_of

HEX3 = re.compile(r"^#([0-9A-Fa-f]{3})$")


def _colour(value: str | None, code_name: str, report: ReadReport) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    short = HEX3.match(value)
    if short:
        value = "#" + "".join(ch * 2 for ch in short.group(1))
    if COLOUR.match(value):
        return value.upper()
    report.adjusted.append(f"code {code_name!r}: colour {value!r} is not #RRGGBB; left without a colour")
    return ""


def read_codes(codes_element: Element | None, report: ReadReport, path: Path) -> list[Code]:
    """The code tree of a ``<Codes>`` element (a .qdc's, or a .qdpx's ``<CodeBook>``), parents before
    children in file order; a name made fit or unique among its siblings is said in ``report``."""
    codes: list[Code] = []
    seen: set[str] = set()

    def walk(parent: Element, parent_id: str | None, parent_label: str) -> None:
        names: set[str] = set()
        for position, element in enumerate(kids(parent, "Code")):
            code_id = guid(element.get("guid"))
            raw_name = read_name(element.get("name"))
            name = raw_name.replace(">", "›") or "(unnamed code)"
            if name != raw_name:
                report.adjusted.append(f"code {raw_name!r} renamed {name!r} (qda paths use '>', and a code needs a name)")
            unique = free_name(name, names, str.casefold)
            if unique != name:
                report.adjusted.append(f"code {name!r} under {parent_label}: a sibling has that name; renamed {unique!r}")
            if code_id in seen:
                raise RefiError(path, f"the code guid {element.get('guid')} appears twice in the codebook")
            seen.add(code_id)
            fields = split_description(text_of(kid(element, "Description")))
            codes.append(Code(id=code_id, name=unique, parent_id=parent_id, colour=_colour(element.get("color"), unique, report),
                              position=position, **fields))
            walk(element, code_id, repr(unique))

    if codes_element is not None:
        _refuse_deep_nesting(codes_element, path)
        walk(codes_element, None, "the top level")
    return codes


def _refuse_deep_nesting(codes_element: Element, path: Path) -> None:
    """Refuse codes nested past MAX_CODE_DEPTH, measured without recursion before they are read."""
    stack = [(codes_element, 0)]
    while stack:
        element, depth = stack.pop()
        for code in kids(element, "Code"):
            if depth + 1 > MAX_CODE_DEPTH:
                raise RefiError(path, f"codes nested more than {MAX_CODE_DEPTH} levels deep (code "
                                      f"{read_name(code.get('name'))!r}); a codebook is a tree of a few levels")
            stack.append((code, depth + 1))


def read_qdc(path: str | Path) -> tuple[Codebook, ReadReport]:
    """A REFI-QDA codebook file (.qdc, any urn:QDA-XML:codebook version) as a Codebook."""
    path = Path(path)
    refuse_database_in_use(path, "a .qdc codebook", RefiError)
    try:
        data = read_whole(path)
    except OSError as error:
        raise RefiError(path, f"cannot read the file ({error.strerror})") from error
    if data[:4] == b"PK\x03\x04":
        raise RefiError(path, "a zip archive, not a .qdc codebook (a .qdpx project? use `qda init --from`)")
    root = parse_xml(data, path, "the codebook")
    strip_namespaces(root, CODEBOOK_NS_PATTERN, path, "codebook")
    if root.tag != "CodeBook":
        raise RefiError(path, f"the root element is <{root.tag}>, not <CodeBook>")
    report = ReadReport(path)
    codes = read_codes(kid(root, "Codes"), report, path)
    if not codes:
        raise RefiError(path, "the codebook holds no codes")
    sets = kid(root, "Sets")
    if sets is not None and len(sets):
        report.skipped.append(f"{len(sets)} code set(s): qda has no code sets")
    return Codebook(codes=tuple(codes)), report
