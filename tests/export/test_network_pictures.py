"""Network pictures a journal can print as they are: the drawn boxes of matplotlib's artists, after drawing,
show no node on a node, no label on a node or a label, nothing outside the plot or over the legends and title;
the legend names size, width and colour; the title the unit and the measure; components lie apart."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

import qda
from qda.analysis import build_network, filter_network
from qda.pictures.figure import marker_boxes, overlapping, text_box
from qda.pictures.network import drawn_overlaps, network_figure

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_network import synthetic_network  # noqa: E402


def drawn(figure):
    """Boxes of what was drawn, in display pixels, computed afresh from the artists."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = figure.qda_boxes
    return (marker_boxes(boxes["nodes"], renderer), [text_box(t, renderer) for t in boxes["labels"]],
            [legend.get_window_extent(renderer) for legend in boxes["legends"]])


def assert_clean(figure):
    nodes, labels, legends = drawn(figure)
    assert overlapping(nodes) == []
    assert overlapping(labels) == []
    assert overlapping(labels, nodes) == []
    assert overlapping(labels, legends) == [] and overlapping(legends) == []
    assert drawn_overlaps(figure) == []
    page = figure.bbox
    titles = [text_box(t, figure.canvas.get_renderer(), 0) for t in figure.qda_boxes["title"]]
    for box in labels + legends + titles:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1


@pytest.fixture(scope="module")
def sample_graphs(coded_template):
    with qda.open_project(coded_template) as project:
        graphs = {unit: build_network(project, unit=unit) for unit in ("overlap", "document")}
        graphs["document"] = filter_network(graphs["document"], top=40)
        return graphs, project.codebook


@pytest.mark.parametrize("unit", ["overlap", "document"])
@pytest.mark.parametrize("width", [3.5, 7.0])
def test_sample_network_has_no_overlaps_at_journal_widths(sample_graphs, unit, width):
    graphs, codebook = sample_graphs
    figure = network_figure(graphs[unit], width=width, codebook=codebook)
    assert figure.get_size_inches()[0] == width
    assert_clean(figure)


def test_sixty_code_network_has_no_overlaps():
    graph = synthetic_network(60, 120)
    assert graph.number_of_nodes() == 60
    figure = network_figure(graph, width=7.0)
    assert len(figure.qda_boxes["labels"]) == 60
    assert_clean(figure)


def test_legend_title_and_colours(sample_graphs):
    graphs, codebook = sample_graphs
    graph = graphs["document"]
    figure = network_figure(graph, width=7.0, codebook=codebook)
    title, subtitle = (t.get_text() for t in figure.qda_boxes["title"])
    assert title == "Code co-occurrence by document"
    assert "edge width: units shared" in subtitle and "the 40 strongest of" in subtitle
    assert "pairs within one branch left out" in subtitle
    size, width, colour = figure.qda_boxes["legends"]
    assert size.get_title().get_text() == "Codings"
    assert width.get_title().get_text() == "Units shared (document)"
    assert colour.get_title().get_text() == "Top-level code"
    # each top-level code in the legend wears its codebook colour, and each node its top-level code's colour
    roots = {code.name: code.colour.upper() for code in codebook.roots}
    legend_colours = {text.get_text().replace("\n", " "): handle.get_markerfacecolor()
                      for text, handle in zip(colour.get_texts(), colour.legend_handles)}
    from matplotlib.colors import to_hex

    tops = {graph.nodes[n]["top"] for n in graph.nodes}
    assert set(legend_colours) == tops
    assert all(to_hex(legend_colours[top]).upper() == roots[top] for top in tops)
    scatter = figure.qda_boxes["nodes"]
    nodes = sorted(graph.nodes, key=lambda n: graph.nodes[n]["path"])
    for node, face in zip(nodes, scatter.get_facecolors()):
        assert to_hex(face).upper() == roots[graph.nodes[node]["top"]]


def test_title_states_another_unit_and_measure(hand):
    graph = build_network(hand, unit="sentence", measure="jaccard")
    figure = network_figure(graph, width=3.5, codebook=hand.codebook)
    title, subtitle = (t.get_text() for t in figure.qda_boxes["title"])
    assert title == "Code co-occurrence by sentence" and "edge width: Jaccard" in subtitle
    assert figure.qda_boxes["legends"][1].get_title().get_text() == "Jaccard (sentence)"


def test_components_are_laid_out_apart():
    """Three components: the boxes around each one's nodes share no area, so no edge crosses another component."""
    graph = nx.Graph(unit="sentence", measure="count")
    for component, size in enumerate((8, 5, 3)):
        names = [f"k{component}-{i}" for i in range(size)]
        for i, name in enumerate(names):
            graph.add_node(name, label=f"Code {component}.{i}", path=f"Top {component} > {name}", top=f"Top {component}",
                           frequency=3 + i)
        graph.add_edges_from(((a, b, {"weight": 1.0, "count": 1}) for a, b in zip(names, names[1:] + names[:1])))
    figure = network_figure(graph, width=7.0)
    assert_clean(figure)
    nodes, labels, _ = drawn(figure)
    order = sorted(graph.nodes, key=lambda n: graph.nodes[n]["path"])
    hulls = []
    from matplotlib.transforms import Bbox

    for component in nx.connected_components(graph):
        members = [i for i, n in enumerate(order) if n in component]
        hulls.append(Bbox.union([nodes[i] for i in members] + [labels[i] for i in members]))
    assert overlapping(hulls) == []


def test_empty_network_says_so():
    figure = network_figure(nx.Graph(unit="overlap", measure="count"))
    assert any("No co-occurrences" in t.get_text() for t in figure.texts)
