"""The keyword-in-context and memo screens in the real app, on a copy of the coded sample.

What each shows is checked against the library (the same functions `qda kwic` and `qda memos`
print); Enter lands on the hit or the memo's passage in the transcript; auto-coding the hits
writes them as one undoable action."""

from __future__ import annotations

import pytest

import qda
from qda.analysis.concordance import concordance
from qda.analysis.memos import memos
from qda.tui.app import QdaApp
from qda.tui.screens.concordance import AutocodePreview, ConcordanceScreen
from qda.tui.screens.memos import MemosScreen

from .coded_sample import run, settle

pytestmark = pytest.mark.timeout(120)


@run
async def test_concordance_lists_hits_sorts_and_enter_goes_to_one(coded_path):
    with qda.open_project(coded_path) as project:
        expected = concordance(project, "familia", context=8)
        by_right = concordance(project, "familia", context=8, sort="right")
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ConcordanceScreen("familia"))
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        assert [h["ref"] for h in screen.hits] == list(expected["ref"])
        assert screen.table.row_count == len(expected) and f"{len(expected)} hits" in screen.status_text
        await pilot.press("s")  # left context
        await settle(app, pilot)
        await pilot.press("s")  # right context
        await settle(app, pilot)
        assert screen.sort == "right" and [h["start"] for h in screen.hits] == list(by_right["start"])
        screen.table.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = screen.hits[1]
        assert app.screen is app.screen_stack[0]
        assert app.document_id == chosen["document_id"]
        assert app.transcript.selection == (chosen["start"], chosen["end"])


@run
async def test_auto_coding_the_hits_after_a_preview_is_one_undo(coded_path):
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = len(app.project.codings(coder="ana"))
        code_id = app.codebook.codes[0].id
        app.push_screen(ConcordanceScreen("comisaría"))
        await settle(app, pilot)
        screen = app.screen
        from qda.analysis.concordance import hits_by_document
        from qda.autocode import plan_autocode

        plan = plan_autocode(app.project, hits_by_document(screen.frame_of_hits()).items(), "sentence", code_id,
                             app.me.id, names=True)
        screen.confirm(plan)
        await pilot.pause()
        assert isinstance(app.screen, AutocodePreview)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        after = app.project.codings(coder="ana")
        assert len(after) == before + len(plan.spans) and len(plan.spans) > 0
        app.project.undo("ana")
        assert len(app.project.codings(coder="ana")) == before


@run
async def test_memo_list_searches_and_goes_to_the_passage(coded_path):
    with qda.open_project(coded_path) as project:
        every = memos(project)
        found = memos(project, search="in vivo")
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MemosScreen())
        await settle(app, pilot)
        screen = app.screen
        assert screen.table.row_count == len(every) > 0
        screen.query_one("#memos-search").value = "in vivo"
        await settle(app, pilot)
        assert [r["ref"] for r in screen.rows] == list(found["ref"]) and 0 < len(found) < len(every)
        assert "_" not in " ".join(r["attached_to"] for r in screen.rows)  # cited, not named
        screen.table.focus()
        await pilot.press("enter")
        await pilot.pause()
        chosen = screen.rows[0]
        assert app.screen is app.screen_stack[0]
        assert app.transcript.selection == (chosen["start"], chosen["end"])


@run
async def test_k_and_w_open_the_screens_from_the_transcript(coded_path):
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.transcript.focus()
        await pilot.press("K")
        await settle(app, pilot)
        assert isinstance(app.screen, ConcordanceScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("W")
        await settle(app, pilot)
        assert isinstance(app.screen, MemosScreen) and app.screen.table.row_count > 0
