"""push and pull: a whole project copied between a file and a server (or any two locations).

Every table is copied row for row with its ids, in one snapshot of the source and one
transaction (a server) or one temporary file renamed into place (a file) at the target: the
copy is whole or there is none.  Documents keep their texts (and so their SHA-256), codes,
coders, codings (with their row numbers), memos, attributes, done marks, where each coder
left off, document sets, saved queries, and the action log with its numbers, so that undo carries on across the move.
Rows go to a server by COPY.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ..errors import ProjectError
from ..files import check_output_folder
from .coding_packs import pack_changes, unjournalled
from .core import CODING_COLUMNS
from .location import ServerUrl, is_server
from .project import Project

Progress = Callable[[str, int, "int | None"], None]

# (table, columns, order): parents before the rows that refer to them.
TABLES: list[tuple[str, tuple[str, ...], str]] = [
    ("project", ("key", "value"), "key"),
    ("coders", ("id", "name", "created"), "name"),
    ("documents", ("id", "name", "sha256", "words", "chars", "language", "source", "imported", "position", "body"),
     "position"),
    ("word_starts", ("document_id", "starts"), "document_id"),
    ("document_attributes", ("document_id", "name", "value"), "document_id, name"),
    ("turns", ("document_id", "idx", "speaker", "start_offset", "end_offset"), "document_id, idx"),
    ("sentences", ("document_id", "idx", "start_offset", "end_offset"), "document_id, idx"),
    ("paragraphs", ("document_id", "idx", "start_offset", "end_offset"), "document_id, idx"),
    ("unit_bounds", ("document_id", "unit", "bounds"), "document_id, unit"),
    ("cues", ("document_id", "idx", "start_offset", "end_offset", "time_start", "time_end"), "document_id, idx"),
    ("document_sets", ("id", "name", "description", "created"), "id"),
    ("document_set_members", ("set_id", "document_id"), "set_id, document_id"),
    ("saved_queries", ("name", "query_text", "description", "created", "modified"), "name"),
    ("codes", ("id", "parent_id", "name", "definition", "when_to_use", "when_not_to_use", "example", "colour",
               "position"), "id"),
    ("codings", ("rowid", *CODING_COLUMNS, "start_word", "end_word"), "rowid"),
    ("memos", ("id", "target_kind", "target_id", "coder_id", "body", "created", "modified"), "id"),
    ("progress", ("document_id", "coder_id", "done"), "document_id, coder_id"),
    ("coder_state", ("coder_id", "key", "value"), "coder_id, key"),
    ("actions", ("seq", "coder_id", "kind", "summary", "forward", "inverse", "state", "target_seq", "created"), "seq"),
]
# Identity columns a server numbers itself: after rows came with their numbers, it goes on from the largest.
NUMBERED = (("actions", "seq"), ("codings", "rowid"))
REPORT_EVERY = 5_000


def copy_project(source: Project, target: str | Path, progress: Progress | None = None) -> dict[str, int]:
    """Copy ``source`` whole to ``target`` (a new file, or a server database with no project yet).

    Returns the rows copied per table.  Raises ProjectError when the target already holds a
    project; on any error nothing is left at the target."""
    report = progress or (lambda step, done, total: None)
    counts: dict[str, int] = {}
    with source.snapshot():
        totals = {table: source._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table, _, _ in TABLES}
        with Project.build(target, name=source.name) as built:
            db = built._db
            with built._transaction():
                db.execute("DELETE FROM project")  # the source's own settings come instead
                for table, columns, order in TABLES:
                    step = f"{table.replace('_', ' ').capitalize()}"
                    report(step, 0, totals[table])
                    read = getattr(source._db, "stream", source._db.execute)  # a server streams its rows
                    rows = read(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
                    if table == "codes":
                        rows = _parents_first(list(rows))
                    with unjournalled(db) if table == "codings" else nullcontext():  # packed from the table
                        counts[table] = insert_rows(db, table, columns, _counted(rows, step, totals[table], report))
                    report(step, counts[table], totals[table])
                if not built.on_server:  # the codings packed a document at a time (schema 9), here to show it
                    pack_changes(db, lambda done, total: report("Codings packed by document", done, total))
                if built.on_server:
                    for table, column in NUMBERED:
                        db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                                   f"COALESCE(MAX({column}), 0) + 1, false) FROM {table}")
    if counts != totals:
        raise ProjectError(f"{target}: the copy holds other numbers of rows than {source.path} ({counts} != {totals})")
    return counts


def insert_rows(db, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` inside the caller's transaction: COPY on a server, executemany on a file."""
    if hasattr(db, "copy_rows"):
        return db.copy_rows(table, columns, rows)
    marks = ", ".join("?" for _ in columns)
    cursor = db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    return max(cursor.rowcount, 0)


def _parents_first(rows: list[tuple]) -> list[tuple]:
    """Code rows (id first, parent_id second) ordered so that every parent comes before its children."""
    children: dict[str | None, list[tuple]] = {}
    for row in rows:
        children.setdefault(row[1], []).append(row)
    ordered, level = [], children.get(None, [])
    while level:
        ordered += level
        level = [child for row in level for child in children.get(row[0], [])]
    return ordered


def _counted(rows: Iterable[tuple], step: str, total: int, report: Progress) -> Iterator[tuple]:
    for number, row in enumerate(rows, start=1):
        yield row
        if number % REPORT_EVERY == 0:
            report(step, number, total)


def push(file: str | Path, url: str | ServerUrl, progress: Progress | None = None) -> dict[str, int]:
    """The project file ``file`` copied whole to the server database ``url``."""
    if not is_server(url):
        raise ProjectError(f"{url}: push sends a project to a server; give a postgresql:// URL")
    with Project.open(file) as source:
        return copy_project(source, url, progress)


def pull(url: str | ServerUrl, file: str | Path, progress: Progress | None = None) -> dict[str, int]:
    """The server project ``url`` copied whole into a new project file ``file``."""
    if is_server(file):
        raise ProjectError(f"{file}: pull makes a project file; give a file name (snapshot.qda)")
    file = Path(file)
    if file.exists():  # before the server is asked anything: a wrong name is told at once
        raise ProjectError(f"{file}: a file is already there; choose another name or remove it first")
    check_output_folder(file)
    with Project.open(url) as source:
        return copy_project(source, Path(file), progress)
