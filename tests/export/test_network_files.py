"""Network files read back: GraphML and GEXF with networkx, CSV with pandas, pictures as images."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from qda.analysis import build_network
from qda.errors import QdaError
from qda.export.network_files import write_network

SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture
def graph(hand):
    return build_network(hand, unit="sentence")


@pytest.mark.parametrize("suffix, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])  # networkx reads both
def test_graph_files_round_trip(graph, tmp_path, suffix, reader):
    path = tmp_path / f"net.{suffix}"
    write_network(graph, path)
    back = reader(path)
    assert set(back.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    for a, b, data in graph.edges(data=True):
        assert back.edges[a, b]["weight"] == pytest.approx(data["weight"])
        assert int(back.edges[a, b]["count"]) == data["count"]
    node = next(iter(graph.nodes))
    assert back.nodes[node]["path"] == graph.nodes[node]["path"]
    assert int(back.nodes[node]["frequency"]) == graph.nodes[node]["frequency"]


def test_csv_nodes_and_edges(graph, tmp_path):
    nodes, edges = write_network(graph, tmp_path / "net.csv")
    assert nodes.name == "net.nodes.csv" and edges.name == "net.edges.csv"
    node_table, edge_table = pd.read_csv(nodes), pd.read_csv(edges)
    assert set(node_table["path"]) == {"Police > Distrust", "Police > Refusal", "Family > Framing"}
    row = edge_table[(edge_table["source_path"] == "Police > Distrust") & (edge_table["target_path"] == "Family > Framing")]
    assert row["count"].tolist() == [2] and row["jaccard"].tolist() == [0.4]


def test_png_is_a_real_picture_of_the_stated_size(graph, tmp_path):
    import matplotlib.image as mpimg

    path = tmp_path / "net.png"
    write_network(graph, path, width=8, height=6, dpi=100)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = mpimg.imread(path)
    assert pixels.shape[:2] == (600, 800)
    # not blank: many pixels differ from the white background, and several colours appear
    rgb = pixels[..., :3]
    assert (np.abs(rgb - 1.0).sum(axis=2) > 0.1).mean() > 0.01
    assert len(np.unique((rgb * 255).astype(int).reshape(-1, 3), axis=0)) > 20


def test_same_project_same_picture(graph, tmp_path):
    write_network(graph, tmp_path / "a.svg")
    write_network(graph, tmp_path / "b.svg")
    first = (tmp_path / "a.svg").read_text()
    assert first.startswith("<?xml") and "<svg" in first

    assert first == (tmp_path / "b.svg").read_text()


def test_gexf_is_valid_gexf_1_3_with_colours_sizes_and_the_graphs_attributes(hand, graph, tmp_path):
    """Against the official GEXF 1.3 RELAX NG grammar (tests/export/schemas/gexf-1.3, see its README)."""
    from lxml import etree

    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng")))
    path = tmp_path / "net.gexf"
    write_network(graph, path, codebook=hand.codebook)
    document = etree.parse(str(path))
    assert grammar.validate(document), grammar.error_log
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    assert document.getroot().get("version") == "1.3"
    keywords = document.findtext("g:meta/g:keywords", namespaces=ns)
    facts = dict(item.split("=", 1) for item in keywords.split("; "))
    assert (facts["unit"], facts["measure"], facts["project"]) == ("sentence", "count", hand.name)
    # Colour by top-level code, from the codebook: Distrust and Refusal are Police's (#1F4E79), Framing Family's.
    book = hand.codebook
    expected = {book.find("Distrust").id: (0x1F, 0x4E, 0x79), book.find("Refusal").id: (0x1F, 0x4E, 0x79),
                book.find("Framing").id: (0xC0, 0x00, 0x00)}
    for node in document.iterfind("g:graph/g:nodes/g:node", ns):
        colour = node.find("viz:color", ns)
        assert (int(colour.get("r")), int(colour.get("g")), int(colour.get("b"))) == expected[node.get("id")]
        assert float(node.find("viz:size", ns).get("value")) > 0
    back = nx.read_gexf(path)
    assert back.nodes[book.find("Distrust").id]["viz"]["size"] > back.nodes[book.find("Refusal").id]["viz"]["size"]
    # A file that breaks the grammar is caught: the attribute on <graph> networkx writes.
    broken = etree.fromstring(path.read_bytes().replace(b"<graph ", b'<graph name="" '))
    assert not grammar.validate(broken)


def test_unknown_format(graph, tmp_path):
    with pytest.raises(QdaError, match="cannot write a network as 'pdf'"):
        write_network(graph, tmp_path / "net.pdf")
