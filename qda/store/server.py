"""A team's project on a PostgreSQL server, behind the same store as a project file.

``ServerConnection`` answers the store as ``sqlite3.Connection`` does (``execute``,
``executemany``, ``in_transaction``, ``total_changes``, ``close``), so that one Project and
one set of SQL serve both engines; the SQL is turned by ``qda.store.dialect``.  What differs:

- a write transaction (``BEGIN IMMEDIATE``) takes a transaction-level advisory lock on the
  project, so writers queue one after another as they do on a file: every action's checks and
  writes see the project as the previous action left it, and nothing is lost or doubled;
- a snapshot (``BEGIN``) is a REPEATABLE READ transaction: reads of one moment;
- ``PRAGMA data_version`` counts the changes other sessions announced (LISTEN/NOTIFY: triggers
  notify the channel ``qda`` on every change), so the coding app refreshes on a teammate's
  coding as it does on another process's write to a file;
- bulk loading goes by COPY (``copy_rows``);
- a long-lived process (the coding app) borrows short sessions for its thread workers from a
  pool of its own (``borrowed_session``, psycopg-pool) instead of connecting anew for each piece of
  work; a command line opens one session and no pool, so no pool thread stands in the way of the
  worker processes ``qda.parallel`` forks;
- errors come back as the ``sqlite3`` exceptions the store already handles (an integrity
  error is an integrity error on either engine), and a privilege the server refuses is a
  ``ProjectError`` of one line; no message ever shows a password;
- a session the server dropped (restarted, a network cut) is opened again where that cannot
  lose or repeat a change: at the start of a transaction, before a read, and when the app looks
  for others' changes (``_connection``).  A transaction the drop cut off fails, and the store
  says it was not saved; the server rolled it back.  While the server cannot be reached, a new
  attempt is made at most every ``RECONNECT_EVERY`` seconds, each waiting ``connect_timeout``.

psycopg (``pip install 'qda[server]'``) is imported only when a URL is opened.
"""

from __future__ import annotations

import atexit
import sqlite3
import threading
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from ..errors import ProjectError
from . import dialect
from .connection import ServerUnreachable
from .location import masked, scrub
from .schema import FILE_ONLY, MIGRATIONS, SCHEMA_VERSION, fill_after, notice_before

APPLICATION_ID = 0x51444131  # as a file's PRAGMA application_id: "QDA1"
LOCK_KEY = 0x51444131  # the advisory lock a writer holds for its transaction
CHANNEL = "qda"
NOTIFIED_TABLES = ("documents", "document_attributes", "codes", "coders", "codings", "memos", "progress", "actions",
                   "project", "document_sets", "document_set_members", "saved_queries")

SERVER_STATEMENTS = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "INSERT INTO schema_version (version) VALUES (0)",
    f"""CREATE FUNCTION qda_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
        RETURN NULL;
    END
    $$""",
)


def _psycopg():
    try:
        import psycopg
    except ImportError as error:  # the default install is light
        raise ProjectError("a postgresql:// project needs qda's server extra: pip install 'qda[server]'") from error
    return psycopg


CONNECTION_OPTIONS = {"autocommit": True, "application_name": "qda"}
# A network cut while qda waits for the server's answer (a laptop's Wi-Fi gone, a VPN dropped) is
# found within about half a minute, and the session is then opened again as after a restart: the
# system's TCP defaults would leave the app waiting two hours and more (libpq's TCP settings; a
# URL that sets one of them itself keeps its own).
TCP_OPTIONS = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
               "tcp_user_timeout": 30_000}  # idle seconds, seconds between probes, probes; ms unacknowledged
RECONNECT_EVERY = 2.0  # seconds between attempts to reach a server that dropped the session
RECONNECT_TIMEOUT = 3  # seconds an attempt waits for the server (libpq's connect_timeout)
POOL_SIZE = 4  # sessions a process keeps for its thread workers: the app runs one analysis at a time
POOL_WAIT = 15.0  # seconds a worker waits for a session before saying the server cannot be reached


def session_options(url: str) -> dict[str, Any]:
    """The options of a session with ``url``'s server: ``CONNECTION_OPTIONS`` and the ``TCP_OPTIONS``
    that the URL does not set itself (``tcp_user_timeout`` only where libpq knows it, from 12 on)."""
    from psycopg import conninfo, pq

    given = conninfo.conninfo_to_dict(url)
    tcp = {name: value for name, value in TCP_OPTIONS.items() if name not in given
           and (name != "tcp_user_timeout" or pq.version() >= 120000)}
    return {**tcp, **CONNECTION_OPTIONS}


def cannot_connect(error: Exception, url: str) -> str:
    """Why a connection failed, in words a researcher can act on, without the password."""
    text = scrub(" ".join(str(error).split()), url)
    if "does not exist" in text and "database" in text:
        return "no such database on the server; create it (createdb) or let `qda push FILE URL` create it"
    if "password" in text or "authentication" in text:
        return f"the server refused the login ({text}); give the password in ~/.pgpass or PGPASSWORD, never in a command"
    return f"cannot connect ({text})"


_pools: dict[str, Any] = {}
_pools_lock = threading.Lock()


def _pool(url: str):
    """This process's pool of sessions with ``url``'s database, opened on first use."""
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            _psycopg()
            from psycopg_pool import ConnectionPool

            # checked as lent: a session the server dropped (a restart) is replaced, not lent to fail
            pool = ConnectionPool(url, min_size=1, max_size=POOL_SIZE, kwargs=session_options(url),
                                  name=f"qda {masked(url)}", open=True, check=ConnectionPool.check_connection)
            if not _pools:
                atexit.register(close_pools)
            _pools[url] = pool
        return pool


@contextmanager
def borrowed_session(url: str) -> Iterator[ServerConnection]:
    """A session from this process's pool for one short job in a thread (the app's analysis
    screens, an auto-code preview); given back when the block ends, rolled back if it left a
    transaction open.  The project must already be open in this process (its schema checked)."""
    _psycopg()
    from psycopg_pool import PoolTimeout

    pool = _pool(url)
    try:
        with pool.connection(timeout=POOL_WAIT) as pg:
            yield ServerConnection(url, borrowed=pg)
    except PoolTimeout as error:
        raise ProjectError(f"{masked(url)}: no session with the server within {POOL_WAIT:.0f} s; "
                           "is the server up and reachable?") from error


def close_pools() -> None:
    """Close every pool of this process (its sessions end on the server)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


class _Rows:
    """The answer to a PRAGMA, shaped as a cursor."""

    def __init__(self, rows: Sequence[tuple] = ()):
        self._rows = list(rows)
        self.rowcount = -1

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self):
        return list(self._rows)

    def __iter__(self):
        return iter(self._rows)


class ServerConnection:
    """One session with the project's database, speaking to the store as sqlite3 does."""

    engine = "postgresql"

    def __init__(self, url: str, borrowed: Any = None):
        """A session of its own, listening for other sessions' changes; or, with ``borrowed``, a
        pooled psycopg connection that the pool takes back (not closed by ``close``) and that
        does not listen (``data_version`` stays 0: a borrowed session serves one short job)."""
        psycopg = _psycopg()
        self.url = url
        self.name = masked(url)
        self._borrowed = borrowed is not None
        if self._borrowed:
            self._pg = borrowed
        else:
            try:
                self._pg = psycopg.connect(url, **session_options(url))
            except psycopg.Error as error:
                raise ProjectError(f"{self.name}: {cannot_connect(error, url)}") from None
        self._pid = self._pg.info.backend_pid
        self.total_changes = 0
        self._others = 0  # changes other sessions announced since this one listened
        self._lock_timeout_ms = 30_000
        self._streams = 0
        self._transaction = False  # a BEGIN of ours not yet committed or rolled back (psycopg cannot tell once dropped)
        self._next_attempt = 0.0  # when a dropped session may next be opened again (time.monotonic)
        if not self._borrowed:
            self._pg.execute(f"LISTEN {CHANNEL}")

    # -- the sqlite3.Connection interface the store uses --------------------------------

    @property
    def in_transaction(self) -> bool:
        if self._pg.closed:  # dropped: the server rolled back whatever was open
            return self._transaction
        return self._pg.info.transaction_status != 0  # 0: idle

    def execute(self, sql: str, params: Iterable[Any] = ()):
        words = sql.split(None, 2)
        verb = words[0].upper() if words else ""
        if verb == "PRAGMA":
            return self._pragma(sql)
        if verb == "BEGIN":
            return self._begin(immediate=len(words) > 1 and words[1].upper() == "IMMEDIATE")
        if verb in ("COMMIT", "ROLLBACK", "END"):
            return self._end(verb)
        if verb in ("SELECT", "WITH") and not self.in_transaction:
            return self._again_if_dropped(lambda: self._run(sql, params))  # a read alone: safe to ask again
        return self._run(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]):
        rows = list(rows)
        with self._errors():
            cursor = self._pg.cursor()
        if rows:
            with self._errors():
                cursor.executemany(dialect.postgres(sql), rows)
            self.total_changes += max(cursor.rowcount, 0)
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Load rows into ``table`` by COPY (inside the caller's transaction); returns how many."""
        count = 0
        with self._errors(), self._pg.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        self.total_changes += count
        return count

    def binary_row(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        """The first row of ``sql`` in binary format: a bytea value comes as its bytes, not as hex
        text to decode (``array_send`` of an aggregate: a million numbers in one value)."""
        with self._errors(), self._pg.cursor(binary=True) as cursor:
            cursor.execute(dialect.postgres(sql), list(params))
            return cursor.fetchone()

    def stream(self, sql: str, params: Iterable[Any] = ()):
        """The rows of a query fetched 10,000 at a time (a server-side cursor, inside the caller's
        transaction), so that pulling a million codings does not hold them all at once."""
        self._streams += 1
        cursor = self._pg.cursor(name=f"qda_stream_{self._streams}")
        cursor.itersize = 10_000
        with self._errors():
            cursor.execute(dialect.postgres(sql), list(params))
        return cursor

    def close(self) -> None:
        if not self._borrowed:  # a borrowed connection goes back to its pool when the borrow ends
            self._pg.close()

    # -- what a file does with PRAGMAs and BEGIN --------------------------------------------

    def _run(self, sql: str, params: Iterable[Any]):
        with self._errors():
            cursor = self._pg.cursor()  # on a dropped session psycopg refuses here already
            cursor.execute(dialect.postgres(sql), list(params))
        if cursor.rowcount > 0 and sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.total_changes += cursor.rowcount
        return cursor

    def _begin(self, immediate: bool):
        """BEGIN, on a session opened again if the server dropped it: nothing of the transaction has run yet."""
        self._again_if_dropped(lambda: self._begin_once(immediate))
        self._transaction = True
        return _Rows()

    def _begin_once(self, immediate: bool) -> None:
        if not immediate:
            with self._errors():
                self._pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            return
        try:  # one round trip: begin, wait at most the busy timeout, take the project's write lock
            self._pg.execute(f"BEGIN; SET LOCAL lock_timeout = {int(self._lock_timeout_ms)}; "
                             f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
        except _psycopg().Error as error:
            if not self._pg.closed and self.in_transaction:
                self._pg.execute("ROLLBACK")
            if "lock timeout" in str(error):
                raise sqlite3.OperationalError("database is locked (another coder's action holds the project)") from None
            raise self._translated(error) from None

    def _end(self, verb: str):
        """COMMIT or ROLLBACK.  On a dropped session a ROLLBACK has nothing left to do (the server did it);
        a COMMIT fails, so the store says the change was not saved."""
        was, self._transaction = self._transaction, False
        if self._pg.closed:
            if verb == "ROLLBACK" or not was:
                return _Rows()
            raise ServerUnreachable("the server could not be reached (the connection was lost before the "
                                           "change was committed)")
        return self._run(verb, ())

    # -- a session the server dropped ---------------------------------------------------------

    def _again_if_dropped(self, step):
        """``step()``; if the session was dropped (before it or by it), open a new one and run it once more.
        Only for steps that cannot have changed anything: a BEGIN, a read outside a transaction."""
        if self._pg.closed:
            self._reconnect()
        try:
            return step()
        except sqlite3.OperationalError:
            if not self._pg.closed or self._borrowed:
                raise
        self._reconnect()
        return step()

    def _reconnect(self) -> None:
        """A new session in place of the one the server dropped, listening again; what other sessions
        changed meanwhile is unknown, so ``data_version`` moves (the app reads everything again).
        sqlite3.OperationalError while the server cannot be reached (tried at most every ``RECONNECT_EVERY`` s)."""
        import time

        if self._borrowed:
            raise ServerUnreachable("the server could not be reached (the connection was lost)")
        if time.monotonic() < self._next_attempt:
            raise ServerUnreachable("the server could not be reached (the connection was lost; trying again)")
        self._next_attempt = time.monotonic() + RECONNECT_EVERY
        psycopg = _psycopg()
        try:
            connection = psycopg.connect(self.url, connect_timeout=RECONNECT_TIMEOUT, **session_options(self.url))
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            raise ServerUnreachable(f"the server could not be reached ({scrub(' '.join(str(error).split()), self.url)})") from None
        self._pg, self._pid = connection, connection.info.backend_pid
        self._transaction = False
        self._others += 1

    def _pragma(self, sql: str):
        body = sql.split(None, 1)[1].strip().rstrip(";")
        name, _, value = (part.strip() for part in body.partition("="))
        name = name.lower()
        if name == "busy_timeout" and value:
            self._lock_timeout_ms = int(value)
        elif name == "user_version":
            if value:
                self._run("UPDATE schema_version SET version = ?", (int(value),))
                return _Rows()
            return _Rows([(self.schema_version(),)])
        elif name == "application_id":
            return _Rows([(APPLICATION_ID if self.schema_version() is not None else 0,)])
        elif name == "data_version":
            return _Rows([(self.data_version(),)])
        elif name == "database_list":
            return _Rows([(0, "main", self.name)])
        elif name.startswith("wal_checkpoint"):
            return _Rows([(0, 0, 0)])
        elif name == "cache_size":
            return _Rows([(0,)])
        # foreign_keys, synchronous, secure_delete, journal_mode: the server's own business
        return _Rows()

    def schema_version(self) -> int | None:
        """The project's schema version, or None when the database holds no qda project."""
        if self._run("SELECT to_regclass('schema_version')", ()).fetchone()[0] is None:
            return None
        row = self._run("SELECT version FROM schema_version", ()).fetchone()
        return row[0] if row else 0

    # -- other sessions' changes ----------------------------------------------------------------

    def data_version(self) -> int:
        """A number that grows when another session commits a change (never for this one's own).
        A dropped session is opened again here (the app asks twice a second)."""
        if self._pg.closed and not self._borrowed and not self._transaction:
            self._reconnect()
        if not self.in_transaction:
            with self._errors():
                # what arrived meanwhile (psycopg keeps it), then what is waiting on the socket
                self._others += sum(1 for notice in self._pg.notifies(timeout=0) if notice.pid != self._pid)
        return self._others

    # -- errors -------------------------------------------------------------------------

    def _errors(self):
        return _Translating(self)

    def _translated(self, error: Exception) -> Exception:
        errors = _psycopg().errors
        text = scrub(str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__, self.url)
        if isinstance(error, errors.InsufficientPrivilege):
            return ProjectError(f"{self.name}: the server refused this change for your role ({text}); "
                                "ask the project's owner (see `qda server grant`)")
        if isinstance(error, errors.IntegrityError):
            return sqlite3.IntegrityError(text)
        if isinstance(error, (errors.LockNotAvailable, errors.DeadlockDetected, errors.SerializationFailure)):
            return sqlite3.OperationalError(f"database is locked ({text})")
        if isinstance(error, _psycopg().OperationalError) and not isinstance(error, errors.QueryCanceled):
            if not self._borrowed:  # unusable now, though psycopg may not know it yet (a failed look for notices)
                self._pg.close()
            return ServerUnreachable(f"the server could not be reached ({text})")
        return sqlite3.DatabaseError(text)


class _Translating:
    """Turns a psycopg error raised inside the block into what the store handles."""

    def __init__(self, connection: ServerConnection):
        self.connection = connection

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is not None and isinstance(error, _psycopg().Error):
            raise self.connection._translated(error) from None
        return False


def open_server(url: str) -> ServerConnection:
    """A session with an existing project on the server, migrated to the newest schema if older."""
    connection = ServerConnection(url)
    try:
        version = connection.schema_version()
        if version is None:
            raise ProjectError(f"{connection.name}: no qda project in this database; "
                               f"put one there with `qda push FILE {connection.name}`")
        if version > SCHEMA_VERSION:
            raise ProjectError(f"{connection.name}: made by a newer qda (schema {version}, this qda reads up to "
                               f"{SCHEMA_VERSION}); upgrade qda")
        if version < SCHEMA_VERSION:
            connection.execute("BEGIN IMMEDIATE")
            try:
                migrate(connection, connection.schema_version() or 0)
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
    except BaseException:
        connection.close()
        raise
    return connection


def create_server(url: str) -> ServerConnection:
    """A session with an empty database made ready for a project, inside an open write
    transaction: the caller fills it and commits, or rolls back and leaves the database as it was.
    A database that does not exist yet is created when the login may create databases."""
    try:
        connection = ServerConnection(url)
    except ProjectError as error:
        if "no such database" not in str(error):
            raise
        _create_database(url)
        connection = ServerConnection(url)
    try:
        if connection.schema_version() is not None:
            raise ProjectError(f"{connection.name}: a qda project is already there; pull it, or use another database")
        connection.execute("BEGIN IMMEDIATE")
        for statement in SERVER_STATEMENTS:
            connection._pg.execute(statement)
        migrate(connection, 0)
        for table in NOTIFIED_TABLES:
            connection._pg.execute(f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
                                   "FOR EACH STATEMENT EXECUTE FUNCTION qda_notify()")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
        raise
    return connection


def migrate(connection: ServerConnection, version: int) -> None:
    """Bring the schema from ``version`` to the newest, inside the caller's transaction."""
    for step in range(version, SCHEMA_VERSION):
        notice = notice_before(step)
        if notice is not None:
            notice(connection, connection.name)
        for statement in [] if step in FILE_ONLY else dialect.postgres_schema(MIGRATIONS[step]):
            connection.execute(statement)
        fill = fill_after(step) if step not in FILE_ONLY else None
        if fill is not None:
            fill(connection, connection.name)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _create_database(url: str) -> None:
    """CREATE DATABASE for the database ``url`` names, through the server's maintenance database."""
    psycopg = _psycopg()
    from psycopg import conninfo, sql

    params = conninfo.conninfo_to_dict(url)
    name = params.get("dbname")
    if not name:
        raise ProjectError(f"{masked(url)}: the URL names no database")
    params["dbname"] = "postgres"
    try:
        with psycopg.connect(conninfo.make_conninfo(**params), autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        text = scrub(" ".join(str(error).split()), url)
        raise ProjectError(f"{masked(url)}: no such database, and it could not be created ({text}); "
                           f"ask the server's administrator to run: createdb {name}") from None
