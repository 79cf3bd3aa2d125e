"""The code network as a picture a journal can print as it is.

Layout: each connected component by Kamada-Kawai (networkx) on the graph's
distances, components packed side by side in rows with a gap, never on shared
lines.  Each code with its label under it is a box, and ``place`` pushes
overlapping boxes apart; type and nodes shrink (then the picture grows taller,
then fewer codes keep a label) until they fit.  The drawn boxes are checked
after drawing (``drawn_overlaps``) and the picture redrawn smaller if anything
overlaps.  Edges go round the labels (``edges.route_edges``); a label that an
edge cannot pass moves to another side of its code, else is left off.  Colour
is the code's top-level code; node area is its codings; edge width its weight;
the legends below say all three, the title the unit and the measure.  docs/analysis.md ("Pictures") says why this and not a label-repelling
library.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from .edges import free_side, route_edges
from .figure import INK, MUTED, TWO_COLUMNS, fitted_labels, marker_boxes, new_figure, overlapping, text_box, text_width

MEASURE_NAMES = {"count": "units shared", "jaccard": "Jaccard", "c": "c-coefficient", "lift": "lift"}
UNIT_NAMES = {"overlap": "overlapping codings", "sentence": "sentence", "paragraph": "paragraph",
              "turn": "speaker turn", "document": "document"}
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#999999", "#882255", "#44AA99", "#117733"]  # Okabe-Ito, then Tol's muted


def group_colours(graph: nx.Graph, codebook=None) -> dict[str, str]:
    """A colour per top-level code of the graph's codes (``top_colours``)."""
    return top_colours({d.get("top", d["path"].split(" > ")[0]) for _, d in graph.nodes(data=True)}, codebook)


def top_colours(groups, codebook=None) -> dict[str, str]:
    """A colour per top-level code: its codebook colour when the top-level colours are all distinct,
    else the colour-blind-safe Okabe-Ito palette in order of the groups' names."""
    groups = sorted(set(groups))
    if codebook is not None:
        own = {}
        for code in codebook.roots:
            if code.name in groups and code.colour:
                own[code.name] = code.colour.upper()
        if len(own) == len(groups) and len(set(own.values())) == len(own):
            return own
    return {group: PALETTE[i % len(PALETTE)] for i, group in enumerate(groups)}


def network_layout(graph: nx.Graph) -> dict:
    """Positions in units of about one edge: components laid out apart, biggest first, in rows."""
    components = sorted((sorted(c, key=lambda n: graph.nodes[n]["path"]) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), graph.nodes[c[0]]["path"]))
    pieces = []
    for component in components:
        if len(component) == 1:
            local = np.zeros((1, 2))
        elif len(component) == 2:
            local = np.array([[-0.5, 0.0], [0.5, 0.0]])
        else:
            sub = graph.subgraph(component)
            if len(component) <= 60:
                placed = nx.kamada_kawai_layout(sub, weight=None)
            else:  # Kamada-Kawai's optimiser grows too slow: Fruchterman-Reingold, seeded
                placed = nx.spring_layout(sub, pos=nx.spectral_layout(sub), seed=7, weight=None, iterations=100)
            local = np.array([placed[n] for n in component])
            edges = np.array([np.linalg.norm(placed[a] - placed[b]) for a, b in sub.edges])
            local = local / max(float(np.median(edges)), 1e-9)
        local = local - local.min(axis=0)
        pieces.append((component, local))
    # Shelf packing: each row starts with its biggest component; the smaller ones stand in columns to its
    # right, as tall as it is, and a row ends when it is wider than the whole would be at a 3:2 aspect.
    total = sum((p[:, 0].max() + 1.2) * (p[:, 1].max() + 1.2) for _, p in pieces)
    row_width = max(np.sqrt(total * 1.5), max(p[:, 0].max() for _, p in pieces))
    positions, top = {}, 0.0
    queue = list(pieces)
    while queue:
        anchor, local = queue.pop(0)
        row_height = max(local[:, 1].max(), 1.0)
        for node, point in zip(anchor, local):
            positions[node] = np.array([point[0], top - local[:, 1].max() + point[1]])
        x, column_x, column_width, y = local[:, 0].max() + 1.2, None, 0.0, 0.0
        column_x = x
        while queue:
            component, piece = queue[0]
            width, height = piece[:, 0].max(), piece[:, 1].max()
            if y > 0 and y + height > row_height:  # next column
                column_x, y, column_width = column_x + column_width + 1.2, 0.0, 0.0
            if column_x + width > row_width and column_x > x:
                break
            queue.pop(0)
            for node, point in zip(component, piece):
                positions[node] = np.array([column_x + point[0], top - y - height + point[1]])
            y += height + 1.2
            column_width = max(column_width, width)
        top -= row_height + 1.2
    return positions


def fit_line(text: str, width: float, font: float) -> str:
    """``text`` broken at its " · " separators into lines that fit ``width`` inches at ``font`` points
    (measured), a part too long for a line at its spaces: "… · pairs within one branch left" over a
    lone "out" read as two statements cut anywhere."""
    room = width * 0.96
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and text_width(f"{lines[-1]} · {part}", font) <= room:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            lines.extend(fitted_labels([part], font, room)[0].split("\n"))
    return "\n".join(lines)


def wrap(label: str, width: int = 18) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def network_figure(graph: nx.Graph, width: float = TWO_COLUMNS, height: float | None = None, codebook=None,
                   title: str | None = None, font_size: float | None = None):
    """The Figure of ``graph`` (from ``qda.analysis.build_network``), ``width`` inches wide.

    The codes are placed so that no code or label covers another; when they do not fit, type
    and nodes shrink to ``MINIMUM_FONT``, then the picture grows taller (to twice its width or
    9 inches), then, last, the type shrinks below the minimum.  ``figure.qda_boxes`` holds what
    was drawn (the nodes' scatter, the labels, the legends, the title) and ``figure.qda_overlaps``
    what ``drawn_overlaps`` found: empty for a clean picture."""
    height = height or width * (0.8 if graph.number_of_nodes() <= 30 else 1.0) * (1.0 if width >= 5 else 1.4)
    tallest = max(height, min(2.0 * width, 9.0))
    font = font_size or (7.0 if width >= 5 else 5.5)
    if graph.number_of_nodes() == 0:
        return _draw(graph, None, width, height, codebook, title, font)
    style = _Style(graph, width, codebook, font)
    probe = _draw(graph, None, width, height, codebook, title, font, style=style, measure_only=True)
    chrome, label_size = probe.qda_chrome, probe.qda_label_size  # inches of title and legends; labels at ``font``
    nodes = style.nodes
    position = network_layout(graph)
    start = np.array([position[n] for n in nodes])
    smallest = MINIMUM_FONT
    labelled = np.ones(len(nodes), dtype=bool)
    by_frequency = np.argsort(-style.frequency, kind="stable")
    while True:
        box = (0.98 * width, height - chrome)
        sizes = label_size * labelled[:, None]
        factor, points, fit = fit_layout(start, style.sizes, sizes, box, font, smallest)
        if fit < 1.0 and height < tallest:  # the smallest type does not fit: a taller picture
            height = min(height / max(fit, 0.5) * 1.05, tallest)
        elif fit < 1.0 and smallest > LAST_FONT:  # as tall as it may be: type smaller than a journal likes
            smallest -= 1.0
        elif fit < 1.0 and labelled.sum() > 10:  # still too many: label the most frequent codes only
            keep = by_frequency[:int(labelled.sum() * 0.7)]
            labelled[:] = False
            labelled[keep] = True
        else:
            break
    style.labelled, style.left_off = labelled, 0
    for _ in range(3):
        figure = _draw(graph, points, width, height, codebook, title, font, style=style, factor=factor)
        if not figure.qda_overlaps:
            break
        factor *= 0.92
        points = place(start, np.sqrt(style.sizes) / 2 / 72 * factor, sizes * factor, *box)[0]
    while figure.qda_crossed:  # labels an edge must cross on every side of their code: left off, the subtitle says
        style.labelled[sorted(figure.qda_crossed)] = False
        style.left_off += len(figure.qda_crossed)
        figure = _draw(graph, points, width, height, codebook, title, font, style=style, factor=factor)
    return figure


class _Style:
    """What the drawing of one graph keeps across attempts: node order, colours, marker areas, edge widths."""

    def __init__(self, graph, width, codebook, font):
        self.nodes = sorted(graph.nodes, key=lambda n: graph.nodes[n]["path"])
        self.colours = group_colours(graph, codebook)
        self.frequency = np.array([max(graph.nodes[n].get("frequency", 0), 0) for n in self.nodes], dtype=float)
        self.biggest = max(self.frequency.max(), 1.0) if len(self.nodes) else 1.0
        self.sizes = (18 + 260 * self.frequency / self.biggest) * (width / TWO_COLUMNS)  # points squared
        weights = np.array([d["weight"] for _, _, d in graph.edges(data=True)], dtype=float)
        self.low, self.high = (weights.min(), weights.max()) if len(weights) else (0.0, 1.0)
        self.scale = (width / TWO_COLUMNS) ** 0.5

    def line_width(self, weight):
        share = min(max((weight - self.low) / (self.high - self.low), 0.0), 1.0) if self.high > self.low else 0.5
        return (0.5 + 3.5 * share) * self.scale


def fit_layout(start, sizes, label_size, box, font, smallest):
    """The largest scale (1 or less) of type and nodes at which ``place`` fits the box, and the positions."""
    width, height = box
    areas = (np.maximum(np.sqrt(sizes) / 72, label_size[:, 0]) + 2 * PADDING) * (np.sqrt(sizes) / 72 + label_size[:, 1])
    factor = min(1.0, float(np.sqrt(0.3 * width * height / max(areas.sum(), 1e-9))))  # a first guess by area
    factor = max(factor, smallest / font)
    for _ in range(12):  # the box of a text scales with its type size
        points, fit = place(start, np.sqrt(sizes) / 2 / 72 * factor, label_size * factor, width, height)
        if fit >= 1.0 or font * factor <= smallest + 1e-9:
            break
        factor = max(factor * max(fit, 0.7) ** 0.5 * 0.98, smallest / font)
    return factor, points, fit


def _title(graph: nx.Graph, title: str | None) -> tuple[str, str]:
    unit = UNIT_NAMES.get(graph.graph.get("unit", ""), graph.graph.get("unit", "unit"))
    measure = graph.graph.get("measure", "count")
    heading = title or f"Code co-occurrence by {unit}"
    shown, total = graph.number_of_edges(), int(graph.graph.get("pairs_total", graph.number_of_edges()))
    parts = [f"edge width: {MEASURE_NAMES.get(measure, measure)}"]
    parts.append(f"the {shown} strongest of {total} pairs" if shown < total else f"{shown} pairs")
    if not graph.graph.get("same_branch", False):
        parts.append("pairs within one branch left out")
    if graph.graph.get("project"):
        parts.insert(0, str(graph.graph["project"]))
    return heading, " · ".join(parts)


def _draw(graph, points, width, height, codebook, title, font, style=None, factor=1.0, measure_only=False):
    """The figure: title, legends, and (unless ``measure_only``) edges, nodes and labels at ``points``
    (inches inside the plot) with type and nodes scaled by ``factor``."""
    from matplotlib import patheffects
    from matplotlib.collections import LineCollection

    figure = new_figure(width, height, dpi=100)
    renderer = figure.canvas.get_renderer()
    heading, subtitle = _title(graph, title)
    labelled = getattr(style, "labelled", None)
    if labelled is not None and getattr(style, "left_off", 0):
        subtitle += (f" · labels: {int(labelled.sum())} of {len(labelled)} codes, most codings first; "
                     f"{style.left_off} left off where edges pass")
    elif labelled is not None and not labelled.all():
        subtitle += f" · labels: the {int(labelled.sum())} codes with most codings"
    subtitle = fit_line(subtitle, width, font)
    title_text = figure.text(0.5, 1 - 0.06 / height, heading, ha="center", va="top", fontsize=font + 2.5,
                             color=INK, weight="bold")
    subtitle_text = figure.text(0.5, 1 - (0.1 + (font + 2.5) / 72) / height, subtitle, ha="center", va="top",
                                fontsize=font, color=MUTED)
    texts_top = min(text_box(t, renderer).y0 for t in (title_text, subtitle_text)) / figure.dpi  # inches
    figure.qda_overlaps, figure.qda_crossed, figure.qda_boxes = [], set(), {"title": [title_text, subtitle_text], "labels": [], "legends": [],
                                                  "nodes": None}
    if style is None:
        figure.text(0.5, 0.5, "No co-occurrences in this selection", ha="center", va="center", fontsize=font + 2,
                    color=MUTED)
        return figure
    legends = _legends(figure, graph, style, style.sizes * factor ** 2, font)
    legend_top = max(text_box(legend, renderer, 0).y1 for legend in legends) / figure.dpi  # inches
    bottom, top = legend_top + 0.06, texts_top - 0.06
    halo = [patheffects.withStroke(linewidth=1.8, foreground="white")]
    if measure_only:
        texts = [figure.text(0, 0, wrap(graph.nodes[n].get("label", str(n))), fontsize=font, path_effects=halo,
                             multialignment="center") for n in style.nodes]
        figure.qda_label_size = np.array([[b.width, b.height] for b in (text_box(t, renderer) for t in texts)]) / 100
        figure.qda_chrome = (height - top) + bottom
        return figure
    axes = figure.add_axes((0.01, bottom / height, 0.98, (top - bottom) / height))
    axes.set_axis_off()
    axes.set_xlim(0, 0.98 * width)  # one data unit is one inch
    axes.set_ylim(0, top - bottom)
    nodes, sizes = style.nodes, style.sizes * factor ** 2
    index = {n: i for i, n in enumerate(nodes)}
    radius = np.sqrt(sizes) / 2 / 72
    labelled = getattr(style, "labelled", np.ones(len(nodes), dtype=bool))
    texts = [axes.text(x, y - r - LABEL_GAP, wrap(graph.nodes[n].get("label", str(n))), ha="center", va="top",
                       fontsize=font * factor, color=INK, zorder=3, path_effects=halo, multialignment="center")
             for n, (x, y), r, shown in zip(nodes, points, radius, labelled) if shown]
    ordered = sorted(graph.edges(data=True), key=lambda e: e[2]["weight"])
    widths = [style.line_width(d["weight"]) for _, _, d in ordered]
    pairs = np.array([(index[a], index[b]) for a, b, _ in ordered], dtype=int).reshape(-1, 2)
    frame = (0.98 * width, top - bottom)
    boxes = _label_boxes(axes, texts, labelled)
    gaps = _gaps(points, radius, boxes)
    paths, crossings = route_edges(pairs, np.array(widths) / 72, points, radius, boxes, gaps, frame)
    if crossings:  # a label some edge cannot pass: to another side of its code, where no edge runs
        _turn_labels(axes, texts, labelled, points, radius, boxes, gaps, paths, {n for _, n in crossings}, frame)
        paths, crossings = route_edges(pairs, np.array(widths) / 72, points, radius, boxes, gaps, frame)
    axes.add_collection(LineCollection(paths, linewidths=widths, colors="#8C8C8C", alpha=0.75, zorder=1,
                                       capstyle="round", joinstyle="round"))
    groups = [graph.nodes[n].get("top", graph.nodes[n]["path"].split(" > ")[0]) for n in nodes]
    scatter = axes.scatter(points[:, 0], points[:, 1], s=sizes, c=[style.colours[g] for g in groups],
                           edgecolors="white", linewidths=0.6, zorder=2)
    figure.qda_boxes.update(labels=texts, legends=legends, nodes=scatter, axes=axes)
    figure.qda_overlaps = drawn_overlaps(figure) + [f"edge {e} through label {n}" for e, n in crossings]
    figure.qda_crossed = {n for _, n in crossings}
    return figure


def _label_boxes(axes, texts, labelled) -> np.ndarray:
    """(N, 4) boxes of the drawn labels in the axes' inches (x0, y0, x1, y1), halo included; NaN where a code
    has no label."""
    boxes = np.full((len(labelled), 4), np.nan)
    boxes[np.flatnonzero(labelled)] = _boxes(axes, texts)
    return boxes


def _boxes(axes, texts) -> np.ndarray:
    """(len(texts), 4) the texts' boxes in the axes' inches as printed at ``PRINT_DPI``: matplotlib rounds a
    line's height to whole pixels, so at the drawing's 100 dpi a box of six lines is up to 0.9 mm taller,
    and an edge stopped there stopped short of the printed label."""
    figure = axes.figure
    shown = figure.dpi
    figure.set_dpi(PRINT_DPI)
    renderer = figure.canvas.get_renderer()
    inches = np.array([[b.x0, b.y0, b.x1, b.y1] for b in (text_box(t, renderer) for t in texts)]).reshape(-1, 4)
    figure.set_dpi(shown)
    origin = axes.get_position().p0 * figure.get_size_inches()
    return inches / PRINT_DPI - np.tile(origin, 2)


def _gaps(points, radius, boxes) -> np.ndarray:
    """(N, 4) the boxes between each code's circle and its label (under, over, right or left of it), as wide
    as the circle: an edge leaving the code there is inside its own ground."""
    x, y = points[:, 0], points[:, 1]
    x0, y0, x1, y1 = boxes.T
    with np.errstate(invalid="ignore"):
        return np.select([side[:, None] for side in (y1 <= y, y0 >= y, x0 >= x, x1 <= x)],
                         [np.column_stack([x - radius, y1, x + radius, y]), np.column_stack([x - radius, y, x + radius, y0]),
                          np.column_stack([x, y - radius, x0, y + radius]), np.column_stack([x1, y - radius, x, y + radius])],
                         np.nan)


def _turn_labels(axes, texts, labelled, points, radius, boxes, gaps, paths, nodes, frame):
    """Move each label of ``nodes`` over, right or left of its code, the first side where no edge of ``paths``
    runs and nothing else stands (``free_side``); ``boxes`` and ``gaps`` follow."""
    text_of = dict(zip(np.flatnonzero(labelled).tolist(), texts))
    circles = np.column_stack([points - radius[:, None], points + radius[:, None]])
    for node in sorted(nodes):
        text, (x, y), r = text_of[node], points[node], radius[node]
        sides = [((x, y + r + LABEL_GAP), "center", "bottom"), ((x + r + LABEL_GAP, y), "left", "center"),
                 ((x - r - LABEL_GAP, y), "right", "center")]
        placed = []
        for position, ha, va in sides:
            placed.append(axes.text(*position, text.get_text(), ha=ha, va=va, fontsize=text.get_fontsize(),
                                    multialignment="center", path_effects=text.get_path_effects()))
        candidates = _boxes(axes, placed)
        for trial in placed:
            trial.remove()
        others = np.vstack([np.delete(boxes, node, axis=0), np.delete(circles, node, axis=0)])
        chosen = free_side(paths, list(candidates), others, frame)
        if chosen is not None:
            position, ha, va = sides[chosen]
            text.set_position(position)
            text.set_ha(ha)
            text.set_va(va)
            boxes[node] = candidates[chosen]
    gaps[:] = _gaps(points, radius, boxes)


MINIMUM_FONT = 5.0  # points: about the smallest type a journal prints legibly
LAST_FONT = 4.0     # points: below this, label fewer codes rather than shrink the type
LABEL_GAP = 0.02   # inches between a node and its label
PRINT_DPI = 300    # pixels an inch of a printed picture (``save_figure``'s)
PADDING = 0.025    # inches kept clear around each node and its label


def place(points: np.ndarray, radius: np.ndarray, label_size: np.ndarray, width: float, height: float):
    """Positions in inches inside ``width`` x ``height`` where no node-and-label box overlaps another.

    Each code is the box of its circle (``radius``) and its label (``label_size`` (n, 2)) under it.
    The layout is scaled to the box, then overlapping boxes are pushed apart along the axis where
    they overlap least until none do: the idea of Gansner and Hu's PRISM (J. Graph Algorithms
    Appl. 14(1), 2010) without its proximity graph.  Returns (points, fit), ``fit`` < 1 when the
    freed layout no longer fits and type and nodes must shrink by about that factor."""
    from scipy.spatial import cKDTree

    half_w = np.maximum(radius, label_size[:, 0] / 2) + PADDING
    above = radius + PADDING
    below = radius + np.where(label_size[:, 1] > 0, LABEL_GAP + label_size[:, 1], 0.0) + PADDING
    inner_w = max(width - 2 * half_w.max(), 0.1)
    inner_h = max(height - above.max() - below.max(), 0.1)
    low, span = points.min(axis=0), np.ptp(points, axis=0)
    span[span == 0] = 1.0
    xy = (points - low) / span * np.array([inner_w, inner_h])  # fill the box: a layout has no true aspect
    xy[:, 0] += half_w.max()
    xy[:, 1] += below.max()
    centre_dy = (above - below) / 2        # box centre relative to the node
    half_h = (above + below) / 2
    reach = 2 * max(half_w.max(), half_h.max())  # boxes farther apart than this (in either axis) cannot meet
    hit_any = False
    for step in range(300):
        if step % 25 == 24 and (np.ptp(xy[:, 0]) > 1.5 * width or np.ptp(xy[:, 1]) > 1.5 * height):
            break  # far too big already: the caller shrinks the type and tries again
        centres = np.column_stack([xy[:, 0], xy[:, 1] + centre_dy])
        i, j = cKDTree(centres).query_pairs(reach, p=np.inf, output_type="ndarray").T.reshape(2, -1)
        dx, dy = centres[i, 0] - centres[j, 0], centres[i, 1] - centres[j, 1]
        ox = half_w[i] + half_w[j] - np.abs(dx)
        oy = half_h[i] + half_h[j] - np.abs(dy)
        hit = (ox > 1e-6) & (oy > 1e-6)
        hit_any = bool(hit.any())
        if not hit_any:
            break
        i, j, dx, dy, ox, oy = i[hit], j[hit], dx[hit], dy[hit], ox[hit], oy[hit]
        along_x = ox <= oy
        sx = np.where(dx == 0, -1.0, np.sign(dx))  # coincident: the lower index goes left (down)
        sy = np.where(dy == 0, -1.0, np.sign(dy))
        push_x = np.where(along_x, (ox / 2 + 1e-4) * sx, 0.0) * 0.5
        push_y = np.where(~along_x, (oy / 2 + 1e-4) * sy, 0.0) * 0.5
        n = len(xy)
        xy[:, 0] += np.bincount(i, push_x, n) - np.bincount(j, push_x, n)
        xy[:, 1] += np.bincount(i, push_y, n) - np.bincount(j, push_y, n)
    left, right = (xy[:, 0] - half_w).min(), (xy[:, 0] + half_w).max()
    bottom, top = (xy[:, 1] - below).min(), (xy[:, 1] + above).max()
    fit = min(width / (right - left), height / (top - bottom), 0.9 if hit_any else 1.0)
    # centre the drawing in the box
    xy[:, 0] += (width - (right - left)) / 2 - left
    xy[:, 1] += (height - (top - bottom)) / 2 - bottom
    return xy, fit


def drawn_overlaps(figure) -> list[str]:
    """What overlaps in a drawn network figure: nodes with nodes, labels with nodes or labels, labels outside
    the plot, legends with anything.  Empty when the picture is clean."""
    renderer = figure.canvas.get_renderer()
    boxes = figure.qda_boxes
    nodes = marker_boxes(boxes["nodes"], renderer)
    labels = [text_box(t, renderer) for t in boxes["labels"]]
    legends = [text_box(l, renderer, 0) for l in boxes["legends"]]
    titles = [text_box(t, renderer, 0) for t in boxes["title"]]
    frame = boxes["axes"].get_window_extent(renderer)
    problems = [f"node {i} on node {j}" for i, j in overlapping(nodes)]
    problems += [f"label {i} on label {j}" for i, j in overlapping(labels)]
    problems += [f"label {i} on node {j}" for i, j in overlapping(labels, nodes)]
    problems += [f"legend {i} on legend {j}" for i, j in overlapping(legends)]
    problems += [f"label {i} on a legend" for i, _ in overlapping(labels, legends)]
    problems += [f"label {i} on the title" for i, _ in overlapping(labels, titles)]
    problems += [f"label {i} outside the plot" for i, b in enumerate(labels)
                 if b.x0 < frame.x0 - 1 or b.x1 > frame.x1 + 1 or b.y0 < frame.y0 - 1 or b.y1 > frame.y1 + 1]
    return problems


def _legends(figure, graph, style, sizes, font):
    """Three legends under the plot: node size (codings), edge width (the measure), colour (top-level code)."""
    from matplotlib.lines import Line2D

    measure = graph.graph.get("measure", "count")
    frequency, biggest, low, high = style.frequency, style.biggest, style.low, style.high
    size_values = sorted({max(1, int(round(v))) for v in (biggest, biggest / 2, max(frequency.min(), 1))})
    per_area = (sizes.max() - sizes.min()) / max(biggest - frequency.min(), 1) if len(sizes) > 1 else 0
    size_handles = [Line2D([], [], ls="", marker="o", markersize=np.sqrt(sizes.min() + per_area * (v - frequency.min())),
                           markerfacecolor="#BBBBBB", markeredgecolor="white") for v in size_values]
    digits = 0 if measure == "count" else 2  # each width shown once, at the value its label prints (1, 2: not 1, 1.5, 2)
    values = sorted({round(v, digits) for v in (low, (low + high) / 2, high)})
    number = f"{{:.{digits}f}}".format
    width_handles = [Line2D([], [], color="#8C8C8C", lw=style.line_width(v)) for v in values]
    colours = style.colours
    groups = sorted(colours)
    colour_handles = [Line2D([], [], ls="", marker="o", markersize=font * 0.9, markerfacecolor=colours[g],
                             markeredgecolor="white") for g in groups]
    common = {"fontsize": font - 1, "title_fontsize": font - 1, "frameon": False, "borderaxespad": 0.2,
              "handletextpad": 0.4, "labelspacing": 0.35, "alignment": "left"}
    unit = graph.graph.get("unit", "")
    diameters = [handle.get_markersize() for handle in size_handles]  # points; a row is about a font size high
    apart = max([(a + b) / 2 / (font - 1) - 0.9 for a, b in zip(diameters, diameters[1:])], default=0.0)
    first = figure.legend(size_handles, [str(v) for v in size_values], title="Codings", loc="lower left",
                          bbox_to_anchor=(0.01, 0.01), **{**common, "labelspacing": max(common["labelspacing"], apart)})
    second = figure.legend(width_handles, [number(v) for v in values],
                           title=f"{MEASURE_NAMES.get(measure, measure).capitalize()} ({unit})", loc="lower left",
                           bbox_to_anchor=(0.15, 0.01), handlelength=1.8, **common)
    renderer = figure.canvas.get_renderer()
    third = None
    for columns in (3, 2, 1):  # the most columns that fit the width
        if third is not None:
            third.remove()
        third = figure.legend(colour_handles, [wrap(g, 24) for g in groups], title="Top-level code", loc="lower left",
                              bbox_to_anchor=(0.01, 0.01), ncols=min(columns, len(groups)), columnspacing=0.8,
                              **common)
        if third.get_window_extent(renderer).width <= 0.98 * figure.bbox.width:
            break
    # side by side from their drawn widths, a new row above when the width is used up
    gap, margin = 0.12 * figure.dpi, 0.01 * figure.bbox.width
    x, y, row_height = margin, margin, 0.0
    for legend in (first, second, third):
        box = legend.get_window_extent(renderer)
        if x > margin and x + box.width > figure.bbox.width - margin:
            x, y, row_height = margin, y + row_height + gap / 2, 0.0
        legend.set_bbox_to_anchor((x / figure.bbox.width, y / figure.bbox.height), transform=figure.transFigure)
        x += box.width + gap
        row_height = max(row_height, box.height)
    return [first, second, third]
