"""Every pane that wraps text wraps it as the transcript does: no row of the details pane, of the whole
memo under the memo list, of a quote or of a query's passage starts with closing punctuation ("。", "、",
"」") or ends with opening ("「") -- the rule of qda.line_breaks (JIS X 4051 kinsoku).  rich, which wrapped
those panes, cuts a line without spaces where the row is full, so at most widths a row of a Japanese
memo began with "。".  Checked in the real app at 80x24 and 120x40; the interview is fictional."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

import qda
from qda.ingest import import_files
from qda.line_breaks import no_end, no_start
from qda.tui.screens.memos import MemosScreen
from qda.tui.screens.quotes import QuotesScreen
from qda.tui.widgets.details import Details

from .coded_sample import press, settle, until

pytestmark = pytest.mark.timeout(240)

SIZES = [(80, 24), (120, 40)]
ANSWER = "交番に行った。でも、警察官は「明日また来て」と言った。私は待った。次の日も、誰も来なかった。" * 3
MEMO = "彼女は三回も交番に行った。毎回、書類が足りないと言われた。「また来て」と言われた。" * 3


def build(tmp_path):
    transcript = tmp_path / "J01_koban.txt"
    transcript.write_text(f"聞き手: 最初にどこへ行きましたか。\n\n回答者: {ANSWER}\n", encoding="utf-8")
    path = tmp_path / "koban.qda"
    with qda.create_project(path) as project:
        import_files(project, [transcript], language="ja")
        code = project.add_code("警察の対応")
        document = project.documents()[0]
        start = document.text.index(ANSWER)
        project.add_coding(document, code, start, start + len(ANSWER), coder="ana", memo=MEMO)
    return path


def broken(rows: list[str]) -> list[str]:
    """The rows that start with a closing mark or end with an opening one (a wrapped row of CJK text)."""
    faults = []
    for before, row in zip(rows, rows[1:]):
        if row[:1] and no_start(row[0]):
            faults.append(f"starts with {row[0]!r}: {row!r}")
        if before.rstrip()[-1:] and no_end(before.rstrip()[-1]) and row.strip():
            faults.append(f"ends with {before.rstrip()[-1]!r}: {before!r}")
    return faults


def drawn(widget) -> list[str]:
    """The widget's rows as drawn, its border and padding left out."""
    lines = [widget.render_line(y).text for y in range(widget.size.height)]
    return [line.strip() for line in lines]


@pytest.mark.parametrize("size", SIZES)
def test_the_details_pane_and_the_whole_memo_break_rows_as_the_transcript(tmp_path, size, in_app):
    async def check(app, pilot):
        details = app.query_one("#details", Details)
        if details.size.width == 0:
            await press(app, pilot, "i")
            await settle(app, pilot)
        app.transcript.move_to(app.transcript.text.index(ANSWER) + 3)
        await settle(app, pilot)
        rows = details.shown().splitlines()
        assert any("交番" in row for row in rows), rows
        assert all(cell_len(row) <= details.size.width for row in rows)
        assert broken(rows) == []
        app.push_screen(MemosScreen())
        screen = await until(pilot, lambda: isinstance(app.screen, MemosScreen) and app.screen.rows
                             and app.screen, "the memo list")
        await settle(app, pilot)
        rows = drawn(screen.query_one("#memo-whole"))
        assert sum(row.count("。") for row in rows) >= 3, rows
        assert broken(rows) == []

    in_app(build(tmp_path), size, check)


@pytest.mark.parametrize("size", SIZES)
def test_a_quote_breaks_rows_as_the_transcript(tmp_path, size, in_app):
    async def check(app, pilot):
        app.push_screen(QuotesScreen(next(iter(app.codebook.by_id))))
        screen = await until(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.rows
                             and app.screen, "the quotes")
        await settle(app, pilot)
        rows = drawn(screen.options)
        assert sum(row.count("。") for row in rows) >= 3, rows
        assert broken(rows) == []

    in_app(build(tmp_path), size, check)
