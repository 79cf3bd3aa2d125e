"""Codes against a document attribute (or coder, or document): codings, documents or words.

Cells (docs/analysis.md has a worked example):

* ``codings``: codings of the row's code in the column's documents;
* ``documents``: documents of the column that have at least one coding of the code;
* ``words``: words beginning inside the union of the code's spans in the column's documents.

With ``percent`` each cell is divided by its column's total and multiplied by 100:
for codings, the codings of the shown codes in the column (each coding once,
even when ``rollup`` also counts it for its ancestors); for documents, the
documents of the column; for words, all the words of the column's documents.
"""

from __future__ import annotations

import pandas as pd

from ..errors import QdaError
from ._select import WordIndex, check_attribute, code_rows, resolve_codes, roll_up, select_codings, select_documents, words_coded

MEASURES = ("codings", "documents", "words")


def crosstab(project, rows: str = "code", cols: str = "role", measure: str = "codings", percent: bool = False,
             coder=None, codes=None, where=None, rollup: bool = False) -> pd.DataFrame:
    """A table of codes (rows, in codebook order) by the values of ``cols`` (columns, sorted).

    ``rows`` and ``cols`` are "code" and one of: a document attribute, "coder" or
    "document"; given the other way round the table is transposed.  Returns a
    DataFrame with a ``path`` column (or the attribute's values as first column
    when codes are the columns) and one column per value, plus ``total``."""
    if measure not in MEASURES:
        raise QdaError(f"unknown measure {measure!r}: use codings, documents or words")
    if "code" not in (rows, cols) or rows == cols:
        raise QdaError("a crosstab puts codes on one side: use --rows code --cols ATTRIBUTE (or the reverse)")
    other = cols if rows == "code" else rows
    documents = select_documents(project, where)
    if other not in ("coder", "document"):
        check_attribute(documents, other, project)
    frame = select_codings(project, coder=coder, where=where, documents=documents)
    codebook = project.codebook
    shown = code_rows(codebook, resolve_codes(project, codes))
    shown_ids = set(shown["code_id"])
    plain = frame[frame["code_id"].isin(shown_ids)]
    if rollup:
        frame = roll_up(frame, codebook)
    frame = frame[frame["code_id"].isin(shown_ids)]

    if other == "document":
        group_of = documents.set_index("id")["name"]
    elif other == "coder":
        group_of = None
    else:
        group_of = documents.set_index("id")[other].astype(str)
    frame = frame.assign(_group=frame["coder"] if group_of is None else frame["document_id"].map(group_of))
    plain = plain.assign(_group=plain["coder"] if group_of is None else plain["document_id"].map(group_of))
    if group_of is None:
        values = sorted(set(frame["coder"])) or sorted(c.name for c in project.coders())
    else:
        values = list(documents["name"]) if other == "document" else sorted(set(group_of))

    index = WordIndex(project, documents["id"])
    if measure == "codings":
        cells = frame.groupby(["code_id", "_group"], observed=True).size()
        totals = plain.groupby("_group", observed=True).size()
    elif measure == "documents":
        cells = frame.groupby(["code_id", "_group"], observed=True)["document_id"].nunique()
        if group_of is None:
            totals = pd.Series({v: len(documents) for v in values})
        else:
            totals = documents["id"].map(group_of).value_counts()
    else:
        cells = words_coded(project, frame, ["code_id", "_group"], index)
        if group_of is None:
            totals = pd.Series({v: int(documents["words"].sum()) for v in values})
        else:
            totals = documents.assign(_g=documents["id"].map(group_of)).groupby("_g", observed=True)["words"].sum()

    table = cells.unstack("_group") if len(cells) else pd.DataFrame(index=pd.Index([], name="code_id"))
    table = table.reindex(index=list(shown["code_id"]), columns=values).fillna(0)
    if percent:
        totals = totals.reindex(values).fillna(0)
        table = (table.div(totals.where(totals > 0, 1), axis=1) * 100).round(1)
        table["total"] = (cells.groupby(level=0, observed=True).sum().reindex(table.index).fillna(0)
                          / max(float(totals.sum()), 1.0) * 100).round(1) if measure != "documents" else (
            (frame.groupby("code_id", observed=True)["document_id"].nunique().reindex(table.index).fillna(0) / max(len(documents), 1)) * 100).round(1)
    else:
        table = table.astype("int64")
        if measure == "codings":
            table["total"] = frame.groupby("code_id", observed=True).size().reindex(table.index).fillna(0).astype("int64")
        elif measure == "documents":
            table["total"] = frame.groupby("code_id", observed=True)["document_id"].nunique().reindex(table.index).fillna(0).astype("int64")
        else:
            table["total"] = words_coded(project, frame, ["code_id"], index).reindex(table.index).fillna(0).astype("int64")
    table.columns = [str(c) for c in table.columns]
    table.insert(0, "path", list(shown["path"]))
    table = table.reset_index(drop=True)
    if rows != "code":
        body = table.set_index("path").T
        body.index.name = other
        body.columns.name = None
        return body.reset_index()
    return table
