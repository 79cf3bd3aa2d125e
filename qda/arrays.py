"""Array steps whose plain numpy form is slow on some numpy versions a user may have.

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
