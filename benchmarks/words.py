"""The concordance at scale: a seeded synthetic corpus of 20,000,000 words, then `concordance` timed.

    python benchmarks/words.py                        # 2,000 documents of 10,000 words
    python benchmarks/words.py --documents 200 --keep /tmp/words.qda

The corpus: Spanish-like interviews of alternating interviewer and participant
turns (one paragraph each, sentences of 8 to 14 words) drawn from a 3,000-word
vocabulary with Zipf-like weights, in which "familia" and its capitalised and
plural forms are about 1 word in 600.  Each figure is the median of 5 runs, as
CPU time (user + system of this process) beside wall time, on a freshly opened
project.  "Cold" is a first query on a newly opened project, as the one-shot
`qda kwic`: reading the texts' bytes one at a time, scanning them, decoding the
turns with a hit, their speakers, contexts and references.  "Warm" is a later query
on the same open project (the app's concordance screen, a notebook), which reuses
the turn and paragraph bounds and the speakers it keeps while nothing changes (not
the texts: holding 140 MB cost a fresh process more than reading them again).  "qda kwic" is the whole command in a new
process (start-up, imports, the query, the table written to /dev/null), its CPU
time that of the child process.  One line a figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qda  # noqa: E402
from qda.analysis.concordance import concordance  # noqa: E402
from qda.ingest.parsed import ParsedDocument  # noqa: E402
from qda.model import Span, Turn  # noqa: E402
from qda.text import sha256  # noqa: E402

COMMON = ("que de la el y en los se no las por un con una su para es lo como más pero me mi ya le dijo "
          "policía comisaría denuncia mujer esposo hijos fiscalía juez miedo ayuda casa señora años").split()
TARGETS = ["familia", "Familia", "familias", "FAMILIA"]


def vocabulary(rng: np.random.Generator, size: int = 3000) -> tuple[list[str], np.ndarray]:
    letters = list("abcdefghijlmnoprstuvzáéíóúñ")
    words = list(COMMON) + TARGETS
    while len(words) < size:
        words.append("".join(rng.choice(letters, int(rng.integers(3, 10)))))
    weights = 1.0 / np.arange(1, len(words) + 1) ** 0.9
    weights[len(COMMON):len(COMMON) + len(TARGETS)] = weights[len(COMMON) + 200]  # rare, not common
    return words, weights / weights.sum()


def make_document(number: int, words_per_document: int, vocab: list[str], p: np.ndarray,
                  rng: np.random.Generator) -> ParsedDocument:
    drawn = rng.choice(len(vocab), words_per_document, p=p)
    parts, turns, sentences, paragraphs = [], [], [], []
    offset, position, turn = 0, 0, 0
    label = f"E{number:05d}"
    while position < len(drawn):
        speaker = "ENTREVISTADORA" if turn % 2 == 0 else label
        head = f"{speaker}: "
        start = offset
        pieces = [head]
        offset += len(head)
        for s in range(int(rng.integers(3, 6))):
            size = int(rng.integers(8, 15))
            chunk = drawn[position:position + size]
            position += size
            if not len(chunk):
                break
            sentence = " ".join(vocab[i] for i in chunk) + "."
            if s:
                pieces.append(" ")
                offset += 1
            sentences.append(Span(offset, offset + len(sentence)))
            pieces.append(sentence)
            offset += len(sentence)
        turns.append(Turn(speaker, start, offset))
        paragraphs.append(Span(start, offset))
        parts.append("".join(pieces) + "\n\n")
        offset += 2
        turn += 1
    text = "".join(parts)
    return ParsedDocument(name=f"{label}_sintetico", text=text, sha256=sha256(text), words=len(drawn), language="es",
                          source=f"{label}.txt", turns=turns, sentences=sentences, paragraphs=paragraphs,
                          attributes={"role": ["police", "ngo", "judge", "shelter"][number % 4]})


def build(path: Path, documents: int, words: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    vocab, p = vocabulary(rng)
    started = time.perf_counter()
    with qda.create_project(path) as project:
        batch = []
        for number in range(1, documents + 1):
            batch.append(make_document(number, words, vocab, p, rng))
            if len(batch) == 200:
                project.add_documents(batch)
                batch = []
        if batch:
            project.add_documents(batch)
    print(f"built {documents:,} documents of {words:,} words in {time.perf_counter() - started:.0f} s", flush=True)


def timed(function, runs: int) -> tuple[float, float, object]:
    """Medians over ``runs`` of (CPU seconds of this process, wall seconds), and the last result."""
    cpu, wall, result = [], [], None
    for _ in range(runs):
        before, started = os.times(), time.perf_counter()
        result = function()
        after = os.times()
        wall.append(time.perf_counter() - started)
        cpu.append((after.user - before.user) + (after.system - before.system))
    return statistics.median(cpu), statistics.median(wall), result


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--words", type=int, default=10_000, help="words a document")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the project at this path")
    args = parser.parse_args(arguments)
    folder = tempfile.TemporaryDirectory()
    path = args.keep or Path(folder.name) / "words.qda"
    if not path.exists():
        build(path, args.documents, args.words, args.seed)
    with qda.open_project(path) as project:
        total = int(project.documents_frame()["words"].sum())

    for warm in (False, True):
        kept = qda.open_project(path)
        for label, word, options in (("familia, 8 words of context", "familia", {"context": 8}),
                                     ("famili*, sorted by right context", "famili*", {"context": 8, "sort": "right"}),
                                     ("policía, where role=police", "policía", {"context": 8, "where": "role=police"})):
            def run(word=word, options=options, warm=warm, kept=kept):
                if warm:
                    return concordance(kept, word, **options)
                with qda.open_project(path) as project:  # as a new process: nothing kept yet
                    return concordance(project, word, **options)
            cpu, wall, table = timed(run, args.runs)
            print(f"concordance over {total:,} words, {'warm' if warm else 'cold'}, {label}: {len(table):,} hits, "
                  f"CPU {cpu:.2f} s, wall {wall:.2f} s (median of {args.runs})", flush=True)
        kept.close()
    cpu, wall = command(["kwic", str(path), "familia", "--context", "8"], args.runs)
    print(f"qda kwic familia over {total:,} words, a new process: CPU {cpu:.2f} s, wall {wall:.2f} s "
          f"(median of {args.runs})", flush=True)


def command(arguments: list[str], runs: int) -> tuple[float, float]:
    """Medians over ``runs`` of (CPU seconds of the child, wall seconds) of ``qda ARGUMENTS`` in a new process."""
    cpu, wall = [], []
    for _ in range(runs):
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([sys.executable, "-m", "qda", *arguments], stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall.append(time.perf_counter() - started)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


if __name__ == "__main__":
    main()
