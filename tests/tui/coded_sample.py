"""Helpers for the tests that drive the app on the coded sample (fixtures in tests/conftest.py)."""

from __future__ import annotations

import asyncio
import functools




def run(test):
    """Run an async test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(app, pilot) -> None:
    """Let the thread workers finish and their results reach the screen."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def keys_done(app, pilot, timeout: float = 60.0) -> None:
    """Wait until the app has handled every key sent (the key gate holds keys while screens
    open; on a busy machine that outlasts the pilot's own wait) and its workers are done."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while app._message_queue.qsize() or not app.keys_settled:
        assert loop.time() < deadline, "a key is still held or a dialog still open after the timeout"
        await asyncio.sleep(0.02)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def press(app, pilot, *keys: str) -> None:
    """``pilot.press`` that returns once the keys have acted."""
    await pilot.press(*keys)
    await keys_done(app, pilot)
