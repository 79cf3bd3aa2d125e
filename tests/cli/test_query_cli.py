"""`qda query` and `qda sets` on the hand-built project (tests/analysis/handmade.py): output, files, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from qda.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner(env={"COLUMNS": "200", "QDA_CODER": "ana", **(env or {})}).invoke(main, [str(a) for a in args])


def test_query_lists_passages_with_references(hand_path):
    result = run("query", hand_path, "Distrust AND NOT Framing", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output))
    assert sorted(table["ref"]) == ["P01:2", "P01:¶4"]
    assert "document" not in table.columns and "start" not in table.columns  # full names and offsets stay out


def test_a_query_nested_a_thousand_deep_is_one_line_and_exit_2_and_one_at_the_limit_runs(hand_path):
    deep = run("query", hand_path, "(" * 1000 + "Distrust" + ")" * 1000)
    assert deep.exit_code == 2
    assert deep.output.strip() == ("Error: query: the query nests 1000 levels deep (parentheses, NOT and relations "
                                   "inside one another); qda reads at most 100")
    at_limit = run("query", hand_path, "NOT " * 98 + "(Distrust OVERLAPPING Distrust)", "--format", "csv")
    shallow = run("query", hand_path, "NOT NOT (Distrust OVERLAPPING Distrust)", "--format", "csv")
    assert at_limit.exit_code == 0, at_limit.output
    assert at_limit.output == shallow.output and "P01" in shallow.output  # 98 NOTs, 100 levels: as two


def test_a_syntax_error_is_one_line_with_its_column_and_exit_2(hand_path):
    result = run("query", hand_path, "Distrust AND (Framing")
    assert result.exit_code == 2
    assert result.output.strip() == "Error: query at column 22: the query ends too soon; expected )"
    unknown = run("query", hand_path, "Distrust OVERLAPPING Fram")
    assert unknown.exit_code == 2
    assert unknown.output.startswith("Error: query at column 22: no code 'Fram'")


def test_save_run_list_and_delete_a_query(hand_path):
    saved = run("query", hand_path, "Distrust WITHIN 4 SENTENCES OF Refusal", "--save", "near refusal",
                "--description", "distrust close to turned-away reports", "--format", "json")
    assert saved.exit_code == 0, saved.output
    first = json.loads(saved.stdout)
    listing = run("query", hand_path, "--list", "--format", "csv")
    table = pd.read_csv(io.StringIO(listing.output))
    assert table[["name", "query"]].values.tolist() == [["near refusal", "Distrust WITHIN 4 SENTENCES OF Refusal"]]
    again = run("query", hand_path, "--run", "near refusal", "--format", "json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == first
    assert run("query", hand_path, "--delete", "near refusal").exit_code == 0
    missing = run("query", hand_path, "--run", "near refusal")
    assert missing.exit_code == 2 and "no saved query 'near refusal'" in missing.output


def test_counts_by_attribute_and_a_heat_map_of_saved_queries(hand_path, tmp_path):
    counts = run("query", hand_path, "Distrust", "--by", "role", "--format", "csv")
    assert counts.exit_code == 0, counts.output
    table = pd.read_csv(io.StringIO(counts.output)).set_index("role")
    assert table.loc["police", "passages"] == 3 and table.loc["ngo", "in_scope"] == 2
    run("query", hand_path, "Framing", "--save", "framing")
    matrix = run("query", hand_path, "Distrust", "--run", "framing", "--by", "site", "--format", "csv")
    rows = pd.read_csv(io.StringIO(matrix.output)).set_index("query")
    assert rows.loc["framing"].to_dict() == {"North": 1, "South": 2}   # a3 in P01; a6 and b3 in P02
    picture = tmp_path / "queries.png"
    drawn = run("query", hand_path, "Distrust", "--run", "framing", "--by", "site", "-o", picture)
    assert drawn.exit_code == 0, drawn.output
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_quotes_to_markdown(hand_path, tmp_path):
    out = tmp_path / "q.md"
    result = run("query", hand_path, "Framing ENCLOSED BY Distrust", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "“Their families push them to forgive.”" in text and "P01:5" in text


def test_wrong_output_suffix_is_refused_before_work(hand_path, tmp_path):
    result = run("query", hand_path, "Distrust", "-o", tmp_path / "q.png")
    assert result.exit_code == 2 and ".docx .csv .md .jsonl" in result.output
    assert not (tmp_path / "q.png").exists()


def test_sets_by_hand_by_filter_and_by_query_filter_other_commands(hand_path):
    assert run("sets", hand_path, "--add", "north", "--where", "site=North").exit_code == 0
    assert run("sets", hand_path, "--add", "framed", "--query", "Framing").exit_code == 0
    assert run("sets", hand_path, "--add", "pilot", "P02_ngo").exit_code == 0
    listing = pd.read_csv(io.StringIO(run("sets", hand_path, "--format", "csv").output)).set_index("name")
    assert listing["documents"].to_dict() == {"framed": 2, "north": 2, "pilot": 1}
    shown = run("sets", hand_path, "--show", "north", "--format", "csv")
    assert pd.read_csv(io.StringIO(shown.output))["ref"].tolist() == ["P01", "P03"]
    stats = run("stats", hand_path, "--where", "set=pilot", "--by", "document", "--format", "csv")
    assert stats.exit_code == 0, stats.output
    assert set(pd.read_csv(io.StringIO(stats.output))["document"]) == {"P02"}
    quotes = run("quotes", hand_path, "--code", "Distrust", "--where", "set=north", "--format", "csv")
    assert set(pd.read_csv(io.StringIO(quotes.output))["ref"].str[:3]) == {"P01"}
    changed = run("sets", hand_path, "--include", "pilot", "P03_ngo")
    assert changed.exit_code == 0 and "1 added" in changed.output
    assert run("sets", hand_path, "--exclude", "pilot", "P02_ngo").exit_code == 0
    assert run("sets", hand_path, "--delete", "framed").exit_code == 0
    listing = pd.read_csv(io.StringIO(run("sets", hand_path, "--format", "csv").output)).set_index("name")
    assert listing["documents"].to_dict() == {"north": 2, "pilot": 1}


def test_set_errors_are_one_line(hand_path):
    unknown = run("stats", hand_path, "--where", "set=nowhere")
    assert unknown.exit_code == 2 and "no document set 'nowhere'" in unknown.output
    twice = run("sets", hand_path, "--add", "a", "P01_police", "--where", "site=North")
    assert twice.exit_code == 2 and "one of them" in twice.output
    assert run("sets", hand_path, "--add", "a", "P01_police").exit_code == 0
    again = run("sets", hand_path, "--add", "a", "P02_ngo")
    assert again.exit_code == 2 and "already exists" in again.output
    nobody = run("sets", hand_path, "--add", "b", "P99")
    assert nobody.exit_code == 2 and "no document 'P99'" in nobody.output


def test_undo_takes_back_a_set(hand_path: Path):
    assert run("sets", hand_path, "--add", "pilot", "P02_ngo", "--coder", "ana").exit_code == 0
    assert run("undo", hand_path, "--coder", "ana").exit_code == 0
    assert "pilot" not in run("sets", hand_path).output
