"""Codebooks as CSV: qda's own (round trip), Taguette's (both ways) and flattened trees read back.

Taguette's codebook import (taguette/import_codebook.py, read 2026) lower-cases
the header, wants exactly one of ``tag``, ``name``, ``path`` (else "Not sure
which column to use for tag name" or "No 'tag', 'name', or 'path' column"),
reads ``description`` if present, splits on commas and detects the encoding.
``taguette_accepts`` states that rule so the test can hold qda's files to it.
Taguette's own codebook export has the columns ``tag, description, number of
highlights, number of documents`` and a .qdc of flat codes named by their tags.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import CodebookError
from qda.export import read_codebook_file
from qda.export.codebook_csv import unflatten
from qda.model import Code, Codebook


def taguette_accepts(path: Path) -> list[tuple[str, str]]:
    """(tag, description) rows as Taguette's codebook import reads them, or AssertionError with its complaint."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")   # what its encoding detection makes of UTF-8 with a BOM
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [cell.lower() for cell in rows[0]]
    named = [c for c in ("tag", "name", "path") if c in header]
    assert len(named) == 1, "Not sure which column to use for tag name" if named else "No 'tag', 'name', or 'path' column"
    tag = header.index(named[0])
    description = header.index("description") if "description" in header else None
    return [(row[tag].strip(), row[description].strip() if description is not None else "") for row in rows[1:] if any(row)]


@pytest.fixture
def coded(hand_path):
    return hand_path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_qda_csv_is_refused_by_taguette_and_the_taguette_csv_is_accepted(coded, tmp_path):
    own = tmp_path / "own.csv"
    assert run("codebook", coded, "--export", own).exit_code == 0
    with pytest.raises(AssertionError, match="Not sure which column"):
        taguette_accepts(own)
    for_taguette = tmp_path / "for-taguette.csv"
    result = run("codebook", coded, "--export", for_taguette, "--taguette")
    assert result.exit_code == 0, result.output
    tags = dict(taguette_accepts(for_taguette))
    assert list(tags) == ["Police", "Police > Distrust", "Police > Refusal", "Family", "Family > Framing", "Services"]
    assert tags["Police"] == ("What the police do.\n\nWhen to use: Talk about officers.\n\n"
                              "When not to use: Not for courts.\n\nExample: The officer laughed.")
    bad = run("codebook", coded, "--export", tmp_path / "x.yaml", "--taguette")
    assert bad.exit_code == 2 and "--taguette writes a .csv" in bad.output


def test_qda_csv_round_trip_keeps_tree_ids_and_text(hand, tmp_path):
    path = tmp_path / "book.csv"
    book = hand.codebook
    changed = Codebook(book.name, book.description, tuple(
        Code(**{**c.__dict__, "definition": "-starts like a formula"}) if c.name == "Services" else c for c in book.codes))
    from qda.export import write_codebook_file
    write_codebook_file(changed, path)
    back = read_codebook_file(path)
    assert back.paths == changed.paths
    assert {c.id: (c.definition, c.when_to_use, c.colour) for c in back.codes} == {
        c.id: (c.definition, c.when_to_use, c.colour) for c in changed.codes}


TAGUETTE_EXPORT = (
    "tag,description,number of highlights,number of documents\r\n"
    "Police,What officers do,4,2\r\n"
    "Police › Distrust,Doubt that they help,3,2\r\n"
    "Police › Refusal › At the desk,Sent away at the desk,1,1\r\n"
    "Family > Framing,A family matter,2,1\r\n"
    "Shelters,,0,0\r\n"
)


def test_a_taguette_export_is_rebuilt_into_a_tree_and_reported(tmp_path):
    path = tmp_path / "taguette_codebook.csv"
    path.write_text(TAGUETTE_EXPORT, encoding="utf-8")
    notes: list[str] = []
    book = read_codebook_file(path, notes)
    assert sorted(book.paths.values()) == ["Family", "Family > Framing", "Police", "Police > Distrust",
                                           "Police > Refusal", "Police > Refusal > At the desk", "Shelters"]
    assert book.find("Police > Distrust").definition == "Doubt that they help"
    assert book.find("Police").definition == "What officers do"      # the file's own row, not a made one
    assert "'Police › Refusal › At the desk' read as the path 'Police > Refusal > At the desk' (made 'Refusal')" in notes
    assert "'Family > Framing' read as the path 'Family > Framing' (made 'Family')" in notes
    assert len(notes) == 3


def test_importing_it_into_a_project_says_what_was_rebuilt(tmp_path):
    path = tmp_path / "taguette_codebook.csv"
    path.write_text(TAGUETTE_EXPORT, encoding="utf-8")
    project = tmp_path / "p.qda"
    qda.create_project(project).close()
    result = run("codebook", project, "--import", path)
    assert result.exit_code == 0, result.output
    assert "Rebuilt: 'Police › Distrust' read as the path 'Police > Distrust'" in result.output
    assert "7 added" in result.output
    with qda.open_project(project) as opened:
        assert opened.code("Police > Refusal > At the desk").name == "At the desk"


def test_a_flat_taguette_qdc_is_rebuilt_but_a_tree_keeps_its_names(tmp_path):
    flat = tmp_path / "taguette.qdc"
    flat.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1">'
        '<Codes><Code guid="0D3C7A4E-5B7B-5F4E-9A53-2B1C3D4E5F60" name="Police" isCodable="true"/>'
        '<Code guid="1D3C7A4E-5B7B-5F4E-9A53-2B1C3D4E5F61" name="Police &gt; Distrust" isCodable="true"/>'
        '</Codes><Sets/></CodeBook>', encoding="utf-8")
    notes: list[str] = []
    book = read_codebook_file(flat, notes)
    assert sorted(book.paths.values()) == ["Police", "Police > Distrust"]
    assert notes == ["'Police › Distrust' read as the path 'Police > Distrust'"]
    tree = Codebook(codes=(Code(id="a", name="A › B"), Code(id="b", name="Child", parent_id="a")))
    assert unflatten(tree) == (tree, [])


def test_a_flattened_name_whose_place_is_taken_keeps_its_name(tmp_path):
    path = tmp_path / "clash.csv"
    path.write_text("name\nPolice\nPolice > Distrust\nPolice › Distrust\n", encoding="utf-8")
    notes: list[str] = []
    book = read_codebook_file(path, notes)
    assert sorted(book.paths.values()) == ["Police", "Police > Distrust", "Police › Distrust"]
    assert "kept 'Police › Distrust' as it is: 'Police > Distrust' is already a code" in notes


@pytest.mark.parametrize("content, message", [
    ("label,description\nPolice,x\n", "no code column"),
    ("path,name\nPolice > Distrust,Distrust\n", "bad.csv:2: code 'Police > Distrust' comes before its parent 'Police'"),
    ("path\nPolice\npolice\n", "bad.csv:3: code 'police' appears twice"),
    ("name,colour\nPolice,red\n", "bad.csv:2: colour 'red' is not of the form #RRGGBB"),
    ("name\n", "no codes in the file"),
])
def test_bad_codebook_csv_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        read_codebook_file(path)


def test_a_codebook_saved_by_excel_in_spanish_reads_with_its_semicolons(tmp_path):
    path = tmp_path / "libro_de_codigos.csv"
    path.write_bytes("name;definition;colour\r\nPostergación;Cuando la denuncia espera;#1f4e79\r\n"
                     "Postergación › Archivo;Se archiva sin más;\r\n".encode("cp1252"))
    notes: list[str] = []
    book = read_codebook_file(path, notes)
    assert book.find("Postergación > Archivo").definition == "Se archiva sin más"
    assert book.find("Postergación").colour == "#1F4E79"
    bad = tmp_path / "pipes.csv"
    bad.write_text("name|definition\nA|b\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="read as separated by commas, has 'name|definition'"):
        read_codebook_file(bad)
