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
from typing import TYPE_CHECKING

from .tally import Tally, tally

if TYPE_CHECKING:
    import pandas as pd

FREQUENCY_COLUMNS = ["path", "code", "level", "codings", "documents", "words", "share_documents"]


def frequency_rows(counted: Tally, by: str = "code") -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the frequencies table: per group of ``by`` (none for "code"), each code in
    codebook order with its codings, documents, words and share of documents (rounded to 4 places)."""
    if by in ("code", "coder"):
        sizes = Counter({group: len(counted.documents.ids) for group in counted.groups})
    elif by == "document":
        sizes = Counter({group: 1 for group in counted.groups})
    else:
        sizes = Counter(counted.group_of_document.values())
    rows = []
    codings, with_code, words = counted.codings.get, counted.with_code.get, counted.words.get  # no __missing__ a cell
    shares: dict[tuple[int, int], float] = {}  # few distinct (documents, size), however many rows
    for group in counted.groups:
        size = sizes[group]
        for code in counted.codes:
            key = (group, code.code_id)
            documents = with_code(key, 0)
            share = shares.get((documents, size))
            if share is None:  # numpy's round(4), as the tables always had it: x * 10^4, rint, / 10^4
                share = shares[documents, size] = round(documents / size * 10_000) / 10_000 if size > 0 else 0.0
            row = (code.path, code.name, code.level, codings(key, 0), documents, words(key, 0), share)
            rows.append(row if by == "code" else (group, *row))
    return (FREQUENCY_COLUMNS if by == "code" else [by, *FREQUENCY_COLUMNS]), rows


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
