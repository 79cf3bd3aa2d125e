"""A passage shares a character with a coding (qda.store.passage_codings.meeting: for ``--with``, the
codes a quote meets and a query's codes and coders) exactly when a plain double loop says so, also
across documents, with long spans, with spans that only touch, and however few candidates are
taken at once."""

from __future__ import annotations

import random

import numpy as np
import pytest

from qda.store.coding_arrays import CodingArrays
from qda.store.passage_codings import meeting


def spans(rng: random.Random, n: int, longest: int) -> list[tuple[int, int, int]]:
    found = []
    for _ in range(n):
        start = rng.randrange(0, 200)
        found.append((rng.randrange(3), start, start + rng.randrange(1, longest)))
    return found


def as_codings(found: list[tuple[int, int, int]]) -> CodingArrays:
    document, start, end = (np.array(column, dtype=np.int64) for column in zip(*found)) if found else [np.zeros(0, dtype=np.int64)] * 3
    return CodingArrays([], [], [], document, np.zeros_like(start), np.zeros_like(start), start, end)


def pairs(codings: list, passages: list, at_once: int = 4_000_000) -> set[tuple[int, int]]:
    document, start, end = (np.array(column, dtype=np.int64) for column in zip(*passages))
    passage, coding = meeting(as_codings(codings), document, start, end, at_once=at_once)
    assert (np.diff(passage) >= 0).all()  # in passage order
    return set(zip(passage.tolist(), coding.tolist()))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("at_once", [1, 7, 4_000_000])
def test_meeting_is_the_double_loop(seed, at_once):
    rng = random.Random(seed)
    passages, codings = spans(rng, 60, 15), spans(rng, 80, 120 if seed % 2 else 10)
    expected = {(i, j) for i, a in enumerate(passages) for j, b in enumerate(codings)
                if a[0] == b[0] and a[1] < b[2] and b[1] < a[2]}
    assert pairs(codings, passages, at_once) == expected
    met = {i for i, _ in expected}
    assert met and (seed % 2 or len(met) < len(passages))  # short spans: some passages meet nothing


def test_touching_spans_share_nothing_and_no_codings_meet_nothing():
    codings = [(0, 0, 5), (0, 10, 12), (1, 5, 10)]
    assert pairs(codings, [(0, 5, 10)]) == set()
    assert pairs(codings, [(0, 4, 10), (0, 5, 11)]) == {(0, 0), (1, 1)}
    assert pairs([], [(0, 5, 10)]) == set()
    # a long coding that starts early still meets a short passage far after its start
    assert pairs([(0, 0, 100), (0, 2, 3)], [(0, 50, 51)]) == {(0, 0)}
    # and the document's longest coding does not reach into the next document
    assert pairs([(0, 0, 1000), (1, 990, 995)], [(1, 5, 6), (0, 999, 1001)]) == {(1, 0)}
