"""What an agreement compares: its coders, its codes (or a variable's categories), and the documents
every compared coder has coded (``qda.analysis.agreement`` counts on these).

A code nobody applied enters the pooled figures only when named (``codes_in_play``); a document
counts only when every coder coded it or marked it done (``compared_documents``)."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import NotFoundError, QdaError
from ..model import Codebook
from .agreement_report import counted


def compared_coders(project, coders: Sequence[str] | str) -> list[str]:
    """The coders named (a list, or "ana,luis"), two or more, each one the project knows, in order without repeats."""
    names = [c.strip() for c in (coders.split(",") if isinstance(coders, str) else coders) if c and c.strip()]
    if len(set(names)) < 2:
        raise QdaError("agreement compares two or more coders: give them as --coders ana,luis")
    known = {c.name for c in project.coders()}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise NotFoundError(f"no coder {unknown[0]!r} in {project.path} (coders: {', '.join(sorted(known)) or 'none'})")
    return list(dict.fromkeys(names))


def code_columns(codebook: Codebook, codes: str | Iterable[str] | None, variable: str | None) -> tuple[list[str], dict[str, int]]:
    """(column code ids, code id -> column): the codes compared, or a variable's children."""
    def find(ref: str):
        code = codebook.by_id.get(ref) or codebook.find(ref)
        if code is None:
            raise NotFoundError(f"no code {ref!r} in the codebook")
        return code

    if variable:
        parent = find(variable)
        children = codebook.children(parent.id)
        if len(children) < 2:
            raise QdaError(f"{codebook.path(parent.id)} has {counted(len(children), 'child code')}; a variable needs two or more")
        mapping = {code_id: i for i, child in enumerate(children) for code_id in codebook.subtree_ids(child.id)}
        return [c.id for c in children], mapping
    if codes:
        refs = [codes] if isinstance(codes, str) else list(codes)
        ids: list[str] = []
        for ref in refs:
            for code_id in codebook.subtree_ids(find(ref).id):
                if code_id not in ids:
                    ids.append(code_id)
    else:
        ids = [code.id for code, _ in codebook.walk()]
    return ids, {code_id: i for i, code_id in enumerate(ids)}


def named_codes(codebook: Codebook, codes: str | Iterable[str] | None) -> set[str]:
    """The ids of the codes named with ``--codes`` themselves (not their subtrees)."""
    if not codes:
        return set()
    refs = [codes] if isinstance(codes, str) else list(codes)
    return {(codebook.by_id.get(ref) or codebook.find(ref)).id for ref in refs}


def codes_in_play(histogram: np.ndarray, column_ids: Sequence[str], named: set[str]) -> np.ndarray:
    """Which codes enter the table and the pooled "(all codes)" row, shape (K,) of bool.

    The pooling rule: a code is in play when at least one compared coder applied it in the
    compared documents, or when it was named with ``--codes``.  A code nobody applied would
    add units on which every coder "agrees" by absence and inflate the pooled figures.
    ``histogram`` is (K, 2**M): per code, the weight of units with each presence pattern."""
    applied = histogram[:, 1:].sum(axis=1) > 0
    return applied | np.isin(np.asarray(column_ids, dtype=object), list(named)) if named else applied


def compared_documents(project, coders: Sequence[str], codings: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Documents every coder has coded (a coding in it, or marked done), and the others with why.

    Returns the counted documents (id, name, length in the order of the project) and
    ``{name: "not coded by luis"}`` for the ones left out."""
    documents = project.documents_frame()[["id", "name"]]
    lengths = project.units_frame("document").set_index("document_id")["end"]
    documents = documents.assign(length=documents["id"].map(lengths).fillna(0).astype(np.int64))
    if codings is None:
        codings = project.codings_table(with_text=False)
    coded = {coder: set(codings.loc[codings["coder"] == coder, "document_id"]) | project.done_documents(coder)
             for coder in coders}
    excluded: dict[str, str] = {}
    keep = []
    for document_id, name in zip(documents["id"], documents["name"]):
        missing = [coder for coder in coders if document_id not in coded[coder]]
        keep.append(not missing)
        if missing:
            excluded[name] = "not coded by " + ", ".join(missing)
    return documents[keep].reset_index(drop=True), excluded
