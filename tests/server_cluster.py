"""A throwaway PostgreSQL for the tests: a cluster of its own in a temporary folder, or the
server ``QDA_TEST_DATABASE_URL`` names.

initdb and pg_ctl refuse to run as root, and the tests may run as root (CI does): then the
cluster belongs to an unprivileged user (``postgres`` if the machine has one, else ``nobody``)
and every server program runs as that user.  The cluster listens on a Unix socket in its own
folder only (no port to collide with another worker's), trusts local logins, and skips fsync:
it is thrown away when the session ends.  Each test gets a database of its own, made by
``CREATE DATABASE ... TEMPLATE`` (a file copy on the server, a fraction of a second).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
from pathlib import Path

SEARCH = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin",
          "/usr/local/pgsql/bin", "/usr/local/bin", "/usr/bin")
ADMIN = "qda_admin"
_numbers = itertools.count(1)


class Unavailable(Exception):
    """PostgreSQL cannot be started here; the message says why."""


def binaries() -> Path:
    for folder in SEARCH:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    raise Unavailable("the server tests need PostgreSQL: no initdb/pg_ctl found (install PostgreSQL, "
                      "or set QDA_TEST_DATABASE_URL to a server where the login may create databases)")


def _owner() -> pwd.struct_passwd | None:
    """The unprivileged user the cluster runs as when the tests run as root (None otherwise)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise Unavailable("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")


def _run(command: list[str], owner: pwd.struct_passwd | None, folder: Path) -> None:
    def demote():
        if owner is not None:
            os.setgid(owner.pw_gid)
            os.setgroups([])
            os.setuid(owner.pw_uid)

    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "HOME": str(folder)}
    result = subprocess.run(command, preexec_fn=demote, env=env, cwd=folder, capture_output=True, text=True)
    if result.returncode:
        raise Unavailable(f"{Path(command[0]).name} failed: {(result.stderr or result.stdout).strip()[-600:]}")


class Cluster:
    """A running PostgreSQL cluster of the tests; ``url`` logs in as its superuser."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.bin = binaries()
        self.owner = _owner()
        self.data = folder / "data"
        self.sockets = folder / "run"
        self.sockets.mkdir(parents=True)
        if self.owner is not None:
            for path in (folder, self.sockets):
                os.chown(path, self.owner.pw_uid, self.owner.pw_gid)
            os.chmod(folder, 0o755)
        _run([str(self.bin / "initdb"), "-D", str(self.data), "-U", ADMIN, "--auth=trust", "-E", "UTF8",
              "--locale=C.UTF-8", "--no-sync"], self.owner, folder)
        options = (f"-k {self.sockets} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c shared_buffers=16MB -c max_connections=60")
        _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(folder / "server.log"),
              "-w", "-t", "60", "start"], self.owner, folder)
        self.url = self.database_url("postgres")

    def database_url(self, database: str, user: str = ADMIN) -> str:
        return f"postgresql://{user}@/{database}?host={self.sockets}"

    def stop(self) -> None:
        try:
            _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"], self.owner, self.folder)
        except Unavailable:
            pass


class Server:
    """Databases for tests on one server (a cluster of ours, or QDA_TEST_DATABASE_URL's)."""

    def __init__(self, admin_url: str, prefix: str):
        self.admin_url = admin_url
        self.prefix = prefix

    def url(self, database: str) -> str:
        """The admin URL with its database replaced by ``database``."""
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.admin_url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))

    def create_database(self, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its name."""
        import psycopg
        from psycopg import sql

        name = f"{self.prefix}_{next(_numbers)}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        from psycopg import sql

        self.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def execute(self, statement, params=None) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(statement, params)
