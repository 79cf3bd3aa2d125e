"""The foundation commands end to end: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from qda.cli import main
from qda.sample import sample_files


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def dump(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def study(tmp_path):
    files = sample_files()
    path = tmp_path / "study.qda"
    assert run("init", path, "--codebook", files.codebook).exit_code == 0
    result = run("import", path, *files.transcripts[:3], "--attributes", files.participants)
    assert result.exit_code == 0, result.output
    return path


def test_init_import_documents_codebook(study):
    result = run("documents", study, "--format", "json")
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ["P01_police_limanorte", "P02_fiscal_limanorte", "P03_cem_lawyer_limanorte"]
    assert rows[1]["role"] == "family prosecutor" and rows[1]["status"] == "uncoded" and rows[1]["words"] > 1500
    assert "INTERVIEWER" in rows[0]["speakers"]
    tree = run("codebook", study, "--format", "csv")
    assert "Institutional response > Police > Distrust of police,3,0," in tree.output


def test_the_import_line_writes_thousands_as_every_other_count_does(study, tmp_path):
    """'1000000 words' beside the summary's '34,672 words' read as a different kind of number."""
    long = tmp_path / "P77_long.txt"
    long.write_text("P77: " + "palabra " * 1234 + "\n", encoding="utf-8")
    result = run("import", study, long)
    assert result.exit_code == 0, result.output
    assert "Imported P77_long: 1,235 words, 1 turn by 1 speaker (P77), 1 sentence" in result.output


def test_codings_csv_round_trip(study, tmp_path):
    csv_path = tmp_path / "codings.csv"
    csv_path.write_text(
        "document,code,start,end,coder,memo\n"
        "P01_police_limanorte,Institutional response > Police > Distrust of police,300,340,ana,first\n"
        'P02_fiscal_limanorte,Shame,10,20,luis,""\n'
    )
    result = run("codings", study, "--add", csv_path)
    assert result.exit_code == 0 and "Added 2 codings" in result.output
    # listed by citable reference; full names only when asked (they may describe the participant)
    listed = json.loads(run("codings", study, "--format", "json").output)
    assert [(c["document"], c["coder"], c["start"], c["end"]) for c in listed] == [
        ("P01", "ana", 300, 340), ("P02", "luis", 10, 20)]
    named = json.loads(run("codings", study, "--format", "json", "--names").output)
    assert [c["document"] for c in named] == ["P01_police_limanorte", "P02_fiscal_limanorte"]
    # a listing added back: references name their documents
    again = tmp_path / "again.csv"
    again.write_text(run("codings", study, "--format", "csv", "--coder", "luis").output, encoding="utf-8")
    assert run("codings", study, "--add", again).exit_code == 0
    assert [c["document"] for c in json.loads(run("codings", study, "--format", "json", "--coder", "luis").output)] == [
        "P02", "P02"]
    assert run("undo", study, "--coder", "luis").exit_code == 0
    assert listed[0]["code_path"].endswith("Distrust of police") and listed[0]["memo"] == "first"
    assert run("undo", study, "--coder", "ana").exit_code == 0
    assert len(json.loads(run("codings", study, "--format", "json").output)) == 1


@pytest.mark.parametrize(
    "rows, message",
    [
        ("P01_police_limanorte,Shame,10,20,ana\nP01_police_limanorte,Shame,10,999999,ana\n", "line 3: span [10, 999999) is outside"),
        ("P01_police_limanorte,Shame,10,20,ana\nP01_police_limanorte,Nonexistent code,10,20,ana\n", "line 3: no code 'Nonexistent code'"),
        ("P99,Shame,10,20,ana\n", "line 2: no document 'P99'"),
    ],
)
def test_a_bad_codings_row_adds_none_and_names_the_row(study, tmp_path, rows, message):
    csv_path = tmp_path / "codings.csv"
    csv_path.write_text("document,code,start,end,coder\n" + rows)
    before = dump(study)
    result = run("codings", study, "--add", csv_path)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and message in result.output and str(csv_path) in result.output
    assert dump(study) == before


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("binary.txt", bytes(range(256)), "binary"),
        ("empty.txt", b"", "empty"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 100, "not a readable .docx"),
    ],
)
def test_bad_transcripts_exit_2_and_leave_project_unchanged(study, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(study)
    result = run("import", study, sample_files().transcripts[4], path)
    assert result.exit_code == 2 and message in result.output and str(path) in result.output
    assert dump(study) == before


@pytest.mark.parametrize(
    "content, message",
    [("codes:\n  - name: A\n   - name: B\n", ":3: YAML syntax error"), ("codes:\n  - name: A\n  - name: A\n", ":3: duplicate code name")],
)
def test_bad_codebooks_exit_2(study, tmp_path, content, message):
    path = tmp_path / "book.yaml"
    path.write_text(content)
    before = dump(study)
    result = run("codebook", study, "--import", path)
    assert result.exit_code == 2 and f"{path}{message}" in result.output
    assert dump(study) == before
    fresh = tmp_path / "fresh.qda"
    assert run("init", fresh, "--codebook", path).exit_code == 2
    assert not fresh.exists()


def test_codebook_export_import_export_identical(study, tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert run("codebook", study, "--export", first).exit_code == 0
    assert run("codebook", study, "--import", first).exit_code == 0
    assert run("codebook", study, "--export", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert run("codebook", study, "--export", tmp_path / "codes.csv").exit_code == 0


def test_reimport_says_so(study):
    result = run("import", study, sample_files().transcripts[0])
    assert result.exit_code == 0 and "Skipped" in result.output and "already imported" in result.output


def test_missing_project_is_one_line_exit_2(tmp_path):
    result = run("documents", tmp_path / "nothing.qda")
    assert result.exit_code == 2 and result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_every_command_has_help_with_an_example():
    for name in main.commands:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`qda {name} --help` has no example"


def test_codebook_tree_draws_guides_counts_below_and_swatches():
    # the tree `tree(1)` and rich draw: a code's own codings, then those of its subtree below it;
    # names are printed as they are (a name in brackets is not markup)
    from qda.cli.project import codebook_tree
    from qda.model import Code, Codebook

    book = Codebook(name="Study", codes=(
        Code("a", "Police", colour="#1F4E79", position=0), Code("a1", "Distrust", "a", position=0),
        Code("a2", "[Refusal]", "a", position=1), Code("a21", "Fees", "a2", position=0),
        Code("b", "Family", position=1)))
    assert codebook_tree(book, {"a": 1, "a1": 4, "a21": 2, "b": 3}, "Study") == [
        "Study (5 codes)",
        "├── ■ Police 1 (+6 below)",
        "│   ├── Distrust 4",
        "│   └── [Refusal] 0 (+2 below)",
        "│       └── Fees 2",
        "└── Family 3",
    ]
    styled = codebook_tree(book, {"a": 1}, "Study", styled=True)
    assert styled[1] == "├── \x1b[38;2;31;78;121m■\x1b[0m Police \x1b[1m1\x1b[0m"  # 0x1F, 0x4E, 0x79


def test_the_tree_s_counts_are_the_codings_of_each_code(hand):
    # the tree reads only the codings a code has (codings_per_code); they are code_count_rows' codings,
    # and a code without codings is left out of both (on both engines)
    from qda.store.counting import codings_per_code

    counted = {code_id: codings for code_id, codings, _, _ in hand.code_count_rows().rows}
    assert codings_per_code(hand) == counted and sum(counted.values()) == len(hand.codings())
