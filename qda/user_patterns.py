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
"""

from __future__ import annotations

import re

from .errors import QdaError

SECONDS = 2.0  # of CPU time, for one pattern over one text


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
    try:
        return list(pattern.finditer(text, timeout=SECONDS))
    except TimeoutError:
        raise PatternTooSlow(pattern.pattern, where) from None
