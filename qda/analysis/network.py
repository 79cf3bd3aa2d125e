"""The code network: codes as nodes, co-occurrences as weighted edges (a networkx graph).

Nodes are code ids with attributes ``label`` (the code's name), ``path``,
``colour`` (from the codebook, "#999999" when it has none), ``level``,
``frequency`` (codings of the code in the selection), ``units`` (units holding
the code) and ``quotations``.  Edges carry ``weight`` (the measure chosen to
draw and rank them) and every measure of ``qda.analysis.cooccurrence``:
count, jaccard, c, c_capped, lift, expected, p, p_adjusted.  The graph's
attributes say how it was built: ``unit``, ``measure``, ``project``, ``test``,
``same_branch``; ``pairs_total`` counts the pairs before any filter.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..errors import QdaError
from ._select import select_codings
from .cooccurrence import MEASURES, _cooccurrence
from ._select import check_unit

if TYPE_CHECKING:  # imported where a graph is made: `qda stats` and the co-occurrence table need no networkx
    import networkx as nx

DEFAULT_COLOUR = "#999999"


def build_network(project, unit: str = "overlap", measure: str = "count", coder=None, codes=None, where=None,
                  rollup: bool = False, min_count: int = 1, include_isolated: bool = False, same_branch: bool = False,
                  test: str = "fisher") -> nx.Graph:
    """The co-occurrence network of the selection; edges with ``count >= min_count``.

    Codes without any edge are left out unless ``include_isolated`` (unused codes always are);
    ``same_branch`` and ``test`` as in ``qda.analysis.cooccurrence``."""
    check_unit(unit)
    if measure not in MEASURES:
        raise QdaError(f"unknown measure {measure!r}: use count, jaccard, c or lift")
    pairs, nodes = _cooccurrence(project, unit, coder, codes, where, rollup, same_branch, test)
    pairs = pairs[pairs["count"] >= max(min_count, 1)]
    frame = select_codings(project, coder=coder, codes=codes, where=where)
    frequency = frame.groupby("code_id", observed=True).size()
    if rollup:
        from ._select import roll_up
        frequency = roll_up(frame, project.codebook).groupby("code_id", observed=True).size()
    import networkx as nx

    graph = nx.Graph(unit=unit, measure=measure, project=str(project.name), test=test,
                     same_branch=pairs.attrs["same_branch"], pairs_total=len(pairs))
    linked = set(pairs["code_a_id"]) | set(pairs["code_b_id"])
    for row in nodes.itertuples(index=False):
        if row.code_id not in linked and not (include_isolated and row.units > 0):
            continue
        graph.add_node(row.code_id, label=row.code, path=row.path, colour=row.colour or DEFAULT_COLOUR,
                       top=row.path.split(" > ")[0],
                       level=int(row.level), frequency=int(frequency.get(row.code_id, 0)), units=int(row.units),
                       quotations=int(row.quotations))
    for row in pairs.itertuples(index=False):
        values = {name: float(getattr(row, name)) for name in ("jaccard", "c", "lift", "expected", "p", "p_adjusted")}
        values = {k: (v if math.isfinite(v) else 0.0) for k, v in values.items()}
        graph.add_edge(row.code_a_id, row.code_b_id, count=int(row.count), weight=float(getattr(row, measure)),
                       c_capped=bool(row.c_capped), **values)
    return graph


def filter_network(graph: nx.Graph, top: int | None = None, code: str | None = None, min_weight: float | None = None,
                   project=None) -> nx.Graph:
    """A copy keeping the ``top`` strongest edges (by weight, then count), the
    edges of one code's neighbourhood (``code``: id, path or name), or edges of
    at least ``min_weight``; nodes left without an edge are dropped."""
    import networkx as nx

    kept = nx.Graph(**graph.graph)
    edges = list(graph.edges(data=True))
    if code is not None:
        node = _node(graph, code, project)
        edges = [(a, b, d) for a, b, d in edges if node in (a, b)]
    if min_weight is not None:
        edges = [(a, b, d) for a, b, d in edges if d["weight"] >= min_weight]
    if top is not None:
        edges = sorted(edges, key=lambda e: (-e[2]["weight"], -e[2]["count"], graph.nodes[e[0]]["path"],
                                             graph.nodes[e[1]]["path"]))[:top]
    for a, b, data in edges:
        kept.add_node(a, **graph.nodes[a])
        kept.add_node(b, **graph.nodes[b])
        kept.add_edge(a, b, **data)
    if code is not None and not edges:
        node = _node(graph, code, project)
        kept.add_node(node, **graph.nodes[node])
    return kept


def _node(graph: nx.Graph, code: str, project=None) -> str:
    if code in graph:
        return code
    wanted = code.strip().casefold()
    matches = [n for n, d in graph.nodes(data=True) if d["path"].casefold() == wanted]
    matches = matches or [n for n, d in graph.nodes(data=True)
                          if d["label"].casefold() == wanted or d["path"].casefold().endswith("> " + wanted)]
    if len(matches) == 1:
        return matches[0]
    if project is not None:
        found = project.codebook.find(code)
        if found is not None:
            raise QdaError(f"code {code!r} co-occurs with no other code in this selection; lower --min or change the unit")
    raise QdaError(f"no code {code!r} in the network (give its path, e.g. \"Police > Distrust of police\")")


def edges_frame(graph: nx.Graph):
    """The edges as a DataFrame: source and target ids and paths, then every edge attribute."""
    import pandas as pd

    rows = [{"source": a, "target": b, "source_path": graph.nodes[a]["path"], "target_path": graph.nodes[b]["path"], **d}
            for a, b, d in graph.edges(data=True)]
    columns = ["source", "target", "source_path", "target_path", "weight", "count", "jaccard", "c", "c_capped", "lift",
               "expected", "p", "p_adjusted"]
    return pd.DataFrame(rows, columns=columns)


def nodes_frame(graph: nx.Graph):
    import pandas as pd

    rows = [{"id": n, **d} for n, d in graph.nodes(data=True)]
    return pd.DataFrame(rows, columns=["id", "label", "path", "top", "colour", "level", "frequency", "units", "quotations"])


__all__ = ["build_network", "filter_network", "edges_frame", "nodes_frame", "np"]
