"""Rows of Chinese and Japanese text break as their typesetting does (JIS X 4051's kinsoku, UAX #14's
classes CL/EX/NS and OP): no row of the transcript starts with "。", "、", "」" or a small kana, none
ends with "「" or "（", while every row still fits the pane and every offset stays in one row."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qda.navigation import Layout

from test_layout_columns import check_columns, check_rows

# fictional interview answers, a full stop or comma after nearly every few characters
CHINESE = "我们先去了派出所。警察说、要等到明天「再来」。可是第二天（星期一）也没有人理我们。"
JAPANESE = "交番に行きました。でも、警察官は「明日また来てください」と言いました。ちょっと待ってって。"
MIXED = "她说：“我们去了police站。”然后e\u0301又回家了、一直等到第二天。"  # a combining accent: cut by clusters
NOT_FIRST = set("。、，．：；！？」』）】〕〉》”’ーっゃゅょァィッ")
NOT_LAST = set("「『（【〔〈《“‘")


def broken_rules(layout: Layout) -> list[str]:
    faults = []
    for before, row in zip(layout.rows, layout.rows[1:]):
        if before.end != row.start or row.start == row.end:  # a new line, not a wrapped row
            continue
        if layout.text[row.start] in NOT_FIRST:
            faults.append(f"row starts with {layout.text[row.start]!r}: {layout.text[row.start:row.end]!r}")
        if layout.text[before.end - 1] in NOT_LAST:
            faults.append(f"row ends with {layout.text[before.end - 1]!r}: {layout.text[before.start:before.end]!r}")
    return faults


@pytest.mark.parametrize("text", [CHINESE, JAPANESE, MIXED], ids=["chinese", "japanese", "mixed"])
def test_no_row_starts_with_a_closing_mark_or_ends_with_an_opening_one(text):
    for width in range(8, 41):
        layout = check_rows(text, width)
        check_columns(layout)
        assert broken_rules(layout) == [], width


def test_a_row_short_of_the_full_stop_gives_its_last_character_to_the_next():
    # 8 columns hold four characters: "我们先去" | "了派出所" would leave "。" to start the third row
    rows = [CHINESE[r.start:r.end] for r in Layout(CHINESE, 8).rows]
    assert rows[:3] == ["我们先去", "了派出", "所。警察"]


def test_a_run_of_marks_longer_than_a_row_still_breaks_where_full():
    text = "。" * 30
    layout = check_rows(text, 10)
    assert [r.end - r.start for r in layout.rows] == [5] * 6


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("我们去派出所警察交番にでも") + sorted(NOT_FIRST | NOT_LAST)), min_size=1,
               max_size=60), st.integers(8, 30))
def test_any_text_keeps_every_invariant(text, width):
    check_rows(text, width)
