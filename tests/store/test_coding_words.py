"""Each coding's span in words (schema 8, qda.store.coding_words) is the count of its document's words that begin
before its start and before its end, as the word pattern finds them, on every path a coding takes into a project
(added, removed and undone, redone, changed by an action, imported in bulk, merged, pushed and pulled, migrated),
on both engines; a coding without them is counted as if it had them, and a damaged file is refused."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.analysis import frequencies
from qda.errors import QdaError
from qda.store import actions
from qda.store.merge import copy_for_coder, merge
from qda.store.queries import insert_codings_unlogged
from qda.store.schema import SCHEMA_VERSION
from qda.store.transfer import pull, push
from qda.text import WORD
from rewind import before_coding_words


def expected_numbers(project) -> dict[str, tuple[int, int]]:
    """Each coding's id -> (words of its document beginning before its start, before its end), by the word pattern."""
    texts = {document.id: document.text for document in project.documents()}
    begins = {document_id: [m.start() for m in WORD.finditer(text)] for document_id, text in texts.items()}
    rows = project._db.execute("SELECT id, document_id, start_offset, end_offset FROM codings").fetchall()
    return {coding_id: (sum(p < start for p in begins[document_id]), sum(p < end for p in begins[document_id]))
            for coding_id, document_id, start, end in rows}


def stored_numbers(project) -> dict[str, tuple[int, int]]:
    return {coding_id: (start_word, end_word) for coding_id, start_word, end_word in
            project._db.execute("SELECT id, start_word, end_word FROM codings").fetchall()}


def assert_numbered(project, at_least: int = 1) -> None:
    stored = stored_numbers(project)
    assert stored == expected_numbers(project) and len(stored) >= at_least
    assert all(end >= start for start, end in stored.values())  # a span inside a word holds no word start
    assert project._db.execute("SELECT COUNT(*) FROM codings WHERE start_word IS NULL OR end_word IS NULL"
                               ).fetchone()[0] == 0


def test_added_removed_undone_and_redone_codings_carry_their_words(hand):
    assert_numbered(hand, 11)
    document = hand.documents()[0]
    text = document.text
    start = text.index("Some women")
    code = next(code for code in hand.codebook.codes if code.name == "Framing")
    added = hand.add_coding(document.name, code.id, start, text.index("back.") + 2, coder="ana")
    hand.add_codings([(document.name, code.id, 3, 9), (document.name, code.id, start + 1, start + 3)], coder="ben")
    assert_numbered(hand, 14)
    hand.remove_coding(added, "ana")
    hand.undo("ana")  # put back from the action log, which holds no word numbers
    assert_numbered(hand, 14)
    hand.undo("ana")
    hand.redo("ana")
    hand.undo("ben")
    hand.redo("ben")
    assert_numbered(hand, 14)


def test_a_span_changed_by_an_action_moves_its_words_with_it(hand):
    coding_id, start, end = hand._db.execute(
        "SELECT id, start_offset, end_offset FROM codings ORDER BY end_offset - start_offset DESC LIMIT 1").fetchone()
    with hand._transaction():
        actions.record(hand._db, hand._coder_id("ana"), "resize", "narrow a coding",
                       [actions.update("codings", {"id": coding_id}, {"start_offset": start}, {"start_offset": start + 5})])
    assert_numbered(hand)
    assert stored_numbers(hand)[coding_id][0] > expected_numbers(hand)[coding_id][0] - 1 >= 0
    hand.undo("ana")
    assert hand._db.execute("SELECT start_offset FROM codings WHERE id = ?", (coding_id,)).fetchone()[0] == start
    assert_numbered(hand)


def test_bulk_loaded_codings_carry_their_words(hand, monkeypatch):
    # a few codings are numbered by bisecting, many with numpy: the same numbers
    from qda.store import coding_words

    documents = hand.documents()
    code_id = hand.codebook.codes[0].id
    coder_id = hand._coder_id("ana")
    rows = [(f"bulk-{d}-{i}", document.id, code_id, coder_id, i, i + 7 + d, "2025-01-01T00:00:00Z", "")
            for d, document in enumerate(documents) for i in range(0, max(len(document.text) - 9, 0), 3)]
    monkeypatch.setattr(coding_words, "ARRAYS_FROM", len(rows) // 2)
    insert_codings_unlogged(hand, rows[:len(rows) // 2])  # with numpy
    insert_codings_unlogged(hand, rows[len(rows) // 2 + 1:][:3])  # by bisecting
    assert_numbered(hand, 11 + len(rows) // 2 + 3)


def test_merged_and_copied_codings_carry_their_words(hand, tmp_path):
    copy_for_coder(hand, "carla", tmp_path / "carla.qda").close()
    with qda.open_project(tmp_path / "carla.qda") as copy:
        document = copy.documents()[1]
        copy.add_coding(document.name, copy.codebook.codes[-1].id, 0, len(document.text), coder="carla")
        assert_numbered(copy, 1)
    merge(hand, [tmp_path / "carla.qda"])
    assert_numbered(hand, 12)


def test_an_exchanged_project_carries_its_codings_words(coded_path, tmp_path):
    from qda.export.refi import import_qdpx
    from qda.export.refi.writer import write_qdpx

    with qda.open_project(coded_path) as project:
        write_qdpx(project, tmp_path / "out.qdpx")
        counted = frequencies(project)
    imported, _ = import_qdpx(tmp_path / "out.qdpx", tmp_path / "back.qda")
    with imported:
        assert_numbered(imported, 100)
        assert frequencies(imported).equals(counted)


@pytest.mark.file_only  # pushes the file to a server of its own
def test_push_and_pull_keep_the_codings_words(coded_path, server_url, tmp_path):
    with qda.open_project(coded_path) as project:
        before = stored_numbers(project)
    push(coded_path, server_url)
    with qda.open_project(server_url) as project:
        assert stored_numbers(project) == before
        assert_numbered(project, 100)
    pull(server_url, tmp_path / "back.qda")
    with qda.open_project(tmp_path / "back.qda") as project:
        assert stored_numbers(project) == before


@pytest.mark.file_only  # SQLite's plan
def test_a_count_reads_the_codings_in_order_from_the_code_index_alone(coded_path):
    with qda.open_project(coded_path) as project:
        plan = " ".join(row[-1] for row in project._db.execute(
            "EXPLAIN QUERY PLAN SELECT code_id, document_id, start_word, end_word FROM codings "
            "ORDER BY code_id, document_id").fetchall())
    assert plan == "SCAN codings USING COVERING INDEX codings_code_document_coder"  # no table, no sort


def as_version_7(project) -> None:
    with project._transaction():
        before_coding_words(project._db)
        project._db.execute("PRAGMA user_version = 7")


def test_the_migration_from_version_7_numbers_every_coding(coded_path):
    with qda.open_project(coded_path) as project:
        counted, by_coder = frequencies(project, by="document"), frequencies(project, by="coder", rollup=True)
        expected = expected_numbers(project)
        as_version_7(project)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert stored_numbers(project) == expected and len(expected) > 100
        assert_numbered(project)
        assert frequencies(project, by="document").equals(counted)
        assert frequencies(project, by="coder", rollup=True).equals(by_coder)


@pytest.mark.file_only
def test_a_failed_migration_leaves_the_project_at_version_7(coded_path, monkeypatch):
    from qda.store import coding_words

    with qda.open_project(coded_path) as project:
        as_version_7(project)

    def broken(db, progress=None):
        db.execute("UPDATE codings SET start_word = 0, end_word = 1")
        raise RuntimeError("stopped half-way")
    monkeypatch.setattr(coding_words, "fill_coding_words", broken)
    with pytest.raises(RuntimeError, match="half-way"):
        qda.open_project(coded_path)
    with sqlite3.connect(coded_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 7
        assert "start_word" not in [row[1] for row in db.execute("PRAGMA table_info(codings)")]
    db.close()


@pytest.mark.parametrize("many", [10**9, 0])  # counted one by one, and with arrays (read row by row then)
@pytest.mark.parametrize("options", [{}, {"by": "document"}, {"by": "coder"}, {"by": "role"}, {"rollup": True},
                                     {"by": "coder", "rollup": True}, {"coder": "ana", "where": "role=police"}])
def test_codings_without_their_words_are_counted_alike(hand, options, many, monkeypatch):
    # a coding written by a path that does not number it (none should) is numbered when read: the same counts
    from qda.analysis import tally

    monkeypatch.setattr(tally, "MANY", many)
    counted = frequencies(hand, **options)
    with hand._transaction():
        hand._db.execute("UPDATE codings SET start_word = NULL WHERE rowid % 2 = 0")
        hand._db.execute("UPDATE codings SET end_word = NULL WHERE rowid % 3 = 0")
    assert hand._db.execute("SELECT COUNT(*) FROM codings WHERE start_word IS NULL OR end_word IS NULL").fetchone()[0] > 3
    assert frequencies(hand, **options).equals(counted)
    assert counted["words"].sum() > 0


def test_a_coding_without_words_in_a_document_without_word_starts_is_refused(hand):
    with hand._transaction():
        hand._db.execute("UPDATE codings SET start_word = NULL")
        hand._db.execute("DELETE FROM word_starts WHERE document_id IN (SELECT document_id FROM codings)")
    with pytest.raises(QdaError, match="no stored word starts; the project file is damaged"):
        frequencies(hand)
