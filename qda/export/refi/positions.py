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

A BOM is never counted.  ``detect`` picks, per source, among the conventions
under which every selection lies inside the text and does not split a
character, by the evidence in ``EVIDENCE`` order; ``Positions.to_canonical``
then converts.

This module is the only place where REFI positions meet qda offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

CONVENTIONS = ("codepoints", "utf16", "crlf1")
FARTHEST = 2 ** 53       # a position beyond this lies outside any text (and past what int64 arrays and floats hold)
_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*")


class OutsideAnyText(ValueError):
    """A position too large (or too negative) for any text."""


def read_position(value: str | None) -> int:
    """A REFI-QDA position attribute (xs:integer: ASCII digits, a sign, blanks around) as an int.

    Raises ValueError when it is no whole number, ``OutsideAnyText`` (a ValueError) when it lies
    beyond ``FARTHEST``: such a number would overflow numpy's int64 where positions are converted."""
    if value is None or not _INTEGER.fullmatch(value):
        raise ValueError(f"not a whole number: {value!r}")
    number = int(value)
    if abs(number) > FARTHEST:
        raise OutsideAnyText(f"{number} lies outside any text")
    return number
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


# What a program writes, by the words of its ``origin`` attribute (lower case): the first
# entry whose words all occur wins; None: nothing is known of that program's convention.
PROGRAMS = (
    (("nvivo", "mac"), None),              # NVivo for Mac: no file seen that tells
    (("nvivo",), "utf16"),                 # "NVivo for Windows 12.6", "NVivo 12 Plus"
    (("atlas.ti",), "crlf1"),
    (("maxqda",), "codepoints"),
    (("qualcoder",), "codepoints"),
    (("qda ",), "codepoints"),             # qda itself: "qda 0.9.0"
    (("qc ",), "codepoints"),              # qc (qualitative-coding): "qc 1.4.2"
)


def program_convention(origin: str) -> str | None:
    """The convention the program named in a project's ``origin`` is known to write, if any."""
    words = (origin or "").casefold() + " "
    for needed, convention in PROGRAMS:
        if all(word in words for word in needed):
            return convention
    return None


# The evidence, strongest first, and how the import names it.
EVIDENCE = {
    "agree": "all conventions agree for this text",
    "range": "no other convention fits the selections",
    "names": "the selections' names match the text they select",
    "boundaries": "selections start and end at word or line boundaries",
    "origin": "the program named in the file's origin writes it",
    "standard": "the standard's; other conventions also fit and nothing in the file tells them apart",
}


@dataclass
class Detection:
    convention: str
    evidence: str                       # a key of EVIDENCE: what decided
    ambiguous: bool = False             # conventions that place some selection differently fit equally well
    differs: bool = True                # the conventions give different offsets for this text
    expected: str | None = None         # the convention of the program the file names, if known
    expected_fits: bool = True          # every selection fits under ``expected``
    scores: dict = field(default_factory=dict)   # convention -> (aligned, checked) where boundaries were counted
    against: bool = False               # placed otherwise than the program the file names is known to write


NAME_CHECKS = 64         # selections whose names are compared with their text, at most, per source
BOUNDARY_CHECKS = 512    # selections whose ends are checked against word and line boundaries, at most
# Boundaries decide when the best convention aligns clearly more selection ends than every other:
# by at least this share of the ends checked, and by at least two ends.
BOUNDARY_MARGIN = 0.25


def detect(positions: Positions, starts, ends, names: list[str], expected: str | None = None) -> Detection | None:
    """The convention of a source's positions; None if under none every selection fits.

    Evidence, in order, each consulted only where the earlier left a tie between
    conventions that place some selection differently:

    1. range: a convention under which some selection falls outside the text or
       inside a character is out;
    2. names: most selections whose name is the text they select (or its start);
    3. boundaries: most selection starts and ends at word or line boundaries,
       by a clear margin (``BOUNDARY_MARGIN``);
    4. origin: the convention of the program the file names (``expected``);
    5. the standard's code points, else the first fitting in ``CONVENTIONS``.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if positions.trivial:
        fits = bool(np.all((starts >= 0) & (ends <= len(positions.raw)) & (starts <= ends))) if len(starts) else True
        return Detection("codepoints", "agree", differs=False, expected=expected) if fits else None
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
    found = Detection("", "", expected=expected, expected_fits=expected is None or expected in fitting,
                      differs=len(placed) > 1)
    candidates = [c for c in CONVENTIONS if c in fitting]

    def decided(convention: str, evidence: str) -> Detection:
        found.convention, found.evidence = convention, evidence
        found.against = (expected is not None and found.differs and convention != expected
                         and not (expected in fitting and _placed_alike(fitting, [convention, expected])))
        return found

    if not found.differs:
        return decided(candidates[0], "agree")
    if _placed_alike(fitting, candidates):
        return decided(candidates[0], "range")
    spans = list(fitting.values())
    differ_mask = np.zeros(len(starts), dtype=bool)
    for cstarts, cends in spans[1:]:
        differ_mask |= (cstarts != spans[0][0]) | (cends != spans[0][1])
    differing = np.flatnonzero(differ_mask)
    for evidence, weigh in (("names", _names_weigh), ("boundaries", _boundaries_weigh)):
        best = weigh(positions.canonical, fitting, candidates, differing, names, found)
        if best is not None:
            candidates = best
            if _placed_alike(fitting, candidates):
                return decided(candidates[0], evidence)
    found.ambiguous = True
    if expected in candidates:
        return decided(expected, "origin")
    return decided("codepoints" if "codepoints" in candidates else candidates[0], "standard")


def _placed_alike(fitting: dict, candidates: list[str]) -> bool:
    first_starts, first_ends = fitting[candidates[0]]
    return all(np.array_equal(fitting[c][0], first_starts) and np.array_equal(fitting[c][1], first_ends)
               for c in candidates[1:])


def _names_weigh(text: str, fitting: dict, candidates: list[str], differing: np.ndarray, names: list[str],
                 found: Detection) -> list[str] | None:
    """The candidates under which most named selections match their names; None if no name matches anywhere."""
    checked = [i for i in differing.tolist() if i < len(names) and names[i] and names[i].strip()][:NAME_CHECKS]
    counts = {c: 0 for c in candidates}
    for i in checked:
        wanted = _squash(names[i]).rstrip(".…").strip()
        for convention in candidates:
            s, e = int(fitting[convention][0][i]), int(fitting[convention][1][i])
            counts[convention] += _wanted_matches(wanted, text[s:min(e, s + 2 * len(names[i]) + 16)])
    top = max(counts.values())
    return None if top == 0 else [c for c in candidates if counts[c] == top]


def _boundaries_weigh(text: str, fitting: dict, candidates: list[str], differing: np.ndarray, names: list[str],
                      found: Detection) -> list[str] | None:
    """The candidates (placing selections alike) under which clearly most selection ends lie at word or
    line boundaries; None if none stands out."""
    checked = differing[:BOUNDARY_CHECKS].tolist()
    if not checked:
        return None
    for convention in candidates:
        aligned = sum(_starts_word(text, int(fitting[convention][0][i])) + _ends_word(text, int(fitting[convention][1][i]))
                      for i in checked)
        found.scores[convention] = (aligned, 2 * len(checked))
    top = max(candidates, key=lambda c: found.scores[c][0])
    alike = [c for c in candidates if _placed_alike(fitting, [top, c])]
    rivals = [found.scores[c][0] for c in candidates if c not in alike]
    if found.scores[top][0] - max(rivals) >= max(2, BOUNDARY_MARGIN * 2 * len(checked)):
        return alike
    return None


def _starts_word(text: str, position: int) -> bool:
    """A selection starting here starts a line, a word or a sign before a word (a quote, a bracket)."""
    if position <= 0 or position >= len(text):
        return True
    before, after = text[position - 1], text[position]
    return before.isspace() or (not before.isalnum() and after.isalnum())


def _ends_word(text: str, position: int) -> bool:
    """A selection ending here ends a line, a word or a sign after a word (a full stop, a quote)."""
    if position <= 0 or position >= len(text):
        return True
    before, after = text[position - 1], text[position]
    return after.isspace() or before.isspace() or (before.isalnum() and not after.isalnum())


def describe(detection: Detection) -> str:
    """How positions were read, for the import's report (one phrase, shared by the sources read alike)."""
    if not detection.differs:
        return "code points (all conventions agree for this text)"
    return f"{DESCRIPTIONS[detection.convention]}; decided by: {EVIDENCE[detection.evidence]}"


def _wanted_matches(wanted: str, selected: str) -> bool:
    """Whether a selection's name (squashed, stripped) is the text it selects, or its
    beginning, as tools abbreviate."""
    got = _squash(selected)
    return bool(wanted) and (got == wanted or (len(wanted) >= 3 and got.startswith(wanted)))
