"""Helpers for the tests that drive the app on the coded sample (fixtures in tests/conftest.py).

Tests wait for what they assert, never for a number of rounds: on a machine shared with
other work, the key gate (qda/tui/keygate.py) may hold keys for seconds while a dialog
mounts, and a screen's thread worker may take longer still.  Every wait has a generous cap."""

from __future__ import annotations

import asyncio
import functools

CAP = 120.0  # seconds any wait may take before the test fails (far above an idle machine's tenths)


def run(test):
    """Run an async test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


CHARACTERS = {"enter": "\r", "escape": "\x1b", "slash": "/", "question_mark": "?", "space": " "}


def burst(app, keys) -> None:
    """Post every key to the app at once, as a terminal delivers a fast typist's or a paste's keys."""
    from textual import events

    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app.post_message(event)


def _quiet(app) -> bool:
    """Nothing left to happen without the user: no key held or travelling, no message or
    after-refresh callback waiting in the app or any screen (the footer redraws its keys
    after a refresh), no worker running but the dialog flows waiting for their answer."""
    if app._message_queue.qsize() or app._next_callbacks or not app.keys_settled:
        return False
    for screen in app.screen_stack:
        if screen._callbacks:
            return False
        for node in screen.walk_children(with_self=True):
            if not node.is_mounted or not node._message_queue.empty() or node._next_callbacks:
                return False
    return all(worker.is_finished or app.waiting_for_the_user(worker) for worker in app.workers)


async def keys_done(app, pilot, timeout: float = CAP) -> None:
    """Wait until the app has handled every key sent and its workers are done, but for the
    dialog flows whose dialog is open (those end only when the test answers them).  Quiet
    twice in a row, so that what a finishing worker posts is counted too."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    quiet_rounds = 0
    while quiet_rounds < 2:
        assert loop.time() < deadline, f"a key is still held, or a worker still running, after {timeout} s"
        await asyncio.sleep(0.02)
        quiet_rounds = quiet_rounds + 1 if _quiet(app) else 0
    await pilot.pause()


async def settle(app, pilot) -> None:
    """Let the keys act, the thread workers finish and their results reach the screen."""
    await keys_done(app, pilot)


async def until(pilot, condition, what: str, timeout: float = CAP):
    """Wait for what a test asserts (``condition()`` true), polling, up to ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (result := condition()):
        assert loop.time() < deadline, f"still waiting for {what} after {timeout} s"
        await pilot.pause(0.02)
    return result


async def press(app, pilot, *keys: str) -> None:
    """``pilot.press`` that returns once the keys have acted."""
    await pilot.press(*keys)
    await keys_done(app, pilot)


def codings_of(path, coder="ana") -> set[tuple[str, int, int]]:
    """(code id, start, end) of every coding of ``coder`` in the project file, read afresh."""
    import qda

    with qda.open_project(path) as project:
        return {(c.code_id, c.start, c.end) for c in project.codings(coder=coder)}
