"""What a query's passages become: quotes with citable references, counts, a matrix for the heat map.

**References.**  A passage that is exactly a coded passage is cited as ``qda quotes``
cites it, "P07:12" (the document's short name and the passage's number among the
document's distinct coded passages, ``qda.export.quotes``); any other passage (a
turn, an intersection of two codings) by its paragraph, "P07:¶4".  Short names
never carry the rest of a file name (``qda.references``).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .grammar import Query, parse
from .run import passages, run

COUNT_COLUMNS = ["passages", "documents", "words", "characters"]
LABEL = 40  # characters of a query's text that label its row in a matrix (save a query to give it a short name)


def _parsed(query: str | Query) -> Query:
    return parse(query) if isinstance(query, str) else query


def query_quotes(project, query: str | Query, context: int = 0, attributes: Sequence[str] = (),
                 label: str = "") -> pd.DataFrame:
    """The passages of ``query`` as quotes, in document order: the columns of ``qda.export.quotes.quotes``
    (``code`` and ``code_path`` hold ``label``, the query's name, else its text), ready for ``write_quotes``.

    ``codes`` lists every code with a coding sharing a character with the passage, ``coders`` who made
    those codings; ``context`` sentences around it within its turn; ``attributes`` added as columns."""
    from ..analysis._select import check_attribute
    from ..export.quotes import BASE_COLUMNS, check_quote_attributes, locate_passages
    from ..references import short_names
    from ..store.queries import coding_spans_of_documents, documents_table

    query = _parsed(query)
    found = passages(project, query)
    all_documents = documents_table(project)
    for attribute in attributes:
        check_attribute(all_documents, attribute, project)
    check_quote_attributes(attributes)
    columns = BASE_COLUMNS + list(attributes)
    if found.empty:
        return pd.DataFrame(columns=columns)
    label = label or " ".join(query.text.split())
    short = short_names(all_documents["name"])
    codings = coding_spans_of_documents(project, found["document_id"].unique())
    codings = codings.astype({"document_id": str, "code_id": str, "coder": str})
    # numbers of coded passages, as qda quotes gives them
    coded = codings[["document_id", "start", "end"]].drop_duplicates()
    position = {d: i for i, d in enumerate(all_documents["id"])}
    coded = coded.assign(_pos=coded["document_id"].map(position)).sort_values(["_pos", "start", "end"])
    coded["number"] = coded.groupby("_pos").cumcount() + 1
    frame = found.merge(coded[["document_id", "start", "end", "number"]], on=["document_id", "start", "end"], how="left")
    # the codes and coders of the codings each passage shares a character with
    paths = project.codebook.paths
    meets = frame[["document_id", "start", "end"]].reset_index().merge(
        codings[["document_id", "start", "end", "code_id", "coder", "memo"]], on="document_id", suffixes=("", "_c"))
    meets = meets[(meets["start_c"] < meets["end"]) & (meets["start"] < meets["end_c"])]
    meets = meets.assign(path=meets["code_id"].map(paths))
    frame["codes"] = meets.drop_duplicates(["index", "path"]).sort_values(["index", "path"]).groupby("index")["path"] \
        .agg("; ".join).reindex(frame.index).fillna("")
    frame["coders"] = meets.drop_duplicates(["index", "coder"]).sort_values(["index", "coder"]).groupby("index")["coder"] \
        .agg(", ".join).reindex(frame.index).fillna("")
    exact = meets[(meets["start_c"] == meets["start"]) & (meets["end_c"] == meets["end"]) & (meets["memo"] != "")]
    frame["memo"] = exact.drop_duplicates(["index", "memo"]).groupby("index")["memo"].agg(" | ".join) \
        .reindex(frame.index).fillna("")
    frame = locate_passages(project, frame, context)
    frame["code"] = frame["code_path"] = label
    frame["ref"] = [f"{short[d]}:{int(n)}" if n == n else f"{short[d]}:¶{p}"
                    for d, n, p in zip(frame["document"], frame["number"], frame["paragraph"])]
    frame["number"] = frame["number"].astype("Int64")
    if attributes:
        values = all_documents.set_index("id")
        for attribute in attributes:
            frame[attribute] = frame["document_id"].map(values[attribute]).fillna("")
    return frame[columns]


def query_counts(project, query: str | Query, by: str = "document") -> pd.DataFrame:
    """Passages of ``query`` counted by document or by the values of a document attribute: one row a
    document (short name, in import order) or value (sorted), every one of the query's scope even
    at zero; columns ``by``, passages, documents (with a passage), words (beginning in a passage) and
    characters; ``in_scope`` (documents the WHERE clause keeps) for an attribute."""
    from ..analysis._select import WordIndex, check_attribute
    from ..references import short_names
    from ..store.queries import documents_table

    found, scope = run(project, _parsed(query))
    documents = documents_table(project)
    words = (WordIndex(project, found["document_id"].unique()).count(
        found["document_id"].to_numpy(), found["start"].to_numpy(np.int64), found["end"].to_numpy(np.int64))
        if len(found) else np.zeros(0, dtype=np.int64))
    per = found.assign(words=words, characters=found["end"] - found["start"]).groupby("document_id").agg(
        passages=("start", "size"), words=("words", "sum"), characters=("characters", "sum"))
    table = documents[documents["id"].isin(set(scope.ids))].drop(columns=["words"]).set_index("id")
    table = table.join(per).fillna({"passages": 0, "words": 0, "characters": 0})
    table["documents"] = (table["passages"] > 0).astype(int)
    if by == "document":
        short = short_names(documents["name"])
        result = pd.DataFrame({"document": table["name"].map(short)})
        for column in COUNT_COLUMNS:
            result[column] = table[column].astype(int)
        return result.reset_index(drop=True)
    check_attribute(documents, by, project)
    grouped = table.groupby(by, sort=True).agg(
        passages=("passages", "sum"), documents=("documents", "sum"), words=("words", "sum"),
        characters=("characters", "sum"), in_scope=("name", "size"))
    return grouped.astype(int).reset_index()


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
