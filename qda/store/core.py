"""What every part of a Project stands on: its connection, transactions, settings and coders.

A Project is assembled from one class per concept (``documents``, ``codes``, ``codings``,
``memos``, ``history``), each holding that concept's SQL; this is the base they share.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any, Iterable, Self

from ..errors import NotFoundError, QdaError
from ..model import Coder
from .actions import now
from .connection import snapshot, transaction

CODING_COLUMNS = ("id", "document_id", "code_id", "coder_id", "start_offset", "end_offset", "created", "memo")


def new_id() -> str:
    return str(uuid.uuid4())



class ProjectCore:
    """An open project's connection and the coders, settings and per-coder state every concept uses.

    ``path`` names the project in messages (a server's URL without its password); ``location``
    is what opens it again (another connection of the app, a worker)."""

    def __init__(self, path: Path | str, connection: sqlite3.Connection, location: Path | str | None = None):
        self.path = path
        self.location = path if location is None else location
        self._db = connection

    @property
    def on_server(self) -> bool:
        return getattr(self._db, "engine", "sqlite") == "postgresql"

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self):
        return transaction(self._db)

    def snapshot(self):
        """A context in which every read sees the project at one moment (one read transaction),
        whatever other processes commit meanwhile: for reads of several tables that must agree
        (an export, a copy, an analysis).  Writes belong outside it."""
        return snapshot(self._db)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self._db.execute(sql, tuple(params)).fetchall()

    def setting(self, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT INTO project (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def name(self) -> str:
        return self.setting("name")

    def coder(self, name: str) -> Coder:
        """The coder called ``name``, created on first use."""
        name = (name or "").strip()
        if not name:
            raise QdaError("a coder needs a name (use --coder NAME)")
        row = self._db.execute("SELECT id, name FROM coders WHERE name = ?", (name,)).fetchone()
        if row:
            return Coder(*row)
        with self._transaction():
            row = self._db.execute("SELECT id, name FROM coders WHERE name = ?", (name,)).fetchone()
            if row:
                return Coder(*row)
            coder = Coder(new_id(), name)
            self._db.execute("INSERT INTO coders (id, name, created) VALUES (?, ?, ?)", (coder.id, name, now()))
        return coder

    def coders(self) -> list[Coder]:
        return [Coder(*row) for row in self._rows("SELECT id, name FROM coders ORDER BY name")]

    def _coder_id(self, coder: str | Coder) -> str:
        return coder.id if isinstance(coder, Coder) else self.coder(coder).id

    def _known_coder_id(self, coder: str | Coder) -> str:
        """A coder's id, never creating one: a mistyped name is an error listing the coders."""
        if isinstance(coder, Coder):
            return coder.id
        row = self._db.execute("SELECT id FROM coders WHERE name = ? OR id = ?", (coder, coder)).fetchone()
        if row is None:
            names = ", ".join(c.name for c in self.coders()) or "none yet"
            raise NotFoundError(f"no coder {coder!r} in {self.path}; its coders: {names}")
        return row[0]

    def state(self, coder: str | Coder, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM coder_state WHERE coder_id = ? AND key = ?", (self._coder_id(coder), key)).fetchone()
        return row[0] if row else default

    def set_state(self, coder: str | Coder, key: str, value: str) -> None:
        """Where a coder left off (document, position, quick keys): not an undoable action."""
        coder_id = self._coder_id(coder)
        with self._transaction():
            self._db.execute("INSERT INTO coder_state (coder_id, key, value) VALUES (?, ?, ?) "
                             "ON CONFLICT (coder_id, key) DO UPDATE SET value = excluded.value", (coder_id, key, value))

    def _coding_rows(self, where: str = "", params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(zip(CODING_COLUMNS, row)) for row in self._rows(
            f"SELECT {', '.join(CODING_COLUMNS)} FROM codings {where}", params)]
