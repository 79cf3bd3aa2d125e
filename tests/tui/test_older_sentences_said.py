"""The coding app on a project whose sentences an older qda split (tests/store/schema8_1d879a4.sql) says so
when it opens, with the command that splits them again; on a project of this qda it says nothing of it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from qda.cli import main
from qda.tui.app import QdaApp

from .coded_sample import run as run_async
from .coded_sample import until

DUMP = Path(__file__).parent.parent / "store" / "schema8_1d879a4.sql"


def made_by_1d879a4(folder: Path) -> Path:
    """The project file 1d879a4 made, as tests/store/test_resegment_older_project.py loads it."""
    path = folder / "older.qda"
    with sqlite3.connect(path) as db:
        db.executescript(DUMP.read_text(encoding="utf-8"))
        db.execute("PRAGMA application_id = 1363427633")
        db.execute("PRAGMA user_version = 8")
    db.close()
    return path


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@run_async
async def test_the_app_says_an_older_projects_sentences_are_older_and_how_to_split_them_again(tmp_path):
    path = made_by_1d879a4(tmp_path)
    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("split by an older qda" in m and f"qda resegment {path}" in m for m in said(app)), said(app)
    assert CliRunner().invoke(main, ["resegment", str(path)]).exit_code == 0
    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("older qda" in m for m in said(app)), said(app)


@run_async
async def test_the_note_goes_when_the_sentences_are_split_again_elsewhere_and_the_app_says_so(tmp_path):
    """The PI runs `qda resegment` at another terminal while ana codes: the warning that the sentences are
    older stayed on ana's screen for its fifteen seconds, telling her to run the command just run.  Now it is
    taken down when the app notices the change, and a note says the sentences are now this qda's."""
    path = made_by_1d879a4(tmp_path)
    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("older qda" in m for m in said(app)), said(app)
        seen = app._data_version
        result = CliRunner().invoke(main, ["resegment", str(path)])
        assert result.exit_code == 0, result.output

        await until(pilot, lambda: app._data_version != seen, "the app noticing the other process's commit")
        await pilot.pause()
        assert not any("older qda" in m for m in said(app)), said(app)
        assert any("now split by this qda's rules" in m for m in said(app)), said(app)
