"""Independent coding: a copy of a project for one coder, and merging coders' copies back.

``copy_for_coder`` writes a new project file with the same documents (ids, texts, units,
attributes) and codebook, and no one else's codings, memos or progress.  ``merge`` brings
other project files home, one transaction per file:

- documents match by the SHA-256 of their text; a document whose text is new comes in, under
  its own name, or, when another text already has that name, under ``"name (from file)"``
  and reported: a different text is never silently matched;
- codes match by id, then by path; codes only the other file has are added and reported;
- coders come in with their ids (a coder of the same name is the same coder, reported);
- codings, memos and progress come in unchanged with their ids; nothing already in the
  project is changed, so merging the same file twice adds nothing the second time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ProjectError, QdaError
from ..files import check_output_folder
from ..model import Code, Codebook, Coder, Coding, Memo
from ..text import free_name
from . import actions
from .project import Project
from .records import Progress, ProjectRecords, insert_records, read_records


@dataclass
class MergeReport:
    """What one merged file brought in (lists hold names or paths, numbers are counts)."""

    source: str
    documents_matched: int = 0
    documents_added: list[str] = field(default_factory=list)
    documents_renamed: list[tuple[str, str]] = field(default_factory=list)  # (name in the file, name given)
    codes_added: list[str] = field(default_factory=list)
    coders_added: list[str] = field(default_factory=list)
    coders_matched_by_name: list[str] = field(default_factory=list)
    codings_added: dict[str, int] = field(default_factory=dict)  # coder -> codings
    codings_present: int = 0
    memos_added: int = 0
    memos_kept: list[str] = field(default_factory=list)  # memos not brought in: the project's differs
    progress_added: int = 0

    @property
    def nothing_new(self) -> bool:
        return not (self.documents_added or self.codes_added or self.coders_added or self.codings_added
                    or self.memos_added or self.progress_added)

    def lines(self) -> list[str]:
        """The report in sentences, for people."""
        lines = [f"{self.source}: {self.documents_matched} document(s) matched by text"]
        if self.documents_added:
            lines.append(f"  added {len(self.documents_added)} document(s): {', '.join(self.documents_added)}")
        for original, given in self.documents_renamed:
            lines.append(f"  a different text named {original!r} is already in the project; added as {given!r}")
        if self.codes_added:
            lines.append(f"  added {len(self.codes_added)} code(s) only this file has: {'; '.join(self.codes_added)}")
        if self.coders_added:
            lines.append(f"  added coder(s): {', '.join(self.coders_added)}")
        for name in self.coders_matched_by_name:
            lines.append(f"  coder {name!r} has another id in the file; taken as the project's {name!r}")
        for coder, count in self.codings_added.items():
            lines.append(f"  {count} coding(s) of {coder}")
        if self.codings_present:
            lines.append(f"  {self.codings_present} coding(s) already in the project, left as they are")
        if self.memos_added:
            lines.append(f"  {self.memos_added} memo(s)")
        for label in self.memos_kept:
            lines.append(f"  kept the project's memo on {label}; the file's differs and was not brought in")
        if self.progress_added:
            lines.append(f"  {self.progress_added} document(s) marked done")
        if self.nothing_new:
            lines.append("  nothing new")
        return lines


def copy_for_coder(project: Project, coder: str, out_path: str | Path) -> Project:
    """A new project file for ``coder``: the same documents and codebook, only their own work.

    Returns the new project, open.  Refuses to overwrite an existing file."""
    out_path = Path(out_path)
    if out_path.exists():
        raise ProjectError(f"{out_path}: a file is already there; remove it or name another")
    check_output_folder(out_path)
    coder = (coder or "").strip()
    if not coder:
        raise QdaError("name the coder the copy is for (--coder NAME)")
    records = read_records(project)
    existing = next((c for c in records.coders if c.name == coder), None)
    who = existing or Coder(str(uuid.uuid4()), coder)
    copy = ProjectRecords(
        name=records.name, description=records.description, codebook=records.codebook, coders=[who],
        documents=records.documents, codings=[c for c in records.codings if c.coder_id == who.id],
        memos=[m for m in records.memos if m.coder_id == who.id],
        progress=[p for p in records.progress if p.coder_id == who.id], sets=records.sets,
    )
    with Project.build(out_path, name=records.name, description=records.description) as target:
        insert_records(target, copy, f"copy of {project.path.name} for coder {coder}")
    return Project.open(out_path)


def merge(project: Project, paths: list[str | Path], coder: str | None = None) -> list[MergeReport]:
    """Merge each file into ``project``, one transaction each; a report per file.

    With ``coder``, each file's merge is one action of that coder, which undo takes back
    whole (see ``merge_records``)."""
    reports = []
    for path in paths:
        path = Path(path)
        if path.resolve() == Path(project.path).resolve():
            raise QdaError(f"{path} is the project itself; name the coders' copies to merge")
        with Project.open(path) as other:
            records = read_records(other)
        reports.append(merge_records(project, records, path.name, coder))
    return reports


def merge_records(project: Project, incoming: ProjectRecords, source: str, coder: str | None = None) -> MergeReport:
    """Merge one project's records into ``project`` in one transaction (see the module).

    With ``coder`` the merge is that coder's undoable action: undo removes the codings, codes,
    memos and done marks it brought; documents and coders it added stay (their texts are
    imports, not anyone's coding) and the history says so."""
    report = MergeReport(source)
    db = project._db
    coder_id = project.coder(coder).id if coder else None
    with project._transaction():
        current = read_records(project)
        # -- documents: by text
        by_text = {d.sha256: d.id for d in current.documents}
        names = {d.name for d in current.documents}
        ids_taken = {d.id for d in current.documents}
        documents: dict[str, str] = {}
        new_documents = []
        for document in incoming.documents:
            if document.sha256 in by_text:
                documents[document.id] = by_text[document.sha256]
                report.documents_matched += 1
                continue
            name = document.name
            if name in names:
                name = free_name(f"{document.name} (from {Path(source).stem})", names)
                report.documents_renamed.append((document.name, name))
            document_id = document.id if document.id not in ids_taken else str(uuid.uuid4())
            copied = replace(document, name=name, id=document_id)
            new_documents.append(copied)
            names.add(name)
            ids_taken.add(document_id)
            by_text[document.sha256] = document_id
            documents[document.id] = document_id
            report.documents_added.append(name)
        # -- codes: by id, then by path; the rest added (parents first)
        codebook = current.codebook
        by_path = {path.casefold(): code_id for code_id, path in codebook.paths.items()}
        codes: dict[str, str] = {}
        new_codes: list[Code] = []
        positions: dict[str | None, int] = {}
        for code, _depth in incoming.codebook.walk():
            path = incoming.codebook.path(code.id)
            match = code.id if code.id in codebook.by_id else by_path.get(path.casefold())
            if match is not None:
                codes[code.id] = match
                continue
            parent = codes[code.parent_id] if code.parent_id else None
            if parent not in positions:
                siblings = [c.position for c in codebook.children(parent)] + [c.position for c in new_codes if c.parent_id == parent]
                positions[parent] = max(siblings, default=-1) + 1
            new = Code(code.id if code.id not in codebook.by_id else str(uuid.uuid4()), code.name, parent, code.definition,
                       code.when_to_use, code.when_not_to_use, code.example, code.colour, positions[parent])
            positions[parent] += 1
            new_codes.append(new)
            codes[code.id] = new.id
            by_path[path.casefold()] = new.id
            report.codes_added.append(path)
        # -- coders: by id, then by name
        coder_ids = {c.id: c for c in current.coders}
        coder_names = {c.name: c for c in current.coders}
        coders: dict[str, Coder] = {}
        new_coders = []
        for coder in incoming.coders:
            if coder.id in coder_ids:
                coders[coder.id] = coder_ids[coder.id]
            elif coder.name in coder_names:
                coders[coder.id] = coder_names[coder.name]
                report.coders_matched_by_name.append(coder.name)
            else:
                coders[coder.id] = coder
                new_coders.append(coder)
                coder_names[coder.name] = coder
                report.coders_added.append(coder.name)
        # -- codings: by id, and by (document, code, coder, span) so nothing is doubled
        coding_ids = {c.id for c in current.codings}
        same = {(c.document_id, c.code_id, c.coder_id, c.start, c.end) for c in current.codings}
        new_codings = []
        for coding in incoming.codings:
            moved = Coding(coding.id, documents[coding.document_id], codes[coding.code_id], coders[coding.coder_id].id,
                           coding.start, coding.end, coding.created, coding.memo)
            key = (moved.document_id, moved.code_id, moved.coder_id, moved.start, moved.end)
            if coding.id in coding_ids or key in same:
                report.codings_present += 1
                continue
            if moved.id in coding_ids:
                moved = moved.replace(id=str(uuid.uuid4()))
            coding_ids.add(moved.id)
            same.add(key)
            new_codings.append(moved)
            name = coders[coding.coder_id].name
            report.codings_added[name] = report.codings_added.get(name, 0) + 1
        # -- memos: one per target and coder; an existing one is never overwritten
        memo_ids = {m.id for m in current.memos}
        memo_keys = {(m.target_kind, m.target_id, m.coder_id): m for m in current.memos}
        new_memos = []
        for memo in incoming.memos:
            target = {"document": documents, "code": codes}.get(memo.target_kind, {}).get(memo.target_id, memo.target_id)
            moved = Memo(memo.id, memo.target_kind, target, coders[memo.coder_id].id, memo.text, memo.created, memo.modified)
            key = (moved.target_kind, moved.target_id, moved.coder_id)
            if key in memo_keys:
                if memo_keys[key].text != memo.text:
                    report.memos_kept.append(f"{memo.target_kind} {_label(project, incoming, memo)} by {coders[memo.coder_id].name}")
                continue
            if moved.id in memo_ids:
                moved = moved.replace(id=str(uuid.uuid4()))
            memo_keys[key] = moved
            new_memos.append(moved)
            report.memos_added += 1
        # -- progress
        done = {(p.document_id, p.coder_id) for p in current.progress}
        new_progress = []
        for progress in incoming.progress:
            key = (documents[progress.document_id], coders[progress.coder_id].id)
            if key not in done:
                done.add(key)
                new_progress.append(Progress(key[0], key[1], progress.done))
        report.progress_added = len(new_progress)
        for code in new_codes:
            db.execute(
                "INSERT INTO codes (id, parent_id, name, definition, when_to_use, when_not_to_use, example, colour, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (code.id, code.parent_id, code.name, code.definition, code.when_to_use, code.when_not_to_use, code.example,
                 code.colour, code.position))
        records = ProjectRecords(codebook=Codebook(), coders=new_coders, documents=new_documents, codings=new_codings,
                                 memos=new_memos, progress=new_progress)
        added = sum(report.codings_added.values())
        summary = f"merge {source}: {len(new_documents)} documents, {len(new_codes)} codes, {added} codings, {len(new_memos)} memos"
        insert_records(project, records, summary)
        if coder_id is not None and (new_codes or new_codings or new_memos or new_progress):
            actions.record(db, coder_id, "merge", summary + (" (the documents stay on undo)" if new_documents else ""),
                           _merge_ops(project, new_codes, new_codings, new_memos, new_progress), applied=True)
    return report


def _merge_ops(project: Project, codes: list[Code], codings: list[Coding], memos: list[Memo],
               progress: list[Progress]) -> list[actions.Op]:
    """The rows a merge inserted, as the operations of an action (codes first, so undo removes them last)."""
    ops = [actions.insert("codes", project._code_row(code)) for code in codes]
    ops += [actions.insert("codings", {"id": c.id, "document_id": c.document_id, "code_id": c.code_id,
                                       "coder_id": c.coder_id, "start_offset": c.start, "end_offset": c.end,
                                       "created": c.created, "memo": c.memo}) for c in codings]
    ops += [actions.insert("memos", {"id": m.id, "target_kind": m.target_kind, "target_id": m.target_id,
                                     "coder_id": m.coder_id, "body": m.text, "created": m.created,
                                     "modified": m.modified}) for m in memos]
    ops += [actions.insert("progress", {"document_id": p.document_id, "coder_id": p.coder_id, "done": p.done})
            for p in progress]
    return ops


def _label(project: Project, incoming: ProjectRecords, memo: Memo) -> str:
    if memo.target_kind == "document":
        return next((d.name for d in incoming.documents if d.id == memo.target_id), memo.target_id)
    if memo.target_kind == "code":
        return incoming.codebook.paths.get(memo.target_id, memo.target_id)
    return "the project"
