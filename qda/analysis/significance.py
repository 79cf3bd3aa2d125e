"""Tests of co-occurrence against chance: the hypergeometric (Fisher) tail, a
circular-shift test within documents, and the Benjamini-Hochberg adjustment.

Why two tests (docs/analysis.md, "Significance on dependent units"): Fisher's
test takes the N units as independent draws, which documents roughly are but
consecutive sentences of one interview are not.  The shift test keeps every
document's codes where they are in number and in runs, and moves one code's
pattern round the document against the other's by every possible offset: the
torus-translation idea of Harms et al. (2001, J. Ecology 89: 947-959), here on
the circle of a document's units.
"""

from __future__ import annotations

import math

import numpy as np

_LOG_GAMMA = np.frompyfunc(math.lgamma, 1, 1)


def _log_gamma(x: np.ndarray) -> np.ndarray:
    """ln Gamma(x) of each value, by the standard library (no scipy to import for a few thousand pairs)."""
    return np.asarray(_LOG_GAMMA(x), dtype=np.float64)


def hypergeom_sf(x, total, n1, n2) -> np.ndarray:
    """P(X >= x) for X ~ Hypergeometric(total, n1, n2), for arrays of pairs at once.

    Sums the probability mass from ``x`` up (or, when ``x`` lies below the
    mode, one minus the sum from ``x - 1`` down) by the ratio of successive
    terms, stopping when the terms no longer change the sum; agrees with
    ``scipy.stats.hypergeom.sf(x - 1, ...)`` to about 1e-12 and is faster
    by far for thousands of pairs.

    >>> round(float(hypergeom_sf(np.array([2]), 15, np.array([4]), np.array([3]))[0]), 6)  # 70/455
    0.153846
    """
    x = np.asarray(x, dtype=np.float64)
    n1 = np.asarray(n1, dtype=np.float64)
    n2 = np.asarray(n2, dtype=np.float64)
    if x.size == 0:
        return np.zeros(0)
    total = float(total)
    low = np.maximum(0.0, n1 + n2 - total)
    high = np.minimum(n1, n2)
    mode = np.floor((n1 + 1) * (n2 + 1) / (total + 2))
    upper = x >= mode
    start = np.where(upper, x, x - 1)

    def log_choose(n, r):
        return _log_gamma(n + 1) - _log_gamma(r + 1) - _log_gamma(n - r + 1)

    inside = (start >= low) & (start <= high)
    safe = np.clip(start, low, high)
    term = np.where(inside, np.exp(log_choose(n1, safe) + log_choose(total - n1, n2 - safe) - log_choose(total, n2)), 0.0)
    sums = term.copy()
    k = safe.copy()
    active = inside & (term > 0)
    direction = np.where(upper, 1.0, -1.0)
    while active.any():
        idx = np.flatnonzero(active)
        kk, a, b = k[idx], n1[idx], n2[idx]
        up = upper[idx]
        # pmf(k+1)/pmf(k) = (n1-k)(n2-k) / ((k+1)(total-n1-n2+k+1)); downwards the inverse
        ratio = np.where(up, (a - kk) * (b - kk) / ((kk + 1) * (total - a - b + kk + 1)),
                         kk * (total - a - b + kk) / np.maximum((a - kk + 1) * (b - kk + 1), 1e-300))
        nxt = kk + direction[idx]
        valid = (nxt >= low[idx]) & (nxt <= high[idx])
        new_term = np.where(valid, term[idx] * ratio, 0.0)
        term[idx] = new_term
        k[idx] = nxt
        sums[idx] += new_term
        active[idx] = valid & (new_term > sums[idx] * 1e-17)
    p = np.where(upper, sums, 1.0 - sums)
    p = np.where(x <= low, 1.0, p)
    p = np.where(x > high, 0.0, p)
    return np.clip(p, 0.0, 1.0)


def benjamini_hochberg(p: np.ndarray, m: int | None = None) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values for ``p`` among ``m`` tests (m >= len(p)).

    Tests not listed are taken to have p = 1, which leaves the listed ones'
    adjustment unchanged.

    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03]), 3).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, dtype=float)
    m = max(m or len(p), len(p))
    if len(p) == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, len(p) + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(ranked, 1.0)
    return adjusted




def circular_shift_p(unit_ids, unit_codes, unit_document, unit_position, document_sizes, xs, ys, observed) -> np.ndarray:
    """P(count >= observed) for pairs of codes when, in every document independently, code b's
    units are turned round the document's circle of units by an offset drawn uniformly.

    ``unit_ids``/``unit_codes`` (P,) say which code is present in which unit (each pair once);
    ``unit_document``/``unit_position`` (N,) give each unit's document and place in it (0, 1, ...);
    ``document_sizes`` the units of each document; ``xs``, ``ys``, ``observed`` (M,) the pairs and
    their counts.  Exact: every offset is enumerated, so no seed and no Monte Carlo error.

    Only the offset of b against a matters for one pair, so in a document of n units, with a at
    positions A and b at B, the count at offset r is #{(i, j): A_i - B_j = r (mod n)}; the counts of
    the documents are independent and their sum's distribution is their convolution.
    """
    from collections import defaultdict

    where: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    documents = np.asarray(unit_document)[unit_ids]
    positions = np.asarray(unit_position)[unit_ids]
    for code, document, position in zip(np.asarray(unit_codes).tolist(), documents.tolist(), positions.tolist()):
        where[code][document].append(position)
    result = np.ones(len(observed))
    for index, (a, b, count) in enumerate(zip(np.asarray(xs).tolist(), np.asarray(ys).tolist(),
                                              np.asarray(observed).tolist())):
        if count <= 0:
            continue
        tail = np.zeros(count + 1)  # P(sum = 0..count-1), and P(sum >= count) in the last cell
        tail[0] = 1.0
        for document in where[a].keys() & where[b].keys():
            size = int(document_sizes[document])
            shifts = (np.subtract.outer(where[a][document], where[b][document]) % size).ravel()
            per_offset = np.bincount(shifts, minlength=size)
            spread = np.bincount(np.minimum(per_offset, count), minlength=count + 1) / size
            combined = np.convolve(tail, spread)
            tail = combined[:count + 1]
            tail[count] += combined[count + 1:].sum()
        result[index] = min(tail[count], 1.0)
    return result
