"""Choosing the codings an analysis works on, and the span arithmetic every measure shares.

Private to ``qda.analysis`` and ``qda.export``: the DataFrames of the documents and codings a
filter chooses (the rules themselves, without pandas: ``qda.analysis.selection``), the roll-up
of codes to their ancestors, and the index of where words begin across documents.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from ..model import Codebook
from ..word_starts import BATCH_CHARACTERS, word_starts  # noqa: F401  (where words begin; kept importable from here)
from . import selection
from .selection import (SET_KEY, UNITS, as_list, check_coders, check_unit, parse_where,  # noqa: F401  (shared)
                        resolve_codes)


def check_attribute(documents: pd.DataFrame, name: str, project) -> None:
    selection.check_attribute(documents.columns, name, project)


def select_documents(project, where=None, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The documents frame (``documents``, else read), narrowed to those whose attributes match ``where``
    (values case-insensitive); ``set=NAME[,NAME]`` keeps the documents of those document sets
    (the rules of ``qda.analysis.selection.choose_documents``)."""
    from ..store.queries import documents_table

    documents = documents_table(project) if documents is None else documents
    if parse_where(where):
        listed = selection.Documents(
            documents["id"].tolist(), documents["name"].tolist(), documents["words"].tolist(),
            {c: documents[c].astype(str).tolist() for c in documents.columns if c not in ("id", "name", "words")})
        kept = set(selection.choose_documents(project, where, listed).ids)
        documents = documents[documents["id"].isin(kept)]
    return documents.reset_index(drop=True)


def select_codings(project, coder=None, codes=None, where=None, with_text: bool = False,
                   documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The codings table narrowed by coder(s), code(s) with their subtrees, and document attributes."""
    names = check_coders(project, coder)
    code_ids = resolve_codes(project, codes)
    if documents is None:
        documents = select_documents(project, where)
    if with_text:
        frame = project.codings_table(with_text=True)
    else:
        frame = _lean_codings(project, documents)
    if names:
        frame = frame[frame["coder"].isin(names)]
    if code_ids is not None:
        frame = frame[frame["code_id"].isin(code_ids)]
    if parse_where(where):  # else ``documents`` is every document
        frame = frame[frame["document_id"].isin(set(documents["id"]))]
    return frame.reset_index(drop=True)


def _lean_codings(project, documents: pd.DataFrame) -> pd.DataFrame:
    """The codings table's columns but text and speaker, built with vectorised lookups (fast at scale)."""
    from ..store.queries import coding_spans

    frame = coding_spans(project).copy(deep=False)
    codebook = project.codebook
    names = dict(zip(documents["id"], documents["name"]))
    frame.insert(1, "document", frame["document_id"].map(names))
    frame.insert(3, "code", frame["code_id"].map({c.id: c.name for c in codebook.codes}))
    frame.insert(5, "code_path", frame["code_id"].map(codebook.paths))
    return frame


def code_rows(codebook: Codebook, code_ids: list[str] | None = None) -> pd.DataFrame:
    """Codes in codebook order: code_id, path, code, level (1 for top-level codes), colour."""
    rows = [{"code_id": code.id, "path": codebook.path(code.id), "code": code.name, "level": depth + 1,
             "colour": code.colour} for code, depth in codebook.walk()]
    frame = pd.DataFrame(rows, columns=["code_id", "path", "code", "level", "colour"])
    if code_ids is not None:
        frame = frame[frame["code_id"].isin(code_ids)].reset_index(drop=True)
    return frame


def roll_up(frame: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Each coding counted for its code and for every ancestor of it.

    A passage (document, coder, start, end) that several codes of one subtree
    carry is counted once for their common ancestor: rows are de-duplicated on
    (document, coder, start, end, code)."""
    if frame.empty:
        return frame
    ids = [code.id for code in codebook.codes]
    number = {code_id: i for i, code_id in enumerate(ids)}
    chains = [[number[code.id]] + [number[a.id] for a in codebook.ancestors(code.id)] for code in codebook.codes]
    lengths = np.array([len(c) for c in chains], dtype=np.int64)
    flat = np.concatenate([np.array(c, dtype=np.int64) for c in chains])
    begin = np.cumsum(lengths) - lengths
    column = frame["code_id"]
    if isinstance(column.dtype, pd.CategoricalDtype):  # one lookup a category, not a coding
        own = np.array([number[str(c)] for c in column.cat.categories], dtype=np.int64)[column.cat.codes.to_numpy()]
    else:
        own = column.astype(str).map(number).to_numpy(np.int64)
    repeat = lengths[own]
    rows = np.repeat(np.arange(len(frame)), repeat)
    step = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    codes = flat[np.repeat(begin[own], repeat) + step]
    # the first row of each (passage, code): one integer key, the passage numbered on the codings
    passage = frame.groupby(["document_id", "coder", "start", "end"], sort=False, observed=True,
                            dropna=False).ngroup().to_numpy(np.int64)
    _, first = np.unique(passage[rows] * len(ids) + codes, return_index=True)  # (a stable sort: the first of each)
    first.sort()
    rows, codes = rows[first], codes[first]
    expanded = frame.iloc[rows].reset_index(drop=True)
    expanded["code_id"] = pd.Categorical.from_codes(codes, categories=ids)
    paths = codebook.paths
    expanded["code_path"] = expanded["code_id"].map(paths)
    expanded["code"] = expanded["code_id"].map({c.id: c.name for c in codebook.codes})
    return expanded


class WordIndex:
    """Where words begin in each document, so that the words of many spans are counted at once.

    A word counts for a span when the word begins inside it (``qda.text.WORD``).
    Each document's word starts are stored with it (``qda.store.words``) and kept on the open
    project once read, so only the starts of documents not seen before are read.  The index
    lays the documents end to end, one position apart (``offsets``)."""

    def __init__(self, project, document_ids: Iterable[str]):
        from ..store.words import stored_word_starts

        cache: dict[str, tuple[np.ndarray, int]] = project.__dict__.setdefault("_qda_word_starts", {})
        wanted = sorted({str(d) for d in document_ids})
        missing = [d for d in wanted if d not in cache]
        for document_id, blob, length in stored_word_starts(project, missing):
            cache[document_id] = (np.frombuffer(blob, dtype="<u4").astype(np.int64), int(length))
        wanted = [d for d in wanted if d in cache]
        # the documents end to end in id order: each one's word starts moved by its offset
        arrays = [cache[document_id][0] for document_id in wanted]
        lengths = np.array([cache[document_id][1] for document_id in wanted], dtype=np.int64) + 1
        offsets = np.cumsum(lengths) - lengths
        self.offsets = dict(zip(wanted, offsets.tolist()))
        self.starts = (np.concatenate(arrays) + np.repeat(offsets, [len(a) for a in arrays]) if arrays
                       else np.zeros(0, dtype=np.int64))

    def bases(self, document_ids) -> np.ndarray:
        """Where each span's document begins in the joined index; ``document_ids`` (M,) names each
        span's document (a categorical column is mapped once per category)."""
        column = document_ids if isinstance(document_ids, pd.Series) else pd.Series(document_ids)
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("category")
        place = np.array([self.offsets.get(str(d), 0) for d in column.cat.categories], dtype=np.int64)
        return place[column.cat.codes.to_numpy()] if len(place) else np.zeros(len(column), dtype=np.int64)

    def count(self, document_ids, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Words beginning in each span; ``document_ids`` (M,) names each span's document."""
        return self.count_joined(self.bases(document_ids), starts, ends)

    def count_joined(self, bases: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Words beginning in each span, given where each span's document begins (``bases``)."""
        first = np.searchsorted(self.starts, bases + starts, side="left")
        last = np.searchsorted(self.starts, bases + ends, side="left")
        return last - first
