"""Where a quoted passage stands in its document: its words, speaker, paragraph, line, subtitle time
and the sentences around it (``locate``), for quotes (``qda.export.quotes``) and a query's passages."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    import pandas as pd

PLACE_COLUMNS = ("text", "speaker", "paragraph", "line", "time", "before", "after")  # what ``locate`` fills


def _timestamp(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"



def locate(project, spans: Sequence[tuple[str, int, int]], context: int = 0,
           wanted: set[str] | frozenset[str] = frozenset(PLACE_COLUMNS),
           grouped: dict[str, list[int]] | None = None) -> dict[str, list]:
    """For each passage (document id, start, end), the columns of ``PLACE_COLUMNS`` that are ``wanted``:
    its words (text), the speaker of the turn it starts in, its paragraph and line (from 1), its subtitle
    time, and up to ``context`` sentences around it within its turn (before, after).  Reads the texts and
    sentences of the passages' own documents only, and only what the columns need.  ``grouped``: the
    passages' indexes by document (``qda.store.passages.by_document``), if known."""
    from ..store.passages import by_document, places_of, sentences_of
    from ..store.queries import iter_document_texts

    grouped = grouped if grouped is not None else by_document(spans)
    context = context if wanted & {"before", "after"} else 0
    places = [place for place, needed in (("turn", "speaker" in wanted or context > 0),
                                          ("paragraph", "paragraph" in wanted), ("time", "time" in wanted)) if needed]
    found = places_of(project, spans, places, grouped) if places else {}
    n = len(spans)
    turns = found.get("turn", [(None, None, None)] * n)
    inside = [t_start is not None and start < t_end for (_, start, _), (_, t_start, t_end) in zip(spans, turns)] \
        if "turn" in found else [False] * n
    columns: dict[str, list] = {"text": [""] * n, "before": [""] * n, "after": [""] * n, "line": [0] * n}
    if "speaker" in wanted:
        columns["speaker"] = [str(speaker) if within else "" for (speaker, _, _), within in zip(turns, inside)]
    if "paragraph" in wanted:
        columns["paragraph"] = [max(count, 1) for count in found["paragraph"]]
    if "time" in wanted:
        columns["time"] = ["" if time is None else _timestamp(float(time)) for time in found["time"]]
    if wanted & {"text", "line", "before", "after"}:
        sentences = sentences_of(project, grouped) if context > 0 else {}
        lines = "line" in wanted
        texts, line_of = columns["text"], columns["line"]
        start_of, end_of = [start for _, start, _ in spans], [end for _, _, end in spans]
        for document_id, body in iter_document_texts(project, grouped):
            # each step over a document's passages a call of C (map) where it can be: 100,000 quotes
            indexes = sorted(grouped[document_id], key=start_of.__getitem__) if lines else grouped[document_id]
            starts = list(map(start_of.__getitem__, indexes))
            for i, text in zip(indexes, map(body.__getitem__, map(slice, starts, map(end_of.__getitem__, indexes)))):
                texts[i] = text
            if lines:  # counted on from the passage before (by start), not from the top
                breaks = list(map(body.count, repeat("\n"), [0, *starts[:-1]], starts))
                breaks[0] += 1
                for i, line in zip(indexes, accumulate(breaks)):
                    line_of[i] = line
            s_start, s_end = sentences.get(document_id, ([], []))
            for i in indexes if s_start else ():
                floor, ceiling = turns[i][1:] if inside[i] else (0, len(body))
                columns["before"][i], columns["after"][i] = _context(body, s_start, s_end, start_of[i], end_of[i],
                                                                    context, floor, ceiling)
    return {name: column for name, column in columns.items() if name in wanted}


def locate_passages(project, grouped: pd.DataFrame, context: int = 0) -> pd.DataFrame:
    """``grouped`` (rows with document_id, start, end) with the columns text, speaker, paragraph, line, time,
    before and after filled in, as ``locate`` finds them."""
    grouped = grouped.copy()
    spans = list(zip(grouped["document_id"].astype(str), grouped["start"].astype(int), grouped["end"].astype(int)))
    for name, column in locate(project, spans, context).items():
        grouped[name] = column
    return grouped


def _context(body: str, s_start: list[int], s_end: list[int], start: int, end: int, context: int,
             floor: int, ceiling: int) -> tuple[str, str]:
    """Up to ``context`` sentences before and after ``[start, end)``, inside ``[floor, ceiling)`` (the turn)."""
    first = bisect_right(s_end, start)
    last = bisect_left(s_start, end) - 1
    lo = max(first - context, 0)
    hi = min(max(last, first - 1) + context, len(s_start) - 1)
    while lo < first and s_start[lo] < floor:
        lo += 1
    while hi > last and s_end[hi] > ceiling:
        hi -= 1
    has_before = lo < len(s_start) and floor <= s_start[lo] < start
    has_after = 0 <= hi and end < s_end[hi] <= ceiling
    return (_clean(body[s_start[lo]:start]) if has_before else "", _clean(body[end:s_end[hi]]) if has_after else "")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
