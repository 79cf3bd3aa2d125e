"""The spans that share a character (qda.export.quotes._sharing) are those a plain double loop finds,
also across documents, with long spans and with spans that only touch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qda.export.quotes import _sharing


def spans(rng, n, longest):
    start = rng.integers(0, 200, n)
    return pd.DataFrame({"document_id": rng.choice(["d1", "d2", "d3"], n), "start": start,
                         "end": start + rng.integers(1, longest, n)})


@pytest.mark.parametrize("seed", range(5))
def test_sharing_is_the_double_loop(seed):
    rng = np.random.default_rng(seed)
    first, second = spans(rng, 60, 15), spans(rng, 80, 120 if seed % 2 else 10)
    expected = sorted((i, j) for i, a in enumerate(first.itertuples()) for j, b in enumerate(second.itertuples())
                      if a.document_id == b.document_id and a.start < b.end and b.start < a.end)
    a, b = _sharing(first, second, {"d1": 0, "d2": 1, "d3": 2})
    assert sorted(zip(a.tolist(), b.tolist())) == expected and expected


def test_touching_spans_share_nothing_and_empty_frames_give_no_pairs():
    first = pd.DataFrame({"document_id": ["d1"], "start": [5], "end": [10]})
    second = pd.DataFrame({"document_id": ["d1", "d1", "d2"], "start": [0, 10, 5], "end": [5, 12, 10]})
    a, b = _sharing(first, second, {"d1": 0, "d2": 1})
    assert a.tolist() == [] and b.tolist() == []
    a, b = _sharing(first, second.iloc[:0], {"d1": 0, "d2": 1})
    assert len(a) == len(b) == 0
