"""The published examples driven end to end: documents as units, codings from a CSV through
`qda codings --add`, documents marked done with `qda done`, then `qda agree --format json`.

Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (alpha 0.743
nominal, 0.815 ordinal, 0.849 interval, 0.797 ratio); Fleiss (1971), Table 1 as commonly
reproduced (kappa 0.210); Cohen (1960), Table 1 (kappa 0.492)."""

from __future__ import annotations

import csv
import json

import numpy as np
from click.testing import CliRunner

from qda.cli import main

from agreement_helpers import make_project
from test_statistics import COHEN_1960, FLEISS_1971, KRIPPENDORFF_2011, counts_to_data, table_to_data


def build(tmp_path, data, values):
    """A project with one document per unit and codes Value > 1..5; a coding per (coder, unit) value."""
    data = np.asarray(data, dtype=float)
    coders, units = data.shape
    path = tmp_path / "study.qda"
    documents = {f"u{u + 1:03d}": [f"Unit {u + 1}."] for u in range(units)}
    make_project(path, documents, ["Value"] + [f"Value > {v}" for v in values]).close()
    with open(tmp_path / "codings.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", "code", "start", "end", "coder"])
        for c in range(coders):
            for u in range(units):
                if not np.isnan(data[c, u]):
                    writer.writerow([f"u{u + 1:03d}", f"Value > {int(data[c, u])}", 0, 5, f"coder{c + 1}"])
    runner = CliRunner()
    result = runner.invoke(main, ["codings", str(path), "--add", str(tmp_path / "codings.csv")])
    assert result.exit_code == 0, result.output
    for c in range(coders):  # a coder who gave a unit no value has still finished it
        for u in np.flatnonzero(np.isnan(data[c])):
            assert runner.invoke(main, ["done", str(path), f"u{u + 1:03d}", "--coder", f"coder{c + 1}"]).exit_code == 0
    return path, ",".join(f"coder{c + 1}" for c in range(coders))


def agree_json(path, coders, *options):
    result = CliRunner().invoke(main, ["agree", str(path), "--coders", coders, "--unit", "document", *options,
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_krippendorff_2011_through_a_project(tmp_path):
    path, coders = build(tmp_path, KRIPPENDORFF_2011, [1, 2, 3, 4, 5])
    published = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
    for level, alpha in published.items():
        report = agree_json(path, coders, "--variable", "Value", "--level", level)
        assert set(report) == {"unit", "coders", "documents", "overall", "codes", "pairs"}
        assert report["unit"] == "document" and len(report["documents"]) == 12
        assert round(report["overall"]["krippendorff_alpha"], 3) == alpha
        # Cohen's kappa is defined for two coders: it is in the table of each of the six pairs, not the group's
        assert "cohen_kappa" not in report["overall"] and "conger_kappa" in report["overall"]
        assert len(report["pairs"]) == 6 and all("cohen_kappa" in pair for pair in report["pairs"])
    per_code = agree_json(path, coders)
    assert [c["code"] for c in per_code["codes"]] == [f"Value > {v}" for v in range(1, 6)]
    assert set(per_code["codes"][0]) >= {"code", "units", "percent", "conger_kappa", "fleiss_kappa", "brennan_prediger",
                                         "gwet_ac1", "krippendorff_alpha"}


def test_fleiss_1971_through_a_project(tmp_path):
    path, coders = build(tmp_path, counts_to_data(FLEISS_1971), [1, 2, 3, 4, 5])
    report = agree_json(path, coders, "--variable", "Value")
    assert round(report["overall"]["fleiss_kappa"], 3) == 0.210


def test_cohen_1960_through_a_project(tmp_path):
    path, coders = build(tmp_path, table_to_data(COHEN_1960), [1, 2, 3])
    report = agree_json(path, coders, "--variable", "Value")
    assert round(report["overall"]["cohen_kappa"], 3) == 0.492
    assert round(report["overall"]["percent"], 2) == 0.70


def test_table_csv_and_docx_reports(tmp_path):
    path, coders = build(tmp_path, KRIPPENDORFF_2011[:2], [1, 2, 3, 4, 5])
    runner = CliRunner()
    result = runner.invoke(main, ["agree", str(path), "--coders", coders, "--unit", "document", "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    assert "Agreement of coder1 and coder2 by document: 12 documents" in result.stdout
    out = tmp_path / "report.csv"
    assert runner.invoke(main, ["agree", str(path), "--coders", coders, "-o", str(out)]).exit_code == 0
    header = next(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))  # a spreadsheet's CSV: BOM, quoted
    assert header[:5] == ["code", "units", "disagreements", "percent", "cohen_kappa"]
    docx = tmp_path / "report.docx"
    result = runner.invoke(main, ["agree", str(path), "--coders", coders, "--unit", "document", "-o", str(docx)])
    assert result.exit_code == 0, result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "coded the material independently" in text and "Krippendorff, K. (2011)" in text
    assert "Disagreements" in text


def test_user_errors_are_one_line(tmp_path):
    path, coders = build(tmp_path, KRIPPENDORFF_2011[:2], [1, 2, 3, 4, 5])
    result = CliRunner().invoke(main, ["agree", str(path), "--coders", "coder1"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: agreement compares two or more coders")


def test_copy_for_coder_and_merge_commands(tmp_path):
    path, _ = build(tmp_path, KRIPPENDORFF_2011[:2], [1, 2, 3, 4, 5])
    runner = CliRunner()
    copy = tmp_path / "zoe.qda"
    result = runner.invoke(main, ["copy-for-coder", str(path), "--coder", "zoe", "-o", str(copy)])
    assert result.exit_code == 0 and "12 documents" in result.output
    result = runner.invoke(main, ["merge", str(path), str(copy)])
    assert result.exit_code == 0 and "12 document(s) matched by text" in result.output
    assert "added coder(s): zoe" in result.output
    again = runner.invoke(main, ["merge", str(path), str(copy)])
    assert "nothing new" in again.output
