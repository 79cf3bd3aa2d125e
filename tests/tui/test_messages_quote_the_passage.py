"""The app's messages after removing, recoding, undoing and redoing a coding named the passage by its
offsets ("Undone: code jueza_ayacucho [139, 172) as ..."), which say nothing to a researcher: they quote
its words now.  The action log keeps the offsets (`qda history` is an audit trail)."""

from __future__ import annotations

import re

import qda
from qda.tui.app import QdaApp

from .coded_sample import press, run, until

TEXT = ("ENTREVISTADORA: Buenos días, doctora. ¿Cómo llegan los casos al juzgado?\n\n"
        "JUEZA: Llegan por la comisaría. A veces las señoras vienen solas, sin traductora de quechua.\n")


@run
async def test_messages_about_a_coding_quote_its_words_not_its_offsets(tmp_path):
    from click.testing import CliRunner

    from qda.cli import main

    (tmp_path / "jueza.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "study.qda"
    for args in (["init", path], ["import", path, tmp_path / "jueza.txt", "--language", "es"],
                 ["codebook", path, "--add", "Demora"], ["codebook", path, "--add", "Idioma"]):
        assert CliRunner().invoke(main, [str(a) for a in args]).exit_code == 0
    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("s", "s", "s", "s", "1"):
            await press(app, pilot, key)
        messages = []  # each read as it comes: a notification leaves the list when its time is up
        for key, verb in (("ctrl+z", "Undone:"), ("ctrl+y", "Redone:")):
            await press(app, pilot, key)
            messages.append(await until(pilot, lambda: next((m for m in said(app) if m.startswith(verb)), None), verb))
        await press(app, pilot, "r")
        picker = await until(pilot, lambda: app.screen is not app.screen_stack[0] and app.screen, "the code picker")
        picker.query_one("Input").value = "Idioma"
        await press(app, pilot, "enter")
        messages.append(await until(pilot, lambda: next((m for m in said(app) if m.startswith("Recoded")), None), "recode"))
        await press(app, pilot, "x")
        messages.append(await until(pilot, lambda: next((m for m in said(app) if m.startswith("Removed")), None), "removal"))
    passage = "\u201cA veces las señoras vienen solas, sin …\u201d"
    assert messages == [
        f"Undone: code jueza {passage} as Demora (1 coding removed)",
        f"Redone: code jueza {passage} as Demora (1 coding added)",
        f"Recoded {passage} as Idioma (was Demora) · ctrl+z undoes",
        f"Removed Idioma from {passage} · ctrl+z brings it back",
    ], messages
    assert not any(re.search(r"\[\d+, \d+\)", m) for m in messages)
    for verb in ("Undone", "Undone"):  # `qda undo` says the same words: the removal, then the recode
        said_by_cli = CliRunner().invoke(main, ["undo", str(path), "--coder", "ana"]).output
        assert said_by_cli.startswith(f"{verb}: ") and passage in said_by_cli and "[" not in said_by_cli, said_by_cli
    with qda.open_project(path) as project:  # the audit trail keeps the span exactly
        assert re.search(r"code jueza \[\d+, \d+\) as Demora", " ".join(project.history(None)["summary"]))


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]
