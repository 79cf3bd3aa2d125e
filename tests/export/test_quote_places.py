"""The two ways ``qda.store.passages`` places passages give the same quotes: a few passages looked up
one by one through the indexes (a ``VALUES`` list), many read with their documents' codings and
units (binary search; numpy's for the numbers), on both engines.

The coded sample's every code is quoted both ways: its passages meet other codings, start in speaker
turns and paragraphs, and one document is a subtitle file (P12, .vtt) whose quotes carry cue times.
"""

from __future__ import annotations

import pytest

import qda
from qda.export.quotes import BASE_COLUMNS, quote_rows
from qda.store import passages


def both_ways(project, monkeypatch, code: str, **options):
    """(quotes looked up passage by passage, quotes read document by document)."""
    monkeypatch.setattr(passages, "MANY", 10 ** 9)
    one_by_one = quote_rows(project, code, context=1, **options)
    monkeypatch.setattr(passages, "MANY", 0)
    monkeypatch.setattr(passages, "AT_ONCE", 0)
    by_document = quote_rows(project, code, context=1, **options)
    return one_by_one, by_document


def test_every_code_quoted_both_ways_alike(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        tops = [code.name for code, depth in project.codebook.walk() if depth == 0]
        one_by_one, by_document = both_ways(project, monkeypatch, tops)
    assert one_by_one.columns == BASE_COLUMNS and len(one_by_one) > 50
    assert by_document.rows == one_by_one.rows
    column = {name: one_by_one.column(name) for name in ("number", "speaker", "paragraph", "time", "codes")}
    # what makes the comparison worth something: passages deep in documents, in turns, in paragraphs, at times
    assert max(column["number"]) > 10 and max(column["paragraph"]) > 5
    assert len(set(column["speaker"]) - {""}) > 3 and any(column["time"])
    assert any(";" in codes for codes in column["codes"])


def test_a_coder_and_a_where_both_ways_alike(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        code = next(code.name for code, depth in project.codebook.walk() if depth == 0)
        coder = project.coders()[0].name
        one_by_one, by_document = both_ways(project, monkeypatch, code, coder=coder)
    assert len(one_by_one) > 5 and by_document.rows == one_by_one.rows


def test_lines_and_texts_are_those_of_the_documents_both_ways(coded_path, monkeypatch):
    """Lines are counted on from the passage before: each quote's line is still the count of line
    breaks before its start, plus one, in its document's text (the plain reference)."""
    with qda.open_project(coded_path) as project:
        texts = {d.name: d.text for d in project.documents()}
        tops = [code.name for code, depth in project.codebook.walk() if depth == 0]
        for rows in both_ways(project, monkeypatch, tops):
            found = list(zip(rows.column("document"), rows.column("start"), rows.column("end"), rows.column("line"),
                             rows.column("text")))
            assert len(found) > 50 and max(line for *_, line, _ in found) > 20
            assert all(line == texts[d].count("\n", 0, start) + 1 and text == texts[d][start:end]
                       for d, start, end, line, text in found)


def test_many_codings_are_keyed_as_arrays_as_few_are_as_tuples(hand_path, monkeypatch):
    """Many chosen codings are read as arrays and keyed, sorted and grouped by numpy; the quotes are those
    of the codings read as tuples: one a (code, passage), codes in their order, a passage coded by two
    coders once with both names in name order, a where and a coder choosing codings, a passage quoted
    under two codes, with and without the subtree."""
    with qda.open_project(hand_path) as project:
        tops = [code.name for code, depth in project.codebook.walk() if depth == 0]
        coders = sorted(coder.name for coder in project.coders())
        for options in ({}, {"where": ["role=police"]}, {"coder": coders[:1]}, {"coder": coders[::-1]},
                        {"subtree": False}, {"attributes": ["role"], "where": ["role=ngo"]}):
            for code in (tops, tops[0], tops[::-1]):
                one_by_one, by_document = both_ways(project, monkeypatch, code, **options)
                assert by_document.rows == one_by_one.rows, (code, options)
        every, _ = both_ways(project, monkeypatch, tops)
    assert any(", " in coders for coders in every.column("coders")) and len(every) >= 10
    passages = list(zip(every.column("document"), every.column("start"), every.column("end")))
    assert len(set(passages)) < len(passages)  # a passage quoted under two codes


def test_speakers_read_a_document_at_once_and_again_by_turn_when_they_do_not_split(coded_path, monkeypatch):
    """Many passages take their speakers from one row a document, joined by the unit separator: a
    speaker holding that character, and a document whose turns table lacks a turn its bounds count,
    are read again one row a turn and get the same speakers as one passage at a time."""
    with qda.open_project(coded_path) as project:
        db = project._db
        coded = db.execute("SELECT DISTINCT t.document_id, t.idx, t.speaker FROM turns t JOIN codings c "
                           "ON c.document_id = t.document_id AND c.start_offset >= t.start_offset "
                           "AND c.start_offset < t.end_offset WHERE t.speaker <> '' "
                           "ORDER BY t.document_id, t.idx").fetchall()  # turns a coded passage starts in
        split, gap = coded[0], next(row for row in coded if row[0] != coded[0][0])
        with project._transaction():
            db.execute("UPDATE turns SET speaker = ? WHERE document_id = ? AND idx = ?",
                       (split[2] + passages.SPEAKERS_APART + "B", split[0], split[1]))
            db.execute("DELETE FROM turns WHERE document_id = ? AND idx = ?", (gap[0], gap[1]))
        tops = [code.name for code, depth in project.codebook.walk() if depth == 0]
        one_by_one, by_document = both_ways(project, monkeypatch, tops)
    assert by_document.rows == one_by_one.rows
    assert split[2] + passages.SPEAKERS_APART + "B" in one_by_one.column("speaker")


def test_speakers_read_all_at_once_and_again_where_a_documents_turns_are_out_of_order(coded_path, monkeypatch):
    """Passages in most documents take every turn's speaker from one row, in the table's order: a document
    whose turns were stored in reverse, and one whose turns were stored again after every other's, get
    the same speakers as one passage at a time (the first read again one row a turn)."""
    with qda.open_project(coded_path) as project:
        db = project._db
        documents = [row[0] for row in db.execute("SELECT DISTINCT document_id FROM turns WHERE speaker <> '' "
                                                  "ORDER BY document_id")]
        with project._transaction():
            for document_id, order in ((documents[0], "DESC"), (documents[1], "ASC")):
                turns = db.execute("SELECT document_id, idx, speaker, start_offset, end_offset FROM turns "
                                   f"WHERE document_id = ? ORDER BY idx {order}", (document_id,)).fetchall()
                db.execute("DELETE FROM turns WHERE document_id = ?", (document_id,))
                db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?)", turns)
        read = []
        at_once = passages._speakers_at_once
        monkeypatch.setattr(passages, "_speakers_at_once", lambda db: read.append(at_once(db)) or read[-1])
        tops = [code.name for code, depth in project.codebook.walk() if depth == 0]
        one_by_one, by_document = both_ways(project, monkeypatch, tops)
    assert by_document.rows == one_by_one.rows
    assert len(read) == 1 and read[0][documents[0]] is None and read[0][documents[1]] is not None
    assert sum(names is not None for names in read[0].values()) > 5


@pytest.mark.file_only  # another connection to the same file writes while the quotes are read
@pytest.mark.parametrize("many", [False, True])
def test_quotes_are_read_at_one_moment_whatever_is_committed_meanwhile(coded_path, monkeypatch, many):
    """The quotes' numbers, codes met and places are read at one moment (one read transaction), also
    when the places are read in a second thread: a speaker renamed by another connection after the
    first read and before the places are read is not seen."""
    from qda.export import quotes as quotes_module

    if many:
        monkeypatch.setattr(passages, "MANY", 0)
        monkeypatch.setattr(passages, "AT_ONCE", 0)
    real_locate = quotes_module.locate

    def renamed_meanwhile(*args, **kwargs):
        with qda.open_project(coded_path) as other, other._transaction():
            other._db.execute("UPDATE turns SET speaker = 'RENAMED MEANWHILE'")
        return real_locate(*args, **kwargs)

    monkeypatch.setattr(quotes_module, "locate", renamed_meanwhile)
    with qda.open_project(coded_path) as project:
        tops = [code.name for code, depth in project.codebook.walk() if depth == 0]
        speakers = set(quote_rows(project, tops).column("speaker"))
        assert len(speakers - {""}) > 3 and "RENAMED MEANWHILE" not in speakers
        assert set(quote_rows(project, tops).column("speaker")) - {""} == {"RENAMED MEANWHILE"}  # the next listing sees it
