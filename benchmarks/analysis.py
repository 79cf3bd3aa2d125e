"""Analysis at scale: a seeded synthetic project, then each analysis timed.

    python benchmarks/analysis.py                      # 10,000 documents, 1,000,000 codings, 200 codes
    python benchmarks/analysis.py --documents 1000 --codings 100000 --keep /tmp/bench.qda

The corpus is benchmarks/corpus.py's (also benchmarks/cli.py's): a 200-code codebook of
4 levels, documents of 10 to 14 alternating turns, two coders, codings of 1 to 3 sentences
with Zipf-like codes.  Each figure is the median of 3 runs, with the peak of
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
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qda  # noqa: E402
from qda.analysis import build_network, cooccurrence, frequencies  # noqa: E402
from qda.export.quotes import quotes, write_quotes  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as shared_corpus  # noqa: E402

def build(path: Path, documents: int, codings: int, seed: int) -> None:
    started = time.perf_counter()
    corpus = shared_corpus.build("synthetic", path, documents, (10, 15), codings, seed)
    print(f"built {documents:,} documents, {len(corpus.codings):,} codings in {time.perf_counter() - started:.1f} s "
          f"({path.stat().st_size / 1e6:.0f} MB)", flush=True)


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
