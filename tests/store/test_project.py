"""The project file: creation, permissions, schema version, codings, undo/redo and the audit trail."""

from __future__ import annotations

import sqlite3
import stat

import pytest

import qda
from qda.errors import CodebookError, CodingError, ConflictError, NotFoundError, ProjectError
from qda.store.schema import SCHEMA_VERSION


def test_new_project_is_owner_only_wal_and_versioned(tmp_path):
    path = tmp_path / "study.qda"
    qda.create_project(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_refuses_to_overwrite_or_open_what_is_not_a_project(tmp_path):
    path = tmp_path / "study.qda"
    qda.create_project(path).close()
    with pytest.raises(ProjectError, match="already there"):
        qda.create_project(path)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(ProjectError, match="not an SQLite file"):
        qda.open_project(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(ProjectError, match="not a qda project"):
        qda.open_project(other)
    with pytest.raises(ProjectError, match="no project there"):
        qda.open_project(tmp_path / "missing.qda")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "study.qda"
    qda.create_project(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(ProjectError, match="newer qda"):
        qda.open_project(path)


def test_add_coding_text_speaker_and_frame(sample_project):
    document = sample_project.document("P01_police_limanorte")
    start = document.text.index("Yes, no problem.")
    coding = sample_project.add_coding(document.name, "Distrust of police", start, start + 16, "ana", memo="first")
    frame = sample_project.codings_table()
    row = frame.set_index("coding_id").loc[coding.id]
    assert row["text"] == "Yes, no problem." == document.text[start:start + 16]
    assert row["speaker"] == "P01"
    assert row["code_path"] == "Institutional response > Police > Distrust of police"
    assert row["coder"] == "ana" and row["memo"] == "first"


def test_span_outside_document_and_unknown_code_are_refused(sample_project):
    length = len(sample_project.document("P02_fiscal_limanorte").text)
    with pytest.raises(CodingError, match="outside document"):
        sample_project.add_coding("P02_fiscal_limanorte", "Shame", length - 5, length + 1, "ana")
    with pytest.raises(NotFoundError, match="no code"):
        sample_project.add_coding("P02_fiscal_limanorte", "No such code", 0, 5, "ana")
    with pytest.raises(NotFoundError, match="no document"):
        sample_project.add_coding("P99", "Shame", 0, 5, "ana")
    assert sample_project.codings() == []


def test_undo_redo_survive_reopening_and_are_per_coder(sample_project_path):
    with qda.open_project(sample_project_path) as project:
        first = project.add_coding("P03_cem_lawyer_limanorte", "Shelters", 100, 140, "ana")
        project.add_coding("P03_cem_lawyer_limanorte", "Shame", 200, 240, "luis")
        project.set_coding_memo(first, "check with Luis", "ana")
    with qda.open_project(sample_project_path) as project:
        assert project.undo("ana").kind == "memo_coding"
        assert project.coding(first.id).memo == ""
        assert project.undo("ana").kind == "add_codings"
        assert [c.coder_id for c in project.codings()] == [project.coder("luis").id]
        with pytest.raises(NotFoundError, match="nothing to undo"):
            project.undo("ana")
    with qda.open_project(sample_project_path) as project:
        project.redo("ana")
        project.redo("ana")
        assert project.coding(first.id).memo == "check with Luis"
        with pytest.raises(NotFoundError, match="nothing to redo"):
            project.redo("ana")
        history = project.history()
        assert list(history["kind"][:2]) == ["redo", "redo"]
        assert {"ana", "luis"} <= set(history["coder"])


def test_new_action_clears_redo(sample_project):
    sample_project.add_coding("P03_cem_lawyer_limanorte", "Shelters", 100, 140, "ana")
    sample_project.undo("ana")
    sample_project.add_coding("P03_cem_lawyer_limanorte", "Shame", 10, 40, "ana")
    with pytest.raises(NotFoundError):
        sample_project.redo("ana")


def test_undo_refuses_when_another_coder_changed_the_row(sample_project):
    coding = sample_project.add_coding("P03_cem_lawyer_limanorte", "Shelters", 100, 140, "ana")
    sample_project.remove_coding(coding, "luis")
    with pytest.raises(ConflictError):
        sample_project.undo("ana")
    assert sample_project.codings() == []  # the failed undo changed nothing


def test_rename_move_merge_keep_codings(sample_project):
    coding = sample_project.add_coding("P04_cem_psychologist_ayacucho", "Distrust of police", 50, 90, "ana")
    sample_project.rename_code("Distrust of police", "Mistrust of police", "ana")
    assert sample_project.codings_table()["code_path"].tolist() == ["Institutional response > Police > Mistrust of police"]
    sample_project.move_code("Mistrust of police", "Institutional response", "ana")
    assert sample_project.codebook.path(coding.code_id) == "Institutional response > Mistrust of police"
    with pytest.raises(CodebookError, match="own subtree"):
        sample_project.move_code("Institutional response", "Institutional response > Police", "ana")
    moved = sample_project.merge_codes("Mistrust of police", "Institutional response > Police", "ana")
    assert moved == 1
    assert sample_project.codings_table()["code_path"].tolist() == ["Institutional response > Police"]
    for _ in range(3):
        sample_project.undo("ana")
    assert sample_project.codings_table()["code_path"].tolist() == ["Institutional response > Police > Distrust of police"]
    assert sample_project.coding(coding.id).code_id == coding.code_id


def test_sibling_names_are_unique(sample_project):
    with pytest.raises(CodebookError, match="already exists"):
        sample_project.add_code("distrust of police", "Institutional response > Police")
    with pytest.raises(CodebookError, match="'>'"):
        sample_project.add_code("A > B")


def test_memos_and_progress(sample_project):
    sample_project.set_memo("document", "P05_cem_socialworker_ayacucho", "Rich on funding.", "ana")
    assert sample_project.memo("document", "P05_cem_socialworker_ayacucho", "ana") == "Rich on funding."
    assert sample_project.memo("document", "P05_cem_socialworker_ayacucho", "luis") == ""
    sample_project.set_done("P05_cem_socialworker_ayacucho", "ana")
    frame = sample_project.documents_frame().set_index("name")
    assert frame.loc["P05_cem_socialworker_ayacucho", "done_by"] == "ana"
    sample_project.undo("ana")
    assert sample_project.done_documents("ana") == set()
