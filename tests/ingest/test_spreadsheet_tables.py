"""CSV files as spreadsheets save them, read by `qda import --attributes` and `qda codings --add`.

Shapes rebuilt from what spreadsheets write: Excel in a Spanish or German
region saves "CSV" with semicolons in Windows-1252 (or UTF-8 with a BOM);
"Unicode text" is tab-separated UTF-16 with a BOM; some tools put a ``sep=;``
line first; LibreOffice pads rows with empty cells.  Names are fictional.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import IngestError
from qda.ingest import import_files, read_attributes
from qda.ingest.tables import read_table

TEXTS = {
    "E01_lima": "ENTREVISTADORA: ¿Cómo fue?\n\nE01: La Postergación fue larga. Volví dos veces. Volví dos veces.\n",
    "E02_cusco": "ENTREVISTADORA: ¿Y la comisaría?\n\nE02: Nadie me escuchó.\n",
    "E02_cusco.v2": "ENTREVISTADORA: ¿Y la comisaría?\n\nE02: Nadie me escuchó, dije otra vez.\n",
}


@pytest.fixture
def transcripts(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in TEXTS.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def project(tmp_path: Path, transcripts):
    codebook = tmp_path / "codebook.yaml"
    codebook.write_text("codes:\n  - name: Demora\n  - name: Silencio\n", encoding="utf-8")
    with qda.create_project(tmp_path / "estudio.qda", codebook) as opened:
        import_files(opened, transcripts, language="es")
        yield opened


def attributes_of(project) -> dict[str, dict[str, str]]:
    frame = project.documents_frame().set_index("name")
    return {name: {k: v for k, v in frame.loc[name].items() if k in ("rol", "sitio") and v} for name in frame.index}


@pytest.mark.parametrize("content", [
    # Excel, Spanish region, "CSV (delimitado por comas)": semicolons, Windows-1252, CRLF
    "document;rol;sitio\r\nE01_lima;ONG;Lima\r\nE02_cusco;policía;Cusco\r\n".encode("cp1252"),
    # Excel "CSV UTF-8": a BOM, semicolons
    codecs.BOM_UTF8 + "document;rol;sitio\r\nE01_lima;ONG;Lima\r\nE02_cusco;policía;Cusco\r\n".encode("utf-8"),
    # Excel "Unicode text": UTF-16 with a BOM, tabs
    "document\trol\tsitio\r\nE01_lima\tONG\tLima\r\nE02_cusco\tpolicía\tCusco\r\n".encode("utf-16"),
    # a sep= line first, as some exporters write for Excel
    "sep=;\ndocument;rol;sitio\nE01_lima;ONG;Lima\nE02_cusco;policía;Cusco\n".encode("utf-8"),
    # LibreOffice: commas, quoted cells, empty padding cells and a blank row
    '"document","rol","sitio",,\n"E01_lima","ONG","Lima",,\n,,,,\n"E02_cusco","policía","Cusco",,\n'.encode("utf-8"),
])
def test_attributes_as_spreadsheets_save_them(project, tmp_path, content):
    path = tmp_path / "participantes.csv"
    path.write_bytes(content)
    report = import_files(project, [], attributes=path)
    assert report.attributes_set == 4
    assert attributes_of(project)["E02_cusco"] == {"rol": "policía", "sitio": "Cusco"}
    assert attributes_of(project)["E01_lima"] == {"rol": "ONG", "sitio": "Lima"}


def test_columns_that_do_not_fit_name_the_delimiter_found(tmp_path):
    path = tmp_path / "pipes.csv"
    path.write_text("document|rol\nE01_lima|ONG\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_attributes(path)
    message = str(caught.value)
    assert "separated by commas" in message and "'document|rol'" in message and "missing: document" in message


def test_a_ragged_row_is_refused_by_its_line_and_blanks_nothing(project, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("document;rol;sitio\nE01_lima;ONG;Lima\nE02_cusco;policía;Cusco\n", encoding="utf-8")
    import_files(project, [], attributes=good)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("document;rol;sitio\nE01_lima;ONG;Lima\nE02_cusco;fiscalía\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"ragged.csv: line 3: 2 cell\(s\) where the header has 3"):
        import_files(project, [], attributes=ragged)
    assert attributes_of(project)["E02_cusco"] == {"rol": "policía", "sitio": "Cusco"}
    extra = tmp_path / "extra.csv"
    extra.write_text("document,rol\nE01_lima,ONG,Lima\n", encoding="utf-8")
    with pytest.raises(IngestError, match="line 2: 3 cell"):
        import_files(project, [], attributes=extra)


def test_a_name_with_a_dot_matches_exactly_one_document(project, tmp_path):
    path = tmp_path / "participantes.csv"
    path.write_text("document,rol\nE02_cusco.v2,segunda\nE01_lima.txt,ONG\n", encoding="utf-8")
    report = import_files(project, [], attributes=path)
    assert report.attributes_set == 2 and report.attributes_unmatched == []
    values = attributes_of(project)
    # "E02_cusco.v2" is its own document: E02_cusco must not take its row
    assert values["E02_cusco.v2"] == {"rol": "segunda"}
    assert values["E02_cusco"] == {}
    assert values["E01_lima"] == {"rol": "ONG"}  # a file name matches its document


def test_a_cell_that_could_name_two_documents_is_refused(tmp_path):
    (tmp_path / "E05.txt").write_text("E05: Hola.\n", encoding="utf-8")
    (tmp_path / "E05.txt.txt").write_text("E05: Otra vez hola.\n", encoding="utf-8")
    path = tmp_path / "participantes.csv"
    path.write_text("document,rol\nE05.txt,ONG\n", encoding="utf-8")
    with qda.create_project(tmp_path / "dos.qda") as opened:
        with pytest.raises(IngestError, match="could be 'E05' or 'E05.txt'"):
            import_files(opened, [tmp_path / "E05.txt", tmp_path / "E05.txt.txt"], attributes=path, language="es")
        assert len(opened.documents_frame()) == 0


def codings_cli(project, path):
    project.close()
    return CliRunner().invoke(main, ["codings", str(project.path), "--add", str(path)])


def test_codings_csv_with_semicolons_and_occurrence(project, tmp_path):
    path = tmp_path / "codificaciones.csv"
    path.write_bytes(codecs.BOM_UTF8 + "document;code;quote;occurrence;coder\r\n"
                     "E01_lima;Demora;Volví dos veces.;2.0;ana\r\n".encode("utf-8"))
    result = codings_cli(project, path)
    assert result.exit_code == 0, result.output
    with qda.open_project(project.path) as opened:
        table = opened.codings_table()
    text = TEXTS["E01_lima"]
    second = text.index("Volví dos veces.", text.index("Volví dos veces.") + 1)
    assert table[["start", "end"]].values.tolist() == [[second, second + len("Volví dos veces.")]]


@pytest.mark.parametrize("occurrence", ["dos", "0", "1.5", "-1"])
def test_a_bad_occurrence_is_one_line_naming_file_and_row(project, tmp_path, occurrence):
    path = tmp_path / "codificaciones.csv"
    path.write_text(f"document,code,quote,occurrence,coder\nE01_lima,Demora,Volví dos veces.,1,ana\n"
                    f"E01_lima,Demora,Volví dos veces.,{occurrence},ana\n", encoding="utf-8")
    result = codings_cli(project, path)
    assert result.exit_code == 2
    assert result.output == (f"Error: {path}: line 3: occurrence {occurrence!r} is not a whole number from 1\n")
    with qda.open_project(project.path) as opened:
        assert len(opened.codings_table()) == 0


def test_a_codings_header_that_does_not_fit_names_the_delimiter(project, tmp_path):
    path = tmp_path / "codificaciones.csv"
    path.write_text("document|code|start|end|coder\nE01_lima|Demora|0|5|ana\n", encoding="utf-8")
    result = codings_cli(project, path)
    assert result.exit_code == 2 and "read as separated by commas" in result.output


def test_qda_reads_the_sep_line_and_a_quoted_cell_across_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('sep=,\na,b\n"one\ntwo",x\n3,y\n', encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == "," and [line for line, _ in table.rows] == [3, 5]
    assert table.rows[0][1] == {"a": "one\ntwo", "b": "x"}
