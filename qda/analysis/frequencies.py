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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._select import WordIndex, check_attribute, code_rows, resolve_codes, roll_up, select_codings, select_documents, words_coded

FREQUENCY_COLUMNS = ["path", "code", "level", "codings", "documents", "words", "share_documents"]


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
    documents = select_documents(project, where)
    if by not in ("code", "document", "coder"):
        check_attribute(documents, by, project)
    frame = select_codings(project, coder=coder, where=where, documents=documents)
    codebook = project.codebook
    if rollup:
        frame = roll_up(frame, codebook)
    shown = code_rows(codebook, resolve_codes(project, codes))
    frame = frame[frame["code_id"].isin(set(shown["code_id"]))]

    if by == "code":
        groups = pd.DataFrame({"_group": ["all"]})
        frame = frame.assign(_group="all")
        sizes = {"all": len(documents)}
    elif by == "document":
        frame = frame.assign(_group=frame["document"])
        groups = pd.DataFrame({"_group": list(documents["name"])})
        sizes = {name: 1 for name in documents["name"]}
    elif by == "coder":
        frame = frame.assign(_group=frame["coder"])
        names = sorted(set(frame["coder"])) or sorted(c.name for c in project.coders())
        groups = pd.DataFrame({"_group": names})
        sizes = {name: len(documents) for name in names}
    else:
        values = documents.set_index("id")[by].astype(str)
        frame = frame.assign(_group=frame["document_id"].map(values))
        order = sorted(set(values))
        groups = pd.DataFrame({"_group": order})
        sizes = values.value_counts().to_dict()

    counted = frame.groupby(["_group", "code_id"], sort=False, observed=True).agg(
        codings=("start", "size"), documents=("document_id", "nunique"))
    words = words_coded(project, frame, ["_group", "code_id"], WordIndex(project, frame["document_id"].unique()))
    counted["words"] = words.reindex(counted.index).fillna(0).astype("int64") if len(counted) else []

    grid = groups.merge(shown, how="cross")
    result = grid.merge(counted.reset_index(), on=["_group", "code_id"], how="left")
    for column in ("codings", "documents", "words"):
        result[column] = result[column].fillna(0).astype("int64")
    size = result["_group"].map(sizes).astype(float)
    result["share_documents"] = np.where(size > 0, result["documents"] / size.where(size > 0, 1), 0.0).round(4)
    if by == "code":
        return result[FREQUENCY_COLUMNS].reset_index(drop=True)
    result = result.rename(columns={"_group": by})
    return result[[by] + FREQUENCY_COLUMNS].reset_index(drop=True)
