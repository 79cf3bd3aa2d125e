"""Quick keys act as they reach the app (priority bindings, for speed: benchmarks/tui_latency.py),
but only where they are coding keys: a digit typed into the code filter is text, and the same quick
code run from the command palette still applies.  The details pane, drawn a frame after the coded
text, ends up listing the new coding."""

from __future__ import annotations

from qda.tui.app import QdaApp

from .coded_sample import codings_of, press, run, until


@run
async def test_a_digit_typed_into_the_code_filter_is_text_not_a_coding(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s")
        before = codings_of(sample_project_path)
        await press(app, pilot, "f", "2")
        code_filter = app.query_one("#code-filter")
        assert app.focused is code_filter and code_filter.value == "2"
        assert codings_of(sample_project_path) == before


@run
async def test_a_quick_code_from_the_palette_applies_with_the_filter_focused(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s")
        span = app.transcript.selection
        before = codings_of(sample_project_path)
        await press(app, pilot, "f")
        assert app.focused is app.query_one("#code-filter")
        await press(app, pilot, "ctrl+p")
        await until(pilot, lambda: len(app.screen_stack) > 1, "the command palette")
        await press(app, pilot, *"quick code 2")
        await until(pilot, lambda: app.screen.query("CommandList").first().option_count > 0, "the palette's hits")
        await press(app, pilot, "enter")
        await until(pilot, lambda: codings_of(sample_project_path) != before, "the coding")
        assert codings_of(sample_project_path) - before == {(app.quick["2"], *span)}


@run
async def test_a_quick_key_on_the_tree_or_details_pane_codes_the_selection(sample_project_path):
    """Only a text box keeps a digit: with the codebook tree or the details pane focused the key codes."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for pane, key in ((app.tree, "3"), (app.query_one("#details"), "4")):
            await press(app, pilot, "escape", "s")
            span = app.transcript.selection
            pane.focus()
            await pilot.pause()
            before = codings_of(sample_project_path)
            await press(app, pilot, key)
            assert codings_of(sample_project_path) - before == {(app.quick[key], *span)}, pane


@run
async def test_the_details_pane_lists_the_coding_just_applied(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "s")
        details = app.query_one("#details")
        path = app.codebook.paths[app.quick["1"]]
        listed_before = details.shown().count(path.split(" > ")[-1])
        await press(app, pilot, "1")
        shown = details.shown()
        assert shown.count(path.split(" > ")[-1]) == listed_before + 1, shown
        assert "ana" in shown
