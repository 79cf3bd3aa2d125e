"""Krippendorff's unitizing alphas against a peer implementation and published continua.

The peer is ``krippendorff-unitized-alpha`` 0.1.0 (PyPI; Z. Bekcic), an independent Python
implementation of Krippendorff, Mathet, Bouvry & Widlöcher (2016), uα with the gap as a value.
It pins pytest < 8, so it cannot join the [test] extra: its results were computed once, in a
separate environment, on exactly the continua built here (each coder's units with the gaps
between them filled in as its empty value), and are recorded below with a repr's digits.

The continua are Krippendorff's own: the two coders and the codes c and k of Content Analysis
(2nd ed., 2004, p. 254; the continuum [150, 450) moved to [0, 300)) and the pairs A to C of
Krippendorff (1995, p. 57), one code on 24 characters, pair B with touching units.  Those
publications print the 1995 coefficient (αU = 0.7286 for c in 2004), which measures distances
between unit ends; the 2016 revision qda computes reads intersections instead and gives other
values on the same data, so the printed figures are not the ones to expect here.
"""

from __future__ import annotations

import random

import pytest

from qda.analysis.reliability import Undefined
from qda.analysis.unitizing import unitizing

# Content Analysis (2004), p. 254: (start, end, code) per coder, on [0, 300)
TEXTBOOK_2004 = [[(75, 145, "c"), (220, 250, "c"), (30, 90, "k"), (150, 200, "k")],
                 [(70, 150, "c"), (205, 225, "c"), (250, 270, "c"), (30, 90, "k"), (150, 200, "k")]]
PEER_2004 = {"c": 0.5162799043062201, "k": 1.0}  # peer, one code at a time against the gaps

# Krippendorff (1995), p. 57: one code, 24 characters, two coders per pair
PAIRS_1995 = {
    "A": ([(2, 10), (14, 20)], [(4, 8), (15, 17)]),
    "B": ([(0, 18)], [(0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 9), (9, 10)]),
    "C": ([(2, 8), (10, 12), (14, 18), (20, 22)], [(0, 2), (4, 8), (10, 14), (16, 18), (20, 22)]),
}
PEER_1995 = {"A": 0.3583333333333334, "B": 0.4220238095238096, "C": 0.3511904761904763}

# uα with values on 12 seeded random continua (see random_continua): 2-3 coders, 1-3 codes
PEER_RANDOM = [0.03787307377592486, 0.040748621951411046, 0.1108819911728528, -0.10374862455645806,
               -0.003946329913180779, -0.23521235521235506, -0.08871635610766049, 0.00262977030204381,
               0.05660270460251471, 0.2667904820864485, -0.16518446772915385, -0.109306309352877]


def random_continua(seed: int, count: int):
    """Continua of 30-80 characters; each coder's units never overlap one another (the paper's
    mutually exclusive values) and may touch."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        length = rng.randint(30, 80)
        codes = ["a", "b", "c"][:rng.choice([1, 2, 3])]
        coders = []
        for _ in range(rng.choice([2, 3])):
            position, units = 0, []
            while True:
                position += rng.randint(0, 6)
                width = rng.randint(1, 9)
                if position + width > length:
                    break
                units.append((position, position + width, rng.choice(codes)))
                position += width
            coders.append(units)
        cases.append((length, codes, coders))
    return cases


def test_textbook_continuum_per_code_matches_the_peer():
    result = unitizing([300], [TEXTBOOK_2004], codes=["c", "k"])
    assert result.u_alpha[0] == pytest.approx(PEER_2004["c"], abs=1e-12)
    assert result.u_alpha[1] == pytest.approx(PEER_2004["k"], abs=1e-12)


@pytest.mark.parametrize("pair", sorted(PAIRS_1995))
def test_1995_pairs_match_the_peer(pair):
    first, second = PAIRS_1995[pair]
    result = unitizing([24], [[[(s, e, "x") for s, e in first], [(s, e, "x") for s, e in second]]])
    assert result.u_alpha[0] == pytest.approx(PEER_1995[pair], abs=1e-12)
    # one code: uα with values is the binary uα
    assert result.values_u_alpha == pytest.approx(PEER_1995[pair], abs=1e-12)


def test_1995_pair_d_without_gaps_is_undefined():
    # Heather and Hill code all 24 characters: no uncoded matter, so no binary or valued uα
    heather = [(0, 2), (2, 10), (10, 14), (14, 20), (20, 24)]
    hill = [(0, 4), (4, 8), (8, 15), (15, 17), (17, 24)]
    result = unitizing([24], [[[(s, e, "x") for s, e in heather], [(s, e, "x") for s, e in hill]]])
    assert isinstance(result.u_alpha[0], Undefined)
    assert isinstance(result.values_u_alpha, Undefined)


def test_values_u_alpha_matches_the_peer_on_random_continua():
    cases = random_continua(2016, len(PEER_RANDOM))
    for (length, codes, coders), expected in zip(cases, PEER_RANDOM):
        result = unitizing([length], [coders], codes=codes)
        assert result.values_u_alpha == pytest.approx(expected, abs=1e-12), (length, codes, coders)


def test_values_u_alpha_sees_codes_that_the_binary_any_code_alpha_cannot():
    # Both coders mark the same stretches but give them opposite codes: "any code" against the gaps
    # agrees perfectly, uα with values does not (it still credits the agreed gaps).
    ana = [(0, 10, "a"), (20, 30, "b")]
    luis = [(0, 10, "b"), (20, 30, "a")]
    result = unitizing([40], [[ana, luis]], codes=["a", "b"])
    assert result.domain_u_alpha == pytest.approx(1.0)
    assert result.values_u_alpha < 0.5
    # By hand: n = 80; u_ab = u_ba = 20, u_00 = 40: D_o = 40.  n_a = n_b = 20, n_0 = 40; S_a = S_b = 2 * 10**2,
    # S_0 = 40; n - S/n = 80 - 440/80 = 74.5; e_aa = e_bb = (400 - 200)/74.5, e_00 = (1600 - 40)/74.5.
    expected_same = (200 + 200 + 1560) / 74.5
    assert result.values_u_alpha == pytest.approx(1 - 40 / (80 - expected_same), abs=1e-12)
