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
* ``c`` = n12 / (q1 + q2 - n12), ATLAS.ti's c-coefficient, capped at 1 (``c_capped`` says it was)
* ``lift`` = n12 * N / (n1 * n2), observed over expected under independence
* ``p``, by ``test``: ``"fisher"``, P(X >= n12) for X ~ Hypergeometric(N, n1, n2), the
  one-sided Fisher exact test, which takes the units as independent draws; or
  ``"shift"``, the circular-shift test within documents (``qda.analysis.significance``)
* ``p_adjusted``: Benjamini-Hochberg over every candidate pair of codes present in the selection.

A code applied twice in one unit (by one coder or by several) is present once.
Pairs within one branch of the code tree (a code and its ancestor) are left
out unless ``same_branch``: a child co-occurs with its parent because it is part
of it.  With ``rollup`` a coding also makes every ancestor of its code present,
and such pairs are always left out.  The result's ``attrs`` say what was done:
``unit``, ``test``, ``same_branch`` and ``branch_pairs_left_out``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import QdaError
from ..store.queries import unit_spans
from ._select import check_unit, code_rows, resolve_codes, roll_up, select_codings, select_documents
from .significance import benjamini_hochberg, circular_shift_p, hypergeom_sf

MEASURES = ("count", "jaccard", "c", "lift")
TESTS = ("fisher", "shift")
SHIFT_UNITS = ("sentence", "paragraph", "turn")
PAIR_COLUMNS = ["code_a", "code_b", "count", "n_a", "n_b", "units", "jaccard", "c", "c_capped", "lift", "expected", "p",
                "p_adjusted", "code_a_id", "code_b_id"]


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
    """(unit id, code index) pairs for a segment unit, N, and each unit's document and place in it."""
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
    u_start, u_end, u_doc = u_start[order], u_end[order], u_doc[order].astype(np.int64)
    c_doc = frame["document_id"].map(doc_pos).to_numpy()
    c_start = _global(c_doc, frame["start"].to_numpy(), stride)
    c_end = _global(c_doc, frame["end"].to_numpy(), stride)
    first = np.searchsorted(u_end, c_start, side="right")   # first unit ending after the span starts
    last = np.searchsorted(u_start, c_end, side="left") - 1  # last unit starting before the span ends
    span = np.maximum(last - first + 1, 0)
    rows = np.repeat(np.arange(len(frame)), span)
    begin = np.repeat(np.cumsum(span) - span, span)
    unit_ids = np.repeat(first, span) + (np.arange(int(span.sum())) - begin)
    sizes = np.bincount(u_doc, minlength=len(doc_pos))
    place = np.arange(len(u_doc)) - np.searchsorted(u_doc, u_doc, side="left")  # units sorted by document
    return unit_ids, code_index[rows], len(units), (u_doc, place, sizes)


def cooccurrence(project, unit: str = "overlap", coder=None, codes=None, where=None, rollup: bool = False,
                 min_count: int = 1, same_branch: bool = False, test: str = "fisher") -> pd.DataFrame:
    """Pairs of codes that co-occur in ``unit``, with every measure.

    Parameters
    ----------
    unit : "overlap", "sentence", "paragraph", "turn" or "document".
    coder, codes, where, rollup : as in ``qda.analysis.frequencies``.
    min_count : only pairs co-occurring in at least this many units.
    same_branch : keep pairs of a code and its own ancestor (left out by default).
    test : "fisher" (the hypergeometric tail) or "shift" (within documents; sentence,
        paragraph or turn units only).

    Returns
    -------
    DataFrame, one row a pair (code_a before code_b in codebook order), sorted by
    count then lift, descending; columns ``PAIR_COLUMNS``.  ``n_a``/``n_b`` are
    the units holding each code and ``units`` is N; ``attrs`` as in the module's doc.
    """
    check_unit(unit)
    result, _ = _cooccurrence(project, unit, coder, codes, where, rollup, same_branch, test)
    kept = result[result["count"] >= max(min_count, 1)].reset_index(drop=True)
    kept.attrs = dict(result.attrs)
    return kept


def check_test(test: str, unit: str) -> None:
    if test not in TESTS:
        raise QdaError(f"unknown test {test!r}: use fisher or shift")
    if test == "shift" and unit not in SHIFT_UNITS:
        raise QdaError(f"the shift test moves codes between the units of a document: use it with --unit sentence, "
                       f"paragraph or turn, not {unit} (by document, fisher's units are the documents themselves)")


def _cooccurrence(project, unit, coder, codes, where, rollup, same_branch=False, test="fisher"):
    from scipy import sparse  # here, not above: `qda stats` imports this package but needs no scipy

    check_test(test, unit)
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

    presence = None
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
        unit_ids, unit_codes, n_units, places = _presence_units(project, frame, documents, unit, stride, doc_pos,
                                                                 code_index)
        if len(unit_ids):
            matrix = sparse.csr_matrix((np.ones(len(unit_ids), dtype=np.int32), (unit_ids, unit_codes)),
                                       shape=(max(n_units, int(unit_ids.max()) + 1), k))
            matrix.data[:] = 1  # a code twice in a unit counts once (duplicates were summed)
            both = (matrix.T @ matrix).toarray().astype(np.int64)
            n = np.diag(both).copy()
            n12 = np.triu(both, 1)
            coo = matrix.tocoo()
            presence = (coo.row, coo.col, *places)
        else:
            n, n12 = np.zeros(k, np.int64), np.zeros((k, k), np.int64)

    quotations = frame.drop_duplicates(["code_id", "document_id", "start", "end"]).groupby("code_id", observed=True).size()
    q = quotations.reindex(ids).fillna(0).to_numpy(np.int64)

    # candidate pairs: both codes present, and (by default) not a code and its own ancestor
    present = np.flatnonzero(n > 0)
    branch = np.zeros((k, k), dtype=bool)
    for code_id in ids:
        for ancestor in codebook.ancestors(code_id):
            if ancestor.id in position:
                x, y = sorted((position[code_id], position[ancestor.id]))
                branch[x, y] = True
    candidates = np.zeros((k, k), dtype=bool)
    candidates[np.ix_(present, present)] = True
    candidates = np.triu(candidates, 1)
    left_out = 0
    if rollup or not same_branch:
        left_out = int(((n12 > 0) & candidates & branch).sum())
        candidates &= ~branch
    m = int(candidates.sum())

    xs, ys = np.nonzero((n12 > 0) & candidates)
    count = n12[xs, ys]
    na, nb, qa, qb = n[xs], n[ys], q[xs], q[ys]
    big_n = n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = count / (na + nb - count)
        denominator = qa + qb - count
        raw_c = np.where(denominator > 0, count / np.where(denominator > 0, denominator, 1), 1.0)
        expected = na * nb / big_n if big_n else np.zeros(len(count))
        lift = count / expected
    if test == "shift" and presence is not None:
        p = circular_shift_p(*presence, xs, ys, count)
    else:
        p = hypergeom_sf(count, big_n, na, nb)
    result = pd.DataFrame({
        "code_a": table["path"].to_numpy()[xs], "code_b": table["path"].to_numpy()[ys], "count": count.astype(np.int64),
        "n_a": na.astype(np.int64), "n_b": nb.astype(np.int64), "units": big_n, "jaccard": jaccard,
        "c": np.minimum(raw_c, 1.0), "c_capped": raw_c >= 1.0, "lift": lift, "expected": expected, "p": p,
        "p_adjusted": benjamini_hochberg(p, m),
        "code_a_id": np.array(ids, dtype=object)[xs], "code_b_id": np.array(ids, dtype=object)[ys],
    }, columns=PAIR_COLUMNS)
    result = result.sort_values(["count", "lift", "code_a", "code_b"], ascending=[False, False, True, True], kind="stable")
    result = result.reset_index(drop=True)
    result.attrs = {"unit": unit, "test": test, "same_branch": bool(same_branch and not rollup),
                    "branch_pairs_left_out": left_out}
    nodes = table.assign(units=n, quotations=q)
    return result, nodes


def cooccurrence_matrix(project, unit: str = "overlap", measure: str = "count", **options) -> pd.DataFrame:
    """The square code-by-code matrix of one measure (codes in codebook order, paths as labels).

    The diagonal holds each code's units for ``count`` and is empty otherwise."""
    from ..errors import QdaError

    if measure not in MEASURES + ("p", "p_adjusted"):
        raise QdaError(f"unknown measure {measure!r}: use count, jaccard, c, lift, p or p_adjusted")
    check_unit(unit)
    pairs, nodes = _cooccurrence(project, unit, options.get("coder"), options.get("codes"), options.get("where"),
                                 options.get("rollup", False), options.get("same_branch", False),
                                 options.get("test", "fisher"))
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
