"""YAML codebooks: validation that names the line, lossless round trips, CSV export."""

from __future__ import annotations


import pytest

import qda
from qda.codebook import codebook_table, dump_codebook, load_codebook, parse_codebook
from qda.errors import CodebookError
from qda.sample import sample_files


def test_study_codebook_is_rich_enough():
    book = load_codebook(sample_files().codebook)
    assert len(book) >= 30
    assert max(depth for _, depth in book.walk()) >= 2  # three levels or more
    for code, _ in book.walk():
        assert code.definition and code.when_to_use and code.when_not_to_use and code.example, code.name
    assert book.find("Distrust of police") is not None


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("codes:\n  - name: A\n    definition: [unclosed\n", 4, "YAML syntax error"),
        ("codes:\n  - name: A\n  - name: a\n", 3, "duplicate code name"),
        ("codes:\n  - name: A\n    children:\n      - definition: no name\n", 4, "has no name"),
        ("codes:\n  - name: A\n    colour: red\n", 3, "#RRGGBB"),
        ("codes:\n  - name: A\n    colour: '#112233'\n    notes: x\n", 4, "unknown key 'notes'"),
        ("name: x\ncodes:\n  - name: A > B\n", 3, "may not contain '>'"),
        ("name: x\n", 1, "no 'codes:' list"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "book.yaml"
    path.write_text(text)
    with pytest.raises(CodebookError) as raised:
        load_codebook(path)
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert message in str(raised.value)


def test_export_import_export_is_byte_identical(tmp_path):
    with qda.create_project(tmp_path / "a.qda", sample_files().codebook) as project:
        first = dump_codebook(project.codebook)
    with qda.create_project(tmp_path / "b.qda") as other:
        other.import_codebook(parse_codebook(first))
        second = dump_codebook(other.codebook)
    assert first == second
    assert parse_codebook(second).paths == parse_codebook(first).paths


def test_import_updates_by_id_and_keeps_unlisted_codes(sample_project):
    book = sample_project.codebook
    code = book.find("Shame")
    text = dump_codebook(book).replace(f"name: {code.name}\n", "name: Shame and stigma\n", 1)
    edited = parse_codebook(text)
    edited = type(edited)(edited.name, edited.description, tuple(c for c in edited.codes if c.name != "Shelters"))
    report = sample_project.import_codebook(edited)
    assert any(path.endswith("Shame and stigma") for path in report["updated"])
    assert report["kept"] and report["kept"][0].endswith("Shelters")
    assert sample_project.codebook.by_id[code.id].name == "Shame and stigma"


def test_csv_has_one_row_per_code_with_path_and_definition():
    book = load_codebook(sample_files().codebook)
    header, cells = codebook_table(book)
    rows = [dict(zip(header, map(str, row))) for row in cells]
    assert len(rows) == len(book)
    by_path = {row["path"]: row for row in rows}
    code = book.find("Distrust of police")
    row = by_path[book.path(code.id)]
    assert row["definition"] == code.definition and row["level"] == "3"


def test_an_alias_of_text_is_allowed_but_not_of_a_list_or_mapping():
    shared = "codes:\n  - name: A\n    definition: &d Shared text\n  - name: B\n    definition: *d\n"
    assert [c.definition for c in parse_codebook(shared).codes] == ["Shared text", "Shared text"]
    with pytest.raises(CodebookError, match=r"x.yaml:3: the alias \*c repeats a list or mapping"):
        parse_codebook("codes: &c\n  - name: A\n    children: *c\n", "x.yaml")


def test_nesting_past_the_limit_is_refused_with_its_line():
    from qda.codebook import MAX_NESTING

    lines = ["codes:"] + [f"{'  ' * i}- name: L{i}\n{'  ' * i}  children:" for i in range(MAX_NESTING)]
    with pytest.raises(CodebookError, match="nested more than"):
        parse_codebook("\n".join(lines) + "\n" + "  " * MAX_NESTING + "- name: leaf\n")
    with pytest.raises(CodebookError, match="x.yaml:1: nested more than"):
        parse_codebook("codes: " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1), "x.yaml")


def test_a_codebook_saved_decomposed_names_its_codes_as_typed(tmp_path):
    """An editor on macOS may save "í" as "i" + U+0301: the codes are NFC, so the name typed in a
    command ("Policía") finds the code the listing shows (it was "no code 'Policía'")."""
    import unicodedata

    from qda.codebook import load_codebook

    path = tmp_path / "book.yaml"
    path.write_text(unicodedata.normalize("NFD", "codes:\n  - name: Policía\n    definition: Acción policial.\n"
                                                 "    children:\n      - name: Desconfianza en la policía\n"),
                    encoding="utf-8")
    codebook = load_codebook(path)
    assert [code.name for code in codebook.codes] == ["Policía", "Desconfianza en la policía"]
    assert codebook.codes[0].definition == "Acción policial."
