"""Document attributes named like a column a listing adds of its own ("status", "ref", "text", "code").

Researchers' participant sheets have such columns (a participant's status, a participant code,
the time of the interview).  Found by running 289b9ae and main side by side: ``qda documents``
stopped with a traceback on an attribute called "status" before the listing was rewritten without
pandas, and printed the computed status in its place after; quotes (before and after) printed an
attribute called "text" or "code" in place of the quote's own text or code.  The hand-built
project (tests/analysis/handmade.py): P01_police has 7 codings, P02_ngo 4, P03_ngo none.
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main

VALUES = {"P01_police": {"status": "pilot", "ref": "R-17", "text": "notes on paper", "code": "C-01"},
          "P02_ngo": {"status": "main study"}}


@pytest.fixture
def clashing(hand_path):
    with qda.open_project(hand_path) as project:
        project.set_attributes(VALUES)
    return hand_path


def run(*args):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(a) for a in args])


def test_documents_keep_an_attribute_called_like_a_listed_column(clashing):
    result = run("documents", clashing, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(result.output))}
    assert [(rows[n]["ref"], rows[n]["status"]) for n in ("P01_police", "P02_ngo", "P03_ngo")] == [
        ("P01", "coded"), ("P02", "coded"), ("P03", "uncoded")]
    assert [(rows[n]["status (attribute)"], rows[n]["ref (attribute)"]) for n in ("P01_police", "P02_ngo", "P03_ngo")] == [
        ("pilot", "R-17"), ("main study", ""), ("", "")]
    table = run("documents", clashing)
    assert table.exit_code == 0 and "main study" in table.output and "R-17" in table.output


@pytest.mark.parametrize("attribute", ["text", "code"])
def test_quotes_refuse_an_attribute_that_would_take_a_quote_columns_place(clashing, attribute):
    result = run("quotes", clashing, "--code", "Distrust", "--attribute", attribute, "--format", "csv")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and f"attribute '{attribute}'" in result.output
    assert "notes on paper" not in result.output and "C-01" not in result.output


def test_query_quotes_refuse_it_too(clashing, tmp_path):
    result = run("query", clashing, '"Distrust"', "--attribute", "text", "-o", tmp_path / "found.md")
    assert result.exit_code == 2 and "attribute 'text'" in result.output
    assert not (tmp_path / "found.md").exists()


def test_quotes_show_an_attribute_of_another_name_beside_their_own_columns(clashing):
    # Distrust in P01: s2 (a7), s5 (a2, b1), s5-s6 (a4); in P02: t1 (a5): 4 quotes, texts their own
    result = run("quotes", clashing, "--code", "Distrust", "--attribute", "status", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["status"] for row in rows] == ["pilot"] * 3 + ["main study"]
    assert rows[0]["text"] == "Some women never come back." and rows[0]["code"] == "Distrust"
