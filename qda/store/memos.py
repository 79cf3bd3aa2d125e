"""Memos: a coder's notes on the project, a document or a code (a coding's memo lives on the coding)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import QdaError
from ..model import Coder
from . import actions
from .actions import now
from .codes import Codes
from .core import new_id
from .documents import Documents

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import pandas as pd


class Memos(Documents, Codes):
    """The memos part of a Project (see ``qda.store.project``)."""

    def memo(self, kind: str, target: str, coder: str | Coder) -> str:
        target_id = self._memo_target(kind, target)
        row = self._db.execute("SELECT body FROM memos WHERE target_kind = ? AND target_id = ? AND coder_id = ?",
                               (kind, target_id, self._coder_id(coder))).fetchone()
        return row[0] if row else ""

    def memos(self, kind: str | None = None) -> pd.DataFrame:
        import pandas as pd

        rows = self._rows(
            "SELECT m.id, m.target_kind, m.target_id, k.name, m.body, m.created, m.modified FROM memos m "
            "JOIN coders k ON k.id = m.coder_id" + (" WHERE m.target_kind = ?" if kind else "") + " ORDER BY m.created",
            (kind,) if kind else ())
        return pd.DataFrame(rows, columns=["memo_id", "target_kind", "target_id", "coder", "text", "created", "modified"])

    def _memo_target(self, kind: str, target: str) -> str:
        if kind == "document":
            return self.document_id(target)
        if kind == "code":
            return self.code(target).id
        if kind == "project":
            return ""
        raise QdaError(f"memos are written on a project, a document or a code, not on {kind!r}")

    def set_memo(self, kind: str, target: str, text: str, coder: str | Coder) -> None:
        """Write (or, with empty text, remove) this coder's memo on a project, document or code."""
        target_id = self._memo_target(kind, target)
        coder_id = self._coder_id(coder)
        row = self._db.execute("SELECT id, target_kind, target_id, coder_id, body, created, modified FROM memos "
                               "WHERE target_kind = ? AND target_id = ? AND coder_id = ?", (kind, target_id, coder_id)).fetchone()
        stamp = now()
        if row is None:
            if not text:
                return
            ops = [actions.insert("memos", {"id": new_id(), "target_kind": kind, "target_id": target_id, "coder_id": coder_id,
                                            "body": text, "created": stamp, "modified": stamp})]
        elif not text:
            ops = [actions.delete("memos", dict(zip(("id", "target_kind", "target_id", "coder_id", "body", "created", "modified"), row)))]
        else:
            ops = [actions.update("memos", {"id": row[0]}, {"body": row[4], "modified": row[6]}, {"body": text, "modified": stamp})]
        with self._transaction():
            actions.record(self._db, coder_id, "memo", f"memo on {kind} {target}", ops)
