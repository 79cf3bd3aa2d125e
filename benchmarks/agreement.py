"""Agreement at scale: prints one line per figure (median of several runs).

1. `qda agree` per code for every statistic: 3 coders, 100,000 sentence units, a 200-code codebook
   (a seeded synthetic project: 100 documents of 1,000 sentences; each coder codes about 30,000
   spans of one to three sentences, two coders following the third 80% of the time).  Goal <= 3 s.
2. Krippendorff's alpha (and the other coefficients) for one variable over 1,000,000 units,
   3 coders, 5 ordered categories, 10% missing, from the reliability matrix.  Goal <= 1 s.
   Then every statistic `qda agree --variable` reports (standard errors, Conger's kappa, weighted
   kappa and AC2, a row per pair of coders) on the same data.

Run: python benchmarks/agreement.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "agreement"))

import qda  # noqa: E402
from agreement_helpers import parsed  # noqa: E402
from qda.analysis.agreement import agreement  # noqa: E402
from qda.analysis.coefficients import table_statistics, value_patterns  # noqa: E402
from qda.analysis.reliability import reliability  # noqa: E402

SEED = 20240601


def build(path: Path) -> None:
    rng = np.random.default_rng(SEED)
    project = qda.create_project(path)
    documents = [parsed(f"doc{d:03d}", [f"Sentence {s} of document {d}." for s in range(1000)]) for d in range(100)]
    project.add_documents(documents)
    codes = []
    for parent in range(20):
        top = project.add_code(f"Theme {parent}")
        codes.append(top.id)
        codes += [project.add_code(f"Code {parent}.{child}", top).id for child in range(9)]
    rows = []
    ids = [d.name for d in documents]
    spans = [d.sentences for d in documents]
    base_doc = rng.integers(0, 100, 30000)
    base_sentence = rng.integers(0, 998, 30000)
    base_code = rng.integers(0, 200, 30000)
    width = rng.integers(1, 4, 30000)
    for coder in ("ana", "luis", "maria"):
        follow = rng.random(30000) < (1.0 if coder == "ana" else 0.8)
        doc = np.where(follow, base_doc, rng.integers(0, 100, 30000))
        sentence = np.where(follow, base_sentence, rng.integers(0, 998, 30000))
        code = np.where(follow, base_code, rng.integers(0, 200, 30000))
        for d, s, c, w in zip(doc, sentence, code, width):
            first, last = spans[d][s], spans[d][min(s + w - 1, 999)]
            rows.append((ids[d], codes[c], first.start, last.end, "", coder))
    project.add_codings(rows)
    project.close()


def median_time(function, runs: int = 5) -> tuple[float, float, object]:
    """The median wall time and CPU time of ``runs`` calls, and the last result.  CPU time is this
    process's user + system time: on a shared machine, the figure that others' load inflates least."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return statistics.median(times), statistics.median(cpus), result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qda"
        start = time.perf_counter()
        build(path)
        print(f"built the synthetic project (100,000 sentences, 200 codes, 90,000 codings) in {time.perf_counter() - start:.1f} s")
        with qda.open_project(path) as project:
            seconds, cpu, report = median_time(lambda: agreement(project, ["ana", "luis", "maria"], unit="sentence"))
            units = report.codes["units"].iloc[0]
            print(f"per-code agreement, all statistics, 3 coders x {units:,} sentence units x {len(report.codes)} codes: "
                  f"{seconds:.2f} s, CPU {cpu:.2f} s (goal <= 3 s); overall alpha {report.overall['krippendorff_alpha']:.3f}")
    rng = np.random.default_rng(SEED)
    truth = rng.integers(1, 6, 1_000_000)
    data = np.where(rng.random((3, 1_000_000)) < 0.7, truth, rng.integers(1, 6, (3, 1_000_000))).astype(float)
    data[rng.random(data.shape) < 0.1] = np.nan
    indices = np.where(np.isnan(data), -1, data - 1).astype(np.int64)
    for level in ("nominal", "ordinal", "interval"):
        seconds, cpu, result = median_time(lambda: reliability(data, level, values=[1, 2, 3, 4, 5]))
        print(f"one variable, {level}, 3 coders x 1,000,000 units, the six classic coefficients: {seconds:.2f} s, "
              f"CPU {cpu:.2f} s "
              f"(goal <= 1 s); alpha {result['krippendorff_alpha']:.4f}")
        seconds, cpu, row = median_time(lambda: variable_statistics(indices, level))
        print(f"one variable, {level}, 3 coders x 1,000,000 units, every statistic of `qda agree --variable` "
              f"(standard errors, Conger, weighted kappa and AC2, the three pairs): {seconds:.2f} s, CPU {cpu:.2f} s "
              "(goal <= 1 s); "
              f"alpha {row['krippendorff_alpha']:.4f}")


def variable_statistics(indices: np.ndarray, level: str) -> dict:
    """What `qda agree --variable` computes from a reliability matrix: the group's row and each pair's."""
    patterns, counts = value_patterns(indices, 5)
    values = np.arange(1.0, 6.0)
    for a, b in ((0, 1), (0, 2), (1, 2)):
        table_statistics(patterns[:, [a, b]], counts[None], 5, level, values)
    return table_statistics(patterns, counts[None], 5, level, values)[0]


if __name__ == "__main__":
    main()
