"""Esc always returns to the text, and the pane that has the keys always shows it (issue 15, item 4)."""

from __future__ import annotations

from rich.text import Text

from qda.tui.app import QdaApp

from .coded_sample import burst, codings_of, keys_done, press, run


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


@run
async def test_escape_typed_ahead_of_a_dialog_still_returns_to_the_text(sample_project_path):
    """Esc from the details pane then / in one burst: Textual moves the focus a moment later than
    the key, so a dialog opened by the next key could remember the details pane as the place to
    give the keys back to; once the search is closed, the keys are the transcript's."""
    for size in ((120, 40), (80, 24)):
        app = QdaApp(sample_project_path, "ana")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await press(app, pilot, "i" if size[0] < 110 else "tab")  # narrow: the details in the tree's place
            details = app.query_one("#details")
            details.focus()
            await press(app, pilot)
            assert app.focused is details
            burst(app, ["escape", "slash", *"police", "enter"])
            await keys_done(app, pilot)
            assert len(app.screen_stack) == 1 and app.transcript.hits, size
            assert app.focused is app.transcript, (size, app.focused)


@run
async def test_escape_in_the_code_filter_typed_in_one_burst_with_coding_keys(sample_project_path):
    """Item 4 at machine speed: f, a filter, Esc and s 2 sent at once code the next sentence with
    key 2 and leave the filter empty; nothing is typed into the box."""
    for size in ((120, 40), (80, 24)):
        app = QdaApp(sample_project_path, "ana")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            before = codings_of(sample_project_path)
            burst(app, ["f", "p", "o", "escape", "s", "2"])
            await keys_done(app, pilot)
            assert app.focused is app.transcript, size
            assert app.query_one("#code-filter").value == ""
            added = codings_of(sample_project_path) - before
            assert {code for code, _, _ in added} == {app.quick["2"]}, size
