"""Codes against a document attribute (or coder, or document): codings, documents or words.

Cells (docs/analysis.md has a worked example):

* ``codings``: codings of the row's code in the column's documents;
* ``documents``: documents of the column that have at least one coding of the code;
* ``words``: words beginning inside the union of the code's spans in the column's documents.

With ``percent`` each cell is divided by its column's total and multiplied by 100:
for codings, the codings of the shown codes in the column (each coding once,
even when ``rollup`` also counts it for its ancestors); for documents, the
documents of the column; for words, all the words of the column's documents.

The counting is ``qda.analysis.tally``'s; ``crosstab_rows`` lays its counts out as the rows
``qda crosstab`` prints and ``crosstab`` returns as a DataFrame.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..errors import QdaError
from .tally import Tally, tally

if TYPE_CHECKING:
    import pandas as pd

MEASURES = ("codings", "documents", "words")


def _rounded(value: float) -> float:
    """``value`` to one decimal as numpy rounds it (x * 10, rint, / 10), as the tables always had it."""
    return round(value * 10) / 10


def crosstab_rows(project, rows: str = "code", cols: str = "role", measure: str = "codings", percent: bool = False,
                  coder=None, codes=None, where=None, rollup: bool = False) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the table ``crosstab`` returns (see there), in plain Python."""
    if measure not in MEASURES:
        raise QdaError(f"unknown measure {measure!r}: use codings, documents or words")
    if "code" not in (rows, cols) or rows == cols:
        raise QdaError("a crosstab puts codes on one side: use --rows code --cols ATTRIBUTE (or the reverse)")
    other = cols if rows == "code" else rows
    counted = tally(project, by=other, coder=coder, codes=codes, where=where, rollup=rollup, totals=True,
                    words=measure == "words")
    values = counted.groups
    cells = {"codings": counted.codings, "documents": counted.with_code, "words": counted.words}[measure]
    totals = _column_totals(counted, measure)
    body: list[tuple] = []
    for code in counted.codes:
        row = [cells.get((value, code.code_id), 0) for value in values]
        if percent:
            row = [_rounded(cell / (totals[value] if totals[value] > 0 else 1) * 100) for cell, value in zip(row, values)]
            if measure == "documents":
                total = _rounded(counted.code_documents[code.code_id] / max(len(counted.documents.ids), 1) * 100)
            else:
                whole = sum(totals[value] for value in values)
                total = _rounded(sum(cells.get((value, code.code_id), 0) for value in values) / max(float(whole), 1.0) * 100)
        else:
            total = {"codings": counted.code_codings, "documents": counted.code_documents,
                     "words": counted.code_words}[measure][code.code_id]
        body.append((code.path, *row, total))
    header = ["path", *map(str, values), "total"]
    if rows == "code":
        return header, body
    # codes as columns: one row a value, then the row of totals
    paths = [code.path for code in counted.codes]
    return [other, *paths], [(label, *(line[index] for line in body)) for index, label in enumerate(header[1:], 1)]


def _column_totals(counted: Tally, measure: str) -> Counter:
    """What a column's cells are a percentage of (see the module's docstring)."""
    if measure == "codings":
        return counted.plain
    documents = counted.documents
    if counted.group_of_document is None:  # by coder: every selected document is each coder's
        return Counter({value: (len(documents.ids) if measure == "documents" else sum(documents.words))
                        for value in counted.groups})
    totals: Counter = Counter()
    for document_id, words in zip(documents.ids, documents.words):
        totals[counted.group_of_document[document_id]] += 1 if measure == "documents" else words
    return totals


def crosstab(project, rows: str = "code", cols: str = "role", measure: str = "codings", percent: bool = False,
             coder=None, codes=None, where=None, rollup: bool = False) -> pd.DataFrame:
    """A table of codes (rows, in codebook order) by the values of ``cols`` (columns, sorted).

    ``rows`` and ``cols`` are "code" and one of: a document attribute, "coder" or
    "document"; given the other way round the table is transposed.  Returns a
    DataFrame with a ``path`` column (or the attribute's values as first column
    when codes are the columns) and one column per value, plus ``total``."""
    import pandas as pd

    header, body = crosstab_rows(project, rows=rows, cols=cols, measure=measure, percent=percent, coder=coder,
                                 codes=codes, where=where, rollup=rollup)
    frame = pd.DataFrame(body, columns=header)
    kind = "float64" if percent else "int64"
    return frame.astype({column: kind for column in header[1:]})
