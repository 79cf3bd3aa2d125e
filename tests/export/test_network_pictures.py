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
    labelled = len(figure.qda_boxes["labels"])
    assert labelled >= 40  # 120 pairs among 60 codes: a few labels stand where edges must pass, and are left off
    assert f"labels: {labelled} of 60 codes, most codings first; {60 - labelled} left off where edges pass" in \
        figure.qda_boxes["title"][1].get_text().replace("\n", " ")
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


@pytest.mark.parametrize(("weights", "measure", "labels"), [
    ([1, 2, 2, 1], "count", ["1", "2"]),             # a study's first three transcripts: 1 and 2 documents
    ([3, 4, 4, 3], "count", ["3", "4"]),
    ([2, 4, 3, 2], "count", ["2", "3", "4"]),
    ([0.5, 0.504, 0.5, 0.504], "jaccard", ["0.50"]),  # printed the same: one entry
])
def test_the_width_legend_names_each_drawn_width_once_with_its_own_value(weights, measure, labels):
    """Counts 1 and 2 gave the width legend three lines labelled "1", "2", "2": the middle one drawn at 1.5
    units, which no pair has, and labelled as if it were 2."""
    graph = nx.Graph(unit="document", measure=measure, project="fieldwork", pairs_total=len(weights), same_branch=False)
    for i, name in enumerate(["Dismissal", "Paperwork", "Quechua", "Travel cost"]):
        graph.add_node(f"c{i}", label=name, path=f"Top > {name}", top="Top", frequency=i + 1, colour="#999999",
                       level=1, units=0, quotations=0)
    for i, weight in enumerate(weights):
        graph.add_edge(f"c{i}", f"c{(i + 1) % 4}", weight=weight)
    _, width, _ = network_figure(graph, width=3.5).qda_boxes["legends"]
    assert [text.get_text() for text in width.get_texts()] == labels
    drawn = [handle.get_linewidth() for handle in width.legend_handles]
    assert drawn == sorted(set(drawn)), drawn  # a wider line for each larger value


@pytest.mark.parametrize("frequencies", [[1, 2, 5, 5], [1, 20, 40, 40], [3, 3, 4, 4]])
@pytest.mark.parametrize("width", [3.5, 7.0])
def test_the_size_legends_circles_do_not_overlap(frequencies, width):
    """With codings 1, 2 and 5 the legend's circle for 5 covered the one for 2 at the size a journal prints."""
    from matplotlib.lines import Line2D

    graph = nx.Graph(unit="document", measure="count", project="fieldwork", pairs_total=4, same_branch=False)
    for i, (name, frequency) in enumerate(zip(["Dismissal", "Paperwork", "Quechua", "Travel cost"], frequencies)):
        graph.add_node(f"c{i}", label=name, path=f"Top > {name}", top="Top", frequency=frequency, colour="#999999",
                       level=1, units=0, quotations=0)
    for i in range(4):
        graph.add_edge(f"c{i}", f"c{(i + 1) % 4}", weight=i + 1)
    figure = network_figure(graph, width=width)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    size = figure.qda_boxes["legends"][0]
    circles = sorted((line.get_window_extent(renderer) for line in size.findobj(Line2D) if line.get_marker() == "o"),
                     key=lambda box: -box.y1)
    assert len(circles) >= 2
    for upper, lower in zip(circles, circles[1:]):
        assert lower.y1 <= upper.y0, (upper, lower)
    assert_clean(figure)
