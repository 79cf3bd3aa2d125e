"""How the main screen looks (pytest-textual-snapshot; update with --snapshot-update)."""

from pathlib import Path

import pytest

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


def test_sentence_coded(project, snap_compare):
    assert snap_compare(APP, press=["s", "s", "1", "c", *"unlinked", "enter", "escape", "ctrl+home"], terminal_size=(120, 40))


def test_help_screen(project, snap_compare):
    assert snap_compare(APP, press=["question_mark"], terminal_size=(120, 40))


async def _wait_for_preview(pilot) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "spans", None):
            return


@pytest.mark.skip(reason="hangs waiting for the auto-code dialog's worker since the key gate; see the closing note of 2026-11-30")
def test_autocode_preview_narrow(project, snap_compare):
    async def run_before(pilot):
        await pilot.press("a", *"police")
        await _wait_for_preview(pilot)

    assert snap_compare(APP, run_before=run_before, terminal_size=(80, 24))


def _footer_settled(pilot) -> bool:
    """Whether the footer shows the screen's bindings as they are now: it is composed again a
    moment after focus moves (later still on a loaded machine), and only while the terminal
    has the focus; the picture must not catch the footer of the moment before."""
    from textual.widgets import Footer

    first_key_of_action: dict[str, str] = {}
    for active in pilot.app.screen.active_bindings.values():
        if active.binding.show:
            first_key_of_action.setdefault(active.binding.action, active.binding.key)
    shown = [getattr(item, "key", None) for footer in pilot.app.screen.query(Footer) for item in footer.children]
    return shown == list(first_key_of_action.values())


def test_cooccurrence_narrow(coded_project, snap_compare):
    async def run_before(pilot):
        await pilot.press("O")
        # Wait for what the picture shows (the counted pairs), not for a number of worker
        # rounds: on a loaded machine the key gate and the worker can each take a while.
        for _ in range(600):
            await pilot.pause(0.05)
            if getattr(pilot.app.screen, "graph", None) is not None:
                break
        # A terminal that has the focus shows the footer composed again for the focused table;
        # a headless run may or may not have had a focus event by now, so give it one.
        pilot.app.app_focus = True
        pilot.app.screen.refresh_bindings()
        for _ in range(600):
            await pilot.pause(0.05)
            if _footer_settled(pilot):
                break
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(APP, run_before=run_before, terminal_size=(80, 24))
