"""Where each document's sentences, paragraphs and turns begin and end, stored beside it as arrays
(schema 6), as ``qda.store.words`` stores where its words begin.

Why: a coding query ``WITHIN 2 SENTENCES``, co-occurrence by unit and the concordance read the
units of every document; stepping 480,000 rows of the sentences table cost a one-shot query over
10,000 documents a fifth of a second, one row a document is a hundredth of it.  The unit tables
(sentences, paragraphs, turns: one row a unit, with the turn's speaker) stay: they are what the
app and the exports read a document at a time.  Both are written together, in one transaction,
wherever a document is stored (``Documents._insert_document``: every import, a REFI-QDA project,
a merge, a copy for a coder); ``qda.store.transfer`` copies both as they are; the migration from
schema 5 fills the arrays from the tables.  A document's units never change after import, so the
two cannot drift apart.

A row is (document_id, unit, bounds): ``unit`` one of ``UNITS``, ``bounds`` the units in ``idx``
order as little-endian unsigned 32-bit code-point offsets, start and end interleaved
(start0, end0, start1, end1, ...).  Every document has a row for each unit, empty bounds when
it has none.
"""

from __future__ import annotations

import sys
from array import array
from typing import TYPE_CHECKING, Callable, Iterable

from ..word_starts import pack

if TYPE_CHECKING:
    import numpy as np

UNITS = {"sentence": "sentences", "paragraph": "paragraphs", "turn": "turns"}  # unit: its table
Progress = Callable[[int, int], None]


def bounds_blob(spans: Iterable) -> bytes:
    """Spans (objects with .start and .end, or (start, end) pairs) in order as the stored blob."""
    flat: list[int] = []
    for span in spans:
        start, end = (span.start, span.end) if hasattr(span, "start") else span
        flat += (start, end)
    return pack(flat)


def unpack_bounds(blob) -> tuple["np.ndarray", "np.ndarray"]:
    """(starts, ends) as int64 arrays of a stored blob (bytes or a server's memoryview)."""
    import numpy as np

    pairs = np.frombuffer(blob, dtype="<u4").astype(np.int64)
    return pairs[0::2], pairs[1::2]


def bounds_sequences(blob) -> tuple[array, array]:
    """(starts, ends) of a stored blob (bytes or a server's memoryview) as arrays of the standard library,
    without numpy or an int object each: what a few ``bisect`` lookups a document need."""
    pairs = array(_FOUR_BYTES, bytes(blob))
    if sys.byteorder == "big":
        pairs.byteswap()
    return pairs[0::2], pairs[1::2]


_FOUR_BYTES = next(code for code in "IL" if array(code).itemsize == 4)  # the stored unsigned 32-bit offsets


def store_unit_bounds(db, document_id: str, units: dict[str, Iterable]) -> None:
    """Store the bounds of a document's ``units`` ({unit: spans in idx order}, every unit of ``UNITS``)
    inside the caller's transaction, beside the rows of its unit tables."""
    db.executemany("INSERT INTO unit_bounds (document_id, unit, bounds) VALUES (?, ?, ?)",
                   [(document_id, unit, bounds_blob(units[unit])) for unit in UNITS])


def fill_unit_bounds(db, progress: Progress | None = None) -> int:
    """Store the bounds of every document that has none, read from its unit tables (the migration to
    schema 6), inside the caller's transaction; returns how many documents were done."""
    import numpy as np

    from .queries import _groups

    ids = [row[0] for row in db.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM unit_bounds) ORDER BY id").fetchall()]
    wanted = set(ids)
    read: dict[str, dict[str, bytes]] = {document_id: {} for document_id in ids}
    for unit, table in UNITS.items():
        documents, counts, columns = _groups(db, "document_id", ("idx", "start_offset", "end_offset"), table)
        edges = np.cumsum(counts)[:-1]
        for document_id, idx, starts, ends in zip(documents, *(np.split(column, edges) for column in columns)):
            if document_id in wanted:
                order = np.argsort(idx, kind="stable")
                pairs = np.empty(2 * len(order), dtype=np.int64)
                pairs[0::2], pairs[1::2] = starts[order], ends[order]
                read[document_id][unit] = pack(pairs)
    done = 0
    for document_id in ids:
        db.executemany("INSERT INTO unit_bounds (document_id, unit, bounds) VALUES (?, ?, ?)",
                       [(document_id, unit, read[document_id].get(unit, b"")) for unit in UNITS])
        done += 1
        if progress and (done % 100 == 0 or done == len(ids)):
            progress(done, len(ids))
    return done


def stored_unit_bounds(db, unit: str) -> list[tuple[str, bytes]]:
    """(document id, blob) of every document's ``unit`` ("sentence", "paragraph" or "turn"), in no order."""
    if unit not in UNITS:
        raise ValueError(f"no stored bounds of {unit!r}")
    return db.execute("SELECT document_id, bounds FROM unit_bounds WHERE unit = ?", (unit,)).fetchall()


def unit_arrays(db, unit: str) -> tuple[list[str], "np.ndarray", "np.ndarray", "np.ndarray"]:
    """(document ids, units a document, starts, ends) of every document's ``unit``, grouped by document,
    within a document in idx order (int64 arrays).  Raises ProjectError when a document has no stored
    bounds or a blob is cut short (a damaged project: its units would silently go missing)."""
    rows = stored_unit_bounds(db, unit)
    documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    _check(db, unit, rows, documents)
    return [row[0] for row in rows], *_laid([blob for _, blob in rows])


def _laid(blobs: list) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """(units a blob, starts, ends) of stored blobs (bytes or a server's memoryviews) laid end to end, as
    int64 arrays: joined and read by numpy at once."""
    import numpy as np

    laid = [bytes(blob) for blob in blobs]
    pairs = np.frombuffer(b"".join(laid), dtype="<u4").astype(np.int64)
    return np.array(list(map(len, laid)), dtype=np.int64) // 8, pairs[0::2], pairs[1::2]


def _rows_of(db, unit: str, document_ids: list[str]) -> list[tuple[str, bytes]]:
    """(document id, blob) of ``unit`` for the distinct ``document_ids``, in no order: when they are most of
    the project's (``MOST``), from one statement naming none, else 500 ids a statement.  A ProjectError
    as ``unit_arrays`` for a named document without stored bounds."""
    from .queries import MOST

    if unit not in UNITS:
        raise ValueError(f"no stored bounds of {unit!r}")
    if len(document_ids) > MOST * db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
        wanted = set(document_ids)
        rows = [row for row in stored_unit_bounds(db, unit) if row[0] in wanted]
    else:
        rows = []
        for first in range(0, len(document_ids), 500):
            chunk = document_ids[first:first + 500]
            rows += db.execute(f"SELECT document_id, bounds FROM unit_bounds WHERE unit = ? AND document_id IN "
                               f"({', '.join('?' * len(chunk))})", [unit, *chunk]).fetchall()
    _check(db, unit, rows, len(document_ids))
    return rows


def bounds_of_documents(db, unit: str, document_ids: list[str]) -> dict[str, tuple[array, array]]:
    """{document id: (starts, ends) in idx order, ``bounds_sequences``} of ``unit`` for the named documents
    (``_rows_of``); a ProjectError as ``unit_arrays`` for a named document without stored bounds."""
    rows = _rows_of(db, unit, list(dict.fromkeys(document_ids)))
    return {document_id: bounds_sequences(blob) for document_id, blob in rows}


def laid_bounds(db, unit: str, document_ids: list[str]) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """(units a document, starts, ends) of ``unit`` for the distinct ``document_ids``, laid end to end in
    their order, as int64 arrays: their blobs joined and read by numpy at once, which for 10,000 documents
    costs a third of reading each as ``bounds_of_documents`` and joining the arrays.  Documents that are
    most of the project's are read in one statement naming none (``_rows_of``).  A ProjectError as
    ``unit_arrays`` for a named document without stored bounds."""
    blobs = dict(_rows_of(db, unit, document_ids))
    return _laid([blobs[document_id] for document_id in document_ids])


def speakers_of_turns(db, wanted: dict[str, Iterable[int]]) -> dict[tuple[str, int], str]:
    """{(document id, turn index): speaker} of the named turns ({document id: turn indexes}), the speakers
    the bounds do not hold: each found through the turns' primary key, 400 a statement (a statement a
    document cost a server a round trip each), each row answered by its number in the statement."""
    pairs = [(document_id, int(index)) for document_id, indexes in wanted.items() for index in sorted(set(indexes))]
    found: dict[tuple[str, int], str] = {}
    for first in range(0, len(pairs), 400):
        chunk = pairs[first:first + 400]
        rows = ", ".join(["(CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS INTEGER))"] * len(chunk))
        found.update((chunk[number], speaker) for number, speaker in db.execute(
            f"WITH wanted (number, document_id, idx) AS (VALUES {rows}) SELECT wanted.number, t.speaker FROM wanted "
            "JOIN turns t ON t.document_id = wanted.document_id AND t.idx = wanted.idx",
            [value for number, pair in enumerate(chunk) for value in (number, *pair)]))
    return found


def speaker_labels(db, document_ids) -> set[str]:
    """The distinct speaker labels of the named documents' turns (500 documents a read)."""
    ids = list(dict.fromkeys(document_ids))
    labels: set[str] = set()
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        labels.update(row[0] for row in db.execute(
            f"SELECT DISTINCT speaker FROM turns WHERE document_id IN ({', '.join('?' * len(chunk))})", chunk))
    return labels


def _check(db, unit: str, rows: list, expected: int) -> None:
    """Refuse stored bounds that cannot be a document's units: fewer rows than documents, or a blob
    whose length is no whole number of (start, end) pairs."""
    from ..errors import ProjectError
    from .connection import file_name

    short = [document_id for document_id, blob in rows if len(blob) % 8]
    if len(rows) != expected or short:
        name = getattr(db, "name", None) or file_name(db)
        problem = (f"{expected - len(rows)} document(s) have no stored {unit} bounds" if len(rows) != expected
                   else f"the stored {unit} bounds of document {short[0]} are cut short")
        raise ProjectError(f"{name}: {problem} (table unit_bounds); the project is damaged: restore it from a "
                           "backup or pull a copy from the team server")
