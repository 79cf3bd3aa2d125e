"""Codings: spans of a document's text coded by a coder, added, removed, recoded and
memoed as undoable actions, and read back as objects or as one DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..errors import CodingError, ConflictError, NotFoundError, QdaError
from ..model import PATH_SEPARATOR, Code, Codebook, Coder, Coding, Document
from ..nfc import nfc
from . import actions
from .actions import now
from .codes import Codes
from .core import new_id
from .documents import Documents
from .queries import turn_speakers
from .taken import TakenCodings

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import pandas as pd


class Codings(Documents, Codes):
    """The codings part of a Project (see ``qda.store.project``)."""

    def add_coding(self, document: str | Document, code: str | Code, start: int, end: int,
                   coder: str | Coder, memo: str = "") -> Coding:
        """Code ``document[start:end]`` with ``code``: one durable, undoable action."""
        return self.add_codings([(document, code, start, end, memo)], coder)[0]

    def add_codings(self, rows: Iterable[tuple], coder: str | Coder | None = None, label: str = "row",
                    first: int = 1) -> list[Coding]:
        """Add many codings as one action: all of them or, if one is bad, none.

        Each row is ``(document, code, start, end[, memo[, coder]])``; a coder in the
        row overrides ``coder``.  An error names the row: ``label`` and its number, counted from ``first``."""
        targets = _Targets(self)
        coder_ids: dict[str, str] = {}
        prepared: list[dict[str, Any]] = []
        # One transaction from the first check to the last insert: a coder named in a
        # bad batch is not created, and nothing is added unless every row is good.
        with self._transaction():
            for number, row in enumerate(rows, start=first):
                document, code, start, end, *rest = row
                memo = rest[0] if rest else ""
                who = rest[1] if len(rest) > 1 and rest[1] else coder
                try:
                    if who is None:
                        raise CodingError("no coder given")
                    key = who.id if isinstance(who, Coder) else who
                    if key not in coder_ids:
                        coder_ids[key] = self._coder_id(nfc(who))
                    prepared.append(targets.coding(document, code, start, end, coder_ids[key], memo))
                except QdaError as error:
                    raise type(error)(f"{label} {number}: {error}") from error
            # One action per coder, so each can undo their own part of a shared file.
            for coder_id in dict.fromkeys(p["coder_id"] for p in prepared):
                own = [p for p in prepared if p["coder_id"] == coder_id]
                summary = f"code {targets.label(own[0])}" if len(own) == 1 else f"add {len(own)} codings"
                actions.record(self._db, coder_id, "add_codings", summary, [actions.insert("codings", p) for p in own])
        return [self._as_coding(p) for p in prepared]

    @staticmethod
    def _as_coding(row: Mapping[str, Any]) -> Coding:
        return Coding(row["id"], row["document_id"], row["code_id"], row["coder_id"], row["start_offset"],
                      row["end_offset"], row["created"], row["memo"])

    def _span_label(self, row: Mapping[str, Any], codebook: Codebook) -> str:
        name = self._db.execute("SELECT name FROM documents WHERE id = ?", (row["document_id"],)).fetchone()[0]
        return f"{name} [{row['start_offset']}, {row['end_offset']}) as {codebook.path(row['code_id'])}"

    def _coding_row(self, coding: str | Coding) -> dict[str, Any]:
        """The stored row of a coding (or its id); NotFoundError when there is none (removed meanwhile)."""
        coding_id = coding.id if isinstance(coding, Coding) else coding
        rows = self._coding_rows("WHERE id = ?", (coding_id,))
        if not rows:
            raise NotFoundError(f"no coding {coding_id!r}")
        return rows[0]

    def coding(self, coding_id: str) -> Coding:
        return self._as_coding(self._coding_row(coding_id))

    def remove_coding(self, coding: str | Coding, coder: str | Coder) -> None:
        """Remove one coding; undoable by ``coder``."""
        row = self._coding_row(coding)
        with self._transaction():
            actions.record(self._db, self._coder_id(coder), "remove_coding",
                           f"remove {self._span_label(row, self.codebook)}{' and its memo' if row['memo'] else ''}",
                           [actions.delete("codings", row)])

    def remove_codings(self, codings: Iterable[str | Coding], coder: str | Coder) -> TakenCodings:
        """Remove several codings as one action.  Returns what went: a coding's memo goes with it."""
        ids = [c.id if isinstance(c, Coding) else c for c in codings]
        rows = [r for i in ids for r in self._coding_rows("WHERE id = ?", (i,))]
        if len(rows) != len(ids):
            raise NotFoundError("some of those codings no longer exist")
        taken = TakenCodings(len(rows), sum(bool(row["memo"]) for row in rows))
        if rows:
            with self._transaction():
                actions.record(self._db, self._coder_id(coder), "remove_codings", f"remove {taken}",
                               [actions.delete("codings", row) for row in rows])
        return taken

    def _update_coding(self, coding: str | Coding, coder: str | Coder, kind: str, changes: dict[str, Any],
                       summary: str = "") -> Coding:
        row = self._coding_row(coding)
        changed = {k: v for k, v in changes.items() if row[k] != v}
        if changed:
            with self._transaction():
                actions.record(self._db, self._coder_id(coder), kind,
                               summary or f"{kind.replace('_', ' ')}: {self._span_label(row, self.codebook)}",
                               [actions.update("codings", {"id": row["id"]}, {k: row[k] for k in changed}, changed)])
        return self.coding(row["id"])

    def recode(self, coding: str | Coding, code: str | Code, coder: str | Coder) -> Coding:
        """Give a coding another code, keeping its span, coder and memo."""
        new_code = self.code(code)
        row = self._coding_row(coding)
        codebook = self.codebook
        summary = (f"recode {self._span_label(row, codebook).rpartition(' as ')[0]} "
                   f"from {codebook.path(row['code_id'])} to {codebook.path(new_code.id)}")
        return self._update_coding(coding, coder, "recode", {"code_id": new_code.id}, summary)

    def set_coding_memo(self, coding: str | Coding, memo: str, coder: str | Coder) -> Coding:
        return self._update_coding(coding, coder, "memo_coding", {"memo": memo or ""})

    def codings(self, document: str | Document | None = None, coder: str | Coder | None = None,
                code: str | Code | None = None) -> list[Coding]:
        """Codings in document order, optionally of one document, coder or code."""
        clauses, params = [], []
        if document is not None:
            clauses.append("document_id = ?")
            params.append(self.document_id(document))
        if coder is not None:
            row = self._db.execute("SELECT id FROM coders WHERE name = ? OR id = ?",
                                   (coder.name if isinstance(coder, Coder) else coder,) * 2).fetchone()
            if row is None:
                return []
            clauses.append("coder_id = ?")
            params.append(row[0])
        if code is not None:
            clauses.append("code_id = ?")
            params.append(self.code(code).id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [self._as_coding(r) for r in self._coding_rows(f"{where} ORDER BY document_id, start_offset, end_offset, created", params)]

    def codings_table(self, with_text: bool = True) -> pd.DataFrame:
        """Every coding as a DataFrame, in document order.

        Columns: coding_id, document, document_id, code, code_id, code_path, coder,
        start, end, text, speaker, created, memo.  ``text`` is exactly
        ``document.text[start:end]``; ``speaker`` is the turn the span starts in."""
        with self.snapshot():
            return self._codings_table(with_text)

    def _codings_table(self, with_text: bool) -> pd.DataFrame:
        import pandas as pd

        codebook = self.codebook
        rows = self._rows(
            "SELECT c.id, d.name, c.document_id, c.code_id, k.name, c.start_offset, c.end_offset, c.created, c.memo "
            "FROM codings c JOIN documents d ON d.id = c.document_id JOIN coders k ON k.id = c.coder_id "
            "ORDER BY d.position, c.start_offset, c.end_offset, c.created"
        )
        frame = pd.DataFrame(rows, columns=["coding_id", "document", "document_id", "code_id", "coder", "start", "end", "created", "memo"])
        paths = codebook.paths
        frame.insert(3, "code", [codebook.by_id[c].name for c in frame["code_id"]])
        frame.insert(5, "code_path", [paths[c] for c in frame["code_id"]])
        frame["speaker"] = self._speakers_at(frame)
        if with_text:
            texts: list[str] = [""] * len(frame)
            for document_id, positions in frame.groupby("document_id", sort=False).indices.items():
                body = self._db.execute("SELECT body FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
                starts, ends = frame["start"].to_numpy()[positions], frame["end"].to_numpy()[positions]
                for position, start, end in zip(positions, starts, ends):
                    texts[position] = body[start:end]
            frame["text"] = texts
        else:
            frame["text"] = ""
        return frame[["coding_id", "document", "document_id", "code", "code_id", "code_path", "coder",
                      "start", "end", "text", "speaker", "created", "memo"]]

    def _speakers_at(self, frame: pd.DataFrame) -> list[str]:
        import numpy as np

        speakers = [""] * len(frame)
        if frame.empty:
            return speakers
        turns = turn_speakers(self)
        by_document = {d: g for d, g in turns.groupby("document_id", sort=False)}
        for document_id, positions in frame.groupby("document_id", sort=False).indices.items():
            group = by_document.get(document_id)
            if group is None:
                continue
            starts, ends, names = group["start"].to_numpy(), group["end"].to_numpy(), group["speaker"].to_numpy()
            offsets = frame["start"].to_numpy()[positions]
            index = np.searchsorted(starts, offsets, side="right") - 1
            for position, i, offset in zip(positions, index, offsets):
                if i >= 0 and offset < ends[i]:
                    speakers[position] = names[i]
        return speakers


# A code and its ancestors' names, the code first: its path without reading the whole codebook.
# The depth bound only stops a damaged file whose parents run in a circle.
CODE_CHAIN = (
    "WITH RECURSIVE chain (id, name, parent_id, depth) AS ("
    " SELECT id, name, parent_id, 0 FROM codes WHERE id = ?"
    " UNION ALL SELECT c.id, c.name, c.parent_id, chain.depth + 1 FROM codes c JOIN chain ON c.id = chain.parent_id"
    " WHERE chain.depth < 1000"
    ") SELECT name FROM chain ORDER BY depth DESC"
)


class _Targets:
    """The documents and codes a batch of codings names, each looked up once, inside the batch's
    transaction.  A coding by quick key costs one statement for its document (id, length, name)
    and one for its code (the chain of names that is its path), not a rebuilt codebook: the
    codebook is read only for a code named by name or path instead of id."""

    def __init__(self, project: Codings) -> None:
        self.project = project
        self.documents: dict[str, tuple[str, int, str]] = {}  # reference -> (id, characters, name)
        self.codes: dict[str, tuple[str, str]] = {}  # reference -> (id, path)
        self.names: dict[str, str] = {}  # document id -> name
        self.paths: dict[str, str] = {}  # code id -> path
        self._codebook: Codebook | None = None

    def coding(self, document: str | Document, code: str | Code, start: Any, end: Any, coder_id: str,
               memo: str) -> dict[str, Any]:
        """The row of a new coding, checked: the document and the code exist, the span lies in the text."""
        document_id, characters, _name = self.document(document)
        code_id, _path = self.code(code)
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError) as error:
            raise CodingError(f"start and end must be whole numbers, not {start!r} and {end!r}") from error
        if not 0 <= start < end <= characters:
            shown = document.id if isinstance(document, Document) else str(document)
            raise CodingError(f"span [{start}, {end}) is outside document {shown!r}, which has {characters} characters")
        return {"id": new_id(), "document_id": document_id, "code_id": code_id, "coder_id": coder_id,
                "start_offset": start, "end_offset": end, "created": now(), "memo": nfc(memo) if memo else ""}

    def document(self, document: str | Document) -> tuple[str, int, str]:
        ref = document.id if isinstance(document, Document) else str(document)
        found = self.documents.get(ref)
        if found is None:
            name = nfc(ref)  # looked up once per name, as every name a caller gives (``qda.nfc``)
            row = self.project._db.execute("SELECT id, chars, name FROM documents WHERE id = ? OR name = ?",
                                           (name, name)).fetchone()
            if row is None:  # a reference ("P07"), or the error that names the project and the listing
                row = self.project._db.execute("SELECT id, chars, name FROM documents WHERE id = ?",
                                               (self.project.document_id(name),)).fetchone()
            found = self.documents[ref] = (row[0], row[1], row[2])
            self.names[row[0]] = row[2]
        return found

    def code(self, code: str | Code) -> tuple[str, str]:
        ref = code.id if isinstance(code, Code) else code
        found = self.codes.get(ref)
        if found is None:
            names = [row[0] for row in self.project._db.execute(CODE_CHAIN, (ref,))] if isinstance(ref, str) else []
            if names:
                found = (ref, PATH_SEPARATOR.join(names))
            else:  # a name or a path, or no code at all
                if self._codebook is None:
                    self._codebook = self.project.codebook
                if isinstance(code, Code):  # held by the caller, gone from the file
                    raise ConflictError(f"code {code.name!r} is no longer in the codebook: another action removed it meanwhile")
                code_obj = self._codebook.find(nfc(ref)) if isinstance(ref, str) else None
                if code_obj is None:
                    raise NotFoundError(f"no code {code!r} in the codebook")
                found = (code_obj.id, self._codebook.path(code_obj.id))
            self.codes[ref] = found
            self.paths[found[0]] = found[1]
        return found

    def label(self, row: Mapping[str, Any]) -> str:
        """"P01 [120, 180) as Institutional response > Police": a new coding in the action log."""
        return (f"{self.names[row['document_id']]} [{row['start_offset']}, {row['end_offset']}) "
                f"as {self.paths[row['code_id']]}")
