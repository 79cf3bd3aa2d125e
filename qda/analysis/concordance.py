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
only the documents where a hit can be; the turns and paragraphs are read for the documents with a
hit only.  The texts' bytes and those decoded stay on the open project for its next query while
nothing changes (``qda.store.queries.utf8_bodies``, ``decoded_texts``).  Figures over 20,000,000
words: docs/analysis.md (benchmarks/words.py).
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
    that grows until it holds them whole or reaches ``low`` or ``high``."""
    high = len(text) if high is None else high
    if not words:
        return start, end
    exactly, at_most = _context_patterns(words)
    reach = 24 * words
    while True:
        first = max(low, start - reach)
        window = text[first:start][::-1]
        found = exactly.match(window)
        if found and (found.end() < len(window) or first == low):
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
        if found and (found.end() < last or last == high):
            right = found.end()
            break
        if last == high:
            right = at_most.match(text, end, last).end()
            break
        reach *= 4
    return left, right


_CONTEXT: dict[int, tuple[re.Pattern, re.Pattern]] = {}


def _context_patterns(words: int) -> tuple[re.Pattern, re.Pattern]:
    """(exactly ``words`` words, each after any non-word characters; up to ``words`` of them)."""
    if words not in _CONTEXT:
        step = rf"[^\w{MARKS}]*?[\w{MARKS}]+(?:[-'’][\w{MARKS}]+)*"
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
    from ..store.queries import decoded_texts, utf8_bodies
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
    texts = decoded_texts(project)
    found = {}
    for document_id in ids:
        text, hits = scan.search(bodies[document_id], texts.get(document_id))
        if text is not None:
            texts[document_id] = text
        if hits:
            found[document_id] = (text, hits)
    turn_starts = _span_starts(project, "turns", list(found))
    paragraph_starts = _span_starts(project, "paragraphs", list(found))
    from ..store.query_spans import kept

    turns = kept(project, "concordance_turn_rows")
    rows: list[tuple] = []  # in document order, each document's hits by start
    for document_id, (text, hits) in found.items():
        rows += _lines(project, turns, text, hits, turn_starts.get(document_id), paragraph_starts.get(document_id),
                       document_id, short[name_of[document_id]], context, skipped)
    if sort != "position":
        key = (lambda row: _left_key(row[3])) if sort == "left" else (lambda row: _right_key(row[5]))
        rows.sort(key=key)  # stable: position among equal keys
    return Rows(COLUMNS, [(ref, name_of[d], d, speaker, left, hit, right, start, end)
                          for ref, d, speaker, left, hit, right, start, end in rows])


def _span_starts(project, table: str, document_ids: list[str]) -> dict[str, tuple]:
    """{document id: (the starts of its ``table``'s spans ("turns" or "paragraphs") sorted, int64[, the
    turns' indexes in the same order])} for the named documents that have any, from the bounds stored
    beside each document (``qda.store.units``), kept on the open project for the next concordance: a hit
    is placed in its turn and paragraph without reading every turn's end and speaker (see ``_turns``)."""
    import numpy as np

    from ..store.query_spans import kept
    from ..store.units import bounds_of_documents

    known = kept(project, f"concordance_{table}")
    missing = [d for d in document_ids if d not in known]
    if missing:
        read = bounds_of_documents(project._db, {"turns": "turn", "paragraphs": "paragraph"}[table], missing)
        for document_id in missing:
            starts = read[document_id][0] if document_id in read else ()
            if not len(starts):
                known[document_id] = None
                continue
            indexes = np.arange(len(starts), dtype=np.int64)
            order = np.lexsort((indexes, starts))  # by start, then index (of two turns starting together, the later last)
            known[document_id] = (starts[order], indexes[order]) if table == "turns" else (starts[order],)
    return {d: known[d] for d in document_ids if known[d] is not None}


def _turns(project, known: dict, document_id: str, indexes: set[int]) -> dict[int, tuple[int, int, str]]:
    """``qda.store.queries.turns_by_index``; ``known`` (document id -> index -> turn) keeps the turns read."""
    from ..store.queries import turns_by_index

    known = known.setdefault(document_id, {})
    missing = indexes - known.keys()
    if missing:
        known.update(turns_by_index(project, document_id, missing))
    return known


def _lines(project, known: dict, text: str, hits: list[tuple[int, int]], turns: tuple | None, paragraphs: tuple | None,
           document_id: str, cited: str, context: int, skipped: set[str] = frozenset()) -> list[tuple]:
    """The rows of one document's hits, given (starts, indexes) of its turns and (starts,) of its
    paragraphs, sorted (``_span_starts``; None when it has none), and the turns read before (``_turns``).  A hit inside a turn's speaker
    label, or in a turn of a ``skipped`` speaker (case-folded labels), is dropped.  Only the turns
    that hold a hit are read whole and have their label measured."""
    import numpy as np

    from ..navigation import label_end

    starts = [start for start, _ in hits]
    numbers = np.searchsorted(paragraphs[0], starts, side="right").tolist() if paragraphs else [0] * len(hits)
    turn_of = [-1] * len(hits)
    if turns:
        places = np.searchsorted(turns[0], starts, side="right") - 1
        turn_of = np.where(places >= 0, turns[1][np.maximum(places, 0)], -1).tolist()
        held = _turns(project, known, document_id, {index for index in turn_of if index >= 0})
    labels: dict[int, int] = {}
    rows = []
    for (start, end), index, paragraph in zip(hits, turn_of, numbers):
        low, high, speaker = 0, len(text), ""
        if index >= 0 and start < held[index][1]:
            turn_start, high, speaker = held[index]
            if skipped and speaker.casefold() in skipped:
                continue
            if index not in labels:
                labels[index] = label_end(text, turn_start, speaker)
            low = labels[index]
            if start < low:
                continue  # the word is the speaker's label
        left, right = context_bounds(text, start, end, context, low, high)
        rows.append((f"{cited} ¶{max(paragraph, 1)}", document_id, speaker, text[left:start], text[start:end],
                     text[end:right], start, end))
    return rows


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
