"""How often each code is used: codings, documents, words coded and the share of documents.

Definitions (docs/analysis.md has worked examples):

* **codings**: the number of codings of the code (each coder's coding counts);
  with ``rollup`` a parent counts the passages (document, coder, start, end)
  of its whole subtree, a passage that several codes of the subtree carry once.
* **documents**: the documents with at least one such coding.
* **words**: the words that begin inside the union of the code's spans in each
  document, so text coded twice with one code counts once.
* **share_documents**: documents / the number of documents in the group
  (every selected document; for an attribute value, the documents with it;
  for ``by="document"``, 1).

The counting is ``qda.analysis.tally``'s; ``frequency_rows`` lays its counts out as the rows
``qda stats`` prints and ``frequencies`` returns as a DataFrame.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain, product, repeat
from typing import TYPE_CHECKING

from .tally import PER_GROUP, Tally, tally

if TYPE_CHECKING:
    import pandas as pd

FREQUENCY_COLUMNS = ["path", "code", "level", "codings", "documents", "words", "share_documents"]


def frequency_rows(counted: Tally, by: str = "code") -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the frequencies table: per group of ``by`` (none for "code"), each code in
    codebook order with its codings, documents, words and share of documents (rounded to 4 places)."""
    columns, values = frequency_columns(counted, by)
    return columns, list(zip(*values))


def frequency_columns(counted: Tally, by: str = "code") -> tuple[list[str], list]:
    """(columns, the values of each column) of ``frequency_rows``' table, made column by column
    (a table by document of 10,000 documents and 200 codes has 2,000,000 rows): lists, or, where
    the counts were made with arrays, ``qda.rows.IndexedColumn`` (iterated, the same values)."""
    groups, codes = counted.groups, counted.codes
    if by in ("code", "coder"):
        sizes = Counter({group: len(counted.documents.ids) for group in groups})
    elif by == "document":
        sizes = Counter({group: 1 for group in groups})
    else:
        sizes = Counter(counted.group_of_document.values())
    if counted.dense is not None:
        values = _indexed_columns(counted, [sizes[group] for group in groups])
    else:
        codings, documents, words = _per_group(counted)
        shares: list[float] = []
        for first, group in zip(range(0, len(documents), len(codes) or 1), groups):
            size, part = sizes[group], documents[first:first + len(codes)]
            share = {n: _share(n, size) for n in set(part)}  # few distinct values a group
            shares += map(share.__getitem__, part)
        values = [list(chain.from_iterable(repeat(group, len(codes)) for group in groups)),
                  [code.path for code in codes] * len(groups), [code.name for code in codes] * len(groups),
                  [code.level for code in codes] * len(groups), codings, documents, words, shares]
    if by == "code":
        return FREQUENCY_COLUMNS, values[1:]
    return [by, *FREQUENCY_COLUMNS], values


def _share(documents: int, size: int) -> float:
    """The share of a group's ``size`` documents, rounded as numpy's round(4) rounds, as the tables always
    had it: x * 10^4, rint (Python's round: half to even), / 10^4."""
    return round(documents / size * 10_000) / 10_000 if size > 0 else 0.0


def _per_group(counted: Tally) -> list[list[int]]:
    """The codings, documents and words of each (group, code), group after group, each group's codes in order."""
    cells = list(product(counted.groups, [code.code_id for code in counted.codes]))  # (group, code id) of each row
    return [list(map(counts.get, cells, repeat(0))) for counts in  # no __missing__ a cell
            (counted.codings, counted.with_code, counted.words)]


def _indexed_columns(counted: Tally, sizes: list[int]) -> list:
    """The columns of ``frequency_columns`` (the group's first) from the arrays of ``Tally.dense``, each
    an ``IndexedColumn``: no value is made once a row (``sizes``: each group's documents)."""
    import numpy as np

    from ..rows import IndexedColumn

    groups, codes = len(counted.groups), len(counted.codes)
    labels, arrays = counted.dense
    place = {label: index for index, label in enumerate(labels)}
    rows = np.array([place.get(group, len(labels)) for group in counted.groups], dtype=np.int64)
    zero = np.zeros((1, codes), dtype=np.int64)  # a group without codings
    codings, documents, words = (np.concatenate([arrays[name], zero])[rows].ravel() for name in PER_GROUP)
    group, code = np.repeat(np.arange(groups), codes), np.tile(np.arange(codes), groups)
    largest = max(sizes, default=0) + 1
    # each row's share from (its documents, its group's size): few distinct pairs, each worked out once
    pairs = IndexedColumn.of_integers(documents * largest + np.array(sizes, dtype=np.int64)[group])
    every_group, every_code = list(range(groups)) if codes else [], list(range(codes)) if groups else []
    return [IndexedColumn(counted.groups, group, every_group),
            *(IndexedColumn([getattr(row, name) for row in counted.codes], code, every_code)
              for name in ("path", "name", "level")),
            *map(IndexedColumn.of_integers, (codings, documents, words)),
            pairs.map(lambda pair: _share(*divmod(pair, largest)))]


def frequencies(project, by: str = "code", coder=None, codes=None, where=None, rollup: bool = False) -> pd.DataFrame:
    """Per code (in codebook order) the codings, documents, words coded and share of documents.

    Parameters
    ----------
    project : qda.Project
    by : "code" (one row a code), "document", "coder" or a document attribute
        such as "role": one row per (group, code), the group in a first column
        named after ``by``.
    coder : a coder's name or a list of names; default every coder.
    codes : code paths or names; only these codes and their subtrees are listed.
    where : document attribute filter, e.g. ``{"role": "police"}`` or ``"role=police"``.
    rollup : count each parent with its whole subtree.

    Returns
    -------
    DataFrame with columns [by,] path, code, level, codings, documents, words, share_documents.
    Codes without codings appear with 0.
    """
    import pandas as pd

    columns, rows = frequency_rows(tally(project, by=by, coder=coder, codes=codes, where=where, rollup=rollup), by)
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"level": "int64", "codings": "int64", "documents": "int64", "words": "int64",
                         "share_documents": "float64"})
