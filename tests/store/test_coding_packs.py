"""Each document's codings packed in one row (schema 9, qda.store.coding_packs) are exactly the codings table's,
after every path a coding takes into, through or out of a project file (added, removed, undone and redone,
recoded, resized, merged, deleted with its code or document, imported in bulk, copied for a coder and merged
back, pulled from a server, migrated); a pack that a write left unpacked is never read, and what reads every
coding (co-occurrence, frequencies, quotes) answers the same from the packs as from the table."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.analysis import cooccurrence, frequencies
from qda.export.quotes import quotes
from qda.store import actions, coding_packs
from qda.store.merge import copy_for_coder, merge
from qda.store.queries import insert_codings_unlogged
from qda.store.schema import SCHEMA_VERSION
from qda.store.transfer import pull, push
from rewind import before_coding_packs


def ids(project, table: str) -> list[str]:
    return [row[0] for row in project._db.execute(f"SELECT id FROM {table} ORDER BY id")]


def packed(project) -> list[tuple]:
    """Every coding as the packs give it: (document id, code id, coder id, start, end, start_word, end_word), sorted."""
    documents, codes, coders = ids(project, "documents"), ids(project, "codes"), ids(project, "coders")
    read = coding_packs.packed_codings(project._db, documents, codes, coders)
    assert read is not None, "the packs could not be read"
    document, code, coder, *numbers = (column.tolist() for column in read)
    return sorted(zip([documents[i] for i in document], [codes[i] for i in code], [coders[i] for i in coder], *numbers))


def table(project) -> list[tuple]:
    return sorted(project._db.execute("SELECT document_id, code_id, coder_id, start_offset, end_offset, start_word, "
                                      "end_word FROM codings").fetchall())


def assert_packed(project, at_least: int = 1) -> None:
    rows = table(project)
    assert packed(project) == rows and len(rows) >= at_least
    unpacked = project._db.execute("SELECT COUNT(*) FROM coding_packs WHERE codings IS NULL").fetchone()[0]
    strays = project._db.execute("SELECT COUNT(*) FROM coding_packs WHERE document_id NOT IN "
                                 "(SELECT document_id FROM codings)").fetchone()[0]
    journal = project._db.execute("SELECT COUNT(*) FROM coding_pack_changes").fetchone()[0]
    assert (unpacked, strays, journal) == (0, 0, 0)


@pytest.mark.file_only
def test_added_removed_undone_redone_and_recoded_codings_are_packed(hand):
    assert_packed(hand, 11)
    document = hand.documents()[0]
    codes = hand.codebook.codes
    added = hand.add_coding(document.name, codes[0].id, 0, 12, coder="ana")
    hand.add_codings([(document.name, codes[1].id, 3, 9), (hand.documents()[1].name, codes[1].id, 1, 3)], coder="ben")
    assert_packed(hand, 14)
    hand.recode(added, codes[2].id, "ana")
    assert_packed(hand, 14)
    hand.remove_coding(added, "ana")
    assert_packed(hand, 13)
    for verb, coder in (("undo", "ana"), ("undo", "ana"), ("redo", "ana"), ("undo", "ben"), ("redo", "ben")):
        getattr(hand, verb)(coder)
        assert_packed(hand, 12)


@pytest.mark.file_only
def test_a_span_changed_by_an_action_is_packed_with_its_new_place(hand):
    coding_id, start = hand._db.execute("SELECT id, start_offset FROM codings ORDER BY end_offset - start_offset DESC "
                                        "LIMIT 1").fetchone()
    with hand._transaction():
        actions.record(hand._db, hand._coder_id("ana"), "resize", "narrow a coding",
                       [actions.update("codings", {"id": coding_id}, {"start_offset": start}, {"start_offset": start + 5})])
    assert_packed(hand)
    assert any(row[3] == start + 5 for row in packed(hand))
    hand.undo("ana")
    assert_packed(hand)


@pytest.mark.file_only
def test_merged_and_deleted_codes_and_a_deleted_document_leave_their_packs_exact(coded_path):
    with qda.open_project(coded_path) as project:
        codes = [code for code in project.codebook.codes if not project.codebook.children(code.id)]
        project.merge_codes(codes[0].id, codes[1].id, coder="ana")
        assert_packed(project, 100)
        project.delete_code(codes[2].id, coder="ana")
        assert_packed(project, 100)
        gone = project.documents()[0]
        with project._transaction():
            project._db.execute("DELETE FROM codings WHERE document_id = ?", (gone.id,))
            project._db.execute("DELETE FROM documents WHERE id = ?", (gone.id,))
        assert_packed(project, 50)
        assert gone.id not in [row[0] for row in project._db.execute("SELECT document_id FROM coding_packs")]


@pytest.mark.file_only
@pytest.mark.parametrize("searches", [coding_packs.SEARCHES, 0])  # the journal taken in, or the table read again
def test_codings_inserted_changed_and_deleted_in_one_transaction_are_packed(hand, monkeypatch, searches):
    monkeypatch.setattr(coding_packs, "SEARCHES", searches)
    db = hand._db
    first, second, third = db.execute("SELECT id FROM codings ORDER BY rowid LIMIT 3").fetchall()
    with hand._transaction():
        for n in range(3):  # copies of the first coding, one then changed, one then deleted, one left
            db.execute("INSERT INTO codings (id, document_id, code_id, coder_id, start_offset, end_offset, created, "
                       "memo, start_word, end_word) SELECT ?, document_id, code_id, coder_id, start_offset, end_offset, "
                       "created, memo, start_word, end_word FROM codings WHERE id = ?", (f"copy-{n}", first[0]))
        db.execute("UPDATE codings SET end_offset = end_offset + 2, end_word = end_word + 1 WHERE id = 'copy-0'")
        db.execute("DELETE FROM codings WHERE id IN ('copy-1', ?)", second)
        db.execute("UPDATE codings SET code_id = (SELECT MIN(id) FROM codes WHERE id <> codings.code_id) WHERE id = ?",
                   third)
        db.execute("UPDATE codings SET memo = 'a memo changes no pack' WHERE id = ?", first)
    assert_packed(hand, 12)
    assert table(hand).count(next(row for row in table(hand) if row[3:5] == tuple(
        db.execute("SELECT start_offset, end_offset FROM codings WHERE id = ?", first).fetchone()))) >= 2


@pytest.mark.file_only
def test_a_pack_that_does_not_hold_a_coding_taken_away_is_made_again_from_the_table(hand, monkeypatch):
    db = hand._db
    document_id = db.execute("SELECT document_id FROM codings ORDER BY rowid LIMIT 1").fetchone()[0]
    repacked, repack = [], coding_packs._repack
    monkeypatch.setattr(coding_packs, "_repack", lambda db, np, documents, *rest: repacked.extend(documents) or
                        repack(db, np, documents, *rest))
    with hand._transaction():  # the journal says a coding the pack never held was taken away
        db.execute("INSERT INTO coding_pack_changes SELECT document_id, -1, code_id, coder_id, start_offset + 1, "
                   "end_offset, start_word, end_word FROM codings WHERE document_id = ? LIMIT 1", (document_id,))
    assert repacked == [document_id]
    assert_packed(hand, 11)


@pytest.mark.file_only
@pytest.mark.parametrize("unjournalled_from", [10 ** 9, 1])  # merged through the journal, or packed from the table
def test_bulk_loaded_merged_and_copied_codings_are_packed(hand, tmp_path, monkeypatch, unjournalled_from):
    from qda.store import records

    monkeypatch.setattr(records, "UNJOURNALLED_FROM", unjournalled_from)
    documents, code_id, coder_id = hand.documents(), hand.codebook.codes[0].id, hand._coder_id("ana")
    rows = [(f"bulk-{d}-{i}", document.id, code_id, coder_id, i, i + 7 + d, "2025-01-01T00:00:00Z", "")
            for d, document in enumerate(documents) for i in range(0, max(len(document.text) - 9, 0), 3)]
    insert_codings_unlogged(hand, rows)
    assert_packed(hand, 11 + len(rows))
    copy_for_coder(hand, "carla", tmp_path / "carla.qda").close()
    with qda.open_project(tmp_path / "carla.qda") as copy:
        document = copy.documents()[1]
        copy.add_coding(document.name, copy.codebook.codes[-1].id, 0, len(document.text), coder="carla")
        assert_packed(copy, 1)
    merge(hand, [tmp_path / "carla.qda"])
    assert_packed(hand, 12 + len(rows))


@pytest.mark.file_only  # pushes the file to a server of its own
def test_a_server_holds_no_packs_and_a_pulled_file_is_packed(coded_path, server_url, tmp_path):
    push(coded_path, server_url)
    with qda.open_project(server_url) as project:
        assert project._db.execute("SELECT to_regclass('coding_packs')").fetchone()[0] is None
        assert coding_packs.packed_codings(project._db, ["d"], ["c"], ["r"]) is None
    pull(server_url, tmp_path / "back.qda")
    with qda.open_project(tmp_path / "back.qda") as project:
        assert_packed(project, 100)


def every_reading(project) -> tuple:
    leaf = max(project.codebook.codes, key=lambda code: len(project.codebook.paths[code.id]))
    return (frequencies(project, by="document"), frequencies(project, by="coder", rollup=True),
            cooccurrence(project, unit="overlap"), cooccurrence(project, unit="sentence"),
            quotes(project, project.codebook.paths[leaf.id]))


def assert_same_readings(one: tuple, other: tuple) -> None:
    for this, that in zip(one, other):
        assert this.reset_index(drop=True).equals(that.reset_index(drop=True))


def raw(path, *statements: tuple) -> None:
    """Statements run on the file outside qda's transactions: a write that does not pack."""
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(*statement)
    db.close()


def readable(project) -> bool:
    return coding_packs.packed_codings(project._db, ids(project, "documents"), ids(project, "codes"),
                                       ids(project, "coders")) is not None


@pytest.mark.file_only
def test_every_reading_answers_alike_from_the_packs_and_from_the_table(coded_path, monkeypatch):
    from qda.store import passages

    from qda.analysis import tally
    from qda.store import coded_spans, passage_codings

    monkeypatch.setattr(tally, "MANY", 0)  # frequencies count codings as arrays
    monkeypatch.setattr(passages, "MANY", 1)  # quotes read their documents' codings whole, from the packs
    monkeypatch.setattr(passages, "AT_ONCE", 0)
    read, packed_codings = [], coding_packs.packed_codings

    def spied(*args):
        found = packed_codings(*args)
        read.append(found is not None)
        return found
    for module in (coded_spans, passage_codings):
        monkeypatch.setattr(module, "packed_codings", spied)
    monkeypatch.setattr(coding_packs, "packed_codings", spied)  # as counting finds it
    with qda.open_project(coded_path) as project:
        from_packs = every_reading(project)
        assert readable(project)
    assert read.count(True) == 5  # frequencies twice, co-occurrence once (kept for the second), quotes once
    raw(coded_path, ("UPDATE coding_packs SET codings = NULL WHERE document_id = (SELECT MIN(document_id) "
                     "FROM coding_packs)",))
    with qda.open_project(coded_path) as project:
        assert not readable(project)
        assert_same_readings(every_reading(project), from_packs)


@pytest.mark.file_only
def test_a_pack_left_unpacked_by_a_write_is_not_read(coded_path, monkeypatch):
    from qda.store import passages

    monkeypatch.setattr(passages, "MANY", 1)
    with qda.open_project(coded_path) as project:
        before = every_reading(project)
        coding_id, code_id = project._db.execute("SELECT id, code_id FROM codings ORDER BY rowid LIMIT 1").fetchone()
    raw(coded_path, ("UPDATE codings SET code_id = (SELECT MIN(id) FROM codes WHERE id <> ?) WHERE id = ?",
                     (code_id, coding_id)))  # a recoding the packs do not hold yet
    with qda.open_project(coded_path) as project:
        assert not readable(project)
        changed = every_reading(project)
        with project._transaction():
            project._db.execute("UPDATE codings SET code_id = ? WHERE id = ?", (code_id, coding_id))
        assert_packed(project, 100)
        assert_same_readings(every_reading(project), before)
    assert not all(this.equals(that) for this, that in zip(changed, before))  # the recoding was read, not the pack


@pytest.mark.file_only
def test_the_migration_from_version_8_packs_every_document(coded_path):
    with qda.open_project(coded_path) as project:
        before = every_reading(project)
        rows = table(project)
        with project._transaction():
            before_coding_packs(project._db)
            project._db.execute("PRAGMA user_version = 8")
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert packed(project) == rows
        assert_packed(project, 100)
        assert_same_readings(every_reading(project), before)
