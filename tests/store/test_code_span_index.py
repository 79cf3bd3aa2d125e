"""Schema 7: the index on code_id also holds each coding's span, so a coding query reads its codes'
codings from that index alone.  A schema-6 project (file or server) gets the wider index when opened,
its data and every query's passages untouched."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.query import passages
from qda.store.schema import SCHEMA_VERSION
from rewind import before_coding_words

QUERIES = ["Impunity", '"Distrust of police" WITHIN 2 SENTENCES OF Impunity',
           '"Distrust of police" AND NOT "Familial framing" IN SAME TURN']
NARROW = "CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id)"
READ = ("SELECT code_id, COUNT(*), GROUP_CONCAT(document_id, ''), "
        "GROUP_CONCAT(CAST(start_offset * 4294967296 + end_offset AS TEXT), ',') FROM codings "
        "WHERE code_id IN (?, ?) GROUP BY code_id")


def results(project) -> dict[str, list[tuple]]:
    return {query: sorted(passages(project, query).itertuples(index=False, name=None)) for query in QUERIES}


def codings(project) -> list[tuple]:
    return sorted(project._db.execute("SELECT id, document_id, code_id, coder_id, start_offset, end_offset, memo "
                                      "FROM codings").fetchall())


def as_version_6(path) -> None:
    with sqlite3.connect(path) as db:
        before_coding_words(db)
        db.execute("DROP INDEX codings_code_document_coder")
        db.execute(NARROW)
        db.execute("PRAGMA user_version = 6")


def index_columns(db) -> list[str]:
    return [row[2] for row in db.execute("PRAGMA index_info(codings_code_document_coder)")]


@pytest.mark.file_only
def test_the_migration_from_version_6_widens_the_code_index(coded_path):
    with qda.open_project(coded_path) as project:
        before, rows = results(project), codings(project)
    as_version_6(coded_path)
    with sqlite3.connect(coded_path) as db:
        assert index_columns(db) == ["code_id", "document_id", "coder_id"]
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 7
        assert index_columns(project._db) == ["code_id", "document_id", "coder_id", "start_offset", "end_offset",
                                              "start_word", "end_word"]  # and schema 8's span in words
        plan = " ".join(r[-1] for r in project._db.execute(f"EXPLAIN QUERY PLAN {READ}", ["a", "b"]).fetchall())
        assert "COVERING INDEX codings_code_document_coder" in plan
        assert codings(project) == rows and len(rows) > 100
        assert results(project) == before and all(before.values())


@pytest.mark.file_only
def test_the_migration_says_so_on_a_terminal(coded_path, monkeypatch, capsys):
    import sys

    as_version_6(coded_path)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    qda.open_project(coded_path).close()
    err = capsys.readouterr().err
    assert "rebuilding the index of codings by code to hold their spans" in err and " codings), once" in err


@pytest.mark.file_only
def test_a_new_project_says_nothing_of_the_index(tmp_path, monkeypatch, capsys):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    qda.create_project(tmp_path / "new.qda").close()
    assert "index" not in capsys.readouterr().err


@pytest.mark.file_only  # the sample file, pushed to a server of its own
def test_the_migration_on_a_server_widens_the_code_index(coded_path, server_url):
    import psycopg

    from qda.store.transfer import push

    push(coded_path, server_url)
    with qda.open_project(server_url) as project:
        before, rows = results(project), codings(project)
    with psycopg.connect(str(server_url), autocommit=True) as admin:
        before_coding_words(admin)
        admin.execute("DROP INDEX codings_code_document_coder")
        admin.execute(NARROW)
        admin.execute("UPDATE schema_version SET version = 6")
    with qda.open_project(server_url) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert codings(project) == rows and results(project) == before
    with psycopg.connect(str(server_url), autocommit=True) as admin:
        definition = admin.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'codings_code_document_coder'"
                                   ).fetchone()[0]
    assert "(code_id, document_id, coder_id, start_offset, end_offset, start_word, end_word)" in definition  # 7, 8


@pytest.mark.file_only
def test_a_failed_migration_leaves_the_project_at_version_6(coded_path, monkeypatch):
    from qda.store import connection, schema

    as_version_6(coded_path)
    broken = [*schema.MIGRATIONS[:6], schema.MIGRATIONS[6] + "SELECT no_such_column FROM codings;"]
    monkeypatch.setattr(connection, "MIGRATIONS", broken)
    with pytest.raises(Exception, match="no_such_column"):
        qda.open_project(coded_path)
    with sqlite3.connect(coded_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 6
        assert index_columns(db) == ["code_id", "document_id", "coder_id"]


@pytest.mark.file_only  # SQLite's query plans
def test_a_codes_codings_by_some_coders_are_read_from_the_code_index_alone(coded_path):
    """With coders named, SQLite would rather walk the index on coder_id and fetch every row of theirs from
    the table (ten times slower on a million codings): the read keeps to the index on code_id."""
    from qda.store.query_spans import code_spans

    with qda.open_project(coded_path) as project:
        statements: list[str] = []
        project._db.set_trace_callback(statements.append)
        code_spans(project, [c.id for c in project.codebook.codes], [project.coders()[0].id])
        project._db.set_trace_callback(None)
        reads = [s for s in statements if "FROM codings" in s]
        assert reads
        for read in reads:
            plan = " ".join(r[-1] for r in project._db.execute(f"EXPLAIN QUERY PLAN {read}").fetchall())
            assert "COVERING INDEX codings_code_document_coder" in plan and "codings_coder" not in plan, plan
