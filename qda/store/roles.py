"""Roles on a team's server, enforced by PostgreSQL itself (grants and row-level security).

Three group roles per project database, each a PostgreSQL role that logins are members of:

- owner  (``qda_<database>_owner``): everything: codebook structure, documents, deletions, anyone's rows;
- coder  (``qda_<database>_coder``): reads everything; adds, changes and removes their own codings,
  memos, done marks and undo history only (row-level security: ``coder_id`` must be the coder whose
  name is the login's name); cannot touch the codebook or the documents;
- reader (``qda_<database>_reader``): reads everything, for analysis and exports; writes nothing.

A coder's login name is their coder name in qda.  ``grant`` (``qda server grant``) makes the login
when it is missing (without a password: the server's administrator sets one, or a certificate, as
the institution does), makes it a member of one of the three roles and no other, and enters the
coder in the project.  It needs a login that may create roles (the database's owner or an admin).
"""

from __future__ import annotations

from ..errors import ProjectError, QdaError
from .project import Project

ROLES = ("owner", "coder", "reader")
# Tables whose rows belong to a coder (column coder_id): a coder changes only their own.
OWN_ROWS = ("codings", "memos", "progress", "coder_state", "actions")


def role_name(project: Project, role: str) -> str:
    return f"qda_{project.path.name}_{role}"[:63]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _require_server(project: Project) -> None:
    if not project.on_server:
        raise QdaError(f"{project.path}: roles are for a project on a PostgreSQL server; a file's are its permissions")


def set_up(project: Project) -> None:
    """Create the project's three roles, their grants and the row-level policies (again: no harm)."""
    _require_server(project)
    owner, coder, reader = (_quote(role_name(project, role)) for role in ROLES)
    db = project._db
    with project._transaction():
        for role in ROLES:
            name = role_name(project, role)
            if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone():
                db.execute(f"CREATE ROLE {_quote(name)} NOLOGIN")
        database = _quote(project.path.name)
        statements = [
            f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
            f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {owner}, {coder}, {reader}",
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {owner}, {coder}, {reader}",
            f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {owner}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {owner}, {coder}",
            f"GRANT INSERT, UPDATE, DELETE ON {', '.join(OWN_ROWS)} TO {coder}",
            f"GRANT INSERT ON coders TO {coder}",
            "CREATE OR REPLACE FUNCTION qda_login_coder() RETURNS text LANGUAGE sql STABLE AS "
            "'SELECT id FROM coders WHERE name = session_user'",
        ]
        for table in (*OWN_ROWS, "coders"):
            statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                           f"DROP POLICY IF EXISTS qda_read ON {table}",
                           f"CREATE POLICY qda_read ON {table} FOR SELECT USING (true)",
                           f"DROP POLICY IF EXISTS qda_owner ON {table}",
                           f"CREATE POLICY qda_owner ON {table} TO {owner} USING (true) WITH CHECK (true)",
                           f"DROP POLICY IF EXISTS qda_own ON {table}"]
        for table in OWN_ROWS:
            statements.append(f"CREATE POLICY qda_own ON {table} TO {coder} "
                              "USING (coder_id = qda_login_coder()) WITH CHECK (coder_id = qda_login_coder())")
        statements.append(f"CREATE POLICY qda_own ON coders FOR INSERT TO {coder} WITH CHECK (name = session_user)")
        for statement in statements:
            db.execute(statement)


def grant(project: Project, login: str, role: str) -> None:
    """Make ``login`` (a PostgreSQL login and qda coder of that name) the project's ``role``."""
    _require_server(project)
    login = (login or "").strip()
    if not login:
        raise QdaError("name the coder: --coder NAME (their login on the server)")
    if role not in ROLES:
        raise QdaError(f"unknown role {role!r}: use owner, coder or reader")
    set_up(project)
    db = project._db
    with project._transaction():
        if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (login,)).fetchone():
            db.execute(f"CREATE ROLE {_quote(login)} LOGIN")
        for other in ROLES:
            member = db.execute("SELECT pg_has_role(?, ?, 'MEMBER')", (login, role_name(project, other))).fetchone()[0]
            if other != role and member:
                db.execute(f"REVOKE {_quote(role_name(project, other))} FROM {_quote(login)}")
        db.execute(f"GRANT {_quote(role_name(project, role))} TO {_quote(login)}")
        project.coder(login)


def roles(project: Project) -> list[tuple[str, str]]:
    """(login, role) of every login that holds one of the project's roles, by login."""
    _require_server(project)
    rows = []
    for role in ROLES:
        rows += [(login, role) for (login,) in project._rows(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = ?", (role_name(project, role),))]
    if not rows and not project._rows("SELECT 1 FROM pg_roles WHERE rolname = ?", (role_name(project, "owner"),)):
        raise ProjectError(f"{project.path}: no roles set up yet; `qda server grant` sets them up")
    return sorted(rows)
