"""Krippendorff's unitizing alphas (qda.analysis.unitizing) against a brute-force computation written
out here character by character and pair by pair, as Krippendorff, Mathet, Bouvry & Widlöcher
(2016) define them, plus hand-worked cases."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qda.analysis.reliability import Undefined
from qda.analysis.unitizing import unitizing, unitizing_arrays


# -- the brute force ----------------------------------------------------------------------------------------


def character_values(lengths, segments, m, codes):
    """Per coder, per code, a 0/1 list over the documents laid end to end; the unit label of each
    character (per coder and code, and per coder for "any code"); and the document of each character.

    A unit is a span as the coder drew it: overlapping spans of one value join, touching ones do not."""
    marks = {(i, c): [] for i in range(m) for c in codes}
    labels = {(i, c): [] for i in range(m) for c in [*codes, "any"]}
    doc_of = []
    for d, length in enumerate(lengths):
        doc_of += [d] * length
        for i in range(m):
            spans = segments[d][i] if i < len(segments[d]) else []
            for c in codes:
                marks[i, c] += [int(any(s <= x < e and k == c for s, e, k in spans)) for x in range(length)]
                labels[i, c] += drawn_units([(s, e) for s, e, k in spans if k == c], length, (d, i, c))
            labels[i, "any"] += drawn_units([(s, e) for s, e, k in spans if k in codes], length, (d, i, "any"))
    return marks, labels, doc_of


def drawn_units(spans, length, key):
    """The unit label of each of ``length`` characters (None outside every span): spans that overlap
    share a label; a span that starts where another ends gets its own."""
    label = [None] * length
    reach, current = -1, None
    for number, (s, e) in enumerate(sorted(spans)):
        if s >= reach:
            current = (key, number)
        reach = max(reach, e)
        for x in range(s, e):
            label[x] = current
    return label


def brute_binary(values, labels):
    """u-alpha of 0/1 sequences (one per coder): observed from ordered coder pairs at each character; expected
    by enumerating every pair of pairable values (coder, character) except pairs inside one unit (for a gap,
    a character only with itself); ``labels`` gives each coder's unit of each character."""
    m, L = len(values), len(values[0]) if values else 0
    n = m * L
    if L == 0 or not any(any(v) for v in values):
        return None
    o = {(c, k): 0.0 for c in (0, 1) for k in (0, 1)}
    for i, j in itertools.permutations(range(m), 2):
        for x in range(L):
            o[values[i][x], values[j][x]] += 1 / (m - 1)
    count = {(c, k): 0 for c in (0, 1) for k in (0, 1)}
    cells = [(i, x) for i in range(m) for x in range(L)]
    for (i, x), (j, y) in itertools.product(cells, cells):
        if (i, x) == (j, y):
            continue
        if i == j and labels[i][x] is not None and labels[i][x] == labels[j][y]:
            continue
        count[values[i][x], values[j][y]] += 1
    total = sum(count.values())
    e = {key: n * value / total for key, value in count.items()}
    d_e = e[0, 1] + e[1, 0]
    if d_e == 0:
        return None
    return 1 - (o[0, 1] + o[1, 0]) / d_e


def brute_cu(marks, unit_labels, doc_of, m, codes):
    """cu-alpha of the domain and (k)u-alpha of each code, written from the definitions."""
    L = len(doc_of)
    K = len(codes)
    # a coder's value at a character: the one code there, 0 for none or for two or more (a conflict)
    w = []
    for i in range(m):
        row = []
        for x in range(L):
            here = [k + 1 for k, c in enumerate(codes) if marks[i, c][x]]
            row.append(here[0] if len(here) == 1 else 0)
        w.append(row)
    cu = np.zeros((K + 1, K + 1))
    for i, j in itertools.permutations(range(m), 2):
        for x in range(L):
            if w[i][x] and w[j][x]:
                cu[w[i][x], w[j][x]] += 1 / (m - 1)
    cu = cu[1:, 1:]
    T = np.zeros(K)
    for i in range(m):
        # a unit of the domain: a stretch of one drawn unit where the coder gave that one code
        label, stretch, previous = [], 0, None
        for x in range(L):
            here = (w[i][x], unit_labels[i, codes[w[i][x] - 1]][x]) if w[i][x] else None
            stretch += here != previous
            label.append((here, stretch) if here else None)
            previous = here
        for unit in set(label) - {None}:
            chars = [x for x in range(L) if label[x] == unit]
            value = w[i][chars[0]] - 1
            for j in range(m):
                if j != i:
                    T[value] += sum(1 for x in chars if w[j][x]) ** 2 / (m - 1)
    n = cu.sum()
    if n == 0:
        return None, [None] * K
    if n - T.sum() / n <= 1e-9:  # every jointly coded stretch is one unit of each coder: no pairs to expect
        return None, [None] * K
    lc = cu.sum(axis=1)
    E = np.zeros((K, K))
    for c in range(K):
        for k in range(K):
            E[c, k] = (lc[c] * lc[k] - (T[c] if c == k else 0)) / (n - T.sum() / n)
    d_e = n - np.trace(E)
    alpha = 1 - (n - np.trace(cu)) / d_e if d_e > 1e-9 else None
    per = []
    for k in range(K):
        ek = E[k].sum()
        if lc[k] == 0 or ek - E[k, k] <= 1e-12:
            per.append(None)
        else:
            per.append(1 - ((lc[k] - cu[k, k]) / lc[k]) / ((ek - E[k, k]) / ek))
    return alpha, per


def random_data(rng, documents, coders, codes, max_length=14, per_coder=3):
    lengths = [int(rng.integers(0, max_length)) for _ in range(documents)]
    segments = []
    for length in lengths:
        per_document = []
        for _ in range(coders):
            spans = []
            for _ in range(int(rng.integers(0, per_coder + 1))):
                if length == 0:
                    break
                s = int(rng.integers(0, length))
                e = int(rng.integers(s + 1, length + 1))
                spans.append((s, e, int(rng.integers(0, codes))))
            per_document.append(spans)
        segments.append(per_document)
    return lengths, segments


def same(got, want):
    if want is None:
        return isinstance(got, Undefined)
    return not isinstance(got, Undefined) and abs(got - want) < 1e-9


# -- the tests ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(60))
def test_matches_brute_force_on_random_continua(seed):
    rng = np.random.default_rng(seed)
    m, K = int(rng.integers(2, 5)), int(rng.integers(1, 4))
    lengths, segments = random_data(rng, int(rng.integers(1, 4)), m, K)
    result = unitizing(lengths, segments, codes=list(range(K)))
    marks, labels, doc_of = character_values(lengths, segments, m, range(K))
    for k in range(K):
        assert same(result.u_alpha[k], brute_binary([marks[i, k] for i in range(m)], [labels[i, k] for i in range(m)])), \
            (k, result.u_alpha[k])
    union = [[int(any(marks[i, k][x] for k in range(K))) for x in range(len(doc_of))] for i in range(m)]
    assert same(result.domain_u_alpha, brute_binary(union, [labels[i, "any"] for i in range(m)]))
    alpha, per = brute_cu(marks, labels, doc_of, m, list(range(K)))
    assert same(result.Cu_alpha, alpha), (result.Cu_alpha, alpha)
    for k in range(K):
        assert same(result.cu_alpha[k], per[k]), (k, result.cu_alpha[k], per[k])


def test_perfect_agreement_gives_one():
    # Both coders mark the same units with the same codes: no coincidence off the diagonal, so D_o = 0 and
    # every alpha is 1 (the expected disagreement is positive: there are gaps, and two codes).
    coded = [(0, 5, "a"), (9, 14, "b"), (20, 26, "a")]
    result = unitizing([30, 12], [[coded, coded, coded], [[(3, 7, "b")]] * 3])
    assert list(result.u_alpha) == [1.0, 1.0]
    assert list(result.cu_alpha) == [1.0, 1.0]
    assert result.Cu_alpha == 1.0 and result.domain_u_alpha == 1.0
    assert result.u_observed[0] == 0.0 and result.u_expected[0] > 0


def test_hand_worked_two_coders_one_code():
    # L = 10, m = 2, n = mL = 20.  Ana codes [0, 4), Luis [2, 6).
    # Observed: characters 0-1 and 4-5 are coded by one coder only: u_10 = u_01 = 4 (each divided by
    # m - 1 = 1), so D_o = 8.  Margins: n_1 = 4 + 4 = 8 coded, n_0 = 12 gap values.
    # Expected: units remove their squared lengths, gap characters themselves: S = 4² + 4² + 12 = 44;
    # e_10 = n_1 n_0 / (n - S/n) = 96 / 17.8, D_e = 2 e_10 = 960/89.
    # u-alpha = 1 - 8 / (960/89) = 1 - 712/960 = 31/120 = 0.258333...
    result = unitizing([10], [[[(0, 4, "A")], [(2, 6, "A")]]])
    assert result.u_alpha[0] == pytest.approx(31 / 120, abs=1e-12)
    assert result.u_observed[0] == pytest.approx(8 / 20)
    assert result.u_expected[0] == pytest.approx(960 / 89 / 20)
    # one code only: the coding within units has nothing to disagree on
    assert isinstance(result.Cu_alpha, Undefined) and "only one code" in result.Cu_alpha


def test_hand_worked_cu_alpha_three_coders():
    # L = 60, m = 3.  Ana: a on [2,5).  Paul: a on [2,5), b on [10,20).  Sue: b on [2,5), b on [15,20).
    # Jointly coded: [2,5) by all three, [15,20) by Paul and Sue.  Ordered pairs / (m-1) = 2:
    # cu_aa = (3+3)/2 = 3, cu_ab = cu_ba = (3+3)/2 = 3, cu_bb = (5+5)/2 = 5; n_cu = 14, l_a = 6, l_b = 8.
    # T_a = (Ana [2,5): 3²+3², Paul [2,5): 3²+3²) / 2 = 18; T_b = (Paul [10,20): 0²+5², Sue [2,5): 3²+3²,
    # Sue [15,20): 0²+5²) / 2 = 34.  n_cu - T/n_cu = 14 - 52/14 = 72/7.
    # e_aa = (36 - 18) * 7/72 = 1.75, e_bb = (64 - 34) * 7/72 = 35/12; D_e = 14 - 1.75 - 35/12 = 28/3;
    # D_o = 14 - 3 - 5 = 6; Cu-alpha = 1 - 6 / (28/3) = 5/14.
    # (a)u-alpha: l_a = 6, cu_aa = 3, e_a = (36 + 48 - 18) * 7/72 = 77/12, so
    # 1 - (3/6) / ((77/12 - 1.75) / (77/12)) = 1 - 0.5 / (56/77) = 5/16.
    result = unitizing([60], [[[(2, 5, "a")], [(2, 5, "a"), (10, 20, "b")], [(2, 5, "b"), (15, 20, "b")]]])
    assert result.Cu_alpha == pytest.approx(5 / 14, abs=1e-12)
    assert result.cu_alpha[0] == pytest.approx(5 / 16, abs=1e-12)
    assert result.jointly_coded == pytest.approx(14)


def test_conflicts_are_gaps_of_the_domain_and_counted():
    # Ana applies a and b to [4, 6): those two characters carry no single value for her.
    result = unitizing([10], [[[(0, 6, "a"), (4, 8, "b")], [(0, 4, "a"), (4, 8, "b")]]])
    assert list(result.conflicts) == [2, 0]
    marks, labels, doc_of = character_values([10], [[[(0, 6, "a"), (4, 8, "b")], [(0, 4, "a"), (4, 8, "b")]]], 2,
                                             ["a", "b"])
    alpha, per = brute_cu(marks, labels, doc_of, 2, ["a", "b"])
    assert result.Cu_alpha == pytest.approx(alpha, abs=1e-12)


def test_undefined_cases_are_words():
    nobody = unitizing([10], [[[], []]], codes=["a"])
    assert nobody.u_alpha[0] == "undefined: no coder applied it"
    assert isinstance(nobody.Cu_alpha, Undefined) and "never coded the same" in nobody.Cu_alpha
    everything = unitizing([5], [[[(0, 5, "a")], [(0, 5, "a")]]])
    assert "no uncoded matter" in everything.u_alpha[0]
    empty = unitizing([], [], codes=["a"])
    assert empty.u_alpha[0] == "undefined: no characters to compare"
    apart = unitizing([10], [[[(0, 3, "a")], [(5, 9, "b")]]])
    assert isinstance(apart.cu_alpha[0], Undefined) and isinstance(apart.Cu_alpha, Undefined)
    with pytest.raises(ValueError):
        unitizing([5], [[[(0, 9, "a")], []]])


def test_units_do_not_run_across_documents():
    # [3, 5) at the end of document 0 and [0, 2) at the start of document 1 are two units, not one of 4.
    one = unitizing([5, 5], [[[(3, 5, "a")], [(3, 5, "a")]], [[(0, 2, "a")], []]])
    marks, labels, doc_of = character_values([5, 5], [[[(3, 5, "a")], [(3, 5, "a")]], [[(0, 2, "a")], []]], 2, ["a"])
    assert one.u_alpha[0] == pytest.approx(brute_binary([marks[0, "a"], marks[1, "a"]], [labels[0, "a"], labels[1, "a"]]),
                                           abs=1e-12)


def test_touching_units_stay_two_units():
    # Krippendorff (1995, p. 57, pair B) and Krippendorff et al. (2016) count each unit as drawn.  L = 10,
    # m = 2, n = 20.  Ana draws [0, 2) and [2, 4) (touching), Luis [0, 6).  Observed: characters 4-5 carry
    # Luis's code only, u_10 = u_01 = 2, D_o = 4.  n_1 = 4 + 6 = 10, n_0 = 10.  Expected: the units remove
    # 2² + 2² + 6² = 44 pairs, the gap characters 10: S = 54, n - S/n = 17.3, D_e = 2·10·10/17.3.
    # u-alpha = 1 - 4·17.3/200 = 0.654 (joining Ana's units into one of 4 would give S = 62 and 0.662).
    drawn = unitizing([10], [[[(0, 2, "A"), (2, 4, "A")], [(0, 6, "A")]]])
    assert drawn.u_alpha[0] == pytest.approx(1 - 4 * 17.3 / 200, abs=1e-12)
    # for "any code", touching codings of two codes are two units as well
    mixed = unitizing([10], [[[(0, 2, "A"), (2, 4, "B")], [(0, 6, "A")]]], codes=["A", "B"])
    assert mixed.domain_u_alpha == pytest.approx(1 - 4 * 17.3 / 200, abs=1e-12)
    # overlapping codings of one code still form one unit: [0, 3) and [2, 4) are the unit [0, 4)
    joined = unitizing([10], [[[(0, 3, "A"), (2, 4, "A")], [(0, 6, "A")]]])
    assert joined.u_alpha[0] == pytest.approx(1 - 4 * (20 - 62 / 20) / 200, abs=1e-12)


def test_many_documents_in_one_call():
    # 3 coders, 200 documents of 10,000 characters, 50 codes in one vectorised call: every code gets a
    # figure.  How fast this runs is measured in benchmarks/agreement.py, never here.
    rng = np.random.default_rng(7)
    D, m, K, per = 200, 3, 50, 60
    lengths = np.full(D, 10_000)
    rows = D * m * per
    document = np.repeat(np.arange(D), m * per)
    coder = np.tile(np.repeat(np.arange(m), per), D)
    start = rng.integers(0, 9_800, rows)
    end = start + rng.integers(1, 200, rows)
    code = rng.integers(0, K, rows)
    result = unitizing_arrays(lengths, document, coder, start, end, code, m, K)
    assert len(result.u_alpha) == K and all(isinstance(a, float) for a in result.u_alpha)


def test_agree_continuum_end_to_end(tmp_path):
    # A project through `qda agree --unit continuum --format json`: the same figures as unitizing() on the
    # documents' lengths and the coders' codings; the variable's children as the domain.
    import json

    from click.testing import CliRunner

    from qda.cli import main

    from agreement_helpers import make_project

    path = tmp_path / "study.qda"
    with make_project(path, {"d1": ["Alpha one.", "Beta two here.", "Gamma three."], "d2": ["Epsilon.", "Zeta zeta."]},
                      ["V", "V > low", "V > high", "A"]) as project:
        project.add_codings([("d1", "V > low", 0, 10, "", "ana"), ("d1", "V > low", 2, 12, "", "luis"),
                             ("d1", "V > high", 11, 25, "", "ana"), ("d1", "V > high", 14, 30, "", "luis"),
                             ("d2", "V > high", 0, 8, "", "ana"), ("d2", "V > low", 0, 8, "", "luis"),
                             ("d1", "A", 5, 20, "", "ana"), ("d2", "A", 9, 15, "", "luis")])
        lengths = [len(project.document(d).text) for d in ("d1", "d2")]
    segments = [[[(0, 10, "low"), (11, 25, "high")], [(2, 12, "low"), (14, 30, "high")]],
                [[(0, 8, "high")], [(0, 8, "low")]]]
    want = unitizing(lengths, segments, codes=["low", "high"])
    runner = CliRunner()
    result = runner.invoke(main, ["agree", str(path), "--coders", "ana,luis", "--unit", "continuum", "--variable", "V",
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["unit"] == "continuum"
    assert set(report["overall"]) == {"u_alpha", "values_u_alpha", "Cu_alpha"}
    assert report["overall"]["Cu_alpha"] == pytest.approx(want.Cu_alpha, abs=1e-12)
    assert report["overall"]["values_u_alpha"] == pytest.approx(want.values_u_alpha, abs=1e-12)
    assert report["overall"]["u_alpha"] == pytest.approx(want.domain_u_alpha, abs=1e-12)
    rows = {row["code"]: row for row in report["codes"]}
    for k, name in enumerate(["V > low", "V > high"]):
        assert rows[name]["u_alpha"] == pytest.approx(want.u_alpha[k], abs=1e-12)
        assert rows[name]["cu_alpha"] == pytest.approx(want.cu_alpha[k], abs=1e-12)
        assert rows[name]["units"] == sum(lengths)
    # every code as its own value; the table and the csv show no NaN
    table = runner.invoke(main, ["agree", str(path), "--coders", "ana,luis", "--unit", "continuum"])
    assert table.exit_code == 0, table.output
    assert "nan" not in table.stdout.lower() and "Cu_alpha" in table.stdout
    plain = json.loads(runner.invoke(main, ["agree", str(path), "--coders", "ana,luis", "--unit", "continuum",
                                            "--format", "json"]).stdout)
    assert {row["code"] for row in plain["codes"]} == {"V > low", "V > high", "A"}
    refused = runner.invoke(main, ["agree", str(path), "--coders", "ana,luis", "--unit", "continuum", "--bootstrap", "10"])
    assert refused.exit_code == 2 and "continuum" in refused.output
    # the .docx report: the unitizing alphas per code, cuα on the overall row, a methods paragraph citing the papers
    from docx import Document

    out = tmp_path / "report.docx"
    written = runner.invoke(main, ["agree", str(path), "--coders", "ana,luis", "--unit", "continuum", "--variable", "V",
                                   "-o", str(out)])
    assert written.exit_code == 0, written.output
    document = Document(out)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Krippendorff's alpha for unitizing" in text and f"over {sum(lengths)} characters" in text
    assert "the domain was the child codes of V" in text and f"was {want.Cu_alpha:.3f}" in text
    assert "Widlöcher, A. (2016)" in text and "Cohen" not in text
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[0] == ["code", "units", "disagreements", "uα", "(k)uα", "uα values", "cuα"]
    by_code = {row[0]: row for row in cells[1:]}
    assert by_code["V > low"][3:5] == [f"{want.u_alpha[0]:.3f}", f"{want.cu_alpha[0]:.3f}"]
    assert by_code["V"][3] == f"{want.domain_u_alpha:.3f}"  # the overall row
    assert by_code["V"][5:7] == [f"{want.values_u_alpha:.3f}", f"{want.Cu_alpha:.3f}"]
    assert by_code["V > low"][5:7] == ["", ""]  # the domain's figures only on its row
