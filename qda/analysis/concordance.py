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

The texts are read as UTF-8 bytes one at a time (``qda.store.words.utf8_texts``) and dropped once
their hits are placed: the scan (``qda.analysis.word_scan``) looks for the query in the bytes and
decodes nothing but the characters at each candidate; a hit's offset is counted from the bytes.
A hit finds its turn and paragraph by ``bisect`` in the bounds stored beside each document
(``qda.store.units``), and only the turns that hold a hit are decoded; their speakers are read
afterwards through the turns' primary key, and the context of every hit is found in one pass of
the compiled pattern over all their first windows (``contexts``).  The bounds and speakers read
stay on the open project for its next query while nothing changes; the texts do not (holding them
cost a fresh process more than reading them again).  Figures over 20,000,000 words:
docs/analysis.md (benchmarks/words.py).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, NamedTuple

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
    body = r"\s+".join(_word_pattern(part) for part in query.lower().split()) + WORD_AFTER
    return re.compile(body), re.compile(body, re.IGNORECASE)


WORD_CHARACTER = rf"[\w{MARKS}]"


def _word_pattern(part: str) -> str:
    """One word of a query as a pattern, each ``*`` any run of word characters.

    The letters between two ``*`` are taken where they first occur and kept there (an atomic
    group): where the word matches at all it matches so (the reasoning of fnmatch.translate,
    bpo-40480), and the search stays linear.  A plain ``[\\w]*`` for each ``*`` backtracked through
    every way of sharing a word among them: ``**********a``, or ``中*国*人`` over a paragraph of
    unspaced Chinese, never ended."""
    if "*" not in part:
        return re.escape(part)
    first, *between, last = part.split("*")
    kept = "".join(rf"(?>{WORD_CHARACTER}*?{re.escape(piece)})" for piece in between if piece)
    return f"{re.escape(first)}{kept}{WORD_CHARACTER}*{re.escape(last)}"


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
    Python call a hit); a side whose window reached its bound with fewer words than asked takes those
    it has (as ``context_bounds`` does), and a hit whose first window settles neither (its words run
    past the window) goes to ``context_bounds``, which starts again from that window, so the bounds
    are the same."""
    if not words:
        return list(starts), list(ends)
    exactly, at_most = _context_patterns(words)
    reach = 24 * words
    windows = [text[max(low, start - reach):start][::-1] for text, start, low in zip(texts, starts, lows)]
    lefts = [start - found.end() if found is not None and (found.end() < len(window) - 1 or len(window) == start - low)
             else -1 for found, window, start, low in zip(map(exactly.match, windows), windows, starts, lows)]
    lasts = [min(high, end + reach) for high, end in zip(highs, ends)]
    rights = [found.end() if found is not None and (found.end() < last - 1 or last == high) else -1
              for found, last, high in zip(map(exactly.match, texts, ends, lasts), lasts, highs)]
    for index in [i for i, (left, right) in enumerate(zip(lefts, rights)) if left < 0 or right < 0]:
        window = windows[index]
        if lefts[index] < 0 and len(window) == starts[index] - lows[index]:  # all the words there are
            lefts[index] = starts[index] - at_most.match(window).end()
        if rights[index] < 0 and lasts[index] == highs[index]:
            rights[index] = at_most.match(texts[index], ends[index], lasts[index]).end()
        if lefts[index] < 0 or rights[index] < 0:
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
    from ..store.words import utf8_texts
    from .selection import choose_documents, read_documents
    from .word_scan import WordScan

    scan = WordScan(query)
    every = read_documents(project, attributes=bool(where))
    documents = choose_documents(project, where, every)
    ids = documents.ids
    if document_ids is not None:
        narrowed = set(document_ids)
        ids = [d for d in ids if d in narrowed]
    short = short_names(every.names)
    name_of = dict(zip(documents.ids, documents.names))
    turns = _span_starts(project, "turns", ids)
    paragraphs = _span_starts(project, "paragraphs", ids)
    found: dict[str, _Found] = {}
    for document_id, body in utf8_texts(project, ids):  # each text dropped once its hits' turns are decoded
        located = scan.locate(body)
        if located.hits:
            found[document_id] = _found(body, located, turns.get(document_id), paragraphs.get(document_id))
    speakers = _speakers(project, {d: f.turns for d, f in found.items()})
    skipped = _skipped(project, ids, skip_speakers, speakers) if skip_speakers else set()
    columns: list[list] = [[] for _ in range(9)]  # piece, start, end, low, high, offset, ref, document id, speaker
    for document_id in ids:
        if document_id in found:
            _add_lines(columns, found[document_id], document_id, short[name_of[document_id]], speakers, skipped)
    pieces, starts, ends, lows, highs, offsets, refs, documents_of, speakers_of = columns
    lefts, rights = contexts(pieces, starts, ends, context, lows, highs)
    columns = [refs, [name_of[d] for d in documents_of], documents_of, speakers_of,
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
    """{document id: (the starts of its ``table``'s spans ("turns" or "paragraphs") sorted[, the turns'
    indexes and ends in the same order])}, sequences ``bisect`` can search, for the named documents that
    have any, from the bounds stored beside each document (``qda.store.units``), kept on the open project
    for the next concordance: a hit is placed in its turn and paragraph without reading the turns table
    (whose speakers are read for the turns that hold a hit only: ``_speakers``)."""
    from ..store.query_spans import kept
    from ..store.units import bounds_of_documents

    known = kept(project, f"concordance_{table}")
    missing = [d for d in document_ids if d not in known]
    if missing:
        read = bounds_of_documents(project._db, {"turns": "turn", "paragraphs": "paragraph"}[table], missing)
        unsorted = _unsorted([read[d][0] for d in missing])
        for number, document_id in enumerate(missing):
            starts, ends = read[document_id]
            indexes = range(len(starts))
            if not starts:
                known[document_id] = None
                continue
            if number in unsorted:  # by start, then index (of two turns starting together, the later last)
                indexes = sorted(indexes, key=lambda index: (starts[index], index))
                starts, ends = [starts[i] for i in indexes], [ends[i] for i in indexes]
            known[document_id] = (starts, indexes, ends) if table == "turns" else (starts,)
    return {d: known[d] for d in document_ids if known[d] is not None}


def _unsorted(sequences: list) -> set[int]:
    """The numbers of the ``sequences`` (of integers) that are not in increasing order, found by one
    comparison of all of them laid end to end (numpy) rather than a loop in Python each."""
    import numpy as np

    if not sequences:
        return set()
    flat = np.concatenate([np.frombuffer(sequence, np.uint32) for sequence in sequences])
    lengths = np.fromiter(map(len, sequences), np.int64, len(sequences))
    firsts = np.cumsum(lengths) - lengths  # where each sequence begins in ``flat``
    falls = np.flatnonzero(flat[1:] < flat[:-1]) + 1  # where a value is less than the one before it
    falls = falls[~np.isin(falls, firsts)]  # not where a sequence begins
    return {number - 1 for number in np.searchsorted(firsts, falls, side="right").tolist()}


def _speakers(project, turns: dict[str, list[int]]) -> dict[tuple[str, int], str]:
    """{(document id, turn index): speaker} of the named turns ({document id: turn indexes},
    ``qda.store.units.speakers_of_turns``), those read before kept on the open project."""
    from ..store.query_spans import kept
    from ..store.units import speakers_of_turns

    known = kept(project, "concordance_speakers")
    missing: dict[str, list[int]] = {}
    for document_id, indexes in turns.items():
        unknown = [index for index in indexes if (document_id, index) not in known]
        if unknown:
            missing[document_id] = unknown
    if missing:
        known.update(speakers_of_turns(project._db, missing))
    return known


def _skipped(project, document_ids: list[str], named: Iterable[str], speakers: dict[tuple[str, int], str]) -> set[str]:
    """The speaker labels ``named`` (``--skip-speaker``), case-folded; a QdaError naming one that no turn
    of the documents has (``qda.analysis.speakers.check_speakers``).  Every label of the documents is
    read only when one named is not among the ``speakers`` of the turns holding a hit."""
    from .speakers import check_speakers

    labels = set(speakers.values())
    present = {label.casefold() for label in labels}
    if any(name.strip() and name.strip().casefold() not in present for name in named):
        from ..store.units import speaker_labels

        labels = speaker_labels(project._db, document_ids)
    return check_speakers(labels, named)


class _Found(NamedTuple):
    """One document's hits, as ``_found`` leaves them once its text is dropped: ``pieces``, the text of each
    turn that holds a hit (from the turn's start to its end, or to the end of a phrase that runs past it),
    or the whole text for hits outside every turn; ``turns``, each piece's turn index (-1: the whole text);
    and for each hit, in order: ``piece`` (its piece's number), ``starts``, ``ends`` and ``highs`` (its
    turn's end) in its piece, ``offsets`` (where its piece begins in the text, code points) and
    ``numbers`` (its paragraph's, from 1)."""
    pieces: list[str]
    turns: list[int]
    piece: list[int]
    starts: list[int]
    ends: list[int]
    highs: list[int]
    offsets: list[int]
    numbers: list[int]


def _found(body: bytes, located, turns: tuple | None, paragraphs: tuple | None) -> _Found:
    """Where one document's hits (``located``: ``WordScan.locate`` of its UTF-8 ``body``) are, and the text of
    their turns.  ``turns``: (starts, indexes, ends) of the document's turns and ``paragraphs`` (starts,) of
    its paragraphs, sorted (``_span_starts``; None when it has none).  A hit's turn is the last to start at
    or before it, if the hit starts before that turn's end; else it is outside every turn.  Each turn is
    decoded around its first hit (``_turn_texts``); the whole text only for hits outside every turn."""
    hits = located.hits
    starts = [start for start, _ in hits]
    numbers = [bisect_right(paragraphs[0], start) or 1 for start in starts] if paragraphs else [1] * len(hits)
    piece: list[int] = []  # each hit's piece, -1 for the whole text
    places: list[int] = []  # each piece's turn (its place in ``turns``), first hit and end
    anchors: list[int] = []
    lasts: list[int] = []
    if turns:
        turn_starts, turn_indexes, turn_ends = turns
        first_of: dict[int, int] = {}
        for number, (start, end) in enumerate(hits):
            place = bisect_right(turn_starts, start) - 1
            if place < 0 or start >= turn_ends[place]:
                piece.append(-1)
                continue
            known = first_of.get(place)
            if known is None:
                known = first_of[place] = len(places)
                places.append(place)
                anchors.append(number)
                lasts.append(max(turn_ends[place], end))
            elif end > lasts[known]:  # a phrase that runs past its turn's end
                lasts[known] = end
            piece.append(known)
    else:
        piece = [-1] * len(hits)
    firsts = [turn_starts[place] for place in places] if places else []
    if located.text is not None:
        pieces = [located.text[first:last] for first, last in zip(firsts, lasts)]
    else:
        at = located.at
        per = 1.25 * (at[-1] + 64) / (starts[-1] + 64)  # bytes a character, from those before the last hit
        pieces = _turn_texts(body, [at[i] for i in anchors], [starts[i] - first for i, first in zip(anchors, firsts)],
                             [last - starts[i] for i, last in zip(anchors, lasts)], per)
    indexes = [turn_indexes[place] for place in places] if places else []
    offsets = [firsts[p] if p >= 0 else 0 for p in piece]
    highs = [turn_ends[places[p]] - firsts[p] if p >= 0 else -1 for p in piece]
    if -1 in piece:
        whole = located.text if located.text is not None else body.decode()
        outside = len(pieces)
        pieces.append(whole)
        indexes.append(-1)
        piece = [p if p >= 0 else outside for p in piece]
        highs = [high if high >= 0 else len(whole) for high in highs]
    return _Found(pieces, indexes, piece, [start - offset for start, offset in zip(starts, offsets)],
                  [end - offset for (_, end), offset in zip(hits, offsets)], highs, offsets, numbers)


def _turn_texts(body: bytes, at: list[int], before: list[int], after: list[int], per: float) -> list[str]:
    """The text around each of some hits (``at``: the hit's byte offset in ``body``; ``before`` and ``after``:
    the code points wanted before and after its start), decoded from as many bytes as those characters are
    guessed to take (``per`` a character); a short guess is made again at 4, the most UTF-8 takes."""
    size = len(body)
    texts = []
    for point, wanted, wanted_after in zip(at, before, after):
        for guess in (per, 4):
            low = point - int(wanted * guess) - 4
            if low <= 0:
                low = 0
            else:
                while body[low] & 0xC0 == 0x80:  # to a character's first byte
                    low += 1
            head = body[low:point].decode()
            if len(head) >= wanted or not low:
                break
        for guess in (per, 4):
            high = point + int(wanted_after * guess) + 4
            if high >= size:
                high = size
            else:
                while high < size and body[high] & 0xC0 == 0x80:
                    high += 1
            tail = body[point:high].decode()
            if len(tail) >= wanted_after or high == size:
                break
        texts.append(head[len(head) - wanted:] + tail[:wanted_after])
    return texts


def _add_lines(columns: list[list], found: _Found, document_id: str, cited: str,
               speakers: dict[tuple[str, int], str], skipped: set[str]) -> None:
    """Append one document's lines to ``columns`` (piece, start, end, low, high, offset, ref, document id,
    speaker a hit; ``concordance_rows``): a hit inside its turn's speaker label (``label_end``: the context's
    low bound), or in a turn of a ``skipped`` speaker (case-folded labels), is no line."""
    from ..navigation import label_end

    said = [speakers[(document_id, index)] if index >= 0 else "" for index in found.turns]
    lows = [label_end(text, 0, speaker) if index >= 0 else 0
            for text, speaker, index in zip(found.pieces, said, found.turns)]
    if skipped:
        lows = [len(text) + 1 if speaker.casefold() in skipped else low
                for text, speaker, low in zip(found.pieces, said, lows)]  # past every hit: none kept
    kept = [i for i, (piece, start) in enumerate(zip(found.piece, found.starts)) if start >= lows[piece]]
    if len(kept) < len(found.piece):
        found = found._replace(**{name: [getattr(found, name)[i] for i in kept]
                                  for name in ("piece", "starts", "ends", "highs", "offsets", "numbers")})
    pieces, piece_lows, piece_speakers = found.pieces, lows, said
    columns[0] += [pieces[i] for i in found.piece]
    columns[1] += found.starts
    columns[2] += found.ends
    columns[3] += [piece_lows[i] for i in found.piece]
    columns[4] += found.highs
    columns[5] += found.offsets
    columns[6] += [f"{cited} ¶{number}" for number in found.numbers]
    columns[7] += [document_id] * len(found.piece)
    columns[8] += [piece_speakers[i] for i in found.piece]


SORT_WORDS = 4  # context words a sort looks at, as 1R 2R 3R 4R in concordancers


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words: each is folded once
def sort_key(word: str) -> str:
    """``word`` without accents, case-folded: the order of a sorted concordance (á sorts with a)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def _left_key(left: str) -> tuple[str, ...]:
    return tuple(map(sort_key, reversed(CONTEXT_WORD.findall(left)[-SORT_WORDS:])))


def _right_key(right: str) -> tuple[str, ...]:
    return tuple(map(sort_key, CONTEXT_WORD.findall(right)[:SORT_WORDS]))


def hits_by_document(frame: "pd.DataFrame | Rows") -> dict[str, list[tuple[int, int]]]:
    """A concordance's hits as {document id: [(start, end), ...]} in document order (for auto-coding)."""
    result: dict[str, list[tuple[int, int]]] = {}
    column = frame.column if isinstance(frame, Rows) else frame.__getitem__
    for document_id, start, end in zip(column("document_id"), column("start"), column("end")):
        result.setdefault(document_id, []).append((int(start), int(end)))
    return {d: sorted(spans) for d, spans in result.items()}
