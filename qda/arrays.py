"""Array steps whose plain numpy form is slow: on some numpy versions a user may have, or on ids.

``np.unique(values)`` (values alone, no ``return_*``) became hash-based in numpy 2.3
(numpy/numpy#28374; #30496 measures it 2x slower on a million integers of 50,000
values).  On keys that are nearly all distinct, as passages and codings are, it is far
slower: a million distinct int64 took 1.1 to 1.7 s with numpy 2.4.6 against 0.02 s by a
sort (2026-12-01, this machine).  `pip install qda` brings numpy 2.4; the tests ran on
numpy 1.26 alone until that day, so nothing showed it (docs/libraries.md, "Which versions
are tested").  Every integer key qda takes distinct values of goes through ``distinct``.
"""

from __future__ import annotations

import numpy as np


def distinct(values: np.ndarray, kind: str | None = None) -> np.ndarray:
    """The distinct values of a 1-D array, sorted: what ``np.unique(values)`` returns, by a sort.

    ``kind``: numpy's sort kind ("stable" merges runs, faster on keys that come mostly in order)."""
    values = np.sort(np.asarray(values).reshape(-1), kind=kind)
    if len(values) < 2:
        return values
    new = np.empty(len(values), dtype=bool)
    new[0] = True
    np.not_equal(values[1:], values[:-1], out=new[1:])
    return values[new]


def search_ids(sorted_ids: np.ndarray, named: np.ndarray, width: int) -> np.ndarray:
    """``np.searchsorted(sorted_ids, named)`` of ids of ``width`` bytes (numpy ``S`` arrays), by their first
    8 bytes read as one big-endian integer where those tell the sorted ids apart (uuid4 texts: 32 random
    bits), a search among integers several times as fast as among bytes; by whole ids otherwise."""
    if width >= 8:
        def heads(ids: np.ndarray) -> np.ndarray:
            return np.ascontiguousarray(ids.view(np.uint8).reshape(-1, width)[:, :8]).view(">u8").ravel()

        keys = heads(sorted_ids)
        if (keys[1:] > keys[:-1]).all():
            return np.searchsorted(keys, heads(named))
    return np.searchsorted(sorted_ids, named)
