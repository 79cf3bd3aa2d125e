"""The coding query screen and the document list's sets, driven with the pilot on the coded sample."""

from __future__ import annotations

import qda
from qda.query import query_quotes
from qda.store.sets import create_set, saved_query
from qda.tui.app import QdaApp
from qda.tui.screens.documents import DocumentsScreen
from qda.tui.screens.query import QueryScreen

from .coded_sample import keys_done, press, run, settle

QUERY = '"Distrust of police" AND NOT "Familial framing" IN SAME TURN WHERE site = Ayacucho'


@run
async def test_a_query_typed_runs_and_enter_goes_to_the_passage(coded_path):
    with qda.open_project(coded_path) as project:
        expected = query_quotes(project, QUERY)
        names = dict(zip(project.documents_frame()["id"], project.documents_frame()["name"]))
    assert len(expected) >= 2
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "L")
        screen = app.screen
        assert isinstance(screen, QueryScreen) and screen.input.has_focus
        screen.input.value = QUERY
        await press(app, pilot, "enter")
        await settle(app, pilot)
        assert [row["ref"] for row in screen.rows] == list(expected["ref"])
        assert f"{len(expected)} passages" in screen.status_text
        await press(app, pilot, "down", "down", "enter")
        chosen = screen.rows[1]
        assert app.screen is app.screen_stack[0]
        assert names[app.document_id] == chosen["document"]
        assert app.transcript.selection == (chosen["start"], chosen["end"])


@run
async def test_a_syntax_error_shows_a_caret_and_saving_a_query(coded_path):
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(QueryScreen())
        await keys_done(app, pilot)
        screen = app.screen
        screen.input.value = "Impunity AND (Police"
        await press(app, pilot, "enter")
        assert "Impunity AND (Police\n" + " " * 20 + "^" in screen.status_text
        assert "column 21" in screen.status_text and not screen.rows
        screen.input.value = "Impunity OVERLAPPING Police"
        await press(app, pilot, "enter")
        await settle(app, pilot)
        assert screen.rows
        await press(app, pilot, "ctrl+s")
        app.screen.query_one("Input").value = "impunity and police"
        await press(app, pilot, "enter")
        assert saved_query(app.project, "impunity and police") == "Impunity OVERLAPPING Police"
        screen.input.value = ""
        await press(app, pilot, "ctrl+o")
        assert screen.input.value == "Impunity OVERLAPPING Police"


@run
async def test_the_document_list_shows_one_set_at_a_time(coded_path):
    with qda.open_project(coded_path) as project:
        create_set(project, "pilot", ["P01_police_limanorte", "P07_ngo_limanorte"])
        total = len(project.documents())
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        for _ in range(5):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentsScreen)
        table = screen.query_one("DataTable")
        assert table.row_count == total
        await pilot.press("s")
        await pilot.pause()
        assert table.row_count == 2 and "set 'pilot'" in str(screen.query_one("#documents-title").content)
        await pilot.press("s")
        await pilot.pause()
        assert table.row_count == total
        await pilot.press("escape")
        await pilot.pause()
