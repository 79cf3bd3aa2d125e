"""Esc always returns to the text, and the pane that has the keys always shows it (issue 15, item 4)."""

from __future__ import annotations

from rich.text import Text

import qda
from qda.tui.app import QdaApp

from .coded_sample import press, run


def codings_of(path, coder="ana"):
    with qda.open_project(path) as project:
        return {(c.code_id, c.start, c.end) for c in project.codings(coder=coder)}


@run
async def test_escape_in_the_code_filter_returns_to_the_text_at_both_sizes(sample_project_path):
    for size in ((120, 40), (80, 24)):
        app = QdaApp(sample_project_path, "ana")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            before = codings_of(sample_project_path)
            await press(app, pilot, "f", *"po")
            code_filter = app.query_one("#code-filter")
            assert app.focused is code_filter and code_filter.value == "po"
            await press(app, pilot, "escape", "s", "2")
            await pilot.pause()
            assert app.focused is app.transcript
            assert code_filter.value == ""  # the tree shows the whole codebook again
            added = codings_of(sample_project_path) - before
            assert {code for code, _, _ in added} == {app.quick["2"]}, size


@run
async def test_every_focus_stop_is_visible_and_escape_leaves_it(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        left, details = app.query_one("#left"), app.query_one("#details")
        rest = (left.styles.border_right, details.styles.border_left)
        seen = set()
        for _ in range(4):
            await press(app, pilot, "tab")
            focused = app.focused
            seen.add(focused.id)
            marked = {"details": details.styles.border_left != rest[1],
                      "codes": left.styles.border_right != rest[0],
                      "code-filter": left.styles.border_right != rest[0],
                      "transcript": (left.styles.border_right, details.styles.border_left) == rest}
            assert marked[focused.id], focused.id
        assert seen == {"details", "codes", "code-filter", "transcript"}
        details.focus()
        await pilot.pause()
        await press(app, pilot, "escape")
        assert app.focused is app.transcript


@run
async def test_the_details_pane_scrolls_when_focused(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        details = app.query_one("#details")
        lines = Text("\n".join(f"line {i}" for i in range(80)))
        details.show(lines, Text())
        details.focus()
        await press(app, pilot, "pagedown", "down")
        assert details.top == 11
        assert "line 11" in details.shown().splitlines()[1]
