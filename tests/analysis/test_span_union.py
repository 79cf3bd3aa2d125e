"""The union of spans per key (qda.analysis.tally.merge_spans) and the words in it
(tally.words_in_union, tally._union_words) agree with a plain loop over the spans, on seeded random spans."""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
import pytest

from qda.analysis import tally


def union_by_loop(keys, starts, ends) -> list[tuple[int, int, int]]:
    """Sort by key and start; a span that starts at or before the running end of its key extends it."""
    merged: list[list[int]] = []
    for key, start, end in sorted(zip(keys.tolist(), starts.tolist(), ends.tolist())):
        if merged and merged[-1][0] == key and start <= merged[-1][2]:
            merged[-1][2] = max(merged[-1][2], end)
        else:
            merged.append([key, start, end])
    return [tuple(m) for m in merged]


@pytest.mark.parametrize("seed", range(6))
def test_merge_spans_is_the_loop(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    keys = rng.integers(0, int(rng.integers(1, 30)), n) * int(rng.integers(1, 1000))  # sparse, unordered keys
    starts = rng.integers(0, 500, n)
    ends = starts + rng.integers(1, 60, n)
    k, s, e = tally.merge_spans(keys, starts, ends)
    assert list(zip(k.tolist(), s.tolist(), e.tolist())) == union_by_loop(keys, starts, ends)


def test_merge_spans_joins_touching_spans_and_keeps_keys_apart():
    keys = np.array([2, 2, 2, 1, 1])
    starts = np.array([10, 0, 5, 5, 0])
    ends = np.array([12, 5, 8, 7, 5])
    k, s, e = tally.merge_spans(keys, starts, ends)
    assert (k.tolist(), s.tolist(), e.tolist()) == ([1, 2, 2], [0, 0, 10], [7, 8, 12])


@pytest.mark.parametrize("seed", range(4))
def test_words_in_the_union_is_the_loop_one_by_one_and_as_arrays(seed):
    """Words beginning in the union of each pair's spans, summed over documents: by a loop over the
    code points covered; by ``words_in_union`` over the spans in words (few codings: qda.store.coding_words);
    by ``_union_words`` (many, numpy)."""
    rng = np.random.default_rng(seed)
    length, documents, pairs, n = 300, 3, 5, 200
    words = [sorted(set(rng.integers(0, length, 60).tolist())) for _ in range(documents)]
    pair = rng.integers(0, pairs - 1, n)  # the last pair has no spans
    document = rng.integers(0, documents, n)
    starts = rng.integers(0, length - 20, n)
    ends = starts + rng.integers(1, 20, n)

    expected = [0] * pairs
    for p in range(pairs):
        for d in range(documents):
            covered = {c for i in range(n) if pair[i] == p and document[i] == d for c in range(starts[i], ends[i])}
            expected[p] += sum(1 for w in words[d] if w in covered)

    one_by_one = [0] * pairs
    for p in range(pairs):
        for d in range(documents):
            spans = [(bisect_left(words[d], int(starts[i])), bisect_left(words[d], int(ends[i])))  # in words
                     for i in range(n) if pair[i] == p and document[i] == d]
            one_by_one[p] += tally.words_in_union(spans) if spans else 0
    in_words = np.array([(bisect_left(words[d], int(s)), bisect_left(words[d], int(e)))
                         for d, s, e in zip(document, starts, ends)], dtype=np.int64)
    as_arrays, documents_of = tally._union_words(True, document * pairs + pair, in_words[:, 0], in_words[:, 1], pairs)
    assert one_by_one == as_arrays.tolist() == expected and expected[-1] == 0 and sum(expected) > 0
    # and the documents each pair has spans in, counted from the same merged spans
    assert documents_of.tolist() == [len({int(d) for d, q in zip(document, pair) if q == p}) for p in range(pairs)]
