"""Names and texts the app shows in notifications and dialog titles are drawn as written: Textual
reads a string as markup, so a code named ``[red]Police`` lost its first word (drawn as a style), a
memo's ``[laughs]`` vanished, and a name holding ``[/]`` raised MarkupError when drawn.  Fictional
names, on the sample project."""

from __future__ import annotations

import qda
from qda.tui.app import QdaApp

from .coded_sample import run

NAMES = ["[red]Police", "Trust [/] the fiscal", "Rosa [laughs] left"]


@run
async def test_notifications_show_names_as_written(sample_project_path):
    with qda.open_project(sample_project_path) as project:
        for name in NAMES:
            project.add_code(name, None, "ana")
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        for name in NAMES:
            app.notify(f"New code {name}")
        await pilot.pause(0.2)
        drawn = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        for name in NAMES:
            assert name in drawn
        assert app.is_running
