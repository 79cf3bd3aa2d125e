"""A researcher's own regular expression cannot freeze the app (qda/user_patterns.py).

The app's ``re:`` search ran the pattern with Python's ``re`` in the app's event loop: a pattern
that backtracks without end (``(a|aa)+$`` over a run of a's, which a transcript of laughter or a
held note can hold) froze the app for minutes; nothing could be typed, not even Esc.  The
auto-code dialog ran it in a thread worker, but ``re`` holds the GIL, so the app froze there too.
Now the pattern runs in a thread with ``regex``'s CPU-time bound: the app keeps drawing, and the
user reads that the pattern takes too long on the document; auto-coding offers nothing."""

from __future__ import annotations

import pytest

import qda
from qda.ingest import import_files
from qda.tui.app import QdaApp

from .coded_sample import codings_of, press, run, until

RUN = "a" * 300  # fictional: a transcriber's "aaaa..." of a held scream
TEXT = f"ANA: We waited at the door. {RUN}! Nobody opened.\n\nLUIS: Then we left for the fiscal.\n"
SLOW = "(a|aa)+$"  # each a alone or in a pair: as many ways to split the run as Fibonacci numbers


@pytest.fixture
def held_note(tmp_path):
    path = tmp_path / "held.qda"
    (tmp_path / "P01_held.txt").write_text(TEXT, encoding="utf-8")
    with qda.create_project(path) as project:
        import_files(project, [tmp_path / "P01_held.txt"], language="en")
        project.add_code("Waiting")
    return path


@pytest.mark.timeout(240)  # on main the search never ended: the test fails here instead of hanging
def test_a_pattern_that_backtracks_without_end_is_refused_and_the_app_draws_meanwhile(held_note):
    @run
    async def check():
        app = QdaApp(held_note, "ana")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            ticks, said = [], []  # said: each notification's message, in the order first seen

            def tick():
                ticks.append(1)
                said.extend(m for m in (str(n.message) for n in app._notifications) if m not in said)
            app.set_interval(0.05, tick)
            await press(app, pilot, "slash")
            await pilot.pause()
            ticks.clear()
            await press(app, pilot, *f"re:{SLOW}", "enter")
            await until(pilot, lambda: any("takes too long" in str(n.message) for n in app._notifications),
                        "the refusal")
            message = next(str(n.message) for n in app._notifications if "takes too long" in str(n.message))
            tick()
            searching = f"searching P01_held for 're:{SLOW}'… (2 s at most)"
            assert searching in said and said.index(searching) < said.index(message), said
            assert SLOW in message and "P01_held" in message and "more specific" in message
            assert len(ticks) >= 5, "the app's timers stopped while the pattern ran"
            assert app.hits == []
            # the app still answers: a plain search finds its word
            await press(app, pilot, "slash")
            await pilot.pause()
            await press(app, pilot, *"fiscal", "enter")
            selection = app.transcript.selection
            assert selection and app.transcript.text[selection[0]:selection[1]] == "fiscal"
    check()


@pytest.mark.timeout(240)
def test_auto_coding_with_such_a_pattern_codes_nothing_and_says_why(held_note):
    @run
    async def check():
        app = QdaApp(held_note, "ana")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            before = codings_of(held_note)
            app.tree.highlight(next(iter(app.codebook.paths)))
            await press(app, pilot, "a")
            await pilot.pause()
            screen = app.screen
            screen.query_one("#autocode-regex").value = True
            await press(app, pilot, *SLOW)
            await until(pilot, lambda: screen.preview_current and "takes too long" in str(
                screen.query_one("#autocode-preview").render()), "the refusal in the preview")
            assert screen.spans == []
            await press(app, pilot, "ctrl+s")
            assert codings_of(held_note) == before
    check()
