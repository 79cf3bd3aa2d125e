"""`qda code --document`, `qda undo/redo/history`: the coding commands end to end (issue 15, items 5 and 6)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.sample import sample_files


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def study(tmp_path):
    files = sample_files()
    path = tmp_path / "study.qda"
    assert run("init", path, "--codebook", files.codebook).exit_code == 0
    assert run("import", path, *files.transcripts[:3]).exit_code == 0
    return path


@pytest.fixture
def opened_with(monkeypatch):
    """What `qda code` would open the app on, without running it."""
    from qda.tui import app

    seen = {}

    def fake_run(self):
        seen.update(document=self.start_document, span=self.start_span)

    monkeypatch.setattr(app.QdaApp, "run", fake_run)
    return seen


def document_ids(path):
    with qda.open_project(path) as project:
        return {d.name: d.id for d in project.documents()}


@pytest.mark.parametrize("ref", ["P02", "p02", "P02_fisc", "P02_fiscal_limanorte"])
def test_a_unique_start_or_reference_opens_that_document(study, opened_with, ref):
    result = run("code", study, "--coder", "ana", "--document", ref)
    assert result.exit_code == 0, result.output
    assert opened_with["document"] == document_ids(study)["P02_fiscal_limanorte"]


@pytest.mark.parametrize("ref, words", [("P0", ["fits 3 documents", "P01_police_limanorte", "P03_cem_lawyer_limanorte"]),
                                        ("P09", ["no document 'P09'", "P01_police_limanorte", "P02_fiscal_limanorte"])])
def test_an_ambiguous_or_unknown_document_is_refused_with_the_candidates(study, opened_with, ref, words):
    result = run("code", study, "--coder", "ana", "--document", ref)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    for word in words:
        assert word in result.output
    assert not opened_with


def test_a_quotes_reference_opens_at_its_passage(study, opened_with):
    ids = document_ids(study)
    with qda.open_project(study) as project:
        code = project.codebook.codes[1].id
        for start, end in ((500, 540), (100, 180), (100, 150)):  # numbered by start, then end
            project.add_coding(ids["P02_fiscal_limanorte"], code, start, end, "ana")
    assert run("code", study, "--coder", "ana", "--document", "P02:2").exit_code == 0
    assert opened_with == {"document": ids["P02_fiscal_limanorte"], "span": (100, 180)}
    result = run("code", study, "--coder", "ana", "--document", "P02:4")
    assert result.exit_code == 2 and "3 coded passages" in result.output


def test_passage_numbers_are_those_the_quote_exports_cite(coded_path):
    """`--document P07:12` must open the passage a quote export cites as P07:12."""
    from qda.export.quotes import quotes
    from qda.navigation import passage

    with qda.open_project(coded_path) as project:
        code = project.codebook.codes[2]
        cited = quotes(project, code.id)
        names = {d.id: d.name for d in project.documents()}
        spans_of = {}
        for coding in project.codings():
            spans_of.setdefault(names[coding.document_id], []).append((coding.start, coding.end))
    assert len(cited) > 3
    for row in cited.itertuples():
        assert passage(spans_of[row.document], int(row.number)) == (row.start, row.end)


def test_a_big_undo_says_how_many_codings_and_is_redone_whole(coded_path):
    with qda.open_project(coded_path) as project:
        coder = project.coders()[0].name
        before = len(project.codings(coder=coder))
        ids = [c.id for c in project.codings(coder=coder)[:40]]
        project.remove_codings(ids, coder)
    result = run("undo", coded_path, "--coder", coder)
    assert result.exit_code == 0
    assert "40 codings added" in result.output and f"qda redo --coder {coder}" in result.output
    result = run("redo", coded_path, "--coder", coder)
    assert result.exit_code == 0 and "40 codings removed" in result.output
    with qda.open_project(coded_path) as project:
        assert len(project.codings(coder=coder)) == before - 40


def test_an_unknown_coder_is_an_error_listing_the_coders(coded_path):
    with qda.open_project(coded_path) as project:
        names = [c.name for c in project.coders()]
    for command in ("undo", "redo"):
        result = run(command, coded_path, "--coder", "anna")
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
        assert "no coder 'anna'" in result.output and all(name in result.output for name in names)
    with qda.open_project(coded_path) as project:
        assert [c.name for c in project.coders()] == names  # the mistyped name was not made a coder


def test_history_names_documents_and_codes(study):
    with qda.open_project(study) as project:
        document = project.documents()[1]
        code, other = project.codebook.codes[1], project.codebook.codes[2]
        project.set_done(document.id, "ana")
        coding = project.add_coding(document.id, code.id, 10, 40, "ana")
        project.recode(coding.id, other.id, "ana")
        project.set_memo("document", document.id, "a memo", "ana")
        paths = project.codebook.paths
    result = run("history", study, "--format", "json", "--limit", "0")
    assert result.exit_code == 0
    summaries = [row["summary"] for row in json.loads(result.output)]
    assert not any(re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", s) for s in summaries), summaries
    assert f"mark {document.name} as done" in summaries
    assert f"recode {document.name} [10, 40) from {paths[code.id]} to {paths[other.id]}" in summaries
    assert any(document.name in s for s in summaries if s.startswith("memo"))


def test_history_as_a_table_gives_each_time_to_the_second_in_utc(study, monkeypatch):
    """The stored time (ISO 8601 with microseconds and offset) took 32 columns and folded in two at
    80 columns; the table says the second, in UTC, and JSON keeps the stored time whole."""
    from datetime import datetime, timezone

    monkeypatch.setenv("COLUMNS", "80")
    stored = json.loads(run("history", study, "--format", "json").output)[0]["time"]
    lines = run("history", study).output.splitlines()
    assert lines[0].split()[:3] == ["seq", "time", "(UTC)"]
    moment = datetime.fromisoformat(stored).astimezone(timezone.utc)
    assert moment.strftime("%Y-%m-%d %H:%M:%S") in lines[2] and stored not in lines[2]
    assert re.search(r"\.\d{6}\+00:00", stored)


def test_redoing_a_recode_names_the_new_code(study):
    with qda.open_project(study) as project:
        document = project.documents()[0]
        code, other = project.codebook.codes[1], project.codebook.codes[2]
        coding = project.add_coding(document.id, code.id, 10, 40, "ana")
        project.recode(coding.id, other.id, "ana")
        paths = project.codebook.paths
    assert run("undo", study, "--coder", "ana").exit_code == 0
    result = run("redo", study, "--coder", "ana")
    assert f"from {paths[code.id]} to {paths[other.id]}" in result.output


def test_a_merge_is_one_undoable_action(study, tmp_path):
    copy = tmp_path / "luis.qda"
    assert run("copy-for-coder", study, "--coder", "luis", "-o", copy).exit_code == 0
    with qda.open_project(copy) as project:
        document = project.documents()[0]
        for start in range(0, 2000, 100):
            project.add_coding(document.id, project.codebook.codes[1].id, start, start + 50, "luis")
        project.add_code("Only in the copy", coder="luis")
        project.set_done(document.id, "luis")
    with qda.open_project(study) as project:
        before = (len(project.codings()), len(project.codebook), project.done_documents("luis"))
    result = run("merge", study, copy, "--coder", "lead")
    assert result.exit_code == 0, result.output
    with qda.open_project(study) as project:
        assert len(project.codings(coder="luis")) == 20 and project.codebook.find("Only in the copy")
    result = run("undo", study, "--coder", "lead")
    assert result.exit_code == 0 and "20 codings removed" in result.output and "1 code removed" in result.output
    with qda.open_project(study) as project:
        assert (len(project.codings()), len(project.codebook), project.done_documents("luis")) == before
    assert "20 codings added" in run("redo", study, "--coder", "lead").output


def test_commands_that_take_a_document_take_the_reference_listings_print(study, tmp_path):
    """`qda documents` and quotes cite "P02"; `qda codings --document P02` answered "no document 'P02'",
    and so did `qda done`, `qda memo` and codings added from a CSV.  Each now finds the document by its
    reference as by its name; a reference no document has is still refused, naming the listing."""
    with qda.open_project(study) as project:
        name = project.documents()[1].name
        assert name.startswith("P02_")
        code = project.codebook.codes[1]
        project.add_coding(name, code.id, 10, 40, "ana")
    by_name = run("codings", study, "--document", name, "--format", "json")
    by_reference = run("codings", study, "--document", "P02", "--format", "json")
    assert by_reference.exit_code == 0 and json.loads(by_reference.output) == json.loads(by_name.output) != []
    assert run("done", study, "P02", "--coder", "ana").exit_code == 0
    assert run("memo", study, "--document", "P02", "--coder", "ana", "--text", "Fiscalía: archiva sin pericia.").exit_code == 0
    table = tmp_path / "more.csv"
    table.write_text(f"document,code,start,end,coder\nP02,{code.name},50,90,luis\n", encoding="utf-8")
    assert run("codings", study, "--add", table).exit_code == 0
    with qda.open_project(study) as project:
        document_id = project.document_id(name)
        assert project.memo("document", document_id, "ana") == "Fiscalía: archiva sin pericia."
        coders = {coder.id: coder.name for coder in project.coders()}
        spans = sorted((c.start, c.end, coders[c.coder_id]) for c in project.codings() if c.document_id == document_id)
    assert spans == [(10, 40, "ana"), (50, 90, "luis")]
    listed = json.loads(run("documents", study, "--format", "json").output)
    assert next(row for row in listed if row["ref"] == "P02")["done_by"] == "ana"
    refused = run("codings", study, "--document", "P09")
    assert refused.exit_code == 2 and "no document 'P09'" in refused.output and "qda documents" in refused.output
