"""`qda agree --by-document -o report.docx` (or .csv) writes the per-document figures too.

Asked for by document, the .docx report had only the per-code table and the .csv the per-code rows: the
file the PI sends round said nothing of where the coders disagree, and nothing said it was left out."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from docx import Document

from qda.cli import main

from test_by_document import CODED, project_path  # noqa: F401  (the fixture: two interviews, hand-coded)


def test_the_docx_report_has_a_table_per_document_and_the_csv_its_rows(project_path, tmp_path):  # noqa: F811
    report = tmp_path / "acuerdo.docx"
    result = CliRunner().invoke(main, ["agree", str(project_path), "--coders", "ana,luis", "--by-document", "--names",
                                       "-o", str(report)])
    assert result.exit_code == 0, result.output
    document = Document(str(report))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Agreement per document" in headings
    paragraphs = [p.text for p in document.paragraphs]
    assert all(name in paragraphs for name in CODED)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Idioma", "6", "0"] in [row[:3] for row in rows]  # the prosecutor's interview alone (11 in all)

    table = tmp_path / "acuerdo.csv"
    result = CliRunner().invoke(main, ["agree", str(project_path), "--coders", "ana,luis", "--by-document", "--names",
                                       "-o", str(table), "--raw-csv"])
    assert result.exit_code == 0, result.output
    with open(table, encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [(r["document"], r["code"]) for r in written] == [
        (document, code) for document, codes in CODED.items() for code in [*codes, "(all codes)"]]
