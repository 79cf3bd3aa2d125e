"""A synthetic code network the size of a large codebook: 60 codes under 8 top-level codes, long names."""

from __future__ import annotations

import networkx as nx
import numpy as np

WORDS = ["police", "refusal", "family", "pressure", "shelter", "court", "delay", "records", "migration", "language",
         "shame", "retaliation", "poverty", "distance", "funding", "turnover", "forensic", "orders", "memory", "rights"]
TOPS = ["Institutional response", "Policy framing", "Impunity", "Coordination between agencies",
        "Resources and staffing", "Intersecting inequalities", "Barriers to seeking help", "Support that works"]


def synthetic_network(codes: int = 60, edges: int = 120, seed: int = 11, unit: str = "sentence",
                      measure: str = "count") -> nx.Graph:
    """Codes named with 2-5 words, frequencies 1-40, edges by preferential attachment plus noise, two small
    components and an isolated pair, as real codebooks give."""
    rng = np.random.default_rng(seed)
    graph = nx.Graph(unit=unit, measure=measure, project="synthetic", pairs_total=edges, same_branch=False)
    for i in range(codes):
        name = " ".join(rng.choice(WORDS, rng.integers(2, 6))).capitalize() + f" {i}"
        top = TOPS[i % len(TOPS)]
        graph.add_node(f"c{i}", label=name, path=f"{top} > {name}", top=top, frequency=int(rng.integers(1, 41)),
                       colour="#999999", level=1, units=0, quotations=0)
    main = list(range(codes - 6))
    core = nx.barabasi_albert_graph(len(main), 2, seed=seed)
    pairs = set(core.edges)
    while len(pairs) < edges - 3:
        a, b = sorted(rng.choice(main, 2, replace=False).tolist())
        pairs.add((a, b))
    pairs |= {(codes - 6, codes - 5), (codes - 5, codes - 4), (codes - 3, codes - 2)}
    for a, b in sorted(pairs):
        count = int(rng.integers(1, 12))
        graph.add_edge(f"c{a}", f"c{b}", count=count, weight=float(count))
    return graph
