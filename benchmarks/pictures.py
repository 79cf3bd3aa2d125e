"""Pictures at scale: the network of 200 codes and the heat map of 200 codes x 10,000 documents.

    python benchmarks/pictures.py                # 200 codes, 400 pairs; 200 codes x 10,000 documents
    python benchmarks/pictures.py --codes 100 --documents 2000

Seeded synthetic inputs, drawn as the CLI draws them (7 inches wide, PNG at
300 dpi): the network from a graph of ``--codes`` codes under 5 top-level codes
with ``--pairs`` edges (preferential attachment plus random pairs), every code
drawn; the heat map from a codes x documents matrix of Poisson counts (most
cells zero, as in real projects), rows clustered.  Each figure is the median of
3 runs after a first that imports and warms up, from the data to the file
written, wall-clock and processor time; one line a figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qda.pictures import heatmap_figure, network_figure, save_figure  # noqa: E402
from qda.pictures.heatmap import cluster_order  # noqa: E402


def network(codes: int, pairs: int, seed: int = 5) -> nx.Graph:
    rng = np.random.default_rng(seed)
    graph = nx.Graph(unit="sentence", measure="count", project="benchmark", pairs_total=pairs, same_branch=False)
    for i in range(codes):
        top = f"Theme {i % 5 + 1}"
        name = f"Code {i + 1} about " + " ".join(rng.choice(["police", "family", "court", "shelter", "fear"], 2))
        graph.add_node(f"c{i}", label=name, path=f"{top} > {name}", top=top, frequency=int(rng.integers(1, 200)))
    edges = set(nx.barabasi_albert_graph(codes, 1, seed=seed).edges)
    while len(edges) < pairs:
        a, b = sorted(rng.choice(codes, 2, replace=False).tolist())
        edges.add((a, b))
    for a, b in sorted(edges):
        count = int(rng.integers(1, 60))
        graph.add_edge(f"c{a}", f"c{b}", count=count, weight=float(count))
    return graph


def matrix(codes: int, documents: int, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rates = rng.gamma(0.3, 1.0, size=(codes, 1))
    values = rng.poisson(rates, size=(codes, documents))
    frame = pd.DataFrame(values, index=[f"Theme {i % 5 + 1} > Code {i + 1}" for i in range(codes)],
                         columns=[f"D{j + 1:05d}" for j in range(documents)])
    frame.index.name, frame.columns.name = "code", "document"
    frame.attrs = {"by": "document", "measure": "codings", "percent": False, "project": "benchmark"}
    return frame


def timed(job, runs: int = 3) -> str:
    """Median wall-clock and processor seconds of ``runs`` runs (after one run that imports and warms up);
    on a shared machine the processor time says what an idle one would take."""
    job()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return f"{statistics.median(walls):.2f} s (processor {statistics.median(cpus):.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codes", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--documents", type=int, default=10_000)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qda-pictures-"))
    graph = network(arguments.codes, arguments.pairs)
    frame = matrix(arguments.codes, arguments.documents)

    def draw_network():
        save_figure(network_figure(graph), folder / "network.png")

    def draw_heatmap():
        clustered = frame.iloc[cluster_order(frame.to_numpy(dtype=float))]
        clustered.attrs = dict(frame.attrs, clustered=True)
        save_figure(heatmap_figure(clustered), folder / "heatmap.png")

    print(f"network of {arguments.codes} codes, {arguments.pairs} pairs, to PNG: {timed(draw_network)}")
    print(f"heat map of {arguments.codes} codes x {arguments.documents:,} documents, rows clustered, to PNG: "
          f"{timed(draw_heatmap)}")
    print(f"(pictures in {folder})")


if __name__ == "__main__":
    main()
