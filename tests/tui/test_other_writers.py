"""An open app shows what other processes commit, without moving the cursor (issue 19, item 4)."""

from __future__ import annotations

import asyncio

import pytest

import qda
from qda.tui.app import OTHERS_POLL, QdaApp

from .coded_sample import press, run

# On a server, a teammate's commit reaches the app by LISTEN/NOTIFY through the same refresh path.
pytestmark = pytest.mark.both_engines


async def until(condition, pilot, seconds: float = 10.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
        await pilot.pause()
    return condition()


@run
async def test_codings_added_and_removed_elsewhere_appear_and_vanish(sample_project_path):
    app = QdaApp(sample_project_path, "ana", view="all")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(app, pilot, "g", *"2000", "enter")
        await pilot.pause()
        cursor, top = app.transcript.cursor, app.transcript.scroll_offset.y
        code = app.quick["3"]
        with qda.open_project(sample_project_path) as other:  # another connection: another coder's terminal
            coding = other.add_coding(app.document_id, code, 1990, 2040, "luis")
        assert await until(lambda: coding.id in app.transcript.codings, pilot)
        assert app.tree.doc_counts.get(code, 0) >= 1
        assert (app.transcript.cursor, app.transcript.scroll_offset.y) == (cursor, top)

        with qda.open_project(sample_project_path) as other:
            other.remove_coding(coding.id, "luis")
        assert await until(lambda: coding.id not in app.transcript.codings, pilot)
        assert app.transcript.cursor == cursor


@run
async def test_own_codings_made_by_another_process_show_too(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with qda.open_project(sample_project_path) as other:  # `qda codings --add` as ana, say
            coding = other.add_coding(app.document_id, app.quick["1"], 300, 340, "ana")
            renamed = other.rename_code(app.quick["1"], "Renamed elsewhere", "ana")
        assert await until(lambda: coding.id in app.transcript.codings, pilot, seconds=OTHERS_POLL * 20)
        assert await until(lambda: app.codebook.by_id[renamed.id].name == "Renamed elsewhere", pilot)
