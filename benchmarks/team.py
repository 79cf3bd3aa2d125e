"""A team on one server: many coders' processes writing at once, then analysis at scale on the server.

    python benchmarks/team.py                                   # a throwaway PostgreSQL of its own
    python benchmarks/team.py --url postgresql://me@db/qda_bench   # a database qda may create
    python benchmarks/team.py --coders 4 --codings 100 --undos 10 --analysis-codings 100000

Part 1: a project of 100 synthetic documents (benchmarks/analysis.py's corpus) is pushed to the
server; then ``--coders`` processes start together, each a coder of its own applying ``--codings``
codings (one action each, a unique span of a random document and code) with an undo of its
latest coding after every tenth.  Printed: actions per second over the whole run, p50 and p95
latency of one action (a coding or an undo, commit included), and the proof: codings each coder
should have left (codings - undos) against what the server holds, by id, so that lost and doubled
codings are counted, not assumed.

Part 2: the analysis figures of benchmarks/analysis.py at ``--analysis-codings`` codings, cold
(read from the store), on the file and on the server side by side, each the median of 3 runs
with the CPU time (user+sys) of this process beside the wall time; then ``qda cooccur`` as a
researcher runs it, a fresh process each time (start-up and reading included), on both.
``--analysis-only`` skips part 1; ``--analysis-file`` takes a project file already built (e.g.
benchmarks/cli.py's 1,000,000 codings) instead of building one.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import qda  # noqa: E402
from qda.store.location import ServerUrl  # noqa: E402

_spec = importlib.util.spec_from_file_location("qda_bench_analysis", ROOT / "benchmarks" / "analysis.py")
analysis_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(analysis_bench)


def coder_process(url: str, number: int, codings: int, undos: int, seed: int, start, results) -> None:
    """One coder: ``codings`` codings and ``undos`` undos, each timed; reports what should remain."""
    from qda.store.connection import set_wait_notice

    set_wait_notice(lambda message: None)  # queueing behind 19 others is the point here, not news
    rng = random.Random(seed + number)
    name = f"coder{number:02d}"
    with qda.open_project(url) as project:
        coder = project.coder(name)
        documents = [(d.id, len(d.text)) for d in project.documents()]
        codebook = project.codebook
        leaves = [c.id for c in codebook.codes if not codebook.children(c.id)]
        every = max(1, codings // undos) if undos else 0
        kept: list[str] = []
        latencies: list[float] = []
        start.wait()
        for index in range(codings):
            document_id, length = rng.choice(documents)
            begin = (number * codings + index) % (length - 20)  # unique per coder: no span coded twice by chance
            began = time.perf_counter()
            coding = project.add_coding(document_id, rng.choice(leaves), begin, begin + 10 + index % 7, coder)
            latencies.append(time.perf_counter() - began)
            kept.append(coding.id)
            if every and (index + 1) % every == 0:
                began = time.perf_counter()
                project.undo(coder)
                latencies.append(time.perf_counter() - began)
                kept.pop()
    results.put((name, kept, latencies))


def team_run(url: str, coders: int, codings: int, undos: int, seed: int) -> None:
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    processes = [context.Process(target=coder_process, args=(url, i, codings, undos, seed, start, results))
                 for i in range(coders)]
    for process in processes:
        process.start()
    time.sleep(2.0)  # let every process connect before the clock starts
    began = time.perf_counter()
    start.set()
    reports = [results.get() for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    latencies = sorted(value for _, _, values in reports for value in values)
    actions = len(latencies)
    with qda.open_project(url) as project:
        held = project.codings_table(with_text=False)
    expected = {coding_id for _, kept, _ in reports for coding_id in kept}
    found = list(held["coding_id"])
    lost = len(expected - set(found))
    doubled = len(found) - len(set(found)) + len(set(found) - expected)
    print(f"{coders} coders x ({codings} codings + {undos} undos) on {ServerUrl(url).name}: "
          f"{actions:,} actions in {wall:.1f} s wall = {actions / wall:,.0f} actions/s", flush=True)
    print(f"latency per action: p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p95 {latencies[int(0.95 * (actions - 1))] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms", flush=True)
    print(f"codings expected {len(expected):,}, on the server {len(found):,}: lost {lost}, doubled {doubled}", flush=True)


def timed(label: str, function, cold, runs: int = 3) -> None:
    walls, cpus, result = [], [], None
    for _ in range(runs):
        cold()
        before, began = os.times(), time.perf_counter()
        result = function()
        walls.append(time.perf_counter() - began)
        after = os.times()
        cpus.append(after.user - before.user + after.system - before.system)
    print(f"{label:<52} median {statistics.median(walls):6.2f} s wall, {statistics.median(cpus):6.2f} s CPU ({result})",
          flush=True)


def analysis_run(file: Path, url: str) -> None:
    from qda.analysis import cooccurrence, frequencies
    from qda.analysis._select import select_codings

    for where, location in (("file", file), ("server", url)):
        with qda.open_project(location) as project:
            def cold() -> None:
                for name in ("_qda_coding_spans", "_qda_unit_spans", "_qda_word_starts", "_qda_coded_spans"):
                    project.__dict__.pop(name, None)

            timed(f"{where}: read codings (cold)", lambda: f"{len(select_codings(project)):,} codings", cold)
            timed(f"{where}: co-occurrence by overlap, cold", lambda: f"{len(cooccurrence(project, unit='overlap')):,} pairs", cold)
            timed(f"{where}: co-occurrence by sentence, cold", lambda: f"{len(cooccurrence(project, unit='sentence')):,} pairs", cold)
            timed(f"{where}: frequencies by code, cold", lambda: f"{len(frequencies(project))} codes", cold)
    for where, location in (("file", file), ("server", url)):
        for unit in ("overlap", "sentence"):
            process_timed(f"{where}: qda cooccur --unit {unit} (a fresh process)",
                          [sys.executable, "-m", "qda", "cooccur", str(location), "--unit", unit])


def process_timed(label: str, command: list[str], runs: int = 3) -> None:
    """A command as a whole process (output to /dev/null): median wall and CPU (user+sys) of ``runs``."""
    walls, cpus = [], []
    for _ in range(runs):
        before, began = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"{label:<52} median {statistics.median(walls):6.2f} s wall, {statistics.median(cpus):6.2f} s CPU", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="An admin URL of a server where databases may be created (default: a throwaway cluster).")
    parser.add_argument("--coders", type=int, default=20)
    parser.add_argument("--codings", type=int, default=500)
    parser.add_argument("--undos", type=int, default=50)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--analysis-codings", type=int, default=1_000_000)
    parser.add_argument("--analysis-documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--analysis-only", action="store_true", help="Skip part 1 (the coders writing at once).")
    parser.add_argument("--analysis-file", type=Path, help="A project file to analyse instead of one built here.")
    args = parser.parse_args()

    from server_cluster import Cluster, Server
    from qda.store.transfer import push

    folder = Path(tempfile.mkdtemp(prefix="qda-team-bench-"))
    folder.chmod(0o755)  # the cluster's unprivileged user (when run as root) must reach its folder
    cluster = None
    if args.url:
        server = Server(args.url, f"qda_bench_{os.getpid()}")
    else:
        cluster = Cluster(folder / "pg")
        server = Server(cluster.url, "qda_bench")
    try:
        if not args.analysis_only:
            team_file = folder / "team.qda"
            analysis_bench.build(team_file, args.documents, 0, args.seed)
            url = server.url(server.create_database())
            push(team_file, url)
            team_run(url, args.coders, args.codings, args.undos, args.seed)
        if args.analysis_codings or args.analysis_file:
            big = args.analysis_file or folder / "big.qda"
            if not args.analysis_file:
                analysis_bench.build(big, args.analysis_documents, args.analysis_codings, args.seed)
            big_url = server.url(server.create_database())
            began = time.perf_counter()
            push(big, big_url)
            print(f"pushed {big} by COPY in {time.perf_counter() - began:.1f} s", flush=True)
            analysis_run(big, big_url)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
