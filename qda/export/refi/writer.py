"""REFI-QDA out: a .qdpx project and a .qdc codebook that validate against the 1.0 schemas.

Sources are written as UTF-8 plain text (the canonical text, no BOM), so every
selection position is an exact code-point offset, equal to qda's own.  GUIDs
are qda's ids; elements qda has no id for (selections, variables, cases, notes
of coding memos) get ids derived from the ids they belong to, so exporting
the same project twice gives the same project XML apart from the export time
stamp (``modifiedDateTime`` of the project).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ... import __version__
from ...errors import QdaError
from ...files import atomic_output
from ...model import Codebook
from ...store.records import ProjectRecords
from .common import (CODEBOOK_NS, PROJECT_NS, READING_PROJECT, WRITING_SOURCES, WRITING_XML, Progress, derived_id,
                     join_description, silent)

QDE_NAME = "project.qde"
SOURCES = "sources/"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 1                    # deflate level: fast; a project XML still shrinks about five times
DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NOT_XML_CONTROLS = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))  # the same in UTF-8, with
NOT_XML_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")                        # U+FFFE and U+FFFF


def _xml_clean(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds only characters XML 1.0 allows (a C pass or three,
    many times faster than a regular expression over a 100 MB document)."""
    return (len(data.translate(None, NOT_XML_CONTROLS)) == len(data)
            and not any(bad in data for bad in NOT_XML_NONCHARACTERS))
SELECTION_NAME = 40


def selection_name(text: str, start: int, end: int) -> str:
    """A selection's name: the text it covers, blanks squashed, cut to ``SELECTION_NAME``
    characters with "…" when longer; never text beyond its end."""
    words = " ".join(text[start:min(end, start + 4 * SELECTION_NAME)].split())
    return words if len(words) <= SELECTION_NAME else words[:SELECTION_NAME - 1].rstrip() + "…"


@dataclass
class WriteReport:
    file: Path
    counts: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)


_ATTRIBUTE_SPECIAL = re.compile(r'[&<>"\n\r\t]')
_TEXT_SPECIAL = re.compile(r"[&<>\r]")


def _attribute(value: str) -> str:
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _text(value: str) -> str:
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class _Xml:
    """XML written as text, element by element, in one default namespace.

    (xml.etree's serialiser takes ~20 s on a project of 200,000 codings; this
    takes well under 2.)  ``open``/``empty``/``close`` mirror start tags, empty
    elements and end tags; attributes that are None or empty are left out."""

    def __init__(self, namespace: str):
        self.namespace = namespace
        self.parts: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
        self.first = True

    def _start(self, tag: str, attributes: dict) -> str:
        attrs = "".join(f' {k}="{_attribute(v)}"' for k, v in attributes.items() if v)
        if self.first:
            self.first = False
            attrs = f' xmlns="{self.namespace}"' + attrs
        return f"<{tag}{attrs}"

    def open(self, tag: str, **attributes: str | None) -> None:
        self.parts.append(self._start(tag, attributes) + ">")

    def empty(self, tag: str, **attributes: str | None) -> None:
        self.parts.append(self._start(tag, attributes) + "/>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(self, tag: str, value: str) -> None:
        self.parts.append(f"<{tag}>{_text(value)}</{tag}>" if value else f"<{tag}/>")

    def result(self, report: WriteReport | None) -> bytes:
        xml = "".join(self.parts)
        try:
            data = xml.encode("utf-8")
            clean = _xml_clean(data)
        except UnicodeEncodeError:  # a lone surrogate
            clean = False
        if not clean:
            xml, replaced = NOT_XML.subn("\ufffd", xml)
            data = xml.encode("utf-8")
            if report is not None:
                report.adjusted.append(f"{replaced} character(s) in names or memos that XML cannot carry were replaced by U+FFFD")
        return data


def _stamp(value: str) -> str | None:
    return value if value and DATETIME.match(value) else None


def _codes(xml: _Xml, codebook: Codebook, parent_id: str | None, coded: set[str] | None,
           memo_notes: dict[str, list[str]]) -> None:
    for code in codebook.children(parent_id):
        has_children = bool(codebook.children(code.id))
        codable = True if coded is None else (code.id in coded or not has_children)
        description = join_description(code.definition, code.when_to_use, code.when_not_to_use, code.example)
        notes = memo_notes.get(code.id, [])
        attributes = dict(guid=code.id, name=code.name, isCodable="true" if codable else "false", color=code.colour or None)
        if not (description or notes or has_children):
            xml.empty("Code", **attributes)
            continue
        xml.open("Code", **attributes)
        if description:
            xml.text("Description", description)
        for note_id in notes:
            xml.empty("NoteRef", targetGUID=note_id)
        _codes(xml, codebook, code.id, coded, memo_notes)
        xml.close("Code")


def project_xml(records: ProjectRecords, created: str, exported: str, report: WriteReport) -> bytes:
    """The project XML of ``records``; positions are code points of each document's text."""
    xml = _Xml(PROJECT_NS)
    coders = {c.id: c for c in records.coders}
    xml.open("Project", name=records.name or "qda project", origin=f"qda {__version__}",
             creationDateTime=_stamp(created), modifiedDateTime=exported)
    if records.coders:
        xml.open("Users")
        for coder in sorted(records.coders, key=lambda c: (c.name, c.id)):
            xml.empty("User", guid=coder.id, name=coder.name)
        xml.close("Users")
    memos = sorted(records.memos, key=lambda m: (m.target_kind, m.target_id, coders[m.coder_id].name if m.coder_id in coders else "", m.id))
    refs: dict[tuple[str, str], list[str]] = {}
    for memo in memos:
        refs.setdefault((memo.target_kind, memo.target_id), []).append(memo.id)
    code_refs = {target: ids for (kind, target), ids in refs.items() if kind == "code"}
    memo_texts = {memo.id: memo.text for memo in memos}
    if records.codebook.codes:
        xml.open("CodeBook")
        xml.open("Codes")
        _codes(xml, records.codebook, None, {c.code_id for c in records.codings}, code_refs)
        xml.close("Codes")
        xml.close("CodeBook")
    names = sorted({name for d in records.documents for name in d.attributes})
    variable_ids = {name: derived_id("variable", name) for name in names}
    if names:
        xml.open("Variables")
        for name in names:
            xml.empty("Variable", guid=variable_ids[name], name=name, typeOfVariable="Text")
        xml.close("Variables")
    with_attributes = [d for d in records.documents if d.attributes]
    if with_attributes:
        xml.open("Cases")
        for document in with_attributes:
            xml.open("Case", guid=derived_id("case", document.id), name=document.name)
            for name in sorted(document.attributes):
                xml.open("VariableValue")
                xml.empty("VariableRef", targetGUID=variable_ids[name])
                xml.text("TextValue", document.attributes[name])
                xml.close("VariableValue")
            xml.empty("SourceRef", targetGUID=document.id)
            xml.close("Case")
        xml.close("Cases")
    by_document: dict[str, list] = {}
    for coding in records.codings:
        by_document.setdefault(coding.document_id, []).append(coding)
    notes_of_codings = []
    if records.documents:
        xml.open("Sources")
        parts = xml.parts
        for document in records.documents:
            document_notes = refs.get(("document", document.id), [])
            codings = sorted(by_document.get(document.id, []), key=lambda c: (c.start, c.end, c.created, c.id))
            attributes = dict(guid=document.id, name=document.name, plainTextPath=f"internal://{document.id}.txt",
                              creationDateTime=_stamp(document.imported))
            if not (codings or document_notes):
                xml.empty("TextSource", **attributes)
                continue
            xml.open("TextSource", **attributes)
            if document_notes:   # QualCoder reads a document's memo from here only
                xml.text("Description", "\n\n".join(memo_texts[note_id] for note_id in document_notes))
            text = document.text
            for coding in codings:
                stamp = _stamp(coding.created)
                when = f' creationDateTime="{stamp}"' if stamp else ""
                name = _attribute(selection_name(text, coding.start, coding.end))
                description = f"<Description>{_text(coding.memo)}</Description>" if coding.memo else ""
                parts.append(
                    f'<PlainTextSelection guid="{derived_id("selection", coding.id)}" name="{name}" '
                    f'startPosition="{coding.start}" endPosition="{coding.end}" creatingUser="{coding.coder_id}"{when}>'
                    f'{description}<Coding guid="{coding.id}" creatingUser="{coding.coder_id}"{when}>'
                    f'<CodeRef targetGUID="{coding.code_id}"/>')
                if coding.memo:
                    note_id = derived_id("coding-memo", coding.id)
                    parts.append(f'<NoteRef targetGUID="{note_id}"/>')
                    notes_of_codings.append((note_id, coding))
                parts.append("</Coding></PlainTextSelection>")
            for note_id in document_notes:
                xml.empty("NoteRef", targetGUID=note_id)
            xml.close("TextSource")
        xml.close("Sources")
    if memos or notes_of_codings:
        xml.open("Notes")
        labels = {d.id: d.name for d in records.documents}
        paths = records.codebook.paths
        for memo in memos:
            target = {"project": "the project", "document": labels.get(memo.target_id, memo.target_id),
                      "code": paths.get(memo.target_id, memo.target_id)}.get(memo.target_kind, memo.target_id)
            coder = coders[memo.coder_id].name if memo.coder_id in coders else ""
            xml.open("Note", guid=memo.id, name=f"Memo by {coder} on {target}", creatingUser=memo.coder_id,
                     creationDateTime=_stamp(memo.created), modifiedDateTime=_stamp(memo.modified))
            xml.text("PlainTextContent", memo.text)
            xml.close("Note")
        for note_id, coding in notes_of_codings:
            xml.open("Note", guid=note_id, name="Memo on a coding", creatingUser=coding.coder_id,
                     creationDateTime=_stamp(coding.created))
            xml.text("PlainTextContent", coding.memo)
            xml.close("Note")
        xml.close("Notes")
    if records.sets:
        xml.open("Sets")
        for document_set in sorted(records.sets, key=lambda s: (s.name, s.id)):
            xml.open("Set", guid=document_set.id, name=document_set.name)
            if document_set.description:
                xml.text("Description", document_set.description)
            for document_id in document_set.document_ids:
                xml.empty("MemberSource", targetGUID=document_id)
            xml.close("Set")
        xml.close("Sets")
    if records.description:
        xml.text("Description", records.description)
    for note_id in refs.get(("project", ""), []):
        xml.empty("NoteRef", targetGUID=note_id)
    xml.close("Project")
    return xml.result(report)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def write_records_qdpx(records: ProjectRecords, path: str | Path, created: str = "",
                       exported: str | None = None, progress: Progress | None = None) -> WriteReport:
    """Write ``records`` as a .qdpx: ``project.qde`` and ``sources/<document id>.txt``.
    ``progress(step, done, total)`` hears of the steps (the sources are counted one by one)."""
    path = Path(path)
    progress = progress or silent
    report = WriteReport(path)
    exported = exported or datetime.now(timezone.utc).isoformat(timespec="seconds")
    progress(WRITING_XML, 0, None)
    data = project_xml(records, created, exported, report)

    def fill(target: Path) -> None:
        # The level is given per entry: a ZipInfo written with writestr otherwise gets zlib's
        # default (6), not the archive's, and level 6 takes 2.5 times as long for ~15% less.
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
            archive.writestr(_entry(QDE_NAME), data, compresslevel=ZIP_LEVEL)
            for number, document in enumerate(records.documents, 1):
                archive.writestr(_entry(f"{SOURCES}{document.id}.txt"), document.text.encode("utf-8"), compresslevel=ZIP_LEVEL)
                progress(WRITING_SOURCES, number, len(records.documents))

    with atomic_output(path) as target:
        fill(target)
    report.counts = {"sources": len(records.documents), "codes": len(records.codebook.codes), "coders": len(records.coders),
                     "codings": len(records.codings),
                     "memos": len(records.memos) + sum(1 for c in records.codings if c.memo),
                     "attribute values": sum(len(d.attributes) for d in records.documents),
                     "document sets": len(records.sets)}
    if records.progress:
        report.left_out.append(f"{len(records.progress)} 'done' mark(s): REFI-QDA has no place for them")
    if records.codebook.name or records.codebook.description:
        report.left_out.append("the codebook's own name and description: a REFI-QDA project has no place for them")
    report.left_out.append("speaker turns, sentences, paragraphs and document languages: other tools do not keep them; "
                           "qda recomputes them when it reads the file back")
    return report


def write_qdpx(project, path: str | Path, exported: str | None = None, progress: Progress | None = None) -> WriteReport:
    """Export an open project as a .qdpx for NVivo, ATLAS.ti, MAXQDA or QualCoder."""
    from ...store.records import read_records, without_gc

    with without_gc():
        (progress or silent)(READING_PROJECT, 0, None)
        records = read_records(project, units=False)
        report = write_records_qdpx(records, path, created=project.setting("created"), exported=exported, progress=progress)
    timed = project._db.execute("SELECT COUNT(DISTINCT document_id) FROM cues").fetchone()[0]
    if timed:
        report.left_out.append(f"the times of {timed} document(s) from subtitles or recorded interviews: a text source "
                               "has no place for them (their text and codings are written)")
    return report


def codebook_xml(codebook: Codebook, coded: set[str] | None = None) -> bytes:
    xml = _Xml(CODEBOOK_NS)
    xml.open("CodeBook", origin=f"qda {__version__}")
    xml.open("Codes")
    _codes(xml, codebook, None, coded, {})
    xml.close("Codes")
    xml.close("CodeBook")
    return xml.result(None)


def write_qdc(codebook: Codebook, path: str | Path, coded: set[str] | None = None) -> WriteReport:
    """A REFI-QDA codebook.  Without ``coded`` (ids of codes that carry codings) every code is
    marked codable; with it, a code with children and no codings of its own is a folder."""
    path = Path(path)
    if not codebook.codes:
        raise QdaError(f"{path}: the codebook is empty; a .qdc needs at least one code")
    data = codebook_xml(codebook, coded)
    with atomic_output(path) as target:
        target.write_bytes(data)
    report = WriteReport(path, counts={"codes": len(codebook.codes)})
    if codebook.name or codebook.description:
        report.left_out.append("the codebook's own name and description: a .qdc has no place for them")
    return report
