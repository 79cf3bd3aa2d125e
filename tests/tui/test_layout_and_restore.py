"""The main screen's layout follows the terminal, and a restart shows where the coder was
(issue 15, items 3 and 7)."""

from __future__ import annotations

from qda.tui.app import QdaApp

from .coded_sample import press, run


def shown(widget) -> str:
    """The text a widget draws now."""
    return "\n".join(str(line.text) for line in widget.render_lines(widget.region.reset_offset))


def three_panes(app) -> bool:
    left, details = app.query_one("#left"), app.query_one("#details")
    return left.region.width > 0 and details.region.width > 0


@run
async def test_every_resize_lays_the_panes_out_again(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert three_panes(app)
        for width, height, three in ((80, 24, False), (120, 40, True), (80, 24, False), (130, 50, True)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert three_panes(app) == three, (width, height)
            assert app.transcript.region.width >= 40  # never a sliver of text
            # the wrapped rows fit the transcript's new width
            assert max(len(app.transcript.text[r.start:r.end].rstrip()) for r in app.transcript.wrap.rows) \
                <= app.transcript.text_width


@run
async def test_the_details_asked_for_when_narrow_stay_when_wide_and_back(sample_project_path):
    """``i`` at 80 columns puts the details in the tree's place; a wider terminal then has room
    for both (details were asked for, not the tree's absence), and back at 80 the details are
    still where the coder put them.  Hidden when wide, they come back when wide again."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left, details = app.query_one("#left"), app.query_one("#details")
        await press(app, pilot, "i")
        assert details.region.width > 0 and left.region.width == 0
        for width, height, tree, pane in ((120, 40, True, True), (80, 24, False, True)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert (left.region.width > 0, details.region.width > 0) == (tree, pane), (width, height)
        await press(app, pilot, "i")  # narrow: the tree again
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await press(app, pilot, "i")  # wide: details hidden
        assert left.region.width > 0 and details.region.width == 0
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert left.region.width > 0 and details.region.width == 0  # narrow's own choice: the tree
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert left.region.width > 0 and details.region.width == 0  # still hidden, as asked when wide


@run
async def test_resizing_under_a_dialog_lays_out_the_main_screen(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "question_mark")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await press(app, pilot, "escape")
        await pilot.pause()
        assert not three_panes(app) and app.transcript.region.width >= 40


@run
async def test_restart_shows_the_selection_where_it_was_and_its_codings(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "g", *"3000", "enter")
        await pilot.pause()
        await press(app, pilot, "s", "1")
        await pilot.pause()
        span = app.transcript.selection
        code_path = app.codebook.paths[app.quick["1"]]
        await pilot.press("ctrl+q")
    assert span and span[0] > 2000

    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        transcript = app.transcript
        assert transcript.selection == span
        top = round(transcript.scroll_offset.y)
        assert top > 0
        assert top <= transcript.wrap.row_of(span[0]) < top + transcript.size.height
        assert code_path.split(" > ")[-1][:15] in shown(app.query_one("#details"))
