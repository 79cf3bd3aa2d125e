"""copy-for-coder and merge: idempotence, codes one side has, same name with other text, nothing overwritten."""

from __future__ import annotations

import pytest

import qda
from qda.store.merge import copy_for_coder, merge

from agreement_helpers import make_project


@pytest.fixture
def study(tmp_path):
    project = make_project(tmp_path / "study.qda", {"d1": ["One.", "Two."], "d2": ["Three."]}, ["A", "A > A1", "B"])
    project.set_attributes({"d1": {"site": "Lima"}})
    project.add_coding("d1", "A", 0, 4, "ana")
    yield project
    project.close()


def test_copy_for_coder_keeps_documents_and_codebook_but_no_other_codings(study, tmp_path):
    with copy_for_coder(study, "luis", tmp_path / "luis.qda") as copy:
        assert [d.sha256 for d in copy.documents()] == [d.sha256 for d in study.documents()]
        assert [d.id for d in copy.documents()] == [d.id for d in study.documents()]
        assert copy.codebook.paths == study.codebook.paths
        assert copy.document("d1").attributes == {"site": "Lima"}
        assert copy.codings() == [] and [c.name for c in copy.coders()] == ["luis"]


def test_merge_brings_codings_home_and_is_idempotent(study, tmp_path):
    with copy_for_coder(study, "luis", tmp_path / "luis.qda") as copy:
        copy.add_coding("d1", "A > A1", 0, 4, "luis")
        copy.add_code("C only luis has", "B")
        copy.add_coding("d2", "B > C only luis has", 0, 6, "luis", memo="why")
        copy.set_memo("document", "d2", "a note", "luis")
        copy.set_done("d2", "luis")
    (first,) = merge(study, [tmp_path / "luis.qda"])
    assert first.codings_added == {"luis": 2}
    assert first.codes_added == ["B > C only luis has"]
    assert first.documents_matched == 2 and not first.documents_added
    assert study.memo("document", "d2", "luis") == "a note"
    assert "d2" in {study.document(i).name for i in study.done_documents("luis")}
    before = (len(study.codings()), len(study.codebook), len(study.memos()), study.history().shape[0] - 1)
    (second,) = merge(study, [tmp_path / "luis.qda"])
    assert second.nothing_new and second.codings_present == 2
    assert (len(study.codings()), len(study.codebook), len(study.memos())) == before[:3]
    # codings keep their ids and coders
    with qda.open_project(tmp_path / "luis.qda") as copy:
        assert {c.id for c in copy.codings()} <= {c.id for c in study.codings()}


def test_codes_only_the_project_has_are_kept(study, tmp_path):
    with copy_for_coder(study, "luis", tmp_path / "luis.qda"):
        pass
    study.add_code("D only the study has")
    merge(study, [tmp_path / "luis.qda"])
    assert "D only the study has" in study.codebook.paths.values()


def test_same_name_different_text_is_reported_not_matched(study, tmp_path):
    with make_project(tmp_path / "other.qda", {"d1": ["A corrected text."]}, ["A"]) as other:
        other.add_coding("d1", "A", 0, 5, "luis")
    (report,) = merge(study, [tmp_path / "other.qda"])
    assert report.documents_renamed == [("d1", "d1 (from other)")]
    assert study.document("d1").text == "One.\nTwo.\n"
    moved = study.codings(coder="luis")
    assert [study.document(c.document_id).name for c in moved] == ["d1 (from other)"]
    assert any("different text named 'd1'" in line for line in report.lines())


def test_nothing_is_overwritten(study, tmp_path):
    study.set_memo("code", "A", "the study's memo", "luis")
    with copy_for_coder(study, "luis", tmp_path / "luis.qda") as copy:
        copy.set_memo("code", "A", "luis changed it", "luis")
        copy.update_code("A", definition="a new definition")
        coding = copy.add_coding("d1", "B", 0, 4, "luis")
    study_before = {c.id: c for c in study.codings()}
    (report,) = merge(study, [tmp_path / "luis.qda"])
    assert study.memo("code", "A", "luis") == "the study's memo"
    assert report.memos_kept and study.code("A").definition == ""
    after = {c.id: c for c in study.codings()}
    assert all(after[i] == c for i, c in study_before.items())
    assert coding.id in after


def test_a_failed_merge_changes_nothing(study, tmp_path, monkeypatch):
    with copy_for_coder(study, "luis", tmp_path / "luis.qda") as copy:
        copy.add_coding("d1", "B", 0, 4, "luis")
        copy.add_code("New")
    import qda.store.merge as module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(module, "insert_records", broken)
    with pytest.raises(RuntimeError):
        merge(study, [tmp_path / "luis.qda"])
    assert "New" not in study.codebook.paths.values() and not study.codings(coder="luis")
