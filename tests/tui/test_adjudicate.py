"""Agreement and adjudication in the real app: the per-code table, then deciding disputed units.

Each decision must be in the project file before the screen moves on (checked with a second
connection), written as codings of the consensus coder, and undoable.
"""

from __future__ import annotations

import qda
from qda.analysis.agreement import agreement, disagreement_units
from qda.tui.app import QdaApp
from qda.tui.screens.adjudicate import AdjudicateScreen
from qda.tui.screens.agreement import AgreementScreen

from .coded_sample import press, run, settle

DISTRUST = "Institutional response > Police > Distrust of police"


def consensus_on_disk(path, document_id, start, end):
    with qda.open_project(path) as project:
        return {project.codebook.paths[c.code_id] for c in project.codings(document=document_id, coder="consensus")
                if c.start >= start and c.end <= end}


@run
async def test_agreement_table_then_adjudicate_a_code(coded_path):
    with qda.open_project(coded_path) as project:
        report = agreement(project, ["ana", "luis"], unit="sentence")
        units = disagreement_units(project, ["ana", "luis"], unit="sentence", codes=DISTRUST)
    row = report.codes.set_index("code").loc[DISTRUST]
    app = QdaApp(coded_path, "consensus")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen())
        await settle(app, pilot)
        screen = app.screen
        table = screen.table
        assert screen.coders == ["ana", "luis"]
        assert table.row_count == len(report.codes)
        index = table.get_row_index(row["code_id"])
        shown = [str(c) for c in table.get_row_at(index)]
        assert shown[1:3] == [f"{row['units']:,}", str(row["disagreements"])]
        assert shown[-1] == f"{row['krippendorff_alpha']:.3f}"
        assert f"{report.overall['disagreements']} disagreements" in screen.status_text

        # sort by disagreements: most first
        await press(app, pilot, "s", "s")
        await pilot.pause()
        assert screen.sort_column == "disagreements"
        counts = [int(str(table.get_row_at(i)[2])) for i in range(table.row_count)]
        assert counts == sorted(counts, reverse=True)

        # Enter on Distrust of police: its disagreements, one by one
        table.move_cursor(row=table.get_row_index(row["code_id"]))
        await press(app, pilot, "enter")
        await settle(app, pilot)
        adjudicate = app.screen
        assert isinstance(adjudicate, AdjudicateScreen) and adjudicate.code == DISTRUST
        assert len(adjudicate.units) == len(units) == row["disagreements"]
        assert adjudicate.status_text.startswith(f"0 of {len(units)} resolved")


@run
async def test_decisions_are_consensus_codings_on_disk_and_undoable(coded_path):
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AdjudicateScreen(["ana", "luis"], "consensus", unit="sentence"))
        await settle(app, pilot)
        screen = app.screen
        total = len(screen.units)
        assert total > 10 and screen.status_text.startswith(f"0 of {total} resolved")

        # the first unit: each coder's codes side by side
        first = screen.units[0]
        panes = screen.query_coders()
        for pane, name in zip(panes, ["ana", "luis"]):
            text = str(pane.render())
            for path in filter(None, first[name].split("; ")):
                assert path.split(" > ")[-1] in text

        # 1 accepts ana's codes: in the file as the consensus coder's, and the next open unit shows
        await press(app, pilot, "1")
        await pilot.pause()
        ana_codes = set(filter(None, first["ana"].split("; ")))
        assert consensus_on_disk(coded_path, first["document_id"], first["start"], first["end"]) == ana_codes
        assert screen.status_text.startswith(f"1 of {total} resolved")
        assert screen.index == 1

        # 2 luis, b both, 0 neither on the next three units
        decided = {}
        for key, expect in (("2", lambda u: {*u["luis"].split("; ")}), ("b", lambda u: {*u["ana"].split("; "), *u["luis"].split("; ")}),
                            ("0", lambda u: set(u["ana"].split("; ")) & set(u["luis"].split("; ")))):
            unit = screen.units[screen.index]
            await press(app, pilot, key)
            await pilot.pause()
            decided[key] = unit
            expected = {p for p in expect(unit) if p}
            assert consensus_on_disk(coded_path, unit["document_id"], unit["start"], unit["end"]) == expected
        assert screen.status_text.startswith(f"4 of {total} resolved")

        # r: recode the next unit with a code picked by name
        unit = screen.units[screen.index]
        await press(app, pilot, "r")
        await pilot.pause()
        await press(app, pilot, *"unlinked records", "enter")
        await pilot.pause()
        assert "Coordination between agencies > Unlinked records" in consensus_on_disk(
            coded_path, unit["document_id"], unit["start"], unit["end"])
        assert screen.status_text.startswith(f"5 of {total} resolved")

        # ctrl+z undoes the recode, then the "both": gone from the file, the units open again
        await press(app, pilot, "ctrl+z")
        await pilot.pause()
        assert consensus_on_disk(coded_path, unit["document_id"], unit["start"], unit["end"]) == set()
        await press(app, pilot, "ctrl+z", "ctrl+z")
        await pilot.pause()
        both = decided["b"]
        assert consensus_on_disk(coded_path, both["document_id"], both["start"], both["end"]) == set()
        assert screen.status_text.startswith(f"2 of {total} resolved")
        assert screen.units[screen.index] is both

    # a restart: the decisions still count, the consensus coder's codings are there
    app = QdaApp(coded_path, "consensus")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AdjudicateScreen(["ana", "luis"], "consensus", unit="sentence"))
        await settle(app, pilot)
        assert app.screen.status_text.startswith(f"2 of {total} resolved")
        assert app.screen.index == 2  # the first open unit
    with qda.open_project(coded_path) as project:
        assert "consensus" in {c.name for c in project.coders()}
        assert len(project.codings(coder="consensus")) == len(ana_codes) + len(set(filter(None, decided["2"]["luis"].split("; "))))


@run
async def test_app_opens_on_adjudication_and_keys_open_the_screens(coded_path):
    from qda.tui.screens.frequencies import FrequenciesScreen

    app = QdaApp(coded_path, "consensus", adjudicate=["ana", "luis"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, AdjudicateScreen) and app.screen.consensus == "consensus"
        await press(app, pilot, "escape", "F")
        await settle(app, pilot)
        assert isinstance(app.screen, FrequenciesScreen)
        await press(app, pilot, "escape", "A")
        await settle(app, pilot)
        assert isinstance(app.screen, AgreementScreen) and app.screen.consensus == "consensus"


@run
async def test_agreement_screen_lets_the_user_choose_coders_and_unit(coded_path):
    from qda.tui.screens.agreement import CHOSEN
    from qda.tui.screens.prompt import Prompt

    CHOSEN.clear()
    app = QdaApp(coded_path, "consensus")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen())
        await settle(app, pilot)
        screen = app.screen
        assert screen.coders == ["ana", "luis"] and screen.unit == "sentence"
        # c: a prompt with the coders; a name that has no codings is refused in words, nothing changes
        await press(app, pilot, "c")
        await settle(app, pilot)
        assert isinstance(app.screen, Prompt)
        app.screen.query_one("Input").value = "ana, nobody"
        await press(app, pilot, "enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.coders == ["ana", "luis"]
        # u: the next unit; the choice holds when the screen is opened again
        await press(app, pilot, "u")
        await settle(app, pilot)
        assert screen.unit == "paragraph" and screen.report.unit == "paragraph"
        await press(app, pilot, "escape")
        await settle(app, pilot)
        app.push_screen(AgreementScreen())
        await settle(app, pilot)
        assert app.screen.unit == "paragraph" and app.screen.coders == ["ana", "luis"]
        assert "Scott π" in [str(column.label) for column in app.screen.table.columns.values()]
