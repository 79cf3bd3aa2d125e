"""Whole projects in from other tools: a new project file made from records, or none at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import QdaError
from .location import location
from .project import Project
from .records import ProjectRecords, insert_records


def create_from_records(path: str | Path, records: ProjectRecords, summary: str, created: str = "") -> Project:
    """A new project at ``path`` holding ``records``, written in one transaction.

    The project is built under a temporary name and renamed into place when whole: if
    anything fails (or the process is killed) there is no file at ``path``; a file already
    there is never touched.  ``created`` (the other tool's creation time) replaces the new
    project's own."""
    path = location(path)
    stem = path.stem if isinstance(path, Path) else ""
    try:
        with Project.build(path, name=records.name or stem, description=records.description) as project:
            # A new file has no old pages to keep, so a rollback journal costs nothing, and the
            # commit writes each page once; in WAL mode it would write it twice (to the log, then
            # back at the checkpoint).  Measured on 200,000 codings: the store 2.0 s -> 1.6 s.
            project._db.execute("PRAGMA journal_mode = DELETE")
            insert_records(project, records, summary)
            if created:
                project.set_setting("created", created)
            project._db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.IntegrityError as error:
        raise QdaError(f"{path}: the records could not be stored ({error}); nothing was created") from error
    return Project.open(path)
