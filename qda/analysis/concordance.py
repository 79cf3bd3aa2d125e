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

The scan lower-cases each text once and finds the query's literal prefix with
``re`` (0.4 s of CPU a 20,000,000-word corpus, benchmarks/words.py); a text that
lower-casing would lengthen (a dotted capital I) is scanned case-insensitively instead.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import QdaError
from ..references import short_names
from ._select import select_documents

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


def _in_word(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M")


def find_words(text: str, query: str | tuple[re.Pattern, re.Pattern], labels: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The spans ``[start, end)`` of the query's whole-word hits in ``text``, in order, none inside ``labels``."""
    lowered_pattern, ignoring_case = compile_word_query(query) if isinstance(query, str) else query
    lowered = text.lower()
    if len(lowered) == len(text):  # lower-casing kept every offset
        matches = lowered_pattern.finditer(lowered)
    else:
        matches = ignoring_case.finditer(text)
    spans = [(m.start(), m.end()) for m in matches if m.end() > m.start()
             and not (m.start() and _in_word(text[m.start() - 1]))]
    labels = sorted(labels)
    if labels and spans:
        starts = [start for start, _ in labels]
        spans = [(s, e) for s, e in spans if not _inside(labels, starts, s)]
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def context_bounds(text: str, start: int, end: int, words: int, low: int = 0, high: int | None = None) -> tuple[int, int]:
    """Where ``words`` words before ``start`` begin and ``words`` words after ``end`` end, within ``[low, high)``."""
    high = len(text) if high is None else high
    left, right = start, end
    if words:
        reach = 16 * words
        while True:
            first = max(low, start - reach)
            found = [m.start() for m in CONTEXT_WORD.finditer(text, first, start)]
            if first > low and found and found[0] == first:
                found = found[1:]  # a word cut by the window's edge
            if len(found) >= words or first == low:
                left = found[-words] if len(found) >= words else (found[0] if found else start)
                break
            reach *= 2
        reach = 16 * words
        while True:
            last = min(high, end + reach)
            found = [m.end() for m in CONTEXT_WORD.finditer(text, end, last)]
            if last < high and found and found[-1] == last:
                found = found[:-1]
            if len(found) >= words or last == high:
                right = found[words - 1] if len(found) >= words else (found[-1] if found else end)
                break
            reach *= 2
    return left, right


def concordance(project, query: str, context: int = 8, where=None, sort: str = "position",
                document_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every hit of ``query`` in the selected documents, with ``context`` words each side.

    Parameters
    ----------
    query : a word, a word with ``*``, or a phrase (see the module's doc).
    context : words of context each side (within the hit's speaker turn).
    where : document attribute filter, e.g. "role=police"; ``document_ids`` narrows further.
    sort : "position" (document order), "left" (by the words before the hit, nearest first) or
        "right" (by the words after it); ignoring case and accents, then by position.

    Returns
    -------
    DataFrame, one row a hit, columns ``COLUMNS``: ref ("P07 ¶12": the document's short name and the
    paragraph's number), document (its full name: leave it out of what you publish), document_id,
    speaker, left, hit, right (exact text), start, end (code points).
    """
    from ..navigation import label_end
    from ..store.queries import iter_document_texts, turn_speakers

    if sort not in SORTS:
        raise QdaError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    if context < 0:
        raise QdaError("context is a number of words, 0 or more")
    patterns = compile_word_query(query)
    documents = select_documents(project, where)
    if document_ids is not None:
        wanted = set(document_ids)
        documents = documents[documents["id"].isin(wanted)]
    order = {d: i for i, d in enumerate(documents["id"])}
    turns = turn_speakers(project, list(documents["id"]))
    turns_of = {d: (g["start"].to_numpy(), g["end"].to_numpy(), g["speaker"].tolist())
                for d, g in turns.groupby("document_id", sort=False)}
    rows: list[tuple] = []
    for document_id, text in iter_document_texts(project, documents["id"]):
        starts, ends, speakers = turns_of.get(document_id, ((), (), []))
        labels = [(s, label_end(text, s, who)) for s, who in zip(starts, speakers)]
        hits = find_words(text, patterns, [(s, e) for s, e in labels if e > s])
        if not hits:
            continue
        turn_index = np.searchsorted(np.asarray(starts, dtype=np.int64), [s for s, _ in hits], side="right") - 1
        for (start, end), turn in zip(hits, turn_index):
            low, high, speaker = 0, len(text), ""
            if turn >= 0 and start < ends[turn]:
                low, high, speaker = labels[turn][1], int(ends[turn]), speakers[turn]
            left, right = context_bounds(text, start, end, context, low, high)
            rows.append((document_id, speaker, text[left:start], text[start:end], text[end:right], start, end))
    frame = pd.DataFrame(rows, columns=["document_id", "speaker", "left", "hit", "right", "start", "end"])
    names = dict(zip(documents["id"], documents["name"]))
    short = short_names(select_documents(project)["name"])
    frame.insert(0, "document", frame["document_id"].map(names))
    frame.insert(0, "ref", _references(project, frame, short))
    frame = frame[COLUMNS]
    frame["_position"] = frame["document_id"].map(order)
    frame = frame.sort_values(["_position", "start"], kind="stable")
    if sort != "position":
        key = frame["left"].map(_left_key) if sort == "left" else frame["right"].map(_right_key)
        frame = frame.assign(_key=key).sort_values("_key", kind="stable").drop(columns="_key")
    return frame.drop(columns="_position").reset_index(drop=True)


def _references(project, frame: pd.DataFrame, short: dict[str, str]) -> list[str]:
    """"P07 ¶12": the short name of each hit's document and the number (from 1) of its paragraph."""
    from ..store.queries import units_of_documents

    if frame.empty:
        return []
    paragraphs = units_of_documents(project, "paragraph", frame["document_id"].unique())
    numbers = []
    by_document = {d: g["start"].to_numpy() for d, g in paragraphs.groupby("document_id", sort=False)}
    for document, document_id, start in zip(frame["document"], frame["document_id"], frame["start"]):
        starts = by_document.get(document_id)
        number = int(np.searchsorted(starts, start, side="right")) if starts is not None else 0
        numbers.append(f"{short.get(document, document)} ¶{max(number, 1)}")
    return numbers


def sort_key(word: str) -> str:
    """``word`` without accents, case-folded: the order of a sorted concordance (á sorts with a)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def _left_key(left: str) -> tuple[str, ...]:
    return tuple(sort_key(w) for w in reversed(CONTEXT_WORD.findall(left)))


def _right_key(right: str) -> tuple[str, ...]:
    return tuple(sort_key(w) for w in CONTEXT_WORD.findall(right))


def hits_by_document(frame: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """A concordance's hits as {document id: [(start, end), ...]} in document order (for auto-coding)."""
    result: dict[str, list[tuple[int, int]]] = {}
    for document_id, start, end in zip(frame["document_id"], frame["start"], frame["end"]):
        result.setdefault(document_id, []).append((int(start), int(end)))
    return {d: sorted(spans) for d, spans in result.items()}
