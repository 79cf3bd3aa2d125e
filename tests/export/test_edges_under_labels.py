"""No edge shows through a code's label in a co-occurrence network at the widths a journal prints.

A team's network of ten codes with long Spanish names, printed 8.5 cm (one column) and 17.5 cm (two
columns) wide at 300 dpi: edges ran between node centres through the labels, a node's own edges through
its own label, and the white halo round the letters left the line showing between them ("Presión
familiar para la reconciliación" read with a grey bar through it).  Edges now go round labels
(``qda.pictures.edges``; tests/export/test_edges_round_labels.py).  The test draws each picture twice,
with and without its edges, and compares the pixels inside every label's box: they must be the same."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from qda.pictures.network import _title, network_figure

NAMES = ["Desconfianza en la policía de Lima Norte", "Miedo a la represalia del agresor",
         "Barreras lingüísticas: quechua sin traducción", "Demora de la fiscalía en Ayacucho",
         "Presión familiar para la reconciliación", "Apoyo del albergue y de las compañeras",
         "Revictimización en la comisaría", "Falta de recursos del Ministerio Público",
         "Vergüenza ante la comunidad (p'enqay)", "Dependencia económica de la pareja"]
TOPS = ["Respuesta institucional", "Barreras para buscar ayuda", "Apoyo que funciona"]
CM = 1 / 2.54


def team_network(codes: int, seed: int) -> nx.Graph:
    """``codes`` codes under three top-level codes, about half of the pairs linked, seeded weights."""
    rng = np.random.default_rng(seed)
    graph = nx.Graph(unit="sentence", measure="count", project="equipo", pairs_total=0, same_branch=False)
    for i, name in enumerate(NAMES[:codes]):
        top = TOPS[i % len(TOPS)]
        graph.add_node(f"c{i}", label=name, path=f"{top} > {name}", top=top, frequency=int(rng.integers(2, 40)),
                       colour="#999999", level=1, units=0, quotations=0)
    for a in range(codes):
        for b in range(a + 1, codes):
            if rng.random() < 0.45:
                count = int(rng.integers(1, 9))
                graph.add_edge(f"c{a}", f"c{b}", count=count, weight=float(count))
    graph.graph["pairs_total"] = graph.number_of_edges()
    return graph


def edge_ink_in_labels(figure, dpi: int = 300) -> dict[str, int]:
    """{label: pixels inside its box that differ with the edges drawn and without} at ``dpi``."""
    def pixels():
        figure.set_dpi(dpi)
        figure.canvas.draw()
        return np.asarray(figure.canvas.buffer_rgba())[:, :, :3].astype(int)

    edges = figure.qda_boxes["axes"].collections[0]
    drawn = pixels()
    edges.set_visible(False)
    bare = pixels()
    edges.set_visible(True)
    renderer, height = figure.canvas.get_renderer(), drawn.shape[0]
    found = {}
    for label in figure.qda_boxes["labels"]:
        box = label.get_window_extent(renderer)
        rows, columns = slice(int(height - box.y1), int(height - box.y0)), slice(int(box.x0), int(box.x1))
        differ = int((np.abs(drawn[rows, columns] - bare[rows, columns]).sum(axis=2) > 30).sum())
        if differ:
            found[label.get_text().replace("\n", " ")] = differ
    return found


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
@pytest.mark.parametrize("codes, seed", [(6, 1), (10, 3)])
def test_no_edge_shows_through_a_label_at_journal_widths(centimetres, codes, seed):
    figure = network_figure(team_network(codes, seed), width=centimetres * CM)
    assert figure.qda_boxes["axes"].collections[0].get_segments()  # the picture has edges to hide
    assert edge_ink_in_labels(figure) == {}
    assert figure.qda_overlaps == []


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
def test_the_subtitle_breaks_between_its_parts(centimetres):
    """The subtitle's parts (project · measure · pairs · what is left out) each stay on one line: at one
    column it read "… · pairs within one branch left" over a lone "out"."""
    graph = team_network(10, 3)
    figure = network_figure(graph, width=centimetres * CM)
    lines = figure.qda_boxes["title"][1].get_text().split("\n")
    parts = _title(graph, None)[1].split(" · ")
    assert len(parts) >= 4
    assert all(any(part in line for line in lines) for part in parts), lines
