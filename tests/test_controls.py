"""The three classes of control characters, each for its purpose, from one definition (qda.controls).

A name admits none (it is printed in tables, trees and messages); the app and the printers draw each
one but the line break as a space (the line break ends a row); an import makes each a space but tab
and the line breaks a transcript is written with.  Each class is pinned here against every code
point, as its pattern finds it and as the function that uses it behaves: a range widened or narrowed
in one place would fail here.  The expected sets are written out by hand (C0 U+0000-U+001F, DEL
U+007F, C1 U+0080-U+009F: Unicode's general category Cc)."""

from __future__ import annotations

import sys
import unicodedata

from qda.cells import DRAWN_AS_SPACE, visible
from qda.controls import CONTROLS
from qda.ingest.encoding import MENDED_ON_IMPORT, terminal_controls_mended
from qda.model import NOT_IN_NAMES, control_in

C0, DEL_AND_C1 = set(range(0x00, 0x20)), set(range(0x7F, 0xA0))
CC = C0 | DEL_AND_C1
EVERY = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)


def found(pattern) -> set[int]:
    return {ord(char) for char in pattern.findall(EVERY)}


def changed(before: str, after: str) -> set[int]:
    assert len(after) == len(before)  # each made a space in place: offsets unmoved
    return {ord(old) for old, new in zip(before, after) if old != new}


def test_the_one_definition_is_unicodes_control_characters():
    assert {ord(char) for char in CONTROLS} == CC
    assert {ord(char) for char in EVERY if unicodedata.category(char) == "Cc"} == CC


def test_a_name_admits_no_control_character():
    assert found(NOT_IN_NAMES) == CC
    assert {code for code in range(0x3000) if control_in(chr(code))} == CC
    assert control_in("Police\x85distrust") == "U+0085" and control_in("Police\u2028distrust") is None


def test_drawing_admits_the_line_break_only():
    assert found(DRAWN_AS_SPACE) == CC - {0x0A}
    assert changed(EVERY, visible(EVERY)) == CC - {0x0A}


def test_an_import_admits_tab_and_the_line_breaks():
    kept = {0x09, 0x0A, 0x0B, 0x0C, 0x0D}  # tab, line feed, vertical tab, form feed, carriage return
    assert found(MENDED_ON_IMPORT) == CC - kept
    warnings: list[str] = []
    assert changed(EVERY, terminal_controls_mended(EVERY, warnings)) == CC - kept
    assert warnings == [f"line 1 holds a control character (U+0000), {len(CC - kept)} in all (a terminal's "
                        "escape codes, or a wrong encoding?); each made a space"]
