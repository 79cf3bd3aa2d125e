"""The union of spans per key (qda.analysis._select.merge_spans) and the words in it
(words_coded) agree with a plain loop over the spans, on seeded random spans."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qda.analysis import _select


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
    k, s, e = _select.merge_spans(keys, starts, ends)
    assert list(zip(k.tolist(), s.tolist(), e.tolist())) == union_by_loop(keys, starts, ends)


def test_merge_spans_joins_touching_spans_and_keeps_keys_apart():
    keys = np.array([2, 2, 2, 1, 1])
    starts = np.array([10, 0, 5, 5, 0])
    ends = np.array([12, 5, 8, 7, 5])
    k, s, e = _select.merge_spans(keys, starts, ends)
    assert (k.tolist(), s.tolist(), e.tolist()) == ([1, 2, 2], [0, 0, 10], [7, 8, 12])


class Index:
    """A WordIndex over given word starts, without a project."""

    def __init__(self, words: dict[str, list[int]], length: int):
        index = object.__new__(_select.WordIndex)
        index.offsets = {d: i * (length + 1) for i, d in enumerate(sorted(words))}
        index.starts = np.concatenate([np.array(words[d], dtype=np.int64) + index.offsets[d] for d in sorted(words)])
        self.index = index


@pytest.mark.parametrize("seed", range(4))
def test_words_coded_is_the_loop(seed):
    rng = np.random.default_rng(seed)
    length = 300
    documents = ["d1", "d2", "d3"]
    words = {d: sorted(set(rng.integers(0, length, 60).tolist())) for d in documents}
    n = 200
    frame = pd.DataFrame({
        "code_id": pd.Categorical(rng.choice(["a", "b", "c", "unused"], n), categories=["a", "b", "c", "unused", "z"]),
        "_group": rng.choice(["x", "y", None], n, p=[0.45, 0.45, 0.1]),
        "document_id": pd.Categorical(rng.choice(documents, n), categories=documents + ["never"]),
        "start": rng.integers(0, length - 20, n)})
    frame["end"] = frame["start"] + rng.integers(1, 20, n)
    result = _select.words_coded(None, frame, ["code_id", "_group"], Index(words, length).index)

    expected: dict[tuple, int] = {}
    for (code, group), rows in frame.dropna(subset=["_group"]).groupby(["code_id", "_group"], observed=True, sort=False):
        total = 0
        for document, spans in rows.groupby("document_id", observed=True):
            covered = set()
            for start, end in zip(spans["start"], spans["end"]):
                covered.update(range(start, end))
            total += sum(1 for w in words[document] if w in covered)
        expected[(code, group)] = total
    assert result.to_dict() == expected
    assert result.dtype == np.int64
    first_seen = list(dict.fromkeys(zip(*(frame.dropna(subset=["_group"])[c] for c in ("code_id", "_group")))))
    assert list(result.index) == first_seen


def test_roll_up_is_the_loop(coded_path):
    """Each coding for its code and each ancestor, the first of each (document, coder, start, end, code) kept."""
    import qda

    with qda.open_project(coded_path) as project:
        codebook = project.codebook
        frame = _select.select_codings(project)
        # two codes of one subtree on one passage: their common ancestor once
        extra = frame.iloc[[0]].copy()
        sibling = next(c for c in codebook.codes if c.parent_id == codebook.by_id[extra["code_id"].iat[0]].parent_id
                       and c.id != extra["code_id"].iat[0]) if codebook.by_id[extra["code_id"].iat[0]].parent_id else None
        if sibling is not None:
            extra["code_id"] = sibling.id
            frame = pd.concat([frame.astype({"code_id": str}), extra.astype({"code_id": str})], ignore_index=True)
        rolled = _select.roll_up(frame, codebook)
        expected, seen = [], set()
        for position, row in enumerate(frame.itertuples()):
            for code_id in [row.code_id] + [a.id for a in codebook.ancestors(row.code_id)]:
                key = (row.document_id, row.coder, row.start, row.end, code_id)
                if key not in seen:
                    seen.add(key)
                    expected.append((position, code_id))
        assert sibling is None or len(frame) > len(frame.drop_duplicates(["document_id", "coder", "start", "end"]))
        assert len(rolled) == len(expected) > len(frame)
        assert list(zip(rolled["row"], rolled["code_id"].astype(str))) == [(frame["row"].iat[p], c) for p, c in expected]
        assert list(rolled["code_path"]) == [codebook.paths[c] for _, c in expected]
