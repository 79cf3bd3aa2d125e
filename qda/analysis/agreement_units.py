"""The units agreement counts on: sentences, paragraphs, turns or documents of the project, or the
elementary segments between codings' ends (``character``), and which units each coding marks.

Offsets are global: each counted document's local offsets plus its base (the lengths of the documents
before it, one apart), so that one sorted axis holds every document."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..arrays import distinct


def mark_units(unit_starts: np.ndarray, unit_ends: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which units each span overlaps.

    Parameters
    ----------
    unit_starts, unit_ends : ndarray, shape (U,)
        Sorted, non-overlapping half-open units.
    starts, ends : ndarray, shape (S,)
        Half-open spans on the same axis.

    Returns
    -------
    span_index, unit_index : ndarray, shape (P,)
        One pair per (span, unit) that share at least one character.

    >>> mark_units(np.array([0, 10, 20]), np.array([9, 19, 29]), np.array([5, 9]), np.array([12, 10]))
    (array([0, 0]), array([0, 1]))
    """
    first = np.searchsorted(unit_ends, starts, side="right")
    last = np.searchsorted(unit_starts, ends, side="left") - 1
    count = np.maximum(last - first + 1, 0)
    span_index = np.repeat(np.arange(len(starts)), count)
    offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return span_index, np.repeat(first, count) + offsets


@dataclass
class Units:
    document: np.ndarray  # position in the counted documents
    start: np.ndarray  # local offsets
    end: np.ndarray
    weight: np.ndarray
    gstart: np.ndarray  # global offsets: document base + local
    gend: np.ndarray


def span_units(project, unit: str, documents: pd.DataFrame, base: np.ndarray) -> Units:
    frame = project.units_frame(unit)
    position = pd.Series(np.arange(len(documents)), index=documents["id"])
    frame = frame[frame["document_id"].isin(position.index)]
    doc = position[frame["document_id"]].to_numpy()
    start, end = frame["start"].to_numpy(np.int64), frame["end"].to_numpy(np.int64)
    gstart, gend = base[doc] + start, base[doc] + end
    order = np.argsort(gstart, kind="stable")
    return Units(doc[order], start[order], end[order], np.ones(len(order)), gstart[order], gend[order])


def character_units(documents: pd.DataFrame, base: np.ndarray, gstart: np.ndarray, gend: np.ndarray,
                     include_uncoded: bool) -> Units:
    """Elementary segments between every coding's ends: within one, nobody's coding changes."""
    lengths = documents["length"].to_numpy(np.int64)
    points = [gstart, gend]
    if include_uncoded:
        points += [base, base + lengths]
    breaks = distinct(np.concatenate(points)) if len(np.concatenate(points)) else np.zeros(0, np.int64)
    starts, ends = breaks[:-1], breaks[1:]
    doc = np.clip(np.searchsorted(base, starts, side="right") - 1, 0, max(len(base) - 1, 0))
    inside = (ends <= base[doc] + lengths[doc]) if len(base) else np.zeros(len(starts), bool)
    if not include_uncoded:
        cover = np.zeros(len(breaks) + 1, np.int64)
        np.add.at(cover, np.searchsorted(breaks, gstart), 1)
        np.add.at(cover, np.searchsorted(breaks, gend), -1)
        inside &= np.cumsum(cover)[:-2] > 0 if len(breaks) else inside
    starts, ends, doc = starts[inside], ends[inside], doc[inside]
    return Units(doc, starts - base[doc], ends - base[doc], (ends - starts).astype(float), starts, ends)
