"""Selection positions of REFI-QDA sources to and from qda's canonical offsets.

qda's offsets are code points of the canonical text (NFC, ``\\n`` line
endings, no BOM).  A REFI-QDA source is the raw text a tool wrote, and its
``startPosition``/``endPosition`` are meant as code points of that text, but
tools differ:

* ``codepoints``: Unicode code points, a CRLF counted as two (the standard;
  QualCoder, MAXQDA, and what qda writes);
* ``utf16``: UTF-16 code units, so a character outside the BMP (an emoji)
  counts two, a CRLF two, a BOM nothing (NVivo for Windows);
* ``crlf1``: code points with a CRLF counted as one (ATLAS.ti).

A BOM is never counted.  ``detect`` picks, per source, the convention under
which every selection lies inside the text and does not split a character,
preferring the one under which most selections that carry a name match the
text they select; ``Positions.to_canonical`` then converts.

This module is the only place where REFI positions meet qda offsets.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

CONVENTIONS = ("codepoints", "utf16", "crlf1")
DESCRIPTIONS = {
    "codepoints": "Unicode code points (the standard)",
    "utf16": "UTF-16 code units, CRLF as two (as NVivo for Windows writes)",
    "crlf1": "code points with CRLF as one (as ATLAS.ti writes)",
}


def _nfc_map(text: str) -> np.ndarray | None:
    """For an LF-only text, the NFC offset of each code-point boundary, or None if NFC changes nothing.

    The text is cut before every character of combining class 0 and each piece
    normalised alone; a boundary inside a piece that NFC merges maps to the
    piece's start.  Where normalising piecewise would differ from normalising
    the whole (rare scripts), whole lines are used as pieces instead."""
    if unicodedata.is_normalized("NFC", text):
        return None
    mapping = np.zeros(len(text) + 1, dtype=np.int64)
    out = 0
    for line_start, line in _pieces(text, "\n"):
        pieces = list(_pieces(line, None))
        normalised = [unicodedata.normalize("NFC", p) for _, p in pieces]
        if "".join(normalised) != unicodedata.normalize("NFC", line):
            pieces, normalised = [(0, line)], [unicodedata.normalize("NFC", line)]
        for (start, piece), norm in zip(pieces, normalised):
            begin = line_start + start
            if len(norm) == len(piece):
                mapping[begin:begin + len(piece)] = np.arange(out, out + len(piece))
            else:
                mapping[begin:begin + len(piece)] = out
            out += len(norm)
        mapping[line_start + len(line)] = out
    mapping[len(text)] = out
    return mapping


def _pieces(text: str, separator: str | None):
    """(offset, piece) pairs: lines (keeping the separator) or runs starting at a starter."""
    if separator is not None:
        start = 0
        for line in text.split(separator):
            yield start, line + ("\n" if start + len(line) < len(text) else "")
            start += len(line) + 1
        return
    start = 0
    for i in range(1, len(text)):
        if unicodedata.combining(text[i]) == 0:
            yield start, text[start:i]
            start = i
    if text:
        yield start, text[start:]


@dataclass
class Positions:
    """The offset maps of one raw source text (BOM already removed)."""

    raw: str
    canonical: str
    _codes: np.ndarray | None = None
    _canon: np.ndarray | None = None   # raw code-point boundary -> canonical offset
    _conv: dict | None = None
    _trivial: bool | None = None

    @classmethod
    def of(cls, raw: str) -> "Positions":
        from ...text import canonical
        raw = raw[1:] if raw.startswith("\ufeff") else raw
        return cls(raw, canonical(raw))

    @property
    def trivial(self) -> bool:
        """True when every convention and the canonical text agree on every offset."""
        if self._trivial is None:
            self._trivial = self.raw == self.canonical and self.raw.isascii() or (
                self.raw == self.canonical and len(self.raw.encode("utf-16-le")) == 2 * len(self.raw))
        return self._trivial

    def _build(self) -> None:
        if self._conv is not None:
            return
        codes = np.frombuffer(self.raw.encode("utf-32-le"), dtype=np.uint32)
        n = len(codes)
        astral = (codes > 0xFFFF).astype(np.int64)
        lf_after_cr = np.zeros(n, dtype=np.int64)
        if n > 1:
            lf_after_cr[1:] = (codes[1:] == 10) & (codes[:-1] == 13)
        zero = np.zeros(1, dtype=np.int64)
        self._conv = {
            "codepoints": np.arange(n + 1, dtype=np.int64),
            "utf16": np.concatenate([zero, np.cumsum(1 + astral)]),
            "crlf1": np.concatenate([zero, np.cumsum(1 - lf_after_cr)]),
        }
        # Canonical before NFC = CRLF and CR to LF, which is the crlf1 count.
        lf_offsets = self._conv["crlf1"]
        lf_text = self.raw.replace("\r\n", "\n").replace("\r", "\n")
        nfc = _nfc_map(lf_text)
        self._canon = lf_offsets if nfc is None else nfc[lf_offsets]

    def length(self, convention: str) -> int:
        if self.trivial:
            return len(self.raw)
        self._build()
        return int(self._conv[convention][-1])

    def to_raw(self, convention: str, positions: np.ndarray) -> np.ndarray:
        """Raw code-point boundaries for positions in ``convention``; -1 where a position is
        out of range or splits a character."""
        positions = np.asarray(positions, dtype=np.int64)
        if self.trivial:
            return np.where((positions >= 0) & (positions <= len(self.raw)), positions, -1)
        self._build()
        conv = self._conv[convention]
        index = np.searchsorted(conv, positions, side="left")
        inside = (positions >= 0) & (index <= len(conv) - 1)
        index = np.minimum(index, len(conv) - 1)
        ok = inside & (conv[index] == positions)
        return np.where(ok, index, -1)

    def canonical_at(self, raw_positions: np.ndarray) -> np.ndarray:
        raw_positions = np.asarray(raw_positions, dtype=np.int64)
        if self.trivial:
            return raw_positions
        self._build()
        return self._canon[raw_positions]

    def to_canonical(self, convention: str, starts, ends) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(canonical starts, canonical ends, ok): ok is False for a position that falls
        outside the text or inside a character."""
        raw_starts, raw_ends = self.to_raw(convention, starts), self.to_raw(convention, ends)
        ok = (raw_starts >= 0) & (raw_ends >= 0)
        safe_starts, safe_ends = np.where(ok, raw_starts, 0), np.where(ok, raw_ends, 0)
        return self.canonical_at(safe_starts), self.canonical_at(safe_ends), ok


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Detection:
    convention: str
    ambiguous: bool          # conventions that place some selection differently fit equally well
    differs: bool            # the conventions give different offsets for this text


NAME_CHECKS = 64  # selections whose names are compared with their text, at most, per source: ample evidence


def detect(positions: Positions, starts, ends, names: list[str]) -> Detection | None:
    """The convention under which every selection fits, best by names; None if none fits.

    Names are compared only for selections the fitting conventions place
    differently (at most ``NAME_CHECKS`` of them): elsewhere they cannot tell
    the conventions apart; and only until the rest could no longer change the
    best convention or make a tie."""
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if positions.trivial:
        fits = bool(np.all((starts >= 0) & (ends <= len(positions.raw)) & (starts <= ends))) if len(starts) else True
        return Detection("codepoints", False, False) if fits else None
    fitting: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    placed = set()   # where each convention puts the selections (-1: nowhere), to tell whether they differ
    ordered = bool(np.all(starts <= ends))
    for convention in CONVENTIONS:
        cstarts, cends, ok = positions.to_canonical(convention, starts, ends)
        placed.add((np.where(ok, cstarts, -1).tobytes(), np.where(ok, cends, -1).tobytes()))
        if ordered and bool(np.all(ok)):
            fitting[convention] = (cstarts, cends)
    if not fitting:
        return None
    distinct = len(placed) > 1
    named_mask = np.array([bool(n and n.strip()) for n in names], dtype=bool) if len(names) else np.zeros(0, dtype=bool)
    spans = list(fitting.values())
    differ_mask = np.zeros(len(starts), dtype=bool)
    for cstarts, cends in spans[1:]:
        differ_mask |= (cstarts != spans[0][0]) | (cends != spans[0][1])
    checked = np.flatnonzero(named_mask & differ_mask)[:NAME_CHECKS].tolist()
    text = positions.canonical
    wanted = {i: _squash(names[i]).rstrip(".…").strip() for i in checked}
    found: dict[tuple[int, int, int], bool] = {}    # (selection, start, end) -> its name matches there
    tried = [(rank, convention, *fitting[convention]) for rank, convention in enumerate(CONVENTIONS) if convention in fitting]
    counts = [0] * len(tried)
    for done, i in enumerate(checked, 1):
        for k, (_rank, _convention, cstarts, cends) in enumerate(tried):
            s, e = int(cstarts[i]), int(cends[i])
            key = (i, s, e)
            match = found.get(key)
            if match is None:
                match = found[key] = _wanted_matches(wanted[i], text[s:min(e, s + 2 * len(names[i]) + 16)])
            counts[k] += match
        if len(counts) > 1:
            # Stop once the names still unchecked cannot change the winner or make a tie.
            top = sorted(counts, reverse=True)
            if top[0] - top[1] > len(checked) - done:
                break
    candidates = [(counts[k], -rank, convention) for k, (rank, convention, _s, _e) in enumerate(tried)]
    candidates.sort(reverse=True)
    best = candidates[0]
    # Ambiguous only if a convention as well supported as the best would put some selection elsewhere.
    best_starts, best_ends = fitting[best[2]]
    ambiguous = any(count == best[0] and (np.any(fitting[convention][0] != best_starts) or np.any(fitting[convention][1] != best_ends))
                    for count, _rank, convention in candidates[1:])
    return Detection(best[2], bool(ambiguous), distinct)


def _wanted_matches(wanted: str, selected: str) -> bool:
    """Whether a selection's name (squashed, stripped) is the text it selects, or its
    beginning, as tools abbreviate."""
    got = _squash(selected)
    return bool(wanted) and (got == wanted or (len(wanted) >= 3 and got.startswith(wanted)))
