"""The project file's schema and its migrations.

``PRAGMA user_version`` holds the schema version.  Each entry of
``MIGRATIONS`` takes a project from version ``i`` to ``i + 1``; a project is
migrated in one transaction when it is opened.  Column names avoid words
that are reserved in SQLite or PostgreSQL (``start_offset``, not ``start``).
"""

from __future__ import annotations

import sqlite3

from . import coding_packs

SCHEMA_V1 = """
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    words INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    imported TEXT NOT NULL,
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_position ON documents (position);

CREATE TABLE document_attributes (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (document_id, name)
);

CREATE TABLE turns (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE sentences (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE paragraphs (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE cues (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    time_start REAL NOT NULL,
    time_end REAL NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE codes (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES codes (id),
    name TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    when_to_use TEXT NOT NULL DEFAULT '',
    when_not_to_use TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX codes_parent ON codes (parent_id);

CREATE TABLE coders (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);

CREATE TABLE codings (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    code_id TEXT NOT NULL REFERENCES codes (id),
    coder_id TEXT NOT NULL REFERENCES coders (id),
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    created TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    CHECK (start_offset >= 0 AND end_offset > start_offset)
);
CREATE INDEX codings_document ON codings (document_id, start_offset);
CREATE INDEX codings_code ON codings (code_id);
CREATE INDEX codings_coder ON codings (coder_id);

CREATE TABLE memos (
    id TEXT PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'code')),
    target_id TEXT NOT NULL,
    coder_id TEXT NOT NULL REFERENCES coders (id),
    body TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    UNIQUE (target_kind, target_id, coder_id)
);

CREATE TABLE progress (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders (id),
    done TEXT NOT NULL,
    PRIMARY KEY (document_id, coder_id)
);

CREATE TABLE coder_state (
    coder_id TEXT NOT NULL REFERENCES coders (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (coder_id, key)
);

CREATE TABLE actions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    coder_id TEXT REFERENCES coders (id),
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    forward TEXT NOT NULL,
    inverse TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded', 'log')),
    target_seq INTEGER,
    created TEXT NOT NULL
);
CREATE INDEX actions_coder_state ON actions (coder_id, state, seq);
"""

# Version 2: named document sets (REFI-QDA's <Sets> of sources) and saved coding queries.
SETS_AND_QUERIES_V2 = """
CREATE TABLE document_sets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);

CREATE TABLE document_set_members (
    set_id TEXT NOT NULL REFERENCES document_sets (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, document_id)
);
CREATE INDEX document_set_members_document ON document_set_members (document_id);

CREATE TABLE saved_queries (
    name TEXT PRIMARY KEY,
    query_text TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
"""

# Version 3: the index on code_id also holds document_id and coder_id, so that counting a
# code's codings, documents and coders (the codebook's counts) and finding the documents a
# code is in read the index alone, never the table (on 1,000,000 codings: 0.3 s, was 2.4 s).
CODE_INDEX_V3 = """
CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id);
DROP INDEX codings_code;
"""

# Version 4: every column of ``coding_spans`` but the memo comes from an index alone: the index on
# document_id also holds the span's end, so that codings are read grouped by document from it
# (with the code and coder indexes, each id sent once a group, never once a coding); the few
# codings with a memo have a partial index of their own.  On 1,000,000 codings the read costs
# about half the CPU of a scan of the table.
CODING_SPAN_INDEXES_V4 = """
DROP INDEX codings_document;
CREATE INDEX codings_document ON codings (document_id, start_offset, end_offset);
CREATE INDEX codings_with_memo ON codings (document_id) WHERE memo <> '';
"""

# Version 5: where each document's words begin (``qda.word_starts``: little-endian uint32 code-point
# offsets), found once when the document is stored, since its text never changes; counting the words
# a coding covers is then a binary search instead of a scan of every text (``qda stats`` on 1,000
# transcripts spent a quarter of a second scanning).  A separate table, not a column of documents:
# SQLite would walk the whole overflowing text of a row to reach a column stored after it.  The
# migration fills it for the documents already there (``qda.store.words.fill_word_starts``).
WORD_STARTS_V5 = """
CREATE TABLE IF NOT EXISTS word_starts (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    starts BLOB NOT NULL
);
"""

# Version 6: where each document's sentences, paragraphs and turns begin and end, one row a document and
# unit, as arrays (``qda.store.units``: little-endian uint32 code points, start and end interleaved, in idx
# order), written with the unit tables: a query or concordance over 10,000 documents reads 10,000 rows
# instead of stepping half a million.  The migration fills it from the unit tables
# (``qda.store.units.fill_unit_bounds``).
UNIT_BOUNDS_V6 = """
CREATE TABLE IF NOT EXISTS unit_bounds (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    unit TEXT NOT NULL CHECK (unit IN ('sentence', 'paragraph', 'turn')),
    bounds BLOB NOT NULL,
    PRIMARY KEY (document_id, unit)
);
"""

# Version 7: the index on code_id also holds each coding's span, so that a coding query reads the codings of
# the codes it names from the index alone (``qda.store.query_spans``): a proximity query over 1,000,000
# codings stepped every coding's span in the index on document_id and the row numbers of its codes in this
# one, where now it steps only its codes' codings, once.  The name stays (tests and the bulk loader's
# rebuild read indexes by name); the index grows by two numbers a coding.  Rebuilding it is the whole
# migration: a few seconds on a million codings, announced on a terminal (``notice_before``).
CODE_SPAN_INDEX_V7 = """
DROP INDEX codings_code_document_coder;
CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id, start_offset, end_offset);
"""

# Version 8: each coding's span in words as well as in code points (``qda.store.coding_words``): ``start_word``
# and ``end_word`` number the words of its document that begin before its start and before its end, so
# that the words it covers are ``end_word - start_word`` and the words of several codings the union of
# these integer ranges.  A count of words coded (``qda stats``) then reads two numbers a coding instead
# of every document's word starts and two binary searches a coding (on 1,000 transcripts those were a
# quarter of the command's instructions).  Written with the coding wherever one is stored; the
# migration fills them for the codings already there, then makes the partial index of codings without
# them (NULL), which holds no row while every coding has them: a reader finds any there in one step
# and counts it from the word starts (``qda.store.coding_words.fill_coding_words``).
CODING_WORDS_V8 = """
ALTER TABLE codings ADD COLUMN start_word INTEGER;
ALTER TABLE codings ADD COLUMN end_word INTEGER;
"""

# Version 9: each document's codings packed in one row (``qda.store.coding_packs``), kept exact by triggers on
# codings writing a journal that each write takes in as it commits, so that reading every coding of a million
# (co-occurrence, frequencies, quoted passages' numbers) reads 10,000 rows instead of a million index entries.
# Files only: on a team server the migration makes nothing (``FILE_ONLY``), its codings come numbered in one row.
CODING_PACKS_V9 = coding_packs.TABLE + coding_packs.TRIGGERS

MIGRATIONS: list[str] = [SCHEMA_V1, SETS_AND_QUERIES_V2, CODE_INDEX_V3, CODING_SPAN_INDEXES_V4, WORD_STARTS_V5,
                         UNIT_BOUNDS_V6, CODE_SPAN_INDEX_V7, CODING_WORDS_V8, CODING_PACKS_V9]
SCHEMA_VERSION = len(MIGRATIONS)
FILE_ONLY = {8}  # migrations (0-based) that a team server's database skips


def statements(script: str) -> list[str]:
    """The SQL statements of a schema or migration script, a trigger's body (with statements of its own)
    kept whole."""
    found, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        found.append(pending.strip())
    return found


def notice_before(step: int):
    """What announces migration ``step`` (0-based) before its statements run, when they take a while and
    report no progress of their own: a function (connection, the project's name) or None."""
    if step == 6:
        return _announce_code_index
    return None


def _announce_code_index(connection, name: str) -> None:
    """One line on stderr when it is a terminal: the index rebuilt by migration 7 takes seconds on a
    million codings, with no progress to show meanwhile."""
    import sys

    codings = connection.execute("SELECT COUNT(*) FROM codings").fetchone()[0] if sys.stderr.isatty() else 0
    if codings:
        print(f"qda: {name}: rebuilding the index of codings by code to hold their spans ({codings:,} codings), "
              "once", file=sys.stderr, flush=True)


def fill_after(step: int):
    """What fills the tables of migration ``step`` (0-based) from the data already there, inside
    the migration's transaction: a function (connection, the project's name for a progress line on a
    terminal) or None."""
    from . import words

    if step == 4:
        return lambda connection, name: words.fill_word_starts(connection, words.terminal_progress(name))
    if step == 5:
        from . import units

        return lambda connection, name: units.fill_unit_bounds(
            connection, words.terminal_progress(name, "storing where sentences, paragraphs and turns begin"))
    if step == 8:
        return lambda connection, name: coding_packs.fill_coding_packs(
            connection, words.terminal_progress(name, "packing the codings of each document"))
    if step == 7:
        from . import coding_words

        return lambda connection, name: coding_words.fill_coding_words(
            connection, words.terminal_progress(name, "numbering the words of each coding", "codings"))
    return None
