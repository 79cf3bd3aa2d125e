"""Opening a project file, running one transaction per user action, reading one snapshot.

The file is SQLite in WAL mode with foreign keys on.  Writers take the write
lock up front (``BEGIN IMMEDIATE``) and wait for it (``busy_timeout``), so two
coders at two terminals queue rather than fail; a wait longer than a moment is
announced (``set_wait_notice``), and a lock that stays busy past the timeout is
retried a few times before the action is refused.

``synchronous = FULL`` makes every commit reach the disk before it returns, so
a coding the screen shows survives a power cut, not only a killed process; and
``secure_delete`` overwrites deleted rows with zeros, so a deleted memo is gone
from the file's bytes (docs/project-file.md).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import ProjectError


class ServerUnreachable(sqlite3.OperationalError):
    """The team server dropped the session or cannot be reached (``qda.store.server``): the store handles
    it as any OperationalError (a transaction it cut off was not saved), and the coding app says it and
    carries on (``qda.tui.guarded.unreachable``).  Here, not in server.py, so the app knows it without psycopg."""
from .coding_packs import has_packs, pack_changes
from .schema import MIGRATIONS, SCHEMA_VERSION, fill_after, notice_before, statements

APPLICATION_ID = 0x51444131  # "QDA1": marks a SQLite file as a qda project
BUSY_TIMEOUT_MS = 30_000
NOTICE_AFTER_MS = 1_000  # a wait for the write lock longer than this is announced
LOCK_RETRIES = 5


def _stderr_notice(message: str) -> None:
    print(f"qda: {message}", file=sys.stderr, flush=True)


_wait_notice: Callable[[str], None] = _stderr_notice


def set_wait_notice(notice: Callable[[str], None]) -> Callable[[str], None]:
    """Say how a wait for another process's write is announced (the app shows it on screen;
    the default writes one line to stderr).  Returns the previous notice."""
    global _wait_notice
    previous, _wait_notice = _wait_notice, notice
    return previous


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA secure_delete = ON")


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
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        _configure(connection)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(connection, path)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise ProjectError(f"{path}: cannot be created ({database_problem(error, path)})") from error
    return connection


def open_file(path: Path) -> sqlite3.Connection:
    """An existing project, migrated to the newest schema if it is older.

    Every check of the file goes through SQLite, never through a descriptor of qda's own: closing
    any descriptor of the file in this process drops the POSIX locks of every SQLite connection to
    it (sqlite.org/howtocorrupt.html, section 2.2), after which another process that closes its
    connection takes itself for the last one and deletes the write-ahead log still in use here, so
    that commits made here go to a deleted file.  So a process may open a project it has open
    already (a notebook running its first cell again, the app's analysis screens)."""
    if not path.exists():
        log = path.with_name(path.name + "-wal")
        if log.exists():
            raise ProjectError(f"{path}: no project there, only its log {log.name} (the project was moved or "
                               "deleted without it); put the project back beside it")
        raise ProjectError(f"{path}: no project there; create one with `qda init {path}`")
    if not path.is_file():
        raise ProjectError(f"{path}: not a file")
    if not os.access(path, os.R_OK):
        raise ProjectError(f"{path}: cannot be read (permission denied)")
    if path.stat().st_size == 0:
        raise ProjectError(f"{path}: not a qda project (an empty file)")
    read_only = is_read_only(path)
    connection = _connect(path, read_only)
    try:
        application_id = _configured_application_id(connection, path)
        if application_id != APPLICATION_ID:
            raise ProjectError(f"{path}: an SQLite file, but not a qda project")
        if read_only:
            _check_version(connection, path)
            if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                raise ProjectError(f"{path}: made by an older qda and read-only; make it writable (chmod u+w) "
                                   "so that qda can bring it up to date")
        else:
            connection.execute("PRAGMA journal_mode = WAL")
            _migrate(connection, path)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise ProjectError(f"{path}: cannot be opened ({database_problem(error, path)})") from error
    except ProjectError:
        connection.close()
        raise
    return connection


def _configured_application_id(connection: sqlite3.Connection, path: Path) -> int:
    """The file's application id, read first (it reads the header and nothing else: SQLite reads
    it through its own descriptor, which it shares between the connections of a process), then the
    connection configured.  A file that is not SQLite's, or is cut short (a partial copy, a full
    disk: fewer pages than its header counts, SQLite file format section 1.3), is refused naming
    the problem; damage further in is met, and named, by the reads that follow."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_NOTADB:
            raise ProjectError(f"{path}: not a qda project (not an SQLite file)") from error
        if code == sqlite3.SQLITE_CORRUPT and _reads_past_its_end(connection):
            raise ProjectError(f"{path}: the file is cut short ({path.stat().st_size:,} bytes, fewer than its "
                               "header counts); restore it from a backup") from error
        raise
    _configure(connection)
    return application_id


def _reads_past_its_end(connection: sqlite3.Connection) -> bool:
    """True when the header counts more pages than the file holds: SQLite calls such a file
    malformed before reading anything else, unless writable_schema is on (btree.c, lockBtree,
    "nPage>nPageFile"), when it reads the pages there are.  The connection is closed after."""
    try:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("PRAGMA application_id").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def is_read_only(path: Path) -> bool:
    """True when this process cannot write the file (its mode, or a read-only file system), or
    its folder: SQLite keeps the project's log (``-wal``) beside it, so a writable file in a
    folder this process cannot write in cannot be changed either."""
    return bool(read_only_because(path))


def read_only_because(path: Path) -> str:
    """Why this process cannot change the project ``path``, in a phrase ("" when it can)."""
    try:
        mounted_read_only = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        mounted_read_only = False
    if mounted_read_only:
        return "the project file is on a read-only file system; copy it to a folder of yours to change it"
    if not os.access(path, os.W_OK):
        return "the project file is read-only; make it writable (chmod u+w) to change it"
    folder = Path(path).absolute().parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return (f"the folder {folder} is read-only for you, and qda keeps the project's log beside it; "
                "make the folder writable, or copy the project to a folder of yours, to change it")
    return ""


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to an existing file; read-only ones are opened for reading only, and where
    the folder cannot hold SQLite's lock files either, as immutable (no one can write it there)."""
    if not read_only:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    from urllib.parse import quote

    log = path.with_name(path.name + "-wal")
    folder_writable = os.access(path.parent, os.W_OK) and not is_read_only(path.parent)
    if not folder_writable and log.exists() and log.stat().st_size:
        raise ProjectError(f"{path}: read-only, and its log {log.name} holds changes not yet in the file; "
                           "open it once where it can be written")
    uri = f"file:{quote(str(path.absolute()))}?mode=ro" + ("" if folder_writable else "&immutable=1")
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def _check_version(connection: sqlite3.Connection, path: Path) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path}: made by a newer qda (schema {version}, this qda reads up to {SCHEMA_VERSION}); upgrade qda"
        )
    return version


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = _check_version(connection, path)
    if version == SCHEMA_VERSION:
        return
    with transaction(connection):
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            notice = notice_before(step)
            if notice is not None:
                notice(connection, str(path))
            # executescript would commit our transaction; run statement by statement.
            for statement in statements(MIGRATIONS[step]):
                connection.execute(statement)
            fill = fill_after(step)
            if fill is not None:
                fill(connection, str(path))
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _is_locked(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def file_name(connection: sqlite3.Connection) -> str:
    """The project file a connection has open (for messages)."""
    try:
        return next((row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), "") or "the project"
    except sqlite3.Error:
        return "the project"


def _disk_full(path: str | Path) -> bool:
    try:
        stats = os.statvfs(Path(path).parent)
    except (OSError, AttributeError):
        return False
    return stats.f_bavail * stats.f_frsize < DISK_NEARLY_FULL


DISK_NEARLY_FULL = 256 * 1024  # bytes free below which an I/O error is taken for a full disk


def database_problem(error: sqlite3.DatabaseError, path: str | Path | None = None) -> str:
    """What SQLite's error means for the researcher, in one phrase; ``path`` (the project
    file) lets an I/O error on a full disk be called what it is."""
    text = str(error)
    if "full" in text or ("disk I/O" in text and path and _disk_full(path)):
        return "the disk is full (free some space and try again)"
    if "readonly" in text or "read-only" in text:
        return (path and read_only_because(Path(path))) or "the project file is read-only; make it writable (chmod u+w) to change it"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"the project file is damaged ({text}); restore it from a backup"
    if "disk I/O" in text:
        return f"the disk could not be written or read ({text})"
    return text


def _begin_immediate(connection: sqlite3.Connection) -> None:
    """Take the write lock, announcing a wait that lasts longer than a moment."""
    connection.execute(f"PRAGMA busy_timeout = {NOTICE_AFTER_MS}")
    try:
        try:
            connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if not _is_locked(error):
                raise
        _wait_notice(f"waiting for another process that is writing to {file_name(connection)} "
                     f"(an import or a merge, say); up to {BUSY_TIMEOUT_MS // 1000} s")
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            _while_locked(connection, "BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise ProjectError(f"{file_name(connection)}: the project is busy (another process holds it "
                               f"for writing); try again when it is done") from error
    finally:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work: committed on success, rolled back on any error.

    Inside an open transaction it joins that one, so a method that writes may
    call another that writes and the whole stays one unit.  A full disk or a
    read-only file is a ProjectError naming the file; nothing is changed."""
    if connection.in_transaction:
        yield connection
        return
    try:
        _begin_immediate(connection)
    except sqlite3.OperationalError as error:
        unsaved = "not saved, " if isinstance(error, ServerUnreachable) else ""  # a file's problems say what to do
        raise ProjectError(f"{file_name(connection)}: {unsaved}{database_problem(error, file_name(connection))}") from error
    try:
        yield connection
        if isinstance(connection, sqlite3.Connection) and has_packs(connection):
            pack_changes(connection)  # the codings this transaction changed, into their packs (schema 9)
    except sqlite3.OperationalError as error:
        _rollback(connection)
        if _is_locked(error):
            raise
        raise ProjectError(f"{file_name(connection)}: not saved, {database_problem(error, file_name(connection))}") from error
    except BaseException:
        _rollback(connection)
        raise
    try:
        _while_locked(connection, "COMMIT")
    except sqlite3.OperationalError as error:
        _rollback(connection)
        raise ProjectError(f"{file_name(connection)}: could not save "
                           f"({database_problem(error, file_name(connection))})") from error


def _while_locked(connection: sqlite3.Connection, statement: str) -> None:
    """Run ``statement``, again while another process holds the lock (``LOCK_RETRIES`` times in all,
    each wait longer: 0.05 s, 0.1 s, ...); the error of the last try, or any other, is raised."""
    for attempt in range(LOCK_RETRIES):
        try:
            connection.execute(statement)
            return
        except sqlite3.OperationalError as error:
            if not _is_locked(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _rollback(connection: sqlite3.Connection) -> None:
    if connection.in_transaction:
        connection.execute("ROLLBACK")


@contextmanager
def snapshot(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Reads of one moment: every query inside sees the project as it was at the first one,
    whatever other processes commit meanwhile (a read transaction; in WAL mode it does not
    hold up writers).  Inside an open transaction it joins that one."""
    if connection.in_transaction:
        yield connection
        return
    connection.execute("BEGIN")
    try:
        yield connection
    except BaseException:
        _rollback(connection)
        raise
    if connection.in_transaction:
        connection.execute("COMMIT")
