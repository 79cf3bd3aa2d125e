"""REFI-QDA at scale: export and re-import a project of 1,000 documents and 200,000 codings.

A seeded synthetic corpus (interview-like documents with speaker turns, a
two-level codebook of 60 codes, three coders, 200,000 codings of which one in
ten carries a memo) is written straight into a project, then exported to a
.qdpx and read back into a new project.  Goal: <= 10 s each way.

    /work/venv/bin/python benchmarks/refi.py [--documents 1000] [--codings 200000] [--words 1500] [--runs 3]

Prints one line per figure (medians over the runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qda.export.refi import read_qdpx, write_qdpx  # noqa: E402
from qda.ingest import segment  # noqa: E402
from qda.ingest.parsed import ParsedDocument  # noqa: E402
from qda.model import Code, Codebook, Coder, Coding, Memo  # noqa: E402
from qda.store import Project  # noqa: E402
from qda.store.exchange import create_from_records  # noqa: E402
from qda.store.records import ProjectRecords, read_records  # noqa: E402
from qda.text import count_words, sha256  # noqa: E402

WORDS = ("la policía no nos creyó cuando fuimos a denunciar the officer said come back tomorrow "
         "el fiscal pidió pruebas y la psicóloga del centro escuchó we waited for hours without an answer "
         "mi hermana tenía miedo de volver a la casa porque él seguía ahí 😀 nadie vino").split()


def synthetic(documents: int, codings: int, words: int, seed: int = 7) -> ProjectRecords:
    rng = random.Random(seed)
    ids = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    coders = [Coder(ids(), name) for name in ("ana", "ben", "carla")]
    codes: list[Code] = []
    for i in range(10):
        parent = Code(ids(), f"Theme {i}", None, definition=f"Theme {i} definition.", colour=f"#{rng.randrange(1 << 24):06X}", position=i)
        codes.append(parent)
        codes += [Code(ids(), f"Code {i}.{j}", parent.id, definition="What it means.", when_to_use="When it fits.",
                       example="An example.", position=j) for j in range(5)]
    pattern = segment.compile_speaker_pattern(None)
    docs: list[ParsedDocument] = []
    for d in range(documents):
        turns, n = [], 0
        while n < words:
            length = rng.randint(20, 120)
            speaker = "INTERVIEWER" if len(turns) % 2 == 0 else f"P{d:04d}"
            sentence_words = [rng.choice(WORDS) for _ in range(length)]
            for k in range(8, length, rng.randint(8, 20)):
                sentence_words[k] += "."
            turns.append(f"{speaker}: " + " ".join(sentence_words) + ".")
            n += length
        text = "\n\n".join(turns)
        spans, label_ends = segment.turns(text, pattern)
        paragraphs = segment.paragraphs(text)
        docs.append(ParsedDocument(name=f"Interview {d:04d}", text=text, sha256=sha256(text), words=count_words(text),
                                   language="es", source=f"interview_{d:04d}.txt", turns=spans, paragraphs=paragraphs,
                                   attributes={"site": rng.choice(["Lima", "Ayacucho"]), "role": rng.choice(["police", "ngo", "judge"])},
                                   id=ids()))
    leaves = [c for c in codes if c.parent_id]
    rows: list[Coding] = []
    for i in range(codings):
        doc = docs[i % documents]
        start = rng.randrange(0, len(doc.text) - 200)
        end = start + rng.randint(20, 200)
        rows.append(Coding(ids(), doc.id, rng.choice(leaves).id, rng.choice(coders).id, start, end,
                           "2025-01-01T00:00:00+00:00", "A memo on this passage." if i % 10 == 0 else ""))
    memos = [Memo(ids(), "document", doc.id, coders[0].id, "Notes on the interview.", "2025-01-01T00:00:00+00:00",
                  "2025-01-01T00:00:00+00:00") for doc in docs[::10]]
    return ProjectRecords(name="Benchmark", codebook=Codebook(codes=tuple(codes)), coders=coders, documents=docs,
                          codings=rows, memos=memos)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--codings", type=int, default=200_000)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        started = time.perf_counter()
        records = synthetic(args.documents, args.codings, args.words)
        with create_from_records(folder / "source.qda", records, "benchmark"):
            pass
        characters = sum(len(d.text) for d in records.documents)
        print(f"corpus: {args.documents} documents, {characters:,} characters, {len(records.codings):,} codings "
              f"(built in {time.perf_counter() - started:.1f} s)")
        exports, reads, stores, records_reads = [], [], [], []
        for run in range(args.runs):
            target = folder / f"out{run}.qdpx"
            started = time.perf_counter()
            with Project.open(folder / "source.qda") as project:
                write_qdpx(project, target)
            exports.append(time.perf_counter() - started)
            started = time.perf_counter()
            with Project.open(folder / "source.qda") as project:
                read_records(project, units=False)  # as write_qdpx reads it
            records_reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            back, _report = read_qdpx(target)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            with create_from_records(folder / f"back{run}.qda", back, "benchmark"):
                pass
            stores.append(time.perf_counter() - started)
            assert len(back.codings) == len(records.codings)
        size = (folder / "out0.qdpx").stat().st_size
        print(f"export .qdpx: {statistics.median(exports):.2f} s median of {args.runs} ({size / 1e6:.1f} MB; "
              f"of which reading the project with store.records.read_records {statistics.median(records_reads):.2f} s)")
        print(f"import .qdpx: {statistics.median(r + s for r, s in zip(reads, stores)):.2f} s median of {args.runs} "
              f"(read and segment {statistics.median(reads):.2f} s, store {statistics.median(stores):.2f} s)")


if __name__ == "__main__":
    main()
