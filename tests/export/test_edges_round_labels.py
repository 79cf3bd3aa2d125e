"""No edge of a co-occurrence network passes through a code's label, as the printed picture shows it.

Edges ran between code centres: through the label under each of their own codes and through other codes'
labels on the way, and the twelfth session hid them under a white ground (a reader saw a line stop at a
label and go on past it).  Each test draws the network at a journal's width (8.5 and 17.5 cm) at 300 dpi
with 5, 20 and 60 codes of long Spanish names (accents, « »), and asks matplotlib's own geometry, not
qda's: every segment of every drawn edge (its path through the axes' transform) against every label's
rendered box (``Text.get_window_extent``).  An edge must still reach both its codes: its ends lie on the
code's circle or on its label's box."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from matplotlib.path import Path
from matplotlib.transforms import Bbox

from qda.pictures.network import network_figure

CM = 1 / 2.54
WORDS = ["desconfianza", "policía", "fiscalía", "albergue", "represalia", "vergüenza", "comunidad", "pareja",
         "quechua", "traducción", "comisaría", "reconciliación", "«ley de protección»", "Ayacucho", "niñez",
         "economía", "trámite", "denuncia", "«callar»", "compañeras"]
TOPS = ["Respuesta institucional", "Barreras para buscar ayuda", "Apoyo que funciona", "Violencia económica"]


def spanish_network(codes: int, seed: int) -> nx.Graph:
    """``codes`` codes with names of 3-6 Spanish words under four top-level codes, linked as co-occurrence
    networks are (a few codes with many links, most with one or two: preferential attachment) plus a
    quarter as many pairs again at random, about what `qda cooccur --top` leaves; seeded."""
    rng = np.random.default_rng(seed)
    graph = nx.Graph(unit="sentence", measure="count", project="equipo", same_branch=False)
    for i in range(codes):
        name = " ".join(rng.choice(WORDS, rng.integers(3, 7), replace=False)).capitalize()
        top = TOPS[i % len(TOPS)]
        graph.add_node(f"c{i}", label=name, path=f"{top} > {name}", top=top, frequency=int(rng.integers(1, 60)),
                       colour="#999999", level=1, units=0, quotations=0)
    pairs = set(nx.barabasi_albert_graph(codes, 1, seed=seed).edges)
    while len(pairs) < codes * 5 // 4:
        pairs.add(tuple(sorted(rng.choice(codes, 2, replace=False).tolist())))
    for a, b in sorted(pairs):
        count = int(rng.integers(1, 15))
        graph.add_edge(f"c{a}", f"c{b}", count=count, weight=float(count))
    graph.graph["pairs_total"] = graph.number_of_edges()
    return graph


def drawn_edges(figure):
    """Each edge as the polyline a reader sees, in display pixels."""
    axes = figure.qda_boxes["axes"]
    edges = axes.collections[0]
    return [Path(axes.transData.transform(path.vertices)) for path in edges.get_paths()]


def through_labels(figure) -> list[tuple[str, str]]:
    """(edge's end labels, label crossed) for every edge segment inside a label's rendered box, at 300 dpi."""
    figure.set_dpi(300)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [(t.get_text().replace("\n", " "), Bbox.from_extents(*(t.get_window_extent(renderer).extents
                                                                     + [1, 1, -1, -1])))  # less a pixel's blur
             for t in figure.qda_boxes["labels"]]
    found = []
    for index, path in enumerate(drawn_edges(figure)):
        for text, box in boxes:
            if path.intersects_bbox(box, filled=False):
                found.append((index, text))
    return found


CASES = [(5, 2), (20, 5), (60, 8)]


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
@pytest.mark.parametrize("codes, seed", CASES)
def test_no_edge_passes_through_a_label(centimetres, codes, seed):
    figure = network_figure(spanish_network(codes, seed), width=centimetres * CM)
    assert len(drawn_edges(figure)) > codes // 2
    assert through_labels(figure) == []


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
@pytest.mark.parametrize("codes, seed", CASES)
def test_each_edge_still_reaches_both_its_codes(centimetres, codes, seed):
    """An edge ends on (or in) its code's circle or at the box of the code's label, 1.5 mm away at most (the
    edge's half width, the label's halo and half a point clear): it does not stop in the air."""
    graph = spanish_network(codes, seed)
    figure = network_figure(graph, width=centimetres * CM)
    figure.set_dpi(300)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes, scatter = figure.qda_boxes["axes"], figure.qda_boxes["nodes"]
    centres = axes.transData.transform(scatter.get_offsets())
    radii = np.sqrt(scatter.get_sizes()) / 2 * 300 / 72
    nodes = sorted(graph.nodes, key=lambda n: graph.nodes[n]["path"])
    labels = {text.get_text().replace("\n", " "): text.get_window_extent(renderer) for text in figure.qda_boxes["labels"]}
    ordered = sorted(graph.edges(data=True), key=lambda e: e[2]["weight"])
    near = 0.15 / 2.54 * 300
    for path, (a, b, _) in zip(drawn_edges(figure), ordered):
        for end, node in ((path.vertices[0], a), (path.vertices[-1], b)):
            i = nodes.index(node)
            to_circle = max(np.hypot(*(end - centres[i])) - radii[i], 0.0)
            box = labels.get(graph.nodes[node]["label"])
            to_box = np.inf if box is None else max(box.x0 - end[0], end[0] - box.x1, box.y0 - end[1],
                                                     end[1] - box.y1, 0)  # the box grown by ``near`` holds it
            assert min(to_circle, to_box) < near, (node, end, centres[i], radii[i], box)
