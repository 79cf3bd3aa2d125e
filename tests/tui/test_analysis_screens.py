"""The analysis screens in the real app: frequencies, co-occurrence, a code's neighbours, quotes.

Each test drives QdaApp with the pilot on a copy of the sample project with ana's and luis's
sample codings, and checks what a screen shows against the library's numbers (the same
functions the CLI prints) and that Enter on a quote lands on that passage in the transcript.
"""

from __future__ import annotations

import qda
from qda.analysis import frequencies
from qda.export.quotes import quotes
from qda.tui.app import QdaApp
from qda.tui.screens.frequencies import FrequenciesScreen
from qda.tui.screens.quotes import QuotesScreen

from .coded_sample import press, run, settle

DISTRUST = "Institutional response > Police > Distrust of police"


def cells(table, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


def column_labels(table) -> list[str]:
    return [str(column.label).rstrip(" ▲▼") for column in table.columns.values()]


@run
async def test_frequencies_table_sorts_groups_and_opens_quotes(coded_path):
    with qda.open_project(coded_path) as project:
        expected = frequencies(project).set_index("path")
        by_role = frequencies(project, by="role")
        code_id = project.code(DISTRUST).id
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(FrequenciesScreen())
        await settle(app, pilot)
        screen = app.screen
        table = screen.table
        assert isinstance(screen, FrequenciesScreen)
        assert column_labels(table) == ["code", "codings", "documents", "words", "% documents"]
        assert table.row_count == len(expected)  # unused codes too, with 0
        assert f"{int(expected['codings'].sum())} codings" in screen.status_text

        # codebook order first; the row of one code shows the library's numbers
        row = table.get_row_index(code_id)
        assert cells(table, row)[1:4] == [str(int(expected.loc[DISTRUST, c])) for c in ("codings", "documents", "words")]

        # s sorts by codings, largest first
        await press(app, pilot, "s")
        await pilot.pause()
        assert screen.sort_column == "codings"
        shown = [int(cells(table, i)[1].replace(",", "")) for i in range(table.row_count)]
        assert shown == sorted(shown, reverse=True) and shown[0] == expected["codings"].max()
        await press(app, pilot, "S")
        await pilot.pause()
        shown = [int(cells(table, i)[1].replace(",", "")) for i in range(table.row_count)]
        assert shown == sorted(shown)

        # b: by document, by coder, then by attributes until role: one column a role, then "all"
        for _ in range(10):
            await press(app, pilot, "b")
            await settle(app, pilot)
            if screen.by == "role":
                break
        assert screen.by == "role"
        roles = sorted(set(by_role["role"]))
        assert column_labels(table) == ["code", *roles, "all"]
        row = table.get_row_index(code_id)
        police = by_role[(by_role["path"] == DISTRUST) & (by_role["role"] == "police officer")]["codings"].iat[0]
        assert cells(table, row)[1 + roles.index("police officer")] == str(police)

        # Enter on a code: its quotes
        table.move_cursor(row=row)
        await press(app, pilot, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuotesScreen) and app.screen.code_id == code_id


@run
async def test_quotes_of_a_code_and_enter_jumps_to_the_passage(coded_path):
    with qda.open_project(coded_path) as project:
        expected = quotes(project, DISTRUST)
        code_id = project.code(DISTRUST).id
        names = dict(zip(project.documents_frame()["id"], project.documents_frame()["name"]))
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(QuotesScreen(code_id))
        await settle(app, pilot)
        screen = app.screen
        assert [row["ref"] for row in screen.rows] == list(expected["ref"])
        first = str(screen.options.get_option_at_index(0).prompt)
        assert first.startswith(expected["ref"].iat[0]) and " ".join(expected["text"].iat[0].split())[:50] in first

        # k: one coder's quotes only
        await press(app, pilot, "k")
        await settle(app, pilot)
        assert screen.coder == "ana" and all("ana" in row["coders"] for row in screen.rows)
        assert "· ana" in screen.status_text

        # Enter on the third quote: the screen closes and the transcript shows the passage selected
        await press(app, pilot, "down", "down", "enter")
        await pilot.pause()
        chosen = screen.rows[2]
        assert app.screen is app.screen_stack[0]
        assert names[app.document_id] == chosen["document"]
        assert app.transcript.selection == (chosen["start"], chosen["end"])


@run
async def test_cooccurrence_pairs_matrix_neighbours_and_quotes_of_a_pair(coded_path):
    from qda.analysis import cooccurrence
    from qda.tui.screens.cooccurrence import CooccurrenceScreen

    with qda.open_project(coded_path) as project:
        overlap = cooccurrence(project, unit="overlap")
        sentence = cooccurrence(project, unit="sentence")
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CooccurrenceScreen())
        await settle(app, pilot)
        screen = app.screen
        table = screen.table
        assert "unit: overlap" in screen.status_text and f"{len(overlap)} pairs" in screen.status_text
        assert table.row_count == len(overlap)
        # ranked by count, the strongest five starred
        counts = [int(cells(table, i)[0]) for i in range(table.row_count)]  # the measure comes first
        assert counts == sorted(counts, reverse=True) and counts[0] == overlap["count"].max()
        assert sum(cells(table, i)[1].startswith("★") for i in range(table.row_count)) == 5

        # u: sentence units; m: Jaccard, the table re-ranked by it
        await press(app, pilot, "u")
        await settle(app, pilot)
        await press(app, pilot, "m")
        await pilot.pause()
        assert "unit: sentence" in screen.status_text and "measure: Jaccard" in screen.status_text
        best = sentence.sort_values("jaccard", ascending=False).iloc[0]
        assert cells(table, 0)[0] == f"{best['jaccard']:.3f}"
        assert best["code_a"].split(" > ")[-1] in cells(table, 0)[1]

        # v: the matrix, symmetric, one row and column per linked code
        await press(app, pilot, "v")
        await pilot.pause()
        n = len(set(sentence["code_a_id"]) | set(sentence["code_b_id"]))
        assert table.row_count == n and len(table.columns) == n + 1
        a, b = screen.matrix_ids.index(best["code_a_id"]), screen.matrix_ids.index(best["code_b_id"])
        assert cells(table, a)[b + 1] == cells(table, b)[a + 1] == f"{best['jaccard']:.2f}"

        # n on the first row: that code's neighbours, from the network
        await press(app, pilot, "v")
        await pilot.pause()
        await press(app, pilot, "n")
        await pilot.pause()
        code = best["code_a_id"]
        assert screen.view == "neighbours" and screen.focus_code == code
        expected = sentence[(sentence["code_a_id"] == code) | (sentence["code_b_id"] == code)]
        assert table.row_count == len(expected)

        # Enter: the quotes where the two codes meet
        await press(app, pilot, "enter")
        await settle(app, pilot)
        quotes_screen = app.screen
        assert isinstance(quotes_screen, QuotesScreen) and quotes_screen.code_id == code
        assert quotes_screen.with_code_id == screen.highlighted_pair()[1]
        assert quotes_screen.rows


@run
async def test_a_result_that_arrives_after_its_screen_closed_is_dropped(coded_path):
    """A worker that finishes (or fails) just after the user closed its screen (a fast Esc: the
    worker's answer is already queued when the screen goes) must not query the closed screen:
    that raised NoMatches inside the worker and stopped the app's keys (seen in a burst test)."""
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FrequenciesScreen())
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FrequenciesScreen)
        app.pop_screen()
        await settle(app, pilot)
        shown: list = []
        screen._finished(shown.append, "late result")  # what call_from_thread runs for a late answer
        screen._failed("the project went away", "warning")
        await settle(app, pilot)
        assert shown == [] and not isinstance(app.screen, FrequenciesScreen)
        assert any("went away" in str(n.message) for n in app._notifications)  # a late failure still said
