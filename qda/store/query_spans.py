"""The numbers a coding query reads: only the codings of the codes it names, unit starts and ends,
documents' lengths, as numpy arrays (no pandas), so that a one-shot ``qda query`` reads little.

Why: reading every coding with its ids (``queries.coding_spans``) cost a cold query over
1,000,000 codings most of its time.  Here the codings' spans come from the index on
(document_id, start_offset, end_offset) a document at a time, each document's numbers as one
text (see ``queries._groups``), and the codings of the query's codes are picked out by the row
numbers the index on code_id holds; the ids never cross from the database one a coding.
What was read is kept on the open project while nothing changes (as ``queries.coding_spans``).
"""

from __future__ import annotations

import numpy as np

from .connection import snapshot
from .queries import CHUNK, _groups, _keep, _kept, _version


def document_lengths(project) -> tuple[list[str], list[str], np.ndarray]:
    """(ids, names, lengths in code points (int64)) of every document, in import order."""
    rows = project._db.execute("SELECT id, name, chars FROM documents ORDER BY position").fetchall()
    return [r[0] for r in rows], [r[1] for r in rows], np.array([r[2] for r in rows], dtype=np.int64)


def _all_spans(project) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(document ids, codings a document, row numbers, starts, ends) of every coding, grouped by
    document, read from the index on document_id alone; kept on the open project.  A span comes as
    one number, start * 2**32 + end (offsets are below 2**32, as the stored word starts): a number
    fewer to write as text and read back, a coding (a fifth of the read)."""
    version = _version(project)
    kept = _kept(project, "_qda_query_spans", version)
    if kept is None:
        documents, counts, (rows, spans) = _groups(project._db, "document_id",
                                                   ("rowid", "start_offset * 4294967296 + end_offset"))
        starts, ends = spans >> 32, spans & 0xFFFFFFFF
        kept = _keep(project, "_qda_query_spans", version, (documents, counts, rows, starts, ends))
    return kept


def code_spans(project, code_ids, coder_ids=None) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(document ids, the document of each coding as an index into them, starts, ends) of the codings of
    ``code_ids`` (by ``coder_ids`` only, when given), in no particular order; a coding coded twice
    (two coders) appears twice."""
    with snapshot(project._db):  # the spans and the row numbers of one moment
        documents, counts, rows, starts, ends = _all_spans(project)
        places = _places(project, rows, code_ids, coder_ids)
    coders = tuple(sorted(set(coder_ids or ())))
    chosen = [places[(code, coders)] for code in dict.fromkeys(code_ids)]
    taken = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
    document = np.repeat(np.arange(len(documents), dtype=np.int64), counts)
    return documents, document[taken], starts[taken], ends[taken]


def _places(project, rows: np.ndarray, code_ids, coder_ids=None) -> dict[tuple[str, tuple[str, ...]], np.ndarray]:
    """{(code id, coder ids sorted, () for every coder): the places in ``_all_spans``'s arrays of its
    codings} for ``code_ids`` and those read before, read from the index on code_id (row numbers only)
    and kept on the open project."""
    version = _version(project)
    places = _kept(project, "_qda_query_places", version)
    if places is None:
        places = _keep(project, "_qda_query_places", version, {})
    coders = tuple(sorted(set(coder_ids or ())))
    missing = [code for code in dict.fromkeys(code_ids) if (code, coders) not in places]
    place_of = _places_of(rows) if missing else None
    by_coder = f" AND coder_id IN ({', '.join('?' * len(coders))})" if coders else ""
    for first in range(0, len(missing), CHUNK):
        chunk = missing[first:first + CHUNK]
        for code in chunk:
            places[(code, coders)] = np.zeros(0, dtype=np.int64)
        for code, text in project._db.execute(
                f"SELECT code_id, GROUP_CONCAT(CAST(rowid AS TEXT), ',') FROM codings "
                f"WHERE code_id IN ({', '.join('?' * len(chunk))}){by_coder} GROUP BY code_id", [*chunk, *coders]):
            places[(code, coders)] = place_of(np.fromstring(text, sep=",", dtype=np.int64))
    return places


def _places_of(rows: np.ndarray):
    """A function giving, for row numbers, their places in ``rows`` (distinct row numbers, nearly dense:
    1 to N less the deleted codings), through a table over their range; a number not in ``rows`` (a
    coding added since they were read) is left out."""
    low = int(rows.min()) if len(rows) else 0
    table = np.full((int(rows.max()) - low + 1) if len(rows) else 0, -1, dtype=np.int64)
    table[rows - low] = np.arange(len(rows), dtype=np.int64)

    def place_of(numbers: np.ndarray) -> np.ndarray:
        inside = numbers[(numbers >= low) & (numbers < low + len(table))]
        found = table[inside - low]
        return found[found >= 0]
    return place_of


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
    """A dict the open project keeps under ``name`` while nothing changes (as ``queries.utf8_bodies``),
    for what a query or a concordance read and its next run can reuse; empty again after a change."""
    version = _version(project)
    found = _kept(project, f"_qda_kept_{name}", version)
    return found if found is not None else _keep(project, f"_qda_kept_{name}", version, {})


def codings_of_documents(project, document_ids) -> list[tuple[str, int, int, str, str, str]]:
    """(document id, start, end, code id, coder's name, memo) of every coding of the named documents, in
    row order: what a query's quotes say about the codings each passage meets."""
    from .queries import _rows_of_documents

    coders = dict(project._db.execute("SELECT id, name FROM coders").fetchall())
    rows = _rows_of_documents(project, "SELECT rowid, document_id, start_offset, end_offset, code_id, coder_id, memo "
                                       "FROM codings WHERE document_id IN ({ids})", document_ids)
    rows.sort()
    return [(document, start, end, code, coders[coder], memo) for _, document, start, end, code, coder, memo in rows]
