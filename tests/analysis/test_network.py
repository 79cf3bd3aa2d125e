"""The co-occurrence network of the hand-built project, by sentence (pairs worked out in test_cooccurrence)."""

from __future__ import annotations

import pytest

from qda.analysis import build_network, edges_frame, filter_network
from qda.errors import QdaError


def test_nodes_and_edges(hand):
    graph = build_network(hand, unit="sentence")
    book = hand.codebook
    distrust, framing, refusal = (book.find(n).id for n in ("Distrust", "Framing", "Refusal"))
    # Only linked codes: Distrust, Framing, Refusal (Police in t4 meets nothing).
    assert set(graph.nodes) == {distrust, framing, refusal}
    node = graph.nodes[distrust]
    # frequency = codings (5); units = sentences holding it (4); colour from the codebook.
    assert (node["label"], node["path"], node["colour"], node["frequency"], node["units"]) == (
        "Distrust", "Police > Distrust", "#2E75B6", 5, 4)
    edge = graph.edges[distrust, framing]
    assert (edge["count"], edge["weight"]) == (2, 2.0)
    assert edge["jaccard"] == pytest.approx(0.4) and edge["lift"] == pytest.approx(2.5)
    weighted = build_network(hand, unit="sentence", measure="lift")
    assert weighted.edges[distrust, refusal]["weight"] == pytest.approx(1.875)
    assert build_network(hand, unit="sentence", include_isolated=True).number_of_nodes() == 4


def test_filters(hand):
    graph = build_network(hand, unit="sentence")
    top = filter_network(graph, top=1)
    assert [d["count"] for _, _, d in top.edges(data=True)] == [2]
    around = filter_network(graph, code="Refusal")
    assert {graph.nodes[n]["label"] for n in around.nodes} == {"Refusal", "Distrust"}
    with pytest.raises(QdaError, match="no code 'Nobody'"):
        filter_network(graph, code="Nobody")
    assert len(edges_frame(graph)) == 2
