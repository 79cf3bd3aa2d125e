"""Reads that move whole columns at once (qda.store.queries) give exactly the frame a plain
row-by-row read gives: same rows in the same order, same dtypes, same categories."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qda
from qda.store import queries
from rewind import before_coding_words


def row_by_row(project) -> pd.DataFrame:
    """The frame of ``coding_spans`` built the plain way: one Python tuple a coding, then
    categorical columns whose categories are the ids in sorted order (coders named)."""
    rows = project._db.execute("SELECT rowid, document_id, code_id, coder_id, start_offset, end_offset, memo "
                               "FROM codings ORDER BY rowid").fetchall()
    frame = pd.DataFrame(rows, columns=["row", "document_id", "code_id", "coder", "start", "end", "memo"])
    names = dict(project._db.execute("SELECT id, name FROM coders").fetchall())
    for column in ("document_id", "code_id", "coder"):
        ids = sorted(set(frame[column]))
        categories = [names[i] for i in ids] if column == "coder" else ids
        codes = frame[column].map({i: n for n, i in enumerate(ids)}).to_numpy(np.int32)
        frame[column] = pd.Categorical.from_codes(codes, categories=categories)
    return frame.astype({"row": "int64", "start": "int64", "end": "int64"})


def fresh(project) -> pd.DataFrame:
    project.__dict__.pop("_qda_coding_spans", None)
    return queries.coding_spans(project)


def test_coding_spans_are_the_row_by_row_frame(coded_path):
    with qda.open_project(coded_path) as project:
        ana = project.coder("ana")
        first = project.codings()[0]
        project.set_coding_memo(first.id, "a memo, with a comma", ana)
        frame = fresh(project)
        assert len(frame) > 100 and "a memo, with a comma" in set(frame["memo"]) and (frame["memo"] == "").any()
        pd.testing.assert_frame_equal(frame, row_by_row(project))


def test_an_id_with_a_comma_is_read_row_by_row(coded_path):
    """qda never makes such an id, but a file written by another tool might hold one: the
    joined column then has too many values, and the read falls back to rows."""
    with qda.open_project(coded_path) as project:
        coding = project.codings()[0]
        with project._transaction():
            project._db.execute("INSERT INTO coders (id, name, created) VALUES ('x,y', 'comma', '2025-01-01')")
        queries.insert_codings_unlogged(project, [("c,1", coding.document_id, coding.code_id, "x,y", 0, 5,
                                                   "2025-01-01T00:00:00", "")])
        frame = fresh(project)
        pd.testing.assert_frame_equal(frame, row_by_row(project))
        assert "comma" in set(frame["coder"])
        narrow = queries.coding_spans_of_documents(project, [coding.document_id])
        expected = frame[frame["document_id"] == coding.document_id]
        key = ["row"]
        pd.testing.assert_frame_equal(
            narrow.astype({"document_id": str, "code_id": str, "coder": str}).sort_values(key).reset_index(drop=True),
            expected.astype({"document_id": str, "code_id": str, "coder": str}).sort_values(key).reset_index(drop=True))


def test_no_codings_read_as_an_empty_frame(sample_project_path):
    with qda.open_project(sample_project_path) as project:
        frame = fresh(project)
        assert len(frame) == 0
        assert list(frame.columns) == ["row", "document_id", "code_id", "coder", "start", "end", "memo"]
        assert queries.coding_spans_of_documents(project, [d.id for d in project.documents()]).empty


@pytest.mark.parametrize("chunk", [1, 500])
def test_codings_of_documents_in_chunks_are_the_whole_read_filtered(coded_path, monkeypatch, chunk):
    monkeypatch.setattr(queries, "CHUNK", chunk)
    monkeypatch.setattr(queries, "MOST", 1.0)  # read chunk by chunk, however many documents
    with qda.open_project(coded_path) as project:
        wanted = [d.id for d in project.documents()][::2]
        whole = fresh(project)
        project.__dict__.pop("_qda_coding_spans", None)
        narrow = queries.coding_spans_of_documents(project, wanted)
        expected = whole[whole["document_id"].isin(wanted)]
        plain = {"document_id": str, "code_id": str, "coder": str}
        pd.testing.assert_frame_equal(narrow.astype(plain).sort_values("row").reset_index(drop=True),
                                      expected.astype(plain).sort_values("row").reset_index(drop=True))


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "turn", "document"])
def test_unit_spans_are_the_units_frame(coded_path, unit):
    with qda.open_project(coded_path) as project:
        expected = project.units_frame(unit)
        expected["document_id"] = expected["document_id"].astype("category")
        frame = queries.unit_spans(project, unit)
        assert len(frame) > 5
        pd.testing.assert_frame_equal(frame, expected)


def test_no_units_read_as_an_empty_frame(tmp_path):
    with qda.create_project(tmp_path / "empty.qda") as project:
        frame = queries.unit_spans(project, "sentence")
        assert list(frame.columns) == ["document_id", "idx", "start", "end"] and frame.empty


def test_most_documents_are_read_with_every_coding_at_once(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        everything = [d.id for d in project.documents()]
        project.__dict__.pop("_qda_coding_spans", None)
        queries.coding_spans_of_documents(project, everything[:1])
        assert "_qda_coding_spans" not in project.__dict__  # a few documents: only theirs are read
        frame = queries.coding_spans_of_documents(project, everything[1:])
        assert "_qda_coding_spans" in project.__dict__
        whole = queries.coding_spans(project)
        pd.testing.assert_frame_equal(frame, whole[whole["document_id"].isin(everything[1:])].reset_index(drop=True))


def test_grouped_read_after_deletions_and_memos_is_the_row_by_row_frame(coded_path):
    """Row numbers with gaps (deleted codings) and codings added after others of their document:
    the read grouped by document, code and coder still gives every coding once, in row order."""
    with qda.open_project(coded_path) as project:
        ana = project.coder("ana")
        codings = project.codings()
        for coding in codings[::7]:
            project.remove_coding(coding.id, ana)
        kept = project.codings()
        project.set_coding_memo(kept[-1].id, "the last one", ana)
        queries.insert_codings_unlogged(project, [("late-1", kept[0].document_id, kept[-1].code_id,
                                                   ana.id, 0, 3, "2025-01-01T00:00:00", "")])
        frame = fresh(project)
        pd.testing.assert_frame_equal(frame, row_by_row(project))
        assert len(frame) == len(kept) + 1 and frame["row"].is_monotonic_increasing


def test_the_column_by_column_read_is_the_same_frame(coded_path, monkeypatch):
    """Where the grouped reads disagree (never in one snapshot), codings are read column by column."""
    with qda.open_project(coded_path) as project:
        grouped = fresh(project)
        monkeypatch.setattr(queries, "_grouped_coding_columns", lambda db: None)
        pd.testing.assert_frame_equal(fresh(project), grouped)


def test_version_3_projects_get_the_span_indexes_on_both_engines(coded_path):
    """Schema 4 is indexes only: a project rewound to schema 3 is migrated when opened, on a file and
    on a server, and reads the same codings."""
    from qda.store.schema import SCHEMA_VERSION

    with qda.open_project(coded_path) as project:
        before = fresh(project)
        with project._transaction():
            before_coding_words(project._db)
            for statement in ("DROP INDEX codings_with_memo", "DROP INDEX codings_document",
                              "CREATE INDEX codings_document ON codings (document_id, start_offset)",
                              "PRAGMA user_version = 3"):
                project._db.execute(statement)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        pd.testing.assert_frame_equal(fresh(project), before)
