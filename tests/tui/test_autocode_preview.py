"""Auto-code shows what it would code, on screen and scrollable, before writing (issue 15, item 2)."""

from __future__ import annotations

import pytest

from qda.tui.app import QdaApp
from qda.tui.screens.autocode import AutocodeScreen, plan_spans

from .coded_sample import burst, codings_of, keys_done, press, run, until


async def preview_of(app, pilot, query: str):
    """Type ``query`` into the open auto-code dialog and wait for the preview of all of it (a
    thread worker computes it; an earlier, shorter query's preview does not count)."""
    await press(app, pilot, *query)
    screen = app.screen
    await until(pilot, lambda: screen.preview_current and screen.spans, f"the preview of {query!r}")
    return screen


def inside(inner, outer) -> bool:
    return (outer.x <= inner.x and inner.right <= outer.right and outer.y <= inner.y and inner.bottom <= outer.bottom)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (120, 60)])
def test_the_preview_is_on_screen_before_anything_is_written(sample_project_path, size):
    @run
    async def check():
        app = QdaApp(sample_project_path, "ana")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            before = codings_of(sample_project_path)
            app.tree.highlight(app.quick["1"])
            await press(app, pilot, "a")
            await pilot.pause()
            screen = await preview_of(app, pilot, "police")
            assert isinstance(screen, AutocodeScreen)
            await press(app, pilot, "tab")  # leave the query box: nothing is written yet
            pane = screen.query_one("#autocode-preview-pane")
            preview = screen.query_one("#autocode-preview")
            hint = screen.query_one(".dialog-hint")
            whole = app.screen.region
            assert pane.region.height >= 5 and inside(pane.region, whole)
            assert inside(hint.region, whole)
            shown = "\n".join(str(line.text) for line in preview.render_lines(pane.region.reset_offset))
            assert f"{len(screen.spans)} passages would be coded" in shown
            assert codings_of(sample_project_path) == before
    check()


@run
async def test_a_long_preview_scrolls_at_80x24(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.tree.highlight(app.quick["1"])
        await press(app, pilot, "a")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#autocode-all").value = True  # every document: many passages
        screen = await preview_of(app, pilot, "police")
        await pilot.pause()
        pane = screen.query_one("#autocode-preview-pane")
        assert pane.max_scroll_y > 0
        pane.focus()
        await press(app, pilot, "pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        before = codings_of(sample_project_path)
        await press(app, pilot, "ctrl+s")
        await pilot.pause()
        assert len(codings_of(sample_project_path) - before) == len(screen.spans)


@run
async def test_a_and_a_query_typed_in_one_burst_show_the_preview_of_the_whole_query(sample_project_path):
    """``a`` then ``police`` as fast as a terminal delivers them: the dialog owns every letter,
    and the preview shown is that of "police", not of a prefix typed on the way."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = codings_of(sample_project_path)
        burst(app, ["a", *"police"])
        await keys_done(app, pilot)
        screen = app.screen
        assert isinstance(screen, AutocodeScreen)
        assert screen.query_one("#autocode-query").value == "police"
        await until(pilot, lambda: screen.preview_current and screen.spans, "the preview of 'police'")
        pane = screen.query_one("#autocode-preview-pane")
        shown = "\n".join(str(line.text) for line in screen.query_one("#autocode-preview").render_lines(pane.region.reset_offset))
        assert f"{len(screen.spans)} passages would be coded" in shown
        assert codings_of(sample_project_path) == before


@run
async def test_ctrl_s_typed_ahead_of_the_preview_never_writes_what_was_not_shown(sample_project_path):
    """ctrl+s in the same burst as the query: either the preview of the whole query was already
    on screen and exactly its passages are written, or nothing is written and the dialog stays."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.tree.highlight(app.quick["1"])
        await pilot.pause()
        before = codings_of(sample_project_path)
        burst(app, ["a", *"police", "ctrl+s"])
        await keys_done(app, pilot)
        added = codings_of(sample_project_path) - before
        if added:
            assert len(app.screen_stack) == 1
            spans = plan_spans(sample_project_path, "police", False, "sentence", app.document_id, "", app.me.id).spans
            assert {(start, end) for _, start, end in added} == {(start, end) for _, start, end in spans}
        else:
            screen = app.screen
            assert isinstance(screen, AutocodeScreen) and screen.query_one("#autocode-query").value == "police"
            await until(pilot, lambda: screen.preview_current and screen.spans, "the preview of 'police'")
            await press(app, pilot, "ctrl+s")  # now that it is shown
            assert len(codings_of(sample_project_path) - before) == len(screen.spans)
