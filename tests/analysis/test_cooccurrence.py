"""Co-occurrence on the hand-built project, every value worked out by hand.

Where each code is present (see handmade.py):
  sentences: s1 Refusal; s2 Refusal, Distrust; s5 Distrust; s6 Distrust, Framing;
             t1 Distrust, Framing; t2 Framing; t4 Police.  N = 8 + 5 + 2 = 15 sentences.
  quotations (distinct spans): Distrust s2, s5, s5-s6, t1 = 4; Framing s6, t1-t2, t2 = 3; Refusal s2, s1-s2 = 2.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import fisher_exact

from qda.analysis import benjamini_hochberg, cooccurrence, cooccurrence_matrix
from qda.errors import QdaError

D, F, R, P = "Police > Distrust", "Family > Framing", "Police > Refusal", "Police"


def pair(frame, a, b):
    found = frame[(frame["code_a"] == a) & (frame["code_b"] == b)]
    assert len(found) == 1, f"{a} / {b} not in {frame[['code_a', 'code_b']].values.tolist()}"
    return found.iloc[0]


def test_sentence_unit(hand):
    pairs = cooccurrence(hand, unit="sentence")
    assert len(pairs) == 2
    df = pair(pairs, D, F)
    # n12 = s6, t1 = 2; nD = 4 (s2 s5 s6 t1); nF = 3 (s6 t1 t2); N = 15.
    assert (df["count"], df["n_a"], df["n_b"], df["units"]) == (2, 4, 3, 15)
    assert df["jaccard"] == pytest.approx(2 / (4 + 3 - 2))          # 0.4
    assert df["c"] == pytest.approx(2 / (4 + 3 - 2))                # quotations qD = 4, qF = 3
    assert df["lift"] == pytest.approx(2 * 15 / (4 * 3))            # 2.5
    # P(X >= 2), X ~ Hypergeom(15, 4, 3) = 1 - [C(11,3) + 4 C(11,2)] / C(15,3) = 1 - (165 + 220) / 455 = 70/455.
    assert df["p"] == pytest.approx(70 / 455)
    # The same as Fisher's exact test, one-sided, on [[2, 2], [1, 10]].
    assert df["p"] == pytest.approx(fisher_exact([[2, 2], [1, 10]], alternative="greater")[1])
    dr = pair(pairs, D, R)
    # n12 = s2 = 1; nR = 2 (s1 s2); P(X >= 1) = 1 - C(11,2)/C(15,2) = 1 - 55/105 = 50/105.
    assert (dr["count"], dr["n_b"]) == (1, 2)
    assert dr["lift"] == pytest.approx(15 / 8)
    assert dr["p"] == pytest.approx(50 / 105)
    # Benjamini-Hochberg over the m pairs of the 4 codes present (Police, Distrust, Refusal, Framing) less the
    # 2 within one branch (Police-Distrust, Police-Refusal): m = 6 - 2 = 4.
    # 70/455 * 4/1 = 0.615; 50/105 * 4/2 = 0.952; running minimum from the top keeps both.
    assert df["p_adjusted"] == pytest.approx(70 / 455 * 4)
    assert dr["p_adjusted"] == pytest.approx(50 / 105 * 2)
    assert pairs.attrs["test"] == "fisher" and pairs.attrs["branch_pairs_left_out"] == 0


def test_overlap_unit(hand):
    pairs = cooccurrence(hand, unit="overlap")
    # Coded regions: R1 = s1-s2 (b2, a1, a7), R2 = s5-s6 (a2, b1, a4, a3), R3 = t1-t2 (a5, a6, b3), R4 = t4 (b4): N = 4.
    # Present: Distrust R1 R2 R3 (3), Framing R2 R3 (2), Refusal R1 (1), Police R4 (1).
    # Distrust-Framing overlap in R2 (a4 with a3) and R3 (a5 with a6) = 2; Distrust-Refusal in R1 (a7 with a1) = 1.
    df, dr = pair(pairs, D, F), pair(pairs, D, R)
    assert (df["count"], df["n_a"], df["n_b"], df["units"]) == (2, 3, 2, 4)
    assert df["jaccard"] == pytest.approx(2 / 3)        # 2 / (3 + 2 - 2)
    assert df["c"] == pytest.approx(0.4)                # 2 / (qD 4 + qF 3 - 2)
    assert df["lift"] == pytest.approx(2 * 4 / (3 * 2))
    assert df["p"] == pytest.approx(0.5)                # P(X >= 2), Hypergeom(4, 3, 2) = C(3,2)/C(4,2) = 3/6
    assert dr["jaccard"] == pytest.approx(1 / 3) and dr["c"] == pytest.approx(0.2)
    assert dr["p"] == pytest.approx(0.75)               # P(X >= 1), Hypergeom(4, 3, 1) = 3/4


def test_overlap_needs_a_shared_character(hand):
    # s5 (a2, b1) and s6 (a3) touch no character in common; Distrust and Framing meet in P01 only through a4.
    # Without ana, ben's codings are b1 s5, b2 s1-s2, b3 t2, b4 t4: no two share a character.
    assert cooccurrence(hand, unit="overlap", coder="ben").empty


def test_turn_paragraph_and_document_units(hand):
    # Turns (= paragraphs here): P01 4, P02 3, P03 2 = 9.  Distrust in T1 (s2), T3 (s5 s6), U1 (t1) = 3;
    # Framing in T3, U1 = 2; together in T3, U1 = 2.  lift = 2 * 9 / (3 * 2) = 3.
    for unit in ("turn", "paragraph"):
        df = pair(cooccurrence(hand, unit=unit), D, F)
        assert (df["count"], df["n_a"], df["n_b"], df["units"], df["lift"]) == (2, 3, 2, 9, 3.0)
        # P(X >= 2), Hypergeom(9, 3, 2) = C(3,2)/C(9,2) = 3/36.
        assert df["p"] == pytest.approx(3 / 36)
    documents = cooccurrence(hand, unit="document")
    # P01 holds Refusal, Distrust, Framing; P02 Distrust, Framing, Police; P03 nothing.  N = 3.
    # Five pairs meet; Police-Distrust lies within one branch (Distrust is Police's child) and is left out.
    assert len(documents) == 4 and documents.attrs["branch_pairs_left_out"] == 1
    df = pair(documents, D, F)
    assert (df["count"], df["jaccard"], df["lift"]) == (2, 1.0, 1.5)
    assert df["p"] == pytest.approx(1 / 3)
    assert pair(documents, P, F)["count"] == 1


def test_rollup_pairs_parents_but_not_with_their_children(hand):
    pairs = cooccurrence(hand, unit="sentence", rollup=True)
    # Police (rolled up) is present in s1 s2 s5 s6 t1 t4 = 6; Framing in s6 t1 t2; together s6, t1 = 2.
    pf = pair(pairs, P, F)
    assert (pf["count"], pf["n_a"], pf["n_b"]) == (2, 6, 3)
    # A code is never paired with its own ancestor.
    assert not ((pairs["code_a"] == P) & (pairs["code_b"].str.startswith("Police >"))).any()
    assert pair(pairs, D, "Family")["count"] == 2


def test_min_count_codes_and_matrix(hand):
    assert list(cooccurrence(hand, unit="sentence", min_count=2)["count"]) == [2]
    only = cooccurrence(hand, unit="sentence", codes=["Distrust", "Refusal"])
    assert only[["code_a", "code_b"]].values.tolist() == [[D, R]]
    matrix = cooccurrence_matrix(hand, unit="sentence")
    assert matrix.loc[D, F] == matrix.loc[F, D] == 2
    assert matrix.loc[D, D] == 4  # units holding Distrust
    jaccard = cooccurrence_matrix(hand, unit="sentence", measure="jaccard")
    assert jaccard.loc[D, F] == pytest.approx(0.4)


def test_unknown_unit():
    with pytest.raises(QdaError, match="unknown unit 'page'"):
        cooccurrence(None, unit="page")


def test_benjamini_hochberg_matches_statsmodels():
    from statsmodels.stats.multitest import multipletests

    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    assert benjamini_hochberg(p) == pytest.approx(multipletests(p, method="fdr_bh")[1])
    # unlisted tests count as p = 1
    padded = np.concatenate([p, np.ones(5)])
    assert benjamini_hochberg(p, 15) == pytest.approx(multipletests(padded, method="fdr_bh")[1][:10])


def test_hypergeometric_tail_matches_scipy():
    from scipy.stats import hypergeom

    from qda.analysis.cooccurrence import hypergeom_sf

    rng = np.random.default_rng(7)
    total = 5000
    n1 = rng.integers(1, 3000, 400)
    n2 = rng.integers(1, 3000, 400)
    high = np.minimum(n1, n2)
    low = np.maximum(0, n1 + n2 - total)
    x = low + (rng.random(400) * (high - low + 1)).astype(int)
    expected = hypergeom.sf(x - 1, total, n1, n2)
    assert hypergeom_sf(x, total, n1, n2) == pytest.approx(expected, rel=1e-8, abs=1e-12)


def test_pairs_within_one_branch_are_left_out_unless_asked(hand):
    # By document, P02 holds Police and its child Distrust: they co-occur because Distrust is part of Police.
    default = cooccurrence(hand, unit="document")
    assert not ((default["code_a"] == P) & (default["code_b"] == D)).any()
    kept = cooccurrence(hand, unit="document", same_branch=True)
    assert pair(kept, P, D)["count"] == 1 and kept.attrs["branch_pairs_left_out"] == 0
    assert len(kept) == len(default) + 1
    # Siblings are not one branch: Distrust and Refusal (both under Police) stay.
    assert pair(default, D, R)["count"] == 1
    # Rolled up, a parent is present wherever its children are, so the option cannot bring such pairs back.
    rolled = cooccurrence(hand, unit="sentence", rollup=True, same_branch=True)
    assert not ((rolled["code_a"] == P) & rolled["code_b"].str.startswith("Police >")).any()


def test_c_coefficient_marks_values_at_the_cap(hand):
    # ben alone, by document: P01 holds b1 Distrust and b2 Refusal (one quotation each): c = 1 / (1 + 1 - 1) = 1.
    pairs = cooccurrence(hand, unit="document", coder="ben")
    dr = pair(pairs, D, R)
    assert dr["c"] == 1.0 and bool(dr["c_capped"])
    # Everyone, by sentence: Distrust-Framing c = 2 / (4 + 3 - 2) = 0.4, not capped.
    assert not bool(pair(cooccurrence(hand, unit="sentence"), D, F)["c_capped"])


def test_shift_test_on_the_hand_worked_example(hand):
    """Every offset enumerated by hand.  P01 has 8 sentences: Distrust at s2 s5 s6, Framing at s6, Refusal
    at s1 s2; P02 has 5: Distrust at t1, Framing at t1 t2.

    Distrust-Framing (count 2): in P01 Framing turned by r lands on Distrust for r in {4, 7, 0} (3 of 8); in
    P02 Framing {1, 2} + r meets t1 for r in {0, 4} (2 of 5), at most once.  Count >= 2 needs both:
    3/8 * 2/5 = 0.15 (Fisher, taking the 15 sentences as independent, says 70/455 = 0.154).
    Distrust-Refusal (count 1, P01 only): {1, 2} + r meets {2, 5, 6} for r in {0, 1, 3, 4, 5}: 5/8."""
    pairs = cooccurrence(hand, unit="sentence", test="shift")
    assert pair(pairs, D, F)["p"] == pytest.approx(3 / 8 * 2 / 5)
    assert pair(pairs, D, R)["p"] == pytest.approx(5 / 8)
    assert pair(pairs, D, F)["p_adjusted"] == pytest.approx(0.15 * 4)  # m = 4 pairs, as for Fisher
    assert pairs.attrs["test"] == "shift"
    with pytest.raises(QdaError, match="shift test .* --unit sentence, paragraph or turn, not overlap"):
        cooccurrence(hand, unit="overlap", test="shift")


def test_shift_test_agrees_with_brute_force_on_random_documents():
    """The convolution over documents against turning code b by every combination of offsets."""
    import itertools

    from qda.analysis.significance import circular_shift_p

    rng = np.random.default_rng(3)
    sizes = [5, 4, 6]
    document = np.repeat(np.arange(3), sizes)
    place = np.concatenate([np.arange(s) for s in sizes])
    a = [set(rng.choice(s, rng.integers(1, s), replace=False).tolist()) for s in sizes]
    b = [set(rng.choice(s, rng.integers(1, s), replace=False).tolist()) for s in sizes]
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rows = [(first[d] + u, 0) for d in range(3) for u in a[d]] + [(first[d] + u, 1) for d in range(3) for u in b[d]]
    units, codes = np.array(rows).T
    observed = sum(len(a[d] & b[d]) for d in range(3))
    counts = [sum(len(a[d] & {(u + r[d]) % sizes[d] for u in b[d]}) for d in range(3))
              for r in itertools.product(*(range(s) for s in sizes))]
    expected = np.mean([c >= observed for c in counts])
    assert circular_shift_p(units, codes, document, place, sizes, [0], [1], [observed])[0] == pytest.approx(expected)


def test_fisher_tail_matches_exact_integer_arithmetic():
    """P(X >= x) summed in exact integers (math.comb), not against another floating-point library."""
    from fractions import Fraction
    from math import comb

    from qda.analysis.significance import hypergeom_sf

    cases = [(10, 17138, 798, 430), (9, 17138, 2038, 219), (2, 15, 4, 3), (1, 15, 4, 2), (0, 50, 5, 5),
             (40, 1000, 200, 150), (3, 20000, 900, 400), (60, 20000, 900, 400)]
    for x, total, n1, n2 in cases:
        exact = Fraction(sum(comb(n1, k) * comb(total - n1, n2 - k) for k in range(x, min(n1, n2) + 1)), comb(total, n2))
        assert hypergeom_sf(np.array([x]), total, np.array([n1]), np.array([n2]))[0] == pytest.approx(float(exact), rel=1e-8, abs=1e-300)


def _regions_brute(codings):
    """Coded regions of one document by repeated merging: lists of codings (start, end, code)."""
    regions = [[c] for c in codings]
    merged = True
    while merged:
        merged = False
        for i in range(len(regions)):
            for j in range(i + 1, len(regions)):
                if any(a[0] < b[1] and b[0] < a[1] for a in regions[i] for b in regions[j]):
                    regions[i] += regions.pop(j)
                    merged = True
                    break
            if merged:
                break
    return regions


def _brute_counts(project, unit, coder=None, rollup=False):
    """(N, units of each code, units of each pair) by loops over sets, from the public Project API."""
    from collections import defaultdict
    from itertools import combinations

    codings = project.codings_table(with_text=False)
    if coder:
        codings = codings[codings["coder"] == coder]
    codebook = project.codebook

    def codes_of(code_id):
        return [code_id] + ([a.id for a in codebook.ancestors(code_id)] if rollup else [])
    present, met = defaultdict(set), defaultdict(set)
    if unit == "overlap":
        total = 0
        for document_id, group in codings.groupby("document_id"):
            spans = list(zip(group["start"], group["end"], group["code_id"]))
            for region in _regions_brute(spans):
                key = (document_id, total)
                total += 1
                for start, end, code_id in region:
                    for code in codes_of(code_id):
                        present[code].add(key)
                for a, b in combinations(region, 2):
                    if a[0] < b[1] and b[0] < a[1]:
                        for x in codes_of(a[2]):
                            for y in codes_of(b[2]):
                                if x != y:
                                    met[frozenset((x, y))].add(key)
    else:
        units = project.units_frame(unit)
        total = len(units)
        by_document = defaultdict(list)
        for u in units.itertuples():
            by_document[u.document_id].append((u.idx, u.start, u.end))
        for row in codings.itertuples():
            for idx, start, end in by_document[row.document_id]:
                if start < row.end and row.start < end:
                    for code in codes_of(row.code_id):
                        present[code].add((row.document_id, idx))
        for a, b in combinations(present, 2):
            shared = present[a] & present[b]
            if shared:
                met[frozenset((a, b))] = shared
    return total, {c: len(s) for c, s in present.items()}, {p: len(s) for p, s in met.items() if s}


@pytest.mark.parametrize("unit, coder, rollup", [("overlap", None, False), ("sentence", None, False),
                                                 ("paragraph", "ana", False), ("turn", None, True),
                                                 ("document", None, False), ("overlap", "luis", True)])
def test_counts_agree_with_loops_over_sets(coded_path, unit, coder, rollup):
    """The sweep over numbered spans against sets of units built by loops, on the coded sample (both engines)."""
    import qda

    with qda.open_project(coded_path) as project:
        total, units_of, pairs_of = _brute_counts(project, unit, coder, rollup)
        pairs = cooccurrence(project, unit=unit, coder=coder, rollup=rollup, same_branch=True)
        codebook = project.codebook
    branch = {frozenset((c.id, a.id)) for c in codebook.codes for a in codebook.ancestors(c.id)}
    if rollup:  # a code and its ancestor are always left out when rolled up
        pairs_of = {p: n for p, n in pairs_of.items() if p not in branch}
    assert pairs_of, "the sample should have co-occurring codes"
    found = {frozenset((r.code_a_id, r.code_b_id)): r for r in pairs.itertuples()}
    assert set(found) == set(pairs_of)
    for pair, row in found.items():
        assert row.count == pairs_of[pair]
        assert (row.n_a, row.n_b) == (units_of[row.code_a_id], units_of[row.code_b_id])
        assert row.units == total


@pytest.mark.file_only
def test_a_coding_of_a_missing_document_is_refused_naming_the_file(hand_path):
    """A file whose foreign keys were bypassed (another tool wrote it) must not be counted silently."""
    import sqlite3

    import qda
    from qda.errors import ProjectError

    with sqlite3.connect(hand_path) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        code_id, coder_id = db.execute("SELECT code_id, coder_id FROM codings LIMIT 1").fetchone()
        db.execute("INSERT INTO codings (id, document_id, code_id, coder_id, start_offset, end_offset, created) "
                   "VALUES ('stray', 'no-such-document', ?, ?, 0, 5, '2026-01-01')", (code_id, coder_id))
    with qda.open_project(hand_path) as project, pytest.raises(ProjectError, match="no-such-document.*damaged") as raised:
        cooccurrence(project, unit="sentence")
    assert str(hand_path) in str(raised.value)


@pytest.mark.parametrize("unit, options", [("overlap", {}), ("sentence", {"rollup": True}),
                                           ("paragraph", {"coder": "ana", "same_branch": True}),
                                           ("turn", {"test": "shift"}), ("document", {"min_count": 2})])
def test_the_printed_rows_are_the_frames_rows_ranked_and_filtered_as_pandas_does(coded_path, unit, options):
    """``qda cooccur`` prints ``cooccurring_pairs(...).rows()`` without pandas: the same values as the
    DataFrame of ``cooccurrence`` as plain Python values, re-ranked by a measure and narrowed to one
    code's pairs as pandas' stable sort and boolean filter do it (both engines)."""
    import qda
    from qda.analysis.cooccurrence import PAIR_COLUMNS, cooccurring_pairs

    with qda.open_project(coded_path) as project:
        frame = cooccurrence(project, unit=unit, **options)
        pairs = cooccurring_pairs(project, unit=unit, **options)
    assert len(frame) > 3, "the sample should have several pairs"
    rows = pairs.rows()
    assert rows.columns == PAIR_COLUMNS and frame.attrs == pairs.attrs
    assert rows.rows == list(frame.itertuples(index=False, name=None))
    assert {type(value) for row in rows.rows for value in row} <= {str, int, float, bool}
    for measure in ("jaccard", "c", "lift"):
        ranked = frame.sort_values([measure, "count"], ascending=False, kind="stable")
        assert pairs.ranked(measure).rows().rows == list(ranked.itertuples(index=False, name=None))
    code_id = frame["code_b_id"].iloc[-1]
    around = frame[(frame["code_a_id"] == code_id) | (frame["code_b_id"] == code_id)]
    assert pairs.around(code_id).rows().rows == list(around.itertuples(index=False, name=None))
    assert pairs.take(slice(0, 3)).rows(["code_a", "count"]).rows == list(frame[["code_a", "count"]].head(3).itertuples(index=False, name=None))


def _with_short_document_id(path) -> None:
    """One document's id made shorter than the others' (uuid4 texts) in every table that names it, as a
    file another tool wrote might hold them."""
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        (old,) = db.execute("SELECT document_id FROM codings LIMIT 1").fetchone()
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in [table for table in tables if table != "coding_packs"]:  # its triggers mark its rows
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            if "document_id" in columns:
                db.execute(f"UPDATE {table} SET document_id = 'd7' WHERE document_id = ?", (old,))
        db.execute("UPDATE documents SET id = 'd7' WHERE id = ?", (old,))
    db.close()


@pytest.mark.file_only
@pytest.mark.parametrize("unit", ["overlap", "sentence", "paragraph"])
def test_document_ids_of_several_lengths_are_read_row_by_row_alike(coded_path, monkeypatch, unit):
    """Codings are read in one scan of the index on code, their documents' ids joined end to end and told
    apart by their one length; where one id is shorter, the codings are read row by row, with the same
    pairs and counts (co-occurrence, and stats counted with arrays)."""
    import qda
    from qda.analysis import tally as tally_module
    from qda.analysis.frequencies import frequencies

    monkeypatch.setattr(tally_module, "MANY", 0)
    with qda.open_project(coded_path) as project:
        pairs = cooccurrence(project, unit=unit, coder="ana")
        counted = frequencies(project, by="coder")
    _with_short_document_id(coded_path)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("SELECT COUNT(*) FROM codings WHERE document_id = 'd7'").fetchone()[0] > 0
        assert cooccurrence(project, unit=unit, coder="ana").equals(pairs) and len(pairs) > 10
        assert frequencies(project, by="coder").equals(counted) and counted["words"].sum() > 0


@pytest.mark.file_only  # SQLite's query plans
def test_codings_of_some_coders_are_read_from_the_code_index_alone(coded_path, monkeypatch):
    """With coders named, SQLite would rather walk the index on coder_id and sort what it finds: the reads
    of co-occurrence and of stats counted with arrays keep to the index on code, which holds every column
    (where the documents' packs cannot serve: one is unpacked here)."""
    import sqlite3

    import qda
    from qda.analysis import tally as tally_module
    from qda.analysis.tally import tally

    monkeypatch.setattr(tally_module, "MANY", 0)
    with sqlite3.connect(coded_path) as db:
        db.execute("UPDATE coding_packs SET codings = NULL WHERE document_id = (SELECT MIN(document_id) FROM coding_packs)")
    db.close()
    with qda.open_project(coded_path) as project:
        statements: list[str] = []
        project._db.set_trace_callback(statements.append)
        cooccurrence(project, unit="sentence", coder="ana")
        tally(project, by="document", coder="luis", rollup=True)
        project._db.set_trace_callback(None)
        reads = [s for s in statements if "FROM codings" in s and "GROUP BY code_id" in s]
        assert len(reads) == 2
        for read in reads:
            plan = " ".join(r[-1] for r in project._db.execute(f"EXPLAIN QUERY PLAN {read}").fetchall())
            assert "COVERING INDEX codings_code_document_coder" in plan and "codings_coder" not in plan, plan
            assert "TEMP B-TREE" not in plan, plan
