"""REFI-QDA in: a .qdpx project to ProjectRecords, a .qdc codebook to a Codebook.

Lenient where the meaning is clear (any urn:QDA-XML namespace version, the one
.qde whatever its name, ``sources/`` in any case, elements the schema forbids
but that carry nothing, such as an empty ``<Sets/>``), and says what it
adjusted; strict where a guess would put codings on the wrong text (a
selection outside its source, a coding naming an unknown code or user).
"""

from __future__ import annotations

import gc
import re
import tempfile
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from xml.etree.ElementTree import Element

import numpy as np

from ...errors import QdaError
from ...ingest import segment
from ...ingest.importer import guess_language, language_code
from ...ingest.parsed import ParsedDocument
from ...model import Code, Codebook, Coder, Coding, Memo, Span, Turn
from ...parallel import OrderedPool
from ...store.actions import now
from ...store.records import ProjectRecords
from .common import (
    CANONICAL_GUID,
    CODEBOOK_NS_PATTERN,
    PROJECT_NS_PATTERN,
    READING_SOURCES,
    READING_XML,
    Progress,
    derived_id,
    guid,
    silent,
    split_description,
    split_tag,
)
from .positions import DESCRIPTIONS, Detection, Positions, detect
from .safety import Archive, RefiError, open_archive, parse_xml


UNKNOWN_CODER = "imported (no user named)"
HEX3 = re.compile(r"^#([0-9A-Fa-f]{3})$")
HEX6 = re.compile(r"^#[0-9A-Fa-f]{6}$")
XML_BYTES_PER_SOURCE = 20_000  # a short interview's text and codings, to guess the number of sources
NON_TEXT = {"PictureSource": "a picture", "PDFSource": "a PDF", "AudioSource": "audio", "VideoSource": "video"}


@dataclass
class ReadReport:
    """What an import read, adjusted and left out, for the CLI to print."""

    file: Path
    created: str = ""                                           # the project's creationDateTime
    conventions: dict[str, str] = field(default_factory=dict)   # document name -> convention used
    adjusted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _unique_name(name: str, taken: set[str], key=lambda text: text) -> str:
    """``name``, else ``name (2)``, ``name (3)``…: the first whose ``key`` is not in ``taken``, then taken."""
    unique, number = name, 2
    while key(unique) in taken:
        unique, number = f"{name} ({number})", number + 1
    taken.add(key(unique))
    return unique


def _strip_namespaces(root: Element, pattern: re.Pattern[str], path: Path, what: str) -> None:
    ns, local = split_tag(root.tag)
    if not pattern.match(ns):
        raise RefiError(path, f"the root element is {{{ns}}}{local}, not a REFI-QDA {what} (namespace urn:QDA-XML:{what}:1.0)")
    local_names: dict[str, str] = {}
    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str) and tag.startswith("{"):
            local = local_names.get(tag)
            if local is None:
                local = local_names[tag] = tag.rpartition("}")[2]
            element.tag = local


def _kids(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [child for child in element if child.tag == name]


def _kid(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for child in element:
        if child.tag == name:
            return child
    return None


def _text(element: Element | None) -> str:
    return "" if element is None or element.text is None else element.text


def _colour(value: str | None, code_name: str, report: ReadReport) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    short = HEX3.match(value)
    if short:
        value = "#" + "".join(ch * 2 for ch in short.group(1))
    if HEX6.match(value):
        return value.upper()
    report.adjusted.append(f"code {code_name!r}: colour {value!r} is not #RRGGBB; left without a colour")
    return ""


def _read_codes(codes_element: Element | None, report: ReadReport, path: Path) -> list[Code]:
    codes: list[Code] = []
    seen: set[str] = set()

    def walk(parent: Element, parent_id: str | None, parent_label: str) -> None:
        names: set[str] = set()
        for position, element in enumerate(_kids(parent, "Code")):
            code_id = guid(element.get("guid"))
            raw_name = (element.get("name") or "").strip()
            name = raw_name.replace(">", "›") or "(unnamed code)"
            if name != raw_name:
                report.adjusted.append(f"code {raw_name!r} renamed {name!r} (qda paths use '>', and a code needs a name)")
            unique = _unique_name(name, names, str.casefold)
            if unique != name:
                report.adjusted.append(f"code {name!r} under {parent_label}: a sibling has that name; renamed {unique!r}")
            if code_id in seen:
                raise RefiError(path, f"the code guid {element.get('guid')} appears twice in the codebook")
            seen.add(code_id)
            fields = split_description(_text(_kid(element, "Description")))
            codes.append(Code(id=code_id, name=unique, parent_id=parent_id, colour=_colour(element.get("color"), unique, report),
                              position=position, **fields))
            walk(element, code_id, repr(unique))

    if codes_element is not None:
        walk(codes_element, None, "the top level")
    return codes


# -- .qdc ------------------------------------------------------------------------------------


def read_qdc(path: str | Path) -> tuple[Codebook, ReadReport]:
    """A REFI-QDA codebook file (.qdc, any urn:QDA-XML:codebook version) as a Codebook."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RefiError(path, f"cannot read the file ({error.strerror})") from error
    if data[:4] == b"PK\x03\x04":
        raise RefiError(path, "a zip archive, not a .qdc codebook (a .qdpx project? use `qda init --from`)")
    root = parse_xml(data, path, "the codebook")
    _strip_namespaces(root, CODEBOOK_NS_PATTERN, path, "codebook")
    if root.tag != "CodeBook":
        raise RefiError(path, f"the root element is <{root.tag}>, not <CodeBook>")
    report = ReadReport(path)
    codes = _read_codes(_kid(root, "Codes"), report, path)
    if not codes:
        raise RefiError(path, "the codebook holds no codes")
    sets = _kid(root, "Sets")
    if sets is not None and len(sets):
        report.skipped.append(f"{len(sets)} code set(s): qda has no code sets")
    return Codebook(codes=tuple(codes)), report


# -- .qdpx ------------------------------------------------------------------------------------


@dataclass
class _Pending:
    """A text source between the two phases of reading: what stays in this process."""

    element: Element
    guid: str
    name: str
    selections: list[Element]
    starts: list[int]
    ends: list[int]
    attributes: dict[str, str]


@dataclass
class PreparedSource:
    """What a worker makes of one source: the canonical text, the detected position
    convention (None if none fits), the selections in canonical offsets, the language
    and the segmentation (``segment.segment_text``)."""

    text: str
    language: str = ""
    detection: Detection | None = None
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    length: int = 0
    segmentation: tuple = ()


def prepare_source(raw: str, starts: list[int], ends: list[int], names: list[str], language: str) -> PreparedSource:
    """The per-source work of an import, done in a worker process where there are several cores."""
    positions = Positions.of(raw)
    text = positions.canonical
    if not text.strip():
        return PreparedSource(text)
    detection = detect(positions, starts, ends, names)
    if detection is None:
        return PreparedSource(text, length=positions.length("codepoints"))
    if starts:
        cstarts, cends, _ = positions.to_canonical(detection.convention, np.array(starts), np.array(ends))
        starts, ends = cstarts.tolist(), cends.tolist()
    language = language or guess_language(text)
    return PreparedSource(text, language, detection, starts, ends, 0, segment.segment_text(text, language))


def _load_sentencizers() -> None:
    """Load spaCy before the workers fork, so that they share it rather than each loading it."""
    for language in ("en", "es"):
        segment.pipeline(language)


class _Reader:
    def __init__(self, archive: Archive, path: Path, progress: Progress):
        self.archive = archive
        self.path = path
        self.progress = progress
        self.report = ReadReport(path)
        self.by_lower = {name.lower(): name for name in archive.names()}
        self.records = ProjectRecords()
        self.coders: dict[str, Coder] = {}
        self.notes: dict[str, dict] = {}
        self.used_notes: set[str] = set()
        self.memo_parts: dict[tuple[str, str, str], list[dict]] = {}
        self.stamp = now()
        self.ids: dict[str, str] = {}                  # GUIDs as written -> as qda stores them
        self.coder_cache: dict[str | None, Coder] = {}
        self.case_values: dict[str, dict[str, str]] = {}   # source GUID -> attributes from its cases
        self.pending: deque[_Pending] = deque()            # text sources read, awaiting their prepared form

    # files inside the archive
    def member(self, reference: str, what: str) -> bytes | None:
        reference = reference.strip()
        scheme, sep, rest = reference.partition("://")
        if not sep or scheme.lower() != "internal":
            self.report.skipped.append(f"{what}: refers to {reference!r}, outside the .qdpx; qda reads only files inside it")
            return None
        rest = rest.replace("\\", "/").lstrip("/")
        for candidate in (f"sources/{rest}", rest):
            name = self.by_lower.get(candidate.lower())
            if name is not None:
                return self.archive.read(name)
        raise RefiError(self.path, f"{what} names {reference!r}, which is not in the archive")

    def decode(self, data: bytes, what: str) -> str:
        for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError as error:
                    raise RefiError(self.path, f"{what}: not valid {encoding} text") from error
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            from ...ingest.encoding import decode
            try:
                text, encoding = decode(data, f"{self.path}: {what}")
            except QdaError as error:
                raise RefiError(self.path, f"{what}: {error}") from error
            self.report.adjusted.append(f"{what}: not UTF-8 as the standard asks; read as {encoding}")
            return text

    def docx_text(self, data: bytes, what: str) -> str:
        from ...ingest.readers import read_docx
        with tempfile.TemporaryDirectory(prefix="qda-refi-") as folder:
            target = Path(folder) / "source.docx"
            target.write_bytes(data)
            try:
                return read_docx(target)
            except QdaError as error:
                raise RefiError(self.path, f"{what}: {getattr(error, 'problem', error)}") from error

    # users, notes, codes
    def coder(self, user_guid: str | None, where: str) -> Coder:
        if not user_guid:
            key = derived_id("coder", UNKNOWN_CODER)
            if key not in self.coders:
                self.coders[key] = Coder(key, UNKNOWN_CODER)
                self.report.adjusted.append(f"some items name no user; they are credited to {UNKNOWN_CODER!r}")
            return self.coders[key]
        key = guid(user_guid)
        if key not in self.coders:
            raise RefiError(self.path, f"{where} names user {user_guid}, who is not among the project's <Users>")
        return self.coders[key]

    def read_users(self, root: Element) -> None:
        names: set[str] = set()
        for element in _kids(_kid(root, "Users"), "User"):
            key = guid(element.get("guid"))
            name = (element.get("name") or element.get("id") or "").strip() or f"user {key[:8]}"
            unique = _unique_name(name, names)
            if unique != name:
                self.report.adjusted.append(f"two users are called {name!r}; the second is now {unique!r}")
            self.coders[key] = Coder(key, unique)

    def note_text(self, element: Element, what: str) -> str:
        content = _kid(element, "PlainTextContent")
        if content is not None:
            return _text(content)
        if element.get("plainTextPath"):
            data = self.member(element.get("plainTextPath"), what)
            return "" if data is None else self.decode(data, what)
        return _text(_kid(element, "Description"))

    def read_notes(self, root: Element) -> None:
        for element in _kids(_kid(root, "Notes"), "Note"):
            key = guid(element.get("guid"))
            what = f"note {element.get('name') or element.get('guid')!r}"
            self.notes[key] = {
                "id": key, "text": self.note_text(element, what).replace("\r\n", "\n"), "user": element.get("creatingUser"),
                "created": element.get("creationDateTime") or "", "modified": element.get("modifiedDateTime") or "", "what": what,
            }

    def refs(self, element: Element) -> list[dict]:
        return self.note_list(_kids(element, "NoteRef"))

    def note_list(self, note_refs: list[Element]) -> list[dict]:
        found = []
        for ref in note_refs:
            key = guid(ref.get("targetGUID"))
            note = self.notes.get(key)
            if note is None:
                self.report.adjusted.append(f"a reference to note {ref.get('targetGUID')} that the project lacks was ignored")
                continue
            self.used_notes.add(key)
            found.append(note)
        return found

    def memo(self, kind: str, target_id: str, notes: list[dict]) -> None:
        for note in notes:
            coder = self.coder(note["user"], note["what"])
            self.memo_parts.setdefault((kind, target_id, coder.id), []).append(note)

    # sources: read in two phases, so that the per-source work runs in worker processes
    def read_source(self, element: Element, pool: OrderedPool) -> None:
        """Phase one, while walking the XML: the raw text and its selections' positions go to the pool."""
        source_guid = guid(element.get("guid"))
        raw_name = (element.get("name") or "").strip() or f"source {source_guid[:8]}"
        what = f"source {raw_name!r}"
        content = _kid(element, "PlainTextContent")
        if content is not None:
            raw = _text(content)
        elif element.get("plainTextPath"):
            data = self.member(element.get("plainTextPath"), what)
            if data is None:
                return
            raw = self.decode(data, what)
        elif element.get("richTextPath"):
            reference = element.get("richTextPath")
            if not reference.lower().endswith(".docx"):
                self.report.skipped.append(f"{what}: rich text {reference!r} is not .docx and there is no plain text")
                return
            data = self.member(reference, what)
            if data is None:
                return
            raw = self.docx_text(data, what)
            self.report.adjusted.append(f"{what}: no plain text in the file; text taken from {reference}")
        else:
            self.report.skipped.append(f"{what}: holds no text")
            return
        selections = _kids(element, "PlainTextSelection")
        starts, ends, names_of = [], [], []
        for selection in selections:
            try:
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            except (TypeError, ValueError) as error:
                raise RefiError(self.path, f"{what}: selection {selection.get('guid')} has no whole-number "
                                           "startPosition and endPosition") from error
            if start > end:
                start, end = end, start
                self.report.adjusted.append(f"{what}: selection {selection.get('guid')} ends before it starts; swapped")
            starts.append(start)
            ends.append(end)
            names_of.append(selection.get("name") or _text(_kid(selection, "Description")))
        attributes = self.variable_values(element)
        for key, value in self.case_values.get(source_guid, {}).items():
            attributes.setdefault(key, value)
        pool.submit(prepare_source, raw, starts, ends, names_of, language_code(attributes.get("language", "")))
        self.pending.append(_Pending(element, source_guid, raw_name, selections, starts, ends, attributes))

    def finish_source(self, pending: _Pending, prepared: PreparedSource, names: set[str], code_ids: set[str],
                      coding_ids: set[str]) -> None:
        """Phase two, in source order: the converted positions become codings, the text a document."""
        element, source_guid, raw_name, selections = pending.element, pending.guid, pending.name, pending.selections
        what = f"source {raw_name!r}"
        text = prepared.text
        if not text.strip():
            self.report.skipped.append(f"{what}: its text is empty")
            return
        detection = prepared.detection
        if detection is None:
            starts, ends = pending.starts, pending.ends
            worst = max(range(len(ends)), key=lambda i: ends[i])
            raise RefiError(self.path, f"{what}: selection {selections[worst].get('guid')} [{starts[worst]}, {ends[worst]}) lies "
                                       f"outside the text ({prepared.length} characters) under every position convention")
        if selections:
            note = DESCRIPTIONS[detection.convention]
            if not detection.differs:
                note = "code points (all conventions agree for this text)"
            elif detection.ambiguous:
                note += "; other conventions also fit and nothing in the file tells them apart"
            self.report.conventions[raw_name] = note
        name = _unique_name(raw_name, names)
        if name != raw_name:
            self.report.adjusted.append(f"two sources are called {raw_name!r}; the second is now {name!r}")

        ids = self.ids
        coder_of = self.coder_cache
        is_guid = CANONICAL_GUID.fullmatch    # guid()'s own first test, without the call

        def add_coding(coding: Element, start: int, end: int, holder: Element, extra_notes: list[dict]) -> None:
            ref, note_refs = None, []
            for child in coding:
                if child.tag == "CodeRef":
                    ref = child
                elif child.tag == "NoteRef":
                    note_refs.append(child)
            coding_guid = coding.get("guid")
            raw_code = ref.get("targetGUID") if ref is not None else None
            code_id = ids.get(raw_code) or ids.setdefault(raw_code, guid(raw_code)) if raw_code else ""
            if code_id not in code_ids:
                raise RefiError(self.path, f"{what}: coding {coding_guid} names code "
                                           f"{raw_code or '(none)'}, which the codebook does not hold")
            raw_user = coding.get("creatingUser") or holder.get("creatingUser")
            coder = coder_of.get(raw_user)
            if coder is None:
                coder = coder_of[raw_user] = self.coder(raw_user, f"{what}: coding {coding_guid}")
            coding_id = coding_guid if coding_guid and is_guid(coding_guid) else guid(coding_guid)
            if coding_id in coding_ids:
                coding_id = derived_id("coding", f"{source_guid}:{holder.get('guid')}:{coding_guid}:{len(coding_ids)}")
                self.report.adjusted.append(f"{what}: coding guid {coding_guid} used twice; the second got a new id")
            coding_ids.add(coding_id)
            notes = self.note_list(note_refs) + extra_notes if note_refs else extra_notes
            memo = "\n\n".join(n["text"] for n in notes if n["text"]) if notes else ""
            created = coding.get("creationDateTime") or holder.get("creationDateTime") or self.stamp
            self.records.codings.append(Coding(coding_id, source_guid, code_id, coder.id, start, end, created, memo))

        for selection, start, end in zip(selections, prepared.starts, prepared.ends):
            codings, note_refs = [], []
            for child in selection:
                if child.tag == "Coding":
                    codings.append(child)
                elif child.tag == "NoteRef":
                    note_refs.append(child)
            selection_notes = self.note_list(note_refs) if note_refs else []
            if start == end:
                if codings:
                    self.report.skipped.append(f"{what}: selection {selection.get('guid')} is empty; its "
                                               f"{len(codings)} coding(s) left out")
                continue
            for coding in codings:
                add_coding(coding, start, end, selection, selection_notes)
        for coding in _kids(element, "Coding"):
            add_coding(coding, 0, len(text), element, [])
        self.memo("document", source_guid, self.refs(element))
        turns, paragraphs, sentences, words, digest = prepared.segmentation
        self.records.documents.append(ParsedDocument(
            name=name, text=text, sha256=digest, words=words, language=prepared.language, source=self.path.name,
            encoding="utf-8", turns=[Turn(*t) for t in turns], paragraphs=[Span(*s) for s in paragraphs],
            sentences=[Span(*s) for s in sentences], attributes=pending.attributes, id=source_guid,
            imported=element.get("creationDateTime") or ""))

    # variables and cases
    def read_variables(self, root: Element) -> None:
        self.variables = {guid(v.get("guid")): (v.get("name") or "").strip() for v in _kids(_kid(root, "Variables"), "Variable")}

    def variable_values(self, element: Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in _kids(element, "VariableValue"):
            ref = _kid(value, "VariableRef")
            name = self.variables.get(guid(ref.get("targetGUID"))) if ref is not None else None
            if not name:
                self.report.adjusted.append("a variable value naming no known variable was ignored")
                continue
            for child in value:
                if child.tag != "VariableRef":
                    values[name] = _text(child)
        return values

    def read_cases(self, root: Element) -> dict[str, dict[str, str]]:
        by_source: dict[str, dict[str, str]] = {}
        for case in _kids(_kid(root, "Cases"), "Case"):
            values = self.variable_values(case)
            for ref in _kids(case, "SourceRef"):
                target = by_source.setdefault(guid(ref.get("targetGUID")), {})
                for name, value in values.items():
                    target.setdefault(name, value)
            if _kids(case, "SelectionRef") or _kids(case, "CodeRef"):
                self.report.skipped.append(f"case {case.get('name')!r}: its selection and code references "
                                           "(qda's attributes belong to whole documents)")
        return by_source

    def read(self) -> ProjectRecords:
        qdes = [n for n in self.archive.names() if n.lower().endswith(".qde")]
        if not qdes:
            raise RefiError(self.path, "no project XML (.qde) in the archive; is it a REFI-QDA .qdpx?")
        if len(qdes) > 1:
            top = [n for n in qdes if "/" not in n]
            if len(top) != 1:
                raise RefiError(self.path, f"several project XML files ({', '.join(sorted(qdes))}); a .qdpx holds one")
            qdes = top
        # The pool forks before the XML is parsed, while this process is small.  Sources are
        # files in the archive or text inside the XML: either tells how many to expect.
        expected = max(len(self.archive.entries) - 1, self.archive.entries[qdes[0]].file_size // XML_BYTES_PER_SOURCE)
        with OrderedPool(expected, prepare=_load_sentencizers) as pool:
            return self._read(qdes[0], pool)

    def _read(self, qde: str, pool: OrderedPool) -> ProjectRecords:
        self.progress(READING_XML, 0, None)
        root = parse_xml(self.archive.read(qde), self.path, qde)
        _strip_namespaces(root, PROJECT_NS_PATTERN, self.path, "project")
        if root.tag != "Project":
            raise RefiError(self.path, f"{qde}: the root element is <{root.tag}>, not <Project>")
        records = self.records
        records.name = (root.get("name") or "").strip()
        records.description = _text(_kid(root, "Description"))
        self.report.created = root.get("creationDateTime") or ""
        self.read_users(root)
        self.read_notes(root)
        self.read_variables(root)
        codebook_element = _kid(root, "CodeBook")
        codes = _read_codes(_kid(codebook_element, "Codes"), self.report, self.path)
        code_ids = {c.id for c in codes}
        for code_element in (codebook_element.iter("Code") if codebook_element is not None else []):
            self.memo("code", guid(code_element.get("guid")), self.refs(code_element))
        self.case_values = self.read_cases(root)
        names: set[str] = set()
        coding_ids: set[str] = set()
        sources_element = _kid(root, "Sources")
        sources = [] if sources_element is None else list(sources_element)
        total, done = sum(1 for element in sources if element.tag == "TextSource"), 0
        self.progress(READING_SOURCES, 0, total)
        for element in sources:
            if element.tag == "TextSource":
                self.read_source(element, pool)
            else:
                label = NON_TEXT.get(element.tag, element.tag)
                count = sum(1 for _ in element.iter("Coding"))
                self.report.skipped.append(f"source {element.get('name')!r}: {label}; qda holds text only"
                                           + (f" ({count} codings left out)" if count else ""))
            for prepared in pool.finished():
                self.finish_source(self.pending.popleft(), prepared, names, code_ids, coding_ids)
                done += 1
                self.progress(READING_SOURCES, done, total)
        for prepared in pool.finished(wait=True):
            self.finish_source(self.pending.popleft(), prepared, names, code_ids, coding_ids)
            done += 1
            self.progress(READING_SOURCES, done, total)
        self.progress(READING_SOURCES, total, total)  # sources left out along the way count as read
        self.memo("project", "", self.refs(root))
        loose = [n for key, n in self.notes.items() if key not in self.used_notes]
        if loose:
            self.memo("project", "", loose)
            self.report.adjusted.append(f"{len(loose)} note(s) linked to nothing qda holds were added to the project memo")
        for sets in _kids(root, "Sets"):
            if len(sets):
                self.report.skipped.append(f"{len(sets)} set(s): qda has no sets")
        for tag, label in (("Links", "links"), ("Graphs", "graphs")):
            element = _kid(root, tag)
            if element is not None and len(element):
                self.report.skipped.append(f"{len(element)} {label}: qda has no {label}")
        memo_ids: set[str] = set()
        for (kind, target_id, coder_id), notes in self.memo_parts.items():
            text = "\n\n".join(n["text"] for n in notes if n["text"])
            if not text:
                continue
            created = min((n["created"] for n in notes if n["created"]), default=self.stamp)
            modified = max((n["modified"] for n in notes if n["modified"]), default=created)
            memo_id = notes[0]["id"]
            if memo_id in memo_ids:
                memo_id = derived_id("memo", f"{memo_id}:{kind}:{target_id}:{coder_id}")
            memo_ids.add(memo_id)
            records.memos.append(Memo(memo_id, kind, target_id, coder_id, text, created, modified))
        records.coders = sorted(self.coders.values(), key=lambda c: c.name)
        records.codings.sort(key=attrgetter("document_id", "start", "end"))  # index-friendly order for storing
        records.codebook = Codebook(codes=tuple(codes))
        return records


@contextmanager
def without_gc():
    """Cyclic garbage collection paused: building hundreds of thousands of elements and
    records (which form no cycles) otherwise triggers full collections over all of them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_qdpx(path: str | Path, progress: Progress | None = None) -> tuple[ProjectRecords, ReadReport]:
    """Read and check a whole .qdpx; nothing is written anywhere.  ``progress(step, done, total)``
    hears of the steps (the sources are counted one by one)."""
    path = Path(path)
    with open_archive(path) as archive, without_gc():
        reader = _Reader(archive, path, progress or silent)
        records = reader.read()
    return records, reader.report
