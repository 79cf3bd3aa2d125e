"""qda words, keyness and kwic from the command line, on the hand-made project."""

from __future__ import annotations

import json

from click.testing import CliRunner

import qda
from qda.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_words_prints_counts_and_writes_csv(hand_path, tmp_path):
    result = run("words", str(hand_path), "--stop-words", "none", "--format", "json")
    rows = {r["word"]: r for r in json.loads(result.output)}
    assert result.exit_code == 0 and rows["police"]["count"] == 2 and rows["police"]["documents"] == 2
    by_document = run("words", str(hand_path), "--by", "document", "--top", "1", "--stop-words", "none", "--format", "csv")
    assert by_document.output.splitlines()[0] == "document,word,count,documents,per_10k"
    assert {line.split(",")[0] for line in by_document.output.splitlines()[1:]} == {"P01", "P02", "P03"}  # cited


def test_keyness_table_and_errors(hand_path):
    result = run("keyness", str(hand_path), "role=police", "--stop-words", "none", "--min", "1", "--format", "json")
    rows = {r["word"]: r for r in json.loads(result.output)}
    assert rows["report"]["count_target"] == 1 and rows["report"]["key"] == "+"
    bad = run("keyness", str(hand_path), "role=judge")
    assert bad.exit_code == 2 and bad.output.count("\n") == 1 and "no document has role = 'judge'" in bad.output


def test_kwic_prints_aligned_hits_and_exact_csv(hand_path):
    table = run("kwic", str(hand_path), "police", "--context", "2")
    lines = table.output.splitlines()
    assert table.exit_code == 0 and lines[0] == "2 hits of 'police'"
    columns = {line.index(" police ") for line in lines[3:]}
    assert len(columns) == 1  # the hits line up
    assert "P01_police" not in table.output
    rows = json.loads(run("kwic", str(hand_path), "police", "--context", "2", "--format", "json").output)
    assert [(r["ref"], r["left"], r["hit"], r["right"]) for r in rows] == [
        ("P01 ¶4", "fear the ", "police", ". Their families"), ("P02 ¶2", "say the ", "police", " laugh at")]
    only = json.loads(run("kwic", str(hand_path), "police", "--where", "role=ngo", "--format", "json").output)
    assert [r["ref"] for r in only] == ["P02 ¶2"]


def test_kwic_auto_codes_after_a_preview(hand_path):
    preview = run("kwic", str(hand_path), "police", "--code", "Services", "--unit", "sentence", "--coder", "cy")
    assert preview.exit_code == 0 and "2 passage(s) would be coded as Services" in preview.output
    with qda.open_project(hand_path) as project:
        assert project.codings(coder="cy") == []
    applied = run("kwic", str(hand_path), "police", "--code", "Services", "--apply", "--coder", "cy")
    assert "Coded 2 passage(s)" in applied.output
    with qda.open_project(hand_path) as project:
        texts = {d.id: d.text for d in project.documents()}
        assert sorted(texts[c.document_id][c.start:c.end] for c in project.codings(coder="cy")) == [
            "They fear the police.", "They say the police laugh at them."]
    run("undo", str(hand_path), "--coder", "cy")
    with qda.open_project(hand_path) as project:
        assert project.codings(coder="cy") == []
    assert run("kwic", str(hand_path), "police", "--apply").exit_code == 2


def test_skip_speaker_leaves_the_interviewers_turns_out(hand_path):
    every = json.loads(run("kwic", str(hand_path), "women", "--format", "json").output)
    asked = json.loads(run("kwic", str(hand_path), "women", "--skip-speaker", "Interviewer", "--format", "json").output)
    assert [r["speaker"] for r in every] == ["P01", "INTERVIEWER"] and [r["speaker"] for r in asked] == ["P01"]
    counted = json.loads(run("words", str(hand_path), "--skip-speaker", "INTERVIEWER", "--stop-words", "none",
                             "--format", "json").output)
    assert "tell" not in {r["word"] for r in counted}
    keyed = run("keyness", str(hand_path), "role=police", "--skip-speaker", "nobody")
    assert keyed.exit_code == 2 and "no speaker 'nobody'" in keyed.output


def test_a_document_set_narrows_words_keyness_and_kwic(hand_path):
    from qda.store.sets import create_set

    with qda.open_project(hand_path) as project:
        create_set(project, "first round", ["P01_police", "P03_ngo"], coder="ana")
    hits = json.loads(run("kwic", str(hand_path), "police", "--where", "set=first round", "--format", "json").output)
    assert [r["ref"] for r in hits] == ["P01 ¶4"]
    counted = json.loads(run("words", str(hand_path), "--where", "set=first round", "--stop-words", "none",
                             "--format", "json").output)
    assert {r["word"]: r["count"] for r in counted}["police"] == 1
    keyed = json.loads(run("keyness", str(hand_path), "set=first round", "--stop-words", "none", "--min", "1",
                           "--format", "json").output)
    assert {r["word"]: (r["count_target"], r["count_reference"]) for r in keyed}["police"] == (1, 1)
