"""Exports and listings cite documents by reference, carry memos only when asked, and print what they write.

The hand-built project (tests/analysis/handmade.py) has documents named
P01_police, P02_ngo, P03_ngo: their full names tell role and site, as real
file names often tell a participant's name or town.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.ingest import import_files

FULL_NAMES = ("P01_police", "P02_ngo", "P03_ngo")


def run(*args):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(a) for a in args])


def test_stdout_and_file_carry_the_same_columns(hand_path, tmp_path):
    for extra in ([], ["--memos", "--names"]):
        base = ["quotes", hand_path, "--code", "Distrust", "--attribute", "role", *extra]
        assert run(*base, "-o", tmp_path / "q.csv").exit_code == 0
        from_file = pd.read_csv(tmp_path / "q.csv", keep_default_na=False, dtype=str)
        printed = pd.read_csv(io.StringIO(run(*base, "--format", "csv").output), keep_default_na=False, dtype=str)
        records = json.loads(run(*base, "--format", "json").output)
        assert list(printed.columns) == list(from_file.columns) == list(records[0])
        assert printed["text"].tolist() == from_file["text"].tolist()
        asked = bool(extra)
        assert ("memo" in printed.columns) is asked and ("document" in printed.columns) is asked
        assert "start" not in printed.columns and "end" not in printed.columns
        assert run(*base, "-o", tmp_path / "q.jsonl").exit_code == 0
        lines = (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()
        assert list(json.loads(lines[0])) == list(from_file.columns)


def test_memos_only_when_asked(hand_path, tmp_path):
    for suffix in ("csv", "md", "jsonl"):
        out = tmp_path / f"q.{suffix}"
        assert run("quotes", hand_path, "--code", "Distrust", "-o", out).exit_code == 0
        assert "fear, not distrust?" not in out.read_text(encoding="utf-8-sig"), suffix
        assert run("quotes", hand_path, "--code", "Distrust", "--memos", "-o", out).exit_code == 0
        assert "fear, not distrust?" in out.read_text(encoding="utf-8-sig"), suffix
    for fmt in ("table", "csv", "json"):
        assert "fear, not distrust?" not in run("quotes", hand_path, "--code", "Distrust", "--format", fmt).output
    assert "fear, not distrust?" in run("quotes", hand_path, "--code", "Distrust", "--memos").output


@pytest.mark.parametrize("args", [
    ["quotes", "--code", "Distrust"],
    ["quotes", "--code", "Distrust", "--format", "csv"],
    ["quotes", "--code", "Distrust", "--format", "json"],
    ["codings"], ["codings", "--format", "csv"], ["codings", "--format", "json"],
    ["stats", "--by", "document"], ["stats", "--by", "document", "--format", "json"],
    ["crosstab", "--rows", "code", "--cols", "document", "--format", "csv"],
    ["crosstab", "--rows", "document", "--cols", "code", "--format", "csv"],
    ["saturation", "--format", "csv"],
])
def test_listings_cite_documents_by_reference(hand_path, args):
    command, *rest = args
    result = run(command, hand_path, *rest)
    assert result.exit_code == 0, result.output
    assert not [name for name in FULL_NAMES if name in result.output]
    assert "P01" in result.output
    named = run(command, hand_path, *rest, "--names")
    assert "P01_police" in named.output


def test_references_of_documents_sharing_a_prefix_never_use_their_names(tmp_path):
    texts = {"E07_rosa_lima": "E07: La comisaría no me recibió.\n", "E07_rosa_cusco": "E07: Volví a la comisaría.\n"}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "codebook.yaml").write_text("codes:\n  - name: Comisaría\n", encoding="utf-8")
    path = tmp_path / "e.qda"
    with qda.create_project(path, tmp_path / "codebook.yaml") as project:
        import_files(project, [tmp_path / f"{n}.txt" for n in texts], language="es")
        project.add_codings([(name, "Comisaría", 5, len(text) - 1, "", "ana") for name, text in texts.items()])
    out = tmp_path / "q.csv"
    assert run("quotes", path, "--code", "Comisaría", "-o", out).exit_code == 0
    assert pd.read_csv(out)["ref"].tolist() == ["E07a:1", "E07b:1"]
    printed = run("quotes", path, "--code", "Comisaría", "--format", "json").output
    assert "rosa" not in printed and "rosa" not in out.read_text(encoding="utf-8-sig")


def test_the_agreement_report_cites_documents_by_reference(hand_path, tmp_path):
    # P03_ngo has no codings: it is left out, and the note naming it must not use its full name
    for args in (["--show-disagreements"], ["--format", "json"], ["-o", tmp_path / "report.docx"]):
        result = CliRunner(env={"COLUMNS": "200"}).invoke(
            main, ["agree", str(hand_path), "--coders", "ana,ben", "--unit", "sentence", *map(str, args)])
        assert result.exit_code == 0, result.output
        assert not [name for name in FULL_NAMES if name in result.output], args
    assert "P01" in run("agree", hand_path, "--coders", "ana,ben", "--unit", "sentence", "--show-disagreements").output
    from docx import Document
    text = "\n".join(p.text for p in Document(tmp_path / "report.docx").paragraphs)
    text += "\n".join(cell.text for table in Document(tmp_path / "report.docx").tables for row in table.rows
                      for cell in row.cells)
    assert not [name for name in FULL_NAMES if name in text]
    named = run("agree", hand_path, "--coders", "ana,ben", "--unit", "sentence", "--show-disagreements", "--names")
    assert "P01_police" in named.output


def test_names_in_text_are_replaced_whole():
    from qda.references import cite_in_text
    short = {"P1_a": "P1", "P1_a_b": "P1a", "X": "X"}
    assert cite_in_text("left out: P1_a_b, P1_a; not P1_abc or xP1_a", short) == "left out: P1a, P1; not P1_abc or xP1_a"
