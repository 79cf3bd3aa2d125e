"""Finding a word query in the documents' UTF-8 bytes, without lower-casing or decoding whole texts.

Why: over 20,000,000 words, decoding every text and lower-casing it (``str.lower``) cost most of a
first concordance.  Here ASCII letters are lower-cased in the bytes (``bytes.lower``, a table
lookup in C) and every other character that lower-cases to one of the query's first letters is
spelled out in a bytes pattern (``variants``).  That pattern finds every place where a hit can
start, and some more; only documents with such a place are decoded, and each place is checked
with the concordance's own pattern (``compile_word_query``) on the few characters there,
lower-cased, in the order and without the overlaps of ``re.finditer``.  So the hits are exactly
those of ``find_words`` on the whole lower-cased text (tests compare them on random texts).

A text that lower-casing lengthens (a dotted capital I, which ``find_words`` searches ignoring
case) or lower-cases by context (a capital sigma: σ, or ς at the end of a word), or a query that
starts with ``*``, is searched whole by ``find_words``, as before.
"""

from __future__ import annotations

import re
import unicodedata

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
        literal = "".join(sorted(set(query.lower()) - set("*")))
        # a character the query's pattern cannot take in: a match ends before it
        self.stop = re.compile(rf"[^\w{MARKS}\s{re.escape(literal)}]")

    def search(self, body: bytes, text: str | None = None) -> tuple[str | None, list[tuple[int, int]]]:
        """(the text of ``body`` or None when it has no hit and was not decoded, its hits as
        ``find_words`` gives them); ``text`` is the body decoded, when the caller kept it."""
        if self.candidates is None or _holds(body, LENGTHENED):
            text = body.decode() if text is None else text
            return text, find_words(text, self.patterns)
        lowered = body.lower()
        found = self.candidates.search(lowered)
        if found is None:
            return None, []
        if _holds(body, SIGMA):
            text = body.decode() if text is None else text
            return text, find_words(text, self.patterns)
        starts = self._starts(lowered, found)
        if text is None:  # decoded piece by piece, which counts the code points before each candidate
            text, offsets = _decoded(body, starts)
        else:
            offsets = _code_points(body, starts)
        return text, self._check(text, offsets)

    def _starts(self, lowered: bytes, found: re.Match) -> list[int]:
        """The byte offsets of every candidate, overlapping ones too (but for a word that cannot overlap
        itself): the places ``re.finditer`` would try after a place that is no hit."""
        if self.literal and not self.overlapping:
            return [found.start()] + [m.start() for m in self.candidates.finditer(lowered, found.end())]
        starts = []
        while found is not None:
            starts.append(found.start())
            found = self.candidates.search(lowered, found.start() + 1)
        return starts

    def _check(self, text: str, offsets: list[int]) -> list[tuple[int, int]]:
        """The hits among the candidates at ``offsets`` (code points, in order): where the lower-cased
        pattern matches, resuming after each match as ``re.finditer`` does, and not inside a word."""
        pattern = self.patterns[0]
        hits: list[tuple[int, int]] = []
        resume = 0
        for start in offsets:
            if start < resume:
                continue
            window = self._window(text, start)
            match = pattern.match(window)
            if match is None:
                continue
            resume = start + match.end()
            if match.end() and not (start and in_word(text[start - 1])):
                hits.append((start, resume))
        return hits


    def _window(self, text: str, start: int) -> str:
        """The text from ``start`` lower-cased, as far as a match there can reach and the character
        after it: one word's length and one more, else up to a character the pattern cannot take in."""
        if self.literal:
            return text[start:start + len(self.prefix) + 1].lower()
        reach = 64 + 2 * len(self.prefix)
        while True:
            window = text[start:start + reach].lower()  # no İ or Σ in the text: as the whole text lower-cased
            if start + reach >= len(text) or self.stop.search(window):
                return window
            reach *= 4


def _decoded(body: bytes, starts: list[int]) -> tuple[str, list[int]]:
    """(``body`` decoded, the code point offsets of the byte offsets ``starts``: increasing, each at
    a character's first byte), decoding the pieces between them."""
    pieces, offsets, previous, offset = [], [], 0, 0
    for start in starts:
        piece = body[previous:start].decode()
        pieces.append(piece)
        offset += len(piece)
        offsets.append(offset)
        previous = start
    pieces.append(body[previous:].decode())
    return "".join(pieces), offsets


def _code_points(body: bytes, starts: list[int]) -> list[int]:
    """The code point offsets of the byte offsets ``starts`` (as ``_decoded``) when the text is decoded
    already: the characters' first bytes before each, counted by numpy."""
    import numpy as np

    heads = (np.frombuffer(body, dtype=np.uint8) & 0xC0) != 0x80
    bounds = np.asarray(starts, dtype=np.intp)
    leading = bool(bounds[0] > 0)
    if leading:
        bounds = np.concatenate(([0], bounds))
    sums = np.add.reduceat(heads, bounds, dtype=np.int64)  # characters from each bound to the next
    before = np.concatenate(([0], np.cumsum(sums)[:-1]))
    return (before[1:] if leading else before).tolist()


def _holds(body: bytes, character: str) -> bool:
    """Whether ``body`` holds ``character``: its first byte looked for first (memchr), as it is rare."""
    encoded = character.encode()
    return encoded[:1] in body and encoded in body


WORD_BYTES = b"(?:[0-9a-z_]|[\\x80-\\xff])"  # what a word character can be in ASCII-lower-cased UTF-8
SPACE_BYTES = b"(?:[\\t-\\r\\x1c-\\x20]|[\\x80-\\xff])"  # what a space (re's \s) can be there


def _bytes_pattern(parts: list[str]) -> re.Pattern:
    """Matches, in UTF-8 with ASCII lower-cased, wherever a text lower-cased matches the query's
    ``parts`` (lower-cased, split at whitespace), and some more places: each letter as every
    character that lower-cases to it, ``*`` and the space between the parts as any byte a word
    character or a space can be, and no ASCII letter, digit or ``_`` after the last part."""
    pieces = []
    for number, part in enumerate(parts):
        if number:
            pieces.append(SPACE_BYTES + b"+")
        for letter in part:
            if letter == "*":
                pieces.append(WORD_BYTES + b"*")
                continue
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
