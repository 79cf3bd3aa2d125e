"""The code network to files: GraphML, GEXF 1.3 (Gephi), CSV (nodes and edges), PNG and SVG pictures.

The pictures are ``qda.pictures.network``'s; the GEXF file is ``qda.export.gexf``'s."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..analysis.network import edges_frame, nodes_frame
from ..errors import QdaError
from ..files import PRIVATE, atomic_output
from ..spreadsheet import write_csv

GRAPH_FORMATS = ("graphml", "gexf", "csv", "png", "svg")


def write_network(graph: nx.Graph, path: str | Path, fmt: str | None = None, raw_csv: bool = False,
                  mode: int = PRIVATE, **picture_options) -> list[Path]:
    """Write ``graph`` in the format of ``fmt`` or of the file's suffix; returns the files written.

    CSV writes two files: ``NAME.nodes.csv`` and ``NAME.edges.csv``, safe for spreadsheets
    unless ``raw_csv`` (``qda.spreadsheet``), with permissions ``mode``."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in GRAPH_FORMATS:
        raise QdaError(f"cannot write a network as {fmt or 'a file without suffix'!r}; use .graphml, .gexf, .csv, .png or .svg")
    if fmt == "graphml":
        with atomic_output(path, mode) as target:
            nx.write_graphml(_plain(graph), target)
        return [path]
    if fmt == "gexf":
        from .gexf import write_gexf

        write_gexf(graph, path, codebook=picture_options.get("codebook"), mode=mode)
        return [path]
    if fmt == "csv":
        stem = path.with_suffix("")
        nodes, edges = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
        write_csv(nodes_frame(graph), nodes, raw=raw_csv, mode=mode)
        write_csv(edges_frame(graph), edges, raw=raw_csv, mode=mode)
        return [nodes, edges]
    draw_network(graph, path, fmt=fmt, mode=mode, **picture_options)
    return [path]


def _plain(graph: nx.Graph) -> nx.Graph:
    """GraphML takes only str, int, float and bool attributes."""
    plain = nx.Graph()
    plain.graph.update({k: str(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        plain.add_node(node, **data)
    for a, b, data in graph.edges(data=True):
        plain.add_edge(a, b, **data)
    return plain


def draw_network(graph: nx.Graph, path: str | Path, fmt: str = "png", width: float = 7.0, height: float | None = None,
                 dpi: int = 300, codebook=None, title: str | None = None, mode: int = PRIVATE) -> Path:
    """Draw the network to a PNG or SVG ``width`` inches wide (``qda.pictures.network``), permissions ``mode``."""
    from ..pictures.figure import save_figure
    from ..pictures.network import network_figure

    figure = network_figure(graph, width=width, height=height, codebook=codebook, title=title)
    return save_figure(figure, path, fmt=fmt, dpi=dpi, mode=mode)
