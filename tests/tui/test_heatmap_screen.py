"""The heat map screen in the real app (H): the grid is qda.pictures.heatmap_table's, the arrows move from
cell to cell, Enter opens the quotes of that code in that document, and Enter on a quote goes there."""

from __future__ import annotations

import qda
from qda.pictures import heatmap_table
from qda.tui.app import QdaApp
from qda.tui.screens.heatmap import CellQuotesScreen, HeatmapScreen

from .coded_sample import press, run, settle


@run
async def test_heatmap_grid_moves_and_enter_opens_the_quotes_of_the_cell(coded_path):
    with qda.open_project(coded_path) as project:
        matrix = heatmap_table(project, by="document")
        by_role = heatmap_table(project, by="role", percent=True)
        names = dict(zip(project.documents_frame()["id"], project.documents_frame()["name"]))
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "H")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HeatmapScreen)
        table = screen.table
        assert table.row_count == len(matrix)
        assert [str(c.label).rstrip(" ▲▼") for c in table.columns.values()][1:] == list(matrix.columns)
        # the first row's cells are its counts (a dot for none)
        first = [str(cell) for cell in table.get_row_at(0)][1:]
        assert first == [f"{v:g}" if v else "·" for v in matrix.iloc[0]]

        # walk right along the first row to its first coded cell, then Enter
        column = next(j for j, v in enumerate(matrix.iloc[0]) if v)
        await press(app, pilot, *["right"] * (column + 1))
        assert screen.highlighted_cell()[1] == column
        await press(app, pilot, "enter")
        await settle(app, pilot)
        quotes = app.screen
        assert isinstance(quotes, CellQuotesScreen)
        document = matrix.attrs["documents"][column]
        assert quotes.rows and {row["document"] for row in quotes.rows} == {document}
        assert {row["code_path"] for row in quotes.rows} == {matrix.index[0]}
        assert len(quotes.rows) <= matrix.iloc[0, column]  # a passage two coders coded is two codings, one quote

        # Enter on the quote: back in the transcript, on the passage
        await press(app, pilot, "enter")
        await pilot.pause()
        chosen = quotes.rows[0]
        assert app.screen is app.screen_stack[0]
        assert names[app.document_id] == document
        assert app.transcript.selection == (chosen["start"], chosen["end"])

        # b: the columns become an attribute's values; p: percentages
        await press(app, pilot, "H")
        await settle(app, pilot)
        screen = app.screen
        while screen.by != "role":
            await press(app, pilot, "b")
            await settle(app, pilot)
        await press(app, pilot, "p")
        await settle(app, pilot)
        assert screen.percent and list(screen.matrix.columns) == list(by_role.columns)
        assert screen.matrix.equals(by_role)
