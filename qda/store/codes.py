"""The project's working codebook: codes read, added, changed, moved, merged, deleted and
imported from a codebook file, each change one undoable action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import CodebookError, NotFoundError
from ..model import COLOUR, Code, Codebook, Coder, control_in, join_path, split_path
from ..rows import Rows
from . import actions
from .actions import now
from .core import ProjectCore, new_id
from .taken import DeletedCode, TakenCodings

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import pandas as pd

CODE_FIELDS = ("name", "definition", "when_to_use", "when_not_to_use", "example", "colour")


def check_code_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise CodebookError("a code needs a name")
    if ">" in name:
        raise CodebookError(f"code name {name!r} may not contain '>', which separates the levels of a path")
    if control := control_in(name):
        raise CodebookError(f"code name {name!r} may not contain a control character ({control})")
    return name


def check_colour(colour: str) -> str:
    if colour and not COLOUR.match(colour):
        raise CodebookError(f"colour {colour!r} is not of the form #RRGGBB")
    return colour.upper()



class Codes(ProjectCore):
    """The codebook part of a Project (see ``qda.store.project``)."""

    @property
    def codebook(self) -> Codebook:
        """The working codebook as it is now in the file."""
        codes = tuple(
            Code(*row)
            for row in self._rows(
                "SELECT id, name, parent_id, definition, when_to_use, when_not_to_use, example, colour, position FROM codes"
            )
        )
        return Codebook(self.setting("codebook_name"), self.setting("codebook_description"), codes)

    def code(self, ref: str | Code) -> Code:
        """A code by id, full path ("A > B"), or a name or path ending that is unique."""
        if isinstance(ref, Code):
            return ref
        codebook = self.codebook
        code = codebook.by_id.get(ref) or codebook.find(ref)
        if code is None:
            raise NotFoundError(f"no code {ref!r} in the codebook (see `qda codebook {self.path}`)")
        return code

    def _code_row(self, code: Code) -> dict[str, Any]:
        return {
            "id": code.id, "parent_id": code.parent_id, "name": code.name, "definition": code.definition,
            "when_to_use": code.when_to_use, "when_not_to_use": code.when_not_to_use, "example": code.example,
            "colour": code.colour, "position": code.position,
        }

    def _check_sibling_name(self, codebook: Codebook, parent_id: str | None, name: str, exclude: str | None = None) -> None:
        for sibling in codebook.children(parent_id):
            if sibling.id != exclude and sibling.name.casefold() == name.casefold():
                where = codebook.path(parent_id) if parent_id else "the top level"
                raise CodebookError(f"a code named {sibling.name!r} already exists under {where}")

    def add_code(self, name: str, parent: str | Code | None = None, coder: str | Coder | None = None, **fields: str) -> Code:
        """Create a code (at the end of its parent's children); undoable by ``coder``."""
        name = check_code_name(name)
        unknown = set(fields) - set(CODE_FIELDS)
        if unknown:
            raise CodebookError(f"unknown code field(s): {', '.join(sorted(unknown))}")
        codebook = self.codebook
        parent_id = self.code(parent).id if parent else None
        self._check_sibling_name(codebook, parent_id, name)
        siblings = codebook.children(parent_id)
        colour = check_colour(fields.get("colour", "")) or (codebook.by_id[parent_id].colour if parent_id else "")
        code = Code(
            id=new_id(), name=name, parent_id=parent_id,
            definition=fields.get("definition", ""), when_to_use=fields.get("when_to_use", ""),
            when_not_to_use=fields.get("when_not_to_use", ""), example=fields.get("example", ""),
            colour=colour, position=(max(s.position for s in siblings) + 1) if siblings else 0,
        )
        coder_id = self._coder_id(coder) if coder else None
        with self._transaction():
            actions.record(self._db, coder_id, "add_code", f"add code {join_path(self._path_names(codebook, parent_id) + [name])}",
                           [actions.insert("codes", self._code_row(code))])
        return code

    def _path_names(self, codebook: Codebook, code_id: str | None) -> list[str]:
        return split_path(codebook.path(code_id)) if code_id else []

    def update_code(self, code: str | Code, coder: str | Coder | None = None, **fields: str) -> Code:
        """Change a code's name, definition, guidance, example or colour; codings are untouched."""
        unknown = set(fields) - set(CODE_FIELDS)
        if unknown:
            raise CodebookError(f"unknown code field(s): {', '.join(sorted(unknown))}")
        current = self.code(code)
        codebook = self.codebook
        if "name" in fields:
            fields["name"] = check_code_name(fields["name"])
            self._check_sibling_name(codebook, current.parent_id, fields["name"], exclude=current.id)
        if "colour" in fields:
            fields["colour"] = check_colour(fields["colour"])
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            return current
        before = {k: getattr(current, k) for k in changed}
        with self._transaction():
            actions.record(self._db, self._coder_id(coder) if coder else None, "update_code",
                           f"change {', '.join(changed)} of {codebook.path(current.id)}",
                           [actions.update("codes", {"id": current.id}, before, changed)])
        return self.code(current.id)

    def rename_code(self, code: str | Code, name: str, coder: str | Coder | None = None) -> Code:
        return self.update_code(code, coder, name=name)

    def move_code(self, code: str | Code, parent: str | Code | None, coder: str | Coder | None = None) -> Code:
        """Move a code (with its subtree) under ``parent`` (None: the top level)."""
        current = self.code(code)
        codebook = self.codebook
        parent_id = self.code(parent).id if parent else None
        if parent_id and parent_id in codebook.subtree_ids(current.id):
            raise CodebookError(f"cannot move {codebook.path(current.id)} into its own subtree")
        if parent_id == current.parent_id:
            return current
        self._check_sibling_name(codebook, parent_id, current.name, exclude=current.id)
        siblings = codebook.children(parent_id)
        position = (max(s.position for s in siblings) + 1) if siblings else 0
        with self._transaction():
            actions.record(
                self._db, self._coder_id(coder) if coder else None, "move_code",
                f"move {codebook.path(current.id)} to {codebook.path(parent_id) if parent_id else 'the top level'}",
                [actions.update("codes", {"id": current.id},
                                {"parent_id": current.parent_id, "position": current.position},
                                {"parent_id": parent_id, "position": position})],
            )
        return self.code(current.id)

    def merge_codes(self, source: str | Code, target: str | Code, coder: str | Coder | None = None) -> int:
        """Fold ``source`` into ``target``: its codings and children move, then it goes.

        A coding that would duplicate one the target already has (same document,
        span and coder) is dropped rather than doubled, its memo added to that coding's
        (below it, after a blank line, when both have one).  Returns codings moved."""
        codebook = self.codebook
        source_code, target_code = self.code(source), self.code(target)
        if source_code.id == target_code.id:
            raise CodebookError("cannot merge a code into itself")
        if target_code.id in codebook.subtree_ids(source_code.id):
            raise CodebookError(f"cannot merge {codebook.path(source_code.id)} into its own subtree")
        target_children = {c.name.casefold() for c in codebook.children(target_code.id)}
        ops: list[actions.Op] = []
        position = max([c.position for c in codebook.children(target_code.id)] + [-1]) + 1
        for child in codebook.children(source_code.id):
            if child.name.casefold() in target_children:
                raise CodebookError(f"cannot merge: {codebook.path(target_code.id)} already has a child named {child.name!r}")
            ops.append(actions.update("codes", {"id": child.id}, {"parent_id": child.parent_id, "position": child.position},
                                      {"parent_id": target_code.id, "position": position}))
            position += 1
        existing = {(d, s, e, c): [coding_id, memo] for coding_id, d, s, e, c, memo in self._rows(
            "SELECT id, document_id, start_offset, end_offset, coder_id, memo FROM codings WHERE code_id = ?",
            (target_code.id,))}
        moved = 0
        for row in self._coding_rows("WHERE code_id = ?", (source_code.id,)):
            kept = existing.get((row["document_id"], row["start_offset"], row["end_offset"], row["coder_id"]))
            if kept is not None:
                memo = _memo_below(kept[1], row["memo"])  # the dropped coding's memo stays, on the kept one
                if memo != kept[1]:
                    ops.append(actions.update("codings", {"id": kept[0]}, {"memo": kept[1]}, {"memo": memo}))
                    kept[1] = memo
                ops.append(actions.delete("codings", row))
            else:
                ops.append(actions.update("codings", {"id": row["id"]}, {"code_id": source_code.id}, {"code_id": target_code.id}))
                moved += 1
        ops += self._code_memos_folded(source_code.id, target_code.id)
        ops.append(actions.delete("codes", self._code_row(source_code)))
        with self._transaction():
            actions.record(self._db, self._coder_id(coder) if coder else None, "merge_codes",
                           f"merge {codebook.path(source_code.id)} into {codebook.path(target_code.id)}", ops)
        return moved

    def _code_memos(self, code_id: str) -> list[dict]:
        """The memos written on a code (one a coder), as rows for ``actions``."""
        columns = ("id", "target_kind", "target_id", "coder_id", "body", "created", "modified")
        return [dict(zip(columns, row)) for row in self._rows(
            f"SELECT {', '.join(columns)} FROM memos WHERE target_kind = 'code' AND target_id = ?", (code_id,))]

    def _code_memos_folded(self, source_id: str, target_id: str) -> list[actions.Op]:
        """Operations that put the memos on ``source_id`` on ``target_id``: a coder's memo moves, or, when
        the coder has one on the target too, is added below it after a blank line.  A memo left on a
        code that is gone was listed by a raw id, and said nothing more in the app."""
        on_target = {memo["coder_id"]: memo for memo in self._code_memos(target_id)}
        ops: list[actions.Op] = []
        for memo in self._code_memos(source_id):
            kept = on_target.get(memo["coder_id"])
            if kept is None:
                ops.append(actions.update("memos", {"id": memo["id"]}, {"target_id": source_id}, {"target_id": target_id}))
                continue
            body = _memo_below(kept["body"], memo["body"])
            if body != kept["body"]:
                ops.append(actions.update("memos", {"id": kept["id"]}, {"body": kept["body"], "modified": kept["modified"]},
                                          {"body": body, "modified": now()}))
            ops.append(actions.delete("memos", memo))
        return ops

    def delete_code(self, code: str | Code, coder: str | Coder | None = None) -> DeletedCode:
        """Remove a code without children, its codings (with their memos) and the memos on it; undoable
        as one action.  Returns what went, to be said to the researcher."""
        codebook = self.codebook
        current = self.code(code)
        if codebook.children(current.id):
            raise CodebookError(f"{codebook.path(current.id)} has child codes; move or merge them first")
        rows = self._coding_rows("WHERE code_id = ?", (current.id,))
        memos = self._code_memos(current.id)
        ops = [actions.delete("codings", row) for row in rows] + [actions.delete("memos", memo) for memo in memos]
        ops.append(actions.delete("codes", self._code_row(current)))
        names = {c.id: c.name for c in self.coders()}
        deleted = DeletedCode(codebook.path(current.id), TakenCodings(len(rows), sum(bool(row["memo"]) for row in rows)),
                              tuple(sorted(names.get(memo["coder_id"], memo["coder_id"]) for memo in memos)))
        with self._transaction():
            actions.record(self._db, self._coder_id(coder) if coder else None, "delete_code",
                           f"delete code {deleted.path}, {deleted}", ops)
        return deleted

    def import_codebook(self, incoming: Codebook, coder: str | Coder | None = None) -> dict[str, list[str]]:
        """Merge a codebook into the working one: match by id, then by path; add the rest.

        Codes the file lacks are kept (they may carry codings) and reported.
        Returns ``{"added": [...], "updated": [...], "kept": [...]}`` of paths."""
        current = self.codebook
        by_path = {path.casefold(): current.by_id[code_id] for code_id, path in current.paths.items()}
        mapping: dict[str, str] = {}  # incoming id -> project id
        ops: list[actions.Op] = []
        report: dict[str, list[str]] = {"added": [], "updated": [], "kept": []}
        planned_names: dict[str | None, dict[str, str]] = {}
        for code, _depth in incoming.walk():
            path = incoming.path(code.id)
            parent_id = mapping[code.parent_id] if code.parent_id else None
            match = current.by_id.get(code.id) or by_path.get(path.casefold())
            siblings = planned_names.setdefault(parent_id, {c.name.casefold(): c.id for c in current.children(parent_id)})
            if match is None:
                if code.name.casefold() in siblings:
                    raise CodebookError(f"the codebook adds {path!r}, but a sibling with that name already exists")
                new = Code(id=code.id if code.id not in current.by_id else new_id(), name=code.name, parent_id=parent_id,
                           definition=code.definition, when_to_use=code.when_to_use, when_not_to_use=code.when_not_to_use,
                           example=code.example, colour=code.colour, position=code.position)
                ops.append(actions.insert("codes", self._code_row(new)))
                siblings[code.name.casefold()] = new.id
                mapping[code.id] = new.id
                report["added"].append(path)
                continue
            mapping[code.id] = match.id
            wanted = {"name": code.name, "parent_id": parent_id, "definition": code.definition, "when_to_use": code.when_to_use,
                      "when_not_to_use": code.when_not_to_use, "example": code.example, "colour": code.colour,
                      "position": code.position}
            before = {k: getattr(match, k) for k in wanted}
            changed = {k: v for k, v in wanted.items() if before[k] != v}
            if changed:
                owner = siblings.get(code.name.casefold())
                if owner is not None and owner != match.id:
                    raise CodebookError(f"the codebook renames or moves a code to {path!r}, where another code already is")
                siblings[code.name.casefold()] = match.id
                ops.append(actions.update("codes", {"id": match.id}, {k: before[k] for k in changed}, changed))
                report["updated"].append(path)
        matched = set(mapping.values())
        report["kept"] = [current.path(c.id) for c, _ in current.walk() if c.id not in matched]
        with self._transaction():
            if ops:
                actions.record(self._db, self._coder_id(coder) if coder else None, "import_codebook",
                               f"import codebook: {len(report['added'])} added, {len(report['updated'])} updated", ops)
            for key, value in (("codebook_name", incoming.name), ("codebook_description", incoming.description)):
                if value:
                    self._db.execute("INSERT INTO project (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
        return report

    def code_counts(self) -> pd.DataFrame:
        """Per code id: codings, documents and coders that use it directly (not its subtree)."""
        return self.code_count_rows().frame()

    def code_count_rows(self) -> Rows:
        """The rows of ``code_counts``, without pandas (for ``qda codebook``)."""
        return Rows(["code_id", "codings", "documents", "coders"], self._rows(
            "SELECT code_id, COUNT(*), COUNT(DISTINCT document_id), COUNT(DISTINCT coder_id) FROM codings "
            "GROUP BY code_id"))


def _memo_below(kept: str, added: str) -> str:
    """``kept`` with ``added`` below it after a blank line (merging codes keeps both coders' words), or as
    it is when ``added`` is empty or already in it."""
    if not added or added in kept:
        return kept
    return f"{kept}\n\n{added}" if kept else added
