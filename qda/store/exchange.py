"""Whole projects in from other tools: a new project file made from records, or none at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import ProjectError, QdaError
from .project import Project
from .records import ProjectRecords, insert_records


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                      path.with_name(path.name + "-journal")):
        candidate.unlink(missing_ok=True)


def create_from_records(path: str | Path, records: ProjectRecords, summary: str, created: str = "") -> Project:
    """A new project at ``path`` holding ``records``, written in one transaction.

    If anything fails, the half-made file is removed and the error raised again;
    a file already at ``path`` is never touched.  ``created`` (the other tool's
    creation time) replaces the new project's own."""
    path = Path(path)
    if path.exists():
        raise ProjectError(f"{path}: a file is already there; choose another name or remove it first")
    project = Project.create(path, name=records.name or path.stem, description=records.description)
    try:
        # A new file has no old pages to keep, so a rollback journal costs nothing, and the
        # commit writes each page once; in WAL mode it would write it twice (to the log, then
        # back at the checkpoint).  Measured on 200,000 codings: the store 2.0 s -> 1.6 s.
        project._db.execute("PRAGMA journal_mode = DELETE")
        insert_records(project, records, summary)
        if created:
            project.set_setting("created", created)
        project._db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.IntegrityError as error:
        project.close()
        _remove(path)
        raise QdaError(f"{path}: the records could not be stored ({error}); nothing was created") from error
    except BaseException:
        project.close()
        _remove(path)
        raise
    return project
