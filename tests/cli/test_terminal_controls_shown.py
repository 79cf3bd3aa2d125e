"""Control characters already stored in a project (imported before qda made them spaces: a captured
terminal session, a file name holding an escape code) are shown as the app draws them, a space each,
when a table goes to a terminal: printed raw, ``ESC [2J`` cleared the screen and ``ESC ] 0`` retitled
the window.  A pipe or a file gets the text as stored (the bytes a script asked for)."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from rich.cells import cell_len

from qda.cli.table import print_table
from qda.rows import Rows

TEXT = "La policía\x1b[2J no vino\x1b]0;x\x07 nunca.\tFin"
NAME = "P01\x1b[31m"
OWN_STYLE = re.compile("\x1b\\[[01]m")  # the table's own bold header


def table(kind: str):
    rows = [(NAME, TEXT, 3), ("P02", "Sin nada raro.", 12)]
    if kind == "rows":
        return Rows(["document", "text\x1b[5m", "words"], rows)
    return pd.DataFrame(rows, columns=["document", "text\x1b[5m", "words"])


@pytest.mark.parametrize("kind", ["rows", "frame"])
def test_a_terminal_gets_no_control_character_of_the_data(kind):
    out = io.StringIO()
    print_table(table(kind), title="Quotes of P01\x1b[2J", out=out, terminal=True, width=100, height=1000)
    shown = OWN_STYLE.sub("", out.getvalue())
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", shown)
    lines = shown.splitlines()
    assert lines[0] == "Quotes of P01 [2J"  # the escape character a space; what followed it is plain text
    first, second = lines[-2:]
    assert cell_len(first[:first.index("La policía")]) == cell_len(second[:second.index("Sin nada")])  # aligned
    assert re.sub("[\x07\x09\x1b]", " ", TEXT) in first  # each control character one space, nothing else changed  # each control character one space


@pytest.mark.parametrize("kind", ["rows", "frame"])
def test_a_pipe_gets_the_text_as_stored(kind):
    out = io.StringIO()
    print_table(table(kind), out=out, terminal=False, width=200)
    assert TEXT in out.getvalue() and NAME in out.getvalue()
