"""Killing qda right after a coding is shown loses nothing.

A child process runs the real app, codes a sentence by quick key, and prints
SHOWN as soon as the transcript draws the new coding; the parent then kills
it with SIGKILL (no clean-up, no atexit) and reads the project file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import qda

CHILD = textwrap.dedent(
    """
    import asyncio, sys, time
    from qda.tui.app import QdaApp

    async def main(path):
        app = QdaApp(path, "ana")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("s", "s", "1")
            while not any(c.coder_id == app.me.id for c in app.transcript.codings.values()):
                await asyncio.sleep(0.001)
            span = app.transcript.selection
            print("SHOWN", app.quick["1"], span[0], span[1], flush=True)
            time.sleep(60)  # the parent kills us here

    asyncio.run(main(sys.argv[1]))
    """
)


def test_sigkill_right_after_a_coding_is_shown_loses_nothing(sample_project_path):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(sample_project_path)], stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    assert line.startswith("SHOWN"), line
    _, code_id, start, end = line.split()
    assert child.returncode == -signal.SIGKILL
    with qda.open_project(sample_project_path) as project:
        kept = {(c.code_id, c.start, c.end) for c in project.codings(coder="ana")}
    assert (code_id, int(start), int(end)) in kept
