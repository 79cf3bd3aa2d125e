"""Control characters: what a terminal obeys rather than shows, defined once.

The C0 controls (U+0000-U+001F), DEL and the C1 controls (U+007F-U+009F), Unicode's category Cc:
ESC [2J clears the screen, ESC ] 0 retitles the window, a tab moves on, U+0085 ends a line.  Each
purpose admits some of them back and names its own class, made here with ``one_of``: a name admits
none (``qda.model.NOT_IN_NAMES``); drawing admits the line break, which ends a row
(``qda.cells.DRAWN_AS_SPACE``); an import keeps tab and the line breaks a transcript is written with
(``qda.ingest.encoding.MENDED_ON_IMPORT``).

A module of its own, importing nothing of qda, so that every layer may use it: in ``qda.model`` it
would cost ``qda.cells``, so ``qda --help``, the dataclasses' making (~16 ms of CPU).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CONTROLS = frozenset(map(chr, [*range(0x20), *range(0x7F, 0xA0)]))


def one_of(characters: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching one of ``characters`` (a class of ``CONTROLS``): as fast as written ranges,
    since ``re`` compiles a class of listed characters to the same character set."""
    return re.compile("[" + re.escape("".join(sorted(characters))) + "]")
