"""Krippendorff's bootstrap of alpha (Hayes & Krippendorff 2007; Krippendorff 2011, "Algorithm for
bootstrapping a distribution of alpha") when units have different numbers of coders.

The algorithm draws each unit's m_u (m_u - 1)/2 pairs of values with the probabilities o_ck / n of the
observed coincidences, whose pairs carry the weight 1/(m_u - 1), and adds 2 δ²/(n D_e (m_u - 1)) per pair.
Issue 14's case: 30 units coded by 2 coders and 3 units coded by 10; alpha 0.634.  Drawing every pair
within a unit with equal weight gave [-0.138, 0.341], an interval that does not contain alpha."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from qda.analysis.reliability import alpha_bootstrap, compress, reliability, value_counts

from test_agree_cli import agree_json, build


def thirty_and_three() -> np.ndarray:
    """10 coders × 33 units, values 0/1: units 1-30 coded by the first two coders (8 both 0, 20 both 1,
    one 0/1, one 1/0), units 31-33 by all ten (two, two and four of them say 1)."""
    data = np.full((10, 33), np.nan)
    pairs = [(0, 0)] * 8 + [(1, 1)] * 20 + [(0, 1), (1, 0)]
    for u, (a, b) in enumerate(pairs):
        data[0, u], data[1, u] = a, b
    for j, ones in enumerate((2, 2, 4)):
        data[:, 30 + j] = [1] * ones + [0] * (10 - ones)
    return data


def rows_of(data):
    return compress(value_counts(np.where(np.isnan(data), -1, data).astype(int), 2))


def unit_by_unit(data):
    """Coincidences, n and D_e written out unit by unit (nominal), and the units' sizes."""
    columns = [[int(v) for v in data[:, u] if not np.isnan(v)] for u in range(data.shape[1])]
    columns = [c for c in columns if len(c) >= 2]
    o = np.zeros((2, 2))
    for c in columns:
        for a, b in itertools.permutations(range(len(c)), 2):
            o[c[a], c[b]] += 1 / (len(c) - 1)
    n = o.sum()
    margins = o.sum(axis=1)
    d_e = (n * n - (margins ** 2).sum()) / (n * (n - 1))
    return o, n, d_e, [len(c) for c in columns]


def test_the_issue_case_has_alpha_0634_inside_its_interval():
    data = thirty_and_three()
    alpha = reliability(data)["krippendorff_alpha"]
    assert round(alpha, 3) == 0.634
    result = alpha_bootstrap(*rows_of(data), samples=5000, seed=1)
    assert result["alpha_low"] < alpha < result["alpha_high"]


def test_mean_and_spread_are_those_of_the_published_algorithm():
    # Under the algorithm a sample's alpha is 1 - Σ_u Σ_pairs 2 δ²/(n D_e (m_u - 1)) with δ² drawn with the
    # probabilities o_ck / n: its mean is the data's alpha and its variance
    # Σ_u [m_u (m_u - 1)/2] · (2/(n D_e (m_u - 1)))² · Var(δ²), Var(δ²) = P(disagree) (1 - P(disagree)).
    data = thirty_and_three()
    o, n, d_e, sizes = unit_by_unit(data)
    disagree = (o[0, 1] + o[1, 0]) / n
    variance = sum(m * (m - 1) / 2 * (2 / (n * d_e * (m - 1))) ** 2 for m in sizes) * disagree * (1 - disagree)
    rows, weights = rows_of(data)
    samples = 40_000
    result = alpha_bootstrap(rows, weights, samples=samples, seed=5, minimums=(0.5, 0.634, 0.8))
    alpha = 1 - disagree / d_e
    # the normal approximation of the sampling distribution places the percentiles at alpha ± 1.96 sd,
    # within Monte Carlo error and the skew of a discrete distribution
    sd = variance ** 0.5
    assert result["alpha_low"] == pytest.approx(alpha - 1.96 * sd, abs=0.25 * sd)
    assert result["alpha_high"] == pytest.approx(alpha + 1.96 * sd, abs=0.25 * sd)
    # about half the samples fall below the data's own alpha; below 0.5 and 0.8 as the normal law says
    from statistics import NormalDist

    law = NormalDist(alpha, sd)
    for minimum in (0.5, 0.634, 0.8):
        assert result["below"][minimum] == pytest.approx(law.cdf(minimum), abs=0.05)


def krippendorff_loop(data, samples, seed):
    """The algorithm one draw at a time: per unit, m_u (m_u - 1)/2 pairs drawn with probabilities o_ck / n."""
    o, n, d_e, sizes = unit_by_unit(data)
    cells = [(0, 0), (0, 1), (1, 0), (1, 1)]
    p = np.array([o[c] for c in cells]) / n
    # one weight per pair slot of every unit: 2 / (n D_e (m_u - 1))
    slot_weight = np.array([2 / (n * d_e * (m - 1)) for m in sizes for _ in range(m * (m - 1) // 2)])
    differs = np.array([a != b for a, b in cells], float)
    rng = np.random.default_rng(seed)
    alphas = []
    for _ in range(samples):
        drawn = rng.choice(4, size=len(slot_weight), p=p)  # a cell of the coincidence matrix per pair slot
        alphas.append(1 - float(slot_weight @ differs[drawn]))
    return np.array(alphas)


def test_percentiles_and_failure_probabilities_match_the_loop():
    data = thirty_and_three()
    loop = krippendorff_loop(data, 3000, seed=3)
    result = alpha_bootstrap(*rows_of(data), samples=20_000, seed=4)
    assert result["alpha_low"] == pytest.approx(np.percentile(loop, 2.5), abs=0.03)
    assert result["alpha_high"] == pytest.approx(np.percentile(loop, 97.5), abs=0.03)
    assert result["below"][0.667] == pytest.approx(np.mean(loop < 0.667), abs=0.04)
    assert result["below"][0.8] == pytest.approx(np.mean(loop < 0.8), abs=0.04)


def test_through_a_project_with_min_alpha(tmp_path):
    # documents -> codings (coders who gave a unit no value marked it done) -> `qda agree --bootstrap`
    path, coders = build(tmp_path, thirty_and_three() + 1, [1, 2])
    report = agree_json(path, coders, "--variable", "Value", "--bootstrap", "3000")
    overall = report["overall"]
    assert round(overall["krippendorff_alpha"], 3) == 0.634
    low, high = overall["krippendorff_alpha_ci"]
    assert low < overall["krippendorff_alpha"] < high
    assert set(overall["krippendorff_alpha_below"]) == {"0.667", "0.8"}
    assert 0 < overall["krippendorff_alpha_below"]["0.667"] < overall["krippendorff_alpha_below"]["0.8"] <= 1
    chosen = agree_json(path, coders, "--variable", "Value", "--bootstrap", "500", "--min-alpha", "0.5",
                        "--min-alpha", "0.9")
    assert set(chosen["overall"]["krippendorff_alpha_below"]) == {"0.5", "0.9"}
    json.dumps(chosen)  # plain JSON throughout
