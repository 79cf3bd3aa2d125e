"""What a first long day with the app showed (tmux, 80x24 and 120x40, keys typed in bursts),
each pinned in the real app on a real project file: the document list puts the coder's progress
where 80 columns still show it, the memo list shows the highlighted memo whole, and a hint to
make a document set names the project it is about."""

from __future__ import annotations

import pytest

import qda
from qda.analysis.memos import memos
from qda.tui.app import QdaApp
from qda.tui.screens.documents import DocumentsScreen
from qda.tui.screens.memos import MemosScreen

from .coded_sample import press, run, settle, until

pytestmark = pytest.mark.timeout(180)


@run
async def test_the_document_list_shows_the_coders_progress_at_80_columns(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "1")  # one coding in the open document
        await press(app, pilot, "d")
        screen = await until(pilot, lambda: isinstance(app.screen, DocumentsScreen) and app.screen, "the document list")
        table = screen.query_one("#documents-table")
        await until(pilot, lambda: table.row_count > 0, "its rows")
        labels = [str(column.label) for column in table.ordered_columns]
        shown = table.scrollable_content_region.width
        right_edge = {}
        x = 0
        for column, label in zip(table.ordered_columns, labels):
            x += column.get_render_width(table)
            right_edge[label] = x
        assert right_edge["mine"] <= shown and right_edge["all"] <= shown, (right_edge, shown)
        row = table.get_row(app.document_id)
        assert row[labels.index("mine")] == "1"


@run
async def test_the_memo_list_shows_the_highlighted_memo_whole(coded_path):
    with qda.open_project(coded_path) as project:
        every = memos(project)
    longest = max(every["memo"], key=len)
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "W")
        screen = await until(pilot, lambda: isinstance(app.screen, MemosScreen) and app.screen, "the memo list")
        await settle(app, pilot)
        index = next(i for i, row in enumerate(screen.rows) if row["memo"] == longest)
        cell = str(screen.table.get_row_at(index)[-1])
        assert cell.endswith("…") and len(cell) < len(longest), "the row cuts the memo at 80 columns"
        screen.table.move_cursor(row=index)
        await settle(app, pilot)
        whole = screen.query_one("#memo-whole")
        assert " ".join(longest.split()) in " ".join(str(whole.content).split())
        assert whole.region.height > 0 and whole.region.bottom <= app.size.height


@run
async def test_the_set_hint_names_the_project(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "d")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen), "the document list")
        await press(app, pilot, "s")
        messages = [n.message for n in app._notifications]
        assert any(f"qda sets {app.project.path} --add" in m for m in messages), messages


@run
async def test_escape_from_the_tree_clears_the_filter_that_led_there(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        everything = len(app.tree.nodes_by_code)
        await press(app, pilot, "f", *"police", "enter")
        code_filter = app.query_one("#code-filter")
        assert app.focused is app.tree and len(app.tree.nodes_by_code) < everything
        await press(app, pilot, "escape")
        assert app.focused is app.transcript and code_filter.value == ""
        assert len(app.tree.nodes_by_code) == everything


@run
async def test_removing_and_recoding_say_what_happened_at_80_columns(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "1")
        span = app.transcript.selection
        first, second = app.quick["1"], app.quick["2"]
        await press(app, pilot, "r")
        picker = await until(pilot, lambda: app.screen is not app.screen_stack[0] and app.screen, "the code picker")
        picker.query_one("Input").value = app.codebook.by_id[second].name
        await press(app, pilot, "enter")
        await until(pilot, lambda: any(c.code_id == second for c in app.transcript.codings.values()), "the recode")
        messages = [n.message for n in app._notifications]
        quoted = f"\u201c{' '.join(app.transcript.text[span[0]:span[1]].split()[:3])}"  # the passage, in words
        assert any(m.startswith(f"Recoded {quoted}") and f" as {app.codebook.paths[second]} "
                   f"(was {app.codebook.paths[first]})" in m for m in messages), messages
        await press(app, pilot, "x")
        await until(pilot, lambda: not app.transcript.codings_at(*span) or all(
            c.coder_id != app.me.id for c in app.transcript.codings_at(*span)), "the removal")
        messages = [n.message for n in app._notifications]
        assert any(m.startswith(f"Removed {app.codebook.paths[second]} from {quoted}") and
                   m.endswith("\u201d · ctrl+z brings it back") for m in messages), messages


@run
async def test_coding_in_another_coders_view_says_how_many_v_lead_back(coded_path):
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        others = [c.name for c in app.project.coders() if c.name != "ana"]
        assert len(others) >= 1
        await press(app, pilot, "v", "v")  # mine -> all -> the first other coder
        assert app.view not in ("mine", "all")
        before = len(app.project.codings(coder="ana"))
        await press(app, pilot, "s", "1")
        expected = {1: "press v to", 2: "press v twice to"}.get(len(others), f"press v {len(others)} times to")
        assert any(expected in n.message for n in app._notifications), [n.message for n in app._notifications]
        for _ in range(len(others)):
            await press(app, pilot, "v")
        assert app.view == "mine" and len(app.project.codings(coder="ana")) == before


@run
async def test_agreement_on_one_shared_document_says_one_document(coded_path):
    from qda.tui.screens.agreement import AgreementScreen

    with qda.open_project(coded_path) as project:
        first = project.documents()[0]
        sentence = project.units(first.id, "sentence")[3]
        project.add_coding(first.id, project.codebook.codes[2].id, sentence.start, sentence.end, "rosa")
        left_out = len(project.documents()) - 1
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "A")
        screen = await until(pilot, lambda: isinstance(app.screen, AgreementScreen) and app.screen, "the agreement screen")
        await until(pilot, lambda: "left out" in screen.status_text, "the agreement figures")
        assert " · 1 document · " in screen.status_text, screen.status_text
        assert f" · {left_out} documents left out" in screen.status_text, screen.status_text


@run
async def test_a_coding_after_an_analysis_screen_reaches_other_processes(tmp_path, sample_project_template):
    """The frequencies screen reads on a connection of its own in the app's process; a `qda` command
    run meanwhile in another terminal must still see every coding the app shows (file projects)."""
    import shutil
    import subprocess
    import sys

    from qda.tui.screens.frequencies import FrequenciesScreen

    path = tmp_path / "study.qda"
    shutil.copyfile(sample_project_template, path)
    count = "import qda, sys\nwith qda.open_project(sys.argv[1]) as p: print(len(p.codings(coder='ana')))"

    def seen_elsewhere() -> int:
        return int(subprocess.run([sys.executable, "-c", count, str(path)], check=True, capture_output=True,
                                  text=True).stdout)

    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "F")
        screen = await until(pilot, lambda: isinstance(app.screen, FrequenciesScreen) and app.screen, "frequencies")
        await until(pilot, lambda: not screen.computing, "the frequencies")
        await press(app, pilot, "escape")
        assert seen_elsewhere() == 0
        await press(app, pilot, "s", "1")
        assert len(app.project.codings(coder="ana")) == 1
        assert seen_elsewhere() == 1


@run
async def test_quotes_of_the_passage_just_coded(sample_project_path):
    from qda.tui.screens.quotes import QuotesScreen

    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "s", "3")  # the second sentence, coded: the cursor is at its end
        assert app.tree.highlighted_code is None  # as after a start: the passage decides
        await press(app, pilot, "Q")
        screen = await until(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen, "the quotes")
        assert screen.code_id == app.quick["3"]
