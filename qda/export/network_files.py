"""The code network to files: GraphML and GEXF (Gephi), CSV (nodes and edges), PNG and SVG pictures.

The picture uses a seeded spring layout, so one project gives one picture:
node area by frequency, node colour from the codebook, edge width by weight,
labels with the code's name."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np

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
    if fmt in ("graphml", "gexf"):
        write = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        with atomic_output(path, mode) as target:
            write(_plain(graph), target)
        return [path]
    if fmt == "csv":
        stem = path.with_suffix("")
        nodes, edges = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
        write_csv(nodes_frame(graph), nodes, raw=raw_csv, mode=mode)
        write_csv(edges_frame(graph), edges, raw=raw_csv, mode=mode)
        return [nodes, edges]
    draw_network(graph, path, fmt=fmt, **picture_options)
    return [path]


def _plain(graph: nx.Graph) -> nx.Graph:
    """GraphML and GEXF take only str, int, float and bool attributes."""
    plain = nx.Graph()
    plain.graph.update({k: str(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        plain.add_node(node, **data)
    for a, b, data in graph.edges(data=True):
        plain.add_edge(a, b, **data)
    return plain


def draw_network(graph: nx.Graph, path: str | Path, fmt: str = "png", width: float = 12.0, height: float = 9.0,
                 dpi: int = 100, seed: int = 7, title: str | None = None) -> Path:
    """Draw the network to a PNG or SVG of ``width`` x ``height`` inches (PNG: times ``dpi`` pixels)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "qda"  # the same ids in every SVG of the same graph

    path = Path(path)
    figure = plt.figure(figsize=(width, height), dpi=dpi)
    axes = figure.add_axes((0, 0, 1, 0.94 if title else 1))
    axes.set_axis_off()
    if title:
        figure.suptitle(title, fontsize=13)
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "No co-occurrences in this selection", ha="center", va="center", fontsize=14, color="#555555")
    else:
        nodes = sorted(graph.nodes, key=lambda n: graph.nodes[n]["path"])
        ordered = nx.Graph()
        ordered.add_nodes_from((n, graph.nodes[n]) for n in nodes)
        ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (graph.nodes[e[0]]["path"], graph.nodes[e[1]]["path"])))
        weights = [d["weight"] for _, _, d in ordered.edges(data=True)]
        top = max(weights) if weights else 1.0
        top = top if top > 0 else 1.0
        layout = _layout(ordered, seed)
        frequencies = [ordered.nodes[n].get("frequency", 0) for n in nodes]
        biggest = max(max(frequencies), 1)
        sizes = [120 + 1100 * (f / biggest) for f in frequencies]
        colours = [ordered.nodes[n].get("colour") or "#999999" for n in nodes]
        widths = [0.6 + 7.0 * (w / top) for w in weights]
        alphas = [0.25 + 0.6 * (w / top) for w in weights]
        for (a, b), lw, alpha in zip(ordered.edges(), widths, alphas):
            (x1, y1), (x2, y2) = layout[a], layout[b]
            axes.plot([x1, x2], [y1, y2], color="#555555", linewidth=lw, alpha=alpha, zorder=1, solid_capstyle="round")
        xs = [layout[n][0] for n in nodes]
        ys = [layout[n][1] for n in nodes]
        axes.scatter(xs, ys, s=sizes, c=colours, edgecolors="#333333", linewidths=0.8, zorder=2)
        for n, x, y, size in zip(nodes, xs, ys, sizes):
            label = ordered.nodes[n].get("label", str(n))
            axes.annotate(_wrap(label), (x, y), xytext=(0, (size ** 0.5) / 2 + 3), textcoords="offset points",
                          ha="center", va="bottom", fontsize=8.5, zorder=3,
                          bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
        axes.margins(0.12)
    metadata = {"Date": None} if fmt == "svg" else {}
    with atomic_output(path) as target:
        figure.savefig(target, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
    plt.close(figure)
    return path


def _layout(graph: nx.Graph, seed: int) -> dict:
    """Positions that spread the codes evenly: Kamada-Kawai on the graph's distances (deterministic),
    relaxed by a seeded spring layout; components side by side."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    positions: dict = {}
    columns = max(1, int(np.ceil(np.sqrt(len(components)))))
    big = components[0] if components else []
    for index, component in enumerate(components):
        sub = graph.subgraph(component)
        if len(component) == 1:
            local = {component[0]: np.zeros(2)}
        else:
            start = nx.kamada_kawai_layout(sub, weight=None)
            local = nx.spring_layout(sub, pos=start, seed=seed, iterations=30, k=1.5 / np.sqrt(len(component)),
                                     weight=None)
        points = np.array(list(local.values()))
        points = points - points.mean(axis=0)
        span = np.abs(points).max() or 1.0
        scale = np.sqrt(len(component) / max(len(big), 1))
        if index == 0:
            offset = np.zeros(2)
        else:
            row, column = divmod(index - 1, columns)
            offset = np.array([1.6 + 0.7 * column, 1.0 - 0.7 * row])
        for node, point in zip(local, points):
            positions[node] = point / span * scale + offset
    return _spread(positions)


def _spread(positions: dict, minimum: float = 0.19, rounds: int = 60) -> dict:
    """Push apart codes closer than ``minimum`` (in layout units), so that circles and labels do not pile up."""
    if len(positions) < 2:
        return positions
    nodes = list(positions)
    points = np.array([positions[n] for n in nodes], dtype=float)
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=2))
        np.fill_diagonal(distance, 1e9)
        close = distance < minimum
        if not close.any():
            break
        push = np.where(close, (minimum - distance) / np.maximum(distance, 1e-9) / 2, 0.0)
        ties = close & (distance < 1e-9)
        if ties.any():  # identical positions: separate them along a fixed direction
            delta = delta + ties[..., None] * np.array([1e-3, 0.0])
        points += (delta * push[..., None]).sum(axis=1)
    return dict(zip(nodes, points))


def _wrap(label: str, width: int = 22) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
