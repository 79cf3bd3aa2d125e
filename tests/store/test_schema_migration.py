"""A project made by an older qda is brought up to the newest schema when opened, its data untouched."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.store.schema import SCHEMA_VERSION

pytestmark = pytest.mark.file_only  # rewinds the file itself with sqlite3 and reads SQLite's query plans


def as_version_2(path) -> None:
    """Put the codings' indexes back as schemas 1 and 2 had them."""
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
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        names = {row[0] for row in project._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'codings'")}
        assert "codings_code_document_coder" in names and "codings_code" not in names
        assert "COVERING INDEX codings_code_document_coder" in code_index_plan(project)
        after = project.code_counts().sort_values("code_id").reset_index(drop=True)
        assert after.equals(before) and len(after) > 5
        assert project.codings_table(with_text=False).equals(codings)
