"""The pure logic behind the coding UI: words, units, search, widening, layout."""

import pytest

from qda.errors import QdaError
from qda.navigation import (Layout, Words, compile_query, find_hits, next_hit, next_unit, parse_position,
                            previous_unit, unit_at, units_covering, widen)

TEXT = "ANA: Hello there. I went to the police.\n\nBEA: “They” laughed at me!"


def test_words_move_and_snap():
    words = Words(TEXT)
    assert TEXT[words.next_start(0):].startswith("Hello")
    assert words.previous_start(TEXT.index("there")) == TEXT.index("Hello")
    start = TEXT.index("ello")
    assert TEXT[slice(*words.snap(start, start + 7))] == "Hello there"
    assert TEXT[slice(*words.snap(start, start + 11))] == "Hello there."
    they = TEXT.index("They")
    assert TEXT[slice(*words.snap(they - 2, they + 2))] == "“They"
    assert words.snap(4, 5) == (4, 4)  # only a space: nothing
    assert words.end_after(TEXT.index("Hello")) == TEXT.index("Hello") + 5


def test_words_skip_labels():
    words = Words(TEXT, skip=[(0, 5)])
    assert words.next_start(0) == TEXT.index("Hello")
    assert words.starts[0] == TEXT.index("Hello")


def test_units():
    spans = [(5, 17), (18, 39), (46, 68)]
    assert unit_at(spans, 6) == (5, 17)
    assert unit_at(spans, 40) == (46, 68)  # between units: the next
    assert next_unit(spans, 5) == (18, 39)
    assert previous_unit(spans, 18) == (5, 17)
    assert previous_unit(spans, 5) is None
    assert units_covering(spans, 10, 20) == (5, 39)


def test_search_and_widen():
    assert find_hits(TEXT, "the police") == [(TEXT.index("the police"), TEXT.index("the police") + 10)]
    assert find_hits(TEXT, "he") == []  # whole words only
    assert len(find_hits(TEXT, r"\b[A-Z]{3}\b", regex=True, case=True)) == 2
    with pytest.raises(QdaError):
        compile_query("(", regex=True)
    with pytest.raises(QdaError):
        compile_query("  ")
    spans = [(5, 17), (18, 39)]
    hits = find_hits(TEXT, "police") + find_hits(TEXT, "went")
    assert widen(hits, spans) == [(18, 39)]  # two hits in one sentence: one span
    assert widen(hits, None) == hits
    assert next_hit([(1, 2), (5, 6)], 3) == (5, 6)
    assert next_hit([(1, 2), (5, 6)], 6) == (1, 2)  # wraps
    assert next_hit([(1, 2), (5, 6)], 1, backwards=True) == (5, 6)


def test_parse_position():
    assert parse_position("50%", 200) == 100
    assert parse_position("t2", 200, [(0, 10), (12, 30)]) == 12
    assert parse_position("9999", 200) == 199
    with pytest.raises(QdaError):
        parse_position("t9", 200, [(0, 10)])
    with pytest.raises(QdaError):
        parse_position("soon", 200)


def test_layout_wraps_and_sets_labels_apart():
    turns = [(0, 39, "ANA"), (41, len(TEXT), "BEA")]
    layout = Layout(TEXT, 20, turns, gutter=6)
    rows = layout.rows
    assert rows[0].label == "ANA" and TEXT[rows[0].start:].startswith("Hello")
    assert all(row.end - row.start <= 20 for row in rows)
    # every character outside the gutter labels is on exactly one row
    shown = "".join(TEXT[r.start:r.end] for r in rows)
    assert shown.replace(" ", "") == TEXT.replace("ANA: ", "").replace("BEA: ", "").replace("\n", "").replace(" ", "")
    offset = TEXT.index("police")
    row = layout.row_of(offset)
    assert rows[row].start <= offset < rows[row].end
    assert layout.offset_at(row, layout.column_of(offset)) == offset
    inline = Layout(TEXT, 20, turns, gutter=0)
    assert inline.rows[0].label_end == 5 and inline.rows[0].start == 0


def test_layout_of_a_large_text():
    """Its speed is benchmarks/tui_latency.py's "open" figure; a test here must not time it
    (a machine shared by many jobs fails any wall-clock bound)."""
    text = ("INT: " + "word " * 60 + "\n\n") * 3000
    layout = Layout(text, 80, [(i * 307, i * 307 + 305, "INT") for i in range(3000)], gutter=8)
    assert len(layout) > 9000
    assert all(row.end - row.start <= 80 for row in layout.rows)
