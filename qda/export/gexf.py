"""The code network as GEXF 1.3, the format Gephi reads, valid against the official schema.

networkx's writer puts a ``name`` attribute on ``<graph>`` that GEXF does not
allow and drops the graph's own attributes, so qda writes the file itself:

* ``<meta>``: ``<creator>`` qda, ``<description>`` saying how the network was
  built, and ``<keywords>`` holding the graph's attributes as ``key=value; ...``
  (unit, measure, project, test, same_branch, pairs_total): GEXF has no
  attributes on the graph itself.
* nodes: label (the code's name), ``viz:color`` (the colour of the code's
  top-level code, as in the pictures), ``viz:size`` (codings), ``viz:position``
  (the pictures' layout, so Gephi opens on the same picture) and every node
  attribute (path, top, colour, level, frequency, units, quotations).
* edges: ``weight`` (the chosen measure), ``viz:thickness`` and every measure.

The schema: the GEXF 1.3 RELAX NG grammar (gexf.rng with viz.rng and
dynamics.rng, github.com/gephi/gexf, CC BY 4.0), bundled in tests/export/schemas.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx

from ..files import PRIVATE, atomic_output

GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
NODE_ATTRIBUTES = {"path": "string", "top": "string", "colour": "string", "level": "integer", "frequency": "integer",
                   "units": "integer", "quotations": "integer"}
EDGE_ATTRIBUTES = {"count": "integer", "jaccard": "double", "c": "double", "c_capped": "boolean", "lift": "double",
                   "expected": "double", "p": "double", "p_adjusted": "double"}
GRAPH_KEYS = ("project", "unit", "measure", "test", "same_branch", "pairs_total")


def write_gexf(graph: nx.Graph, path: str | Path, codebook=None, mode: int = PRIVATE) -> Path:
    """Write ``graph`` (``qda.analysis.build_network``) as GEXF 1.3 with colours, sizes and positions,
    whole or not at all, with permissions ``mode``."""
    from ..pictures.network import group_colours, network_layout

    ET.register_namespace("", GEXF)
    ET.register_namespace("viz", VIZ)
    root = ET.Element(f"{{{GEXF}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF}}}meta")
    ET.SubElement(meta, f"{{{GEXF}}}creator").text = "qda"
    facts = {key: graph.graph[key] for key in GRAPH_KEYS if key in graph.graph}
    ET.SubElement(meta, f"{{{GEXF}}}keywords").text = "; ".join(f"{k}={_text(v)}" for k, v in facts.items())
    ET.SubElement(meta, f"{{{GEXF}}}description").text = (
        f"Code co-occurrence network of {facts.get('project', 'a qda project')}: codes meeting in the same "
        f"{facts.get('unit', 'unit')}, edge weight {facts.get('measure', 'count')}.")
    body = ET.SubElement(root, f"{{{GEXF}}}graph", {"defaultedgetype": "undirected", "mode": "static"})
    for kind, declared in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        block = ET.SubElement(body, f"{{{GEXF}}}attributes", {"class": kind, "mode": "static"})
        for name, kind_of in declared.items():
            ET.SubElement(block, f"{{{GEXF}}}attribute", {"id": name, "title": name, "type": kind_of})

    colours = group_colours(graph, codebook) if graph.number_of_nodes() else {}
    position = network_layout(graph) if graph.number_of_nodes() else {}
    biggest = max((d.get("frequency", 0) for _, d in graph.nodes(data=True)), default=1) or 1
    nodes = ET.SubElement(body, f"{{{GEXF}}}nodes", {"count": str(graph.number_of_nodes())})
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[1].get("path", "")):
        element = ET.SubElement(nodes, f"{{{GEXF}}}node", {"id": str(node), "label": str(data.get("label", node))})
        _attvalues(element, data, NODE_ATTRIBUTES)
        red, green, blue = _rgb(colours.get(data.get("top", data.get("path", "").split(" > ")[0]), "#999999"))
        ET.SubElement(element, f"{{{VIZ}}}color", {"r": str(red), "g": str(green), "b": str(blue)})
        x, y = position[node]
        ET.SubElement(element, f"{{{VIZ}}}position", {"x": f"{x * 100:.3f}", "y": f"{y * 100:.3f}", "z": "0.0"})
        ET.SubElement(element, f"{{{VIZ}}}size", {"value": f"{4 + 16 * data.get('frequency', 0) / biggest:.3f}"})
    weights = [d.get("weight", 1.0) for _, _, d in graph.edges(data=True)]
    top = max(weights, default=1.0) or 1.0
    edges = ET.SubElement(body, f"{{{GEXF}}}edges", {"count": str(graph.number_of_edges())})
    for index, (a, b, data) in enumerate(sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))):
        element = ET.SubElement(edges, f"{{{GEXF}}}edge", {"id": str(index), "source": str(a), "target": str(b),
                                                           "weight": repr(float(data.get("weight", 1.0)))})
        _attvalues(element, data, EDGE_ATTRIBUTES)
        ET.SubElement(element, f"{{{VIZ}}}thickness", {"value": f"{1 + 4 * data.get('weight', 1.0) / top:.3f}"})
    ET.indent(root)
    path = Path(path)
    with atomic_output(path, mode) as target:
        ET.ElementTree(root).write(target, encoding="UTF-8", xml_declaration=True)
    return path


def _attvalues(element, data: dict, declared: dict) -> None:
    values = ET.SubElement(element, f"{{{GEXF}}}attvalues")
    for name in declared:
        if name in data:
            ET.SubElement(values, f"{{{GEXF}}}attvalue", {"for": name, "value": _text(data[name])})


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
