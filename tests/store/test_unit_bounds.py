"""Where units begin and end, stored as arrays beside each document (schema 6), equals the unit tables
(sentences, paragraphs, turns) on every path a document takes into a project: import, a REFI-QDA
project, a merge, a copy for a coder, push and pull, and the migration of a schema-5 project."""

from __future__ import annotations

import sqlite3

import pytest

import qda
from qda.export.refi import import_qdpx, write_qdpx
from qda.ingest.parsed import ParsedDocument
from qda.model import Span, Turn
from qda.store.merge import copy_for_coder, merge
from qda.store.schema import SCHEMA_VERSION
from qda.store.transfer import pull, push
from qda.store.units import UNITS, bounds_blob, laid_bounds, unit_arrays, unpack_bounds
from qda.text import sha256
from rewind import before_coding_words


def from_tables(project) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """{(document name, unit): [(start, end), ...] in idx order} read from the unit tables row by row."""
    names = dict(project._db.execute("SELECT id, name FROM documents").fetchall())
    found = {(name, unit): [] for name in names.values() for unit in UNITS}
    for unit, table in UNITS.items():
        for document_id, start, end in project._db.execute(
                f"SELECT document_id, start_offset, end_offset FROM {table} ORDER BY document_id, idx"):
            found[(names[document_id], unit)].append((start, end))
    return found


def stored(project) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """The same from the stored arrays."""
    rows = project._db.execute("SELECT d.name, b.unit, b.bounds FROM unit_bounds b JOIN documents d ON d.id = b.document_id")
    found = {}
    for name, unit, blob in rows:
        starts, ends = unpack_bounds(blob)
        found[(name, unit)] = list(zip(starts.tolist(), ends.tolist()))
    return found


def agrees(project) -> int:
    """Assert the arrays equal the tables for every document and unit; returns how many units there are."""
    tables = from_tables(project)
    assert stored(project) == tables
    return sum(len(spans) for spans in tables.values())


def document(name: str, text: str, turns=(), sentences=(), paragraphs=()) -> ParsedDocument:
    return ParsedDocument(name=name, text=text, sha256=sha256(text), words=len(text.split()), language="es",
                          source=f"{name}.txt", turns=list(turns), sentences=list(sentences),
                          paragraphs=list(paragraphs), attributes={})


# Shapes a document's units take: no speaker turns (a memo-like text), an empty text (no units at all),
# turns whose order by index is not their order by start (REFI-QDA selections, a hand-made import),
# a unit ending at the last character, emoji (a code point: offsets count code points, not bytes).
SHAPES = [
    document("sin_turnos", "Una frase. Otra frase.", sentences=[Span(0, 10), Span(11, 22)], paragraphs=[Span(0, 22)]),
    document("vacio", ""),
    document("desordenado", "ANA: hola.\n\nLUIS: chau 🙂.",
             turns=[Turn("LUIS", 12, 25), Turn("ANA", 0, 10)], sentences=[Span(5, 10), Span(18, 25)],
             paragraphs=[Span(0, 10), Span(12, 25)]),
]


def test_an_imported_documents_bounds_are_its_units(hand):
    hand.add_documents(SHAPES)
    assert agrees(hand) > 10
    found = stored(hand)
    assert found[("desordenado", "turn")] == [(12, 25), (0, 10)]  # idx order, as the table
    assert found[("vacio", "sentence")] == [] and found[("sin_turnos", "turn")] == []


def test_the_arrays_read_at_once_are_each_documents_units(coded_path):
    with qda.open_project(coded_path) as project:
        tables = from_tables(project)
        names = dict(project._db.execute("SELECT id, name FROM documents").fetchall())
        for unit in UNITS:
            ids, counts, starts, ends = unit_arrays(project._db, unit)
            assert sorted(ids) == sorted(names) and counts.sum() == len(starts) == len(ends)
            first = 0
            for document_id, count in zip(ids, counts.tolist()):
                spans = list(zip(starts[first:first + count].tolist(), ends[first:first + count].tolist()))
                assert spans == tables[(names[document_id], unit)]
                first += count


def test_a_removed_documents_bounds_go_with_it(hand):
    """ON DELETE CASCADE: no bounds outlive their document (on both engines)."""
    (document_id,) = hand.add_documents(SHAPES[:1])
    with hand._transaction():
        hand._db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    assert hand._db.execute("SELECT COUNT(*) FROM unit_bounds WHERE document_id = ?", (document_id,)).fetchone()[0] == 0


def test_a_refi_project_and_a_merge_bring_the_bounds_of_their_documents(coded_path, tmp_path):
    with qda.open_project(coded_path) as project:
        write_qdpx(project, tmp_path / "sample.qdpx")
        before = agrees(project)
    imported, _report = import_qdpx(tmp_path / "sample.qdpx", tmp_path / "imported.qda")
    with imported:
        assert agrees(imported) > 0
    with qda.create_project(tmp_path / "other.qda") as other:
        other.add_documents(SHAPES)
    with qda.open_project(coded_path) as project:
        merge(project, [tmp_path / "other.qda"])
        assert agrees(project) > before
        assert stored(project)[("desordenado", "turn")] == [(12, 25), (0, 10)]


def test_a_copy_for_a_coder_keeps_the_bounds(coded_path, tmp_path):
    with qda.open_project(coded_path) as project:
        coder = project.coders()[0].name
        before = stored(project)
        with copy_for_coder(project, coder, tmp_path / "copy.qda") as copy:
            assert stored(copy) == before and agrees(copy) > 0


@pytest.mark.file_only  # pushes the file to a server of its own
def test_push_and_pull_keep_the_bounds(coded_path, server_url, tmp_path):
    with qda.open_project(coded_path) as project:
        project.add_documents(SHAPES)
        before = stored(project)
    push(coded_path, server_url)
    with qda.open_project(server_url) as project:
        assert stored(project) == before and agrees(project) > 0
    pull(server_url, tmp_path / "back.qda")
    with qda.open_project(tmp_path / "back.qda") as project:
        assert stored(project) == before


def test_a_blob_is_little_endian_pairs():
    assert bounds_blob([Span(1, 2), (3, 260)]) == bytes([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 1, 0, 0])
    starts, ends = unpack_bounds(memoryview(bounds_blob([(0, 5), (7, 9)])))  # a server's bytea
    assert starts.tolist() == [0, 7] and ends.tolist() == [5, 9]


def as_version_5(path) -> None:
    with sqlite3.connect(path) as db:
        before_coding_words(db)
        db.execute("DROP TABLE unit_bounds")
        db.execute("PRAGMA user_version = 5")


@pytest.mark.file_only
def test_the_migration_from_version_5_stores_every_documents_bounds(coded_path):
    with qda.open_project(coded_path) as project:
        project.add_documents(SHAPES)
        tables = from_tables(project)
    as_version_5(coded_path)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 6
        assert stored(project) == tables and len(tables) == 3 * 15
        assert stored(project)[("desordenado", "turn")] == [(12, 25), (0, 10)]


@pytest.mark.file_only  # the sample file, pushed to a server of its own
def test_the_migration_on_a_server_stores_every_documents_bounds(coded_path, server_url):
    import psycopg

    push(coded_path, server_url)
    with qda.open_project(server_url) as project:
        tables = from_tables(project)
    with psycopg.connect(str(server_url), autocommit=True) as admin:
        before_coding_words(admin)
        admin.execute("DROP TABLE unit_bounds")
        admin.execute("UPDATE schema_version SET version = 5")
    with qda.open_project(server_url) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert stored(project) == tables and len(tables) == 3 * 12


@pytest.mark.file_only
def test_a_failed_migration_leaves_the_project_at_version_5(coded_path, monkeypatch):
    from qda.store import units

    as_version_5(coded_path)

    def broken(db, progress=None):
        db.execute("INSERT INTO unit_bounds (document_id, unit, bounds) SELECT id, 'turn', X'' FROM documents LIMIT 1")
        raise RuntimeError("stopped half-way")
    monkeypatch.setattr(units, "fill_unit_bounds", broken)
    with pytest.raises(RuntimeError, match="half-way"):
        qda.open_project(coded_path)
    with sqlite3.connect(coded_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 5
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'unit_bounds'").fetchall()


@pytest.mark.file_only
def test_the_migration_tells_its_progress_on_a_terminal(coded_path, monkeypatch, capsys):
    from qda.store import words

    as_version_5(coded_path)
    monkeypatch.setattr(words.sys.stderr, "isatty", lambda: True, raising=False)
    qda.open_project(coded_path).close()
    assert "storing where sentences, paragraphs and turns begin, 12 of 12 documents" in capsys.readouterr().err


@pytest.mark.file_only  # the REFI-QDA project made straight on a server of its own
def test_a_refi_project_made_on_a_server_has_the_bounds_of_its_documents(coded_path, server_url, tmp_path):
    with qda.open_project(coded_path) as project:
        write_qdpx(project, tmp_path / "sample.qdpx")
        tables = from_tables(project)
    imported, _report = import_qdpx(tmp_path / "sample.qdpx", server_url)
    with imported:
        assert imported.on_server and stored(imported) == from_tables(imported) == tables


@pytest.mark.parametrize("damage", [("DELETE FROM unit_bounds WHERE document_id = ?", ()),
                                    ("UPDATE unit_bounds SET bounds = ? WHERE document_id = ?", (bytes(5),))],
                         ids=["a document's bounds gone", "bounds cut short"])
def test_damaged_bounds_are_refused_loudly_never_read_as_no_units(hand, damage):
    from qda.analysis.concordance import concordance
    from qda.errors import ProjectError
    from qda.query import passages

    (document_id,) = [d for d, name in hand.document_names() if name == "P01_police"]
    with hand._transaction():
        hand._db.execute(damage[0], (*damage[1], document_id))
    with pytest.raises(ProjectError, match=r"unit_bounds.*damaged"):
        passages(hand, "Distrust IN SAME SENTENCE")
    with pytest.raises(ProjectError, match=r"unit_bounds.*damaged"):
        concordance(hand, "police")
    every = [d for d, _ in hand.document_names()]
    for asked in ([document_id], every):  # named in the statement, and most of the project's (read whole)
        with pytest.raises(ProjectError, match=r"unit_bounds.*damaged"):
            laid_bounds(hand._db, "turn", asked)


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_laid_bounds_are_each_documents_own_in_the_order_asked(hand, unit):
    """``laid_bounds`` (one blob a document, joined) gives each document's units as the tables hold them,
    in the order the documents are named: a few named in the statement, most read with every other."""
    names = dict(hand.document_names())
    tables = from_tables(hand)
    every = list(names)
    assert len(every) >= 3
    for asked in (every[::-1], every[1:2]):
        counts, starts, ends = laid_bounds(hand._db, unit, asked)
        expected = [pair for document_id in asked for pair in tables[(names[document_id], unit)]]
        assert counts.tolist() == [len(tables[(names[d], unit)]) for d in asked]
        assert list(zip(starts.tolist(), ends.tolist())) == expected
    assert len(laid_bounds(hand._db, unit, every)[1]) > len(every)  # documents of several units each
