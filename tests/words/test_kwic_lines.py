"""`qda kwic`'s lines for a terminal (qda.cli.words._lines): a column whose every text is printable, has no
two spaces running and stays below U+0300 is cut by slicing; it must give the cells the per-cell path
(whitespace flattened, cut by terminal columns through qda.cells) gives, and the printer (qda.cli.table, whose
plain check now takes such text) must align them by rich's cell widths (rich 15, the peer)."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len

from qda.cli.table import print_table
from qda.cells import first_cells, last_cells, pad_left
from qda.cli.words import _lines
from qda.rows import Rows

COLUMNS = ["ref", "document", "document_id", "speaker", "left", "hit", "right", "start", "end"]
NARROW_TEXTS = ["la señora de la ", "", "ñandú, niño; ¿qué? ", "x" * 300, "Perú: «sí» ", "año·"]
OTHER_TEXTS = ["dos  espacios ", "tab\there ", "línea\nnueva ", "警察の ", "😀 ", "Cafe\u0301 ", "\u00a0nbsp "]


def by_cell(texts: list[str], side: int, from_end: bool) -> list[str]:
    spaces = re.compile(r"\s+")
    flat = [text if text.isprintable() and "  " not in text else spaces.sub(" ", text) for text in texts]
    return [pad_left(last_cells(text, side), side) if from_end else first_cells(text, side) for text in flat]


def table(lefts: list[str], rights: list[str]) -> Rows:
    count = len(lefts)
    return Rows.by_columns(COLUMNS, [[f"P{n:02d} ¶1" for n in range(count)], ["doc"] * count, ["id"] * count,
                                     ["E01"] * count, lefts, ["familia"] * count, rights, list(range(count)),
                                     list(range(count))])


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("texts", [NARROW_TEXTS, NARROW_TEXTS + OTHER_TEXTS], ids=["narrow", "mixed"])
def test_the_lines_are_the_cells_cut_one_at_a_time(monkeypatch, columns, texts):
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = _lines(table(texts, list(reversed(texts))))
    left, right = lines.values()[2], lines.values()[4]
    side = len(left[0]) if texts is NARROW_TEXTS else max(map(cell_len, left))
    assert left == by_cell(texts, side, True) and right == by_cell(list(reversed(texts)), side, False)


def test_latin_text_prints_aligned_by_rich_widths():
    words = ["señora", "ñandú niño", "a", "Perú «sí»", "x" * 40, "\u00a0nbsp"]
    out = io.StringIO()
    print_table(Rows(["word", "next"], [(word, "|") for word in words]), out=out, terminal=False, width=80)
    body = out.getvalue().splitlines()[2:]
    assert [line[:line.rindex("|")].rstrip() for line in body] == words
    assert {cell_len(line[:line.rindex("|")]) for line in body} == {42}  # the bar in one column: 40 + the gap
