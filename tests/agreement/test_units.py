"""Units: which units a coding marks, which documents count, characters and MAXQDA segments,
each checked against a brute-force computation written out here."""

from __future__ import annotations


import numpy as np
import pytest

from qda.analysis.agreement import agreement, disagreement_units, resolve
from qda.analysis.agreement_units import mark_units
from qda.analysis.reliability import reliability

from agreement_helpers import make_project

SENTENCES = {
    "d1": ["Alpha one.", "Beta two here.", "Gamma three.", "Delta four is long."],
    "d2": ["Epsilon.", "Zeta zeta.", "Eta."],
    "d3": ["Nobody but ana coded this."],
}


@pytest.fixture
def project(tmp_path):
    with make_project(tmp_path / "p.qda", SENTENCES, ["A", "B", "V", "V > low", "V > mid", "V > high"]) as p:
        yield p


def test_mark_units_matches_brute_force():
    rng = np.random.default_rng(0)
    edges = np.cumsum(rng.integers(1, 20, 200))
    starts, ends = edges[0::2], edges[1::2]
    s = rng.integers(0, edges[-1], 300)
    e = s + rng.integers(1, 60, 300)
    got = set(zip(*mark_units(starts, ends, s, e)))
    want = {(i, u) for i in range(len(s)) for u in range(len(starts)) if s[i] < ends[u] and e[i] > starts[u]}
    assert got == want


def brute_presence(project, coders, unit_spans, code):
    """For each unit (document, start, end) and coder: does any coding of ``code`` overlap it?"""
    table = project.codings_table(with_text=False)
    rows = []
    for document, start, end in unit_spans:
        here = table[(table["document"] == document) & (table["code_path"] == code)]
        rows.append([any((r.coder == c) and r.start < end and r.end > start for r in here.itertuples()) for c in coders])
    return np.array(rows, dtype=float).T


def test_sentence_units_and_documents_every_coder_coded(project):
    project.add_codings([("d1", "A", 0, 12, "", "ana"), ("d1", "A", 26, 30, "", "luis"), ("d1", "B", 11, 25, "", "ana"),
                         ("d2", "A", 0, 8, "", "luis"), ("d2", "B", 9, 19, "", "ana"), ("d2", "B", 9, 12, "", "luis"),
                         ("d3", "A", 0, 5, "", "ana")])
    report = agreement(project, ["ana", "luis"], unit="sentence")
    assert report.documents == ["d1", "d2"]
    assert report.excluded == {"d3": "not coded by luis"}
    spans = [(d, u.start, u.end) for d in ("d1", "d2") for u in project.units(d, "sentence")]
    for code in ("A", "B"):
        expected = reliability(brute_presence(project, ["ana", "luis"], spans, code), values=[0, 1])
        row = report.codes.set_index("code").loc[code]
        for name in ("percent", "cohen_kappa", "gwet_ac1", "krippendorff_alpha", "brennan_prediger"):
            assert row[name] == pytest.approx(expected[name], abs=1e-12) if isinstance(expected[name], float) else row[name] == expected[name]
        # two coders, complete data: Scott's pi is Fleiss' kappa
        assert row["scott_pi"] == pytest.approx(expected["fleiss_kappa"], abs=1e-12)
        assert row["units"] == 7
    assert set(report.disagreements["code"]) == {"A", "B"}
    project.set_done("d3", "luis")
    assert agreement(project, ["ana", "luis"]).documents == ["d1", "d2", "d3"]


def test_character_units_count_only_coded_characters_unless_asked(project):
    project.add_codings([("d1", "A", 0, 10, "", "ana"), ("d1", "A", 5, 15, "", "luis")])
    report = agreement(project, ["ana", "luis"], unit="character")
    row = report.codes.iloc[0]
    # brute force over characters: the coded ones are 0..14; both coded 5..9
    ana = np.array([0 <= i < 10 for i in range(15)], float)
    luis = np.array([5 <= i < 15 for i in range(15)], float)
    expected = reliability(np.array([ana, luis]), values=[0, 1])
    assert row["units"] == 15
    assert row["percent"] == pytest.approx(expected["percent"])
    assert row["krippendorff_alpha"] == pytest.approx(expected["krippendorff_alpha"])
    inflated = agreement(project, ["ana", "luis"], unit="character", include_uncoded=True).codes.iloc[0]
    assert inflated["units"] == len(project.document("d1").text)
    assert inflated["percent"] > row["percent"]


def brute_segments(a, b, threshold):
    """MAXQDA's rule written pair by pair: matched when overlap >= threshold x the longer span."""
    def matched(span, others):
        return any(min(span[1], o[1]) - max(span[0], o[0]) > 0 and
                   min(span[1], o[1]) - max(span[0], o[0]) >= threshold * max(span[1] - span[0], o[1] - o[0]) for o in others)
    return sum(matched(s, b) for s in a) + sum(matched(s, a) for s in b), len(a) + len(b)


def test_segment_units_follow_maxqda_rule(project):
    rng = np.random.default_rng(3)
    rows, spans = [], {"ana": [], "luis": []}
    for coder in ("ana", "luis"):
        for _ in range(15):
            start = int(rng.integers(0, 50))
            end = start + int(rng.integers(1, 10))
            if (start, end) not in spans[coder]:
                spans[coder].append((start, end))
                rows.append(("d1", "A", start, end, "", coder))
    project.add_codings(rows)
    for threshold in (0.5, 0.9):
        report = agreement(project, ["ana", "luis"], unit="segment", threshold=threshold)
        agreeing, total = brute_segments(spans["ana"], spans["luis"], threshold)
        row = report.codes.iloc[0]
        assert row["units"] == total
        assert row["percent"] == pytest.approx(agreeing / total)
        assert len(report.disagreements) == total - agreeing


def test_variable_children_as_categories(project):
    project.add_codings([("d1", "V > low", 0, 10, "", "ana"), ("d1", "V > low", 0, 10, "", "luis"),
                         ("d1", "V > mid", 11, 25, "", "ana"), ("d1", "V > high", 11, 25, "", "luis"),
                         ("d1", "V > high", 26, 38, "", "ana"), ("d1", "V > high", 26, 38, "", "luis"),
                         ("d2", "V > mid", 0, 8, "", "ana"), ("d2", "V > low", 0, 8, "", "ana"),
                         ("d2", "V > mid", 0, 8, "", "luis")])
    report = agreement(project, ["ana", "luis"], variable="V", level="ordinal")
    data = np.array([[1, 2, 3], [1, 3, 3]], float)  # the d2 unit: ana gave two values, so it is missing
    expected = reliability(data, "ordinal", values=[1, 2, 3])
    assert report.overall["krippendorff_alpha"] == pytest.approx(expected["krippendorff_alpha"])
    assert report.overall["units"] == 3
    assert len(report.conflicts) == 1 and report.conflicts.iloc[0]["coder"] == "ana"
    assert list(report.disagreements["ana"]) == ["V > mid"]


def test_adjudication_lists_disputed_units_and_writes_consensus_codings(project):
    project.add_codings([("d1", "A", 0, 10, "", "ana"), ("d1", "B", 0, 10, "", "luis"), ("d1", "A", 11, 25, "", "ana"),
                         ("d1", "A", 11, 25, "", "luis"), ("d2", "A", 0, 8, "", "ana"), ("d2", "A", 0, 8, "", "luis")])
    units = disagreement_units(project, ["ana", "luis"])
    assert len(units) == 1
    first = units.iloc[0]
    assert (first["document"], first["start"], first["end"], first["text"]) == ("d1", 0, 10, "Alpha one.")
    assert first["ana"] == "A" and first["luis"] == "B" and first["disputed"] == "A; B"
    added = resolve(project, "d1", 0, 10, ["A"], consensus="consensus")
    assert [project.codebook.path(c.code_id) for c in added] == ["A"]
    assert resolve(project, "d1", 0, 10, ["A"], consensus="consensus") == []
    resolve(project, "d1", 0, 10, ["B"], consensus="consensus")
    assert [project.codebook.path(c.code_id) for c in project.codings(coder="consensus")] == ["B"]
    project.undo("consensus")
    project.undo("consensus")
    assert [project.codebook.path(c.code_id) for c in project.codings(coder="consensus")] == ["A"]


def test_errors_are_sentences(project):
    from qda.errors import QdaError

    project.coder("ana")
    with pytest.raises(QdaError, match="two or more coders"):
        agreement(project, ["ana"])
    with pytest.raises(QdaError, match="no coder 'zoe'"):
        agreement(project, ["ana", "zoe"])
