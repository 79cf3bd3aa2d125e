"""What schema 9's packed codings (qda.store.coding_packs) save readers and cost writers.

Reading: every coding of a project (document, code, coder, span, words) from the packs, and from the
index on code as before (``codings_by_code``), in one process, medians of 5; give the 1,000,000-coding
corpus of benchmarks/cli.py (``--keep``) as ``--project``.  Writing (a seeded transcript of 100,000
words, benchmarks/tui_latency.py's): a coding added with its journal taken in at commit, and a bulk
load of codings into that one transcript, packed from the table at commit.

    python benchmarks/packs.py [--project codings.qda] [--codings 200000] [--adds 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import qda
from qda.store.coded_spans import codings_by_code
from qda.store.coding_packs import packed_codings
from qda.store.queries import insert_codings_unlogged


def median_seconds(work, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def reads(path: Path) -> None:
    with qda.open_project(path) as project:
        db = project._db
        documents, codes, coders = ([row[0] for row in db.execute(f"SELECT id FROM {table} ORDER BY id")]
                                    for table in ("documents", "codes", "coders"))
        count = db.execute("SELECT COUNT(*) FROM codings").fetchone()[0]
        packed = median_seconds(lambda: packed_codings(db, documents, codes, coders))
        indexed = median_seconds(lambda: codings_by_code(db, documents, codes, None, (
            "start_offset * 4294967296 + end_offset", "start_word * 4294967296 + end_word"), coders))
    print(f"every coding read ({count:,} codings in {len(documents):,} documents): from the packs {packed:.3f} s, "
          f"from the index on code {indexed:.3f} s")


def writes(folder: Path, codings: int, adds: int, seed: int) -> None:
    from tui_latency import build

    path = build(folder)
    with qda.open_project(path) as project:
        document = project.documents()[0]
        codes = [code.id for code in project.codebook.codes]
        held = project._db.execute("SELECT COUNT(*) FROM codings").fetchone()[0]
        rng = random.Random(seed)
        times = []
        for _ in range(adds):
            start = rng.randrange(len(document.text) - 300)
            started = time.perf_counter()
            project.add_coding(document.name, rng.choice(codes), start, start + rng.randrange(20, 300), coder="ana")
            times.append(time.perf_counter() - started)
        print(f"a coding added to a transcript of {held:,} codings (checks, insert, undo record, journal into its "
              f"pack, synced commit): median {statistics.median(times) * 1000:.1f} ms of {adds}")
        coder = project._coder_id("ana")
        rows = []
        for _ in range(codings):
            start = rng.randrange(len(document.text) - 300)
            rows.append((str(uuid.uuid4()), document.id, rng.choice(codes), coder, start,
                         start + rng.randrange(5, 200), "2025-01-01T00:00:00Z", ""))
        started = time.perf_counter()
        insert_codings_unlogged(project, rows)
        print(f"{codings:,} codings loaded at once into that transcript, packed from the table at commit: "
              f"{time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a project to read every coding of (benchmarks/cli.py's)")
    parser.add_argument("--codings", type=int, default=200_000, help="codings loaded at once")
    parser.add_argument("--adds", type=int, default=50, help="codings added one at a time")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.project:
        reads(args.project)
    with tempfile.TemporaryDirectory() as folder:
        writes(Path(folder), args.codings, args.adds, args.seed)


if __name__ == "__main__":
    main()
