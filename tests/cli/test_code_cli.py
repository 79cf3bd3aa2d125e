"""`qda code --document`, `qda undo/redo/history`: the coding commands end to end (issue 15, items 5 and 6)."""

from __future__ import annotations

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
