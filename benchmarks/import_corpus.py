"""Import throughput: a seeded synthetic corpus of interview transcripts into a new project.

Default scale (issue 3): 1,000 transcripts of 10,000 words.  Prints one line per
figure: words per second for reading + segmenting + storing, where the time
goes, and peak memory (max resident set size of this process).

    python benchmarks/import_corpus.py [--documents 1000] [--words 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

import qda
from qda.ingest import importer

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
        parse_seconds = 0.0
        original = importer.parse_file

        def timed_parse(*a, **k):
            nonlocal parse_seconds
            started = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                parse_seconds += time.perf_counter() - started

        importer.parse_file = timed_parse
        project = qda.create_project(root / "bench.qda")
        started = time.perf_counter()
        report = qda.import_files(project, paths, language="en")
        total = time.perf_counter() - started
        words = int(project.documents_frame()["words"].sum())
        project.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(report.added)} documents, {words:,} words (seed {args.seed})")
    print(f"import throughput: {words / total:,.0f} words/s ({total:.1f} s in all)")
    print(f"  reading + segmenting (spaCy sentencizer): {parse_seconds:.1f} s ({words / parse_seconds:,.0f} words/s)")
    print(f"  storing (one SQLite transaction): {total - parse_seconds:.1f} s")
    print(f"peak memory (max RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
