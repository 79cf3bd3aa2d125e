"""Keyword in context: every occurrence of a word with the words around it, citable and exact.

A query is a word (``familia``), a word with ``*`` for any letters
(``famili*``: familia, familias, familiar) or a phrase (``violencia familiar``:
any run of whitespace between the words).  Matching ignores case and nothing
else: the query and the text are NFC (as every document's text is), so an accent
typed as a combining mark matches the precomposed letter, ``FAMILIA`` and
``Familia`` match ``familia``, but ``esta`` does not match ``está``.  A hit is a
whole word: it neither starts nor ends inside a word (a letter, digit, ``_`` or
combining mark), though a hyphen or apostrophe ends it, so ``pareja`` is found in
``ex-pareja``.  Hits inside a turn's ``"SPEAKER: "`` label are not hits.

Each hit is ``[start, end)`` in code points of the document's text, and
``left + hit + right`` is exactly the text from the first context word to the
last: nothing normalised, trimmed or re-spaced.  The context stops at the hit's
speaker turn, so every line is one speaker's words.

The scan (``qda.analysis.word_scan``) looks for the query in the texts' UTF-8 bytes and decodes
nothing but the characters at each candidate; a hit's offset is counted from the bytes.  Then only
the turns that hold a hit are read and decoded (their bounds from ``qda.store.units``, their
speakers through the turns' primary key), and the context of every hit is found in one pass of
the compiled pattern over all their first windows (``contexts``).  The texts' bytes stay on the
open project for its next query while nothing changes (``qda.store.queries.utf8_bodies``).
Figures over 20,000,000 words: docs/analysis.md (benchmarks/words.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..errors import QdaError
from ..references import short_names
from ..rows import Rows

if TYPE_CHECKING:
    import pandas as pd

SORTS = ("position", "left", "right")
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks: part of a word
WORD_AFTER = rf"(?![\w{MARKS}])"
CONTEXT_WORD = re.compile(rf"[\w{MARKS}]+(?:[-'’][\w{MARKS}]+)*")
COLUMNS = ["ref", "document", "document_id", "speaker", "left", "hit", "right", "start", "end"]


def compile_word_query(query: str) -> tuple[re.Pattern, re.Pattern]:
    """(pattern for lower-cased text, the same ignoring case for the original text) of a query."""
    query = unicodedata.normalize("NFC", query.strip())
    if not query or not any(c.isalnum() for c in query):
        raise QdaError(f"{query!r}: search for a word, e.g. familia or famili*")
    parts = [re.escape(part).replace(r"\*", rf"[\w{MARKS}]*") for part in query.lower().split()]
    body = r"\s+".join(parts) + WORD_AFTER
    return re.compile(body), re.compile(body, re.IGNORECASE)


def in_word(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M")


def find_words(text: str, query: str | tuple[re.Pattern, re.Pattern], lowered: str | None = "") -> list[tuple[int, int]]:
    """The spans ``[start, end)`` of the query's whole-word hits in ``text``, in order (speaker labels
    included: ``concordance`` drops the hits inside them).  ``lowered`` is ``text.lower()`` when the
    caller has it, None when lower-casing changes its length."""
    lowered_pattern, ignoring_case = compile_word_query(query) if isinstance(query, str) else query
    if lowered == "":
        lowered = text.lower()
    if lowered is not None and len(lowered) == len(text):  # lower-casing kept every offset
        matches = lowered_pattern.finditer(lowered)
    else:
        matches = ignoring_case.finditer(text)
    return [(m.start(), m.end()) for m in matches if m.end() > m.start()
            and not (m.start() and in_word(text[m.start() - 1]))]


def context_bounds(text: str, start: int, end: int, words: int, low: int = 0, high: int | None = None) -> tuple[int, int]:
    """Where ``words`` words before ``start`` begin and ``words`` words after ``end`` end, within ``[low, high)``.

    One match a side, in C: ``words`` times (non-word characters, then a word), forwards from ``end``
    and over the reversed text backwards from ``start`` (a word reversed is still a word), in a window
    that grows until it holds them whole, with a character to spare (a word may go on past a hyphen
    or apostrophe), or reaches ``low`` or ``high``."""
    high = len(text) if high is None else high
    if not words:
        return start, end
    exactly, at_most = _context_patterns(words)
    reach = 24 * words
    while True:
        first = max(low, start - reach)
        window = text[first:start][::-1]
        found = exactly.match(window)
        if found and (found.end() < len(window) - 1 or first == low):  # the last word cannot go on past the window
            left = start - found.end()
            break
        if first == low:
            left = start - at_most.match(window).end()
            break
        reach *= 4
    reach = 24 * words
    while True:
        last = min(high, end + reach)
        found = exactly.match(text, end, last)
        if found and (found.end() < last - 1 or last == high):
            right = found.end()
            break
        if last == high:
            right = at_most.match(text, end, last).end()
            break
        reach *= 4
    return left, right


def contexts(texts: list[str], starts: list[int], ends: list[int], words: int, lows: list[int],
             highs: list[int]) -> tuple[list[int], list[int]]:
    """``context_bounds`` of many hits at once: (lefts, rights), one a hit (``texts[i]``, ``starts[i]``...).

    Each side's first window is matched for every hit in one ``map`` of the compiled pattern (no
    Python call a hit); a hit whose first window does not settle it (too few words in it) goes to
    ``context_bounds``, which starts again from that window, so the bounds are the same."""
    if not words:
        return list(starts), list(ends)
    exactly, _ = _context_patterns(words)
    reach = 24 * words
    firsts = [max(low, start - reach) for low, start in zip(lows, starts)]
    windows = [text[first:start][::-1] for text, first, start in zip(texts, firsts, starts)]
    lefts = [start - found.end() if found is not None and (found.end() < len(window) - 1 or first == low) else -1
             for found, window, start, first, low in zip(map(exactly.match, windows), windows, starts, firsts, lows)]
    lasts = [min(high, end + reach) for high, end in zip(highs, ends)]
    rights = [found.end() if found is not None and (found.end() < last - 1 or last == high) else -1
              for found, last, high in zip(map(exactly.match, texts, ends, lasts), lasts, highs)]
    for index in [i for i, (left, right) in enumerate(zip(lefts, rights)) if left < 0 or right < 0]:
        lefts[index], rights[index] = context_bounds(texts[index], starts[index], ends[index], words, lows[index],
                                                     highs[index])
    return lefts, rights


_CONTEXT: dict[int, tuple[re.Pattern, re.Pattern]] = {}


def _context_patterns(words: int) -> tuple[re.Pattern, re.Pattern]:
    """(exactly ``words`` words, each after any non-word characters; up to ``words`` of them).

    Possessive: a word is taken whole or not at all.  Backtracking into a word (as ``+`` allows)
    matched ``words`` pieces of fewer words: a context cut short where a window held fewer words
    than asked, and time exponential in a long word's length (``--context 40`` beside a word of 300
    letters did not end)."""
    if words not in _CONTEXT:
        step = rf"[^\w{MARKS}]*+[\w{MARKS}]++(?:[-'’][\w{MARKS}]++)*+"
        _CONTEXT[words] = (re.compile(rf"(?:{step}){{{words}}}"), re.compile(rf"(?:{step}){{0,{words}}}"))
    return _CONTEXT[words]


def concordance(project, query: str, context: int = 8, where=None, sort: str = "position",
                document_ids: Iterable[str] | None = None, skip_speakers: Iterable[str] = ()) -> "pd.DataFrame":
    """Every hit of ``query`` in the selected documents, with ``context`` words each side.

    Parameters
    ----------
    query : a word, a word with ``*``, or a phrase (see the module's doc).
    context : words of context each side (within the hit's speaker turn).
    where : document attribute filter, e.g. "role=police"; ``document_ids`` narrows further.
    sort : "position" (document order), "left" (by the words before the hit, nearest first) or
        "right" (by the words after it): up to ``SORT_WORDS`` words, ignoring case and accents,
        then by position.
    skip_speakers : speaker labels whose turns are not searched (the interviewer's questions, say).

    Returns
    -------
    DataFrame, one row a hit, columns ``COLUMNS``: ref ("P07 ¶12": the document's short name and the
    paragraph's number), document (its full name: leave it out of what you publish), document_id,
    speaker, left, hit, right (exact text), start, end (code points).
    """
    return concordance_rows(project, query, context, where, sort, document_ids, skip_speakers).frame()


def concordance_rows(project, query: str, context: int = 8, where=None, sort: str = "position",
                     document_ids: Iterable[str] | None = None, skip_speakers: Iterable[str] = ()) -> Rows:
    """The rows of ``concordance``, without pandas (what ``qda kwic`` prints)."""
    if sort not in SORTS:
        raise QdaError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    if context < 0:
        raise QdaError("context is a number of words, 0 or more")
    from ..store.queries import utf8_bodies
    from .selection import choose_documents, read_documents
    from .word_scan import WordScan

    scan = WordScan(query)
    every = read_documents(project)
    documents = choose_documents(project, where, every)
    ids = documents.ids
    if document_ids is not None:
        narrowed = set(document_ids)
        ids = [d for d in ids if d in narrowed]
    short = short_names(every.names)
    name_of = dict(zip(documents.ids, documents.names))
    skipped: set[str] = set()
    if skip_speakers:
        from ..store.queries import turn_speakers
        from .words import check_speakers

        skipped = check_speakers(turn_speakers(project, ids)["speaker"], skip_speakers)
    bodies = utf8_bodies(project, ids)
    found = {}
    for document_id in ids:
        located = scan.locate(bodies[document_id])
        if located.hits:
            found[document_id] = located
    turn_starts = _span_starts(project, "turns", list(found))
    paragraph_starts = _span_starts(project, "paragraphs", list(found))
    from ..store.query_spans import kept

    speakers = kept(project, "concordance_speakers")
    placed: list[tuple] = []  # in document order, each document's hits by start
    for document_id, located in found.items():
        placed += _place(project, speakers, bodies[document_id], located, turn_starts.get(document_id),
                         paragraph_starts.get(document_id), document_id, short[name_of[document_id]], skipped)
    if not placed:
        return Rows.by_columns(COLUMNS, [[] for _ in COLUMNS])
    pieces, starts, ends, lows, highs, offsets, refs, documents_of, speakers = map(list, zip(*placed))
    lefts, rights = contexts(pieces, starts, ends, context, lows, highs)
    columns = [refs, [name_of[d] for d in documents_of], documents_of, speakers,
               [piece[left:start] for piece, left, start in zip(pieces, lefts, starts)],
               [piece[start:end] for piece, start, end in zip(pieces, starts, ends)],
               [piece[end:right] for piece, end, right in zip(pieces, ends, rights)],
               [start + offset for start, offset in zip(starts, offsets)],
               [end + offset for end, offset in zip(ends, offsets)]]
    if sort != "position":
        keys = list(map(_left_key, columns[4])) if sort == "left" else list(map(_right_key, columns[6]))
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: position among equal keys
        columns = [[column[i] for i in order] for column in columns]
    return Rows.by_columns(COLUMNS, columns)


def _span_starts(project, table: str, document_ids: list[str]) -> dict[str, tuple]:
    """{document id: (the starts of its ``table``'s spans ("turns" or "paragraphs") sorted, int64[, the
    turns' indexes and ends in the same order])} for the named documents that have any, from the bounds
    stored beside each document (``qda.store.units``), kept on the open project for the next
    concordance: a hit is placed in its turn and paragraph without reading the turns table (whose
    speakers are read for the turns that hold a hit only: ``_speakers``)."""
    import numpy as np

    from ..store.query_spans import kept
    from ..store.units import bounds_of_documents

    known = kept(project, f"concordance_{table}")
    missing = [d for d in document_ids if d not in known]
    if missing:
        read = bounds_of_documents(project._db, {"turns": "turn", "paragraphs": "paragraph"}[table], missing)
        for document_id in missing:
            starts, ends = read[document_id]
            if not len(starts):
                known[document_id] = None
                continue
            indexes = np.arange(len(starts), dtype=np.int64)
            if np.any(starts[1:] < starts[:-1]):  # by start, then index (of two turns starting together, the later last)
                order = np.lexsort((indexes, starts))
                starts, indexes, ends = starts[order], indexes[order], ends[order]
            known[document_id] = (starts, indexes, ends) if table == "turns" else (starts,)
    return {d: known[d] for d in document_ids if known[d] is not None}


def _speakers(project, known: dict, document_id: str, indexes: set[int]) -> dict[int, str]:
    """{turn index: speaker} of one document's turns (``qda.store.units.speakers_by_index``); ``known``
    (document id -> index -> speaker) keeps the speakers read."""
    from ..store.units import speakers_by_index

    known = known.setdefault(document_id, {})
    missing = indexes - known.keys()
    if missing:
        known.update(speakers_by_index(project._db, document_id, missing))
    return known


def _place(project, known: dict, body: bytes, located, turns: tuple | None, paragraphs: tuple | None,
           document_id: str, cited: str, skipped: set[str]) -> list[tuple]:
    """Where one document's hits (``located``: ``WordScan.locate`` of its UTF-8 ``body``) are, as
    (piece, start, end, low, high, offset, ref, document id, speaker) a hit: ``piece`` the text of its
    turn (the whole text for a hit outside every turn), which begins at code point ``offset`` of the
    text; start, end, and the context's bounds low (after the speaker's label) and high, in the piece.
    ``turns``: (starts, indexes, ends) of the document's turns and ``paragraphs`` (starts,) of its
    paragraphs, sorted (``_span_starts``; None when it has none); ``known`` the speakers read before
    (``_speakers``).  A hit inside a turn's speaker label, or in a turn of a ``skipped`` speaker
    (case-folded labels), is dropped.  Only the turns that hold a hit are read and decoded (``_Text``)."""
    import numpy as np

    from ..navigation import label_end

    hits = located.hits
    starts = [start for start, _ in hits]
    numbers = np.searchsorted(paragraphs[0], starts, side="right").tolist() if paragraphs else [0] * len(hits)
    turn_of = firsts = lasts = [-1] * len(hits)
    if turns:
        places = np.searchsorted(turns[0], starts, side="right") - 1
        place = np.maximum(places, 0)
        inside = (places >= 0) & (np.asarray(starts) < turns[2][place])  # else between turns, or before the first
        turn_of = np.where(inside, turns[1][place], -1).tolist()
        firsts, lasts = turns[0][place].tolist(), turns[2][place].tolist()
        speakers = _speakers(project, known, document_id, {index for index in turn_of if index >= 0})
    text = _Text(body, located)
    pieces: dict[int, tuple[str, int, int]] = {}  # turn index: (its text from its start, its end, its label's end)
    placed = []
    for number, ((start, end), index, turn_start, turn_end, paragraph) in enumerate(
            zip(hits, turn_of, firsts, lasts, numbers)):
        ref = f"{cited} ¶{max(paragraph, 1)}"
        if index < 0:
            whole = text.whole()
            placed.append((whole, start, end, 0, len(whole), 0, ref, document_id, ""))
            continue
        speaker = speakers[index]
        if skipped and speaker.casefold() in skipped:
            continue
        piece, last, low = pieces.get(index) or ("", -1, 0)
        if end > last:  # the turn decoded (or, for a phrase that runs past it, to the hit's end)
            last = max(turn_end, end)
            piece = text.piece(number, turn_start, last)
            low = label_end(piece, 0, speaker)
            pieces[index] = piece, last, low
        if start - turn_start < low:
            continue  # the word is the speaker's label
        placed.append((piece, start - turn_start, end - turn_start, low, turn_end - turn_start, turn_start, ref,
                       document_id, speaker))
    return placed


class _Text:
    """One document's text, from its UTF-8 bytes, decoded a piece at a time around its hits (or the
    text, when the scan decoded it whole: ``Located.text``)."""

    def __init__(self, body: bytes, located):
        self.body, self.located, self.text = body, located, located.text

    def piece(self, number: int, first: int, last: int) -> str:
        """The text from code point ``first`` to ``last``, which hold hit ``number``: the bytes around
        the hit decoded, as many as its characters are guessed to take (a character takes 1 to 4 bytes:
        a short guess is made again at 4)."""
        if self.text is not None:
            return self.text[first:last]
        body, start, at = self.body, self.located.hits[number][0], self.located.at[number]
        before, after = start - first, last - start
        per = 1.25 * (at + 64) / (start + 64)  # bytes a character, from those before the hit
        for guess in (per, 4):
            low = max(0, at - int(before * guess) - 4)
            while body[low] & 0xC0 == 0x80:  # a character's first byte
                low += 1
            head = body[low:at].decode()
            if len(head) >= before or low == 0:
                break
        for guess in (per, 4):
            high = min(len(body), at + int(after * guess) + 4)
            while high < len(body) and body[high] & 0xC0 == 0x80:
                high += 1
            tail = body[at:high].decode()
            if len(tail) >= after or high == len(body):
                break
        return head[len(head) - before:] + tail[:after]

    def whole(self) -> str:
        if self.text is None:
            self.text = self.body.decode()
        return self.text


SORT_WORDS = 4  # context words a sort looks at, as 1R 2R 3R 4R in concordancers


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words: each is folded once
def sort_key(word: str) -> str:
    """``word`` without accents, case-folded: the order of a sorted concordance (á sorts with a)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def _left_key(left: str) -> tuple[str, ...]:
    return tuple(sort_key(w) for w in reversed(CONTEXT_WORD.findall(left)[-SORT_WORDS:]))


def _right_key(right: str) -> tuple[str, ...]:
    return tuple(sort_key(w) for w in CONTEXT_WORD.findall(right)[:SORT_WORDS])


def hits_by_document(frame: "pd.DataFrame | Rows") -> dict[str, list[tuple[int, int]]]:
    """A concordance's hits as {document id: [(start, end), ...]} in document order (for auto-coding)."""
    result: dict[str, list[tuple[int, int]]] = {}
    column = frame.column if isinstance(frame, Rows) else frame.__getitem__
    for document_id, start, end in zip(column("document_id"), column("start"), column("end")):
        result.setdefault(document_id, []).append((int(start), int(end)))
    return {d: sorted(spans) for d, spans in result.items()}
