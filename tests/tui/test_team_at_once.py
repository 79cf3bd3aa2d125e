"""Two coding apps and ten writing processes on one project at once lose nothing (issue 17).

Each app is the real QdaApp in a process of its own, driven by the pilot: it codes sentence
after sentence by quick key, waiting each time until the transcript shows the coding, and
prints what it was shown.  Ten more processes add codings through the library meanwhile.
Afterwards the project holds every coding an app showed and every coding a process added,
once each.  On the file and, through the parametrised fixture, on a PostgreSQL server."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import textwrap

import qda

CODINGS_AN_APP = 10
WRITERS, CODINGS_A_WRITER = 10, 25

APP = textwrap.dedent(
    """
    import asyncio, json, sys
    from qda.tui.app import QdaApp

    async def main(path, coder, count):
        app = QdaApp(path, coder)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            def shown():
                return sorted((c.code_id, c.start, c.end) for c in app.transcript.codings.values()
                              if c.coder_id == app.me.id)
            for i in range(count):
                await pilot.press("s", "1")
                for _ in range(12000):  # up to two minutes on a loaded machine
                    if len(shown()) > i:
                        break
                    await asyncio.sleep(0.01)
                else:
                    sys.exit(f"coding {i + 1} never appeared")
            print(json.dumps(shown()), flush=True)

    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
    """
)


def _write(path: str, coder: str, count: int) -> None:
    with qda.open_project(path) as project:
        for i in range(count):
            project.add_coding("P01_police_limanorte", "Shame", 5 * i, 5 * i + 12, coder)


def test_two_apps_and_ten_processes_coding_at_once_lose_nothing(sample_project_path):
    path = str(sample_project_path)
    apps = {coder: subprocess.Popen([sys.executable, "-c", APP, path, coder, str(CODINGS_AN_APP)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for coder in ("ana", "luis")}
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write, args=(path, f"writer{i}", CODINGS_A_WRITER)) for i in range(WRITERS)]
    for writer in writers:
        writer.start()
    shown = {}
    for coder, app in apps.items():
        out, err = app.communicate(timeout=600)
        assert app.returncode == 0, err[-2000:]
        shown[coder] = {tuple(row) for row in json.loads(out.strip().splitlines()[-1])}
    for writer in writers:
        writer.join(600)
    assert [writer.exitcode for writer in writers] == [0] * WRITERS

    with qda.open_project(sample_project_path) as project:
        for coder in ("ana", "luis"):
            kept = [(c.code_id, c.start, c.end) for c in project.codings(coder=coder)]
            assert len(shown[coder]) == CODINGS_AN_APP
            assert sorted(kept) == sorted(shown[coder])  # every shown coding kept, none doubled
        table = project.codings_table(with_text=False)
    per_writer = table[table["coder"].str.startswith("writer")].groupby("coder").size()
    assert per_writer.to_dict() == {f"writer{i}": CODINGS_A_WRITER for i in range(WRITERS)}
    assert not table.duplicated(["coder", "code_id", "start", "end"]).any()
