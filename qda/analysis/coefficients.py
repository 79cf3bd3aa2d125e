"""Which statistics a table of agreement shows, computed from coder patterns, with reasons where undefined.

A *pattern* is what each of M coders gave a unit (a category 0..q-1, or -1 for none); a set of units (one
code's presence data, or a variable's values) is a weight per pattern.  ``table_statistics`` returns
every figure of one row of `qda agree`'s table for each of C sets:

* all coder counts: percent, Brennan-Prediger, Gwet's AC1, Krippendorff's alpha (``reliability``), each of
  the first three with ``_se``, ``_low``, ``_high`` (``precision``: Gwet 2014, as irrCAC computes them);
* two coders: Cohen's kappa and Scott's pi on the units both coded (Cohen's with its standard error),
  PABAK (Byrt, Bishop & Carlin 1993: 2 p_o − 1 for two categories, (q p_o − 1)/(q − 1) for q) and, for two
  categories, the prevalence index |a − d|/N and the bias index |b − c|/N of the 2 × 2 table;
* three or more coders: Fleiss' kappa and Conger's kappa (each with its standard error);
* a variable at the ordinal, interval or ratio level: weighted kappa (Cohen's for two coders, Conger's for
  more) and Gwet's AC2, each with linear and quadratic weights on the categories' numbers.

Undefined figures are ``Undefined`` (a ``str``) saying why; undefined standard errors and interval ends
are ``None``.
"""

from __future__ import annotations

import numpy as np

from .precision import agreement_weights, coefficients
from .reliability import Undefined, cohen_from_tables, row_statistics, undefined_reason

PAIR = ("percent", "cohen_kappa", "scott_pi", "pabak", "prevalence_index", "bias_index", "brennan_prediger",
        "gwet_ac1", "krippendorff_alpha")
GROUP = ("percent", "fleiss_kappa", "conger_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha")
WEIGHTED = ("kappa_linear", "kappa_quadratic", "gwet_ac2_linear", "gwet_ac2_quadratic")
WITH_ERRORS = ("percent", "cohen_kappa", "fleiss_kappa", "conger_kappa", "brennan_prediger", "gwet_ac1")
BINARY_ONLY = ("prevalence_index", "bias_index")


def statistic_names(coders: int, categories: int = 2, level: str = "nominal") -> tuple[str, ...]:
    """The statistics of a table of ``coders`` coders, in the order shown."""
    names = PAIR if coders == 2 else GROUP
    if categories != 2:
        names = tuple(n for n in names if n not in BINARY_ONLY)
    return names + (WEIGHTED if level != "nominal" else ())


def error_columns(names) -> list[str]:
    """``<name>_se``, ``<name>_low``, ``<name>_high`` for the statistics that carry a standard error."""
    return [f"{name}_{part}" for name in names if name in WITH_ERRORS for part in ("se", "low", "high")]


def presence_patterns(coders: int) -> np.ndarray:
    """The 2**M presence patterns, shape (2**M, M): row b gives coder i the value of bit i of b."""
    bits = np.arange(2 ** coders)
    return ((bits[:, None] >> np.arange(coders)[None, :]) & 1).astype(np.int64)


def value_patterns(indices: np.ndarray, q: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct patterns of a reliability matrix and how many units show each.

    Parameters
    ----------
    indices : ndarray of int, shape (M, N)
        Category 0..q-1 per coder and unit, -1 where missing.

    Returns
    -------
    patterns : ndarray of int, shape (P, M); counts : ndarray, shape (P,)

    >>> value_patterns(np.array([[0, 0, 1], [0, 0, -1]]), 2)
    (array([[ 1, -1],
           [ 0,  0]]), array([1, 2]))
    """
    indices = np.asarray(indices, dtype=np.int64)
    m = indices.shape[0]
    powers = (q + 1) ** np.arange(m, dtype=np.int64)  # one integer key per unit: sorting keys beats rows
    keys, counts = np.unique(powers @ (indices + 1), return_counts=True)
    patterns = (keys[:, None] // powers[None, :]) % (q + 1) - 1
    return patterns, counts


def table_statistics(patterns: np.ndarray, weights: np.ndarray, q: int, level: str = "nominal",
                     values: np.ndarray | None = None) -> list[dict]:
    """One dict per set (row of ``weights``): every statistic of ``statistic_names``, their errors, ``units``
    (units two or more coders coded) and ``disagreements`` (such units whose values differ).

    Parameters
    ----------
    patterns : ndarray of int, shape (P, M)
    weights : ndarray, shape (C, P)
    q : int
        Categories a coder could choose.
    level, values
        Krippendorff's alpha's metric and the categories' numbers (for interval and ratio, and for
        the weights of weighted kappa and AC2; ranks 1..q otherwise).
    """
    patterns = np.asarray(patterns, dtype=np.int64)
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    m = patterns.shape[1]
    names = statistic_names(m, q, level)
    numbers = np.arange(1.0, q + 1) if values is None else np.asarray(values, dtype=float)
    counts = np.stack([(patterns == k).sum(axis=1) for k in range(q)], axis=1)  # (P, q)
    raw = row_statistics(counts, weights, q, level, numbers if level in ("interval", "ratio") else None)
    everyone = coefficients(patterns, weights, q)
    rated = counts.sum(axis=1)
    pairable = rated >= 2
    differing = pairable & ((counts > 0).sum(axis=1) > 1)
    observed = (weights[:, pairable][:, :, None] * (counts[pairable] > 0)[None]).sum(axis=1) > 0  # (C, q)
    figures: dict[str, np.ndarray] = {name: raw[name] for name in ("percent", "brennan_prediger", "gwet_ac1",
                                                                    "krippendorff_alpha", "fleiss_kappa")}
    errors: dict[str, np.ndarray] = {f"{name}_{part}": everyone[f"{name}_{part}"]
                                     for name in ("percent", "brennan_prediger", "gwet_ac1", "fleiss_kappa")
                                     for part in ("se", "low", "high")}
    if m == 2:
        both = (patterns >= 0).all(axis=1)
        pair_weights = weights * both
        tables = np.zeros((len(weights), q, q))
        for p in np.flatnonzero(both):
            tables[:, patterns[p, 0], patterns[p, 1]] += pair_weights[:, p]
        figures["cohen_kappa"] = cohen_from_tables(tables)
        on_both = coefficients(patterns, pair_weights, q)
        figures["scott_pi"] = on_both["fleiss_kappa"]
        errors.update({f"cohen_kappa_{part}": on_both[f"kappa_{part}"] for part in ("se", "low", "high")})
        total = tables.sum(axis=(1, 2))
        with np.errstate(divide="ignore", invalid="ignore"):
            agreeing = np.trace(tables, axis1=1, axis2=2) / total
            figures["pabak"] = (q * agreeing - 1) / (q - 1)
            if q == 2:
                figures["prevalence_index"] = np.abs(tables[:, 1, 1] - tables[:, 0, 0]) / total
                figures["bias_index"] = np.abs(tables[:, 1, 0] - tables[:, 0, 1]) / total
    else:
        figures["conger_kappa"] = everyone["kappa"]
        errors.update({f"conger_kappa_{part}": everyone[f"kappa_{part}"] for part in ("se", "low", "high")})
    if level != "nominal":
        pair_weights = weights * (patterns >= 0).all(axis=1) if m == 2 else weights
        for kind in ("linear", "quadratic"):
            weighted = coefficients(patterns, pair_weights, q, agreement_weights(numbers, kind))
            figures[f"kappa_{kind}"] = weighted["kappa"]
            figures[f"gwet_ac2_{kind}"] = coefficients(patterns, weights, q, agreement_weights(numbers, kind))["gwet_ac1"]
    rows = []
    for c in range(len(weights)):
        units = float(raw["units"][c])
        row: dict = {"units": _count(units), "disagreements": _count(float(weights[c] @ differing))}
        for name in names:
            value = float(figures[name][c])
            row[name] = value if np.isfinite(value) else _reason(name, m, units, int(observed[c].sum()), q)
        for name in error_columns(names):
            value = float(errors[name][c])
            row[name] = value if np.isfinite(value) else None
        rows.append(row)
    return rows


def _reason(name: str, coders: int, units: float, observed: int, q: int) -> Undefined:
    if name in ("scott_pi", "cohen_kappa", "pabak", "prevalence_index", "bias_index") and units == 0:
        return Undefined("no unit was coded by both coders")
    return undefined_reason(name, coders, units, observed, q)


def _count(value: float):
    return int(value) if float(value).is_integer() else float(value)
