"""Every CSV qda writes to a file is safe to open in Excel or LibreOffice, whole, and private.

The rule (qda/spreadsheet.py) follows OWASP's CSV Injection page: a cell that
begins with = + - @ tab or carriage return gets an apostrophe in front, every
cell is quoted; and a UTF-8 BOM so that Excel reads the accents.  The project
here is fictional: a quote and an attribute that a spreadsheet would run.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import QdaError
from qda.ingest import import_files
from qda.ingest.tables import read_table
from qda.files import atomic_output
from qda.spreadsheet import neutralise, restore, write_csv

FORMULA_QUOTE = "=SUM(A1:A3) es lo que me quedaba de la quincena."
TEXT = ("ENTREVISTADORA: ¿Y después?\n\n"
        f"E1: {FORMULA_QUOTE} La Postergación fue larga.\n\n"
        "E1: -Nadie me llamó. @comisaría no respondió.\n")
ATTRIBUTES = "document,site,note\nE1_norte,=cmd|' /C calc'!A0,+51 987 654 321\n"
CODEBOOK = """\
codes:
  - name: Dinero
    definition: "-Money, as the participant puts it."
  - name: "@Comisaría"
    definition: The station.
"""


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """A project whose quote, attribute, code name and definition begin with formula characters."""
    (tmp_path / "E1_norte.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributes.csv").write_text(ATTRIBUTES, encoding="utf-8")
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    path = tmp_path / "hostile.qda"
    with qda.create_project(path, tmp_path / "codebook.yaml") as project:
        import_files(project, [tmp_path / "E1_norte.txt"], attributes=tmp_path / "attributes.csv", language="es")
        first = TEXT.index(FORMULA_QUOTE)
        second = TEXT.index("-Nadie")
        project.add_codings([("E1_norte", "Dinero", first, first + len(FORMULA_QUOTE), "", "ana"),
                             ("E1_norte", "@Comisaría", second, second + len("-Nadie me llamó."), "", "ana"),
                             ("E1_norte", "Dinero", second, second + len("-Nadie me llamó."), "", "ana")])
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def spreadsheet_cells(path: Path) -> list[list[str]]:
    """The cells as a spreadsheet gets them: BOM first, then RFC 4180 CSV with CRLF line ends."""
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8):].decode("utf-8")
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("cell", [
    FORMULA_QUOTE, "=cmd|' /C calc'!A0", "+51 987 654 321", "-Nadie me llamó.", "@Comisaría", "\tdentro", "\rdentro",
    "\uff1dSUM(A1)", "-2+3", "=1",
])
def test_formula_cells_get_an_apostrophe_and_come_back(cell):
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["-0.25", "+3", "1e-3", "-.5", "", "Postergación", "'ya citado", "a=b"])
def test_numbers_and_plain_text_are_left_alone(cell):
    # a number as a whole cannot be a formula: negative kappas stay numbers
    assert neutralise(cell) == cell


def test_quotes_csv_is_safe_for_a_spreadsheet_and_raw_when_asked(hostile_project, tmp_path):
    out = tmp_path / "quotes.csv"
    result = run("quotes", hostile_project, "--code", "Dinero", "--attribute", "site", "--attribute", "note", "-o", out)
    assert result.exit_code == 0, result.output
    rows = spreadsheet_cells(out)
    header, body = rows[0], rows[1:]
    texts = [row[header.index("text")] for row in body]
    assert texts == ["'" + FORMULA_QUOTE, "'-Nadie me llamó."]
    assert {row[header.index("site")] for row in body} == {"'=cmd|' /C calc'!A0"}
    assert {row[header.index("note")] for row in body} == {"'+51 987 654 321"}
    assert all(not cell.startswith(("=", "+", "-", "@")) or cell.lstrip("+-").replace(".", "").isdigit()
               for row in rows for cell in row)
    # qda reads its own safe file back to the exact text
    assert [row["text"] for _, row in read_table(out).rows] == [FORMULA_QUOTE, "-Nadie me llamó."]

    raw = tmp_path / "raw.csv"
    assert run("quotes", hostile_project, "--code", "Dinero", "--raw-csv", "-o", raw).exit_code == 0
    data = raw.read_bytes()
    assert not data.startswith(codecs.BOM_UTF8) and b"\r\n" not in data
    assert pd.read_csv(raw, keep_default_na=False)["text"].tolist() == [FORMULA_QUOTE, "-Nadie me llamó."]


def test_every_csv_written_with_o_follows_the_rule(hostile_project, tmp_path):
    codebook_csv = tmp_path / "codebook.csv"
    assert run("codebook", hostile_project, "--export", codebook_csv).exit_code == 0
    cells = [cell for row in spreadsheet_cells(codebook_csv) for cell in row]
    assert "'@Comisaría" in cells and "'-Money, as the participant puts it." in cells

    network = tmp_path / "pairs.csv"
    result = run("cooccur", hostile_project, "--unit", "document", "-o", network)
    assert result.exit_code == 0, result.output
    nodes = [cell for row in spreadsheet_cells(tmp_path / "pairs.nodes.csv") for cell in row]
    assert "'@Comisaría" in nodes and "@Comisaría" not in nodes
    spreadsheet_cells(tmp_path / "pairs.edges.csv")

    table = tmp_path / "pairs.json"
    assert run("cooccur", hostile_project, "--unit", "document", "--format", "json", "-o", table).exit_code == 0
    assert {p["code_a"] for p in json.loads(table.read_text(encoding="utf-8"))} <= {"Dinero", "@Comisaría"}

    for name in ("codebook.csv", "pairs.nodes.csv", "pairs.edges.csv", "pairs.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


def test_tables_written_with_o(hostile_project, tmp_path):
    by_site = tmp_path / "by-site.csv"
    result = run("crosstab", hostile_project, "--rows", "code", "--cols", "site", "-o", by_site)
    assert result.exit_code == 0 and "Wrote 2 rows" in result.output
    header, *rows = spreadsheet_cells(by_site)
    assert "'=cmd|' /C calc'!A0" in header and "=cmd|' /C calc'!A0" not in header
    assert {row[0] for row in rows} == {"Dinero", "'@Comisaría"}
    codings = tmp_path / "codings.csv"
    assert run("codings", hostile_project, "-o", codings).exit_code == 0
    table = read_table(codings)
    assert sorted(row["text"] for _, row in table.rows) == sorted([FORMULA_QUOTE, "-Nadie me llamó.", "-Nadie me llamó."])
    assert {row["document"] for _, row in table.rows} == {"E1"}
    frequencies = tmp_path / "frequencies.json"
    assert run("stats", hostile_project, "--by", "site", "-o", frequencies).exit_code == 0
    assert {r["site"] for r in json.loads(frequencies.read_text(encoding="utf-8"))} == {"=cmd|' /C calc'!A0"}
    assert stat.S_IMODE(frequencies.stat().st_mode) == 0o600


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_exports_are_as_private_as_the_project_even_under_umask_000(hostile_project, tmp_path, open_umask):
    for suffix in ("csv", "md", "jsonl", "docx"):
        out = tmp_path / f"q.{suffix}"
        assert run("quotes", hostile_project, "--code", "Dinero", "-o", out).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(hostile_project.stat().st_mode) == 0o600
    assert run("saturation", hostile_project, "-o", tmp_path / "curve.png").exit_code == 0
    assert stat.S_IMODE((tmp_path / "curve.png").stat().st_mode) == 0o600
    for name in ("book.yaml", "book.csv", "book.docx"):
        assert run("codebook", hostile_project, "--export", tmp_path / name).exit_code == 0
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    shared = tmp_path / "shared.csv"
    assert run("quotes", hostile_project, "--code", "Dinero", "--permissions", "644", "-o", shared).exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    bad = run("quotes", hostile_project, "--code", "Dinero", "--permissions", "rw-r--r--", "-o", shared)
    assert bad.exit_code == 2 and "not octal" in bad.output
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    assert leftovers == []


def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path):
    target = tmp_path / "quotes.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as temporary:
            temporary.write_text("half", encoding="utf-8")
            raise RuntimeError("killed halfway")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]
    with pytest.raises(QdaError, match="no-such-folder"):
        write_csv(pd.DataFrame({"a": [1]}), tmp_path / "no-such-folder" / "x.csv")


def test_a_missing_output_folder_is_one_line(hostile_project, tmp_path):
    result = run("quotes", hostile_project, "--code", "Dinero", "-o", tmp_path / "nowhere" / "q.csv")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "nowhere" in result.output and "Traceback" not in result.output


def test_a_table_writes_as_its_rows_would():
    # frame_csv_bytes works column by column for speed; csv_bytes is the rule cell by cell: they must agree
    from qda.spreadsheet import csv_bytes, frame_csv_bytes
    frame = pd.DataFrame({"=code": ["Dinero", "@Comisaría", None, "-0.5", "a\"b"], "n": [1, -2, 3, 4, 5],
                          "kappa": [0.5, -0.25, float("nan"), 1e-7, 2.0], "flag": [True, False, True, True, False],
                          "memo": ["", "+51 9", "\tx", float("nan"), "=1"]})
    rows = frame.itertuples(index=False, name=None)
    assert frame_csv_bytes(frame) == csv_bytes(list(frame.columns), rows)
