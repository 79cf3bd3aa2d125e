"""Escape in a memo the coder has typed into asks once more before throwing the typing away.

A coder writes a memo for minutes, then presses Esc, the key that leaves every other dialog: the memo
was gone without a word.  Now the first Esc after typing says "Esc again throws away what you typed"
and keeps the dialog; typing on takes the warning back; Esc on an untouched memo closes at once."""

from __future__ import annotations

import qda
from qda.tui.app import QdaApp
from qda.tui.screens.memo import HINT, WARNING, MemoScreen

from .coded_sample import keys_done, press, run


def hint(app) -> str:
    return str(app.screen.query_one("#memo-hint").render())


@run
async def test_escape_after_typing_asks_once_more(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "M", *"Compare the dates with P02")
        await press(app, pilot, "escape")
        await keys_done(app, pilot)
        assert isinstance(app.screen, MemoScreen) and hint(app) == WARNING
        await press(app, pilot, *" and P03")
        await keys_done(app, pilot)
        assert hint(app) == HINT
        await press(app, pilot, "ctrl+s")
        await keys_done(app, pilot)
        assert not isinstance(app.screen, MemoScreen)
        with qda.open_project(sample_project_path) as project:
            assert project.memo("document", app.document_id, "ana") == "Compare the dates with P02 and P03"

        await press(app, pilot, "M", *" (later)", "escape", "escape")
        await keys_done(app, pilot)
        assert not isinstance(app.screen, MemoScreen)
        with qda.open_project(sample_project_path) as project:
            assert project.memo("document", app.document_id, "ana") == "Compare the dates with P02 and P03"

        await press(app, pilot, "M", "escape")  # untouched: one Esc closes it
        await keys_done(app, pilot)
        assert not isinstance(app.screen, MemoScreen)
