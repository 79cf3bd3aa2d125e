"""The transcript's rows (qda.navigation.Layout) in terminal columns: no row wider than the pane,
no wide character or emoji family cut across rows, every offset in one row, a click on either
column of a wide character giving that character, and rows of plain Latin text exactly as a
character count wraps them (the rows every transcript had before, kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from qda.cells import clusters, visible
from qda.navigation import Layout

SAMPLE = sorted((Path(__file__).parent.parent / "transcripts_sample").glob("*.txt"))
FAMILY = "👨\u200d👩\u200d👧"
CJK = "我们村子里的老人都说要先去找家人再去派出所报案才行可是没有人愿意陪她去一直等到第二天" * 2


def widths(layout: Layout) -> list[int]:
    return [cell_len(layout.display[row.start:row.end]) for row in layout.rows]


def check_rows(text: str, width: int, turns=(), gutter: int = 0) -> Layout:
    """Every invariant of a layout, for any text."""
    layout = Layout(text, width, turns, gutter)
    assert max(widths(layout)) <= layout.width
    shown: list[int] = []
    for index, row in enumerate(layout.rows):
        line_start = text.rfind("\n", 0, row.start) + 1
        line_end = len(text) if text.find("\n", row.start) < 0 else text.find("\n", row.start)
        bounds = {start for start, _, _ in clusters(layout.display, line_start, line_end)} | {line_end}
        assert row.start in bounds and row.end in bounds, (row, text)  # never inside a cluster
        shown += range(row.start, row.end)
        for offset in range(row.start, row.end):
            assert layout.row_of(offset) == index
    assert len(shown) == len(set(shown))  # each offset in one row at most
    labels = {o for t in turns for o in range(t[0], Layout(text, width, [t], gutter).rows[0].start)} if gutter else set()
    assert set(range(len(text))) - set(shown) <= {i for i, c in enumerate(text) if c == "\n"} | labels
    return layout


def check_columns(layout: Layout) -> None:
    """A click on any column of a row gives the character drawn there; its column gives it back."""
    for index, row in enumerate(layout.rows):
        drawn = layout.display[row.start:row.end]
        for column in range(layout.width + 2):
            offset = layout.offset_at(index, column)
            assert row.start <= offset <= row.end
            if offset < row.end:
                left = cell_len(layout.display[row.start:offset])  # where the character is drawn (rich)
                size = next(size for start, _, size in clusters(layout.display, row.start, row.end) if start == offset)
                assert left <= column < left + size or (size == 0 and column == left)
                assert layout.column_of(offset) == left
            else:
                assert column >= cell_len(drawn) - (cell_len(drawn[-1:]) if drawn else 0)
        for start, _, _ in clusters(layout.display, row.start, row.end):
            if row.start < start or index == layout.row_of(start):
                assert layout.offset_at(index, layout.column_of(start)) == start or \
                    cell_len(layout.display[start:start + 1]) == 0


def test_a_long_cjk_line_wraps_at_the_pane_s_width():
    layout = check_rows(CJK, 20)
    assert widths(layout)[:-1] == [20] * (len(layout) - 1)  # ten characters, twenty columns a row
    assert "".join(layout.display[r.start:r.end] for r in layout.rows) == CJK
    check_columns(layout)


def test_either_column_of_a_wide_character_gives_that_character():
    layout = Layout("ab 日本 familia", 40)
    assert [layout.offset_at(0, column) for column in range(9)] == [0, 1, 2, 3, 3, 4, 4, 5, 6]
    assert layout.column_of(4) == 5 and layout.column_of(6) == 8


def test_an_emoji_family_or_a_letter_and_its_marks_stay_whole():
    text = ("x" * 7 + FAMILY) * 4 + " n\u0331a\u0331 q\u0307ue\u0301" * 3
    for width in range(8, 14):
        check_columns(check_rows(text, width))
    layout = Layout("ab" + FAMILY + "c", 40)
    assert [layout.offset_at(0, c) for c in range(5)] == [0, 1, 2, 2, 7]  # the family's two columns: its start
    assert layout.column_of(4) == 2  # an offset inside the family is drawn where it starts


def test_words_wrap_at_spaces_in_columns():
    layout = check_rows("警察 的 对应 和 不信任 " * 6, 12)
    for row in layout.rows[:-1]:
        assert layout.display[row.end - 1] == " "  # a word is never cut where a space was in reach


def test_speaker_labels_go_to_the_gutter_or_stay_inline():
    text = "林家女儿: 我们村子里的老人都说要先去找家人\nMODERADORA: ¿Y su hermana? 👍🏽\n"
    turns = [(0, 23, "林家女儿"), (24, 54, "MODERADORA")]
    gutter = check_rows(text, 10, turns, gutter=12)
    assert gutter.rows[0].start == 6 and gutter.rows[0].label == "林家女儿"
    inline = check_rows(text, 10, turns, gutter=0)
    assert inline.rows[0].start == 0 and inline.rows[0].label_end == 6
    check_columns(gutter)
    check_columns(inline)


def test_control_characters_are_drawn_as_spaces():
    layout = check_rows("a\tb\x1bc 日本\x85", 20)
    assert layout.display == "a b c 日本 " and layout.column_of(7) == 8


def reference_rows(text: str, width: int) -> list[tuple[int, int]]:
    """A line of one column a character wrapped by counting characters: after the last space
    within the width (the space kept on the row), else where the row is full."""
    rows, position = [], 0
    for line in text.split("\n"):
        end = position + len(line)
        if position == end:
            rows.append((position, position))
        while position < end:
            stop = end if end - position <= width else next(
                (i + 1 for i in range(position + width - 1, position, -1) if text[i] == " "), position + width)
            rows.append((position, stop))
            position = stop
        position = end + 1
    return rows


@pytest.mark.parametrize("path", SAMPLE, ids=[p.stem for p in SAMPLE])
def test_the_sample_s_latin_rows_are_those_of_a_character_count(path):
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    for width in (8, 37, 61, 80, 117):
        assert [(r.start, r.end) for r in Layout(text, width).rows] == reference_rows(text, width)


PIECES = ["a", "bc", "familia", " ", " ", "日", "本語", "\u200d", "\ufe0f", "\u0301", "\u0331", "\u200f", FAMILY,
          "👍🏽", "❤\ufe0f", "क्ष", "ि", "ب\u064f", "ש\u05b8", "🇵🇪", "\t", "\x1b", "\u0378", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join), st.integers(8, 30))
def test_any_mixed_text_lays_out_within_the_pane(text, width):
    layout = check_rows(text, width)
    check_columns(layout)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([p for p in PIECES if p.isascii() and p not in "\t\x1b"]), max_size=80).map("".join),
       st.integers(8, 30))
def test_plain_latin_rows_are_those_of_a_character_count(text, width):
    assert [(r.start, r.end) for r in Layout(text, width).rows] == reference_rows(text, width)


def test_display_keeps_offsets():
    text = "x\ty" + FAMILY
    assert len(visible(text)) == len(text)


def test_each_chinese_or_japanese_character_is_a_word_for_moving_and_snapping():
    from qda.navigation import Words

    text = "林家女儿: 我们去了派出所，警察说ですね familia 二〇二三"
    words = Words(text, skip=[(0, 6)])  # the speaker's label, drawn in the gutter
    shown = [text[s:e] for s, e in zip(words.starts, words.ends)]
    assert shown[:6] == ["我", "们", "去", "了", "派", "出"] and "familia" in shown and "ですね" not in shown
    start = text.index("派出所")
    assert words.snap(start, start + 3) == (start, start + 3)  # not the whole sentence
    assert words.snap(start + 1, start + 2) == (start + 1, start + 2)
    latin = "la familia, y la madre"
    assert Words(latin).snap(4, 8) == (3, 10)  # Latin words as before: whole words
