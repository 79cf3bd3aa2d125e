"""The coefficients against published worked examples, the peer libraries and brute force.

Published examples:
- Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Section C, "nominal,
  ordinal, interval and ratio data with missing values": 4 observers, 12 units, values 1-5;
  alpha = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval), 0.797 (ratio).
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
  Bulletin 76(5), Table 1 as commonly reproduced (10 subjects, 14 raters, 5 categories): kappa 0.210.
- Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
  Measurement 20(1), Table 1: 200 items, 3 categories; p_o = .70, p_c = .41, kappa = .492.
- Fleiss, J. L., Levin, B., & Paik, M. C. (2003). Statistical Methods for Rates and Proportions,
  3rd ed., Table 18.1: two raters, 100 subjects, 3 diagnoses; p_o = .89, p_e = .66, kappa = .68.
"""

from __future__ import annotations

import itertools

import krippendorff
import numpy as np
import pytest
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa, to_table

from qda.analysis.reliability import (
    LEVELS, Undefined, alpha_bootstrap, cohen_from_tables, compress, reliability, row_statistics, value_counts,
)

nan = np.nan
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]
KRIPPENDORFF_2011_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

FLEISS_1971 = np.array([
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
])

COHEN_1960 = np.array([[88, 14, 18], [10, 40, 10], [2, 6, 12]])
FLEISS_LEVIN_PAIK_2003 = np.array([[75, 1, 4], [5, 4, 1], [0, 0, 10]])


def table_to_data(table: np.ndarray) -> np.ndarray:
    """A two-coder contingency table as a reliability matrix (2, N)."""
    first, second = [], []
    for (i, j), count in np.ndenumerate(table):
        first += [i + 1] * count
        second += [j + 1] * count
    return np.array([first, second], dtype=float)


def counts_to_data(counts: np.ndarray) -> np.ndarray:
    """Fleiss' subjects-by-categories counts as a reliability matrix (raters, subjects)."""
    columns = [np.repeat(np.arange(1, counts.shape[1] + 1), row) for row in counts]
    return np.array(columns, dtype=float).T


@pytest.mark.parametrize("level", LEVELS)
def test_krippendorff_2011_worked_example(level):
    value = reliability(KRIPPENDORFF_2011, level)["krippendorff_alpha"]
    assert round(value, 3) == KRIPPENDORFF_2011_ALPHA[level]
    assert value == pytest.approx(krippendorff.alpha(KRIPPENDORFF_2011, level_of_measurement=level), abs=1e-12)


def test_fleiss_1971_worked_example():
    data = counts_to_data(FLEISS_1971)
    assert data.shape == (14, 10)
    value = reliability(data)["fleiss_kappa"]
    assert round(value, 3) == 0.210
    assert value == pytest.approx(fleiss_kappa(FLEISS_1971, method="fleiss"), abs=1e-12)


def test_cohen_1960_worked_example():
    result = reliability(table_to_data(COHEN_1960))
    assert round(result["cohen_kappa"], 3) == 0.492
    assert round(result["percent"], 2) == 0.70
    assert result["cohen_kappa"] == pytest.approx(cohens_kappa(COHEN_1960).kappa, abs=1e-12)


def test_fleiss_levin_paik_2003_worked_example():
    result = reliability(table_to_data(FLEISS_LEVIN_PAIK_2003))
    assert round(result["percent"], 2) == 0.89
    assert round(result["cohen_kappa"], 2) == 0.68
    assert float(cohen_from_tables(FLEISS_LEVIN_PAIK_2003)[0]) == pytest.approx(0.23 / 0.34)


# -- independent brute force ----------------------------------------------------------------


def brute_force(data: np.ndarray, q: int) -> dict[str, float]:
    """Percent agreement, Brennan-Prediger and Gwet's AC1 straight from their definitions,
    pair by pair and unit by unit (Gwet 2014, Handbook of Inter-Rater Reliability, ch. 2 and 4)."""
    coders, units = data.shape
    categories = sorted({v for v in data.ravel() if not np.isnan(v)})
    agreeing, pairable = 0.0, 0
    shares = {c: 0.0 for c in categories}
    rated_units = 0
    for u in range(units):
        values = [v for v in data[:, u] if not np.isnan(v)]
        if values:
            rated_units += 1
            for c in categories:
                shares[c] += values.count(c) / len(values)
        if len(values) < 2:
            continue
        pairs = list(itertools.permutations(values, 2))
        agreeing += sum(a == b for a, b in pairs) / len(pairs)
        pairable += 1
    pa = agreeing / pairable
    pi = {c: shares[c] / rated_units for c in categories}
    pe_gwet = sum(p * (1 - p) for p in pi.values()) / (q - 1)
    return {"percent": pa, "brennan_prediger": (pa - 1 / q) / (1 - 1 / q), "gwet_ac1": (pa - pe_gwet) / (1 - pe_gwet),
            "fleiss_kappa": (pa - sum(p * p for p in pi.values())) / (1 - sum(p * p for p in pi.values()))}


def random_data(rng: np.random.Generator, missing: bool = True) -> tuple[np.ndarray, int]:
    coders = int(rng.integers(2, 7))
    categories = int(rng.integers(2, 9))
    units = int(rng.integers(5, 60))
    skew = rng.dirichlet(np.ones(categories))
    truth = rng.choice(categories, size=units, p=skew)
    data = np.where(rng.random((coders, units)) < rng.uniform(0.3, 0.95), truth, rng.integers(0, categories, (coders, units)))
    data = (data + 1).astype(float)
    if missing:
        data[rng.random(data.shape) < rng.uniform(0, 0.3)] = nan
    return data, categories


@pytest.mark.parametrize("seed", range(120))
def test_random_data_match_the_peer_libraries(seed):
    rng = np.random.default_rng(seed)
    data, q = random_data(rng)
    observed = np.unique(data[~np.isnan(data)])
    if len(observed) < 2 or (np.sum(~np.isnan(data), axis=0) >= 2).sum() == 0:
        pytest.skip("degenerate draw")
    domain = np.arange(1, q + 1)
    for level in LEVELS:
        ours = reliability(data, level, values=domain)["krippendorff_alpha"]
        theirs = krippendorff.alpha(data, level_of_measurement=level, value_domain=domain)
        assert ours == pytest.approx(theirs, abs=1e-9), level
    result = reliability(data, values=domain)
    expected = brute_force(data, q)
    for name in ("percent", "brennan_prediger", "gwet_ac1", "fleiss_kappa"):
        assert result[name] == pytest.approx(expected[name], abs=1e-9), name
    complete = data[:, ~np.isnan(data).any(axis=0)]
    if complete.shape[1] >= 1 and len(np.unique(complete)) >= 2:
        table, _ = aggregate_raters(complete.T.astype(int))
        assert reliability(complete, values=domain)["fleiss_kappa"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-9)
    pair = data[:2][:, ~np.isnan(data[:2]).any(axis=0)]
    if pair.shape[1] >= 1:
        ours = reliability(pair, values=domain)["cohen_kappa"]
        table = to_table(pair.T.astype(int) - 1, bins=np.arange(q + 1))[0]
        if isinstance(ours, Undefined):
            with np.errstate(all="ignore"):
                assert not np.isfinite(cohens_kappa(table).kappa)
        else:
            assert ours == pytest.approx(cohens_kappa(table).kappa, abs=1e-9)


def test_compressed_rows_give_the_same_figures_as_every_unit():
    rng = np.random.default_rng(7)
    data, q = random_data(rng, missing=True)
    indices = np.where(np.isnan(data), -1, data - 1).astype(int)
    counts = value_counts(indices, q)
    full = row_statistics(counts, np.ones((1, len(counts))), q)
    rows, weights = compress(counts)
    assert len(rows) <= len(counts)
    merged = row_statistics(rows, weights[None], q)
    for name in ("percent", "fleiss_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha"):
        assert merged[name][0] == pytest.approx(full[name][0], abs=1e-12)


def test_undefined_statistics_say_why_in_words():
    one_category = reliability([[1, 1, 1], [1, 1, 1]])
    assert one_category["krippendorff_alpha"] == "undefined: only one category observed"
    assert one_category["cohen_kappa"] == "undefined: only one category observed"
    assert one_category["fleiss_kappa"] == "undefined: only one category observed"
    assert one_category["percent"] == 1.0
    three = reliability([[1, 2], [1, 2], [2, 2]])
    assert three["cohen_kappa"] == "undefined: Cohen's kappa compares exactly two coders"
    nothing = reliability([[1, nan], [nan, 2]])
    assert nothing["percent"] == "undefined: no unit was coded by two or more coders"
    assert nothing["krippendorff_alpha"] == "undefined: no unit was coded by two or more coders"
    assert not any(isinstance(v, float) and np.isnan(v) for v in {**one_category, **three, **nothing}.values())


def test_bootstrap_is_seeded():
    # the algorithm itself is checked in test_bootstrap.py
    data = np.array(KRIPPENDORFF_2011, dtype=float)
    indices = np.where(np.isnan(data), -1, data - 1).astype(int)
    rows, weights = compress(value_counts(indices, 5))
    first = alpha_bootstrap(rows, weights, samples=2000, seed=1)
    assert first == alpha_bootstrap(rows, weights, samples=2000, seed=1)
    assert first != alpha_bootstrap(rows, weights, samples=2000, seed=2)
    assert first["alpha_low"] < 0.743 < first["alpha_high"]
    assert alpha_bootstrap(*compress(value_counts(np.zeros((2, 4), int), 2)), samples=10) == \
        "undefined: only one category observed"
