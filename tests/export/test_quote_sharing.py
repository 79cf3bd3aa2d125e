"""A quote shares a character with a span of another code (qda.export.quotes._meets, for ``--with``)
exactly when a plain double loop says so, also across documents, with long spans and with spans that only touch."""

from __future__ import annotations

import random

import pytest

from qda.export.quotes import _meets, _span_index


def spans(rng: random.Random, n: int, longest: int) -> list[tuple[str, int, int]]:
    found = []
    for _ in range(n):
        start = rng.randrange(0, 200)
        found.append((rng.choice(["d1", "d2", "d3"]), start, start + rng.randrange(1, longest)))
    return found


@pytest.mark.parametrize("seed", range(5))
def test_meeting_is_the_double_loop(seed):
    rng = random.Random(seed)
    first, second = spans(rng, 60, 15), spans(rng, 80, 120 if seed % 2 else 10)
    expected = [any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for b in second) for a in first]
    index = _span_index(second)
    assert [_meets(index, *a) for a in first] == expected
    assert any(expected) and (seed % 2 or not all(expected))  # short spans: some meet nothing


def test_touching_spans_share_nothing_and_no_spans_meet_nothing():
    index = _span_index([("d1", 0, 5), ("d1", 10, 12), ("d2", 5, 10)])
    assert not _meets(index, "d1", 5, 10)
    assert _meets(index, "d1", 4, 10) and _meets(index, "d1", 5, 11)
    assert not _meets(_span_index([]), "d1", 5, 10)
    # a long span that starts early still meets a short one far after its start
    assert _meets(_span_index([("d1", 0, 100), ("d1", 2, 3)]), "d1", 50, 51)
