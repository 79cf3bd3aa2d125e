"""Removing a coding in the app takes its memo with it: the message said only "Removed Idioma from …", and
at 80 columns the details pane that shows the memo is hidden, so the memo went unseen.  The message now
says the memo goes and that ctrl+z brings both back, and it does."""

from __future__ import annotations

from click.testing import CliRunner

import qda
from qda.cli import main
from qda.tui.app import QdaApp

from .coded_sample import press, run, until

TEXT = "RESIDENTE: En el albergue nadie habla quechua. Yo digo «sapallan kani», estoy sola.\n"


@run
async def test_removing_a_coding_with_a_memo_says_the_memo_goes_and_undo_brings_it_back(tmp_path):
    (tmp_path / "residente.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "albergue.qda"
    for args in (["init", path], ["import", path, tmp_path / "residente.txt", "--language", "es"],
                 ["codebook", path, "--add", "Idioma"]):
        assert CliRunner().invoke(main, [str(a) for a in args]).exit_code == 0
    with qda.open_project(path) as project:
        coding = project.add_codings([("residente", "Idioma", 11, 46)], "ana")[0]
        project.set_coding_memo(coding.id, "Soledad y lengua: ver memo del código.", "ana")
    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s")
        await press(app, pilot, "x")
        message = await until(pilot, lambda: next((str(n.message) for n in app._notifications
                                                   if str(n.message).startswith("Removed")), None), "removal")
        assert "and its memo" in message and "ctrl+z brings them back" in message, message
        await press(app, pilot, "ctrl+z")
        await until(pilot, lambda: next((n for n in app._notifications if str(n.message).startswith("Undone")), None), "undo")
    with qda.open_project(path) as project:
        assert [c.memo for c in project.codings()] == ["Soledad y lengua: ver memo del código."]
