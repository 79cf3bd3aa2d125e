"""The numbers a coding query reads: only the codings of the codes it names, unit starts and ends,
documents' lengths, as numpy arrays (no pandas), so that a one-shot ``qda query`` reads little.

Why: reading every coding with its ids (``queries.coding_spans``) cost a cold query over
1,000,000 codings most of its time.  Here the codings of the query's codes come from the index on
(code_id, document_id, coder_id, start_offset, end_offset) alone (schema 7), one row a code: its
codings' documents as one text of ids laid end to end and their spans as one text of numbers
(see ``queries._groups``), so that no id crosses from the database one a coding and no other
coding is stepped.  What was read is kept on the open project while nothing changes (as
``queries.coding_spans``).
"""

from __future__ import annotations

import numpy as np

from ..arrays import search_ids
from .connection import snapshot
from .queries import CHUNK, _keep, _kept, _version


def document_lengths(project) -> tuple[list[str], list[str], np.ndarray]:
    """(ids, names, lengths in code points (int64)) of every document, in import order."""
    rows = project._db.execute("SELECT id, name, chars FROM documents ORDER BY position").fetchall()
    return [r[0] for r in rows], [r[1] for r in rows], np.array([r[2] for r in rows], dtype=np.int64)


def code_spans(project, code_ids, coder_ids=None) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(document ids, the document of each coding as an index into them, starts, ends) of the codings of
    ``code_ids`` (by ``coder_ids`` only, when given), in no particular order; a coding coded twice
    (two coders) appears twice.  Each code's codings are read once and kept on the open project."""
    version = _version(project)
    kept = _kept(project, "_qda_query_codes", version)
    if kept is None:
        kept = _keep(project, "_qda_query_codes", version, {})
    coders = tuple(sorted(set(coder_ids or ())))
    wanted = list(dict.fromkeys(code_ids))
    missing = [code for code in wanted if (code, coders) not in kept]
    if missing or "documents" not in kept:
        with snapshot(project._db):  # the documents and the codings of one moment
            if "documents" not in kept:
                kept["documents"] = JoinedIds([row[0] for row in project._db.execute("SELECT id FROM documents")])
            for first in range(0, len(missing), CHUNK):
                kept.update(_read_codes(project._db, kept["documents"], missing[first:first + CHUNK], coders))
    chosen = [kept[(code, coders)] for code in wanted]
    document = np.concatenate([c[0] for c in chosen]) if chosen else np.zeros(0, dtype=np.int64)
    spans = np.concatenate([c[1] for c in chosen]) if chosen else np.zeros(0, dtype=np.int64)
    return kept["documents"].ids, document, spans >> 32, spans & 0xFFFFFFFF


class JoinedIds:
    """A project's ids of one kind (documents', codes' or coders'), and how to find the index among them
    of each id of a text of ids laid end to end (one text a group of codings, as ``GROUP_CONCAT`` gives
    the documents of a code's codings from the index on code_id, in document order)."""

    def __init__(self, ids: list[str]):
        self.ids = ids
        widths = {len(i.encode()) for i in ids}
        # every id as wide as every other (UUIDs always): the text cuts into ids without a separator
        self.width = widths.pop() if len(widths) == 1 and 0 not in widths else None
        if self.width:
            as_bytes = np.array([i.encode() for i in ids], dtype=f"S{self.width}")
            self._order = np.argsort(as_bytes, kind="stable")
            self._sorted = as_bytes[self._order]
        self._place = None

    def of_joined(self, joined: str | bytes, count: int) -> np.ndarray:
        """The index into ``ids`` of each of the ``count`` ids laid end to end in ``joined``; a ValueError
        when it does not cut into ``count`` ids of the project (then the caller reads pair by pair)."""
        data = joined.encode() if isinstance(joined, str) else joined
        if self.width is None or len(data) != count * self.width:
            raise ValueError("ids of several widths")
        found = np.frombuffer(data, dtype=f"S{self.width}")
        if count == 0:
            return np.zeros(0, dtype=np.int64)
        new = np.ones(count, dtype=bool)  # ids come in runs (the index is in document order): look up each run once
        new[1:] = found[1:] != found[:-1]
        heads = found[new]
        at = np.minimum(search_ids(self._sorted, heads, self.width), len(self._sorted) - 1)
        if not (self._sorted[at] == heads).all():
            raise ValueError("a coding of a document not in the project")
        return self._order[at].astype(np.int64)[np.cumsum(new) - 1]

    def of(self, id_: str) -> int:
        """The index of one id in ``ids``; a KeyError for an id not there."""
        if self._place is None:
            self._place = {d: i for i, d in enumerate(self.ids)}
        return self._place[id_]


SPAN = "CAST(start_offset * 4294967296 + end_offset AS TEXT)"  # a span as one number: start * 2**32 + end


def _read_codes(db, documents: JoinedIds, codes: list[str], coders: tuple[str, ...]) -> dict:
    """{(code id, coders): (document indices, spans as start * 2**32 + end)} of ``codes`` (at most CHUNK),
    from the index on code_id alone: one row a code (documents' ids laid end to end, spans as text), or,
    when the ids do not cut apart without a separator, one row a code and document."""
    where = f"code_id IN ({', '.join('?' * len(codes))})"
    if coders:  # an expression, not the column: SQLite would otherwise walk the index on coder_id and the table
        where += f" AND coder_id || '' IN ({', '.join('?' * len(coders))})"
    empty = np.zeros(0, dtype=np.int64)
    read = {(code, coders): (empty, empty) for code in codes}
    rows = db.execute(f"SELECT code_id, COUNT(*), GROUP_CONCAT(document_id, ''), GROUP_CONCAT({SPAN}, ',') "
                      f"FROM codings WHERE {where} GROUP BY code_id", [*codes, *coders]).fetchall()
    try:
        for code, count, joined, spans in rows:
            read[(code, coders)] = (documents.of_joined(joined, count), _numbers(spans))
        return read
    except ValueError:
        pass
    pairs: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for code, document_id, count, spans in db.execute(
            f"SELECT code_id, document_id, COUNT(*), GROUP_CONCAT({SPAN}, ',') FROM codings WHERE {where} "
            "GROUP BY code_id, document_id", [*codes, *coders]):
        documents_of_code, spans_of_code = pairs.setdefault(code, ([], []))
        documents_of_code.append(np.full(count, documents.of(document_id), dtype=np.int64))
        spans_of_code.append(_numbers(spans))
    for code, (documents_of_code, spans_of_code) in pairs.items():
        read[(code, coders)] = (np.concatenate(documents_of_code), np.concatenate(spans_of_code))
    return read


def _numbers(text: str) -> np.ndarray:
    return np.fromstring(text, sep=",", dtype=np.int64)


def unit_starts_ends(project, unit: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(document ids, spans a document, starts, ends) of every span of ``unit`` ("sentence",
    "paragraph", "turn"), grouped by document (within a document in idx order), from the arrays
    stored beside each document (``qda.store.units``); kept on the open project."""
    from .units import unit_arrays

    version = _version(project)
    kept = _kept(project, "_qda_query_units", version)
    if kept is None:
        kept = _keep(project, "_qda_query_units", version, {})
    if unit not in kept:
        kept[unit] = unit_arrays(project._db, unit)
    return kept[unit]


def kept(project, name: str) -> dict:
    """A dict the open project keeps under ``name`` while nothing changes (as ``queries.coding_spans``),
    for what a query or a concordance read and its next run can reuse; empty again after a change."""
    version = _version(project)
    found = _kept(project, f"_qda_kept_{name}", version)
    return found if found is not None else _keep(project, f"_qda_kept_{name}", version, {})
