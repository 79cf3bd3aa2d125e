"""Reads for quotes: the codings of chosen codes and what a listing says about each coded passage.

Plain rows, no pandas: ``qda quotes`` reads the codings of the codes asked for, and
for the passages it prints only their numbers, the codes they meet and the units
and texts of their own documents, never the whole codings table.  A passage is a
(document id, start, end) span; several are sent to the database at once as a
``VALUES`` list (both engines name its columns column1, column2, ...).
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from .queries import CHUNK, _rows_of_documents

SPANS_AT_ONCE = 200  # passages a statement names (four parameters each: within SQLite's oldest limit of 999)
# Where a passage starts, each a column of ``places_of``: the turn (speaker, start, end), the paragraph
# (how many begin at or before it) and the subtitle cue (its time).  Units are in text order, so the
# unit a passage starts in is the last one (by index) to begin at or before the passage's start.
_LAST_TURN = ("(SELECT MAX(u.idx) FROM turns u WHERE u.document_id = v.column2 AND u.start_offset <= v.column3)")
PLACES = {
    "turn": ("t.speaker, t.start_offset, t.end_offset",
             f"LEFT JOIN turns t ON t.document_id = v.column2 AND t.idx = {_LAST_TURN}"),
    "paragraph": ("(SELECT COUNT(*) FROM paragraphs p WHERE p.document_id = v.column2 AND p.start_offset <= v.column3)",
                  ""),
    "time": ("(SELECT c.time_start FROM cues c WHERE c.document_id = v.column2 AND c.start_offset <= v.column3 "
             "ORDER BY c.idx DESC LIMIT 1)", ""),
}


def codings_of_codes(project, code_ids: Sequence[str]) -> list[tuple[str, str, str, int, int, str]]:
    """(code id, document id, coder's name, start, end, memo) of every coding of ``code_ids``, in row
    order, read through the index on code_id."""
    codes = list(dict.fromkeys(code_ids))
    rows: list[tuple] = []
    for first in range(0, len(codes), CHUNK):
        chunk = codes[first:first + CHUNK]
        rows += project._db.execute(
            "SELECT c.rowid, c.code_id, c.document_id, k.name, c.start_offset, c.end_offset, c.memo "
            "FROM codings c JOIN coders k ON k.id = c.coder_id "
            f"WHERE c.code_id IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
    rows.sort()
    return [row[1:] for row in rows]


def _batches(spans: Sequence[tuple[str, int, int]]) -> Iterator[tuple[int, str, list]]:
    """(the first span's index, a VALUES list of (index, document id, start, end), its parameters)."""
    for first in range(0, len(spans), SPANS_AT_ONCE):
        chunk = spans[first:first + SPANS_AT_ONCE]
        values = ", ".join(["(?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))"] * len(chunk))
        params = [value for index, span in enumerate(chunk, start=first) for value in (index, *span)]
        yield first, values, params


def passage_numbers_of(project, spans: Sequence[tuple[str, int, int]]) -> list[int]:
    """Each passage's number in its document, from 1: how many distinct coded passages (of every code
    and coder) come before it or are it, ordered by start then end (``passage_numbers`` numbers them
    all; this counts, in the database, for the named ones only)."""
    numbers = [0] * len(spans)
    for _first, values, params in _batches(spans):
        for index, number in project._db.execute(
                "SELECT v.column1, (SELECT COUNT(DISTINCT p.start_offset * 4294967296 + p.end_offset) FROM codings p "
                "WHERE p.document_id = v.column2 AND p.start_offset <= v.column3 "
                "AND (p.start_offset < v.column3 OR p.end_offset <= v.column4)) "
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


def places_of(project, spans: Sequence[tuple[str, int, int]], places: Sequence[str]) -> dict[str, list]:
    """For each passage, where it starts: {place: one value a passage} for the ``PLACES`` asked for.
    "turn": (speaker, start, end) of the last turn to begin at or before it, or (None, None, None);
    "paragraph": how many paragraphs begin at or before it; "time": the start (seconds) of the last
    subtitle cue to begin at or before it, or None."""
    columns = ", ".join(PLACES[place][0] for place in places)
    joins = " ".join(PLACES[place][1] for place in places if PLACES[place][1])
    widths = [3 if place == "turn" else 1 for place in places]
    found: dict[str, list] = {place: [None] * len(spans) for place in places}
    for _first, values, params in _batches(spans):
        for index, *row in project._db.execute(f"SELECT v.column1, {columns} FROM (VALUES {values}) AS v {joins}", params):
            at = 0
            for place, width in zip(places, widths):
                found[place][index] = tuple(row[at:at + width]) if width > 1 else row[at]
                at += width
    return found


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
