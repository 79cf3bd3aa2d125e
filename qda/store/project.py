"""The Project: the one object through which everything reads and writes a project.

All SQL of qda lives in ``qda.store``.  Each method that changes the project
is one transaction; those a coder makes are logged as undoable actions
(``qda.store.actions``).  Methods accept documents by name or id and codes by
path, unique name or id, so scripts can use the names researchers see.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import ProjectError
from ..files import atomic_output
from ..nfc import nfc_methods
from .actions import now
from .codings import Codings
from .connection import create_file, database_problem, open_file, transaction
from .history import History
from .location import ServerUrl, connect_string, is_server
from .memos import Memos


def _named(error: ProjectError, temporary: Path, path: Path) -> ProjectError:
    """The error with the temporary file's name replaced by the name the user gave."""
    text = str(error).replace(str(temporary.absolute()), str(path)).replace(str(temporary), str(path))
    return ProjectError(text)


class Project(Codings, Memos, History):
    """An open project: a file, or a team's project on a PostgreSQL server (``postgresql://`` URL).
    Use ``qda.open_project`` or ``qda.create_project``.

    Assembled from one class per concept, each with its own SQL: ``documents.Documents``,
    ``codes.Codes`` (the codebook), ``codings.Codings``, ``memos.Memos`` and ``history.History``
    (undo, redo, the audit trail), over ``core.ProjectCore`` (connection, settings, coders).
    This class adds only the life cycle: creating, building and opening a project."""

    @classmethod
    def create(cls, path: str | Path, name: str = "", description: str = "") -> "Project":
        """A new, empty project at ``path``, open."""
        with cls.build(path, name, description):
            pass
        return cls.open(path)

    @classmethod
    @contextmanager
    def build(cls, path: str | Path, name: str = "", description: str = "") -> Iterator["Project"]:
        """A new project to fill inside the block, under a temporary name beside ``path``; when
        the block ends it is closed and renamed to ``path``, so that a kill or an error leaves
        no project, never a half-made one (see ``qda.files.atomic_output``).  On a server the
        whole build is one transaction: an error leaves the database as it was."""
        if is_server(path):
            with cls._build_on_server(connect_string(path), name, description) as project:
                yield project
            return
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: a file is already there; choose another name or remove it first")
        for suffix in ("-wal", "-journal"):
            # SQLite would replay a log left by a deleted project of this name into the new one
            # and corrupt it (sqlite.org/howtocorrupt.html, "mispairing database files and hot journals").
            stale = path.with_name(path.name + suffix)
            if stale.exists():
                raise ProjectError(f"{stale}: left from an earlier project of this name, deleted without it; "
                                   f"remove it (and {path.name}-shm) or choose another name")
        with atomic_output(path, replace=False, create=False) as temporary:
            try:
                connection = create_file(temporary)
            except ProjectError as error:
                raise _named(error, temporary, path) from error
            project = cls(path, connection)  # the name it will have, for messages
            try:
                with transaction(connection):
                    for key, value in (("name", name or path.stem), ("description", description), ("created", now())):
                        connection.execute("INSERT INTO project (key, value) VALUES (?, ?)", (key, value))
                yield project
            except ProjectError as error:
                raise _named(error, temporary, path) from error
            except sqlite3.DatabaseError as error:
                raise ProjectError(f"{path}: cannot be written ({database_problem(error, temporary)}); "
                                   "nothing was created") from error
            finally:
                project.close()

    @classmethod
    @contextmanager
    def _build_on_server(cls, url: str, name: str, description: str) -> Iterator["Project"]:
        from .server import create_server

        connection = create_server(url)  # inside its write transaction
        project = cls(ServerUrl(url), connection, url)
        try:
            for key, value in (("name", name or url.rstrip("/").rpartition("/")[2].partition("?")[0]),
                               ("description", description), ("created", now())):
                connection.execute("INSERT INTO project (key, value) VALUES (?, ?)", (key, value))
            yield project
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            project.close()

    @classmethod
    @contextmanager
    def borrowed(cls, path: str | Path) -> Iterator["Project"]:
        """The project for one short job in a thread of a long-lived process (the coding app's
        analysis screens): on a server, a session borrowed from the process's pool
        (``server.borrowed_session``) and given back when the block ends; a file, a connection of
        its own (SQLite's are cheap; ``connection.open_file`` keeps the process's locks).  A job
        reads: every read of the block sees the project at one moment (``snapshot``), so that what
        it reads in turn (quotes, then their documents' names) agrees whatever the app commits
        meanwhile."""
        if not is_server(path):
            with cls.open(path) as project, project.snapshot():
                yield project
            return
        from .server import borrowed_session

        url = connect_string(path)
        with borrowed_session(url) as connection:
            project = cls(ServerUrl(url), connection, url)
            with project.snapshot():
                yield project

    @classmethod
    def open(cls, path: str | Path) -> "Project":
        if is_server(path):
            from .server import open_server

            return cls(ServerUrl(connect_string(path)), open_server(connect_string(path)), connect_string(path))
        path = Path(path)
        return cls(path, open_file(path))


# Names and texts a caller gives, in NFC as stored (``qda.nfc``).  A batch of codings or parsed
# documents may hold a million rows: add_codings makes NFC each name it looks up (``codings._Targets``),
# and parsed documents are NFC already (``qda.text.canonical``).
nfc_methods(Project, exempt=frozenset({"add_codings", "add_documents"}))
