"""Krippendorff's alpha for unitizing a continuum of characters: u-alpha, cu-alpha per code, Cu-alpha per domain.

Each document is a continuum of ``L_d`` characters; the documents are laid end to end into one
continuum of ``L = sum L_d`` characters (no unit crosses a document's end).  Each of ``m`` coders
marks segments ``[start, end)`` with codes.  Following Krippendorff, Mathet, Bouvry & Widlöcher
(2016), who revise Krippendorff (1995), every coder partitions the continuum into *units* (the
stretches the coder marked, each with one value) and *gaps* (runs carrying none), and agreement is read from
the lengths of the intersections of one coder's units and gaps with another's.

Per code ``k`` (``u_alpha``: the binary |uα of the paper, "α-binary" in ATLAS.ti)
    Values: coded ``k`` / gap.  Observed coincidences of ordered coder pairs::

        u_ck = sum_i sum_{j != i} |seg_i(c) ∩ seg_j(k)| / (m - 1)      (c, k in {gap, k})

    so ``n = sum u_ck = m L``, margins ``n_k = sum_i |coded_i|`` and ``n_0 = n - n_k``.  Expected
    coincidences pair values at random, except within one unit (a unit of length ``l`` removes
    ``l**2`` pairs; a gap is no unit, so each of its characters removes only itself)::

        S = sum_i sum_g l_ig**2 + n_0
        e_ck = (n_c n_k - [c = k] S_c) / (n - S / n)

    ``alpha = 1 - D_o / D_e`` with ``D_o = u_k0 + u_0k`` and ``D_e = e_k0 + e_0k``.  A coder's
    overlapping codings of one code form one unit; codings that only touch stay two units, as drawn.

Per domain ``D`` (values: its codes; ``Cu_alpha``, the paper's cuα)
    Only the characters that two coders both coded with a code of ``D`` are compared: ``cu_ck``
    is the valued part of the coincidence matrix above (``c, k`` codes of ``D``), ``n_cu = sum
    cu_ck``.  A coder's unit ``g`` of value ``c`` enters the expected coincidences with the part of
    it that each other coder ``j`` also coded, ``a_igj = |g ∩ valued_j|``::

        T_c = sum_i sum_{g of value c} sum_{j != i} a_igj**2 / (m - 1),   T = sum_c T_c
        e_ck = (l_c l_k - [c = k] T_c) / (n_cu - T / n_cu),   l_c = sum_k cu_ck

    ``Cu_alpha = 1 - (n_cu - sum_c cu_cc) / (n_cu - sum_c e_cc)`` (nominal).  For two coders
    ``a_ig = |g ∩ valued_other|`` exactly as in the paper; for more, each ordered pair of coders
    contributes its own intersections, weighted ``1 / (m - 1)`` like the observed coincidences.

Per domain, codes and gaps together (``values_u_alpha``, the paper's uα)
    One coincidence matrix over the values {gap, codes of ``D``}: the valued part is ``cu_ck``,
    ``u_c0 = u_0c = n_c - sum_k cu_ck`` and ``u_00 = n_0 - sum_c u_0c``, with ``n_c`` the
    characters coders gave value ``c`` and ``n_0 = m L - sum_c n_c``.  Expected coincidences as
    for the binary coefficient, with ``S_c = sum`` of the squared lengths of the units of value
    ``c`` and ``S_0 = n_0``; ``alpha = 1 - (n - sum_c u_cc) / (n - sum_c e_cc)`` (nominal, the gap
    a value like the codes).  It weighs where the units are and which code they carry at once.

Per code within its domain (``cu_alpha``, the paper's (k)uα)
    ``cu_alpha_k = 1 - [(l_k - cu_kk) / l_k] / [(e_k - e_kk) / e_k]``, ``e_k = sum_c e_kc``: the
    share of the code's jointly coded matter in disagreement, observed over expected.

A character a coder coded with two or more codes of the domain has no single value: it counts as
a gap of that coder in the domain's coefficients (the paper assumes mutually exclusive codes) and
is reported in ``conflicts``.  A statistic without a value (nothing coded, nothing left uncoded,
one code only) is an :class:`~qda.analysis.reliability.Undefined` with the reason in words.

References
----------
Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
    Methodology, 25, 47-76.
Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing
    textual continua: Further developments. Quality & Quantity, 50(6), 2347-2364.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Sequence

import numpy as np

from ..arrays import distinct
from .reliability import Undefined

REFERENCE = ("Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing "
             "textual continua: Further developments. Quality & Quantity, 50(6), 2347-2364; Krippendorff, K. (1995). "
             "On the reliability of unitizing continuous data. Sociological Methodology, 25, 47-76.")


@dataclass
class UnitizingResult:
    """Coefficients of one domain.

    Attributes
    ----------
    u_alpha, u_observed, u_expected : ndarray of object, shape (K,)
        Per code: binary u-alpha and its observed and expected disagreement (shares of the
        ``m L`` pairable values), a float or an ``Undefined``.
    cu_alpha, cu_observed, cu_expected : ndarray of object, shape (K,)
        Per code: (k)u-alpha within the domain, observed and expected disagreement as shares of
        the code's pairable values.
    domain_u_alpha, domain_u_observed, domain_u_expected : float or Undefined
        Binary u-alpha of "any code of the domain" against gaps.
    Cu_alpha, Cu_observed, Cu_expected : float or Undefined
        cu-alpha of the domain's codes on the jointly coded characters.
    values_u_alpha, values_u_observed, values_u_expected : float or Undefined
        u-alpha with values: the domain's codes and the gap as the values of one nominal variable.
    coded : ndarray, shape (K,)
        Characters coded with each code, summed over coders.
    jointly_coded : float
        ``n_cu``: pairable values on characters two coders both coded (with ``1/(m-1)`` weights).
    conflicts : ndarray, shape (m,)
        Characters each coder coded with two or more codes of the domain.
    length : int
        ``L``, the characters of the continuum.
    """

    u_alpha: np.ndarray
    u_observed: np.ndarray
    u_expected: np.ndarray
    cu_alpha: np.ndarray
    cu_observed: np.ndarray
    cu_expected: np.ndarray
    domain_u_alpha: object
    domain_u_observed: object
    domain_u_expected: object
    Cu_alpha: object
    Cu_observed: object
    Cu_expected: object
    values_u_alpha: object
    values_u_observed: object
    values_u_expected: object
    coded: np.ndarray
    jointly_coded: float
    conflicts: np.ndarray
    length: int
    codes: list = field(default_factory=list)


def _merge_runs(group: np.ndarray, starts: np.ndarray, ends: np.ndarray, span: int):
    """The units of each group: its spans, with overlapping spans joined into one.

    Spans that only touch (one ends where the next starts) stay two units, as the coder drew
    them: Krippendorff (1995) and Krippendorff et al. (2016) count each unit's length.

    Parameters
    ----------
    group, starts, ends : ndarray of int64, shape (S,)
        Spans ``[start, end)`` on ``[0, span)`` with a non-negative group each.

    Returns
    -------
    group, starts, ends : ndarray of int64, shape (R,)
        Runs, sorted by group and start.
    """
    if len(starts) == 0:
        return group[:0], starts[:0], ends[:0]
    order = np.lexsort((starts, group))
    g = group[order]
    offset = g * span
    s, e = starts[order] + offset, ends[order] + offset
    reach = np.maximum.accumulate(e)
    new = np.ones(len(s), bool)
    new[1:] = s[1:] >= reach[:-1]
    first = np.flatnonzero(new)
    return g[first], s[first] - offset[first], np.maximum.reduceat(e, first) - offset[first]


def _binary(column: np.ndarray, coder: np.ndarray, starts: np.ndarray, ends: np.ndarray, n_columns: int, m: int,
            length: int):
    """Binary u-alpha per column from each coder's runs (non-overlapping within a column and coder).

    Returns (alpha, observed, expected, coded), each of shape (n_columns,); alpha holds NaN where
    undefined (the caller words it)."""
    lengths = (ends - starts).astype(float)
    coded = np.bincount(column, lengths, minlength=n_columns)
    squares = np.bincount(column, lengths ** 2, minlength=n_columns)
    # coverage sweep: c(x) coders have the code at x; ordered pairs (coded, not coded) = c (m - c)
    position = np.concatenate([starts, ends])
    delta = np.concatenate([np.ones(len(starts)), -np.ones(len(ends))])
    key = np.concatenate([column, column])
    order = np.lexsort((delta, position, key))
    position, delta, key = position[order], delta[order], key[order]
    cover = np.cumsum(delta)
    width = np.diff(position).astype(float)
    same = key[1:] == key[:-1]
    c = cover[:-1]
    mixed = np.bincount(key[:-1][same], (width * c * (m - c))[same], minlength=n_columns)
    n = float(m * length)
    gaps = n - coded
    with np.errstate(divide="ignore", invalid="ignore"):
        denominator = n - (squares + gaps) / n
        observed = 2 * mixed / (m - 1)
        expected = 2 * coded * gaps / denominator
        alpha = np.where(expected > 0, 1 - observed / expected, np.nan)
    return alpha, observed / n if n else observed * np.nan, expected / n if n else expected * np.nan, coded


def _objects(values: list) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _binary_reason(coded: float, length: int, m: int) -> Undefined:
    if length == 0:
        return Undefined("no characters to compare")
    if coded == 0:
        return Undefined("no coder applied it")
    return Undefined("every coder coded every character: there is no uncoded matter to tell it from")


def unitizing_arrays(lengths: Sequence[int], document: np.ndarray, coder: np.ndarray, start: np.ndarray,
                     end: np.ndarray, code: np.ndarray, n_coders: int, n_codes: int) -> UnitizingResult:
    """The unitizing alphas of one domain from flat arrays of codings.

    Parameters
    ----------
    lengths : array of int, shape (D,)
        Characters of each document.
    document, coder, start, end, code : ndarray of int, shape (S,)
        One row per coding: the document (``0..D-1``), the coder (``0..m-1``), the half-open span
        on the document and the code (``0..K-1``).  Spans may overlap.
    n_coders : int
        ``m >= 2``; a coder without codings has only gaps.
    n_codes : int
        ``K``, the codes of the domain.

    Returns
    -------
    UnitizingResult

    >>> r = unitizing_arrays([10], np.array([0, 0]), np.array([0, 1]), np.array([0, 2]), np.array([4, 6]),
    ...                      np.array([0, 0]), 2, 1)
    >>> round(r.u_alpha[0], 6)   # 31/120, worked out in docs/agreement.md
    0.258333
    """
    m, K = int(n_coders), int(n_codes)
    if m < 2:
        raise ValueError("unitizing alpha compares two or more coders")
    lengths = np.asarray(lengths, dtype=np.int64)
    document, coder, code = (np.asarray(a, dtype=np.int64) for a in (document, coder, code))
    start, end = np.asarray(start, dtype=np.int64), np.asarray(end, dtype=np.int64)
    if len(start) and (np.any(start < 0) or np.any(end > lengths[document]) or np.any(coder >= m) or np.any(code >= K)):
        raise ValueError("a coding lies outside its document, or names an unknown coder or code")
    keep = end > start
    document, coder, start, end, code = document[keep], coder[keep], start[keep], end[keep], code[keep]
    # one character between documents that nobody codes keeps units from running across a document's end
    base = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64) if len(lengths) else np.zeros(0, np.int64)
    length = int(lengths.sum())
    span = int((lengths + 1).sum()) + 1
    gs, ge = base[document] + start, base[document] + end

    # per code: each coder's runs; the domain's union ("any code") as column K
    g, rs, re = _merge_runs(code * m + coder, gs, ge, span)
    r_code, r_coder = g // m, g % m
    ug, us, ue = _merge_runs(coder, gs, ge, span)
    columns = np.concatenate([r_code, np.full(len(ug), K)])
    alpha, observed, expected, coded = _binary(columns, np.concatenate([r_coder, ug]), np.concatenate([rs, us]),
                                               np.concatenate([re, ue]), K + 1, m, length)
    words = [float(alpha[k]) if np.isfinite(alpha[k]) else _binary_reason(coded[k], length, m) for k in range(K + 1)]
    plain = lambda values: [float(v) if np.isfinite(v) else words[i] for i, v in enumerate(values)]  # noqa: E731
    u_alpha, u_observed, u_expected = (_objects(x[:K]) for x in (words, plain(observed), plain(expected)))

    # per coder: stretches with exactly one code of the domain (value), the rest are gaps or conflicts
    position = np.concatenate([rs, re]) + np.concatenate([r_coder, r_coder]) * span
    delta = np.concatenate([np.ones(len(rs), np.int64), -np.ones(len(re), np.int64)])
    value_delta = np.concatenate([r_code, -r_code])
    who = np.concatenate([r_coder, r_coder])
    order = np.argsort(position, kind="stable")
    position, delta, value_delta, who = position[order], delta[order], value_delta[order], who[order]
    count, value_sum = np.cumsum(delta)[:-1], np.cumsum(value_delta)[:-1]
    width = np.diff(position)
    conflicts = np.bincount(who[:-1][count >= 2], width[count >= 2], minlength=m) if len(width) else np.zeros(m)
    single = (count == 1) & (width > 0)
    v_start, v_end, v_value, v_coder = position[:-1][single], position[1:][single], value_sum[single], who[:-1][single]
    v_start, v_end = v_start - v_coder * span, v_end - v_coder * span

    cu, correction = _cu_coincidences(v_coder, v_value, v_start, v_end, m, K)
    result = _cu_coefficients(cu, correction, K)
    valued = _values_coefficient(cu, v_value, (v_end - v_start).astype(float), m, length, K)
    return UnitizingResult(u_alpha=u_alpha, u_observed=u_observed, u_expected=u_expected, cu_alpha=result["k"],
                           cu_observed=result["k_observed"], cu_expected=result["k_expected"],
                           domain_u_alpha=words[K], domain_u_observed=plain(observed)[K],
                           domain_u_expected=plain(expected)[K], Cu_alpha=result["alpha"],
                           Cu_observed=result["observed"], Cu_expected=result["expected"],
                           values_u_alpha=valued[0], values_u_observed=valued[1], values_u_expected=valued[2],
                           coded=coded[:K],
                           jointly_coded=float(cu.sum()), conflicts=np.asarray(conflicts, float), length=length)


def _values_coefficient(cu: np.ndarray, value: np.ndarray, widths: np.ndarray, m: int, length: int, K: int):
    """(alpha, observed, expected) of u-alpha with values, from the valued coincidences ``cu`` and
    each coder's single-valued stretches (value, width): Krippendorff et al. (2016), uα."""
    n = float(m * length)
    if n == 0:
        why = Undefined("no characters to compare")
        return why, why, why
    n_values = np.bincount(value, widths, minlength=K)
    squares = np.bincount(value, widths ** 2, minlength=K)
    n_gap = n - n_values.sum()
    observed_same = np.trace(cu) + (n_gap - (n_values - cu.sum(axis=1)).sum())  # u_cc over codes, and u_00
    margins = np.concatenate([[n_gap], n_values])
    removed = np.concatenate([[n_gap], squares])
    denominator = n - removed.sum() / n
    if denominator <= 1e-9 * n:
        why = Undefined("each coder's continuum is one unit: no pairs are left to expect")
        return why, why, why
    expected_same = ((margins ** 2 - removed) / denominator).sum()
    d_o, d_e = n - observed_same, n - expected_same
    if d_e <= 1e-9 * n:
        why = Undefined("one value (a code, or the gap) covers the whole continuum")
        return why, why, why
    return float(1 - d_o / d_e), float(d_o / n), float(d_e / n)


def _cu_coincidences(coder, value, starts, ends, m: int, K: int) -> tuple[np.ndarray, np.ndarray]:
    """(cu, T): the (K, K) coincidences of valued against valued matter and the (K,) unit corrections."""
    cu = np.zeros((K, K))
    correction = np.zeros(K)
    if len(starts) == 0:
        return cu, correction
    breaks = distinct(np.concatenate([starts, ends]))
    width = np.diff(breaks).astype(float)
    values = np.zeros((m, len(width)), np.int64)  # 0: no value, else code + 1
    for i in range(m):
        mine = coder == i
        s, e, v = starts[mine], ends[mine], value[mine]
        order = np.argsort(s)
        s, e, v = s[order], e[order], v[order]
        at = np.searchsorted(s, breaks[:-1], side="right") - 1
        inside = (at >= 0) & (breaks[:-1] < e[np.maximum(at, 0)] if len(e) else np.zeros(len(at), bool))
        values[i, inside] = v[at[inside]] + 1
    cumulative = [np.concatenate([[0.0], np.cumsum(width * (values[j] > 0))]) for j in range(m)]
    first, last = np.searchsorted(breaks, starts), np.searchsorted(breaks, ends)
    for i in range(m):
        mine = coder == i
        for j in range(m):
            if i == j:
                continue
            both = (values[i] > 0) & (values[j] > 0)
            cu += np.bincount((values[i][both] - 1) * K + values[j][both] - 1, width[both],
                              minlength=K * K).reshape(K, K)
            shared = cumulative[j][last[mine]] - cumulative[j][first[mine]]
            correction += np.bincount(value[mine], shared ** 2, minlength=K)
    return cu / (m - 1), correction / (m - 1)


def _cu_coefficients(cu: np.ndarray, correction: np.ndarray, K: int) -> dict:
    total = cu.sum()
    margins = cu.sum(axis=1)
    k_alpha = np.empty(K, dtype=object)
    k_observed = np.empty(K, dtype=object)
    k_expected = np.empty(K, dtype=object)
    nothing = Undefined("the coders never coded the same characters with codes of this domain")
    if total <= 0:
        k_alpha[:] = k_observed[:] = k_expected[:] = nothing
        return {"alpha": nothing, "observed": nothing, "expected": nothing, "k": k_alpha, "k_observed": k_observed,
                "k_expected": k_expected}
    denominator = total - correction.sum() / total
    tolerance = 1e-9 * total
    if denominator <= tolerance:
        why = Undefined("each coder's jointly coded matter is a single unit: no pairs are left to expect")
        k_alpha[:] = k_observed[:] = k_expected[:] = why
        return {"alpha": why, "observed": why, "expected": why, "k": k_alpha, "k_observed": k_observed,
                "k_expected": k_expected}
    expected = (np.outer(margins, margins) - np.diag(correction)) / denominator
    d_o = total - np.trace(cu)
    d_e = total - np.trace(expected)
    if d_e <= tolerance:
        alpha = observed = expected_share = Undefined("only one code applied to the characters coded in common")
    else:
        alpha, observed, expected_share = 1 - d_o / d_e, d_o / total, d_e / total
    e_margins = expected.sum(axis=1)
    for k in range(K):
        if margins[k] <= tolerance:
            k_alpha[k] = k_observed[k] = k_expected[k] = Undefined("not applied to characters coded in common")
            continue
        o_share = (margins[k] - cu[k, k]) / margins[k]
        e_share = (e_margins[k] - expected[k, k]) / e_margins[k] if e_margins[k] > tolerance else 0.0
        k_observed[k] = float(o_share)
        if e_share <= 1e-12:
            k_alpha[k] = k_expected[k] = Undefined("only this code applied to the characters coded in common")
        else:
            k_alpha[k], k_expected[k] = float(1 - o_share / e_share), float(e_share)
    return {"alpha": alpha if isinstance(alpha, Undefined) else float(alpha),
            "observed": observed if isinstance(observed, Undefined) else float(observed),
            "expected": expected_share if isinstance(expected_share, Undefined) else float(expected_share),
            "k": k_alpha, "k_observed": k_observed, "k_expected": k_expected}


def unitizing(lengths: Sequence[int], segments: Sequence[Sequence[Sequence[tuple[int, int, Hashable]]]],
              codes: Sequence[Hashable] | None = None) -> UnitizingResult:
    """The unitizing alphas from nested lists.

    Parameters
    ----------
    lengths : list of int, length D
        Characters of each document.
    segments : list (D) of list (m) of list of (start, end, code)
        Per document, per coder, the coder's codings.
    codes : list, optional
        The domain's codes in order (default: the codes met, sorted).  ``result.codes`` holds them.

    >>> r = unitizing([8], [[[(0, 4, "a"), (4, 8, "b")], [(0, 4, "a"), (4, 8, "b")]]])
    >>> r.u_alpha[0], r.Cu_alpha
    (1.0, 1.0)
    """
    rows = [(d, i, s, e, c) for d, per_coder in enumerate(segments) for i, spans in enumerate(per_coder)
            for s, e, c in spans]
    m = max((len(per_coder) for per_coder in segments), default=0)
    if codes is None:
        codes = sorted({r[4] for r in rows}, key=str)
    index = {c: k for k, c in enumerate(codes)}
    columns = [np.array([r[k] for r in rows], dtype=np.int64) for k in range(4)]
    code = np.array([index[r[4]] for r in rows], dtype=np.int64)
    result = unitizing_arrays(lengths, *columns, code, max(m, 2), len(codes))
    result.codes = list(codes)
    return result
