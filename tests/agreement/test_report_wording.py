"""The agreement report as people read it: a methods paragraph as a paper prints it, tables whose headers do
not break mid-word in LibreOffice (issue 13, item 11), and no sentence repeated in every row for three coders
(issue 15, item 8)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

import qda
from qda.analysis.agreement import agreement
from qda.cli import main
from qda.export.agreement_report import counted, methods_paragraph, write_report

from agreement_helpers import make_project
from test_agree_cli import build
from test_statistics import KRIPPENDORFF_2011


def sample_like(tmp_path):
    """Two coders; six documents both coded and two only ana coded."""
    path = tmp_path / "study.qda"
    documents = {f"d{i}": ["First sentence here.", "Second sentence here.", "Third one."] for i in range(8)}
    with make_project(path, documents, ["Police", "Police > Distrust of police", "Courts"]) as project:
        rows = []
        for i in range(8):
            rows.append((f"d{i}", "Police > Distrust of police", 0, 20, "", "ana"))
            rows.append((f"d{i}", "Courts", 21, 42, "", "ana"))
            if i < 6:
                rows.append((f"d{i}", "Police > Distrust of police", 0, 20 if i % 2 else 42, "", "luis"))
        project.add_codings(rows)
    return path


def test_methods_paragraph_reads_as_a_paper_prints_it(tmp_path):
    with qda.open_project(sample_like(tmp_path)) as project:
        text = methods_paragraph(agreement(project, "ana,luis"))
    assert text.startswith("Two coders (ana and luis) coded the material independently.")
    assert "on six documents that both coders had coded (two further documents were not coded by both coders" in text
    assert "(s)" not in text and not re.search(r"\bnan\b", text, re.IGNORECASE)
    assert "Cohen's kappa was" in text and "95% CI" in text
    assert counted(1, "document") == "one document" and counted(10, "coder") == "10 coders"


def test_three_coders_have_no_cohen_column_and_a_table_per_pair(tmp_path):
    path, coders = build(tmp_path, KRIPPENDORFF_2011[:3], [1, 2, 3, 4, 5])
    result = CliRunner().invoke(main, ["agree", str(path), "--coders", coders, "--unit", "document"])
    assert result.exit_code == 0, result.output
    assert "compares exactly two coders" not in result.output
    assert "Conger" in result.output
    for pair in ("coder1 and coder2", "coder1 and coder3", "coder2 and coder3"):
        assert f"{pair} by document" in result.output
    # an undefined figure is "n/a" in the table, its reason said once under it
    assert result.output.count("n/a:") <= 4


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and poppler (pdftotext)")
def test_docx_headers_break_only_between_words_in_libreoffice(tmp_path):
    path, coders = build(tmp_path, KRIPPENDORFF_2011[:2], [1, 2, 3, 4, 5])
    with qda.open_project(path) as project:
        write_report(agreement(project, coders, unit="document"), tmp_path / "report.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "report.docx")],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    words = set(re.findall(r"[\w'κπα%]+", text))
    for header in ("disagreements", "Cohen's", "Scott's", "PABAK", "units"):
        assert header in words, (header, text[:2000])
    for broken in ("disagreement", "disagr", "PABA"):
        assert broken not in words, (broken, text[:2000])
