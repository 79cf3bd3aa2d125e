"""A whole project as plain records, out of one project file and into another.

Merging coders' projects and reading REFI-QDA files both end in the same step:
records with their own ids (documents, codes, coders, codings, memos,
progress) written into a project in one transaction.  ``read_records`` gives
the records of an open project; ``insert_records`` writes records whose ids
are not yet in the target (the caller decides what matches what).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from operator import itemgetter

from ..ingest.parsed import ParsedDocument
from ..model import Codebook, Coder, Coding, Cue, Memo, Span, Turn
from . import actions
from .coding_packs import UNJOURNALLED_FROM, unjournalled
from .coding_words import with_word_numbers
from .core import CODING_COLUMNS
from .project import Project
from .sets import DocumentSet, all_sets, insert_sets


@dataclass
class Progress:
    document_id: str
    coder_id: str
    done: str


@dataclass
class ProjectRecords:
    name: str = ""
    description: str = ""
    codebook: Codebook = field(default_factory=Codebook)
    coders: list[Coder] = field(default_factory=list)
    documents: list[ParsedDocument] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    sets: list[DocumentSet] = field(default_factory=list)


def read_records(project: Project, units: bool = True) -> ProjectRecords:
    """Everything a project holds, ids included (the action log excepted).

    With ``units=False`` documents come without their turns, sentences, paragraphs
    and cues (for an export that does not carry them).  All of it is read in one snapshot,
    so that a coder writing meanwhile cannot make a coding refer to a code not read."""
    with project.snapshot():
        return _read_records(project, units)


def _read_records(project: Project, units: bool) -> ProjectRecords:
    db = project._db
    spans: dict[str, dict[str, list]] = {}
    if units:
        for table, make in (("sentences", Span), ("paragraphs", Span)):
            for document_id, start, end in db.execute(f"SELECT document_id, start_offset, end_offset FROM {table} ORDER BY document_id, idx"):
                spans.setdefault(document_id, {}).setdefault(table, []).append(make(start, end))
        for document_id, speaker, start, end in db.execute("SELECT document_id, speaker, start_offset, end_offset FROM turns ORDER BY document_id, idx"):
            spans.setdefault(document_id, {}).setdefault("turns", []).append(Turn(speaker, start, end))
        for document_id, *values in db.execute("SELECT document_id, start_offset, end_offset, time_start, time_end FROM cues ORDER BY document_id, idx"):
            spans.setdefault(document_id, {}).setdefault("cues", []).append(Cue(*values))
    documents = [
        ParsedDocument(
            name=document.name, text=document.text, sha256=document.sha256, words=document.words, language=document.language,
            source=document.source, turns=spans.get(document.id, {}).get("turns", []),
            sentences=spans.get(document.id, {}).get("sentences", []), paragraphs=spans.get(document.id, {}).get("paragraphs", []),
            cues=spans.get(document.id, {}).get("cues", []), attributes=dict(document.attributes), id=document.id,
            imported=document.imported,
        )
        for document in project.documents()
    ]
    memos = [Memo(*row) for row in db.execute(
        "SELECT id, target_kind, target_id, coder_id, body, created, modified FROM memos ORDER BY created")]
    progress = [Progress(*row) for row in db.execute("SELECT document_id, coder_id, done FROM progress")]
    # As Project.codings() gives them (same order), without a dict per row on the way.
    codings = [Coding(*row) for row in db.execute(
        "SELECT id, document_id, code_id, coder_id, start_offset, end_offset, created, memo FROM codings "
        "ORDER BY document_id, start_offset, end_offset, created")]
    return ProjectRecords(
        name=project.setting("name"), description=project.setting("description"), codebook=project.codebook,
        coders=project.coders(), documents=documents, codings=codings, memos=memos, progress=progress,
        sets=all_sets(project),
    )


# Page cache while inserting records (KiB, as SQLite's negative cache_size): a project of
# 200,000 codings has indexes of tens of MB keyed by random UUIDs, and with the default
# 2 MB cache every insert into them spills and re-reads pages.  Memory is taken only as
# pages are touched, and the connection's own setting is restored afterwards.
INSERT_CACHE_KIB = 256 * 1024


def insert_records(project: Project, records: ProjectRecords, summary: str) -> None:
    """Write records into ``project`` in one transaction, logged with ``summary``.

    Codes are inserted parents first; every id must be new to the project.  Codings go
    in in the order their indexes grow fastest (see ``_insert_codings``)."""
    db = project._db
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-INSERT_CACHE_KIB}")
    try:
        with without_gc():
            _insert(project, records, summary)
    finally:
        db.execute(f"PRAGMA cache_size = {cache}")


@contextmanager
def without_gc() -> Iterator[None]:
    """Cyclic garbage collection paused: building or writing hundreds of thousands of records
    (which form no cycles) otherwise triggers full collections that walk all of them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _insert(project: Project, records: ProjectRecords, summary: str) -> None:
    db = project._db
    stamp = actions.now()
    codings = [(c.id, c.document_id, c.code_id, c.coder_id, c.start, c.end, c.created, c.memo) for c in records.codings]
    with project._transaction():
        db.executemany("INSERT INTO coders (id, name, created) VALUES (?, ?, ?)",
                       [(coder.id, coder.name, stamp) for coder in records.coders])
        db.executemany(
            "INSERT INTO codes (id, parent_id, name, definition, when_to_use, when_not_to_use, example, colour, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(code.id, code.parent_id, code.name, code.definition, code.when_to_use, code.when_not_to_use, code.example,
              code.colour, code.position) for code, _depth in records.codebook.walk()],
        )
        for document in records.documents:
            project._insert_document(document)
        _insert_codings(db, codings)
        db.executemany(
            "INSERT INTO memos (id, target_kind, target_id, coder_id, body, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(m.id, m.target_kind, m.target_id, m.coder_id, m.text, m.created, m.modified) for m in records.memos],
        )
        db.executemany("INSERT INTO progress (document_id, coder_id, done) VALUES (?, ?, ?)",
                       [(p.document_id, p.coder_id, p.done) for p in records.progress])
        insert_sets(db, records.sets)
        for key, value in (("codebook_name", records.codebook.name), ("codebook_description", records.codebook.description)):
            if value and not project.setting(key):
                db.execute("INSERT INTO project (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           (key, value))
        actions.log(db, None, "insert_records", summary)


# Above this many codings into a project that holds none, the codings' secondary indexes
# are dropped for the insert and built again after it: building an index from sorted
# keys is faster than inserting a random UUID key at a time (measured: 200,000 codings
# stored in about half the time).
BULK_CODINGS = 20_000


def _insert_codings(db, codings: list[tuple]) -> None:
    """Insert coding rows inside the caller's transaction (a rollback restores any dropped index)."""
    sql = ("INSERT INTO codings (id, document_id, code_id, coder_id, start_offset, end_offset, created, memo, "
           "start_word, end_word) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    codings = with_word_numbers(db, codings, 1, 4, 5)
    if hasattr(db, "copy_rows"):  # a server: COPY, whatever the number
        db.copy_rows("codings", (*CODING_COLUMNS, "start_word", "end_word"), codings)
        return
    with unjournalled(db, (row[1] for row in codings)) if len(codings) >= UNJOURNALLED_FROM else nullcontext():
        _insert_file_codings(db, sql, codings)


def _insert_file_codings(db, sql: str, codings: list[tuple]) -> None:
    """Insert coding rows into a file, dropping its indexes first when they are many into none."""
    bulk = len(codings) >= BULK_CODINGS and db.execute("SELECT NOT EXISTS (SELECT 1 FROM codings)").fetchone()[0]
    if not bulk:
        codings.sort(key=itemgetter(1, 4))  # (document, start): the order of the index that grows most
        db.executemany(sql, codings)
        return
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'codings' "
                         "AND sql IS NOT NULL").fetchall()
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    codings.sort(key=itemgetter(0))  # by id: the primary key's own index then grows at its end
    db.executemany(sql, codings)
    for _name, index_sql in indexes:
        db.execute(index_sql)
