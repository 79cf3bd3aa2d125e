"""Undo, redo and the audit trail: every coder's actions, as ``qda.store.actions`` records them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ProjectError
from ..model import Coder
from . import actions
from .codes import Codes
from .documents import Documents
from .queries import CHUNK

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import pandas as pd


class History(Documents, Codes):
    """The history part of a Project (see ``qda.store.project``)."""

    def undo(self, coder: str | Coder) -> actions.Action:
        """Undo ``coder``'s latest action; raises NotFoundError when there is none, or no such coder."""
        coder_id = self._known_coder_id(coder)
        with self._transaction():
            return actions.undo(self._db, coder_id)

    def redo(self, coder: str | Coder) -> actions.Action:
        coder_id = self._known_coder_id(coder)
        with self._transaction():
            return actions.redo(self._db, coder_id)

    def forget_deleted(self) -> int:
        """Remove from the file every memo text that was deleted (or replaced) but is still kept
        by the action log for undo; those actions can no longer be undone.  With secure_delete
        the old bytes are zeroed, and the write-ahead log is emptied afterwards, so the text is
        gone from the project's files.  Returns how many logged actions held such text."""
        with self._transaction():
            changed = actions.forget_deleted(self._db)
        busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise ProjectError(f"{self.path}: another process has the project open, so deleted text may remain in "
                               f"{self.path.name}-wal; run this again when no one else has it open")
        return changed

    def said(self, action: actions.Action) -> str:
        """``action``'s summary as a message to a researcher says it: each span quoted from its words when
        the codings the action touched lie in one document ("code P01 “A veces las señoras …” as Demora";
        offsets say nothing to a reader, and the log keeps them)."""
        touched = [op for op in action.ops if op["table"] == "codings"]
        documents = {op["row"]["document_id"] for op in touched if "row" in op}
        updated = [op["key"]["id"] for op in touched if op["op"] == "update"]
        for first in range(0, len(updated), CHUNK):  # a merge's undo may update 100,000 codings: a few ids a
            if len(documents) > 1:                    # statement, and no more once two documents are found
                break
            chunk = updated[first:first + CHUNK]
            documents |= {row[0] for row in self._rows(
                f"SELECT DISTINCT document_id FROM codings WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)}
        if len(documents) != 1:
            return action.summary
        row = self._db.execute("SELECT body FROM documents WHERE id = ?", (documents.pop(),)).fetchone()
        return actions.quoted(action.summary, row[0]) if row else action.summary

    def history(self, limit: int | None = None) -> pd.DataFrame:
        """The audit trail, newest first: seq, time, coder, kind, summary, state."""
        import pandas as pd

        rows = self._rows(
            "SELECT a.seq, a.created, COALESCE(k.name, ''), a.kind, a.summary, a.state FROM actions a "
            "LEFT JOIN coders k ON k.id = a.coder_id ORDER BY a.seq DESC" + (f" LIMIT {int(limit)}" if limit else ""))
        names = dict(self._rows("SELECT id, name FROM documents UNION ALL SELECT id, name FROM coders"))
        names.update(self.codebook.paths)
        rows = [(*row[:4], actions.readable(row[4], names), row[5]) for row in rows]
        return pd.DataFrame(rows, columns=["seq", "time", "coder", "kind", "summary", "state"])
