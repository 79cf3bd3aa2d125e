"""Latency of the coding app on a large transcript: open, apply a code by quick key, page scroll.

Builds (seeded) a project with one 100,000-word interview and 5,000 codings,
then drives the real app headless with the pilot and prints one line per figure.

    python benchmarks/tui_latency.py [--presses 200] [--keep DIR]

Goals: open <= 500 ms, scroll <= 50 ms (issue 4); apply by quick key <= 16 ms median (issue 15).
"""

from __future__ import annotations

import argparse
import os
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

import qda
from qda.ingest import import_files

WORDS = ("police station report family court woman violence officer shelter protection order judge prosecutor "
         "psychologist hearing complaint evidence forensic exam case file month year help support waited told said "
         "never always came went the a of and to in that it was for on with as at by").split()


def build(folder: Path, words: int = 100_000, codings: int = 5_000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    lines, count, turn = [], 0, 0
    while count < words:
        speaker = "INTERVIEWER" if turn % 2 == 0 else "P99"
        sentences = []
        for _ in range(rng.randint(1, 6) if turn % 2 else 1):
            n = rng.randint(6, 22)
            sentence = " ".join(rng.choice(WORDS) for _ in range(n))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            count += n
        lines.append(f"{speaker}: {' '.join(sentences)}")
        turn += 1
    source = folder / "big_interview.txt"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "big.qda"
    from qda.sample import sample_files

    with qda.create_project(path, sample_files().codebook) as project:
        import_files(project, [source], language="en")
        document = project.documents()[0]
        sentences = project.units(document.id, "sentence")
        leaves = [c.id for c, _ in project.codebook.walk() if not project.codebook.children(c.id)]
        rows = []
        for _ in range(codings):
            first = rng.randrange(len(sentences) - 3)
            last = first + rng.choice((0, 0, 0, 1, 2))
            rows.append((document.id, rng.choice(leaves), sentences[first].start, sentences[last].end))
        project.add_codings(rows, "bench")
    return path


def timed_app(path: Path):
    """The real app, stamping when a key arrives and when the next frame showing a redrawn transcript row is out."""
    from rich.console import Console
    from textual import events

    from qda.tui.app import QdaApp

    class TimedApp(QdaApp):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.created = time.perf_counter()
            self.key_time: float | None = None
            self.key_cpu = 0.0
            self.cpu: list[float] = []  # CPU seconds of the app's thread from the key to the frame
            self.renders_at_key = 0
            self.latencies: list[float] = []
            # the first frame with the details pane redrawn too (it follows the coded text by a frame)
            self.settle_time: float | None = None
            self.draws_at_key = 0
            self.settled: list[float] = []
            self.settled_cpu: list[float] = []
            self.opened: float | None = None
            self.sink = Console(file=open(os.devnull, "w"), force_terminal=True, width=120, height=40)

        async def on_event(self, event) -> None:
            # A key is stamped when it first reaches the app, before the key gate (qda.tui.keygate)
            # passes it on, so the gate's own hop is part of the figure.
            if isinstance(event, events.Key) and not getattr(event, "_qda_gated", False):
                self.key_time = self.settle_time = time.perf_counter()
                self.key_cpu = time.thread_time()
                self.renders_at_key = self.transcript.renders
                self.draws_at_key = self._details.draws
            await super().on_event(event)

        def _display(self, screen, renderable) -> None:
            if renderable is not None:
                segments = renderable.render_segments(self.sink) if hasattr(renderable, "render_segments") else None
                now = time.perf_counter()
                if self.opened is None and self.transcript.renders:
                    self.opened = now - self.created
                if self.key_time is not None and self.transcript.renders > self.renders_at_key:
                    self.latencies.append(now - self.key_time)
                    self.cpu.append(time.thread_time() - self.key_cpu)
                    self.key_time = None
                if self.settle_time is not None and self._details.draws > self.draws_at_key:
                    self.settled.append(now - self.settle_time)
                    self.settled_cpu.append(time.thread_time() - self.key_cpu)
                    self.settle_time = None
                del segments
            super()._display(screen, renderable)

    return TimedApp(path, "ana", view="all")


async def measure(path: Path, presses: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"open": [], "apply": [], "apply_cpu": [], "settled": [], "settled_cpu": [],
                                       "commit": [], "commit_cpu": [], "scroll": []}
    app = timed_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        figures["open"].append(app.opened or float("nan"))
        add_coding = app.project.add_coding

        def timed_add_coding(*args, **kwargs):
            """The store's share of a quick key: checks, insert, undo record and the synced commit."""
            wall, cpu = time.perf_counter(), time.thread_time()
            coding = add_coding(*args, **kwargs)
            figures["commit"].append(time.perf_counter() - wall)
            figures["commit_cpu"].append(time.thread_time() - cpu)
            return coding

        app.project.add_coding = timed_add_coding
        transcript = app.transcript
        assert len(transcript.codings) > 100, "the 5,000 codings are in view"
        for i in range(presses):
            await pilot.press("s")  # select the next sentence (not timed)
            await pilot.pause()
            for stamps in (app.latencies, app.cpu, app.settled, app.settled_cpu):
                stamps.clear()
            count = len(transcript.codings)
            await pilot.press("1")
            await pilot.pause()
            assert len(transcript.codings) == count + 1
            assert app.latencies, "the coded row was not redrawn"
            assert app.settled, "the details pane was not redrawn"
            figures["apply"].append(app.latencies[0])
            figures["apply_cpu"].append(app.cpu[0])
            figures["settled"].append(app.settled[0])
            figures["settled_cpu"].append(app.settled_cpu[0])
        for _ in range(30):
            app.latencies.clear()
            await pilot.press("pagedown")
            await pilot.pause()
            figures["scroll"].append(app.latencies[0])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build the project in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="qda-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    path = build(folder)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when measuring began")
    print(f"built 100,000-word transcript with 5,000 codings in {time.perf_counter() - t0:.1f} s: {path}")
    figures = asyncio.run(measure(path, args.presses))
    ms = lambda x: f"{x * 1000:.1f} ms"
    apply = sorted(figures["apply"])
    p95 = apply[int(0.95 * (len(apply) - 1))]
    print(f"open (app created to first frame with text): {ms(figures['open'][0])}  (goal <= 500 ms)")
    print(f"apply by quick key, {len(apply)} presses: median {ms(statistics.median(apply))}, p95 {ms(p95)}  "
          f"(goal median <= 16 ms)")
    print(f"apply by quick key, CPU of the app's thread from key to frame: median {ms(statistics.median(figures['apply_cpu']))} "
          f"(other work on the machine inflates it less than the wall time)")
    print(f"  of which the store's add_coding (checks, insert, undo record, commit synced to disk): "
          f"median {ms(statistics.median(figures['commit']))} wall, {ms(statistics.median(figures['commit_cpu']))} CPU")
    print(f"apply, the details pane listing the coding too (a frame later): median {ms(statistics.median(figures['settled']))}, "
          f"CPU median {ms(statistics.median(figures['settled_cpu']))}")
    print(f"page scroll, {len(figures['scroll'])} pages: median {ms(statistics.median(figures['scroll']))}, "
          f"max {ms(max(figures['scroll']))}  (goal <= 50 ms)")
    full, normal = (statistics.median(commit_times(path, mode)) for mode in ("FULL", "NORMAL"))
    print(f"one coding committed, synchronous=FULL (qda's, survives a power cut): median {ms(full)}; "
          f"NORMAL would be {ms(normal)}")
    print(f"one add_coding runs {statements_of_a_coding(path)} SQL statements (BEGIN and COMMIT included)")


def statements_of_a_coding(path: Path) -> int:
    """How many SQL statements SQLite runs for one ``add_coding`` by code id (its trace callback)."""
    statements: list[str] = []
    with qda.open_project(path) as project:
        document = project.documents()[0].id
        code = project.codebook.codes[0].id
        coder = project.coder("bench-statements")
        project._db.set_trace_callback(statements.append)
        coding = project.add_coding(document, code, 0, 5, coder)
        project._db.set_trace_callback(None)
        project.remove_coding(coding, coder)
    return len(statements)


def commit_times(path: Path, synchronous: str, count: int = 50) -> list[float]:
    """Seconds to add (and commit) one coding, under SQLite's ``synchronous`` setting: FULL syncs
    the write-ahead log at every commit (issue 19), NORMAL only at checkpoints."""
    times = []
    with qda.open_project(path) as project:
        project._db.execute(f"PRAGMA synchronous = {synchronous}")
        document = project.documents()[0].id
        code = project.codebook.codes[0].id
        for i in range(count):
            start = time.perf_counter()
            coding = project.add_coding(document, code, i, i + 5, "bench-sync")
            times.append(time.perf_counter() - start)
            project.remove_coding(coding, "bench-sync")
    return times


if __name__ == "__main__":
    main()
