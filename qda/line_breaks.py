"""Where a row of text may not break: no row starts with closing punctuation, none ends with opening.

The rule of Japanese kinsoku shori (JIS X 4051) and of UAX #14's classes CL, CP, EX, IS and NS (what may
not begin a line) and OP (what may not end one), for text cut where a row is full rather than at a space:
Chinese and Japanese, which have no spaces between words.  Without it a row may begin with "。" or "、"
and the previous row end with "「".  What may not start a row: closing brackets and final quotes (Unicode
categories Pe, Pf), the ideographic comma and full stop, the full-width and ASCII stops, colons,
question and exclamation marks, iteration marks, the prolonged sound mark and the small kana (UAX #14's
CJ, taken strictly as Japanese typesetting does).  What may not end one: opening brackets and initial
quotes (Ps, Pi).

The transcript's rows (``qda.navigation.Layout``) and every other pane that wraps text (details, memos,
quotes, query passages, adjudication: ``qda.tui.wrapped``) are cut by these rules.

``pull_back(text, start, stop)`` moves a break back past such characters, so that a character goes to the
next row with the punctuation that follows it (oidashi: the row is never widened).
"""

from __future__ import annotations

import unicodedata

SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｯｬｭｮ"
NO_START_MARKS = ("、。，．・：；？！‼⁇⁈⁉ゝゞヽヾ々〻ー゠〜～‐ｰ｡､"  # CJK stops, marks that lean on what precedes
                  "!,.:;?)]}%")                                  # their ASCII forms
NO_START = frozenset(NO_START_MARKS + SMALL_KANA)
MOST_PULLED = 4  # characters a break moves back at most: a longer run of such marks is broken where it is full


def no_start(char: str) -> bool:
    """True when a row may not begin with ``char``: closing punctuation, stops, small kana."""
    return char in NO_START or unicodedata.category(char) in ("Pe", "Pf")


def no_end(char: str) -> bool:
    """True when a row may not end with ``char``: opening brackets and quotes."""
    return unicodedata.category(char) in ("Ps", "Pi")


def pull_back(text: str, start: int, stop: int, starts: list[int] | None = None) -> int:
    """A break at ``stop`` (the next row's first offset) in a row from ``start``, moved back until the
    next row starts with no closing mark and this row ends with no opening one.

    ``starts`` lists the offsets a break may fall on (cluster starts, ascending), every offset when
    None.  The break moves back at most ``MOST_PULLED`` places and never empties the row: where no
    earlier break obeys the rule, ``stop`` is kept (the row is full and must break somewhere).

    >>> pull_back("我们去了派出所。然后", 0, 7)
    6
    >>> pull_back("她说「我们去", 0, 3)
    2
    """
    candidates = range(stop, start, -1) if starts is None else [s for s in reversed(starts) if start < s <= stop]
    for moved, candidate in enumerate(candidates):
        if moved > MOST_PULLED:
            break
        if not no_start(text[candidate]) and not no_end(text[candidate - 1]):
            return candidate
    return stop
