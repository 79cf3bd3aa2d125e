"""Finding a word query in the documents' UTF-8 bytes, without lower-casing or decoding whole texts.

Why: over 20,000,000 words, decoding every text and lower-casing it (``str.lower``) cost most of a
first concordance.  Here ASCII letters are lower-cased in the bytes (``bytes.lower``, a table
lookup in C) and every other character that lower-cases to one of the query's first letters is
spelled out in a bytes pattern (``variants``).  That pattern finds every place where a hit can
start, and some more; only documents with such a place are decoded, and each place is checked
with the concordance's own pattern (``compile_word_query``) on the few characters there,
lower-cased, in the order and without the overlaps of ``re.finditer``.  So the hits are exactly
those of ``find_words`` on the whole lower-cased text (tests compare them on random texts).

Each candidate is checked on the few characters decoded at it, and a hit's offset in code points is
its byte offset less the UTF-8 continuation bytes before it (counted by numpy), so a text with a hit
is not decoded either (``WordScan.locate``): the concordance decodes only the turns that hold a hit.

A text that lower-casing lengthens (a dotted capital I, which ``find_words`` searches ignoring
case) or lower-cases by context (a capital sigma: σ, or ς at the end of a word), or a query that
starts with ``*``, is decoded and searched whole by ``find_words``, as before.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .concordance import MARKS, compile_word_query, find_words, in_word

# Characters that lower-case to a single letter which is neither their upper() nor their title()
# lower-cased (Kelvin sign -> k, Ohm sign -> ω ...): with those two, every character whose
# lower-case is a given letter (tests check this against every code point).
OTHER_CAPITALS = "\u03f4\u1e9e\u2126\u212a\u212b"
LENGTHENED = "\u0130"  # İ, the one character str.lower() lengthens (to i + combining dot)
SIGMA = "\u03a3"  # Σ: lower-cased to σ, or ς at the end of a word
FINAL_SIGMA = "\u03c2"


def variants(letter: str) -> set[str]:
    """Every character whose lower-case, in a text, can be ``letter``."""
    found = {c for c in (letter, letter.upper(), letter.title(), *OTHER_CAPITALS) if len(c) == 1 and c.lower() == letter}
    if letter == FINAL_SIGMA:
        found.add(SIGMA)
    return found


class Located(NamedTuple):
    """A query's hits in one document's UTF-8 bytes ``body`` (``WordScan.locate``).

    ``hits``: [(start, end)] in code points of the text, as ``find_words`` gives them.  ``at``: the
    byte offset in ``body`` of each hit's start, when the text was not decoded (``text`` None);
    ``text``: the whole text, when the scan decoded it (``at`` None)."""
    hits: list[tuple[int, int]]
    at: list[int] | None
    text: str | None


class WordScan:
    """A word query (see ``qda.analysis.concordance``), compiled, and what finds its candidates in bytes;
    a QdaError for a query without a word."""

    def __init__(self, query: str):
        self.patterns = compile_word_query(query)
        query = unicodedata.normalize("NFC", query.strip())
        first = query.lower().split()[0]
        self.prefix = first.split("*", 1)[0]  # the letters every hit starts with, lower-cased
        self.candidates = _bytes_pattern(query.lower().split()) if self.prefix else None
        self.overlapping = _overlaps(self.prefix)
        self.literal = first == query.lower() == self.prefix  # one word, no *: a match is the prefix, one character more
        self.sure = self.literal and not self.overlapping  # a candidate is the word wherever ASCII is around it
        literal = "".join(sorted(set(query.lower()) - set("*")))
        # a character the query's pattern cannot take in: a match ends before it
        self.stop = re.compile(rf"[^\w{MARKS}\s{re.escape(literal)}]")

    def search(self, body: bytes, text: str | None = None) -> tuple[str | None, list[tuple[int, int]]]:
        """(the text of ``body``, or None when it has no hit and was not decoded, its hits as
        ``find_words`` gives them): ``locate`` with the text; ``text`` is the body decoded, if known."""
        located = self.locate(body)
        if located.text is not None or not located.hits:
            return located.text, located.hits
        return (body.decode() if text is None else text), located.hits

    def locate(self, body: bytes) -> Located:
        """The hits of the query in ``body`` (a text's UTF-8 bytes), decoding only the characters at
        each candidate, unless the text must be searched whole (see the module's doc)."""
        if self.candidates is None or _holds(body, LENGTHENED):
            text = body.decode()
            return Located(find_words(text, self.patterns), None, text)
        lowered = body.lower()
        found = self.candidates.search(lowered)
        if found is None:
            return Located([], [], None)
        if _holds(body, SIGMA):
            text = body.decode()
            return Located(find_words(text, self.patterns), None, text)
        spans = self._check(body, lowered, self._candidates(lowered, found))
        if not spans:
            return Located([], [], None)
        at = [start for start, _ in spans]
        starts = _code_points(body, at)
        return Located([(start, start + length) for start, (_, length) in zip(starts, spans)], at, None)

    def _candidates(self, lowered: bytes, found: re.Match) -> list[tuple[int, int]]:
        """The byte spans of every candidate, overlapping ones too (but for a word that cannot overlap
        itself): the places ``re.finditer`` would try after a place that is no hit."""
        if self.sure:
            return [found.span()] + [m.span() for m in self.candidates.finditer(lowered, found.end())]
        spans = []
        while found is not None:
            spans.append(found.span())
            found = self.candidates.search(lowered, found.start() + 1)
        return spans

    def _check(self, body: bytes, lowered: bytes, candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(byte offset, length in code points) of the hits among the ``candidates`` (byte spans in
        order, each starting at a character's first byte): where the lower-cased pattern matches,
        resuming after each match as ``re.finditer`` does, and not inside a word.

        A candidate of a one-word query (``sure``) whose bytes before and after are ASCII is decided
        on those two bytes: its bytes spell the word, each character one that lower-cases to the
        word's letter (``_bytes_pattern``), and the byte after it is no ASCII letter, digit or ``_``."""
        pattern = self.patterns[0]
        size, length = len(body), len(self.prefix)
        hits: list[tuple[int, int]] = []
        resume = 0
        for start, end in candidates:
            if start < resume:
                continue
            if self.sure:
                before = lowered[start - 1] if start else 32
                after = lowered[end] if end < size else 32
                if before < 128 and after < 128:
                    if before not in ASCII_WORD:
                        hits.append((start, length))
                    continue
            window = self._window(body, start)
            match = pattern.match(window.lower())  # no İ in the text: as long as the window
            if match is None:
                continue
            resume = start + len(window[:match.end()].encode())
            if match.end() and not (start and in_word(_character_before(body, start))):
                hits.append((start, match.end()))
        return hits

    def _window(self, body: bytes, start: int) -> str:
        """The text from byte ``start`` as far as a match there can reach and the character after it:
        one word's length and one more, else up to a character the pattern cannot take in."""
        reach = len(self.prefix) + 1 if self.literal else 64 + 2 * len(self.prefix)
        while True:
            piece = _characters(body, start, reach)
            if self.literal or len(piece) < reach or self.stop.search(piece.lower()):
                return piece
            reach *= 4


def _characters(body: bytes, start: int, count: int) -> str:
    """The first ``count`` characters of ``body`` from byte ``start`` (a character's first byte), or
    as many as there are (a character takes at most 4 bytes)."""
    end = min(len(body), start + 4 * count)
    while end < len(body) and body[end] & 0xC0 == 0x80:  # not inside a character
        end += 1
    return body[start:end].decode()[:count]


def _character_before(body: bytes, start: int) -> str:
    """The character that ends at byte ``start`` (> 0)."""
    first = start - 1
    while body[first] & 0xC0 == 0x80:
        first -= 1
    return body[first:start].decode()


def _code_points(body: bytes, starts: list[int]) -> list[int]:
    """The code point offsets of the byte offsets ``starts`` (increasing, each at a character's first
    byte): each less the continuation bytes (0b10xxxxxx) before it, counted by numpy a stretch at a time.
    Python ints: numpy 2's ``count_nonzero`` gives a numpy integer, which no JSON writer takes."""
    import numpy as np

    continuing = np.frombuffer(body, dtype=np.int8, count=starts[-1]) < -64  # 0x80-0xBF as signed bytes, to the last
    count = np.count_nonzero
    offsets, before, previous = [], 0, 0
    for start in starts:
        before += int(count(continuing[previous:start]))
        offsets.append(start - before)
        previous = start
    return offsets


def _holds(body: bytes, character: str) -> bool:
    """Whether ``body`` holds ``character``: its first byte looked for first (memchr), as it is rare."""
    encoded = character.encode()
    return encoded[:1] in body and encoded in body


ASCII_WORD = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz_")  # lower-cased ASCII bytes of re's \w
SPACE_BYTES = b"(?:[\\t-\\r\\x1c-\\x20]|[\\x80-\\xff])"  # what a space (re's \s) can be there


def _bytes_pattern(parts: list[str]) -> re.Pattern:
    """Matches, in UTF-8 with ASCII lower-cased, wherever a text lower-cased matches the query's
    ``parts`` (lower-cased, split at whitespace), and some more places: each letter as every
    character that lower-cases to it, the space between the parts as any byte a space can be, and
    no ASCII letter, digit or ``_`` after the last part; or, from the first ``*``, anything (a
    ``*`` as any run of word bytes backtracked without end over unspaced text; the window's
    check decides)."""
    pieces = []
    for number, part in enumerate(parts):
        if number:
            pieces.append(SPACE_BYTES + b"+")
        for letter in part:
            if letter == "*":  # every hit begins with what came before: enough to find each place
                return re.compile(b"".join(pieces))
            spelled = sorted({c.encode().lower() for c in variants(letter)})
            if not spelled:
                return re.compile(b"(?!)")  # nothing lower-cases to this letter
            pieces.append(re.escape(spelled[0]) if len(spelled) == 1
                          else b"(?:" + b"|".join(re.escape(s) for s in spelled) + b")")
    return re.compile(b"".join(pieces) + b"(?![0-9a-z_])")


def _overlaps(prefix: str) -> bool:
    """Whether two places of ``prefix`` can overlap (it begins as it ends: "aa", "ala")."""
    folded = prefix.replace(FINAL_SIGMA, "\u03c3")
    return any(folded[shift:] == folded[:-shift] for shift in range(1, len(folded)))
