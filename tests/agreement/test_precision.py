"""Standard errors, intervals and the statistics added by issue 14, against peer libraries and published values.

* irrCAC (PyPI ``irrcac``, Gwet's own package ported to Python): percent agreement, Conger's and Fleiss'
  kappa, Brennan-Prediger, AC1/AC2, each with standard error and interval, on seeded random data with
  missing ratings, unweighted and with linear and quadratic weights, to 1e-9.
* statsmodels: Cohen's weighted kappa (linear and quadratic) for two coders.
* Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., and irrCAC's README: the data set
  ``cac.raw4raters`` (4 raters, 12 subjects, 5 categories, missing ratings) with its printed values,
  reproduced through the whole product in ``test_raw4raters_through_a_project``.
* Byrt, Bishop & Carlin (1993): PABAK, prevalence and bias indices of a 2 × 2 table, by hand.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.inter_rater import cohens_kappa

from qda.analysis.coefficients import presence_patterns, statistic_names, table_statistics
from qda.analysis.precision import agreement_weights, coefficients

from test_agree_cli import agree_json, build

irrCAC = pytest.importorskip("irrCAC.raw", reason="the README's test command installs irrcac (with --no-deps)")

# cac.raw4raters (Gwet 2014; irrCAC's README prints these, rounded as shown): value, se, 95% interval
RAW4RATERS = [[1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
              [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, np.nan],
              [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
              [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan]]
PRINTED = {  # name: (value, decimals, se, interval low to 3 decimals)
    "percent": (0.8181818, 7, 0.12561, 0.542),
    "gwet_ac1": (0.77544, 5, 0.14295, 0.461),
    "fleiss_kappa": (0.76117, 5, 0.15302, 0.424),
    "conger_kappa": (0.76282, 5, 0.14917, 0.435),
    "brennan_prediger": (0.77273, 5, 0.14472, 0.454),
}


def as_patterns(data: np.ndarray, categories):
    """Raters × units (nan: missing) -> unique patterns of category indices and their counts."""
    indices = np.full(data.shape, -1)
    for k, value in enumerate(categories):
        indices[data == value] = k
    patterns, counts = np.unique(indices.T, axis=0, return_counts=True)
    return patterns, counts


def irrcac(data: np.ndarray, weights: str, categories):
    frame = pd.DataFrame(data.T)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cac = irrCAC.CAC(frame, weights=weights, categories=list(categories), digits=15)
        return {name: getattr(cac, method)()["est"] for name, method in
                (("gwet_ac1", "gwet"), ("fleiss_kappa", "fleiss"), ("kappa", "conger"), ("brennan_prediger", "bp"))}


@pytest.mark.parametrize("seed", range(30))
def test_matches_irrcac_on_random_data_with_missing_ratings(seed):
    rng = np.random.default_rng(seed)
    coders, units, q = int(rng.integers(2, 6)), int(rng.integers(8, 40)), int(rng.integers(2, 6))
    categories = np.arange(1, q + 1, dtype=float)
    data = rng.integers(1, q + 1, size=(coders, units)).astype(float)
    agreeing = rng.random(units) < 0.6  # some agreement, so the coefficients are not all near zero
    data[:, agreeing] = data[0, agreeing]
    data[rng.random(data.shape) < 0.2] = np.nan
    data = data[:, (~np.isnan(data)).sum(axis=0) >= 1]
    if (~np.isnan(data)).sum(axis=0).max() < 2 or len(np.unique(data[~np.isnan(data)])) < 2:
        pytest.skip("degenerate draw")
    patterns, counts = as_patterns(data, categories)
    for kind in ("identity", "linear", "quadratic"):
        ours = coefficients(patterns, counts, q, agreement_weights(categories, kind))
        theirs = irrcac(data, kind, categories)
        for name, est in theirs.items():
            assert ours[name][0] == pytest.approx(est["coefficient_value"], abs=1e-9), (kind, name)
            assert ours[f"{name}_se"][0] == pytest.approx(est["se"], abs=1e-9), (kind, name)
            low, high = est["confidence_interval"]
            assert ours[f"{name}_low"][0] == pytest.approx(low, abs=1e-9), (kind, name)
            assert ours[f"{name}_high"][0] == pytest.approx(high, abs=1e-9), (kind, name)
        # percent agreement is Brennan-Prediger with no chance agreement (irrCAC's Python port reports no se for
        # it; R's pa.coeff.raw does, checked in test_raw4raters_through_a_project): where every unit is pairable,
        # its se is B-P's times (1 - 1/q)
        if kind == "identity" and ((~np.isnan(data)).sum(axis=0) >= 2).all():
            assert ours["percent_se"][0] == pytest.approx(theirs["brennan_prediger"]["se"] * (1 - 1 / q), abs=1e-9)


@pytest.mark.parametrize("seed", range(10))
def test_weighted_cohen_kappa_matches_statsmodels(seed):
    rng = np.random.default_rng(100 + seed)
    q, units = int(rng.integers(3, 6)), int(rng.integers(20, 60))
    first = rng.integers(0, q, units)
    second = np.where(rng.random(units) < 0.5, first, rng.integers(0, q, units))
    table = np.zeros((q, q))
    np.add.at(table, (first, second), 1)
    patterns, counts = np.unique(np.stack([first, second], axis=1), axis=0, return_counts=True)
    row = table_statistics(patterns, counts[None], q, "ordinal")[0]
    for kind, wt in (("linear", "linear"), ("quadratic", "quadratic")):
        assert row[f"kappa_{kind}"] == pytest.approx(cohens_kappa(table, wt=wt).kappa, abs=1e-9)
    assert row["cohen_kappa"] == pytest.approx(cohens_kappa(table).kappa, abs=1e-9)
    assert row["pabak"] == pytest.approx((q * np.trace(table) / units - 1) / (q - 1), abs=1e-12)


def test_pabak_prevalence_and_bias_by_hand():
    # 2 x 2 table a = 40 (both present), b = 9 (first only), c = 1 (second only), d = 50 (both absent); N = 100.
    # p_o = 0.9, PABAK = 2 p_o - 1 = 0.8; prevalence index |a - d| / N = 0.1; bias index |b - c| / N = 0.08.
    patterns = presence_patterns(2)  # rows: neither, first only, second only, both
    row = table_statistics(patterns, np.array([[50, 9, 1, 40]]), 2)[0]
    assert row["pabak"] == pytest.approx(0.8)
    assert row["prevalence_index"] == pytest.approx(0.1)
    assert row["bias_index"] == pytest.approx(0.08)
    assert row["brennan_prediger"] == pytest.approx(0.8)  # PABAK is B-P for two categories
    assert list(row)[:2] == ["units", "disagreements"] and row["disagreements"] == 10


def test_statistics_shown_depend_on_the_coders_and_level():
    assert "cohen_kappa" in statistic_names(2) and "conger_kappa" not in statistic_names(2)
    assert "cohen_kappa" not in statistic_names(3) and "conger_kappa" in statistic_names(3)
    assert "prevalence_index" not in statistic_names(2, 3)
    assert "kappa_quadratic" in statistic_names(2, 4, "ordinal") and "kappa_quadratic" not in statistic_names(2, 4)


def test_raw4raters_through_a_project(tmp_path):
    # documents -> codings (coders who gave a unit no value marked it done) -> `qda agree --format json`,
    # every statistic to the decimals irrCAC's README prints
    path, coders = build(tmp_path, RAW4RATERS, [1, 2, 3, 4, 5])
    overall = agree_json(path, coders, "--variable", "Value")["overall"]
    for name, (value, decimals, se, low) in PRINTED.items():
        assert round(overall[name], decimals) == value, name
        assert round(overall[f"{name}_se"], 5) == se, name
        assert round(overall[f"{name}_ci"][0], 3) == low and overall[f"{name}_ci"][1] == 1.0, name
    assert round(overall["krippendorff_alpha"], 5) == 0.74342
