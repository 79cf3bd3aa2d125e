"""A Word .docx to text: the body as Word shows it, with every change accepted.

The file is a zip from someone else's machine, checked like a .qdpx before
anything is inflated (``qda.export.refi.safety``: entry count, sizes, ratio)
and its XML parsed with DTDs and entities refused.  qda walks the document
XML itself rather than python-docx's paragraphs, which drop the text of
tracked insertions, content controls and text boxes.

Kept, in reading order: paragraphs; tables (a row is one line, its cells
joined by `` | ``); content controls (``w:sdt``), smart tags, custom XML,
hyperlinks; the shown result of fields (not their codes); text boxes (after
the paragraph they are anchored in); tracked insertions and moves (``w:ins``,
``w:moveTo``).  Left out: tracked deletions (``w:del``, ``w:moveFrom``),
headers, footers, footnotes and comments (other parts of the zip), and the
numbers Word draws before a list's paragraphs; the text of the headers and
footers the sections print, the footnote and comment references and the
numbered paragraphs are named in warnings (``docx_parts``).
A bold name that opens a paragraph and ends in a colon is a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import FileError, IngestError
from .docx_parts import OFF, Parts, numbered

MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MAX_TOTAL = 1024**3          # 1 GiB uncompressed in all
MAX_DOCUMENT = 256 * 1024**2  # the document part: 256 MiB of XML is some 50 million words
OFFICE_DOCUMENT = re.compile(r'<Relationship\b[^>]*Type="[^"]*/officeDocument"[^>]*Target="([^"]+)"'
                             r'|<Relationship\b[^>]*Target="([^"]+)"[^>]*Type="[^"]*/officeDocument"')
SYMBOL_FONT = {  # Adobe's Symbol font (w:sym w:font="Symbol" w:char="F0B3" is "≥"): its letters, signs and arrows
    **{0x41 + i: ch for i, ch in enumerate("ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ")},
    **{0x61 + i: ch for i, ch in enumerate("αβχδεφγηιϕκλμνοπθρστυϖωξψζ")},
    **{code: chr(code) for code in range(0x20, 0x40)},
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
    0xA2: "′", 0xA3: "≤", 0xA5: "∞", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑",
    0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB6: "∂", 0xB7: "•", 0xB8: "÷",
    0xB9: "≠", 0xBB: "≈", 0xBC: "…", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xCE: "∈", 0xCF: "∉", 0xD1: "∇", 0xD2: "®",
    0xD3: "©", 0xD4: "™", 0xD5: "∏", 0xD6: "√", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDE: "⇒",
    0xE0: "◊", 0xE5: "∑", 0xF2: "∫",
}


@dataclass
class DocxText:
    text: str
    speakers: frozenset[str] = frozenset()
    warnings: list[str] = field(default_factory=list)


def read_docx_text(path: Path) -> DocxText:
    from ..export.refi.safety import open_archive, parse_xml  # the .qdpx checks, imported when a .docx comes

    try:
        with open_archive(path, max_total=MAX_TOTAL) as archive:
            name = _main_part(archive)
            if name is None and archive.name_in_any_case("content.xml") is not None:
                raise IngestError(path, "an OpenDocument text (.odt), not a Word document: open it in LibreOffice "
                                        "or Word and save it as .docx")
            if name is None:
                raise IngestError(path, "not a Word document (the zip holds no word/document.xml)")
            if archive.entries[name].file_size > MAX_DOCUMENT:
                raise IngestError(path, f"refused: the document part is over {MAX_DOCUMENT // 1024**2} MiB uncompressed")
            root = parse_xml(archive.read(name), path, name)
            namespace = STRICT if root.tag.startswith("{" + STRICT) else MAIN
            parts = Parts(archive, path, name, "{" + namespace + "}")
            page_text = parts.page_text(root)
            numbering = parts.numbering()
            if numbering:
                parts.keep("styles")  # parsed after the walk, only if a styled paragraph may be numbered
    except IngestError:
        raise
    except FileError as error:
        if error.problem.startswith("not a readable zip"):
            raise IngestError(path, _not_a_zip(path)) from error
        raise IngestError(path, error.problem) from error
    walker = _Walker("{" + namespace + "}")
    body = root.find(walker.w + "body")
    if body is None:
        raise IngestError(path, "not a Word document (no body in word/document.xml)")
    try:
        walker.block(body)
    except RecursionError:  # the walk follows the XML's nesting, which only a damaged or hostile file takes so deep
        raise IngestError(path, f"refused: {name} nests its elements (tables in tables, fields, tracked changes) "
                                "deeper than any word processor writes; the file is damaged or made to "
                                "harm: open it in Word or LibreOffice and save it again") from None
    if walker.chunks:  # Word turns them into its own paragraphs when it saves the file
        raise IngestError(path, f"holds {walker.chunks} part(s) in another format (w:altChunk, as web and mail "
                                "programs write) whose text qda cannot read; open the file in Word or LibreOffice "
                                "and save it as .docx again")
    if walker.fields:
        raise IngestError(path, "a field (w:fldChar) is opened and never closed, which would hide the text after "
                                "it; the file is damaged: open it in Word or LibreOffice and save it again")
    text = "\n\n".join(walker.blocks)
    if not text.strip():
        raise IngestError(path, "the .docx holds no text")
    warnings = []
    if walker.hidden:
        warnings.append(f"has {walker.hidden} run(s) of hidden text (Word's \"Hidden\" font effect), left out as Word "
                        "shows the document; unhide them in Word and import again if they are part of the transcript")
    if walker.equations:
        warnings.append(f"has {walker.equations} equation(s), imported as their characters in a line "
                        "(a fraction's parts one after the other)")
    if page_text:
        warnings.append(f"has text in its page headers or footers ({page_text!r}), left out: Word prints it on every "
                        "page, outside the transcript; copy it into the document if it belongs to it")
    if walker.notes:
        warnings.append(f"has {walker.notes} footnote or endnote reference(s); the notes' text is not imported")
    numbers = numbered(walker.listed, numbering, parts.style_lists) if walker.listed and numbering else 0
    if numbers:
        warnings.append(f"has {numbers} paragraph(s) numbered by Word's automatic numbering (1., a), ii.); the "
                        "numbers are not part of the imported text, only the paragraphs' words: type them in if the "
                        "analysis needs them")
    if walker.boxed:
        warnings.append(f"has {walker.boxed} text box(es) with words, each imported after the paragraph it is "
                        "anchored in (Word may show it anywhere on the page); check whose turn their words fall in")
    if walker.comments:
        warnings.append(f"has {walker.comments} comment(s) in the margin; their text is not imported (the commented "
                        "words are); copy a comment into the text, or into a memo, if it belongs to the transcript")
    if walker.unknown_symbols:
        fonts = ", ".join(f"{count} in {font}" for font, count in walker.unknown_symbols.items())
        warnings.append(f"has symbol-font characters with no Unicode equivalent ({fonts}), imported as the replacement character \ufffd")
    if walker.insertions or walker.deletions:
        warnings.append(f"had unaccepted tracked changes ({walker.insertions} insertion(s), {walker.deletions} "
                        "deletion(s)); imported as Word shows it with all changes accepted")
    return DocxText(text, frozenset(walker.speakers), warnings)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: Word 97-2003, or Office's encryption


def _not_a_zip(path: Path) -> str:
    """What a .docx that is no zip is, by its first bytes: a .doc or an RTF renamed, a .docx with
    a password (Office encrypts it into an OLE file), or a damaged one."""
    with open(path, "rb") as handle:
        head = handle.read(512)
    if head.startswith(OLE):
        return ("an older Word document (.doc) or a .docx protected by a password, not a readable .docx: "
                "remove the password, or save it as .docx, in Word or LibreOffice")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "a Rich Text Format (RTF) document, not a .docx: open it in Word or LibreOffice and save it as .docx"
    return "not a readable .docx (damaged or truncated); open and re-save it in Word or LibreOffice"


def _main_part(archive) -> str | None:
    """The main document part named by the package relationships (most often word/document.xml)."""
    rels = archive.name_in_any_case("_rels/.rels")
    if rels is not None:
        found = OFFICE_DOCUMENT.search(archive.read(rels).decode("utf-8", "replace"))
        if found:
            target = str(PurePosixPath((found.group(1) or found.group(2)).lstrip("/")))
            named = archive.name_in_any_case(target)
            if named is not None:
                return named
    return archive.name_in_any_case("word/document.xml")


class _Walker:
    """Walks WordprocessingML in reading order, collecting blocks of text."""

    def __init__(self, w: str):
        self.w = w
        self.blocks: list[str] = []
        self.speakers: set[str] = set()
        self.insertions = self.deletions = 0
        self.fields: list[str] = []     # "code" or "result" for each open complex field
        self.join_next = False          # a paragraph mark deleted in tracked changes joins two paragraphs
        self.boxes: list = []           # text boxes met in the current paragraph
        self.boxed = 0                  # text boxes holding words, each read after its paragraph
        self.notes = 0                  # footnote and endnote references (their text is another part)
        self.comments = 0               # comment references (their text is another part)
        self.listed: list[tuple] = []   # (numId, ilvl, style) of each paragraph that may be in a Word list
        self.unknown_symbols: dict[str, int] = {}  # symbol font: how many of its characters have no Unicode
        self.hidden = 0                 # runs of hidden text (w:vanish): Word does not show them
        self.chunks = 0                 # w:altChunk: a part in another format (HTML, RTF) qda cannot read
        self.equations = 0              # Office Math: imported as the characters of its runs

    def block(self, element) -> None:
        w = self.w
        for child in element:
            tag = child.tag
            if tag == w + "p":
                self.paragraph(child)
            elif tag == w + "tbl":
                self.table(child)
            elif tag == w + "sdt":
                content = child.find(w + "sdtContent")
                if content is not None:
                    self.block(content)
            elif tag in (w + "customXml", w + "smartTag", w + "sdtContent"):
                self.block(child)
            elif tag in (w + "ins", w + "moveTo"):
                self.insertions += 1
                self.block(child)
            elif tag in (w + "del", w + "moveFrom"):
                self.deletions += 1
            elif tag == MC + "AlternateContent":
                self.block(_choice(child))
            elif tag == w + "altChunk":
                self.chunks += 1
            elif tag == MATH + "oMathPara":
                self.equations += 1
                self.blocks.append(_equation(child))

    def symbol(self, sym) -> str:
        """A ``w:sym`` character: Unicode as it is, a Symbol-font character by the Adobe Symbol
        encoding, anything else (Wingdings) U+FFFD, counted for a warning."""
        font = sym.get(self.w + "font", "")
        try:
            code = int(sym.get(self.w + "char", ""), 16)
        except ValueError:
            code = 0
        if 0x20 <= code < 0xF000 or code > 0xF0FF:
            return chr(code)
        if font.lower() == "symbol" and (code & 0xFF) in SYMBOL_FONT:
            return SYMBOL_FONT[code & 0xFF]
        self.unknown_symbols[font or "?"] = self.unknown_symbols.get(font or "?", 0) + 1
        return "\ufffd"

    def table(self, table) -> None:
        w = self.w
        rows: list[list[str]] = []
        headings = 0  # rows marked to repeat at the top of each page (Word's "Repeat as header row")
        for row in _children(table, w + "tr", w):
            properties = row.find(w + "trPr")
            if properties is not None and properties.find(w + "del") is not None:
                self.deletions += 1
                continue
            if properties is not None and properties.find(w + "tblHeader") is not None and len(rows) == headings:
                headings += 1
            cells = []
            for cell in _children(row, w + "tc", w):
                inner = _Walker(w)
                inner.fields = self.fields
                inner.block(cell)
                self.insertions += inner.insertions
                self.deletions += inner.deletions
                self.notes += inner.notes
                self.comments += inner.comments
                self.boxed += inner.boxed
                self.listed += inner.listed
                self.hidden += inner.hidden
                self.chunks += inner.chunks
                self.equations += inner.equations
                for font, count in inner.unknown_symbols.items():
                    self.unknown_symbols[font] = self.unknown_symbols.get(font, 0) + count
                self.speakers |= inner.speakers
                cells.append(" ".join(" ".join(inner.blocks).split()))
            rows.append(cells)
        lead, column, names = _speaker_column(rows, headings)
        if names and column != lead:  # NVivo's "Timespan | Content | Speaker": the name goes before the words
            rows = [cells[:lead] + cells[column:column + 1] + cells[lead:column] + cells[column + 1:] for cells in rows]
        self.speakers |= names
        self.blocks += [" | ".join(cell for cell in cells if cell) for cells in rows if any(cells)]

    def paragraph(self, paragraph) -> None:
        w = self.w
        runs: list[tuple[str, bool]] = []
        self.boxes = []
        self.inline(paragraph, runs)
        whole = "".join(part for part, _ in runs)
        text = whole.strip()
        label = _bold_label(runs)
        if label:
            self.speakers.add(label)
        if text:
            properties = paragraph.find(w + "pPr")
            if properties is not None and (properties.find(w + "numPr") is not None or properties.find(w + "pStyle") is not None):
                self.listed.append(_list_place(properties, w))
        mark = paragraph.find(f"{w}pPr/{w}rPr")
        if mark is not None and mark.find(w + "ins") is not None:
            self.insertions += 1
        if text:
            if self.join_next and self.blocks:
                self.blocks[-1] = (self.blocks[-1] + whole).rstrip()
            else:
                self.blocks.append(text)
        self.join_next = mark is not None and mark.find(w + "del") is not None
        if self.join_next:
            self.deletions += 1
        for box in self.boxes:
            before = len(self.blocks)
            self.block(box)
            self.boxed += len(self.blocks) > before

    def inline(self, element, runs: list[tuple[str, bool]]) -> None:
        w = self.w
        for child in element:
            tag = child.tag
            if tag == w + "r":
                self.run(child, runs)
            elif tag in (w + "ins", w + "moveTo"):
                self.insertions += 1
                self.inline(child, runs)
            elif tag in (w + "del", w + "moveFrom"):
                self.deletions += 1
            elif tag in (w + "hyperlink", w + "smartTag", w + "customXml", w + "fldSimple", w + "sdtContent",
                         w + "bdo", w + "dir"):
                self.inline(child, runs)
            elif tag == w + "sdt":
                content = child.find(w + "sdtContent")
                if content is not None:
                    self.inline(content, runs)
            elif tag == MC + "AlternateContent":
                self.inline(_choice(child), runs)
            elif tag in (MATH + "oMath", MATH + "oMathPara"):
                self.equations += 1
                runs.append((_equation(child), False))

    def run(self, run, runs: list[tuple[str, bool]]) -> None:
        w = self.w
        properties = run.find(w + "rPr")
        bold = False
        if properties is not None:
            flag = properties.find(w + "b")
            style = properties.find(w + "rStyle")
            bold = (flag is not None and flag.get(w + "val", "true").lower() not in OFF) or (
                style is not None and "strong" in style.get(w + "val", "").lower())
            vanish = properties.find(w + "vanish")
            if vanish is not None and vanish.get(w + "val", "true").lower() not in OFF:
                self.hidden_run(run)
                return
        for child in run:
            tag = child.tag
            if tag == w + "fldChar":
                self.field_mark(child)
            elif "code" in self.fields:  # a field's code, or a field nested in another's code
                continue
            elif tag == w + "t":
                runs.append((child.text or "", bold))
            elif tag in (w + "tab", w + "ptab"):
                runs.append(("\t", bold))
            elif tag in (w + "br", w + "cr"):
                runs.append(("\n", bold))
            elif tag == w + "noBreakHyphen":
                runs.append(("-", bold))
            elif tag == w + "sym":
                runs.append((self.symbol(child), bold))
            elif tag in (w + "footnoteReference", w + "endnoteReference"):
                self.notes += 1
            elif tag == w + "commentReference":
                self.comments += 1
            elif tag in (w + "drawing", w + "pict"):
                self.boxes += _text_boxes(child, w)
            elif tag == MC + "AlternateContent":
                self.boxes += _text_boxes(_choice(child), w)
            elif tag == w + "ruby":  # East Asian phonetic guide: the base text, not the reading above it
                base = child.find(w + "rubyBase")
                if base is not None:
                    self.inline(base, runs)

    def hidden_run(self, run) -> None:
        """A run of hidden text (``w:vanish``): Word does not show it, so neither does the transcript
        (a transcriber's hidden note may name a person); its field marks still open and close fields."""
        w = self.w
        if "code" not in self.fields and any(child.tag in (w + "t", w + "sym") for child in run):
            self.hidden += 1
        for child in run:
            if child.tag == w + "fldChar":
                self.field_mark(child)

    def field_mark(self, mark) -> None:
        """A complex field's begin, separate or end mark: what follows is its code, then its result."""
        kind = mark.get(self.w + "fldCharType")
        if kind == "begin":
            self.fields.append("code")
        elif kind == "separate" and self.fields:
            self.fields[-1] = "result"
        elif kind == "end" and self.fields:
            self.fields.pop()


def _list_place(properties, w: str) -> tuple[str | None, str | None, str | None]:
    """A paragraph's own list (``w:numPr``: its ``numId`` and ``ilvl``, either None where not given)
    and its style, whose list it follows for what it does not give itself."""
    place, style = properties.find(w + "numPr"), properties.find(w + "pStyle")
    num = place.find(w + "numId") if place is not None else None
    level = place.find(w + "ilvl") if place is not None else None
    return (num.get(w + "val") if num is not None else None, level.get(w + "val") if level is not None else None,
            style.get(w + "val") if style is not None else None)


def _equation(element) -> str:
    """An Office Math zone's characters in reading order (``m:t``): what it says, not how it is laid out."""
    return "".join(text.text or "" for text in element.iter(MATH + "t"))


def _choice(alternate):
    """The first choice of an ``mc:AlternateContent`` (its fallback repeats the same content)."""
    for child in alternate:
        if child.tag == MC + "Choice":
            return child
    return alternate.find(MC + "Fallback") if alternate.find(MC + "Fallback") is not None else []


def _text_boxes(element, w: str) -> list:
    boxes = []
    for box in element.iter(w + "txbxContent"):
        if not any(box is inner for outer in boxes for inner in outer.iter(w + "txbxContent")):
            boxes.append(box)
    return boxes


def _children(element, tag: str, w: str):
    """Children called ``tag``, also those wrapped in content controls or custom XML (rows, cells)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (w + "sdt", w + "sdtContent", w + "customXml"):
            yield from _children(child, tag, w)


SPEAKER_HEADINGS = {"speaker", "speakers", "name", "participant", "hablante", "nombre", "participante", "orador",
                    "persona", "who", "quién", "sprecher", "sprecherin", "spreker", "locuteur", "intervenant",
                    "interlocutor", "interlocutore", "locutor", "falante"}
CELL_TIME = re.compile(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?(?:\s*-\s*[\[(]?\d{1,2}:\d{2}\S*)?")


def _speaker_column(rows: list[list[str]], headings: int = 0) -> tuple[int, int, set[str]]:
    """``(lead, column, names)``: the names in a transcript table's speaker column, or no names for
    another table.  ``Speaker | Words``, ``Time | Speaker | Words`` as transcription services and
    Teams exports lay them out, or ``[ID |] Timespan | Content | Speaker`` as NVivo's transcripts
    do; ``lead`` counts the columns of times (and row numbers) first, and ``column`` is the speaker's.

    The speaker's column is the one after those, or the last.  Left out of the test: the
    heading rows (``headings`` marked to repeat on each page; a first row naming the columns,
    ``Speaker``, ``Sprecher``, or holding no time above a column of times) and rows with nothing
    beside the column (a title or a note across the table, ``[recording paused]``).  Every other
    row names a speaker there (a name-shaped label of at most 60 characters) or leaves it empty,
    as a merged cell does (and NVivo's "fill down"), for the speaker above to go on; words are
    in the row; one name is used at least twice."""
    rows = [cells for cells in rows[headings:] if any(cells)]
    lead, full = 0, [cells for cells in rows[1:] if sum(map(bool, cells)) > 1]  # not a note across the table
    while lead < 2 and len(full) > 1 and all(len(cells) > lead + 1 and _leads(cells[lead]) for cells in full):
        lead += 1
    if rows and (lead and not _leads(rows[0][lead - 1]) or any(cell.lower() in SPEAKER_HEADINGS for cell in rows[0])):
        rows = rows[1:]
    width = max((len(cells) for cells in rows), default=0)
    for column in dict.fromkeys((lead, width - 1)):
        names = _names_in([cells for cells in rows if len(cells) == width or column == lead], lead, column)
        if names:
            return lead, column, names
    return lead, lead, set()


def _leads(cell: str) -> bool:
    """A cell of a column before the speaker's: a time, a time span, a row number."""
    return bool(CELL_TIME.fullmatch(cell)) or cell.isdigit()


def _names_in(rows: list[list[str]], lead: int, column: int) -> set[str]:
    from .speakers import is_upper_label, name_tokens

    words = [cells[lead:column] + cells[column + 1:] for cells in rows]
    body = [(cells[column] if len(cells) > column else "", said) for cells, said in zip(rows, words) if any(said)]
    if len(body) < 2 or not body[0][0] or (column != lead and not lead):
        return set()  # a name last needs times first, as NVivo's rows have: "Yes | Marta" is no transcript
    if column != lead and all(is_upper_label(w) or name_tokens(w) for _, said in body for w in said if w):
        return set()  # every other cell is name-shaped too: no column of words to tell the names by
    names = [name for name, _ in body]
    if not all(not name or len(name) <= 60 and (is_upper_label(name) or name_tokens(name.replace(",", " ")) is not None)
               for name in names):  # "Huamán, Marta" as Teams names people
        return set()
    named = [name for name in names if name]
    return set(named) if len(set(named)) < len(named) else set()


def _bold_label(runs: list[tuple[str, bool]]) -> str:
    """The bold words opening a paragraph when a colon ends them or follows them
    ("**Ana Ruiz:** Thank you", "**Ana Ruiz**: Thank you", a bold "Entrevistadora:" on its own)."""
    label, count = "", 0
    for part, is_bold in runs:
        if not (is_bold or not part.strip()):
            break
        label += part
        count += 1
    rest = "".join(part for part, _ in runs[count:]).lstrip()
    label = label.strip()
    if label.endswith(":"):
        label = label[:-1].strip()
    elif not rest.startswith(":"):
        return ""
    return label if 0 < len(label) <= 60 and not any(c in label for c in ":\n\t") else ""
