"""A researcher's own regular expression, run within a bound of CPU time.

A pattern someone types (the app's ``re:`` search, the auto-code dialog's regular expression,
``qda import --speaker-pattern``) can backtrack for minutes or years: ``(a|aa)+$`` over a run
of a's, ``(.*a){25}``.  Python's ``re`` cannot be stopped
(no timeout, and it holds the GIL, so even the app's worker thread froze the app).  These
patterns are compiled and run by the `regex` package (docs/libraries.md): its ``timeout=`` is
counted in the process's CPU time (C ``clock()``), not on the wall clock, so a loaded machine
does not refuse a good pattern; and it lets other threads run while it matches, so the app
keeps drawing and taking keys while its worker searches.

``SECONDS`` bounds the whole search of one text (every match of ``finditer``, not each one).
A linear pattern over the largest transcript (1,000,000 characters) takes well under 0.1 s of
CPU, so only a pattern that backtracks without end reaches it; it is refused in one line
naming the document, and nothing found up to then is used (auto-coding codes all or nothing).

``RUN_SECONDS`` bounds a run over many texts (``qda import --speaker-pattern`` of thousands of
files): a pattern just under ``SECONDS`` on each would otherwise take hours in all.  Speaker
patterns over 11 MB of transcripts (2 million words, 200,000 turns) took 0.3-0.6 s of CPU
(measured 2026-12-01), so the bound is some fifty times what a linear pattern needs for a
thousand interviews.  ``spent()`` counts this process's CPU in these patterns, so a worker
process can report what one text cost.  The app's auto-code dialog shows its progress and
stops at the next key instead.
"""

from __future__ import annotations

import re
import time

from .errors import QdaError

SECONDS = 2.0  # of CPU time, for one pattern over one text
RUN_SECONDS = 30.0  # of CPU time, for one pattern over every text of a run
_spent = 0.0  # CPU seconds this process spent in researchers' patterns (``spent``)


class PatternTooSlow(QdaError):
    """A researcher's pattern ran past ``SECONDS`` on one text."""

    def __init__(self, source: str, where: str):
        self.source, self.where = source, where
        super().__init__(f"the pattern {source!r} takes too long on {where}; make it more specific "
                         "(a repeat inside a repeat, as (a|aa)+, tries every way of splitting a text)")

    def __reduce__(self):  # raised in an import worker process, it crosses back whole
        return type(self), (self.source, self.where)


def compile_pattern(source: str, flags: int = 0, what: str = "pattern"):
    """``source`` compiled by ``regex`` (``re``'s syntax, plus ``\\p{L}`` and possessive runs);
    ``flags`` are ``re``'s (IGNORECASE, MULTILINE), which ``regex`` shares.  Invalid: QdaError
    naming ``what`` ("speaker pattern")."""
    import regex

    try:
        return regex.compile(source, flags)
    except (regex.error, ValueError, OverflowError) as error:
        raise QdaError(f"{what} {source!r} is not a valid regular expression: {error}") from error


def all_matches(pattern, text: str, where: str) -> list:
    """Every match of ``pattern`` (from ``compile_pattern``, or any compiled ``re`` pattern of qda's
    own, which runs unbounded) in ``text``, in order; PatternTooSlow naming ``where`` (a document)
    past ``SECONDS`` of CPU."""
    if isinstance(pattern, re.Pattern):  # qda's own escaped words: linear, no bound needed
        return list(pattern.finditer(text))
    global _spent
    started = time.process_time()
    try:
        return list(pattern.finditer(text, timeout=SECONDS))
    except TimeoutError:
        raise PatternTooSlow(pattern.pattern, where) from None
    finally:
        _spent += time.process_time() - started


def spent() -> float:
    """CPU seconds this process has spent so far in researchers' patterns (``all_matches``)."""
    return _spent


class RunBound:
    """``RUN_SECONDS`` of CPU for one pattern over the texts of a run, counted as each text's cost
    comes in (``add``); past it, PatternTooSlow naming how many texts it took."""

    def __init__(self, source: str, texts: int):
        self.source, self.texts, self.seconds, self.done = source, texts, 0.0, 0

    def add(self, seconds: float) -> None:
        self.seconds += seconds
        self.done += 1
        if self.seconds > RUN_SECONDS:
            raise PatternTooSlow(self.source, f"the first {self.done:,} of {self.texts:,} files "
                                              f"({self.seconds:.0f} s of CPU in all, {RUN_SECONDS:.0f} s allowed)")
