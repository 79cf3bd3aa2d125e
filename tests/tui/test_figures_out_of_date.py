"""An analysis screen says when its figures are out of date, and F5 computes them again.

The PI has the agreement table of ana and luis open; luis, at his own terminal (or on the team server),
codes a whole interview meanwhile.  The table kept its figures as if current, with nothing to say they
were of an earlier moment: the PI adjudicated or reported numbers the project no longer held.  Now the
screen says above its table that the project changed since, and by whom, until F5 computes again; the
figures after F5 are the library's for the project as it is then.  The same holds for every analysis
screen (frequencies below), and for this app's own adjudication written under the agreement table.
On a file and on the team server (tests/conftest.py's engine fixture)."""

from __future__ import annotations

import qda
from qda.analysis.agreement import agreement
from qda.tui.app import QdaApp
from qda.tui.screens.agreement import AgreementScreen
from qda.tui.screens.frequencies import FrequenciesScreen

from .coded_sample import press, run, settle, until


def outdated(screen) -> str:
    label = screen.query_one("#analysis-outdated")
    return str(label.content) if label.display else ""


def disagreements(path) -> int:
    with qda.open_project(path) as project:
        return int(agreement(project, ["ana", "luis"], unit="sentence").overall["disagreements"])


def luis_codes_a_whole_interview(path) -> None:
    """Another process, as luis at his own terminal: one code over the whole of a document both coded."""
    with qda.open_project(path) as project:
        report = agreement(project, ["ana", "luis"], unit="sentence")
        document = project.document(report.documents[0])
        project.add_coding(document.name, "Shame", 0, len(document.text), "luis")


@run
async def test_the_agreement_table_says_a_colleagues_codings_came_since_and_f5_computes_again(coded_path):
    before = disagreements(coded_path)
    app = QdaApp(coded_path, "pi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen(["ana", "luis"]))
        await settle(app, pilot)
        screen = app.screen
        assert int(screen.report.overall["disagreements"]) == before
        assert outdated(screen) == ""

        luis_codes_a_whole_interview(coded_path)
        now = disagreements(coded_path)
        assert now > before  # the figures shown are no longer the project's
        text = await until(pilot, lambda: outdated(screen), "the screen saying its figures are out of date")
        assert "Out of date" in text and "luis" in text and "F5" in text, text
        assert int(screen.report.overall["disagreements"]) == before  # kept until asked: the PI may be reading

        await press(app, pilot, "f5")
        await settle(app, pilot)
        assert int(screen.report.overall["disagreements"]) == now
        assert outdated(screen) == ""
        assert f"{now} disagreements" in screen.status_text


@run
async def test_the_frequencies_screen_says_so_too(coded_path):
    app = QdaApp(coded_path, "pi")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FrequenciesScreen())
        await settle(app, pilot)
        screen = app.screen
        assert outdated(screen) == ""
        luis_codes_a_whole_interview(coded_path)
        await until(pilot, lambda: "luis" in outdated(screen), "the frequencies saying they are out of date")
        await press(app, pilot, "f5")
        await settle(app, pilot)
        assert outdated(screen) == ""


@run
async def test_an_adjudication_under_the_agreement_table_is_said_when_the_table_comes_back(coded_path):
    app = QdaApp(coded_path, "consensus")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen(["ana", "luis"]))
        await settle(app, pilot)
        agreement_screen = app.screen
        await press(app, pilot, "a")  # adjudicate all: the consensus coder's codings, on the app's own connection
        await settle(app, pilot)
        adjudicate = app.screen
        assert adjudicate is not agreement_screen and adjudicate.units
        await press(app, pilot, "1")  # ana's reading of the first disputed unit, as the consensus
        await settle(app, pilot)
        with qda.open_project(coded_path) as project:
            assert project.codings(coder="consensus")
        await press(app, pilot, "escape")
        await settle(app, pilot)
        assert app.screen is agreement_screen
        assert "consensus" in outdated(agreement_screen)
