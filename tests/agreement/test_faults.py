"""The four faults of issue 14, each with the issue's values: the pool of "(all codes)", the bootstrap
with unequal numbers of coders per unit (in test_bootstrap.py), touching units (in test_unitizing.py),
and machine-readable output at full precision."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pandas as pd
import pytest
from click.testing import CliRunner

import qda

from qda.analysis.agreement import agreement
from qda.cli import main
from qda.cli.common import emit, json_records

from agreement_helpers import make_project


def unused_code_project(tmp_path):
    # Codebook {A, Unused}; four sentences; ana codes A on sentences 1 and 2, luis on sentence 1 only.
    path = tmp_path / "study.qda"
    with make_project(path, {"d1": ["One here.", "Two here.", "Three here.", "Four here."]}, ["A", "Unused"]) as project:
        project.add_codings([("d1", "A", 0, 9, "", "ana"), ("d1", "A", 10, 19, "", "ana"),
                             ("d1", "A", 0, 9, "", "luis")])
    return path


def test_the_pool_counts_only_codes_in_play(tmp_path):
    # Over A alone: units (1,1), (1,0), (0,0), (0,0).  Coincidences o_11 = 2, o_10 = o_01 = 1, o_00 = 4;
    # n = 8, n_1 = 3, n_0 = 5: alpha = 1 - (2/8) / (2·3·5/(8·7)) = 8/15 = 0.5333; percent 3/4.
    # Counting Unused too (4 more units on which both "agree" by absence) gave 0.6154 and 0.875.
    path = unused_code_project(tmp_path)
    with qda.open_project(path) as project:
        report = agreement(project, "ana,luis")
        assert list(report.codes["code"]) == ["A"]
        assert report.overall["units"] == 4
        assert report.overall["krippendorff_alpha"] == pytest.approx(8 / 15, abs=1e-12)
        assert report.overall["percent"] == pytest.approx(0.75, abs=1e-12)
        # named with --codes, an unused code is in play: it is listed and pooled
        named = agreement(project, "ana,luis", codes=["A", "Unused"])
        assert list(named.codes["code"]) == ["A", "Unused"]
        assert named.overall["units"] == 8
        assert round(named.overall["krippendorff_alpha"], 4) == 0.6154
        assert named.overall["percent"] == pytest.approx(0.875, abs=1e-12)
    # the table's rows are exactly the pool: its units add up to the "(all codes)" row
    result = CliRunner().invoke(main, ["agree", str(path), "--coders", "ana,luis", "--format", "csv"])
    table = pd.read_csv(io.StringIO(result.stdout))
    assert table["units"].iloc[:-1].sum() == table["units"].iloc[-1]


def test_json_carries_full_precision():
    # DataFrame.to_json keeps 10 decimals: a p of 4.4e-13 became 0.0.
    frame = pd.DataFrame({"p": [4.4e-13, 0.1 + 0.2, float("nan")], "n": [1, 2, 3], "name": ["a", "b", None]})
    out = io.StringIO()
    with redirect_stdout(out):
        emit(frame, "json")
    rows = json.loads(out.getvalue())
    assert rows[0]["p"] == 4.4e-13 and rows[1]["p"] == 0.1 + 0.2
    assert rows[2]["p"] is None and rows[2]["name"] is None and rows[2]["n"] == 3
    assert json_records(pd.DataFrame({"t": pd.to_datetime(["2026-01-02 03:04:05"])}))[0]["t"] == "2026-01-02T03:04:05"


def test_agree_json_and_csv_equal_the_library_exactly(tmp_path):
    path = unused_code_project(tmp_path)
    with qda.open_project(path) as project:
        report = agreement(project, "ana,luis")
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["agree", str(path), "--coders", "ana,luis", "--format", "json"]).stdout)
    assert data["overall"]["krippendorff_alpha"] == report.overall["krippendorff_alpha"]
    table = pd.read_csv(io.StringIO(runner.invoke(main, ["agree", str(path), "--coders", "ana,luis",
                                                         "--format", "csv"]).stdout))
    assert float(table["krippendorff_alpha"].iloc[-1]) == report.overall["krippendorff_alpha"]
