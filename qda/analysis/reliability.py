"""Agreement coefficients on a reliability matrix, vectorised.

The public functions take a reliability matrix of shape (M, N): M coders by
N units, one value per cell, ``nan`` where a coder gave no value.  Internally
every coefficient is computed from *weighted rows of value counts*: a row
holds how many coders gave each category to a unit, and a weight says how many
units (or characters) share that row.  Identical rows are merged first, so a
million units with three coders and five categories shrink to a few dozen rows
and every coefficient is a handful of matrix products.

The coefficients agree with the peer libraries to 1e-9 (``krippendorff`` for
alpha, statsmodels for Cohen's and Fleiss' kappa; see
tests/agreement/test_statistics.py).  They are written out here because those
libraries work unit by unit: ``krippendorff.alpha`` takes about 27 ms per code
on 100,000 units and 1.4 s on a million, beyond what `qda agree` must do.

References
----------
Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses, and alternatives.
    Educational and Psychological Measurement, 41(3), 687-699.
Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
    Measurement, 20(1), 37-46.
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin,
    76(5), 378-382.
Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high
    agreement. British Journal of Mathematical and Statistical Psychology, 61(1), 29-48.
Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure for
    coding data. Communication Methods and Measures, 1(1), 77-89.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
    Communication, University of Pennsylvania.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

STATISTICS = ("percent", "cohen_kappa", "fleiss_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha")
LEVELS = ("nominal", "ordinal", "interval", "ratio")

NAMES = {
    "percent": "Percent agreement",
    "cohen_kappa": "Cohen's kappa",
    "fleiss_kappa": "Fleiss' kappa",
    "brennan_prediger": "Brennan and Prediger's kappa",
    "gwet_ac1": "Gwet's AC1",
    "krippendorff_alpha": "Krippendorff's alpha",
    "scott_pi": "Scott's pi",
    "conger_kappa": "Conger's kappa",
    "pabak": "PABAK",
    "prevalence_index": "the prevalence index",
    "bias_index": "the bias index",
    "kappa_linear": "linearly weighted kappa",
    "kappa_quadratic": "quadratically weighted kappa",
    "gwet_ac2_linear": "Gwet's AC2 (linear weights)",
    "gwet_ac2_quadratic": "Gwet's AC2 (quadratic weights)",
}

REFERENCES = {
    "percent": "",
    "cohen_kappa": "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological "
                   "Measurement, 20(1), 37-46.",
    "fleiss_kappa": "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological "
                    "Bulletin, 76(5), 378-382.",
    "brennan_prediger": "Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses, and "
                        "alternatives. Educational and Psychological Measurement, 41(3), 687-699.",
    "gwet_ac1": "Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high "
                "agreement. British Journal of Mathematical and Statistical Psychology, 61(1), 29-48.",
    "krippendorff_alpha": "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for "
                          "Communication, University of Pennsylvania; Hayes, A. F., & Krippendorff, K. (2007). "
                          "Answering the call for a standard reliability measure for coding data. Communication "
                          "Methods and Measures, 1(1), 77-89.",
    "scott_pi": "Scott, W. A. (1955). Reliability of content analysis: The case of nominal scale coding. Public Opinion "
                "Quarterly, 19(3), 321-325.",
    "conger_kappa": "Conger, A. J. (1980). Integration and generalization of kappas for multiple raters. Psychological "
                    "Bulletin, 88(2), 322-328.",
    "pabak": "Byrt, T., Bishop, J., & Carlin, J. B. (1993). Bias, prevalence and kappa. Journal of Clinical "
             "Epidemiology, 46(5), 423-429.",
    "prevalence_index": "",
    "bias_index": "",
    "kappa_linear": "Cohen, J. (1968). Weighted kappa: Nominal scale agreement with provision for scaled disagreement or "
                    "partial credit. Psychological Bulletin, 70(4), 213-220.",
    "kappa_quadratic": "",
    "gwet_ac2_linear": "Gwet, K. L. (2014). Handbook of Inter-Rater Reliability (4th ed.). Advanced Analytics.",
    "gwet_ac2_quadratic": "",
}


class Undefined(str):
    """A statistic that has no value on these data, with the reason in words.

    It is a ``str``, so tables and JSON show the reason where a number would be.

    >>> Undefined("only one category observed")
    'undefined: only one category observed'
    """

    def __new__(cls, reason: str) -> "Undefined":
        return super().__new__(cls, reason if reason.startswith("undefined") else f"undefined: {reason}")

    def __repr__(self) -> str:
        return repr(str(self))


NO_UNITS = "no unit was coded by two or more coders"
ONE_CATEGORY = "only one category observed"
TWO_CODERS = "Cohen's kappa compares exactly two coders"
ONE_CATEGORY_DOMAIN = "the variable has fewer than two categories"


# -- rows of value counts ---------------------------------------------------------------------


def value_counts(data: np.ndarray, n_values: int) -> np.ndarray:
    """Count, per unit, how many coders gave each value.

    Parameters
    ----------
    data : ndarray, shape (M, N)
        Category indices 0..V-1 per coder (rows) and unit (columns); negative where missing.
    n_values : int
        V, the number of categories.

    Returns
    -------
    ndarray, shape (N, V)
        ``counts[u, v]`` is the number of coders who gave unit ``u`` the value ``v``.

    >>> value_counts(np.array([[0, 1, -1], [0, 0, 1]]), 2).tolist()
    [[2, 0], [1, 1], [0, 1]]
    """
    data = np.asarray(data)
    n_units = data.shape[1]
    valid = data >= 0
    units = np.broadcast_to(np.arange(n_units), data.shape)[valid]
    flat = np.bincount(units * n_values + data[valid], minlength=n_units * n_values)
    return flat.reshape(n_units, n_values)


def compress(counts: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Merge identical rows of value counts, summing their weights.

    Parameters
    ----------
    counts : ndarray, shape (N, V)
    weights : ndarray, shape (N,), optional
        Default 1 a row.

    Returns
    -------
    rows : ndarray, shape (R, V)
        The distinct rows.
    weights : ndarray, shape (R,)
    """
    counts = np.asarray(counts, dtype=np.int64)
    weights = np.ones(len(counts)) if weights is None else np.asarray(weights, dtype=float)
    if len(counts) == 0:
        return counts.reshape(0, counts.shape[1] if counts.ndim == 2 else 0), weights
    base = int(counts.max()) + 1
    if base ** counts.shape[1] < 2 ** 62:
        keys = counts @ (base ** np.arange(counts.shape[1], dtype=np.int64))
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    else:  # too many categories for one integer key
        _, first, inverse = np.unique(counts, axis=0, return_index=True, return_inverse=True)
        unique = first
    return counts[first], np.bincount(inverse.ravel(), weights=weights, minlength=len(unique))


# -- the coefficients on weighted rows ----------------------------------------------------------


def _distances(level: str, values: np.ndarray, marginals: np.ndarray) -> np.ndarray:
    """Squared distances between categories, shape (C, V, V), from marginals of shape (C, V)."""
    n_sets, n_values = marginals.shape
    if level == "nominal":
        return np.broadcast_to(1.0 - np.eye(n_values), (n_sets, n_values, n_values))
    if level == "ordinal":
        cumulative = np.concatenate([np.zeros((n_sets, 1)), np.cumsum(marginals, axis=1)], axis=1)
        low = np.minimum.outer(np.arange(n_values), np.arange(n_values))
        high = np.maximum.outer(np.arange(n_values), np.arange(n_values))
        between = cumulative[:, high + 1] - cumulative[:, low]
        return (between - (marginals[:, :, None] + marginals[:, None, :]) / 2) ** 2
    values = np.asarray(values, dtype=float)
    difference = values[:, None] - values[None, :]
    if level == "interval":
        distance = difference ** 2
    elif level == "ratio":
        total = values[:, None] + values[None, :]
        distance = np.divide(difference, total, out=np.zeros_like(difference), where=total != 0) ** 2
    else:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return np.broadcast_to(distance, (n_sets, n_values, n_values))


def _coincidences(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Krippendorff's coincidence matrices, shape (C, V, V), of rows (R, V) under weights (C, R)."""
    pairable = rows.sum(axis=1)
    scale = np.where(pairable >= 2, 1.0 / np.maximum(pairable - 1, 1), 0.0)
    weighted = weights * scale  # (C, R)
    outer = np.einsum("cr,ri,rj->cij", weighted, rows, rows)
    diagonal = weighted @ rows  # (C, V)
    return outer - np.einsum("ci,ij->cij", diagonal, np.eye(rows.shape[1]))


def _alpha_parts(rows, weights, level, values):
    coincidences = _coincidences(rows, weights)
    marginals = coincidences.sum(axis=2)
    total = marginals.sum(axis=1)
    distances = _distances(level, values, marginals)
    observed = (coincidences * distances).sum(axis=(1, 2))
    expected = np.einsum("ci,cj,cij->c", marginals, marginals, distances)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = expected / (total * (total - 1))
    return observed, expected, total, marginals, distances


def row_statistics(rows: np.ndarray, weights: np.ndarray, n_categories: int, level: str = "nominal",
                   values: Sequence[float] | None = None, tables: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Every coefficient for C sets of weighted rows of value counts.

    Parameters
    ----------
    rows : ndarray, shape (R, V)
        Value counts: how many coders gave each of the V categories to a unit.
    weights : ndarray, shape (C, R)
        How many units of each of C sets (codes, for instance) have each row.
    n_categories : int
        q, the number of categories a coder could choose (Brennan-Prediger, Gwet): the
        variable's categories, whether observed or not.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Krippendorff's alpha's metric.  The kappas are nominal.
    values : sequence of float, shape (V,), optional
        The categories' numbers for interval and ratio alpha.
    tables : ndarray, shape (C, V, V), optional
        Two coders' contingency tables, for Cohen's kappa; without them it is ``nan``.

    Returns
    -------
    dict
        One array of shape (C,) per name in ``STATISTICS`` (``nan`` where undefined) and
        ``units`` (the weight of the units at least two coders coded).
    """
    rows = np.asarray(rows, dtype=float)
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    rated = rows.sum(axis=1)
    pairable = rated >= 2
    with np.errstate(divide="ignore", invalid="ignore"):
        row_agreement = np.where(pairable, (rows * (rows - 1)).sum(axis=1) / (rated * (rated - 1)), 0.0)
        pairable_weight = weights @ pairable
        agreement = (weights @ row_agreement) / pairable_weight
        shares = np.where(rated[:, None] > 0, rows / np.maximum(rated, 1)[:, None], 0.0)
        rated_weight = weights @ (rated > 0)
        prevalence = (weights @ shares) / rated_weight[:, None]  # (C, V)
        chance_fleiss = (prevalence ** 2).sum(axis=1)
        fleiss = (agreement - chance_fleiss) / (1 - chance_fleiss)
        q = float(n_categories)
        brennan = (agreement - 1 / q) / (1 - 1 / q) if q >= 2 else np.full_like(agreement, np.nan)
        chance_gwet = (prevalence * (1 - prevalence)).sum(axis=1) / (q - 1) if q >= 2 else np.nan
        gwet = (agreement - chance_gwet) / (1 - chance_gwet)
        observed, expected, total, _, _ = _alpha_parts(rows, weights, level, values)
        alpha = 1 - (observed / total) / expected
    fleiss = np.where(np.isclose(chance_fleiss, 1.0, rtol=0, atol=1e-12), np.nan, fleiss)
    alpha = np.where(~(expected > 1e-12) | (total < 2), np.nan, alpha)
    result = {
        "percent": agreement, "fleiss_kappa": fleiss, "brennan_prediger": brennan, "gwet_ac1": gwet,
        "krippendorff_alpha": alpha, "units": pairable_weight,
    }
    result["cohen_kappa"] = cohen_from_tables(tables) if tables is not None else np.full(len(weights), np.nan)
    return result


def cohen_from_tables(tables: np.ndarray) -> np.ndarray:
    """Cohen's kappa of contingency tables.

    Parameters
    ----------
    tables : ndarray, shape (C, V, V) or (V, V)
        ``tables[c, i, j]``: units the first coder put in category i and the second in j.

    Returns
    -------
    ndarray, shape (C,)
        ``nan`` where chance agreement is 1 (one category only) or there are no units.

    Cohen (1960, Table 1) has two judges classify 200 items into three categories;
    kappa is 0.492:

    >>> round(float(cohen_from_tables(np.array([[88, 14, 18], [10, 40, 10], [2, 6, 12]]))[0]), 3)
    0.492
    """
    tables = np.asarray(tables, dtype=float)
    if tables.ndim == 2:
        tables = tables[None]
    total = tables.sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = np.trace(tables, axis1=1, axis2=2) / total
        chance = (tables.sum(axis=2) * tables.sum(axis=1)).sum(axis=1) / total ** 2
        kappa = (observed - chance) / (1 - chance)
    return np.where((total == 0) | np.isclose(chance, 1.0, rtol=0, atol=1e-12), np.nan, kappa)


# -- the public face: one variable on a reliability matrix ----------------------------------------


def _as_indices(data, values: Sequence | None) -> tuple[np.ndarray, np.ndarray]:
    """Reliability data (M, N), nan for missing -> (category indices (M, N), -1 where missing; the domain).

    The domain keeps the order of ``values`` (ordinal alpha reads it as ranks)."""
    array = np.asarray(data, dtype=float)
    if array.ndim != 2:
        raise ValueError("reliability data must be a 2-D array: coders by units")
    missing = np.isnan(array)
    domain = np.unique(array[~missing]) if values is None else np.asarray(values, dtype=float)
    if len(domain) == 0:
        return np.full(array.shape, -1, dtype=np.int64), domain
    order = np.argsort(domain, kind="stable")
    filled = np.where(missing, domain[order[0]], array)
    position = np.clip(np.searchsorted(domain[order], filled), 0, len(domain) - 1)
    indices = order[position]
    if np.any(~missing & (domain[indices] != array)):
        raise ValueError("the data hold a value that is not among the given values")
    return np.where(missing, -1, indices).astype(np.int64), domain


def undefined_reason(name: str, coders: int, units: float, categories_observed: int, n_categories: int) -> Undefined:
    if name == "cohen_kappa" and coders != 2:
        return Undefined(TWO_CODERS)
    if units == 0:
        return Undefined(NO_UNITS)
    if n_categories < 2 and name in ("brennan_prediger", "gwet_ac1"):
        return Undefined(ONE_CATEGORY_DOMAIN)
    if categories_observed < 2:
        return Undefined(ONE_CATEGORY)
    return Undefined("the data do not define it")


def reliability(data, level: str = "nominal", values: Sequence[float] | None = None,
                n_categories: int | None = None) -> dict[str, float | Undefined]:
    """Every coefficient for one variable.

    Parameters
    ----------
    data : array_like, shape (M, N)
        M coders by N units; a value per cell, ``nan`` where the coder gave none.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Krippendorff's alpha's metric (the kappas treat values as nominal categories).
    values : sequence of float, optional
        The variable's categories in order (default: the values observed).  Ordinal alpha
        takes their order as ranks; interval and ratio alpha take the numbers.
    n_categories : int, optional
        Categories a coder could choose (Brennan-Prediger, Gwet); default ``len(values)``.

    Returns
    -------
    dict
        ``percent``, ``cohen_kappa``, ``fleiss_kappa``, ``brennan_prediger``, ``gwet_ac1``,
        ``krippendorff_alpha`` (a float, or an ``Undefined`` saying why), ``units`` (units
        coded by at least two coders) and ``disagreements`` (such units whose values differ).

    Examples
    --------
    Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    observers, twelve units, values 1 to 5, missing data.

    >>> nan = np.nan
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> [round(float(reliability(data, level)["krippendorff_alpha"]), 3) for level in LEVELS]
    [0.743, 0.815, 0.849, 0.797]

    Fleiss (1971), Table 1: 14 psychiatrists, 10 patients, 5 diagnoses (the first
    ten patients as commonly reproduced), kappa 0.210:

    >>> counts = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    ...           [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> round(float(row_statistics(np.array(counts), np.ones((1, 10)), 5)["fleiss_kappa"][0]), 3)
    0.21
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    indices, domain = _as_indices(data, values)
    n_values = len(domain)
    q = n_categories if n_categories is not None else n_values
    return _statistics_of_indices(indices, n_values, q, level, domain)


def _statistics_of_indices(indices: np.ndarray, n_values: int, q: int, level: str, domain) -> dict:
    coders = indices.shape[0]
    counts = value_counts(indices, max(n_values, 1))
    rows, weights = compress(counts)
    tables = None
    if coders == 2:
        both = (indices[0] >= 0) & (indices[1] >= 0)
        tables = np.bincount(indices[0][both] * n_values + indices[1][both],
                             minlength=n_values * n_values).reshape(1, n_values, n_values)
    raw = row_statistics(rows, weights[None], q, level, domain, tables)
    pairable = rows.sum(axis=1) >= 2
    observed = int(np.count_nonzero((rows[pairable] > 0).any(axis=0)))
    disagreeing = pairable & ((rows > 0).sum(axis=1) > 1)
    result: dict = {}
    for name in STATISTICS:
        value = float(raw[name][0])
        result[name] = undefined_reason(name, coders, float(raw["units"][0]), observed, q) if np.isnan(value) else value
    result["units"] = int(raw["units"][0])
    result["disagreements"] = int(weights[disagreeing].sum())
    return result


MINIMUM_ALPHAS = (0.667, 0.8)  # Krippendorff's (2004) smallest tolerable and customary minimums


def alpha_bootstrap(rows: np.ndarray, weights: np.ndarray, level: str = "nominal", values: Sequence[float] | None = None,
                    samples: int = 1000, seed: int = 0, confidence: float = 0.95,
                    minimums: Sequence[float] = MINIMUM_ALPHAS) -> dict | Undefined:
    """Krippendorff's bootstrap of alpha: a confidence interval and the probability of falling below a minimum.

    The algorithm of Hayes & Krippendorff (2007) and Krippendorff (2011, "Algorithm for bootstrapping a
    distribution of alpha"): the expected disagreement D_e stays that of the data; each sample redraws,
    for every unit u with m_u >= 2 values, m_u (m_u - 1) / 2 pairs of values, each pair (c, k) with the
    probability o_ck / n of the observed coincidences (which weigh a unit's pairs by 1 / (m_u - 1)), and adds
    ``2 δ²_ck / (n D_e (m_u - 1))`` to the sample's D_o / D_e.  The expected value of a sample's alpha is then
    the data's alpha.  Draws per unit size are multinomial over the distinct pairs of values, so no loop
    runs over units or pairs.

    Parameters
    ----------
    rows : ndarray, shape (R, V)
        Value counts per unit (see ``value_counts``); ``weights`` (R,) how many units have each.
    samples : int
        Bootstrap samples.
    seed : int
        Seed of numpy's random generator: the same seed gives the same figures.
    confidence : float
        Coverage of the interval, 0.95 for the 2.5th and 97.5th percentiles.
    minimums : sequence of float
        For each, ``q``: the share of samples whose alpha is below it (the probability of failing to
        reach that minimum).

    Returns
    -------
    ``{"alpha_low", "alpha_high", "below": {minimum: q}}``, or ``Undefined`` when alpha is.
    """
    rows = np.asarray(rows, dtype=float)
    weights = np.asarray(weights, dtype=float)
    _, expected, total, _, distances = _alpha_parts(rows, weights[None], level, values)
    if not (expected[0] > 1e-12 and total[0] >= 2):
        return Undefined(ONE_CATEGORY if total[0] >= 2 else NO_UNITS)
    coincidences = _coincidences(rows, weights[None])[0]
    upper = np.triu_indices(rows.shape[1])
    mass = (coincidences + coincidences.T - np.diag(np.diag(coincidences)))[upper]  # o_cc, and o_ck + o_kc
    keep = mass > 1e-12
    probabilities = mass[keep] / mass[keep].sum()
    pair_distance = distances[0][upper][keep]
    rated = rows.sum(axis=1)
    rng = np.random.default_rng(seed)
    disagreement = np.zeros(samples)
    scale = 2.0 / (total[0] * expected[0])
    for m in np.unique(rated[rated >= 2]):
        pairs = int(round(weights[rated == m].sum() * m * (m - 1) / 2))
        draws = rng.multinomial(pairs, probabilities, size=samples)  # (samples, distinct pairs)
        disagreement += draws @ pair_distance * scale / (m - 1)
    alphas = 1 - disagreement
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(alphas, [tail, 100 - tail])
    return {"alpha_low": float(low), "alpha_high": float(high),
            "below": {float(minimum): float(np.mean(alphas < minimum)) for minimum in minimums}}
