"""Drive the real coding app with the pilot; after each step the file holds exactly what the screen shows."""

from __future__ import annotations

import qda
from qda.tui.app import QdaApp

from .coded_sample import press, run, until


def on_disk(path, coder="ana", document=None):
    """What a second connection reads: (code id, start, end, memo) of the coder's codings."""
    with qda.open_project(path) as project:
        return {(c.code_id, c.start, c.end, c.memo) for c in project.codings(document=document, coder=coder)}


def on_screen(app):
    return {(c.code_id, c.start, c.end, c.memo) for c in app.transcript.codings.values() if c.coder_id == app.me.id}


def assert_consistent(app, path):
    assert on_screen(app) == on_disk(path, document=app.document_id)


@run
async def test_code_remove_undo_redo_memo_switch_search(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.document_name.startswith("P01")
        assert_consistent(app, sample_project_path)
        before = len(app.transcript.codings)

        # select a sentence, code it by quick key
        await press(app, pilot, "s", "s")
        span = app.transcript.selection
        assert span and app.transcript.text[span[0]:span[1]].strip().endswith(".")
        code_1 = app.quick["1"]
        await press(app, pilot, "1")
        await pilot.pause()
        assert (code_1, *span, "") in on_disk(sample_project_path, document=app.document_id)
        assert_consistent(app, sample_project_path)
        assert len(app.transcript.codings) == before + 1

        # the picker: type part of a name, Enter applies
        await press(app, pilot, "c")
        await pilot.pause()
        await press(app, pilot, *"unlinked")
        await pilot.pause()
        await press(app, pilot, "enter")
        await pilot.pause()
        unlinked = app.codebook.find("Unlinked records").id
        assert (unlinked, *span, "") in on_disk(sample_project_path, document=app.document_id)
        assert_consistent(app, sample_project_path)

        # remove one of the two: a choice appears
        await press(app, pilot, "x")
        await pilot.pause()
        await press(app, pilot, "enter")
        await pilot.pause()
        assert len(on_disk(sample_project_path, document=app.document_id)) == before + 1
        assert_consistent(app, sample_project_path)

        # undo brings it back, redo removes it again
        await press(app, pilot, "ctrl+z")
        await pilot.pause()
        assert len(app.transcript.codings) == before + 2
        assert_consistent(app, sample_project_path)
        await press(app, pilot, "ctrl+y")
        await pilot.pause()
        assert len(app.transcript.codings) == before + 1
        assert_consistent(app, sample_project_path)

        # memo on the remaining coding
        await press(app, pilot, "m")
        await pilot.pause()
        await press(app, pilot, *"first mention")
        await press(app, pilot, "ctrl+s")
        await pilot.pause()
        assert any(memo == "first mention" for *_, memo in on_disk(sample_project_path, document=app.document_id))
        assert_consistent(app, sample_project_path)

        # document memo
        await press(app, pilot, "M")
        await pilot.pause()
        await press(app, pilot, *"check dates")
        await press(app, pilot, "ctrl+s")
        await pilot.pause()
        with qda.open_project(sample_project_path) as project:
            assert project.memo("document", app.document_id, "ana") == "check dates"

        # search, next hit
        await press(app, pilot, "slash")
        await pilot.pause()
        await press(app, pilot, *"police", "enter")
        await pilot.pause()
        first = app.transcript.selection
        assert first and app.transcript.text[first[0]:first[1]].lower() == "police"
        await press(app, pilot, "n")
        assert app.transcript.selection[0] > first[0]

        # switch documents
        first_document = app.document_id
        await press(app, pilot, "d")
        await pilot.pause()
        await press(app, pilot, "down", "enter")
        await pilot.pause()
        assert app.document_id != first_document
        assert_consistent(app, sample_project_path)
        await press(app, pilot, "t", "2")
        await pilot.pause()
        assert_consistent(app, sample_project_path)
        assert not app._exception


@run
async def test_t_and_p_select_what_the_speaker_said_not_the_label(sample_project_path):
    """t (and p on a turn's first paragraph) selected from the turn's label, so "INTERVIEWER: ..." was
    coded and quoted with its label; s never took it."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text, turns = app.transcript.text, app.transcript.turns
        for key in ("t", "p", "s"):
            await press(app, pilot, key)
            start, end = app.transcript.selection
            turn = next(t for t in turns if t[0] <= start < t[1])
            label = text[turn[0]:start]
            assert label.strip() in ("", f"{turn[2]}:"), (key, label)
            assert not text[start:end].startswith(f"{turn[2]}:"), (key, text[start:end])
        await press(app, pilot, "t", "t")
        start, _end = app.transcript.selection
        turn = next(t for t in turns if t[0] <= start < t[1])
        assert text[turn[0]:start] == f"{turn[2]}: " and start > turn[0]


@run
async def test_coding_is_committed_before_it_is_shown(sample_project_path, monkeypatch):
    """The span is drawn only after a second connection can already read the coding."""
    from qda.tui.widgets.transcript import Transcript

    seen: list[bool] = []
    original = Transcript.add_coding

    def spy(self, coding):
        with qda.open_project(sample_project_path) as other:
            seen.append(any(c.id == coding.id for c in other.codings(document=coding.document_id)))
        original(self, coding)

    monkeypatch.setattr(Transcript, "add_coding", spy)
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "1", "s", "2")
        await pilot.pause()
    assert seen == [True, True]


@run
async def test_reopens_where_the_coder_left_off_and_undo_survives_restart(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(app, pilot, "d", "down", "down", "enter")
        await pilot.pause()
        await press(app, pilot, "t", "t", "3")
        await pilot.pause()
        document, cursor = app.document_id, app.transcript.cursor
        count = len(app.transcript.codings)
        await press(app, pilot, "ctrl+q")
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.document_id == document
        assert app.transcript.cursor == cursor
        await press(app, pilot, "ctrl+z")
        await pilot.pause()
        assert len(app.transcript.codings) == count - 1
        assert_consistent(app, sample_project_path)


@run
async def test_errors_are_notifications(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await press(app, pilot, "ctrl+z")  # nothing of ana's to undo beyond the sample? never crashes
        await press(app, pilot, "x")  # maybe nothing under the cursor
        await press(app, pilot, "n")  # no search yet
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "no search yet: press / to search" in messages        # the user error, in words
        assert not any(m.startswith("Something went wrong") for m in messages)  # and no bug behind any key
        assert app.is_running


@run
async def test_views_autocode_and_tree_editing(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        mine = len(app.transcript.codings)
        await press(app, pilot, "v")  # all coders
        await pilot.pause()
        assert app.view == "all" and len(app.transcript.codings) >= mine
        for _ in range(10):
            if app.view == "mine":
                break
            await press(app, pilot, "v")
        assert app.view == "mine"
        # auto-code "police" sentences in this document with the highlighted code
        app.tree.highlight(app.quick["1"])
        await pilot.pause()
        await press(app, pilot, "a")
        await pilot.pause()
        await press(app, pilot, *"comisaría")
        screen = app.screen
        await until(pilot, lambda: screen.preview_current and screen.spans, "the preview")  # computed in a thread
        await press(app, pilot, "ctrl+s")
        await pilot.pause()
        assert len(app.transcript.codings) > mine
        assert_consistent(app, sample_project_path)
        await press(app, pilot, "ctrl+z")  # one action undoes them all
        await pilot.pause()
        assert len(app.transcript.codings) == mine
        # rename the highlighted code from the tree
        code_id = app.quick["1"]
        app.tree.focus()
        await pilot.pause()
        await press(app, pilot, "e")
        await pilot.pause()
        await press(app, pilot, "ctrl+u", *"Mistrust", "enter")
        await pilot.pause()
        with qda.open_project(sample_project_path) as project:
            assert project.codebook.by_id[code_id].name == "Mistrust"
        assert app.codebook.by_id[code_id].name == "Mistrust"


@run
async def test_details_pane_toggles_and_takes_the_trees_place_when_narrow(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        details, left = app.query_one("#details"), app.query_one("#left")
        assert left.display and not details.display          # narrow: no room for three panes
        app.query_one("#codes").focus()
        await press(app, pilot, "escape")                           # the tree's "back to text"
        await press(app, pilot, "s")                                # select a sentence...
        await press(app, pilot, "1")                                # ...and code it, so the details have a coding to show
        await press(app, pilot, "i")
        await pilot.pause()
        assert details.display and not left.display
        assert details.region.width > 0 and app.transcript.region.width >= 40
        shown = "\n".join(str(line.text) for line in details.render_lines(details.region.reset_offset))
        assert app.codebook.by_id[app.quick["1"]].name in shown
        await press(app, pilot, "i")
        await pilot.pause()
        assert left.display and not details.display
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        details = app.query_one("#details")
        width = app.transcript.region.width
        assert details.display
        await press(app, pilot, "i")
        await pilot.pause()
        assert not details.display and app.query_one("#left").display
        assert app.transcript.region.width > width            # the text takes the room
