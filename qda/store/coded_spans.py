"""Lean reads for co-occurrence: each coding's document, code, start and end, and the spans of a
unit, as numpy arrays of small integers rather than frames of id strings.

Documents and codes are numbered by their ids in sorted order (``CodedSpans.documents`` and
``CodedSpans.codes`` hold the ids), so that co-occurrence never handles an id once a coding:

- on a file, codings come in one scan of the index on code, one row a code: its codings' document
  ids joined as one text, their spans as one text of numbers (``codings_by_code``);
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

from ..arrays import search_ids
from ..errors import ProjectError
from .coding_packs import packed_codings
from .connection import snapshot
from .queries import _keep, _kept, _version
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
            columns = server_codings(db, key[1]) if project.on_server else _file_codings(db, documents, codes, key[1])
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
    """(document, code, start, end) of a file's codings (of ``coders``' ids only unless None), in the order
    of the text (document, start, end), which the sweeps of co-occurrence take in one run: from their
    documents' packs (``qda.store.coding_packs``), else in one scan of the index on code
    (``codings_by_code``), or row by row where document ids differ in length."""
    packed = _packed(db, documents, codes, coders)
    if packed is not None:
        return packed
    read = codings_by_code(db, documents, codes, coders, ("start_offset * 4294967296 + end_offset",))
    if read is None:
        return _file_codings_by_row(db, documents, codes, coders)
    document, code, _, spans = read
    starts, ends = np.divmod(spans, 1 << 32)
    return _in_text_order(document, code, starts, ends)


def _packed(db, documents: list[str], codes: list[str], coders) -> tuple[np.ndarray, ...] | None:
    """``_file_codings`` from the packs, or None where they cannot give them (``packed_codings``)."""
    coder_ids = [row[0] for row in db.execute("SELECT id FROM coders ORDER BY id").fetchall()]
    packed = packed_codings(db, documents, codes, coder_ids)
    if packed is None:
        return None
    document, code, coder, starts, ends = packed[:5]
    if coders is not None:
        keep = np.isin(coder, [n for n, coder_id in enumerate(coder_ids) if coder_id in set(coders)])
        document, code, starts, ends = document[keep], code[keep], starts[keep], ends[keep]
    return _in_text_order(document, code, starts, ends)


def _in_text_order(document: np.ndarray, code: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple:
    """The codings sorted by (document, start, end), stably; as they are when they come so already (packs)."""
    stride = int(ends.max()) + 1 if len(ends) else 1
    if (int(document.max()) + 1 if len(document) else 1) * stride * stride < 2 ** 62:
        key = (document * stride + starts) * stride + ends
        if (key[1:] >= key[:-1]).all():
            return document, code, starts, ends
        order = np.argsort(key, kind="stable")
    else:
        order = np.lexsort((ends, starts, document))
    return document[order], code[order], starts[order], ends[order]


def codings_by_code(db, documents: list[str], codes: list[str], coders, values: tuple[str, ...],
                    numbered_coders: list[str] | None = None) -> tuple | None:
    """(document, code, coder, *values) of every coding of a file (of the ``coders``' ids only unless
    None) as int64 arrays (M,), in the order of the index on code: ``document``, ``code`` and ``coder``
    number ``documents``, ``codes`` and ``numbered_coders`` (ids, sorted; coder is None without them),
    and ``values`` are integer expressions of a coding's columns that the index holds, none null.

    One scan of the index on code (it holds every column read), one row a code: the ids of its codings'
    documents (and coders) joined without a separator, each value joined by commas (the aggregates of a
    group see its rows in one order).  An id's number is found by a binary search among the sorted ids,
    all of one length in UTF-8 (uuid4 texts).  None where they differ or a value is null (the counts do
    not add up), for the caller to read row by row.  Raises KeyError for an id that is not among them."""
    named = [("document_id", documents)] + ([("coder_id", numbered_coders)] if numbered_coders is not None else [])
    widths = [_width(ids) for _, ids in named]
    if None in widths:
        return None
    where, params = "", ()
    if coders is not None:  # the unary + keeps the scan on the index on code (the coder index would sort)
        where, params = f" WHERE +coder_id IN ({', '.join('?' * len(coders))})", tuple(coders)
    # as blobs: the texts' bytes as they are, not decoded to str and encoded again
    joined = "".join(f", CAST(GROUP_CONCAT({column}, '') AS BLOB)" for column, _ in named)
    joined += "".join(f", CAST(GROUP_CONCAT({value}, ',') AS BLOB)" for value in values)
    rows = db.execute(f"SELECT code_id, COUNT(*){joined} FROM codings{where} GROUP BY code_id", params).fetchall()
    if any(None in row for row in rows):  # a code whose codings' values are all null
        return None
    code_number = {code_id: n for n, code_id in enumerate(codes)}
    counts = np.array([row[1] for row in rows], dtype=np.int64)
    code = np.repeat(np.array([code_number[row[0]] for row in rows], dtype=np.int64), counts)
    numbers = [_numbered_ids(b"".join(row[2 + i] for row in rows), ids, width, len(code))
               for i, ((_, ids), width) in enumerate(zip(named, widths))]
    first = 2 + len(named)
    numbers += [np.fromstring(b",".join(row[first + i] for row in rows), sep=",", dtype=np.int64) if rows
                else np.zeros(0, np.int64) for i in range(len(values))]
    if any(column is None or len(column) != len(code) for column in numbers):  # an id of another length, a null
        return None
    if numbered_coders is None:
        numbers.insert(1, None)
    return (numbers[0], code, *numbers[1:])


def _width(ids: list[str]) -> int | None:
    """The one length of ``ids`` in UTF-8 bytes, None when they differ (or there are none)."""
    widths = {len(i.encode()) for i in ids}
    return widths.pop() if len(widths) == 1 and 0 not in widths else None


def _numbered_ids(text: bytes, ids: list[str], width: int, count: int) -> np.ndarray | None:
    """The number (place among ``ids``, sorted) of each of the ``count`` ids in ``text``, ids of ``width``
    bytes one after the other; None when ``text`` is not that long (an id of another length);
    raises KeyError for one that is not among ``ids``."""
    if len(text) != width * count:
        return None
    named = np.frombuffer(text, dtype=f"S{width}")
    if not len(named):
        return np.zeros(0, np.int64)
    sorted_ids = np.array([i.encode() for i in ids], dtype=f"S{width}")
    number = np.minimum(search_ids(sorted_ids, named, width), len(ids) - 1)
    strangers = np.flatnonzero(sorted_ids[number] != named)
    if len(strangers):
        raise KeyError(named[strangers[0]].decode())
    return number.astype(np.int64)


def _file_codings_by_row(db, documents: list[str], codes: list[str], coders) -> tuple[np.ndarray, ...]:
    """What ``_file_codings`` reads, row by row: for a file whose document ids differ in length."""
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


def server_codings(db, coders, spans: tuple[str, ...] = ("c.start_offset", "c.end_offset"),
                    with_coder: bool = False) -> tuple[np.ndarray, ...]:
    """(document, code, then the coder when ``with_coder``, then ``spans``: columns of the codings ``c``)
    of a server's codings (of the ``coders``' ids only unless None), numbered by the server, in one row."""
    where, params = "", ()
    if coders is not None:
        where, params = f" WHERE c.coder_id IN ({', '.join('?' * len(coders))})", tuple(coders)
        if not coders:
            where = " WHERE FALSE"
    numbered = ("d.n", "k.n") + (("r.n",) if with_coder else ())
    joins = f" JOIN {_numbered('coders')} r ON r.id = c.coder_id" if with_coder else ""
    return _aggregated(db, numbered + spans,
                       f"codings c JOIN {_NUMBERED_DOCUMENTS} d ON d.id = c.document_id "
                       f"JOIN {_numbered('codes')} k ON k.id = c.code_id{joins}{where}", params)


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
