"""What a query's passages become: quotes with citable references, counts, a matrix for the heat map.

**References.**  A passage that is exactly a coded passage is cited as ``qda quotes``
cites it, "P07:12" (the document's short name and the passage's number among the
document's distinct coded passages, ``qda.export.quotes``); any other passage (a
turn, an intersection of two codings) by its paragraph, "P07:¶4".  Short names
never carry the rest of a file name (``qda.references``).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from .grammar import Query, parse

COUNT_COLUMNS = ["passages", "documents", "words", "characters"]
LABEL = 40  # characters of a query's text that label its row in a matrix (save a query to give it a short name)


def _parsed(query: str | Query) -> Query:
    return parse(query) if isinstance(query, str) else query


def query_quotes(project, query: str | Query, context: int = 0, attributes: Sequence[str] = (),
                 label: str = "") -> pd.DataFrame:
    """The passages of ``query`` as quotes, in document order: the columns of ``qda.export.quotes.quotes``
    (``code`` and ``code_path`` hold ``label``, the query's name, else its text), ready for ``write_quotes``.

    ``codes`` lists every code with a coding sharing a character with the passage, ``coders`` who made
    those codings; ``context`` sentences around it within its turn; ``attributes`` added as columns.
    The rows are those of ``qda.query.quotes.query_quote_rows`` (``number`` is <NA> for a passage that
    is no coded passage)."""
    from .quotes import query_quote_rows

    frame = query_quote_rows(project, query, context, attributes, label).frame()
    frame["number"] = frame["number"].astype("Int64")
    return frame


def query_counts(project, query: str | Query, by: str = "document") -> pd.DataFrame:
    """Passages of ``query`` counted by document or by the values of a document attribute: one row a
    document (short name, in import order) or value (sorted), every one of the query's scope even
    at zero; columns ``by``, passages, documents (with a passage), words (beginning in a passage) and
    characters; ``in_scope`` (documents the WHERE clause keeps) for an attribute.  The rows are those
    of ``qda.query.quotes.query_count_rows``."""
    from .quotes import query_count_rows

    rows = query_count_rows(project, query, by)
    frame = rows.frame()
    return frame.astype({c: int for c in rows.columns[1:]}) if len(frame) else frame


def query_matrix(project, queries: Mapping[str, str | Query], by: str = "document") -> pd.DataFrame:
    """Queries (rows, by their names, cut to ``LABEL`` characters) against documents (short names) or an attribute's values (columns):
    passages in each cell.  ``attrs`` say what ``qda.pictures.heatmap.heatmap_figure`` needs."""
    rows = {}
    for name, query in queries.items():
        counts = query_counts(project, query, by=by)
        label = name.replace(" > ", " › ")
        rows[label if len(label) <= LABEL else label[:LABEL - 1].rstrip() + "…"] = counts.set_index(by)["passages"]
    matrix = pd.DataFrame(rows).T.fillna(0).astype(int)
    matrix.index.name = "query"
    matrix.columns.name = by
    matrix.attrs = {"by": by, "measure": "passages", "percent": False, "clustered": False, "project": str(project.name),
                    "rows": "one row a coding query"}
    return matrix
