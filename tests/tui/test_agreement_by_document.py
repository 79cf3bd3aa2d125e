"""The app's agreement screen document by document (``b``), as `qda agree --by-document` gives it.

The team's figures for the whole project hid where the coders disagreed; the CLI could say it document by
document, the app could not, and the PI went back to the terminal to find which interview to adjudicate.
Now ``b`` shows the library's own rows (``agreement(..., by_document=True).by_document``, itself checked
against statsmodels, krippendorff and irrCAC in tests/agreement/test_by_document.py), every figure as the
library gives it, and Enter adjudicates the row's disagreements in that document alone."""

from __future__ import annotations

import qda
from qda.analysis.agreement import agreement, disagreement_units
from qda.tui.app import QdaApp
from qda.tui.screens.adjudicate import AdjudicateScreen
from qda.tui.screens.agreement import AgreementScreen

from .coded_sample import press, run, settle


def shown(table, index: int) -> list[str]:
    """A row's cells as text, a code's colour swatch left out."""
    return [str(cell).removeprefix("■ ") for cell in table.get_row_at(index)]


@run
async def test_b_shows_each_documents_figures_as_the_library_and_enter_adjudicates_that_document(coded_path):
    with qda.open_project(coded_path) as project:
        report = agreement(project, ["ana", "luis"], unit="sentence", by_document=True)
        units = disagreement_units(project, ["ana", "luis"], unit="sentence")
    rows = report.by_document.reset_index(drop=True)
    pooled = rows[rows["code_id"] == ""]
    assert (pooled["disagreements"] > 0).sum() >= 1 and len(pooled) >= 2  # a fixture where documents differ
    app = QdaApp(coded_path, "consensus")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen())
        await settle(app, pilot)
        screen = app.screen
        table = screen.table
        await press(app, pilot, "b")
        await settle(app, pilot)

        assert table.row_count == len(rows)
        for index, row in rows.iterrows():
            cells = shown(table, index)
            name = row["code"].split(" > ")[-1]  # the code's name, as in the table by code
            assert cells[:4] == [row["document"], name, f"{row['units']:,}", str(row["disagreements"])]
            alpha = row["krippendorff_alpha"]
            assert cells[-1] == (f"{alpha:.3f}" if alpha == alpha else "n/a"), (cells, alpha)
        disputed = int((pooled["disagreements"] > 0).sum())
        assert f"{disputed} of {len(pooled)} documents with disagreements" in screen.status_text
        assert "b by code" in str(screen.query_one("#analysis-hint").content)

        # sorted by disagreements, most first; Enter on the first code row: its disagreements there alone
        await press(app, pilot, "s", "s", "s")
        assert screen.sort_column == "disagreements"
        counts = [int(shown(table, i)[3]) for i in range(table.row_count)]
        assert counts == sorted(counts, reverse=True)
        first_code_row = next(i for i in range(table.row_count) if shown(table, i)[1] != "(all codes)")
        document, code, _, disagreements = shown(table, first_code_row)[:4]
        table.move_cursor(row=first_code_row)
        await press(app, pilot, "enter")
        await settle(app, pilot)
        adjudicate = app.screen
        assert isinstance(adjudicate, AdjudicateScreen)
        assert adjudicate.document == document and adjudicate.code.split(" > ")[-1] == code
        assert {u["document"] for u in adjudicate.units} == {document}
        assert len(adjudicate.units) == int(disagreements) > 0
        await press(app, pilot, "escape")
        await settle(app, pilot)

        # the pooled row: every code's disputed units of that document
        row = next(i for i in range(table.row_count) if shown(table, i)[:2] == [document, "(all codes)"])
        table.move_cursor(row=row)
        await press(app, pilot, "enter")
        await settle(app, pilot)
        assert app.screen.code is None and app.screen.document == document
        assert len(app.screen.units) == (units["document"] == document).sum()
        await press(app, pilot, "escape")
        await settle(app, pilot)

        # b again: the project's codes, as before
        await press(app, pilot, "b")
        await settle(app, pilot)
        assert table.row_count == len(report.codes)
        assert "b by document" in str(screen.query_one("#analysis-hint").content)
