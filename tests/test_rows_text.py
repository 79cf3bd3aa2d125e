"""``Rows.csv`` and ``Rows.json`` write what the csv and json modules write for the same records
(the peers they are checked against here), on random columns of every plain type and of text that
needs quoting or escaping; a bare carriage return is quoted, as CPython's csv module does from 3.11.9."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from qda.rows import Rows

PIECES = ["plain", "a, b", 'say "no"', "two\nlines", "", " lead", "tab\there", "back\\slash", "ünï", "日本",
          "👍🏽", "\u2028", "\x00nul", "\x1bESC", "100%", "%s", "{}", "null"]


def random_value(rng: random.Random, kind: str):
    if kind == "str":
        return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 4)))
    if kind == "int":
        return rng.choice([0, -3, 7, 2 ** 70])
    if kind == "float":
        return rng.choice([0.1, -2.5, 1e-7, 3.0, 1e300])
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "none":
        return None
    return rng.choice([random_value(rng, k) for k in ("str", "int", "float", "bool", "none")])


def by_csv_module(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if value is None else value for value in row] for row in rows])
    return out.getvalue()


@pytest.mark.parametrize("seed", range(12))
def test_csv_and_json_are_the_modules_own(seed):
    rng = random.Random(seed)
    kinds = [rng.choice(["str", "int", "float", "bool", "none", "mixed"]) for _ in range(rng.randrange(1, 5))]
    columns = [rng.choice(["ref", "text", 'a "b"', "x,y", "100%", "é"]) + str(i) for i in range(len(kinds))]
    rows = [tuple(random_value(rng, kind) for kind in kinds) for _ in range(rng.randrange(0, 40))]
    for table in (Rows(columns, rows), Rows.by_columns(columns, [list(c) for c in zip(*rows)] or [[] for _ in columns])):
        written = table.csv()
        assert written == by_csv_module(columns, rows)
        assert list(csv.reader(io.StringIO(written))) == [columns] + [
            ["" if v is None else repr(v) if type(v) is float else str(v) for v in row] for row in rows]
        records = [dict(zip(columns, row)) for row in rows]
        assert table.json() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_one_empty_field_and_a_bare_carriage_return():
    assert Rows(["only"], [("",), (None,), ("x",)]).csv() == by_csv_module(["only"], [("",), (None,), ("x",)])
    assert Rows([""], []).csv() == '""\n'
    written = Rows(["a", "b"], [("one\rtwo", 1)]).csv()
    assert written == 'a,b\n"one\rtwo",1\n'  # unquoted, a reader would end the row at the \r
    assert list(csv.reader(io.StringIO(written, newline=""))) == [["a", "b"], ["one\rtwo", "1"]]


def test_equal_values_of_other_types_are_written_apart():
    rows = [(0, "a"), (False, "a"), (0.0, "a"), (-0.0, "a"), (1, "a"), (True, "a"), (1.0, "a")] * 3
    assert Rows(["x", "y"], rows).csv() == by_csv_module(["x", "y"], rows)
    assert Rows(["x", "y"], rows).json() == json.dumps([{"x": x, "y": y} for x, y in rows], indent=2) + "\n"


def test_json_of_nan_and_infinity():
    table = Rows(["x"], [(float("nan"),), (float("inf"),), (-float("inf"),), (0.5,)])
    assert json.loads(table.json()) == [{"x": None}, {"x": float("inf")}, {"x": -float("inf")}, {"x": 0.5}]
    assert table.json() == json.dumps([{"x": None}, {"x": float("inf")}, {"x": -float("inf")}, {"x": 0.5}],
                                      indent=2) + "\n"


def test_json_of_numpy_numbers_is_that_of_the_numbers_they_hold():
    # numpy 2's count_nonzero gives a numpy integer where numpy 1 gave an int: one in a row made
    # `qda kwic --format json` fail (numpy 2.4.6); a numpy number is written as the number it holds
    import numpy as np

    rows = Rows(["start", "share"], [(np.int64(7), np.float64(0.25)), (3, float("nan"))])
    assert json.loads(rows.json()) == [{"start": 7, "share": 0.25}, {"start": 3, "share": None}]
    with pytest.raises(TypeError):
        Rows(["what"], [(object(),)]).json()


@pytest.mark.parametrize("rows", [[("one",)], [("one",), ("two",)], [(1, "a,b")], [(None, 'q"'), (2.5, "")]])
def test_json_and_csv_of_one_row_and_one_column_are_the_modules_own(rows):
    columns = ["text", "codes"][:len(rows[0])]
    table = Rows(columns, rows)
    assert table.json() == json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    assert table.csv() == by_csv_module(columns, rows)
