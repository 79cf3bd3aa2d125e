"""Finding things at scale: coding queries over a seeded synthetic project, each timed.

    python benchmarks/queries.py                      # 10,000 documents, 1,000,000 codings, 200 codes
    python benchmarks/queries.py --documents 1000 --codings 100000 --keep /tmp/queries.qda
    python benchmarks/queries.py --keep /tmp/q.qda --words-keep /tmp/w.qda   # and the concordance

The corpus is benchmarks/analysis.py's (alternating interviewer and participant turns,
codings of 1 to 3 sentences, a Zipf-like law over the codes, two coders).  Each figure is
the median of 5 runs, wall time beside CPU time (user + system of this process, which
numpy's threads add to): the machine may be shared, and CPU time says what the work
costs whatever else runs.  "New process" is the query as a user meets it the first time:
a fresh Python starting, importing qda, opening the project, reading the codings and
sentences the query needs and evaluating it (``qda.query.run.found``: the passages as arrays,
as ``qda query`` has them before printing; "DataFrame" adds pandas, ``qda.query.passages``),
its CPU time that of the child process.  "Cold" is the same on a newly opened project within this process;
the rest reuse what the open project keeps, as the app and a notebook do.  Then the
concordance over 20,000,000 words (benchmarks/words.py's figures, its corpus built or
reused at --words-keep).  One line a figure.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import qda  # noqa: E402
from analysis import build  # noqa: E402  (benchmarks/analysis.py: the same corpus)
from qda.query import passages  # noqa: E402

# Themes 1 and 2 are whole subtrees of 40 codes each: at the default scale 590,546 and 159,967 codings.
PROXIMITY = '"Theme 1" WITHIN 2 SENTENCES OF "Theme 2"'
QUERIES = [
    ("proximity: within 2 sentences", PROXIMITY),
    ("followed by (next sentence)", '"Theme 1" FOLLOWED BY "Theme 2"'),
    ("overlapping", '"Theme 1" OVERLAPPING "Theme 2"'),
    ("and not, in the same turn", '"Theme 1" AND NOT "Theme 2" IN SAME TURN'),
    ("and, one role, one coder", '"Theme 1" AND "Theme 3" WHERE role = police AND CODER = ana'),
]


def measure(label: str, function, runs: int = 5, setup=None) -> None:
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        if setup:
            setup()
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"{label:<44} median wall {statistics.median(walls):6.2f} s   cpu {statistics.median(cpus):6.2f} s   "
          f"({result})", flush=True)


def coding_query_figures(path: Path) -> None:
    """The coding queries (qda.query) of issue 18: the proximity query is the one held to 1 second."""
    project = qda.open_project(path)
    found = lambda text: lambda: f"{len(passages(project, text)):,} passages"  # noqa: E731
    codings = project._db.execute("SELECT COUNT(*) FROM codings").fetchone()[0]
    print(f"-- coding queries over {codings:,} codings")
    for label, call in (("new process", "found"), ("new process, DataFrame", "passages")):
        cpu, wall = new_process(path, PROXIMITY, call)
        print(f"{'proximity: within 2 sentences, ' + label:<44} median wall {wall:6.2f} s   cpu {cpu:6.2f} s   "
              f"(start-up, imports, reading, evaluation{', pandas' if call == 'passages' else ''})", flush=True)

    def cold() -> str:
        with qda.open_project(path) as fresh:
            return f"{len(passages(fresh, PROXIMITY)):,} passages"
    measure("proximity: within 2 sentences, cold", cold)
    passages(project, PROXIMITY)  # the open project now keeps codings and sentences
    for label, text in QUERIES:
        measure(label, found(text))
    project.close()


def new_process(path: Path, query: str, call: str = "found", runs: int = 5) -> tuple[float, float]:
    """Medians of (CPU seconds of the child, wall seconds) of a new Python finding the passages of ``query``:
    as arrays (``qda.query.run.found``, what ``qda query`` computes before it prints, no pandas) or as
    the library's DataFrame (``qda.query.passages``, which imports pandas)."""
    code = (f"import sys, qda; from qda.query.run import {call}\n"
            f"with qda.open_project(sys.argv[1]) as project: result = {call}(project, sys.argv[2])\n"
            "print(len(result[-1] if isinstance(result, tuple) else result))")
    cpu, wall = [], []
    for _ in range(runs):
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(path), query], stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall.append(time.perf_counter() - started)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def concordance_figures(path: Path | None) -> None:
    """The concordance over 20,000,000 words (issue 18, part 2): benchmarks/words.py's figures."""
    import words

    arguments = ["--keep", str(path)] if path else []
    words.main(arguments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--codings", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) the project at this path.")
    parser.add_argument("--words-keep", type=Path, help="Build (or reuse) the concordance's 20,000,000-word project here.")
    parser.add_argument("--no-concordance", action="store_true", help="Time the coding queries only.")
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp(prefix="qda-bench-")) / "queries.qda"
    if not path.exists():
        build(path, args.documents, args.codings, args.seed)
    coding_query_figures(path)
    if not args.no_concordance:
        print("-- the concordance", flush=True)
        concordance_figures(args.words_keep)


if __name__ == "__main__":
    main()
