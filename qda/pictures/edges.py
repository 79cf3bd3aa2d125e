"""The code network's edges drawn round the codes' labels, never under them.

An edge joins two codes' centres.  A straight line there crosses labels: its own codes'
labels (a label hangs under its code) and other codes' labels on the way.  Each edge is
drawn as the first of a few Bézier curves, tried in ``SHAPES`` order (the straight line,
arcs bent ever further to either side, then S-shaped and lopsided curves), that

- ends where it leaves each of its codes (the circle, or the label's box when it leaves
  through the label: it then stops at the label's edge, as an arrow stops at a box);
- crosses no label, its own included, between those ends, and stays inside the plot;
- passes over no other code's circle (an edge under a circle reads as a link to that code).

When no shape meets all three, the least bent one that crosses no label is drawn, over a
circle if it must.  ``free_side`` finds a crossed label another side of its code, clear of
the edges drawn so far.  Boxes and circles are in inches (the network's axes have one data unit
an inch), each label's box padded by ``CLEARANCE`` plus half the edge's width.  An edge no
shape takes past every label is drawn as its least-crossing shape and counted in
``crossings``: the caller shrinks the picture and draws it again.
"""

from __future__ import annotations

import numpy as np


def _shapes():
    """The cubic Bézier shapes tried, as their two control points' places (a third and two thirds along the
    chord, and each a share of the chord away from it, + to the left), in stages (0 straight, 1 arcs, 2 the
    rest), and each shape's bend: the cost of its look, the farther from the chord the dearer."""
    arcs = [(0.0, 0.0)] + [(side * b, side * b) for b in (0.08, 0.16, 0.25, 0.35, 0.5, 0.7, 0.95) for side in (1, -1)]
    steps = (-0.7, -0.45, -0.25, -0.1, 0.0, 0.1, 0.25, 0.45, 0.7)
    others = [(h1, h2) for h1 in steps for h2 in steps if (h1, h2) not in arcs]
    places = np.array([(1 / 3, h1, 2 / 3, h2) for h1, h2 in arcs + others])
    stage = np.array([0] + [1] * (len(arcs) - 1) + [2] * len(others))
    bend = np.abs(places[:, [1, 3]]).max(axis=1) + 0.5 * np.abs(places[:, 1] - places[:, 3])
    return places, stage, bend


SHAPES, STAGES, BENDS = _shapes()
SAMPLES = 40         # points along a curve; the drawn line is this polyline
CLEARANCE = 0.006    # inches kept clear between an edge and a label (half a point)


def route_edges(pairs: np.ndarray, widths: np.ndarray, centres: np.ndarray, radii: np.ndarray, labels: np.ndarray,
                gaps: np.ndarray, frame: tuple[float, float]) -> tuple[list[np.ndarray], list[tuple[int, int]]]:
    """Polylines for the edges ``pairs`` (E, 2) node indices, ``widths`` (E,) in inches, between nodes at
    ``centres`` (N, 2) with circles of ``radii`` (N,), labels' boxes ``labels`` (N, 4: x0, y0, x1, y1; NaN
    for a code without a label) and ``gaps`` (N, 4) the boxes between each circle and its label, inside
    ``frame`` (width, height).  Returns (each edge's (k, 2) polyline, the (edge, node) pairs whose label an
    edge still crosses)."""
    paths, crossings = [], []
    for edge, ((a, b), width) in enumerate(zip(pairs, widths)):
        path, crossed = _route(a, b, width / 2 + CLEARANCE, centres, radii, labels, gaps, frame)
        paths.append(path)
        crossings += [(edge, int(node)) for node in crossed]
    return paths, crossings


def _route(a, b, clear, centres, radii, labels, gaps, frame):
    start, end = centres[a], centres[b]
    chord = end - start
    length = float(np.hypot(*chord))
    if length < 1e-9:
        return np.array([start, end]), []
    normal = np.array([-chord[1], chord[0]]) / length
    t = np.linspace(0.0, 1.0, SAMPLES + 1)
    boxes = labels + np.array([-clear, -clear, clear, clear])                     # (N, 4), NaN rows unlabelled
    others = np.ones(len(centres), dtype=bool)
    others[[a, b]] = False
    circles = np.column_stack([centres - radii[:, None], centres + radii[:, None]])[others]
    segment = np.arange(SAMPLES)
    tried = []
    for stage in range(STAGES.max() + 1):
        chosen = np.flatnonzero(STAGES == stage)
        places = SHAPES[chosen]
        controls = np.stack([start + places[:, [0]] * chord + places[:, [1]] * length * normal,
                             start + places[:, [2]] * chord + places[:, [3]] * length * normal], axis=1)  # (K, 2, 2)
        curves = _bezier(start, controls, end, t)                                  # (K, S+1, 2)
        in_a = _inside_own(curves, a, centres, radii, boxes, gaps)
        in_b = _inside_own(curves, b, centres, radii, boxes, gaps)
        first = np.maximum(np.argmax(~in_a, axis=1), 1)                          # the first sample outside a
        last = SAMPLES + 1 - np.argmax(~in_b[:, ::-1], axis=1)                   # one past the last outside b
        shown = (segment[None, :] >= first[:, None]) & (segment[None, :] + 1 < last[:, None])  # (K, S)
        label_hits = (_segments_in_boxes(curves[:, :-1], curves[:, 1:], boxes) & shown[:, :, None]).any(axis=1)
        node_hits = (_segments_in_boxes(curves[:, :-1], curves[:, 1:], circles) & shown[:, :, None]).any(axis=(1, 2))
        outside = ((curves < -1e-9) | (curves > np.array(frame) + 1e-9)).any(axis=(1, 2))
        cost = (label_hits.sum(axis=1) + outside) * 1000.0 + node_hits * 10.0 + BENDS[chosen]
        best = int(np.argmin(cost))
        tried.append((cost[best], controls[best], curves[best], first[best], last[best],
                      np.flatnonzero(label_hits[best]).tolist()))
        if cost[best] < 10.0:
            break
    _, control, curve, first, last, crossed = min(tried, key=lambda found: found[0])
    begin = _exit(start, control, end, t[first - 1], t[first], a, centres, radii, boxes, gaps)
    finish = _exit(start, control, end, t[last], t[last - 1], b, centres, radii, boxes, gaps)
    return np.vstack([begin, curve[first:last], finish]), crossed


def _bezier(start, controls, end, t):
    """Points of cubic Bézier curves from ``start`` to ``end`` with control points ``controls`` (K, 2, 2) at
    parameters ``t`` (S,): (K, S, 2)."""
    t = t[None, :, None]
    c1, c2 = controls[:, None, 0], controls[:, None, 1]
    return (1 - t) ** 3 * start + 3 * (1 - t) ** 2 * t * c1 + 3 * (1 - t) * t ** 2 * c2 + t ** 3 * end


def _inside_own(points, node, centres, radii, boxes, gaps):
    """Whether each point lies in ``node``'s own ground: its circle, its label's box, and the gap between."""
    offset = points - centres[node]
    inside = np.hypot(offset[..., 0], offset[..., 1]) <= radii[node]
    for x0, y0, x1, y1 in (boxes[node], gaps[node]):
        if not np.isnan(x0):
            inside |= (points[..., 0] >= x0) & (points[..., 0] <= x1) & (points[..., 1] >= y0) & (points[..., 1] <= y1)
    return inside


def _exit(start, control, end, inside_t, outside_t, node, centres, radii, boxes, gaps):
    """The point where the arc leaves ``node``'s own ground, between parameters ``inside_t`` and ``outside_t``:
    the first of 64 points between them that lies outside (a 2,560th of the curve's parameter)."""
    t = np.linspace(inside_t, outside_t, 65)[1:]
    points = _bezier(start, control[None], end, t)
    outside = ~_inside_own(points, node, centres, radii, boxes, gaps)[0]
    return points[0, int(np.argmax(outside))]


def _segments_in_boxes(p, q, boxes):
    """Whether each segment ``p``→``q`` (..., 2) passes through the inside of each box (N, 4); NaN boxes never.
    Liang and Barsky's clipping (1984): the segment's parameter range inside each slab, intersected; only the
    boxes that meet the segments' common bounding box are clipped."""
    found = np.zeros(p.shape[:-1] + (len(boxes),), dtype=bool)
    low_all, high_all = np.minimum(p, q).reshape(-1, 2).min(axis=0), np.maximum(p, q).reshape(-1, 2).max(axis=0)
    with np.errstate(invalid="ignore"):
        near = np.flatnonzero((boxes[:, 0] < high_all[0]) & (boxes[:, 2] > low_all[0])
                              & (boxes[:, 1] < high_all[1]) & (boxes[:, 3] > low_all[1]))
    if not len(near):
        return found
    direction = (q - p)[..., None, :]                                             # (..., 1, 2)
    origin = p[..., None, :]
    low, high = boxes[near, :2], boxes[near, 2:]                                  # (M, 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        t0 = (low - origin) / direction
        t1 = (high - origin) / direction
    flat = direction == 0
    within = (origin > low) & (origin < high)
    enter = np.where(flat, np.where(within, -np.inf, np.inf), np.minimum(t0, t1))
    leave = np.where(flat, np.where(within, np.inf, -np.inf), np.maximum(t0, t1))
    first = np.maximum(enter.max(axis=-1), 0.0)
    last = np.minimum(leave.min(axis=-1), 1.0)
    found[..., near] = last - first > 1e-9
    return found


def free_side(paths: list[np.ndarray], candidates: list[np.ndarray], others: np.ndarray,
              frame: tuple[float, float]) -> int | None:
    """The first of a label's ``candidates`` boxes (x0, y0, x1, y1, inches) that no edge of ``paths`` (polylines)
    passes through and that overlaps none of ``others`` (M, 4: other labels and codes) and stays in ``frame``;
    None when every one does."""
    for index, box in enumerate(candidates):
        padded = (box + np.array([-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE]))[None]
        if box[0] < 0 or box[1] < 0 or box[2] > frame[0] or box[3] > frame[1]:
            continue
        with np.errstate(invalid="ignore"):
            if ((others[:, 0] < box[2]) & (box[0] < others[:, 2]) & (others[:, 1] < box[3]) & (box[1] < others[:, 3])).any():
                continue
        if not any(_segments_in_boxes(path[:-1], path[1:], padded).any() for path in paths):
            return index
    return None
