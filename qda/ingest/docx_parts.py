"""The parts of a .docx around its body that change what a page shows: the headers and footers its
sections print, and the list numbering Word draws before paragraphs.

Each is found as Word finds it, through the main part's relationships
(``word/_rels/document.xml.rels``), whatever the part is called: the header part "could be named
anything but it is often named header1" (python-docx's analysis of the header part).  The import
leaves both out of the transcript and says them (``docx_reader``).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFF = ("0", "false", "off")
MAX_PART = 256 * 1024**2  # as the document part: larger is no part Word wrote
UNNUMBERED = ("bullet", "none")  # list formats that draw no number


class Parts:
    """The parts the main part ``main`` of an open .docx ``archive`` names, read on demand; ``w`` is
    the WordprocessingML namespace in braces."""

    def __init__(self, archive, path: Path, main: str, w: str):
        self.archive, self.path, self.w = archive, path, w
        self.targets = _relationships(archive, path, main)
        self.kept: dict[str, bytes] = {}

    def read(self, kind: str, rid: str | None = None):
        """The parsed part of ``kind`` (and relationship id), or None if there is none."""
        from ..export.refi.safety import parse_xml

        name = self.targets.get((kind, rid))
        if name is None:
            return None
        data = self.kept.get(kind) if rid is None else None
        if data is None:
            if self.archive.entries[name].file_size > MAX_PART:
                return None
            data = self.archive.read(name)
        return parse_xml(data, self.path, name)

    def keep(self, kind: str) -> None:
        """Read the part of ``kind`` now, while the archive is open, to parse it later only if it is
        needed (a styles part runs to hundreds of KiB of latent styles: 40 ms to parse)."""
        name = self.targets.get((kind, None))
        if name is not None and self.archive.entries[name].file_size <= MAX_PART:
            self.kept[kind] = self.archive.read(name)

    def page_text(self, root) -> str:
        """The text of the headers and footers Word prints on the document's pages, joined by " / "
        (shortened), without what fields show there (page numbers, dates, the file name) and a line
        of fields and at most three words around them ("Página 3 de 9"): the words a person wrote
        there, such as "Entrevista 5 - Fiscalía de Huamanga", which the import leaves out.

        The parts are those the sections name (``w:headerReference``/``w:footerReference`` in each
        ``w:sectPr``): a first-page one only where the section has ``w:titlePg``, an even-page one
        only where the settings have ``w:evenAndOddHeaders``, as Word prints them; a part no
        section names is not printed, nor said."""
        found: list[str] = []
        for part in self.page_parts(root):
            w = part.tag[:part.tag.index("}") + 1] if part.tag.startswith("{") else ""
            for words, fields in _paragraphs(part, w):
                if words and words not in found and not (fields and len(words.split()) <= 3):  # "Página 3 de 9"
                    found.append(words)
        joined = " / ".join(found)
        return joined if len(joined) <= 80 else joined[:79] + "…"

    def page_parts(self, root) -> list:
        """The header and footer parts the sections print, headers first, in the order the sections
        name them.  A section naming no part of a kind and type goes on with the previous section's,
        as Word does."""
        w = self.w
        settings = self.read("settings")
        flag = settings.find(f".//{w}evenAndOddHeaders") if settings is not None else None
        even = flag is not None and flag.get(w + "val", "true").lower() not in OFF
        old = {id(inner) for change in root.iter(w + "sectPrChange") for inner in change.iter(w + "sectPr")}
        current: dict[tuple[str, str], str] = {}
        shown: dict[str, list[str]] = {"header": [], "footer": []}
        for section in root.iter(w + "sectPr"):
            if id(section) in old:  # a tracked change's former section properties
                continue
            for reference in section:
                kind = {w + "headerReference": "header", w + "footerReference": "footer"}.get(reference.tag)
                rid = next((value for key, value in reference.attrib.items() if key.endswith("}id")), None)
                if kind and (kind, rid) in self.targets:
                    current[kind, reference.get(w + "type", "default")] = rid
            title = section.find(w + "titlePg")
            pages = {"default", *(["first"] if title is not None and title.get(w + "val", "true").lower() not in OFF
                                  else []), *(["even"] if even else [])}
            for (kind, page), rid in current.items():
                if page in pages and rid not in shown[kind]:
                    shown[kind].append(rid)
        parts = [self.read(kind, rid) for kind in ("header", "footer") for rid in shown[kind]]
        return [part for part in parts if part is not None]

    def numbering(self) -> dict[str, dict[str, str]]:
        """``numId`` -> ``ilvl`` -> the number format Word draws at that level of that list
        (``decimal``, ``lowerLetter``, ``bullet``, ...), from the numbering part; an override's
        own level replaces the abstract list's."""
        w = self.w
        part = self.read("numbering")
        if part is None:
            return {}
        abstract = {item.get(w + "abstractNumId"): _levels(item, w) for item in part.findall(w + "abstractNum")}
        lists: dict[str, dict[str, str]] = {}
        for item in part.findall(w + "num"):
            ref = item.find(w + "abstractNumId")
            levels = dict(abstract.get(ref.get(w + "val") if ref is not None else None, {}))
            for override in item.findall(w + "lvlOverride"):
                levels.update(_levels(override, w))
            lists[item.get(w + "numId")] = levels
        return lists


    def style_lists(self) -> dict[str, tuple[str | None, str | None]]:
        """Paragraph style id -> the ``numId`` and ``ilvl`` its ``w:numPr`` gives (Word's "List Number"
        style), each taken from the style it is based on where it gives none itself."""
        w = self.w
        part = self.read("styles")
        if part is None:
            return {}
        own: dict[str, tuple[str | None, str | None, str | None]] = {}
        for style in part.findall(w + "style"):
            place, based = style.find(f"{w}pPr/{w}numPr"), style.find(w + "basedOn")
            num = place.find(w + "numId") if place is not None else None
            level = place.find(w + "ilvl") if place is not None else None
            own[style.get(w + "styleId")] = (num.get(w + "val") if num is not None else None,
                                             level.get(w + "val") if level is not None else None,
                                             based.get(w + "val") if based is not None else None)
        found = {}
        for style_id in own:
            num = level = None
            seen, current = set(), style_id
            while current in own and current not in seen and (num is None or level is None):  # a loop of basedOn ends
                seen.add(current)
                own_num, own_level, current = own[current]
                num, level = num if num is not None else own_num, level if level is not None else own_level
            if num is not None:
                found[style_id] = (num, level)
        return found


def _levels(element, w: str) -> dict[str, str]:
    found = {}
    for level in element.findall(w + "lvl"):
        fmt = level.find(w + "numFmt")
        found[level.get(w + "ilvl", "0")] = fmt.get(w + "val", "decimal") if fmt is not None else "decimal"
    return found


def numbered(paragraphs: list[tuple], lists: dict[str, dict[str, str]], style_lists) -> int:
    """How many of ``paragraphs`` (their own ``numId`` and ``ilvl``, None where not given, and
    style) Word draws a number or letter before (not a bullet): what the paragraph does not give
    comes from its style's list (``style_lists()``, called only if a paragraph needs it);
    ``numId`` 0, or a list the numbering part lacks, draws nothing."""
    if not any(format not in UNNUMBERED for levels in lists.values() for format in levels.values()):
        return 0
    count, styles = 0, None
    for num, level, style in paragraphs:
        if style and (num is None or level is None) and styles is None:
            styles = style_lists()
        style_num, style_level = styles.get(style, (None, None)) if style and styles else (None, None)
        num, level = num if num is not None else style_num, level if level is not None else style_level
        if num is not None and lists.get(num, {}).get(level or "0", "none") not in UNNUMBERED:
            count += 1
    return count


def _relationships(archive, path: Path, main: str) -> dict[tuple[str, str | None], str]:
    """``(kind, id)`` -> archive name of the main part's header and footer relationships, and
    ``(kind, None)`` of its settings, numbering and styles, from ``word/_rels/document.xml.rels``; targets
    outside the zip are left out."""
    from ..export.refi.safety import parse_xml

    folder, _, base = main.rpartition("/")
    rels = archive.name_in_any_case(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
    found: dict[tuple[str, str | None], str] = {}
    if rels is None:
        return found
    for relationship in parse_xml(archive.read(rels), path, rels).iter(RELATIONSHIP):
        kind = relationship.get("Type", "").rpartition("/")[2]
        target = relationship.get("Target", "")
        if kind not in ("header", "footer", "settings", "numbering", "styles") or relationship.get("TargetMode") == "External":
            continue
        named = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        named = archive.name_in_any_case(named)
        if named is not None:
            found[kind, relationship.get("Id") if kind in ("header", "footer") else None] = named
    return found


def _paragraphs(part, w: str):
    """``(words, holds a field)`` of each paragraph of a header or footer part, in reading order:
    a text box's paragraphs on their own after the paragraph it is anchored in, not inside its words."""
    for paragraph in _outer(part, w + "p", w + "txbxContent"):
        yield _written(paragraph, w)
        for box in _outer(paragraph, w + "txbxContent", w + "txbxContent"):
            yield from _paragraphs(box, w)


def _outer(element, tag: str, fence: str):
    """Descendants called ``tag`` of ``element`` that are not inside a ``fence`` below it, nor
    inside another ``tag``."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag != fence:
            yield from _outer(child, tag, fence)


def _written(paragraph, w: str) -> tuple[str, bool]:
    """The words of ``paragraph``'s runs, spaces collapsed, but those inside a field (``w:fldSimple``, or a
    complex field from its ``w:fldChar`` begin to its end): a page number is not a person's words; and
    whether the paragraph holds a field."""
    boxed = {id(node) for box in paragraph.iter(w + "txbxContent") for node in box.iter()}
    in_simple = {id(text) for simple in paragraph.iter(w + "fldSimple") for text in simple.iter(w + "t")}
    texts, depth, fields = [], 0, next(paragraph.iter(w + "fldSimple"), None) is not None
    for node in paragraph.iter():
        if id(node) in boxed:  # a text box's words are its own paragraphs
            continue
        if node.tag == w + "fldChar":
            kind = node.get(w + "fldCharType")
            fields = True
            depth += 1 if kind == "begin" else -1 if kind == "end" and depth else 0
        elif node.tag == w + "t" and depth == 0 and id(node) not in in_simple:
            texts.append(node.text or "")
    return " ".join("".join(texts).split()), fields
