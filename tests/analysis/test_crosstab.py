"""Crosstabs on the hand-built project: P01 is role police; P02 and P03 are role ngo."""

from __future__ import annotations

import pytest

from qda.analysis import crosstab
from qda.errors import QdaError


def test_codings_by_role(hand):
    table = crosstab(hand, rows="code", cols="role").set_index("path")
    assert list(table.columns) == ["ngo", "police", "total"]
    # Distrust: P01 has a7, a2, b1, a4 (police 4); P02 has a5 (ngo 1).
    assert table.loc["Police > Distrust"].tolist() == [1, 4, 5]
    # Framing: P01 a3 (police 1); P02 a6, b3 (ngo 2).
    assert table.loc["Family > Framing"].tolist() == [2, 1, 3]
    assert table.loc["Police"].tolist() == [1, 0, 1]
    assert table.loc["Services"].tolist() == [0, 0, 0]


def test_percent_of_column(hand):
    table = crosstab(hand, cols="role", percent=True).set_index("path")
    # ngo codings: Police 1 + Distrust 1 + Framing 2 = 4 -> 25, 25, 50.
    # police codings: Distrust 4 + Refusal 2 + Framing 1 = 7 -> 57.1, 28.6, 14.3.
    assert table["ngo"].tolist() == [25.0, 25.0, 0.0, 0.0, 50.0, 0.0]
    assert table["police"].tolist() == [0.0, 57.1, 28.6, 0.0, 14.3, 0.0]
    # total: Distrust 5 of all 11 codings = 45.5.
    assert table.loc["Police > Distrust", "total"] == 45.5


def test_documents_and_words(hand):
    documents = crosstab(hand, cols="role", measure="documents", percent=True).set_index("path")
    # ngo has 2 documents (P02, P03); Distrust is in P02 only -> 50%.
    assert documents.loc["Police > Distrust", "ngo"] == 50.0
    words = crosstab(hand, cols="site", measure="words").set_index("path")
    # North = P01 and P03: Distrust words 15 (all in P01); South = P02: 7.
    assert words.loc["Police > Distrust"].tolist() == [15, 7, 22]
    # P01 has 40 words: INTERVIEWER Tell me about reports (5) + P01 We take every report (5) + Some women never
    # come back (5) + The files pile up (4) + INTERVIEWER Why do they not come back (7) + P01 They fear the police (5)
    # + Their families push them to forgive (6) + Nobody helps them (3) = 40.  P03: INTERVIEWER Anything else (3)
    # + P03 No that is all (5) = 8.  North has 48 words; Distrust's 15 are 31.2% of them.
    percent = crosstab(hand, cols="site", measure="words", percent=True).set_index("path")
    assert percent.loc["Police > Distrust", "North"] == 31.2


def test_transposed_and_rolled_up(hand):
    table = crosstab(hand, rows="role", cols="code", rollup=True).set_index("role")
    # Police with its subtree in P01 (police): passages s2 (ana: a1 and a7 once), s5 (ana), s5 (ben), s5-s6, s1-s2 = 5.
    assert table.loc["police", "Police"] == 5
    assert table.loc["ngo", "Police"] == 2  # a5 and b4


@pytest.mark.parametrize("options, message", [
    ({"cols": "age"}, "no document attribute 'age'"),
    ({"measure": "minutes"}, "unknown measure"),
    ({"rows": "role", "cols": "site"}, "codes on one side"),
])
def test_bad_options(hand, options, message):
    with pytest.raises(QdaError, match=message):
        crosstab(hand, **options)
