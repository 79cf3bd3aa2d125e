"""The span arithmetic of coding queries: the documents of a query laid end to end on one line.

Each document of the query's scope gets a base offset (the lengths before it,
plus one between documents, so no span of one document touches another's), and
a passage is a half-open span ``[start, end)`` of that line.  Every operation is
a handful of numpy array operations over all documents at once (sorting,
cumulative sums, binary searches), never a loop over passages.

Passages are arrays ``(starts, ends)`` of int64, shape (M,), sorted by start
then end, without duplicates; they may overlap (two codings of one code) until
a Boolean operator makes them maximal runs of characters.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import arrays

Spans = tuple[np.ndarray, np.ndarray]
EMPTY: Spans = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


def distinct(starts: np.ndarray, ends: np.ndarray) -> Spans:
    """Spans sorted by (start, end), duplicates dropped."""
    if len(starts) == 0:
        return EMPTY
    starts, ends = starts.astype(np.int64, copy=False), ends.astype(np.int64, copy=False)
    if starts.max() < 1 << 31 and ends.min() >= 0 and ends.max() < 1 << 31:  # one key sorts faster than two
        keys = arrays.distinct((starts << 31) | ends)
        return keys >> 31, keys & ((1 << 31) - 1)
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    keep = np.ones(len(starts), dtype=bool)
    keep[1:] = (starts[1:] != starts[:-1]) | (ends[1:] != ends[:-1])
    return starts[keep], ends[keep]


def runs(spans: Spans) -> Spans:
    """The maximal runs of characters the spans cover: overlapping or touching spans become one."""
    starts, ends = spans
    if len(starts) == 0:
        return EMPTY
    reach = np.maximum.accumulate(ends)          # sorted by start: the furthest end so far
    new = np.ones(len(starts), dtype=bool)
    new[1:] = starts[1:] > reach[:-1]
    group = np.cumsum(new) - 1
    merged_ends = np.zeros(int(group[-1]) + 1, dtype=np.int64)
    np.maximum.at(merged_ends, group, ends)
    return starts[new], merged_ends


def boolean(a: Spans, b: Spans, keep: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Spans:
    """The characters for which ``keep(in_a, in_b)`` holds, as maximal runs.

    A sweep over the boundaries of both operands' runs: between two neighbouring
    boundaries each character is inside ``a`` or not and inside ``b`` or not."""
    a, b = runs(a), runs(b)
    positions = np.concatenate([a[0], a[1], b[0], b[1]])
    if len(positions) == 0:
        return EMPTY
    na, nb = len(a[0]), len(b[0])
    delta_a = np.concatenate([np.ones(na, np.int64), -np.ones(na, np.int64), np.zeros(2 * nb, np.int64)])
    delta_b = np.concatenate([np.zeros(2 * na, np.int64), np.ones(nb, np.int64), -np.ones(nb, np.int64)])
    order = np.argsort(positions, kind="stable")
    positions, delta_a, delta_b = positions[order], delta_a[order], delta_b[order]
    first = np.ones(len(positions), dtype=bool)
    first[1:] = positions[1:] != positions[:-1]
    at = np.flatnonzero(first)
    inside_a = np.cumsum(np.add.reduceat(delta_a, at)) > 0   # coverage just after each boundary
    inside_b = np.cumsum(np.add.reduceat(delta_b, at)) > 0
    boundary = positions[at]
    chosen = keep(inside_a[:-1], inside_b[:-1])
    return runs((boundary[:-1][chosen], boundary[1:][chosen]))


def intersection(a: Spans, b: Spans) -> Spans:
    return boolean(a, b, np.logical_and)


def union(a: Spans, b: Spans) -> Spans:
    return boolean(a, b, np.logical_or)


def difference(a: Spans, b: Spans) -> Spans:
    """Characters of ``a`` not in ``b`` (``NOT b`` is the scope's documents minus ``b``)."""
    return boolean(a, b, lambda x, y: x & ~y)


def _prefix_max_end(b: Spans) -> np.ndarray:
    return np.maximum.accumulate(b[1]) if len(b[1]) else b[1]


def overlapping(a: Spans, b: Spans) -> np.ndarray:
    """Mask (M,) of the spans of ``a`` that share at least one character with a span of ``b``."""
    if len(b[0]) == 0 or len(a[0]) == 0:
        return np.zeros(len(a[0]), dtype=bool)
    before = np.searchsorted(b[0], a[1], side="left")      # spans of b starting before a ends
    reach = _prefix_max_end(b)
    return (before > 0) & (reach[np.maximum(before - 1, 0)] > a[0])


def enclosed_by(a: Spans, b: Spans) -> np.ndarray:
    """Mask of the spans of ``a`` lying wholly inside a span of ``b`` (equal spans count)."""
    if len(b[0]) == 0 or len(a[0]) == 0:
        return np.zeros(len(a[0]), dtype=bool)
    upto = np.searchsorted(b[0], a[0], side="right")        # spans of b starting at or before a
    reach = _prefix_max_end(b)
    return (upto > 0) & (reach[np.maximum(upto - 1, 0)] >= a[1])


def enclosing(a: Spans, b: Spans) -> np.ndarray:
    """Mask of the spans of ``a`` that hold a whole span of ``b`` (equal spans count)."""
    if len(b[0]) == 0 or len(a[0]) == 0:
        return np.zeros(len(a[0]), dtype=bool)
    order = np.argsort(b[0], kind="stable")
    starts, ends = b[0][order], b[1][order]
    nearest = np.minimum.accumulate(ends[::-1])[::-1]       # the earliest end among spans starting here or later
    first = np.searchsorted(starts, a[0], side="left")
    inside = first < len(starts)
    return inside & (nearest[np.minimum(first, len(starts) - 1)] <= a[1])


def starts_within(a_ends: np.ndarray, limits: np.ndarray, b: Spans) -> np.ndarray:
    """Mask of positions whose window ``[a_end, limit)`` holds the start of a span of ``b``."""
    starts = np.sort(b[0])
    return np.searchsorted(starts, limits, side="left") > np.searchsorted(starts, a_ends, side="left")


def select(spans: Spans, mask: np.ndarray) -> Spans:
    return spans[0][mask], spans[1][mask]
