"""Keys typed faster than screens mount: each lands where the user meant it (issue 15, item 1).

The keys are posted to the app in one burst, as a terminal delivers a fast typist's
or a paste's keys, without waiting between them; the tests then wait until the app
has handled every key (``keys_settled``) and compare the project file."""

from __future__ import annotations

import random

import pytest

import qda
from qda.tui.app import QdaApp

from .coded_sample import CAP, burst, keys_done, run

# About keys, not storage: bursts of keys against the key gate's timeout, on the file engine only
# (on a loaded machine the server's round trips pushed the random burst past that timeout).
pytestmark = pytest.mark.file_only


async def settled(app, pilot, timeout: float = CAP) -> None:
    await keys_done(app, pilot, timeout)


def codings_of(path, coder="ana"):
    with qda.open_project(path) as project:
        return {(c.document_id, c.code_id, c.start, c.end) for c in project.codings(coder=coder)}


@run
async def test_go_to_typed_ahead_goes_to_the_offset_and_writes_nothing(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = codings_of(sample_project_path)
        burst(app, ["g", *"432", "enter"])
        await settled(app, pilot)
        assert codings_of(sample_project_path) == before
        assert app.transcript.cursor == 432
        assert len(app.screen_stack) == 1


@run
async def test_undo_typed_after_a_dialog_reaches_the_app_not_the_dialog(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = codings_of(sample_project_path)
        burst(app, ["s", "1", "g", *"900", "enter", "ctrl+z"])
        await settled(app, pilot)
        assert codings_of(sample_project_path) == before  # the one coding meant, then undone
        assert app.transcript.cursor == 900


DIALOG_OPENERS = [  # keys that open a dialog on the transcript, and the keys that close it unchanged
    ("g", "escape"), ("slash", "escape"), ("c", "escape"), ("M", "escape escape"), ("d", "escape"), ("a", "escape"),
    ("F", "escape"), ("O", "escape"), ("question_mark", "escape"),
]  # a memo typed into asks a second Esc before it throws the typing away (test_memo_escape.py)


@pytest.mark.timeout(900)  # ~100 keys, each opening or filling a dialog: minutes on a machine loaded tenfold
@run
async def test_no_burst_of_keys_writes_a_coding_the_user_did_not_mean(sample_project_path):
    """Random bursts: dialogs opened and filled with digits (which are quick keys on the
    transcript), mixed with digits meant for the transcript.  Only the meant ones code."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = codings_of(sample_project_path)
        quick = dict(app.quick)
        chooser = random.Random(15)
        keys, meant = [], 0
        for _ in range(24):
            if chooser.random() < 0.3:
                keys += ["s", chooser.choice("123")]  # the next sentence, coded by a quick key: meant
                meant += 1
            else:
                opener, closer = chooser.choice(DIALOG_OPENERS)
                keys += [opener, *chooser.choices("123456789", k=chooser.randint(1, 4)), *closer.split()]
        burst(app, keys)
        await settled(app, pilot, timeout=5 * len(keys))
        added = codings_of(sample_project_path) - before
        assert len(added) == meant
        assert {code for _, code, _, _ in added} <= {quick[k] for k in "123"}
        assert len(app.screen_stack) == 1
        assert app.focused is app.transcript


def single_keys(bindings) -> list[str]:
    """The keys of ``bindings`` a person types on the transcript (letters and signs, not the
    quick keys' digits, not ctrl+ chords, not Esc), each once, in the order bound."""
    keys: list[str] = []
    for binding in bindings:
        for key in binding.key.split(","):
            if key not in keys and not key.isdigit() and "+" not in key and key not in ("escape", "enter", "tab"):
                keys.append(key)
    return keys


async def ready(app, pilot) -> None:
    """The coding screen alone, showing one's own codings, the first sentence selected and coded
    by one's self (so that memo, recode and remove ask which coding), whatever the key before did."""
    from .coded_sample import press

    for _ in range(4):
        if len(app.screen_stack) == 1:
            break
        await press(app, pilot, "escape")
    assert len(app.screen_stack) == 1, f"{app.screen!r} did not close with Esc"
    for _ in range(len(app.coder_names) + 2):
        if app.view == "mine":
            break
        await press(app, pilot, "v")
    app.transcript.focus()
    await press(app, pilot, "ctrl+home", "s")
    if not any(c.coder_id == app.me.id for c in app.transcript.codings_at(*app.transcript.selection)):
        await press(app, pilot, "1")


@pytest.mark.timeout(900)  # every key of the app in turn, twice: minutes on a machine loaded tenfold
@run
async def test_every_key_that_opens_a_screen_owns_the_digits_typed_after_it(sample_project_path):
    """Not a hand-made list: every key bound on the coding screen is tried, and each one that
    opens a screen (found by typing it at a person's pace) is then typed in one burst with
    digits (quick keys on the transcript) and Esc after it.  No burst writes a coding."""
    from qda.tui.widgets.transcript import Transcript

    from .coded_sample import press

    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        openers = []
        for key in single_keys([*app.BINDINGS, *Transcript.BINDINGS]):
            await ready(app, pilot)
            await press(app, pilot, key)
            if len(app.screen_stack) > 1:
                openers.append(key)
        # The screens issue 15 names (go to, picker, recode, memo, search, new code via the picker, documents)
        # and the analysis screens are among them: the discovery did find the dialogs.
        assert {"g", "c", "r", "m", "M", "slash", "d", "a", "F", "O", "question_mark"} <= set(openers), openers
        for key in openers:
            await ready(app, pilot)
            before = codings_of(sample_project_path)
            burst(app, [key, "1", "2", "3"])
            await settled(app, pilot)
            assert codings_of(sample_project_path) == before, f"digits typed after {key!r} wrote a coding"
