"""Analysis at scale: a seeded synthetic project, then each analysis timed.

    python benchmarks/analysis.py                      # 10,000 documents, 1,000,000 codings, 200 codes
    python benchmarks/analysis.py --documents 1000 --codings 100000 --keep /tmp/bench.qda

The corpus: a 200-code codebook of 4 levels (5 x 3 x 3 x 3), documents of
alternating interviewer and participant turns (one paragraph each, 3 to 5
sentences of 8 to 14 words), two coders, and codings of 1 to 3 sentences
whose codes follow a Zipf-like law over the 135 leaves and, for one coding in
ten, their parents.  Each figure is the median of 3 runs, with the peak of
Python memory (tracemalloc, numpy included) of a fourth run; one line a figure.
"Cold" figures first read the codings (and units, and words) from the file,
as a one-shot CLI command does; the others reuse what the open project keeps
in memory after a first analysis, as the UI and a notebook do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qda  # noqa: E402
from qda.analysis import build_network, cooccurrence, frequencies  # noqa: E402
from qda.export.quotes import quotes, write_quotes  # noqa: E402
from qda.ingest.parsed import ParsedDocument  # noqa: E402
from qda.model import Code, Codebook, Span, Turn  # noqa: E402
from qda.store.queries import insert_codings_unlogged  # noqa: E402
from qda.text import sha256  # noqa: E402

WORDS = ("police report family court shelter woman fear help office case file judge protection order violence "
         "support money time night station prosecutor psychologist lawyer community neighbour children home street "
         "hospital evidence statement complaint hearing delay paper law programme training trust money bus").split()


def make_codebook(rng: np.random.Generator) -> Codebook:
    codes: list[Code] = []

    def add(name: str, parent: str | None, position: int) -> str:
        code_id = str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | len(codes)))
        colour = "#%02X%02X%02X" % tuple(int(v) for v in rng.integers(40, 220, 3))
        codes.append(Code(code_id, name, parent, f"Definition of {name}.", "", "", "", colour, position))
        return code_id

    for a in range(5):
        root = add(f"Theme {a + 1}", None, a)
        for b in range(3):
            child = add(f"Theme {a + 1}.{b + 1}", root, b)
            for c in range(3):
                grandchild = add(f"Theme {a + 1}.{b + 1}.{c + 1}", child, c)
                for d in range(3):
                    add(f"Theme {a + 1}.{b + 1}.{c + 1}.{d + 1}", grandchild, d)
    return Codebook("Synthetic", "200 codes in 4 levels", tuple(codes))


def make_document(number: int, rng: np.random.Generator) -> ParsedDocument:
    parts: list[str] = []
    turns: list[Turn] = []
    sentences: list[Span] = []
    paragraphs: list[Span] = []
    offset = 0
    label = f"P{number:05d}"
    for turn_index in range(int(rng.integers(10, 15))):
        speaker = "INTERVIEWER" if turn_index % 2 == 0 else label
        head = f"{speaker}: "
        start = offset
        offset += len(head)
        pieces = [head]
        for s in range(int(rng.integers(3, 6))):
            words = [WORDS[i] for i in rng.integers(0, len(WORDS), int(rng.integers(8, 15)))]
            sentence = " ".join(words).capitalize() + "."
            if s:
                pieces.append(" ")
                offset += 1
            sentences.append(Span(offset, offset + len(sentence)))
            pieces.append(sentence)
            offset += len(sentence)
        turns.append(Turn(speaker, start, offset))
        paragraphs.append(Span(start, offset))
        parts.append("".join(pieces))
        parts.append("\n\n")
        offset += 2
    text = "".join(parts)
    return ParsedDocument(name=f"{label}_synthetic", text=text, sha256=sha256(text), words=len(text.split()),
                          language="en", source=f"{label}.txt", turns=turns, sentences=sentences, paragraphs=paragraphs,
                          attributes={"role": ["police", "ngo", "judge", "shelter"][number % 4],
                                      "site": ["Lima Norte", "Ayacucho"][number % 2]})


def build(path: Path, documents: int, codings: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    with qda.create_project(path, make_codebook(rng)) as project:
        codebook = project.codebook
        leaves = [c.id for c in codebook.codes if not codebook.children(c.id)]
        weights = 1.0 / np.arange(1, len(leaves) + 1) ** 0.8
        weights /= weights.sum()
        coders = [project.coder("ana").id, project.coder("ben").id]
        per_document = codings // documents
        batch: list[ParsedDocument] = []
        ids: list[str] = []
        sentence_spans: list[list[Span]] = []
        for number in range(1, documents + 1):
            document = make_document(number, rng)
            batch.append(document)
            sentence_spans.append(document.sentences)
            if len(batch) == 500:
                ids += project.add_documents(batch)
                batch = []
        if batch:
            ids += project.add_documents(batch)
        parents = {c.id: c.parent_id for c in codebook.codes}
        rows = []
        stamp = 0
        for document_id, spans in zip(ids, sentence_spans):
            n = len(spans)
            first = rng.integers(0, n, per_document)
            length = rng.integers(1, 4, per_document)
            code_pick = rng.choice(len(leaves), per_document, p=weights)
            parent_pick = rng.random(per_document) < 0.1
            coder_pick = rng.integers(0, 2, per_document)
            for f, l, c, up, who in zip(first, length, code_pick, parent_pick, coder_pick):
                last = min(f + l - 1, n - 1)
                code = leaves[c]
                if up:
                    code = parents[code]
                stamp += 1
                rows.append((str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | stamp)), document_id, code,
                             coders[who], spans[f].start, spans[last].end, f"2025-01-01T00:00:00.{stamp:09d}", ""))
        insert_codings_unlogged(project, rows)
    print(f"built {documents:,} documents, {len(rows):,} codings, {len(codebook)} codes in "
          f"{time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)", flush=True)


def measure(label: str, function, runs: int = 3, setup=None) -> None:
    times = []
    result = None
    for _ in range(runs):
        if setup:
            setup()
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    if setup:
        setup()
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    detail = f" ({result})" if isinstance(result, str) else ""
    print(f"{label:<46} median {statistics.median(times):7.2f} s   peak {peak / 1e6:7.0f} MB{detail}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--codings", type=int, default=1_000_000)
    parser.add_argument("--quotes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) the project at this path.")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="qda-bench-"))
    path = args.keep or folder / "bench.qda"
    if not path.exists():
        build(path, args.documents, args.codings, args.seed)
    with qda.open_project(path) as project:
        from qda.analysis._select import select_codings
        from qda.analysis.cooccurrence import overlap_pairs  # noqa: F401

        def cold() -> None:
            """Forget what the open project keeps in memory: the next call reads the file again."""
            for name in ("_qda_coding_spans", "_qda_unit_spans", "_qda_word_starts"):
                project.__dict__.pop(name, None)

        measure("read codings from the file (cold)", lambda: f"{len(select_codings(project)):,} codings", setup=cold)
        measure("co-occurrence by overlap, cold", lambda: f"{len(cooccurrence(project, unit='overlap')):,} pairs",
                setup=cold)
        measure("co-occurrence by sentence, cold", lambda: f"{len(cooccurrence(project, unit='sentence')):,} pairs",
                setup=cold)
        measure("frequencies by code, cold", lambda: f"{len(frequencies(project))} codes", setup=cold)
        print("-- below: codings, units and word index already read by an earlier analysis of the open project")
        measure("frequencies by code", lambda: f"{len(frequencies(project))} codes")
        measure("frequencies by role, rolled up", lambda: f"{len(frequencies(project, by='role', rollup=True))} rows")
        measure("co-occurrence by overlap", lambda: f"{len(cooccurrence(project, unit='overlap')):,} pairs")
        measure("co-occurrence by sentence", lambda: f"{len(cooccurrence(project, unit='sentence')):,} pairs")
        measure("network build (overlap, count)",
                lambda: "{} nodes, {} edges".format(*(lambda g: (g.number_of_nodes(), g.number_of_edges()))(
                    build_network(project, unit="overlap"))))
        counts = select_codings(project).groupby("code_id", observed=True).size().sort_values()
        code_id = counts[counts >= args.quotes].index[0] if (counts >= args.quotes).any() else counts.index[-1]
        code = project.codebook.path(code_id)
        selected = quotes(project, code, subtree=False, context=1).head(args.quotes)
        measure(f"select quotes of one code ({counts[code_id]:,} codings, context 1)",
                lambda: f"{len(quotes(project, code, subtree=False, context=1)):,} quotes")
        measure(f"{len(selected):,} quotes to .docx",
                lambda: f"{write_quotes(selected, folder / 'quotes.docx', project.codebook).stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
