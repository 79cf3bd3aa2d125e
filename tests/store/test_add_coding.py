"""Adding a coding without reading the whole codebook: the code's path comes from its chain of
parents, the document's id, length and name from one row, on both engines; every check still
refuses bad input with one error and leaves nothing behind."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.errors import CodingError, ConflictError, NotFoundError
from qda.model import Code

DOCUMENT = "P02_fiscal_limanorte"


def _log(project) -> list[tuple[str, str]]:
    return [(row.kind, row.summary) for row in project.history().itertuples()]


def test_the_log_names_the_document_and_the_full_path_however_the_code_is_named(sample_project):
    codebook = sample_project.codebook
    deep = max(codebook.codes, key=lambda code: codebook.path(code.id).count(" > "))
    path = codebook.path(deep.id)
    assert path.count(" > ") >= 2, "the sample has a code three levels deep"
    for number, ref in enumerate([deep.id, deep, path, deep.name]):
        coding = sample_project.add_coding(DOCUMENT, ref, 10 * number, 10 * number + 5, "ana")
        assert coding.code_id == deep.id
        assert _log(sample_project)[0] == ("add_codings", f"code {DOCUMENT} [{10 * number}, {10 * number + 5}) as {path}")


def test_each_check_refuses_with_one_error_and_writes_nothing(sample_project):
    length = len(sample_project.document(DOCUMENT).text)
    shame = sample_project.code("Shame")
    before = len(sample_project.history())
    gone = Code("0f0f0f0f-0000-4000-8000-000000000000", "Invented", None)
    cases = [
        ((DOCUMENT, "Shame", length - 2, length + 1, "newcomer"), CodingError, f"outside document '{DOCUMENT}', which has {length} characters"),
        ((DOCUMENT, "Shame", 5, 5, "newcomer"), CodingError, "outside document"),
        ((DOCUMENT, "Shame", "ten", 20, "newcomer"), CodingError, "whole numbers"),
        ((DOCUMENT, "No such code", 0, 5, "newcomer"), NotFoundError, "no code 'No such code' in the codebook"),
        ((DOCUMENT, gone, 0, 5, "newcomer"), ConflictError, "'Invented' is no longer in the codebook"),
        (("P99", shame.id, 0, 5, "newcomer"), NotFoundError, "no document 'P99'"),
        ((DOCUMENT, shame.id, 0, 5, "  "), qda.QdaError, "a coder needs a name"),
    ]
    for args, error, message in cases:
        with pytest.raises(error, match=message.replace("[", r"\[").replace("(", r"\(")):
            sample_project.add_coding(*args)
    assert sample_project.codings() == []
    assert len(sample_project.history()) == before
    assert "newcomer" not in {coder.name for coder in sample_project.coders()}


def test_a_bad_row_in_a_batch_names_the_row_and_adds_none(sample_project):
    shame = sample_project.code("Shame").id
    rows = [(DOCUMENT, shame, 0, 5), (DOCUMENT, "Shame", 5, 9), ("P99", shame, 0, 5)]
    with pytest.raises(NotFoundError, match="line 4: no document 'P99'"):
        sample_project.add_codings(rows, "ana", label="line", first=2)
    assert sample_project.codings() == []


def test_undo_of_a_coding_works_after_reopening(sample_project_path):
    with qda.open_project(sample_project_path) as project:
        coding = project.add_coding(DOCUMENT, "Shame", 30, 60, "ana")
    with qda.open_project(sample_project_path) as project:
        assert [c.id for c in project.codings()] == [coding.id]
        undone = project.undo("ana")
        assert undone.summary.startswith(f"code {DOCUMENT} [30, 60) as ") and project.codings() == []
        project.redo("ana")
        assert project.coding(coding.id) == coding


def test_a_coding_by_id_reads_neither_the_codebook_nor_the_document_twice(tmp_path, sample_project_template):
    path = tmp_path / "sample.qda"
    path.write_bytes(sample_project_template.read_bytes())
    with qda.open_project(path) as project:
        code = project.code("Shame").id
        me = project.coder("ana")
        statements: list[str] = []
        project._db.set_trace_callback(statements.append)
        project.add_coding(DOCUMENT, code, 0, 5, me)
        project._db.set_trace_callback(None)
    reads_of_codes = [s for s in statements if "FROM codes" in s and "WHERE id" not in s]
    reads_of_documents = [s for s in statements if "FROM documents" in s]
    assert reads_of_codes == [] and len(reads_of_documents) == 1, statements
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM codings").fetchone()[0] == 1
