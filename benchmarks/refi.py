"""REFI-QDA at scale: export and re-import a project of 1,000 documents and 200,000 codings.

A seeded synthetic corpus (interview-like documents with speaker turns, a
two-level codebook of 60 codes, three coders, 200,000 codings of which one in
ten carries a memo) is written straight into a project, then exported to a
.qdpx and read back into a new project.  Goal: <= 10 s each way.

    /work/venv/bin/python benchmarks/refi.py [--documents 1000] [--codings 200000] [--words 1500] [--runs 3]

Prints one line per figure (medians over the runs).  The import runs in a fresh process,
as `qda init --from` would; a last line times that very command end to end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qda.export.refi import write_qdpx  # noqa: E402
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


# The import is timed in a fresh process, as `qda init --from` runs it: its workers are
# forked from a small process, not from this one, which holds the whole synthetic corpus.
IMPORT_SCRIPT = """
import json, sys, time
from qda.export.refi import read_qdpx
from qda.ingest.segment import load_blank_pipelines
from qda.store.exchange import create_from_records
load_blank_pipelines()  # spaCy's import and pipelines: paid once per process, timed apart
started = time.perf_counter()
records, _report = read_qdpx(sys.argv[1])
read = time.perf_counter() - started
started = time.perf_counter()
with create_from_records(sys.argv[2], records, "benchmark"):
    pass
print(json.dumps({"read": read, "store": time.perf_counter() - started, "codings": len(records.codings)}))
"""


def import_in_fresh_process(qdpx: Path, target: Path) -> dict:
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", IMPORT_SCRIPT, str(qdpx), str(target)], check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": root})
    return json.loads(done.stdout)


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
        exports, imports, records_reads = [], [], []
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
            imported = import_in_fresh_process(target, folder / f"back{run}.qda")
            assert imported["codings"] == len(records.codings)
            imports.append(imported)
        size = (folder / "out0.qdpx").stat().st_size
        print(f"export .qdpx: {statistics.median(exports):.2f} s median of {args.runs} ({size / 1e6:.1f} MB; "
              f"of which reading the project with store.records.read_records {statistics.median(records_reads):.2f} s)")
        print(f"import .qdpx: {statistics.median(i['read'] + i['store'] for i in imports):.2f} s median of {args.runs} "
              f"(read, convert and segment {statistics.median(i['read'] for i in imports):.2f} s, "
              f"store {statistics.median(i['store'] for i in imports):.2f} s; a fresh process, spaCy already loaded)")
        commands = []
        for run in range(args.runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "qda", "init", str(folder / f"cli{run}.qda"), "--from", str(folder / "out0.qdpx")],
                           check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
            commands.append(time.perf_counter() - started)
        print(f"qda init --from the .qdpx, end to end (Python start, imports, read, store): {statistics.median(commands):.2f} s "
              f"median of {args.runs} (range {min(commands):.2f}-{max(commands):.2f} s)")


if __name__ == "__main__":
    main()
