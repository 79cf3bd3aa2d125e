"""A project made by an older qda is brought up to the newest schema when opened, its data untouched."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

import qda
from qda.store import queries
from qda.store.schema import SCHEMA_VERSION
from rewind import before_coding_words

pytestmark = pytest.mark.file_only  # rewinds the file itself with sqlite3 and reads SQLite's query plans


def as_version_3(path) -> None:
    """Put the codings' indexes back as schemas 1 to 3 had them."""
    with sqlite3.connect(path) as db:
        before_coding_words(db)
        db.execute("DROP INDEX codings_with_memo")
        db.execute("DROP INDEX codings_document")
        db.execute("CREATE INDEX codings_document ON codings (document_id, start_offset)")
        db.execute("PRAGMA user_version = 3")


def as_version_2(path) -> None:
    """Put the codings' indexes back as schemas 1 and 2 had them."""
    as_version_3(path)
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX codings_code_document_coder")
        db.execute("CREATE INDEX codings_code ON codings (code_id)")
        db.execute("PRAGMA user_version = 2")


def code_index_plan(project) -> str:
    rows = project._db.execute(
        "EXPLAIN QUERY PLAN SELECT code_id, COUNT(*), COUNT(DISTINCT document_id), COUNT(DISTINCT coder_id) "
        "FROM codings GROUP BY code_id").fetchall()
    return " ".join(row[-1] for row in rows)


def test_version_2_gets_the_covering_code_index(coded_path):
    with qda.open_project(coded_path) as project:
        before = project.code_counts().sort_values("code_id").reset_index(drop=True)
        codings = project.codings_table(with_text=False)
    as_version_2(coded_path)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        names = {row[0] for row in project._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'codings'")}
        assert "codings_code_document_coder" in names and "codings_code" not in names
        assert "COVERING INDEX codings_code_document_coder" in code_index_plan(project)
        after = project.code_counts().sort_values("code_id").reset_index(drop=True)
        assert after.equals(before) and len(after) > 5
        assert project.codings_table(with_text=False).equals(codings)


def plans(project, sql: str) -> str:
    return " ".join(row[-1] for row in project._db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())


def test_version_3_gets_the_coding_span_indexes(coded_path):
    """Schema 4: codings are read grouped by document from the index on document_id alone, and the
    codings with a memo through a partial index, never by a scan of the table."""
    with qda.open_project(coded_path) as project:
        project.set_coding_memo(project.codings()[0].id, "a memo", project.coder("ana"))
        project.__dict__.pop("_qda_coding_spans", None)
        before = queries.coding_spans(project)
        codings = project.codings_table(with_text=False)
    as_version_3(coded_path)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        spans = plans(project, "SELECT document_id, COUNT(*), GROUP_CONCAT(CAST(rowid AS TEXT), ','), "
                               "GROUP_CONCAT(CAST(end_offset AS TEXT), ',') FROM codings GROUP BY document_id")
        assert "COVERING INDEX codings_document" in spans and "TEMP B-TREE" not in spans
        assert "codings_with_memo" in plans(project, "SELECT rowid, memo FROM codings WHERE memo <> ''")
        pd.testing.assert_frame_equal(queries.coding_spans(project), before)
        assert "a memo" in set(before["memo"])
        assert project.codings_table(with_text=False).equals(codings)
