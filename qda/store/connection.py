"""Opening a project file and running one transaction per user action.

The file is SQLite in WAL mode with foreign keys on.  Writers take the write
lock up front (``BEGIN IMMEDIATE``) and wait for it (``busy_timeout``), so two
coders at two terminals queue rather than fail; a lock that stays busy past
the timeout is retried a few times before the action is refused.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import ProjectError
from .schema import MIGRATIONS, SCHEMA_VERSION

APPLICATION_ID = 0x51444131  # "QDA1": marks a SQLite file as a qda project
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
LOCK_RETRIES = 5


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")


def create_file(path: Path) -> sqlite3.Connection:
    """A new, empty project file readable by its owner only, at the newest schema."""
    if path.exists():
        raise ProjectError(f"{path}: a file is already there; choose another name or remove it first")
    if not path.parent.exists():
        raise ProjectError(f"{path}: the folder {path.parent} does not exist")
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    _configure(connection)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _migrate(connection, path)
    return connection


def open_file(path: Path) -> sqlite3.Connection:
    """An existing project, migrated to the newest schema if it is older."""
    if not path.exists():
        raise ProjectError(f"{path}: no project there; create one with `qda init {path}`")
    if not path.is_file():
        raise ProjectError(f"{path}: not a file")
    with open(path, "rb") as handle:
        magic = handle.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise ProjectError(f"{path}: not a qda project (not an SQLite file)")
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _configure(connection)
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise ProjectError(f"{path}: an SQLite file, but not a qda project")
        connection.execute("PRAGMA journal_mode = WAL")
        _migrate(connection, path)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise ProjectError(f"{path}: cannot be read as a qda project ({error})") from error
    except ProjectError:
        connection.close()
        raise
    return connection


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path}: made by a newer qda (schema {version}, this qda reads up to {SCHEMA_VERSION}); upgrade qda"
        )
    if version == SCHEMA_VERSION:
        return
    with transaction(connection):
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            # executescript would commit our transaction; run statement by statement.
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _is_locked(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work: committed on success, rolled back on any error.

    Inside an open transaction it joins that one, so a method that writes may
    call another that writes and the whole stays one unit."""
    if connection.in_transaction:
        yield connection
        return
    for attempt in range(LOCK_RETRIES):
        try:
            connection.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as error:
            if not _is_locked(error) or attempt == LOCK_RETRIES - 1:
                raise ProjectError(f"the project is busy (another process holds it): {error}") from error
            time.sleep(0.05 * (attempt + 1))
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    for attempt in range(LOCK_RETRIES):
        try:
            connection.execute("COMMIT")
            return
        except sqlite3.OperationalError as error:
            if not _is_locked(error) or attempt == LOCK_RETRIES - 1:
                connection.execute("ROLLBACK")
                raise ProjectError(f"could not save to the project: {error}") from error
            time.sleep(0.05 * (attempt + 1))
