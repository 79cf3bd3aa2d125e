"""Lean reads for co-occurrence: each coding's document, code, start and end, and the spans of a
unit, as numpy arrays of small integers rather than frames of id strings.

Documents and codes are numbered by their ids in sorted order (``CodedSpans.documents`` and
``CodedSpans.codes`` hold the ids), so that co-occurrence never handles an id once a coding:

- on a file, codings come grouped by document from the index on (document_id, start, end) and
  grouped by code from the index on code_id, each group one text of numbers (see
  ``queries._groups``), and are matched by row number;
- on a server, the codings with their documents and codes already numbered by the server come
  in one row of four binary arrays (``array_send(array_agg(...))``): 8 bytes a number that
  numpy reads as they are, instead of texts the server must build and the client must split,
  or a message a coding (COPY sends one a row, each a Python call on the client).

What is read is kept on the open project while nothing changes (as ``queries.coding_spans``),
so that the coding app's next unit or measure reads nothing again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ProjectError
from .connection import snapshot
from .queries import _groups, _keep, _kept, _row_places, _version
from .units import unit_arrays


@dataclass(frozen=True)
class CodedSpans:
    """Every coding (of the coders asked for) as parallel int64 arrays (M,): ``document`` and ``code``
    index ``documents`` and ``codes`` (ids, sorted); ``start`` and ``end`` are code point offsets."""

    documents: list[str]
    codes: list[str]
    document: np.ndarray
    code: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass(frozen=True)
class UnitSpans:
    """Every span of a unit as parallel int64 arrays (N,); ``document`` indexes ``CodedSpans.documents``."""

    document: np.ndarray
    start: np.ndarray
    end: np.ndarray


def coded_spans(project, unit: str | None = None, coder_ids: list[str] | None = None) -> tuple[CodedSpans, UnitSpans | None]:
    """Every coding (or those of ``coder_ids`` only, in no particular order) and the spans of ``unit``
    ("sentence", "paragraph", "turn", "document"; None for none), their documents numbered alike:
    what is not kept yet is read in one snapshot, and the codings again if the documents changed."""
    version = _version(project)
    kept = _kept(project, "_qda_coded_spans", version)
    if kept is None:
        kept = _keep(project, "_qda_coded_spans", version, {})
    key = ("codings", tuple(sorted(coder_ids)) if coder_ids is not None else None)
    if key not in kept or (unit is not None and unit not in kept):
        try:
            _read(project, kept, key, unit)
        except KeyError as error:  # a reference the project's foreign keys should have kept
            raise ProjectError(f"{project.path}: a coding or a unit's span names a document or code that is "
                               f"not in the project ({error.args[0]}); the project is damaged") from None
    return kept[key], (kept[unit] if unit is not None else None)


def _read(project, kept: dict, key: tuple, unit: str | None) -> None:
    """What ``coded_spans`` does not keep yet, into ``kept``, in one snapshot."""
    with snapshot(project._db) as db:
        documents = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        if kept.get("documents") != documents:
            kept.clear()
            kept["documents"] = documents
        if key not in kept:
            codes = [row[0] for row in db.execute("SELECT id FROM codes ORDER BY id").fetchall()]
            columns = _server_codings(db, key[1]) if project.on_server else _file_codings(db, documents, codes, key[1])
            kept[key] = CodedSpans(documents, codes, *columns)
        if unit is not None and unit not in kept:
            kept[unit] = _unit_spans(db, unit, documents)


def _unit_spans(db, unit: str, documents: list[str]) -> UnitSpans:
    """The spans of ``unit`` ("document" or one of ``qda.store.units.UNITS``), their documents numbered as
    ``documents``: a unit's from the arrays stored beside each document, one row a document."""
    number = {document_id: n for n, document_id in enumerate(documents)}
    if unit == "document":
        rows = db.execute("SELECT id, chars FROM documents").fetchall()
        document = np.array([number[row[0]] for row in rows], dtype=np.int64)
        return UnitSpans(document, np.zeros(len(rows), np.int64), np.array([row[1] for row in rows], dtype=np.int64))
    found, counts, starts, ends = unit_arrays(db, unit)  # one row a document, on either engine
    document = np.repeat(np.array([number[i] for i in found], dtype=np.int64), counts)
    return UnitSpans(document, starts, ends)


def _file_codings(db, documents: list[str], codes: list[str], coders) -> tuple[np.ndarray, ...]:
    """(document, code, start, end) of a file's codings, from two grouped reads of indexes matched by
    row number (the coders' read too when only some coders are asked for)."""
    # each span as one number (start * 2**32 + end): a number fewer for the database to write
    found, per_document, (rows, spans) = _groups(db, "document_id", ("rowid", "start_offset * 4294967296 + end_offset"))
    starts, ends = np.divmod(spans, 1 << 32)
    code_ids, per_code, (code_rows,) = _groups(db, "code_id", ("rowid",))
    total = len(rows)
    if total == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty
    place_of = _row_places(rows)  # a row number's place among the rows read (in row order)
    places = place_of(code_rows) if place_of is not None and len(code_rows) == total else None
    if places is None or len(starts) != total or len(ends) != total:
        return _file_codings_by_row(db, documents, codes, coders)
    document_number = {document_id: n for n, document_id in enumerate(documents)}
    code_number = {code_id: n for n, code_id in enumerate(codes)}
    document = np.repeat(np.array([document_number[i] for i in found], dtype=np.int64), per_document)
    code_in_row_order = np.full(total, -1, dtype=np.int64)
    code_in_row_order[places] = np.repeat(np.array([code_number[i] for i in code_ids], dtype=np.int64), per_code)
    if (code_in_row_order < 0).any():  # a row read twice, another never
        return _file_codings_by_row(db, documents, codes, coders)
    code = code_in_row_order[place_of(rows)]  # in the order of the read by document
    if coders is not None:
        keep = np.zeros(total, dtype=bool)
        for first in range(0, len(coders), 500):
            chunk = list(coders[first:first + 500])
            text = db.execute(f"SELECT GROUP_CONCAT(CAST(rowid AS TEXT), ',') FROM codings "
                              f"WHERE coder_id IN ({', '.join('?' * len(chunk))})", chunk).fetchone()[0]
            if text:
                coder_places = place_of(np.fromstring(text, sep=",", dtype=np.int64))
                if coder_places is None:
                    return _file_codings_by_row(db, documents, codes, coders)
                keep[coder_places] = True
        keep = keep[place_of(rows)]
        document, code, starts, ends = document[keep], code[keep], starts[keep], ends[keep]
    return document, code, starts, ends


def _file_codings_by_row(db, documents: list[str], codes: list[str], coders) -> tuple[np.ndarray, ...]:
    """What ``_file_codings`` reads, row by row: for a file whose grouped reads do not agree."""
    document_number = {document_id: n for n, document_id in enumerate(documents)}
    code_number = {code_id: n for n, code_id in enumerate(codes)}
    rows = db.execute("SELECT document_id, code_id, coder_id, start_offset, end_offset FROM codings").fetchall()
    if coders is not None:
        wanted = set(coders)
        rows = [row for row in rows if row[2] in wanted]
    return (np.array([document_number[row[0]] for row in rows], dtype=np.int64),
            np.array([code_number[row[1]] for row in rows], dtype=np.int64),
            np.array([row[3] for row in rows], dtype=np.int64), np.array([row[4] for row in rows], dtype=np.int64))


def _numbered(table: str) -> str:
    """``table``'s ids numbered from 0 in sorted order, as ``coded_spans`` numbers them (columns id, n)."""
    return f"(SELECT id, CAST(ROW_NUMBER() OVER (ORDER BY id) - 1 AS INTEGER) AS n FROM {table})"


_NUMBERED_DOCUMENTS = _numbered("documents")


def _server_codings(db, coders) -> tuple[np.ndarray, ...]:
    """(document, code, start, end) of a server's codings, numbered by the server, in one row."""
    where, params = "", ()
    if coders is not None:
        where, params = f" WHERE c.coder_id IN ({', '.join('?' * len(coders))})", tuple(coders)
        if not coders:
            where = " WHERE FALSE"
    return _aggregated(db, ("d.n", "k.n", "c.start_offset", "c.end_offset"),
                       f"codings c JOIN {_NUMBERED_DOCUMENTS} d ON d.id = c.document_id "
                       f"JOIN {_numbered('codes')} k ON k.id = c.code_id{where}", params)


def _aggregated(db, columns: tuple[str, ...], source: str, params=()) -> tuple[np.ndarray, ...]:
    """``columns`` (32-bit integers, none null) of every row of ``source`` as int64 arrays, from one
    row of a server: each column one array aggregate (the aggregates of one SELECT see the rows in
    the same order) sent in PostgreSQL's binary array format, which numpy reads as it is: 12 bytes
    of header, a dimension's size and lower bound (8), then a 32-bit length (4) and the value of
    each element, all big-endian."""
    row = db.binary_row(f"SELECT {', '.join(f'array_send(array_agg({column}))' for column in columns)} "
                        f"FROM {source}", params)
    element = np.dtype([("length", ">i4"), ("value", ">i4")])
    arrays = []
    for data in row:
        if data is None:  # no rows: the aggregate is null
            arrays.append(np.zeros(0, np.int64))
            continue
        header = np.frombuffer(data, dtype=">i4", count=5)
        values = np.frombuffer(data, dtype=element, offset=20)
        if header[0] != 1 or header[1] != 0 or header[3] != len(values) or (values["length"] != 4).any():
            raise ValueError("unexpected array from the server")
        arrays.append(values["value"].astype(np.int64))
    return tuple(arrays)
