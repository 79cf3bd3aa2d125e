"""Commands for a team's project on a PostgreSQL server: push, pull, server grant."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QdaError
from .common import ProjectLocation, say, step_progress


def _counts(counts: dict[str, int]) -> str:
    return (f"{counts['documents']} documents, {counts['codes']} codes, {counts['coders']} coders, "
            f"{counts['codings']} codings, {counts['memos']} memos, {counts['actions']} logged actions")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("url", type=ProjectLocation())
def push(file: Path, url) -> None:
    """Put a project file on a PostgreSQL server, whole or not at all.

    The database may exist and be empty, or qda creates it when your login may create
    databases.  Passwords come from ~/.pgpass or PGPASSWORD, never from the command line.

    \b
    Example:
      qda push study.qda postgresql://qda@db.example.org/peru_study
    """
    from ..store.transfer import push as push_project

    if isinstance(url, Path):
        raise QdaError(f"{url}: push sends a project to a server; give a postgresql:// URL")
    with step_progress() as progress:
        counts = push_project(file, url, progress)
    say(f"Pushed {file} to {url}: {_counts(counts)}.")


@click.command()
@click.argument("url", type=ProjectLocation())
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def pull(url, file: Path) -> None:
    """Make a project file from a team's project on a server, whole or not at all.

    For an archive, for working offline (then `qda merge` brings the work back), for publication.

    \b
    Example:
      qda pull postgresql://qda@db.example.org/peru_study snapshot.qda
    """
    from ..store.transfer import pull as pull_project

    if isinstance(url, Path):
        raise QdaError(f"{url}: pull reads a project from a server; give a postgresql:// URL first, then the file")
    if file.exists():
        raise QdaError(f"{file}: a file is already there; choose another name or remove it first")
    with step_progress() as progress:
        counts = pull_project(url, file, progress)
    say(f"Pulled {url} into {file}: {_counts(counts)}.")


@click.group()
def server() -> None:
    """Roles of a team's project on a PostgreSQL server (owner, coder, reader), enforced by the server.

    \b
    Example:
      qda server grant postgresql://qda@db.example.org/peru_study --coder ana --role coder
      qda server roles postgresql://qda@db.example.org/peru_study
    """


@server.command()
@click.argument("url", type=ProjectLocation())
@click.option("--coder", "login", required=True, help="The coder: their login on the server and their name in qda.")
@click.option("--role", type=click.Choice(["owner", "coder", "reader"]), required=True,
              help="owner: codebook, documents, deletions; coder: their own codings and memos; reader: reads only.")
def grant(url, login: str, role: str) -> None:
    """Give a coder a role on the project (creating their login, without a password, if missing).

    Run it as the database's owner or an administrator; set the login's password with psql's
    \\password or your institution's usual way.

    \b
    Example:
      qda server grant postgresql://admin@db.example.org/peru_study --coder ana --role coder
    """
    from ..store import roles
    from .common import opened

    with opened(url) as project:
        roles.grant(project, login, role)
    say(f"{login} is now {role} of {url}.")


@server.command("roles")
@click.argument("url", type=ProjectLocation())
def list_roles(url) -> None:
    """List who holds which role on the project.

    \b
    Example:
      qda server roles postgresql://qda@db.example.org/peru_study
    """
    from ..store import roles
    from .common import opened

    with opened(url) as project:
        for login, role in roles.roles(project):
            say(f"{login}\t{role}")


COMMANDS = [push, pull, server]
