"""Document sets and saved queries in the project file: the migration that adds them, undo and redo, copies."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.errors import NotFoundError, QdaError
from qda.store.merge import copy_for_coder
from qda.store.schema import SCHEMA_VERSION
from qda.store.sets import (
    all_sets, change_set, create_set, delete_query, delete_set, document_sets, save_query, saved_queries, saved_query,
    set_document_ids,
)
from rewind import before_coding_words


@pytest.mark.file_only  # rewinds the file itself with sqlite3
def test_a_version_1_project_is_migrated_keeping_its_data(hand_path):
    raw = sqlite3.connect(hand_path)
    before_coding_words(raw)
    raw.executescript("DROP TABLE document_set_members; DROP TABLE document_sets; DROP TABLE saved_queries; "
                      "DROP INDEX codings_code_document_coder; CREATE INDEX codings_code ON codings (code_id); "
                      "DROP INDEX codings_with_memo; DROP INDEX codings_document; "
                      "CREATE INDEX codings_document ON codings (document_id, start_offset); "
                      "PRAGMA user_version = 1;")
    raw.close()
    with qda.open_project(hand_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        assert len(project.codings()) == 11
        create_set(project, "pilot", ["P01_police"])
        assert set_document_ids(project, "pilot") == [project.document_id("P01_police")]


def test_set_actions_undo_and_redo(hand_path):
    with qda.open_project(hand_path) as project:
        create_set(project, "north", ["P01_police", "P03_ngo"], description="site North", coder="ana")
        assert change_set(project, "north", add=["P02_ngo"], remove=["P03_ngo"], coder="ana") == (1, 1)
        names = lambda: [project.document(d).name for d in set_document_ids(project, "north")]  # noqa: E731
        assert names() == ["P01_police", "P02_ngo"]
        project.undo("ana")
        assert names() == ["P01_police", "P03_ngo"]
        delete_set(project, "north", coder="ana")
        assert document_sets(project).empty
        project.undo("ana")
        assert names() == ["P01_police", "P03_ngo"] and document_sets(project)["description"].tolist() == ["site North"]
        project.undo("ana")
        assert document_sets(project).empty
        project.redo("ana")
        assert names() == ["P01_police", "P03_ngo"]


def test_saved_queries_replace_and_undo(hand_path):
    with qda.open_project(hand_path) as project:
        assert save_query(project, "q", "Distrust", coder="ana") is False
        assert save_query(project, "q", "Distrust AND Framing", "the pair", coder="ana") is True
        assert saved_query(project, "q") == "Distrust AND Framing"
        project.undo("ana")
        assert saved_query(project, "q") == "Distrust"
        delete_query(project, "q", coder="ana")
        assert saved_queries(project).empty
        with pytest.raises(NotFoundError, match="no saved query 'q'"):
            saved_query(project, "q")


def test_names_are_checked(hand_path):
    with qda.open_project(hand_path) as project:
        with pytest.raises(QdaError, match="needs a name"):
            create_set(project, "  ")
        create_set(project, "a")
        with pytest.raises(QdaError, match="already exists"):
            create_set(project, "a")
        with pytest.raises(NotFoundError, match=r"no document set 'b'.*sets: a"):
            set_document_ids(project, "b")


def test_a_coders_copy_keeps_the_sets(hand_path, tmp_path):
    with qda.open_project(hand_path) as project:
        create_set(project, "north", ["P01_police", "P03_ngo"])
        with copy_for_coder(project, "ben", tmp_path / "ben.qda") as copy:
            assert all_sets(copy) == all_sets(project)
