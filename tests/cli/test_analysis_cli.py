"""The analysis commands on the hand-built project (tests/analysis/handmade.py): exit codes and output."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from qda.cli import main

@pytest.fixture
def hand_file(hand_path) -> Path:
    return hand_path


def run(*args: str):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(a) for a in args])


def test_stats_csv(hand_file):
    result = run("stats", hand_file, "--format", "csv")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output))
    assert table.set_index("path").loc["Police > Distrust", ["codings", "documents", "words"]].tolist() == [5, 2, 22]


def test_stats_table_by_role_rolled_up(hand_file):
    result = run("stats", hand_file, "--by", "role", "--rollup", "--codes", "Police")
    assert result.exit_code == 0, result.output
    assert "Distrust" in result.output and "Framing" not in result.output



def test_crosstab_json(hand_file):
    result = run("crosstab", hand_file, "--rows", "code", "--cols", "role", "--percent", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["path"]: r for r in json.loads(result.output)}
    assert rows["Police > Distrust"]["police"] == 57.1


def test_cooccur_table_and_csv(hand_file):
    result = run("cooccur", hand_file, "--unit", "sentence", "--format", "csv")
    assert result.exit_code == 0, result.output
    pairs = pd.read_csv(io.StringIO(result.stdout))  # the notes go to stderr, the CSV stays clean
    assert pairs[["code_a", "code_b", "count"]].values.tolist() == [
        ["Police > Distrust", "Family > Framing", 2], ["Police > Distrust", "Police > Refusal", 1]]
    assert "Fisher's test takes the sentences as independent draws" in result.stderr
    table = run("cooccur", hand_file, "--unit", "sentence", "--min", "2")
    assert table.exit_code == 0 and "Distrust" in table.output and "Refusal" not in table.output


def test_cooccur_says_what_it_left_out_and_what_p_assumes(hand_file):
    # By document, Police and its child Distrust meet in P02: left out, and the table says so.
    table = run("cooccur", hand_file, "--unit", "document")
    assert "Left out: 1 pair of a code and its own ancestor" in table.output
    assert "Fisher" not in table.output  # documents are the units Fisher's test is fair to
    kept = run("cooccur", hand_file, "--unit", "document", "--same-branch", "--format", "csv")
    assert "Police,Police > Distrust" in kept.stdout.replace('"', "")
    # ben alone by document: Distrust and Refusal have c at its cap, marked with a star and explained.
    capped = run("cooccur", hand_file, "--unit", "document", "--coder", "ben")
    assert "1.00*" in capped.output and "c*: the c-coefficient reached its cap of 1" in capped.output
    shift = run("cooccur", hand_file, "--unit", "sentence", "--test", "shift", "--format", "csv")
    row = pd.read_csv(io.StringIO(shift.stdout)).iloc[0]
    assert row["p"] == pytest.approx(0.15)  # worked by hand in tests/analysis/test_cooccurrence.py
    refused = run("cooccur", hand_file, "--unit", "overlap", "--test", "shift")
    assert refused.exit_code == 2 and "--unit sentence, paragraph or turn" in refused.output


def test_cooccur_network_files(hand_file, tmp_path):
    result = run("cooccur", hand_file, "--unit", "sentence", "-o", tmp_path / "net.gexf")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote 3 codes and 2 pairs")
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_edges() == 2
    picture = run("cooccur", hand_file, "--unit", "document", "-o", tmp_path / "net.svg")
    assert picture.exit_code == 0 and (tmp_path / "net.svg").read_text().startswith("<?xml")
    result = run("cooccur", hand_file, "--unit", "sentence", "--code", "Refusal", "-o", tmp_path / "refusal.csv")
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(tmp_path / "refusal.edges.csv")) == 1
    result = run("cooccur", hand_file, "--format", "png")
    assert result.exit_code == 2 and "name it with -o" in result.output


@pytest.mark.parametrize("args, message", [
    (["stats", "--codes", "Nothing"], "Error: no code 'Nothing' in the codebook"),
    (["stats", "--by", "age"], "Error: no document attribute 'age'"),
    (["crosstab", "--cols", "age"], "Error: no document attribute 'age'"),
    (["stats", "--coder", "carl"], "Error: no coder 'carl'"),
    (["cooccur", "--unit", "page"], "Invalid value for '--unit'"),
    (["cooccur", "--codes", "Nothing"], "Error: no code 'Nothing' in the codebook"),
    (["stats", "--where", "role"], "Error: --where 'role': write ATTRIBUTE=VALUE"),
])
def test_bad_options_exit_2_with_one_line(hand_file, args, message):
    result = run(args[0], hand_file, *args[1:])
    assert result.exit_code == 2
    assert message in result.output
    if message.startswith("Error:"):
        assert result.output.strip().count("\n") == 0


@pytest.mark.parametrize("command", ["stats", "crosstab", "cooccur"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_quotes_to_each_format(hand_file, tmp_path):
    from docx import Document

    result = run("quotes", hand_file, "--code", "Distrust", "--with", "Framing", "--context", "1", "-o", tmp_path / "q.docx")
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 2 quotes to {tmp_path / 'q.docx'}.\n"
    references = [p.text.split(" ")[0] for p in Document(tmp_path / "q.docx").paragraphs if p.style.name == "Quote Reference"]
    assert references == ["P01:4", "P02:1"]
    for suffix in ("csv", "md", "jsonl"):
        assert run("quotes", hand_file, "--code", "Distrust", "-o", tmp_path / f"q.{suffix}").exit_code == 0
    assert pd.read_csv(tmp_path / "q.csv")["ref"].tolist() == ["P01:2", "P01:3", "P01:4", "P02:1"]
    printed = run("quotes", hand_file, "--code", "Distrust", "--where", "role=ngo", "--format", "json")
    assert [q["ref"] for q in json.loads(printed.output)] == ["P02:1"]
    bad = run("quotes", hand_file, "--code", "Distrust", "-o", tmp_path / "q.pdf")
    assert bad.exit_code == 2 and "cannot write quotes as '.pdf'" in bad.output


def test_saturation_table_and_curve(hand_file, tmp_path):
    result = run("saturation", hand_file, "--format", "csv", "-o", tmp_path / "curve.png")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output.split("\n", 1)[1] if result.output.startswith("Wrote") else result.output))
    assert table["new_codes"].tolist() == [3, 1]
    assert (tmp_path / "curve.png").read_bytes()[:4] == b"\x89PNG"


def test_codebook_appendix(hand_file, tmp_path):
    from docx import Document

    result = run("codebook", hand_file, "--export", tmp_path / "appendix.docx")
    assert result.exit_code == 0, result.output
    headings = [p.text for p in Document(tmp_path / "appendix.docx").paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["The codes at a glance", "Definitions", "1  Police"]


@pytest.mark.parametrize("args, message", [
    (["quotes", "--code", "Nothing"], "Error: no code 'Nothing' in the codebook"),
    (["quotes", "--code", "Distrust", "--where", "role=judge"], "Error: no document has role = 'judge'"),
    (["quotes", "--code", "Distrust", "--attribute", "age"], "Error: no document attribute 'age'"),
    (["saturation", "--coder", "carl"], "Error: no coder 'carl'"),
])
def test_quotes_and_saturation_errors(hand_file, args, message):
    result = run(args[0], hand_file, *args[1:])
    assert result.exit_code == 2 and message in result.output
    assert result.output.strip().count("\n") == 0


@pytest.mark.parametrize("command", ["quotes", "saturation"])
def test_more_help_has_an_example(command):
    assert "Example" in run(command, "--help").output


def test_progress_steps_are_drawn_in_a_terminal(monkeypatch):
    import sys

    from rich.console import Console

    from qda.cli import common

    screen = Console(width=100, force_terminal=True, record=True)
    monkeypatch.setattr(common, "console", lambda err=False: screen)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with common.step_progress() as progress:
        progress("Reading the project XML", 0, None)
        progress("Reading the sources", 0, 3)
        for done in (1, 2, 3):
            progress("Reading the sources", done, 3)
    with common.working("Counting codings"):
        pass
    drawn = screen.export_text()
    assert "Reading the sources" in drawn and "3/3" in drawn and "Counting codings" in drawn
    assert "0/?" not in drawn and "1/1" not in drawn          # uncounted steps show no count
