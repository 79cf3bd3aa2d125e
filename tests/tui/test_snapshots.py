"""How the main screen looks (pytest-textual-snapshot; update with --snapshot-update)."""

from pathlib import Path

import pytest
from textual.widgets import Input

from .coded_sample import keys_done, until

APP = str(Path(__file__).with_name("snapshot_app.py"))
# A picture per test name: a server's project draws the same screen under another name (its URL).
pytestmark = pytest.mark.file_only


@pytest.fixture
def project(sample_project_path, monkeypatch):
    monkeypatch.setenv("QDA_SNAPSHOT_PROJECT", str(sample_project_path))
    return sample_project_path


@pytest.fixture
def coded_project(coded_path, monkeypatch):
    monkeypatch.setenv("QDA_SNAPSHOT_PROJECT", str(coded_path))
    return coded_path


def test_main_screen(project, snap_compare):
    assert snap_compare(APP, terminal_size=(120, 40))


def test_main_screen_narrow(project, snap_compare):
    assert snap_compare(APP, terminal_size=(80, 24))


def pressing(*keys: str):
    """A ``run_before`` that presses ``keys`` and waits until the key gate has let every one
    act (snap_compare's own ``press`` waits only for idle, which a loaded machine outruns)."""

    async def run_before(pilot):
        await pilot.press(*keys)
        await keys_done(pilot.app, pilot)

    return run_before


def test_sentence_coded(project, snap_compare):
    keys = ["s", "s", "1", "c", *"unlinked", "enter", "escape", "ctrl+home"]
    assert snap_compare(APP, run_before=pressing(*keys), terminal_size=(120, 40))


def test_help_screen(project, snap_compare):
    assert snap_compare(APP, run_before=pressing("question_mark"), terminal_size=(120, 40))


def test_autocode_preview_narrow(project, snap_compare):
    async def run_before(pilot):
        # A terminal that has the focus draws the panes' focus edges: a headless run may or may
        # not have had a focus event when the picture is taken, so give it one first.
        pilot.app.app_focus = True
        # The dialog leaves the main screen's footer below it: wait until that footer is the one
        # composed for the focused transcript before the dialog opens over it.
        main = pilot.app.screen
        main.refresh_bindings()
        await until(pilot, lambda: _footer_settled(pilot, main), "the footer of the main screen")
        await pilot.press("a", *"police")
        # Wait for what the picture shows: the preview of the whole query (a thread worker
        # computes it; "polic" has a preview too) with its bar full, however loaded the machine.
        await until(pilot, lambda: getattr(pilot.app.screen, "preview_current", False) and pilot.app.screen.spans,
                    "the preview of 'police'")
        await until(pilot, lambda: _bar_full(pilot), "the preview's progress bar full")
        await until(pilot, lambda: _footer_settled(pilot, main), "the footer below the dialog")
        # The query's cursor blinks every half second: on a loaded machine the waits above outlast
        # that, and the picture caught the cursor in its off phase. Hold it on, as the picture has it.
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await keys_done(pilot.app, pilot)

    assert snap_compare(APP, run_before=run_before, terminal_size=(80, 24))


def _bar_full(pilot) -> bool:
    from textual.widgets import ProgressBar

    bar = pilot.app.screen.query_one("#autocode-progress", ProgressBar)
    return bar.total is not None and bar.progress == bar.total


def _footer_settled(pilot, screen=None) -> bool:
    """Whether the footer shows the screen's bindings as they are now: it is composed again a
    moment after focus moves (later still on a loaded machine), and only while the terminal
    has the focus; the picture must not catch the footer of the moment before."""
    from textual.widgets import Footer

    first_key_of_action: dict[str, str] = {}
    screen = screen or pilot.app.screen
    for active in screen.active_bindings.values():
        if active.binding.show:
            first_key_of_action.setdefault(active.binding.action, active.binding.key)
    expected = list(first_key_of_action.values())
    palette = screen.active_bindings.get(pilot.app.COMMAND_PALETTE_BINDING)
    if palette is not None and pilot.app.ENABLE_COMMAND_PALETTE:  # the footer ends with the palette's key
        expected.append(palette.binding.key)
    shown = [getattr(item, "key", None) for footer in screen.query(Footer) for item in footer.children]
    return shown == expected


def test_cooccurrence_narrow(coded_project, snap_compare):
    async def run_before(pilot):
        await pilot.press("O")
        # Wait for what the picture shows (the counted pairs), not for a number of worker
        # rounds: on a loaded machine the key gate and the worker can each take a while.
        await until(pilot, lambda: getattr(pilot.app.screen, "graph", None) is not None, "the counted pairs")
        # A terminal that has the focus shows the footer composed again for the focused table;
        # a headless run may or may not have had a focus event by now, so give it one.
        pilot.app.app_focus = True
        pilot.app.screen.refresh_bindings()
        await until(pilot, lambda: _footer_settled(pilot), "the footer of the focused table")
        await keys_done(pilot.app, pilot)

    assert snap_compare(APP, run_before=run_before, terminal_size=(80, 24))
