"""Commands for a team's project on a PostgreSQL server: push, pull, server grant."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QdaError
from .common import ProjectLocation, step_progress


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
    click.echo(f"Pushed {file} to {url}: {_counts(counts)}.")


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
    click.echo(f"Pulled {url} into {file}: {_counts(counts)}.")


COMMANDS = [push, pull]
