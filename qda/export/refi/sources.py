"""The text sources of a .qdpx, each read wherever a core is free.

Almost all of a large project's XML lies inside its ``<TextSource>`` elements,
and each can be read alone once the project's users, codes, notes, variables
and cases are known.  The project XML cut apart (``cutting.cut_sources``), this
process parses only the skeleton while worker processes parse the pieces and do
the rest of each source's work here: its text, the position convention, the
offsets, language, segmentation and codings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from xml.etree.ElementTree import Element

import numpy as np

from ...ingest import segment
from ...ingest.importer import guess_language, language_code
from ...text import read_name
from .common import CANONICAL_GUID, PROJECT_NS_PATTERN, derived_id, guid
from .cutting import CutProject, CutUnreadable
from .positions import (
    CONVENTIONS, DESCRIPTIONS, EVIDENCE, Detection, OutsideAnyText, Positions, describe, detect, read_position,
)
from .members import decode_member, docx_text, find_member, missing_cause
from .safety import Archive, RefiError, open_project_file, parse_xml
from .xmltree import kid, kids, strip_namespaces, text_of

UNKNOWN_CODER = "imported (no user named)"
UNKNOWN_CODER_ID = derived_id("coder", UNKNOWN_CODER)


@dataclass
class TextItem:
    """A text to read as one document: a ``TextSource``, or the ``Transcript`` of an audio or
    video source, or the text ``Representation`` of a PDF, with the source that owns it (its
    attributes, notes and whole-source codings) and, for one of several transcripts, a name."""

    element: Element
    owner: Element | None = None
    name: str = ""


# -- what one source needs and gives ---------------------------------------------------------


@dataclass
class SourceContext:
    """What reading one text source needs from the rest of the project.  Set up before the
    workers fork, so that they inherit it rather than receive it with every source."""

    path: Path                              # the .qdpx: for messages, and for a worker's own handle on it
    qde: str                                # the project XML's name in the archive
    archive: Archive                        # this process's open archive
    variables: dict[str, str]               # variable GUID -> name
    case_values: dict[str, dict[str, str]]  # source GUID -> attributes from its cases
    code_ids: set[str]
    user_ids: set[str]
    notes: dict[str, str]                   # note GUID -> text
    stamp: str                              # creation time for codings that carry none
    origin: str = ""                        # the program that wrote the file, as ``Project@origin`` names it
    expected: str | None = None             # the position convention that program is known to write
    linked_notes: dict[str, list[str]] = field(default_factory=dict)   # selection GUID -> GUIDs of notes a <Link> joins to it
    note_passages: dict[str, tuple[int, int]] = field(default_factory=dict)  # note GUID -> the passage it holds
    items: list[int | TextItem] = field(default_factory=list)   # the texts to read, in document order
    cut: CutProject | None = None                               # the pieces an ``int`` item names
    pid: int = field(default_factory=os.getpid)

    def text_item(self, index: int) -> TextItem:
        item = self.items[index]
        if not isinstance(item, int):
            return item
        cut = self.cut
        try:
            root = parse_xml(cut.head + cut.pieces[item] + cut.tail, self.path, self.qde, declares_none=True)
        except RefiError as error:
            raise CutUnreadable(str(error)) from None
        strip_namespaces(root, PROJECT_NS_PATTERN, self.path, "project")
        sources = kid(root, "Sources")
        if sources is None or len(sources) != 1 or sources[0].tag != "TextSource":
            raise CutUnreadable(f"piece {item} is not one text source")
        return TextItem(sources[0])

    def size(self, index: int) -> int:
        """About how much XML the item is, to make batches of."""
        item = self.items[index]
        if isinstance(item, int):
            return len(self.cut.pieces[item])
        return SELECTION_BYTES * (1 + len(item.element))

    def own_archive(self) -> Archive:
        """The archive, opened again in a forked worker: a file offset shared with the parent would mix reads."""
        if os.getpid() != self.pid:
            self.archive, self.pid = open_project_file(self.path), os.getpid()
        return self.archive


_contexts: dict[int, SourceContext] = {}
_tokens = count()


@contextmanager
def installed(context: SourceContext) -> Iterator[int]:
    """``context`` reachable by its token from ``read_sources`` here and in workers forked meanwhile."""
    token = next(_tokens)
    _contexts[token] = context
    try:
        yield token
    finally:
        del _contexts[token]


@dataclass
class SourceRead:
    """One text source as read: its document's parts (``text`` None if it was left out), its
    codings as ``Coding`` fields, and what the main process must settle across sources."""

    guid: str
    name: str                                               # as the file names it
    text: str | None = None
    language: str = ""
    segmentation: tuple = ()                                # ``segment.segment_text``'s tuples
    attributes: dict[str, str] = field(default_factory=dict)
    imported: str = ""
    convention: str = ""                                    # how positions were read, if it had selections
    codings: list[tuple] = field(default_factory=list)
    cues: list[tuple] = field(default_factory=list)         # a transcript's timed spans, from its sync points
    document_notes: list[str] = field(default_factory=list)  # note GUIDs of the source itself
    description: str = ""                                   # the source's own <Description>: a memo on it
    owner_user: str | None = None                           # the source's creatingUser, for that memo
    passage_notes: list[tuple[str, int, int]] = field(default_factory=list)  # (note GUID, start, end) on passages without a coding
    passage_descriptions: list[tuple] = field(default_factory=list)  # (text, start, end, user) of such passages' <Description>
    missing: str = ""                                       # why its text file could not be had (members.MISSING_CAUSES)
    descriptions: int = 0                                   # coding memos read from a selection's <Description>
    warnings: list[str] = field(default_factory=list)       # what the import must say loudly
    used_notes: set[str] = field(default_factory=set)
    anonymous: bool = False                                 # some coding names no user
    adjusted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_sources(token: int, indices: list[int]) -> list[SourceRead]:
    """The texts at ``indices`` of the installed context ``token``, each read in full."""
    context = _contexts[token]
    return [_Source(context, context.text_item(index)).read() for index in indices]


# Sources go to the workers in batches of about this much XML, so that a project of many
# small sources (survey answers, say) does not spend its time passing tasks between processes.
BATCHES = 64                 # aimed at, for an even load on a few cores...
BATCH_BYTES = (64 * 1024, 256 * 1024)   # ... within these sizes
SELECTION_BYTES = 400        # a selection with its coding, to size an element read whole


def batches(sizes: list[int]) -> list[list[int]]:
    """Indices of texts of these sizes in runs of consecutive texts, each about a batch of XML."""
    target = min(max(sum(sizes) // BATCHES, BATCH_BYTES[0]), BATCH_BYTES[1])
    runs: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index, piece_size in enumerate(sizes):
        current.append(index)
        size += piece_size
        if size >= target:
            runs.append(current)
            current, size = [], 0
    if current:
        runs.append(current)
    return runs


class _Source:
    def __init__(self, context: SourceContext, item: TextItem):
        self.context = context
        self.element = item.element
        self.owner = item.owner if item.owner is not None else item.element
        self.guid = guid(self.element.get("guid"))
        raw_name = item.name or read_name(self.owner.get("name")) or f"source {self.guid[:8]}"
        self.what = f"source {raw_name!r}"
        self.result = SourceRead(self.guid, raw_name)

    def read(self) -> SourceRead:
        element, result, context = self.element, self.result, self.context
        raw = self.raw_text()
        if raw is None:
            return result
        if element.tag == "Transcript":
            selections, starts, ends, names, sync = self.transcript_positions()
        else:
            selections = kids(element, "PlainTextSelection")
            (starts, ends, names), sync = self.positions(selections), []
        result.attributes = self.variable_values()
        for name, value in context.case_values.get(guid(self.owner.get("guid")), {}).items():
            result.attributes.setdefault(name, value)
        positions = Positions.of(raw)
        text = positions.canonical
        if not text.strip():
            result.adjusted.append(f"{self.what}: its text is empty; kept as an empty document")
        sync_positions = [position for position, _time in sync]
        detection = detect(positions, starts + sync_positions, ends + sync_positions, names + [""] * len(sync),
                           context.expected)
        if detection is None:
            raise RefiError(context.path, self.outside(positions, selections, starts, ends, sync_positions))
        if detection.against and (selections or sync):
            result.warnings.append(self.against_program(detection))
        if sync:
            canonical_sync, _, _ = positions.to_canonical(detection.convention, np.array(sync_positions),
                                                          np.array(sync_positions))
            result.cues = _cues(canonical_sync.tolist(), [time for _position, time in sync])
        if selections:
            cstarts, cends, _ = positions.to_canonical(detection.convention, np.array(starts), np.array(ends))
            starts, ends = cstarts.tolist(), cends.tolist()
            result.convention = describe(detection)
        result.language = language_code(result.attributes.get("language", "")) or guess_language(text)
        result.text = text
        result.segmentation = segment.segment_text(text, result.language)
        result.imported = element.get("creationDateTime") or self.owner.get("creationDateTime") or ""
        self.codings(selections, starts, ends, len(text))
        self.stray_selections()
        holders = (self.owner,) if self.owner is element else (self.owner, element)
        notes = [guid(ref.get("targetGUID")) for holder in holders for ref in kids(holder, "NoteRef")]
        self.document_notes(notes, positions, detection)
        result.description = "\n\n".join(d for d in (text_of(kid(h, "Description")).strip() for h in holders) if d)
        result.owner_user = self.owner.get("creatingUser") or element.get("creatingUser")
        if result.description and result.description == "\n\n".join(
                t for t in (context.notes.get(n, "").strip() for n in notes) if t):
            result.description = ""        # the same memo as its notes (as qda writes it for QualCoder)
        return result

    def document_notes(self, notes: list[str], positions: Positions, detection: Detection) -> None:
        """The notes on the source: memos on the document, or, for a note that holds a passage
        (as QualCoder writes an annotation), memos on that passage."""
        for note in notes:
            passage = self.context.note_passages.get(note)
            if passage is None:
                self.result.document_notes.append(note)
                continue
            start, end, ok = positions.to_canonical(detection.convention, np.array([passage[0]]), np.array([passage[1]]))
            if not ok[0]:
                self.result.adjusted.append(f"{self.what}: note {note} annotates [{passage[0]}, {passage[1]}), outside "
                                            "the text; kept as a memo on the document")
                self.result.document_notes.append(note)
                continue
            self.result.passage_notes.append((note, int(start[0]), int(end[0])))

    def against_program(self, detection: Detection) -> str:
        """The loud message of a convention chosen against the one the program that wrote the file is known to use."""
        expected, chosen = detection.expected, detection.convention
        if not detection.expected_fits:
            why = "under that convention some selection lies outside the text or inside a character"
        else:
            why = f"decided by: {EVIDENCE[detection.evidence]}"
            if detection.evidence == "boundaries":
                why += " (" + ", ".join(f"{aligned} of {checked} ends under {convention}"
                                        for convention, (aligned, checked) in detection.scores.items()) + ")"
        return (f"{self.what}: positions read as {DESCRIPTIONS[chosen]}, NOT as {DESCRIPTIONS[expected]}, which "
                f"{self.context.origin!r} (the file's origin) is known to write; {why}. Check its codings land on the right text")

    def outside(self, positions: Positions, selections: list[Element], starts: list[int], ends: list[int],
                sync_positions: list[int]) -> str:
        """Why no position convention fits: a sync point out of every reading's range, else the selection that ends last."""
        longest = max(positions.length(convention) for convention in CONVENTIONS)
        stray = [position for position in sync_positions if not 0 <= position <= longest]
        if stray or not ends:
            return (f"{self.what}: a sync point at {(stray or sync_positions)[0]} lies outside the transcript "
                    f"({positions.length('codepoints')} characters) under every position convention")
        worst = max(range(len(ends)), key=lambda i: ends[i])
        return (f"{self.what}: selection {selections[worst].get('guid')} [{starts[worst]}, {ends[worst]}) lies outside "
                f"the text ({positions.length('codepoints')} characters) under every position convention")

    # the text
    def raw_text(self) -> str | None:
        element, what = self.element, self.what
        content = kid(element, "PlainTextContent")
        if content is not None:
            return text_of(content)
        if element.get("plainTextPath"):
            data = self.member(element.get("plainTextPath"))
            return None if data is None else decode_member(data, self.context.path, what, self.result.adjusted)
        reference = element.get("richTextPath")
        if reference:
            if not reference.lower().endswith(".docx"):
                self.result.skipped.append(f"{what}: rich text {reference!r} is not .docx and there is no plain text")
                return None
            data = self.member(reference)
            if data is None:
                return None
            self.result.adjusted.append(f"{what}: no plain text in the file; text taken from {reference}")
            text, said = docx_text(data, self.context.path, what)
            self.result.warnings += [f"{what}: {reference} {line}" for line in said]
            return text
        self.result.skipped.append(f"{what}: holds no text")
        return None

    def member(self, reference: str) -> bytes | None:
        """The file ``reference`` names; None, said loudly with the codings it takes along, if it cannot be found."""
        data, note = find_member(self.context.own_archive(), reference, self.what, self.context.qde)
        if note:
            self.result.adjusted.append(note)
        if data is None:
            coded = sum(len(kids(s, "Coding")) for s in self.element if s.tag.endswith("Selection"))
            coded += len(kids(self.owner, "Coding"))
            self.result.missing, why = missing_cause(self.context.own_archive(), reference, self.context.qde)
            self.result.warnings.append(f"{self.what} NOT imported: {why}"
                                        + (f"; its {coded} coding(s) are not in the project" if coded else ""))
        return data

    # selections and codings
    def positions(self, selections: list[Element]) -> tuple[list[int], list[int], list[str]]:
        starts, ends, names = [], [], []
        for selection in selections:
            try:
                start, end = read_position(selection.get("startPosition")), read_position(selection.get("endPosition"))
            except OutsideAnyText as error:
                raise RefiError(self.context.path, f"{self.what}: selection {selection.get('guid')} [{selection.get('startPosition')}, "
                                                   f"{selection.get('endPosition')}) lies outside any text") from error
            except ValueError as error:
                raise RefiError(self.context.path, f"{self.what}: selection {selection.get('guid')} has no whole-number "
                                                   "startPosition and endPosition") from error
            if start > end:
                start, end = end, start
                self.result.adjusted.append(f"{self.what}: selection {selection.get('guid')} ends before it starts; swapped")
            starts.append(start)
            ends.append(end)
            names.append(selection.get("name") or "")
        return starts, ends, names

    def transcript_positions(self) -> tuple[list[Element], list[int], list[int], list[str], list[tuple[int, float | None]]]:
        """A transcript's selections, placed by the sync points they run between, and its sync
        points as (position, time in seconds or None)."""
        points: dict[str, tuple[int, float | None]] = {}
        for point in kids(self.element, "SyncPoint"):
            try:
                position = read_position(point.get("position"))
            except OutsideAnyText as error:
                raise RefiError(self.context.path, f"{self.what}: a sync point at {point.get('position')} lies outside "
                                                   "the transcript") from error
            except ValueError:
                self.result.adjusted.append(f"{self.what}: sync point {point.get('guid')} has no position; ignored")
                continue
            stamp = point.get("timeStamp")
            try:
                seconds = int(stamp) / 1000 if stamp is not None else None
            except ValueError:
                seconds = None
            points[guid(point.get("guid"))] = (position, seconds)
        selections, starts, ends, names = [], [], [], []
        for selection in kids(self.element, "TranscriptSelection"):
            start = points.get(guid(selection.get("fromSyncPoint")))
            end = points.get(guid(selection.get("toSyncPoint")))
            if start is None or end is None:
                count = len(kids(selection, "Coding"))
                self.result.skipped.append(f"{self.what}: transcript selection {selection.get('guid')} names a sync point "
                                           f"the transcript lacks; its {count} coding(s) left out")
                continue
            low, high = sorted((start[0], end[0]))
            selections.append(selection)
            starts.append(low)
            ends.append(high)
            names.append(selection.get("name") or "")
        return selections, starts, ends, names, sorted(points.values(), key=lambda point: point[0])

    def note_texts(self, note_refs: list[Element]) -> list[str]:
        texts = []
        for ref in note_refs:
            key = guid(ref.get("targetGUID"))
            text = self.context.notes.get(key)
            if text is None:
                self.result.adjusted.append(f"a reference to note {ref.get('targetGUID')} that the project lacks was ignored")
                continue
            self.result.used_notes.add(key)
            texts.append(text)
        return texts

    def codings(self, selections: list[Element], starts: list[int], ends: list[int], length: int) -> None:
        context, what, source_guid = self.context, self.what, self.guid
        rows = self.result.codings
        code_ids, user_ids, stamp = context.code_ids, context.user_ids, context.stamp
        canonical: dict[str, str] = {}            # GUIDs as written -> as qda stores them
        is_guid = CANONICAL_GUID.fullmatch        # guid()'s own first test, without the call

        def add(coding: Element, start: int, end: int, holder: Element, extra_notes: list[str], description: str = "") -> None:
            refs, note_refs = [], []
            for child in coding:
                if child.tag == "CodeRef":
                    refs.append(child)
                elif child.tag == "NoteRef":
                    note_refs.append(child)
            coding_guid = coding.get("guid")
            if len(refs) > 1:  # the standard's CodingType holds exactly one CodeRef
                named = ", ".join(str(r.get("targetGUID")) for r in refs)
                raise RefiError(context.path, f"{what}: coding {coding_guid} names {len(refs)} codes ({named}) where "
                                              "the standard allows one; the file is damaged or edited by hand: write "
                                              "one <Coding> per code")
            ref = refs[0] if refs else None
            raw_code = ref.get("targetGUID") if ref is not None else None
            code_id = canonical.get(raw_code) or canonical.setdefault(raw_code, guid(raw_code)) if raw_code else ""
            if code_id not in code_ids:
                raise RefiError(context.path, f"{what}: coding {coding_guid} names code "
                                              f"{raw_code or '(none)'}, which the codebook does not hold")
            raw_user = coding.get("creatingUser") or holder.get("creatingUser")
            if raw_user:
                coder_id = canonical.get(raw_user) or canonical.setdefault(raw_user, guid(raw_user))
                if coder_id not in user_ids:
                    raise RefiError(context.path, f"{what}: coding {coding_guid} names user {raw_user}, "
                                                  "who is not among the project's <Users>")
            else:
                coder_id, self.result.anonymous = UNKNOWN_CODER_ID, True
            coding_id = coding_guid if coding_guid and is_guid(coding_guid) else guid(coding_guid)
            notes = self.note_texts(note_refs) + extra_notes if note_refs else extra_notes
            memo = "\n\n".join(text for text in notes if text) if notes else ""
            if description and description != memo.strip():
                memo = f"{description}\n\n{memo}" if memo else description
                self.result.descriptions += 1
            created = coding.get("creationDateTime") or holder.get("creationDateTime") or stamp
            rows.append((coding_id, source_guid, code_id, coder_id, start, end, created, memo))

        linked = context.linked_notes
        for selection, start, end in zip(selections, starts, ends):
            codings, note_refs, description = [], [], ""
            for child in selection:
                if child.tag == "Coding":
                    codings.append(child)
                elif child.tag == "NoteRef":
                    note_refs.append(child)
                elif child.tag == "Description":
                    description = (child.text or "").strip()
            joined = linked.get(guid(selection.get("guid")), []) if linked else []
            if start == end:
                if codings:
                    self.result.skipped.append(f"{what}: selection {selection.get('guid')} is empty; its "
                                               f"{len(codings)} coding(s) left out")
                continue
            if not codings:
                # An annotated passage (NVivo joins its note by a <Link>; MAXQDA writes a <Description>).
                self.result.passage_notes += [(note, start, end) for note in joined + [guid(r.get("targetGUID")) for r in note_refs]]
                if description:
                    self.result.passage_descriptions.append((description, start, end, selection.get("creatingUser")))
                continue
            selection_notes = self.note_texts(note_refs) if note_refs else []
            if joined:
                selection_notes += self.note_texts([Element("NoteRef", targetGUID=note) for note in joined])
            for coding in codings:
                add(coding, start, end, selection, selection_notes, description)
        for coding in kids(self.owner, "Coding"):
            add(coding, 0, length, self.owner, [])
        self.fold_repeats()

    def fold_repeats(self) -> None:
        """Codings that repeat another's code, coder and passage (two exports joined, a file edited
        by hand) kept once, their memos joined, and said: counted twice they would double every
        frequency and agreement figure of that passage."""
        rows, kept, first = self.result.codings, [], {}
        for row in rows:
            key = row[2:6]  # code, coder, start, end
            if key not in first:
                first[key] = len(kept)
                kept.append(row)
                continue
            index = first[key]
            memo, extra = kept[index][7], row[7]
            if extra and extra not in memo.split("\n\n"):
                kept[index] = (*kept[index][:7], f"{memo}\n\n{extra}" if memo else extra)
        if len(kept) < len(rows):
            self.result.adjusted.append(f"{self.what}: {len(rows) - len(kept)} coding(s) repeat another coding's code, "
                                        "coder and passage; each passage kept coded once (their memos joined)")
            self.result.codings = kept

    def stray_selections(self) -> None:
        """Selections of a kind this text cannot hold (the schema allows ``PlainTextSelection`` in a
        text source or a PDF's representation, ``TranscriptSelection`` in a transcript): a region of a
        picture or PDF, or a text selection in a transcript, left out with their codings and said."""
        own = "TranscriptSelection" if self.element.tag == "Transcript" else "PlainTextSelection"
        stray = [child for child in self.element if child.tag.endswith("Selection") and child.tag != own]
        if stray:
            kinds = ", ".join(sorted({child.tag for child in stray}))
            coded = sum(len(kids(child, "Coding")) for child in stray)
            self.result.warnings.append(f"{self.what}: {len(stray)} selection(s) a {self.element.tag} cannot hold "
                                        f"({kinds}); left out with their {coded} coding(s)")

    # attributes
    def variable_values(self) -> dict[str, str]:
        return variable_values(self.owner, self.context.variables, self.result.adjusted)


def _cues(positions: list[int], times: list[float | None]) -> list[tuple[int, int, float, float]]:
    """Cues (start, end, time start, time end) between consecutive timed sync points, where
    both text and time move forward."""
    timed = [(position, time) for position, time in zip(positions, times) if time is not None]
    return [(start, end, begin, finish) for (start, begin), (end, finish) in zip(timed, timed[1:])
            if end > start and finish >= begin]


def variable_values(element: Element, variables: dict[str, str], adjusted: list[str]) -> dict[str, str]:
    """The ``<VariableValue>`` children of a source or case, by variable name."""
    values: dict[str, str] = {}
    for value in kids(element, "VariableValue"):
        ref = kid(value, "VariableRef")
        name = variables.get(guid(ref.get("targetGUID"))) if ref is not None else None
        if not name:
            adjusted.append("a variable value naming no known variable was ignored")
            continue
        for child in value:
            if child.tag != "VariableRef":
                values[name] = text_of(child)
    return values
