"""The counts behind stats and crosstab (qda.analysis.tally): a few thousand codings are counted one by one in
plain Python, many with numpy arrays; both ways give the same counts for every grouping and filter."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from qda.analysis import tally as tally_module
from qda.analysis.tally import tally, words_in_union
from qda.text import WORD

FIELDS = ("groups", "codings", "with_code", "words", "plain", "code_codings", "code_documents", "code_words")


def counted(project, monkeypatch, many: int, **options) -> dict:
    monkeypatch.setattr(tally_module, "MANY", many)
    result = tally(project, totals=True, **options)
    return {name: +value if isinstance(value, Counter) else value for name, value in
            ((name, getattr(result, name)) for name in FIELDS)}


@pytest.mark.parametrize("by", ["code", "document", "coder", "role"])
def test_counted_one_by_one_or_as_arrays_alike(coded_path, monkeypatch, by):
    import qda

    with qda.open_project(coded_path) as project:
        coders = [c.name for c in project.coders()]
        top = next(code.name for code, depth in project.codebook.walk() if depth == 0)
        combinations = itertools.product((False, True), (None, coders[:1]), (None, [top]),
                                         (None, ["role=police officer,NGO staff"]))
        for rollup, coder, codes, where in combinations:
            options = dict(by=by, rollup=rollup, coder=coder, codes=codes, where=where)
            by_rows = counted(project, monkeypatch, 10**9, **options)
            by_arrays = counted(project, monkeypatch, 0, **options)
            assert by_rows == by_arrays, options
            assert sum(by_rows["codings"].values()) > 0 or coder or where


def test_words_in_union_is_words_beginning_in_any_span():
    # the spans in words (each span's first word number and the number after its last, as bisect_left gives
    # them: qda.store.coding_words) hold exactly the words that begin in the spans in code points
    from bisect import bisect_left

    text = "one two-three four’s five 🙂 six seven eight nine ten"
    starts = [m.start() for m in WORD.finditer(text)]
    spans = [(0, 3), (2, 9), (20, 21), (30, 40), (35, 38), (len(text) - 1, len(text))]
    covered = {p for s, e in spans for p in range(s, e)}
    expected = sum(1 for p in starts if p in covered)
    in_words = [(bisect_left(starts, s), bisect_left(starts, e)) for s, e in spans]
    assert words_in_union(in_words) == expected and 3 <= expected < len(starts)


@pytest.mark.parametrize("by", ["code", "document", "coder", "role"])
def test_frequency_table_from_arrays_is_the_table_from_counters(coded_path, monkeypatch, by):
    # counted with arrays, the frequencies table is read from the arrays (Tally.dense) without making a
    # Counter; it must be the table made from the Counters of the one-by-one count, cell for cell
    import qda
    from qda.analysis.frequencies import frequency_rows

    with qda.open_project(coded_path) as project:
        coder = [c.name for c in project.coders()][:1]
        for options in ({}, {"rollup": True}, {"coder": coder, "where": ["role=police officer,NGO staff"]}):
            monkeypatch.setattr(tally_module, "MANY", 0)
            counted = tally(project, by=by, **options)
            assert counted.dense is not None
            from_arrays = frequency_rows(counted, by)
            monkeypatch.setattr(tally_module, "MANY", 10**9)
            one_by_one = tally(project, by=by, **options)
            assert one_by_one.dense is None
            assert from_arrays == frequency_rows(one_by_one, by), options
            assert sum(row[-4] for row in from_arrays[1]) > 0 or options


@pytest.mark.parametrize("by", ["code", "document", "coder", "role"])
def test_a_count_without_words_counts_the_rest_alike(coded_path, monkeypatch, by):
    # crosstab of codings or documents does not count words (nor read the word starts): every other
    # count is the full count's, one by one and with arrays, and no word is counted
    import qda

    with qda.open_project(coded_path) as project:
        coder = [c.name for c in project.coders()][:1]
        for options in ({}, {"rollup": True}, {"coder": coder, "where": ["role=police officer,NGO staff"]}):
            for many in (10**9, 0):
                full = counted(project, monkeypatch, many, by=by, **options)
                spared = counted(project, monkeypatch, many, by=by, words=False, **options)
                assert spared["words"] == {} and spared["code_words"] == {} and full["words"], options
                assert {k: v for k, v in spared.items() if "words" not in k} == {
                    k: v for k, v in full.items() if "words" not in k}, options
