"""``Rows.json`` and ``Rows.csv`` (what ``--format json`` and ``--format csv`` print of a listing) are,
byte for byte, what the json module's ``dumps(records, ensure_ascii=False, indent=2)`` and the csv
module's writer make of the same records, whatever the values: the listings print them column by
column and record by record through the json module's C encoder, the references (peers) are the
plain calls."""

from __future__ import annotations

import csv
import io
import json
import math
import random

import pytest

from qda.cli.common import json_records
from qda.rows import Rows

# fictional cells of the shapes quotes carry: quotes, backslashes, line breaks, control characters,
# emoji, combining marks, right-to-left text, separators JSON and JavaScript treat differently
TEXTS = ["", "P07:12", 'dijo "no"', "a\\b", "línea\nnueva\r\n", "tab\there", "\x00\x1f\x7f", "😀👍🏽🧒", "q\u0307",
         "שלום עולם", "\u2028\u2029", "},\n    {", "家庭 暴力", "\ud7ff\ue000", "=SUM(A1)", ",;"]


def reference_json(rows: Rows) -> str:
    return json.dumps(json_records(rows), ensure_ascii=False, indent=2) + "\n"


def reference_csv(rows: Rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows.columns)
    writer.writerows([["" if value is None else value for value in row] for row in rows.rows])
    return out.getvalue()


def random_rows(seed: int, n: int) -> list[tuple]:
    rng = random.Random(seed)
    values = [lambda: rng.choice(TEXTS) + rng.choice(TEXTS), lambda: rng.randrange(-10 ** 20, 10 ** 20),
              lambda: rng.choice([0.1, -0.0, 1e-05, 1e16, 2.5e-300, math.inf, -math.inf, math.nan]),
              lambda: rng.choice([True, False]), lambda: None]
    return [tuple(rng.choice(values)() for _ in range(5)) for _ in range(n)]


@pytest.mark.parametrize("seed", range(4))
def test_json_and_csv_are_the_plain_modules_output(seed):
    rows = random_rows(seed, 40)
    for made in (Rows(["ref", "text", "n", "x", "codes"], rows), Rows.by_columns(["ref", "text", "n", "x", "codes"],
                                                                                 [list(c) for c in zip(*rows)])):
        assert made.json() == reference_json(made)
        assert made.csv() == reference_csv(made)
    cells = [value for row in rows for value in row]
    assert None in cells and any(isinstance(v, float) and v != v for v in cells)  # mixed shapes: the slow way
    assert any(isinstance(v, str) and "\n" in v for v in cells) and any(isinstance(v, bool) for v in cells)


def test_a_column_of_one_type_and_nan_as_null():
    rows = Rows.by_columns(["ref", "score", "text"], [["P1:1", "P1:2"], [math.nan, 0.5], ["a\nb", None]])
    assert rows.json() == reference_json(rows)
    assert json.loads(rows.json()) == [{"ref": "P1:1", "score": None, "text": "a\nb"},
                                       {"ref": "P1:2", "score": 0.5, "text": None}]
    assert rows.csv() == reference_csv(rows) == 'ref,score,text\nP1:1,nan,"a\nb"\nP1:2,0.5,\n'


def test_empty_rows_no_columns_and_values_that_are_not_scalars():
    for rows in (Rows(["ref", "text"]), Rows([]), Rows(["ref", "codes"], [("P1:1", ["a", "b"]), ("P1:2", {"k": 1})])):
        assert rows.json() == reference_json(rows)
    assert Rows(["ref"]).json() == "[]\n"
