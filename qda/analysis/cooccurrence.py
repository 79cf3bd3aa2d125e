"""Co-occurrence of codes: counts, Jaccard, the c-coefficient, lift and a test against chance.

Two codes co-occur in a unit when both are present in it.  The units
(docs/analysis.md defines each with a worked example):

* ``sentence``, ``paragraph``, ``turn``, ``document``: the project's spans of
  that kind in the selected documents; a code is present in a unit when one of
  its codings shares at least one character with it.
* ``overlap``: the *coded regions*: in each document, the maximal stretches of
  text covered by chains of overlapping codings.  A code is present in a region
  when one of its codings lies in it; two codes co-occur in a region when a
  coding of one and a coding of the other share at least one character.

For a pair of codes (1, 2) with N units, n1 and n2 units holding each code and
n12 units where they co-occur, q1 and q2 the codes' quotations (distinct coded
spans, whoever coded them):

* ``count`` = n12
* ``jaccard`` = n12 / (n1 + n2 - n12)
* ``c`` = n12 / (q1 + q2 - n12), ATLAS.ti's c-coefficient, capped at 1
* ``lift`` = n12 * N / (n1 * n2), observed over expected under independence
* ``p`` = P(X >= n12) for X ~ Hypergeometric(N, n1, n2): the one-sided Fisher exact test
* ``p_adjusted``: Benjamini-Hochberg over every pair of codes present in the selection.

A code applied twice in one unit (by one coder or by several) is present once.
With ``rollup`` a coding also makes every ancestor of its code present, and a
code is never paired with its own ancestor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import QdaError
from ..store.queries import unit_spans
from ._select import check_unit, code_rows, resolve_codes, roll_up, select_codings, select_documents

MEASURES = ("count", "jaccard", "c", "lift")
PAIR_COLUMNS = ["code_a", "code_b", "count", "n_a", "n_b", "units", "jaccard", "c", "lift", "expected", "p", "p_adjusted",
                "code_a_id", "code_b_id"]


def _global(document_index: np.ndarray, offsets: np.ndarray, stride: int) -> np.ndarray:
    return document_index.astype(np.int64) * stride + offsets.astype(np.int64)


def overlap_pairs(document_index: np.ndarray, starts: np.ndarray, ends: np.ndarray, stride: int):
    """Every pair of spans that share a character, by sort and sweep.

    Arrays are (M,); returns (order, i, j, region): ``order`` sorts the spans,
    ``i`` < ``j`` index the sorted spans of each overlapping pair, and
    ``region`` (M,) numbers the coded region of each sorted span."""
    g_start = _global(document_index, starts, stride)
    g_end = _global(document_index, ends, stride)
    order = np.lexsort((g_end, g_start))
    g_start, g_end = g_start[order], g_end[order]
    running = np.maximum.accumulate(g_end)
    new = np.ones(len(order), dtype=bool)
    new[1:] = g_start[1:] >= running[:-1]
    region = np.cumsum(new) - 1
    last = np.searchsorted(g_start, g_end, side="left")  # spans j < last start before span i ends
    counts = last - np.arange(len(order)) - 1
    counts = np.maximum(counts, 0)
    total = int(counts.sum())
    i = np.repeat(np.arange(len(order)), counts)
    begin = np.repeat(np.cumsum(counts) - counts, counts)
    j = i + 1 + (np.arange(total) - begin)
    return order, i, j, region


def _presence_units(project, frame: pd.DataFrame, documents: pd.DataFrame, unit: str, stride: int,
                    doc_pos: dict[str, int], code_index: np.ndarray):
    """(unit id, code index) pairs for a segment unit, and N."""
    units = unit_spans(project, unit)
    if len(doc_pos) < len(units["document_id"].cat.categories):
        units = units[units["document_id"].isin(doc_pos)]
    if units.empty and doc_pos:
        what = {"turn": "speaker turns", "sentence": "sentences", "paragraph": "paragraphs"}.get(unit, unit + "s")
        raise QdaError(f"the selected documents have no {what} (none were found on import); use another --unit")
    u_doc = units["document_id"].map(doc_pos).to_numpy()
    u_start = _global(u_doc, units["start"].to_numpy(), stride)
    u_end = _global(u_doc, units["end"].to_numpy(), stride)
    order = np.argsort(u_start, kind="stable")
    u_start, u_end = u_start[order], u_end[order]
    c_doc = frame["document_id"].map(doc_pos).to_numpy()
    c_start = _global(c_doc, frame["start"].to_numpy(), stride)
    c_end = _global(c_doc, frame["end"].to_numpy(), stride)
    first = np.searchsorted(u_end, c_start, side="right")   # first unit ending after the span starts
    last = np.searchsorted(u_start, c_end, side="left") - 1  # last unit starting before the span ends
    span = np.maximum(last - first + 1, 0)
    rows = np.repeat(np.arange(len(frame)), span)
    begin = np.repeat(np.cumsum(span) - span, span)
    unit_ids = np.repeat(first, span) + (np.arange(int(span.sum())) - begin)
    return unit_ids, code_index[rows], len(units)


def cooccurrence(project, unit: str = "overlap", coder=None, codes=None, where=None, rollup: bool = False,
                 min_count: int = 1) -> pd.DataFrame:
    """Pairs of codes that co-occur in ``unit``, with every measure.

    Parameters
    ----------
    unit : "overlap", "sentence", "paragraph", "turn" or "document".
    coder, codes, where, rollup : as in ``qda.analysis.frequencies``.
    min_count : only pairs co-occurring in at least this many units.

    Returns
    -------
    DataFrame, one row a pair (code_a before code_b in codebook order), sorted by
    count then lift, descending; columns ``PAIR_COLUMNS``.  ``n_a``/``n_b`` are
    the units holding each code and ``units`` is N.
    """
    check_unit(unit)
    result, _ = _cooccurrence(project, unit, coder, codes, where, rollup)
    return result[result["count"] >= max(min_count, 1)].reset_index(drop=True)


def _cooccurrence(project, unit, coder, codes, where, rollup):
    from scipy import sparse  # here, not above: `qda stats` imports this package but needs no scipy

    documents = select_documents(project, where)
    frame = select_codings(project, coder=coder, where=where, documents=documents)
    codebook = project.codebook
    if rollup:
        frame = roll_up(frame, codebook)
    chosen = resolve_codes(project, codes)
    if chosen is not None:
        frame = frame[frame["code_id"].isin(chosen)].reset_index(drop=True)
    table = code_rows(codebook, chosen)
    ids = list(table["code_id"])
    position = {code_id: i for i, code_id in enumerate(ids)}
    k = len(ids)
    code_index = frame["code_id"].map(position).to_numpy(np.int64)
    doc_pos = {d: i for i, d in enumerate(documents["id"])}
    stride = int(max(frame["end"].max() if len(frame) else 0, 0)) + 1
    if unit != "overlap":
        stride = max(stride, int(unit_spans(project, "document")["end"].max() or 0) + 1)

    if unit == "overlap":
        if len(frame):
            order, i, j, region = overlap_pairs(frame["document_id"].map(doc_pos).to_numpy(), frame["start"].to_numpy(),
                                                frame["end"].to_numpy(), stride)
            codes_sorted = code_index[order]
            n_units = int(region[-1]) + 1
            # (region, code) and (region, pair) without duplicates: a sparse matrix sums them away
            present = sparse.csr_matrix((np.ones(len(order), np.int8), (region, codes_sorted)), shape=(n_units, k))
            present_codes = present.indices
            a, b = codes_sorted[i], codes_sorted[j]
            keep = a != b
            lo, hi, pair_region = np.minimum(a, b)[keep], np.maximum(a, b)[keep], region[i][keep]
            met = sparse.csr_matrix((np.ones(len(lo), np.int8), (pair_region, lo * k + hi)), shape=(n_units, k * k))
            n12 = np.bincount(met.indices, minlength=k * k).reshape(k, k)
        else:
            n_units, present_codes, n12 = 0, np.zeros(0, np.int64), np.zeros((k, k), np.int64)
        n = np.bincount(present_codes, minlength=k)
    else:
        unit_ids, unit_codes, n_units = _presence_units(project, frame, documents, unit, stride, doc_pos, code_index)
        if len(unit_ids):
            matrix = sparse.csr_matrix((np.ones(len(unit_ids), dtype=np.int32), (unit_ids, unit_codes)),
                                       shape=(max(n_units, int(unit_ids.max()) + 1), k))
            matrix.data[:] = 1  # a code twice in a unit counts once (duplicates were summed)
            both = (matrix.T @ matrix).toarray().astype(np.int64)
            n = np.diag(both).copy()
            n12 = np.triu(both, 1)
        else:
            n, n12 = np.zeros(k, np.int64), np.zeros((k, k), np.int64)

    quotations = frame.drop_duplicates(["code_id", "document_id", "start", "end"]).groupby("code_id", observed=True).size()
    q = quotations.reindex(ids).fillna(0).to_numpy(np.int64)

    # candidate pairs: both codes present, neither an ancestor of the other when rolled up
    present = np.flatnonzero(n > 0)
    excluded = np.zeros((k, k), dtype=bool)
    if rollup:
        for code_id in ids:
            for ancestor in codebook.ancestors(code_id):
                if ancestor.id in position:
                    x, y = sorted((position[code_id], position[ancestor.id]))
                    excluded[x, y] = True
    candidates = np.zeros((k, k), dtype=bool)
    candidates[np.ix_(present, present)] = True
    candidates = np.triu(candidates, 1) & ~excluded
    m = int(candidates.sum())

    xs, ys = np.nonzero((n12 > 0) & candidates)
    count = n12[xs, ys]
    na, nb, qa, qb = n[xs], n[ys], q[xs], q[ys]
    big_n = n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = count / (na + nb - count)
        denominator = qa + qb - count
        c = np.where(denominator > 0, np.minimum(count / np.where(denominator > 0, denominator, 1), 1.0), 1.0)
        expected = na * nb / big_n if big_n else np.zeros(len(count))
        lift = count / expected
    p = hypergeom_sf(count, big_n, na, nb)
    result = pd.DataFrame({
        "code_a": table["path"].to_numpy()[xs], "code_b": table["path"].to_numpy()[ys], "count": count.astype(np.int64),
        "n_a": na.astype(np.int64), "n_b": nb.astype(np.int64), "units": big_n, "jaccard": jaccard, "c": c,
        "lift": lift, "expected": expected, "p": p, "p_adjusted": benjamini_hochberg(p, m),
        "code_a_id": np.array(ids, dtype=object)[xs], "code_b_id": np.array(ids, dtype=object)[ys],
    }, columns=PAIR_COLUMNS)
    result = result.sort_values(["count", "lift", "code_a", "code_b"], ascending=[False, False, True, True], kind="stable")
    nodes = table.assign(units=n, quotations=q)
    return result.reset_index(drop=True), nodes


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
    from scipy.special import gammaln

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
        return gammaln(n + 1) - gammaln(r + 1) - gammaln(n - r + 1)

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


def cooccurrence_matrix(project, unit: str = "overlap", measure: str = "count", **options) -> pd.DataFrame:
    """The square code-by-code matrix of one measure (codes in codebook order, paths as labels).

    The diagonal holds each code's units for ``count`` and is empty otherwise."""
    from ..errors import QdaError

    if measure not in MEASURES + ("p", "p_adjusted"):
        raise QdaError(f"unknown measure {measure!r}: use count, jaccard, c, lift, p or p_adjusted")
    check_unit(unit)
    pairs, nodes = _cooccurrence(project, unit, options.get("coder"), options.get("codes"), options.get("where"),
                                 options.get("rollup", False))
    labels = list(nodes["path"])
    matrix = pd.DataFrame(0 if measure == "count" else np.nan, index=labels, columns=labels, dtype=float)
    for row in pairs.itertuples(index=False):
        value = getattr(row, measure)
        matrix.loc[row.code_a, row.code_b] = value
        matrix.loc[row.code_b, row.code_a] = value
    if measure == "count":
        for label, units in zip(labels, nodes["units"]):
            matrix.loc[label, label] = units
        matrix = matrix.astype("int64")
    return matrix
