"""Reads for quotes: the codings of chosen codes and what a listing says about each coded passage.

Plain rows, no pandas: ``qda quotes`` reads the codings of the codes asked for, and
for the passages it prints only their numbers, the codes they meet and the units
and texts of their own documents, never the whole codings table.  A passage is a
(document id, start, end) span.

Two ways to place passages, the same answers: a few passages (fewer than ``MANY``, or
fewer than ``AT_ONCE`` a document) are sent to the database several at once as a
``VALUES`` list (both engines name its columns column1, column2, ...), each looked up
through the indexes, and found in their documents' stored unit bounds (``qda.store.units``,
one row a document) for their turns and paragraphs, without numpy; many passages meet their
documents' codings read at once (``qda.store.passage_codings``: numbers, codes met) and are
placed in their documents' unit bounds laid on one line (numpy's binary search), which costs
less than a lookup a passage once documents hold several.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import groupby
from operator import itemgetter
from typing import Iterable, Iterator, Sequence

from ..word_starts import unpack
from .queries import CHUNK, MOST, _rows_of_documents

SPANS_AT_ONCE = 200  # passages a statement names (four parameters each: within SQLite's oldest limit of 999)
MANY = 20_000  # passages from which their documents are read whole ...
AT_ONCE = 4    # ... when the documents hold this many of them on average
# Where a passage starts, each a column of ``places_of``: the turn (speaker, start, end), the paragraph
# (how many begin at or before it) and the subtitle cue (its time).  Units are in text order, so the
# unit a passage starts in is the last one (by index) to begin at or before the passage's start.
PLACES = ("turn", "paragraph", "time")
SPEAKERS_APART = "\x1f"  # the unit separator: between the speakers of a document's turns read as one text
_CUE_TIME = ("(SELECT c.time_start FROM cues c WHERE c.document_id = v.column2 AND c.start_offset <= v.column3 "
             "ORDER BY c.idx DESC LIMIT 1)")


def codings_of_codes(project, code_ids: Sequence[str], memos: bool = False) -> list[tuple]:
    """(code id, document id, coder's name, start, end) of every coding of ``code_ids``, in no particular
    order, from the index on code_id alone; with ``memos``, (..., memo) of those that have a memo (from
    the table), in row order (the order their memos are listed in)."""
    codes = list(dict.fromkeys(code_ids))
    coders = dict(project._db.execute("SELECT id, name FROM coders").fetchall())
    memo, with_memo, row = (", memo", " AND memo <> ''", "rowid, ") if memos else ("", "", "")
    rows: list[tuple] = []
    for first in range(0, len(codes), CHUNK):
        chunk = codes[first:first + CHUNK]
        rows += project._db.execute(
            f"SELECT {row}code_id, document_id, coder_id, start_offset, end_offset{memo} FROM codings "
            f"WHERE code_id IN ({', '.join('?' * len(chunk))}){with_memo}", chunk).fetchall()
    if not memos:
        return [(code, document, coders[coder], start, end) for code, document, coder, start, end in rows]
    rows.sort()
    return [(code, document, coders[coder], *rest) for _, code, document, coder, *rest in rows]


def count_codings_of_codes(project, code_ids: Sequence[str]) -> int:
    """How many codings ``code_ids`` have, from the index on code_id alone."""
    codes = list(dict.fromkeys(code_ids))
    return sum(project._db.execute(f"SELECT COUNT(*) FROM codings WHERE code_id IN ({', '.join('?' * len(chunk))})",
                                   chunk).fetchone()[0]
               for chunk in (codes[first:first + CHUNK] for first in range(0, len(codes), CHUNK)))


def _batches(spans: Sequence[tuple[str, int, int]]) -> Iterator[tuple[int, str, list]]:
    """(the first span's index, a VALUES list of (index, document id, start, end), its parameters)."""
    for first in range(0, len(spans), SPANS_AT_ONCE):
        chunk = spans[first:first + SPANS_AT_ONCE]
        values = ", ".join(["(?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))"] * len(chunk))
        params = [value for index, span in enumerate(chunk, start=first) for value in (index, *span)]
        yield first, values, params


def by_document(spans: Sequence[tuple[str, int, int]]) -> dict[str, list[int]]:
    """{document id: the indexes of its passages in ``spans``, in order}."""
    grouped: dict[str, list[int]] = {}
    documents = list(map(itemgetter(0), spans))
    for document_id, run in groupby(range(len(spans)), documents.__getitem__):  # passages come in runs a document
        grouped.setdefault(document_id, []).extend(run)
    return grouped


def many_passages(spans: Sequence[tuple[str, int, int]], grouped: dict[str, list[int]] | None) -> dict[str, list[int]] | None:
    """``by_document(spans)`` (``grouped`` if the caller has it already) when the passages are many
    enough to read their documents whole (``MANY``, ``AT_ONCE``), else None."""
    if len(spans) < MANY:
        return None
    involved = grouped if grouped is not None else by_document(spans)
    return involved if len(spans) >= AT_ONCE * len(involved) else None


def passage_numbers_of(project, spans: Sequence[tuple[str, int, int]],
                       grouped: dict[str, list[int]] | None = None) -> list[int]:
    """Each passage's number in its document, from 1: how many distinct coded passages (of every code
    and coder) come before it or are it, ordered by start then end (``passage_numbers`` numbers them
    all; this counts for the named ones only).  ``grouped``: ``by_document(spans)``, if known.  Many
    passages are numbered from their documents' codings read at once (``qda.store.passage_codings``)."""
    involved = many_passages(spans, grouped)
    if involved is not None:
        from .passage_codings import codings_of_documents, known_ids, passage_numbers

        known = known_ids(project)
        return passage_numbers(codings_of_documents(project, involved, known, labels=False), *known.spans(spans))[0].tolist()
    numbers = [0] * len(spans)
    for _first, values, params in _batches(spans):
        for index, number in project._db.execute(
                "SELECT v.column1, (SELECT COUNT(*) FROM (SELECT DISTINCT p.start_offset, p.end_offset FROM codings p "
                "WHERE p.document_id = v.column2 AND p.start_offset <= v.column3 "
                "AND (p.start_offset < v.column3 OR p.end_offset <= v.column4)) AS earlier) "
                f"FROM (VALUES {values}) AS v", params):
            numbers[index] = number
    return numbers


def codes_meeting(project, spans: Sequence[tuple[str, int, int]], coders: Sequence[str] = ()) -> list[set[str]]:
    """For each passage, the ids of the codes of every coding (by ``coders``, else by anyone) that shares
    a character with it."""
    met: list[set[str]] = [set() for _ in spans]
    names = list(coders)
    by_coder = (f" AND o.coder_id IN (SELECT id FROM coders WHERE name IN ({', '.join('?' * len(names))}))"
                if names else "")
    for _first, values, params in _batches(spans):
        for index, code_id in project._db.execute(
                f"SELECT v.column1, o.code_id FROM (VALUES {values}) AS v JOIN codings o ON o.document_id = v.column2 "
                f"AND o.start_offset < v.column4 AND o.end_offset > v.column3{by_coder}", params + names):
            met[index].add(code_id)
    return met


def places_of(project, spans: Sequence[tuple[str, int, int]], places: Sequence[str],
              grouped: dict[str, list[int]] | None = None) -> dict[str, list]:
    """For each passage, where it starts: {place: one value a passage} for the ``PLACES`` asked for.
    "turn": (speaker, start, end) of the last turn to begin at or before it, or (None, None, None);
    "paragraph": how many paragraphs begin at or before it; "time": the start (seconds) of the last
    subtitle cue to begin at or before it, or None.  ``grouped``: ``by_document(spans)``, if known."""
    involved = many_passages(spans, grouped)
    if involved is not None:
        return _places_by_document(project, spans, places, involved)
    found = _places_from_bounds(project, spans, [place for place in places if place != "time"])
    if "time" in places:
        found["time"] = times = [None] * len(spans)
        for _first, values, params in _batches(spans):
            for index, time in project._db.execute(f"SELECT v.column1, {_CUE_TIME} FROM (VALUES {values}) AS v", params):
                times[index] = time
    return found


def _places_from_bounds(project, spans, places: Sequence[str]) -> dict[str, list]:
    """``places_of`` for "turn" and "paragraph" from the passages' documents' stored unit bounds
    (``qda.store.units``: one row a document, a unit's place in them its idx), by binary search; only
    the speakers of the turns found are read from the turns table, by key.  A project whose bounds
    are damaged is a ProjectError, as wherever the bounds are read."""
    from .units import _check

    found: dict[str, list] = {}
    involved = list(dict.fromkeys(document_id for document_id, _, _ in spans))
    for place in places:
        rows = []
        for first in range(0, len(involved), CHUNK):
            chunk = involved[first:first + CHUNK]
            rows += project._db.execute("SELECT document_id, bounds FROM unit_bounds WHERE unit = ? AND document_id IN "
                                        f"({', '.join('?' * len(chunk))})", [place, *chunk]).fetchall()
        _check(project._db, place, rows, len(involved))
        bounds = {document_id: unpack(blob) for document_id, blob in rows}  # start, end, start, end...
        starts = {document_id: pairs[0::2] for document_id, pairs in bounds.items()}
        begun = [bisect_right(starts[document_id], start) for document_id, start, _ in spans]
        if place == "paragraph":
            found[place] = begun
            continue
        turns = [(None, None, None)] * len(spans)
        keys = [(i, spans[i][0], count - 1) for i, count in enumerate(begun) if count]
        for first in range(0, len(keys), SPANS_AT_ONCE):
            chunk = keys[first:first + SPANS_AT_ONCE]
            values = ", ".join(["(?, ?, CAST(? AS INTEGER))"] * len(chunk))
            for index, speaker in project._db.execute(
                    f"SELECT v.column1, t.speaker FROM (VALUES {values}) AS v JOIN turns t "
                    "ON t.document_id = v.column2 AND t.idx = v.column3", [value for key in chunk for value in key]):
                document_id, idx = spans[index][0], begun[index] - 1
                turns[index] = (speaker, bounds[document_id][2 * idx], bounds[document_id][2 * idx + 1])
        found[place] = turns
    return found


def _places_by_document(project, spans, places: Sequence[str], involved: dict[str, list[int]]) -> dict[str, list]:
    """``places_of`` from the stored unit bounds of the passages' documents (one row a document) laid on
    one line and searched at once (numpy), the speakers of their turns read in one pass, and the cues
    of each document read once in index order."""
    import numpy as np

    from .units import laid_bounds

    found: dict[str, list] = {}
    documents = list(involved)
    place = {document_id: i for i, document_id in enumerate(documents)}
    document = np.array([place[document_id] for document_id, _, _ in spans], dtype=np.int64)
    start = np.array([first for _, first, _ in spans], dtype=np.int64)
    for unit in [place for place in ("turn", "paragraph") if place in places]:
        counts, starts, ends = laid_bounds(project._db, unit, documents)
        stride = 1 + max(int(starts.max()) if len(starts) else 0, int(start.max()))
        firsts = np.cumsum(counts) - counts
        line = np.repeat(np.arange(len(documents), dtype=np.int64), counts) * stride + starts  # units in text order
        begun = np.searchsorted(line, document * stride + start, side="right") - firsts[document]
        if unit == "paragraph":
            found[unit] = begun.tolist()
            continue
        speakers = _speakers_of(project, documents, counts.tolist())
        at = (firsts[document] + begun - 1).tolist()
        turn_starts, turn_ends = starts.tolist(), ends.tolist()
        none = (None, None, None)  # before the first turn, or in a turn the turns table lacks (as ``_places_from_bounds``)
        found[unit] = [none if not count or speakers[i] is None else (speakers[i], turn_starts[i], turn_ends[i])
                       for i, count in zip(at, begun.tolist())]
    if "time" in places:
        found["time"] = _last_begun(project, "SELECT document_id, start_offset, time_start FROM cues", spans, involved, None)
    return found


def _speakers_of(project, documents: list[str], counts: list[int]) -> list[str | None]:
    """The speakers of the turns of ``documents``, whose stored bounds count ``counts`` turns each,
    laid end to end in document and index order (None for a turn the turns table lacks).  Read all
    at once when the documents are most of the project's (``_speakers_at_once``), else one row a
    document, the speakers joined by a separator (``SPEAKERS_APART``).  A document whose speakers do
    not split into its count, or whose indexes are not 0, 1, 2..., is read again one row a turn."""
    db = project._db
    joined = None
    if len(documents) > MOST * db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
        joined = _speakers_at_once(db)
    if joined is None:
        joined = {document_id: names if len(names := speakers.split(SPEAKERS_APART)) == count
                  and indexes == ",".join(map(str, range(count))) else None
                  for document_id, count, indexes, speakers in _turn_rows(
                      project, documents, "COUNT(*), GROUP_CONCAT(CAST(idx AS TEXT), ','), GROUP_CONCAT(speaker, ?)",
                      "GROUP BY document_id", [SPEAKERS_APART])}
    laid: list[str | None] = []
    for document_id, turns in zip(documents, counts):
        names = joined.get(document_id, [])
        if names is not None and len(names) == turns:
            laid += names
            continue
        own: list[str | None] = [None] * turns
        for _, idx, speaker in _turn_rows(project, [document_id], "idx, speaker", "", []):
            if 0 <= idx < turns:
                own[idx] = speaker
        laid += own
    return laid


def _speakers_at_once(db) -> dict[str, list[str] | None] | None:
    """{document id: its turns' speakers in index order} of every document with turns, from one row: the
    turns' documents, indexes and speakers each laid end to end in the order of the table, where a
    document's turns come together in index order as they were stored (None for a document whose do
    not).  For 120,000 turns, 0.1 s against 0.25 to 0.3 s one row a document, which steps the index on
    (document_id, idx) and then the table a turn (2026-12-02).  None when the ids or the speakers do
    not cut apart (ids of several widths, a speaker holding the separator)."""
    import numpy as np

    from .query_spans import JoinedIds

    count, owners, indexes, speakers = db.execute(
        "SELECT COUNT(*), GROUP_CONCAT(document_id, ''), GROUP_CONCAT(CAST(idx AS TEXT), ','), "
        "GROUP_CONCAT(speaker, ?) FROM turns", [SPEAKERS_APART]).fetchone()
    if not count:
        return {}
    documents = JoinedIds([row[0] for row in db.execute("SELECT id FROM documents")])
    names = speakers.split(SPEAKERS_APART)
    try:
        owner = documents.of_joined(owners, count)  # a ValueError for ids of several widths or not the project's
    except ValueError:
        return None
    if len(names) != count:
        return None
    idx = np.fromstring(indexes, sep=",", dtype=np.int64)
    first = np.flatnonzero(np.concatenate([[True], owner[1:] != owner[:-1]]))
    runs = np.repeat(np.arange(len(first)), np.diff(np.append(first, count)))
    in_order = np.logical_and.reduceat(idx == np.arange(count) - first[runs], first).tolist()
    joined: dict[str, list[str] | None] = {}
    for at, end, ordered, document_id in zip(first.tolist(), np.append(first[1:], count).tolist(), in_order,
                                              map(documents.ids.__getitem__, owner[first].tolist())):
        joined[document_id] = names[at:end] if ordered and document_id not in joined else None
    return joined


def _turn_rows(project, documents: list[str], select: str, group: str, params: list) -> list[tuple]:
    """``SELECT document_id, <select> FROM turns ... <group>`` for ``documents``; when they are most of
    the project's (``MOST``), from one pass over the turns, naming no ids."""
    if len(documents) > MOST * project._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
        wanted = set(documents)
        return [row for row in project._db.execute(f"SELECT document_id, {select} FROM turns {group}", params)
                if row[0] in wanted]
    found: list[tuple] = []
    for first in range(0, len(documents), CHUNK):
        chunk = documents[first:first + CHUNK]
        found += project._db.execute(f"SELECT document_id, {select} FROM turns WHERE document_id IN "
                                     f"({', '.join('?' * len(chunk))}) {group}", [*params, *chunk]).fetchall()
    return found


def _last_begun(project, select: str, spans, involved: dict[str, list[int]], none) -> list:
    """For each passage, the values of the last row (by index) of its document to begin at or before its
    start, or ``none``: ``select`` gives document_id, start, then the values (one, or several as a tuple)."""
    rows = _rows_of_documents(project, f"{select} WHERE document_id IN ({{ids}}) ORDER BY document_id, idx", involved)
    starts = [row[1] for row in rows]
    values = [row[2] for row in rows] if rows and len(rows[0]) == 3 else [row[2:] for row in rows]
    result = [none] * len(spans)
    documents = [row[0] for row in rows]  # in runs, one a document
    firsts = dict(zip(reversed(documents), range(len(documents) - 1, -1, -1)))
    ends = dict(zip(documents, range(1, len(documents) + 1)))
    for document_id, indexes in involved.items():
        if document_id not in firsts:  # no row of its own (a document without subtitle cues): ``none``
            continue
        first, end = firsts[document_id], ends[document_id]
        for index in indexes:
            last = bisect_right(starts, spans[index][1], first, end) - 1  # units are in text order
            if last >= first:
                result[index] = values[last]
    return result


def sentences_of(project, document_ids: Iterable[str]) -> dict[str, tuple[list[int], list[int]]]:
    """{document id: (its sentences' starts, their ends), in text order} for the named documents."""
    found: dict[str, tuple[list[int], list[int]]] = {}
    for document_id, start, end in _rows_of_documents(
            project, "SELECT document_id, start_offset, end_offset FROM sentences WHERE document_id IN ({ids}) "
                     "ORDER BY document_id, idx", document_ids):
        starts, ends = found.setdefault(document_id, ([], []))
        starts.append(start)
        ends.append(end)
    return found
