"""Every key of the app can be found: each action in the command palette (ctrl+p) with its key,
each binding on the help screen (?).  The lists are read from the bindings themselves, so a
binding added later without its palette entry or help line fails here."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from qda.tui.app import QdaApp
from qda.tui.commands import QdaCommands
from qda.tui.screens.help import HelpScreen
from qda.tui.widgets.codebook_tree import CodebookTree
from qda.tui.widgets.details import Details
from qda.tui.widgets.transcript import Transcript

from .coded_sample import press, run

WIDGET_BINDINGS = [*Transcript.BINDINGS, *CodebookTree.BINDINGS, *Details.BINDINGS]


def app_actions() -> set[str]:
    """Actions that run on the app: every binding of the app, and the widgets' ``app.`` ones."""
    actions = {binding.action for binding in QdaApp.BINDINGS}
    actions |= {binding.action.removeprefix("app.") for binding in WIDGET_BINDINGS if binding.action.startswith("app.")}
    return actions


def first_key(binding) -> str:
    return binding.key_display or binding.key.split(",")[0]


def test_the_app_has_the_bindings_this_test_counts_on():
    actions = app_actions()
    assert "heatmap" in actions and "quick_code('1')" in actions and "rename_code" in actions
    assert len(actions) > 30


@run
async def test_every_action_of_the_app_is_in_the_palette_with_its_key(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = QdaCommands(app.screen)
        hits = [hit async for hit in provider.discover()]
        shown = {hit.command.args[0]: str(hit.display) for hit in hits}
        missing = app_actions() - set(shown)
        assert not missing, f"not in the command palette: {sorted(missing)}"
        for binding in QdaApp.BINDINGS:
            assert f"({first_key(binding)})" in shown[binding.action], binding.action
        # the palette finds a command by a word of its name, as a user would type it
        found = [hit async for hit in provider.search("heat")]
        assert any(hit.command.args[0] == "heatmap" for hit in found)


@run
async def test_every_binding_is_on_the_help_screen(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(file=io.StringIO(), width=200, record=True)
        for static in app.screen.query(Static):
            console.print(static.content)
        lines = console.export_text().splitlines()
        for binding in [*QdaApp.BINDINGS, *WIDGET_BINDINGS]:
            rows = [line for line in lines if binding.description in line]
            assert rows, f"{binding.description!r} is not on the help screen"
            key = binding.key_display or binding.key.split(",")[0].replace("shift+", "⇧").replace("ctrl+", "^")
            assert any(key in row for row in rows), f"{binding.description!r} is shown without its key {key!r}"
