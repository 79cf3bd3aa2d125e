"""Import throughput: a seeded synthetic corpus of interview transcripts into a new project.

Default scale (issue 3): 1,000 transcripts of 10,000 words.  Prints one line per
figure: words per second for reading + segmenting + storing, where the time
goes, and peak memory (max resident set size of this process and of its largest
worker: transcripts are read on every core when there are many).

    python benchmarks/import_corpus.py [--documents 1000] [--words 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

import qda

VOCABULARY = (
    "the police station complaint woman family violence order protection prosecutor judge centre shelter "
    "community record file case report officer told said went came because never always again nobody "
    "money work children mother husband fear shame help law paper district interpreter quechua distance "
    "hours bus night morning staff contract year month office hearing evidence doctor examination days"
).split()


def transcript(rng: random.Random, words: int, speaker: str) -> str:
    turns, count, who = [], 0, 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(1, 6)):
            length = rng.randint(4, 22)
            sentence = " ".join(rng.choice(VOCABULARY) for _ in range(length))
            sentences.append(sentence.capitalize() + rng.choice(".?."))
            count += length
        label = "INTERVIEWER" if who % 2 == 0 else speaker
        turns.append(f"{label}: {' '.join(sentences)}")
        who += 1
    return "\n\n".join(turns) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for i in range(args.documents):
            path = root / f"P{i:04d}.txt"
            path.write_text(transcript(rng, args.words, f"P{i:04d}"), encoding="utf-8")
            paths.append(path)
        project = qda.create_project(root / "bench.qda")
        store_seconds = 0.0
        add_documents = project.add_documents

        def timed_add(*a, **k):  # storing runs in this process; reading may run in forked workers
            nonlocal store_seconds
            started = time.perf_counter()
            try:
                return add_documents(*a, **k)
            finally:
                store_seconds += time.perf_counter() - started

        project.add_documents = timed_add
        started = time.perf_counter()
        report = qda.import_files(project, paths, language="en")
        total = time.perf_counter() - started
        words = int(project.documents_frame()["words"].sum())
        project.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parse_seconds = total - store_seconds
    print(f"corpus: {len(report.added)} documents, {words:,} words (seed {args.seed}; {len(os.sched_getaffinity(0))} cores)")
    print(f"import throughput: {words / total:,.0f} words/s ({total:.1f} s in all)")
    print(f"  reading + segmenting (spaCy sentencizer, on every core): {parse_seconds:.1f} s ({words / parse_seconds:,.0f} words/s)")
    print(f"  storing (one SQLite transaction): {store_seconds:.1f} s")
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:,.0f} MiB in this process, {worker_peak:,.0f} MiB in the largest worker")


if __name__ == "__main__":
    main()
