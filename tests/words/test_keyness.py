"""Keyness: G2 and Log Ratio against published worked examples, then on the hand-made project."""

from __future__ import annotations

import math

import pytest

from qda.analysis.keyness import chi2_p, keyness, log_likelihood, log_ratio
from qda.errors import QdaError


def test_g2_matches_the_ucrel_calculator_worked_example():
    # Lancaster's UCREL log-likelihood calculator (llwizard), as taught with it: a word 52 times in a
    # corpus of 50,000 words and 57 times in one of 75,000 gives "+ 2.65" (not significant at 3.84).
    assert log_likelihood([52], [57], 50_000, 75_000)[0] == pytest.approx(2.65, abs=0.005)


@pytest.mark.parametrize("a, b, published", [
    (348, 99, 147),   # keep
    (15, 14, 0),      # keeps
    (9, 32, 14),      # keeping
    (21, 25, 0),      # kept
    (392, 170, 90),   # the lemma KEEP
])
def test_g2_matches_raysons_keep_example(a, b, published):
    # Paul Rayson, Corpora mailing list, 18 January 2002 ("statistics in learner English"): learner and
    # native corpora of a million words each, LL rounded to whole numbers.
    assert round(log_likelihood([a], [b], 1_000_000, 1_000_000)[0]) == published


def test_a_zero_count_contributes_nothing_and_g2_is_never_negative():
    g2 = log_likelihood([0, 5, 10], [7, 0, 10], 1000, 1000)
    expected_first = 2 * 7 * math.log(7 / 3.5)  # E2 = 1000 * 7 / 2000
    assert g2[0] == pytest.approx(expected_first) and g2[2] == pytest.approx(0.0) and (g2 >= 0).all()


def test_log_ratio_is_the_binary_log_of_the_ratio_of_relative_frequencies():
    # Hardie (2014): twice as frequent is 1, half as frequent -1; a zero count is taken as 0.5
    assert log_ratio([20, 5], [10, 10], 1000, 1000).tolist() == pytest.approx([1.0, -1.0])
    assert log_ratio([52], [57], 50_000, 75_000)[0] == pytest.approx(math.log2((52 / 50_000) / (57 / 75_000)))
    assert log_ratio([4], [0], 100, 100)[0] == pytest.approx(math.log2(4 / 0.5))


def test_p_is_chi_squared_with_one_degree_of_freedom():
    scipy_stats = pytest.importorskip("scipy.stats")  # the peer: scipy's chi2 survival function
    for g2 in (0.5, 3.841458820694124, 6.63, 15.13, 40.0):
        assert chi2_p([g2])[0] == pytest.approx(scipy_stats.chi2.sf(g2, 1), rel=1e-9)
    assert chi2_p([3.841458820694124])[0] == pytest.approx(0.05)


def test_keyness_of_the_police_interview_counted_by_hand(hand):
    # P01 (role police) has 4 + 13 + 6 + 13 = 36 words outside its speaker labels; P02 and P03 have 23 + 6 = 29.
    # "police" is said once in P01 and once in P02; "they" twice in each.
    table = keyness(hand, "role=police", stop="none", min_count=1)
    assert table.attrs["size_target"] == 36 and table.attrs["size_reference"] == 29
    rows = table.set_index("word")
    assert rows.loc["police", ["count_target", "count_reference"]].tolist() == [1, 1]
    assert rows.loc["they", ["count_target", "count_reference"]].tolist() == [2, 2]
    assert rows.loc["police", "g2"] == pytest.approx(log_likelihood([1], [1], 36, 29)[0])
    assert rows.loc["police", "key"] == "-" and rows.loc["they", "key"] == "-"  # 1/36 < 1/29
    assert rows.loc["report", "key"] == "+" and rows.loc["report", "count_reference"] == 0
    assert "interviewer" not in rows.index and "p01" not in rows.index  # speaker labels are not words
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)


def test_keyness_against_a_named_reference_and_its_errors(hand):
    table = keyness(hand, "role=police", reference="site=South", stop="none", min_count=1)
    assert table.attrs["size_reference"] == 23
    with pytest.raises(QdaError, match="both the target and the reference"):
        keyness(hand, "site=North", reference="role=police")
    with pytest.raises(QdaError, match="no document has role"):
        keyness(hand, "role=judge")
    with pytest.raises(QdaError, match="name the target"):
        keyness(hand, "")


def test_stop_words_leave_the_list_but_stay_in_the_sizes(hand):
    with_stops = keyness(hand, "role=police", stop="en", min_count=1)
    assert "they" not in set(with_stops["word"]) and "the" not in set(with_stops["word"])
    assert with_stops.attrs["size_target"] == 36
