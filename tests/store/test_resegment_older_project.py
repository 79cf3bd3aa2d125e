"""A project made by the qda of 1d879a4 (schema8_1d879a4.sql), before sentences started with the marks
that open them: `qda resegment` splits its sentences as a new import of the same text does, says what
changed for which document, leaves the codings as they were, and the note that the sentences are older
goes away.  Both engines.

The two fictional interviews, as 1d879a4 stored their sentences (10 and 5) and as they are split now:

    huamanga  "Buenos días, doctora. ¿" | "Cuántos casos llegan al juzgado cada mes? ¡" | "Son muchos, imagino!" | ...
          now "Buenos días, doctora." | "¿Cuántos casos llegan al juzgado cada mes?" | "¡Son muchos, imagino!" | ...
    comas     "Gracias por venir. ¿" | "Desde cuándo trabaja en el CEM de Comas?" | ...

Counted by hand: Rapport codes "Buenos días, doctora." and Institutional response "¿Cuántos casos llegan
al juzgado cada mes?" (ana).  In the old sentences the "¿" sits in the first, so the two codes meet in one
sentence (co-occurrence 1); in the new they are two sentences (0).  "Nadie tradujo." holds Institutional
response and Language barrier in both (1).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import qda
from qda.analysis import cooccurrence
from qda.cli import main

DUMP = Path(__file__).with_name("schema8_1d879a4.sql")


def made_by_1d879a4(folder: Path) -> Path:
    path = folder / "older.qda"
    with sqlite3.connect(path) as db:
        db.executescript(DUMP.read_text(encoding="utf-8"))
        db.execute("PRAGMA application_id = 1363427633")  # "QDA1", as every qda project file
        db.execute("PRAGMA user_version = 8")
    db.close()
    path.chmod(0o600)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def sentences(location) -> dict[str, list[str]]:
    with qda.open_project(location) as project:
        return {d.name: [d.text[s.start:s.end] for s in project.units(d, "sentence")] for d in project.documents()}


def codings(location) -> list[tuple]:
    with qda.open_project(location) as project:
        table = project.codings_table()
    return sorted(zip(table["coding_id"], table["document"], table["code_path"], table["coder"], table["start"],
                      table["end"]))


def pairs(location) -> dict[frozenset, int]:
    with qda.open_project(location) as project:
        table = cooccurrence(project, unit="sentence")
    return {frozenset((row.code_a, row.code_b)): row.count for row in table.itertuples()}


def newly_imported(folder: Path, older) -> dict[str, list[str]]:
    """The same texts imported by this qda into a new project."""
    with qda.open_project(older) as project:
        texts = {d.name: d.text for d in project.documents()}
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    fresh = folder / "fresh.qda"
    assert run("init", fresh).exit_code == 0
    assert run("import", fresh, *(folder / f"{name}.txt" for name in texts), "--language", "es").exit_code == 0
    return sentences(fresh)


@pytest.fixture
def older(tmp_path, engine, request):
    path = made_by_1d879a4(tmp_path)
    if engine == "server":
        from qda.store.transfer import push

        url = request.getfixturevalue("server_url")
        push(path, url)
        return url
    return path


def test_resegment_splits_an_older_projects_sentences_as_a_new_import_and_keeps_its_codings(tmp_path, older):
    before, codings_before = sentences(older), codings(older)
    assert before["huamanga"][:2] == ["Buenos días, doctora. ¿", "Cuántos casos llegan al juzgado cada mes? ¡"]
    rapport, institutional, language = "Rapport", "Institutional response", "Language barrier"
    assert pairs(older) == {frozenset((rapport, institutional)): 1, frozenset((institutional, language)): 1}
    assert "its sentences were split by an older qda" in run("documents", older).stderr
    assert "older qda" in run("cooccur", older, "--unit", "sentence").stderr
    assert "older qda" not in run("cooccur", older, "--unit", "paragraph").stderr

    result = run("resegment", older)

    assert result.exit_code == 0, result.output
    assert "huamanga: 8 of 10 sentences new" in result.output and "comas: 5 of 5 sentences new" in result.output
    assert "“Buenos días, doctora.” (was “Buenos días, doctora. ¿”)" in result.output
    after = sentences(older)
    assert after == newly_imported(tmp_path, older)
    assert after["huamanga"][:3] == ["Buenos días, doctora.", "¿Cuántos casos llegan al juzgado cada mes?",
                                     "¡Son muchos, imagino!"]
    assert after["comas"][-1] == "«Vuelva mañana», le dicen en la comisaría."
    assert codings(older) == codings_before
    assert pairs(older) == {frozenset((institutional, language)): 1}
    assert "older qda" not in run("documents", older).stderr + run("cooccur", older, "--unit", "sentence").stderr
    again = run("resegment", older)
    assert "already as this qda splits them: nothing changed" in again.output
    assert sentences(older) == after


def test_resegment_check_says_what_would_change_and_writes_nothing(older):
    before = sentences(older)
    result = run("resegment", older, "--check")
    assert result.exit_code == 0
    assert "2 of 2 documents would change (13 sentences new); nothing was written" in result.output
    assert sentences(older) == before
    assert "older qda" in run("documents", older).stderr


def test_a_project_of_this_qda_is_not_said_older_and_resegment_changes_nothing(tmp_path):
    # every shape the sample's importer reads (.txt, Word, WebVTT, Spanish): its turns and stored sentences
    # give back the same sentences, so nothing a coder sees moves
    path = tmp_path / "sample.qda"
    assert run("sample", path).exit_code == 0
    empty = tmp_path / "empty.qda"
    assert run("init", empty).exit_code == 0
    assert "older qda" not in run("documents", path).stderr + run("documents", empty).stderr
    before = sentences(path)
    result = run("resegment", path, "--check")
    assert "0 of 12 documents would change: their sentences are already as this qda splits them" in result.output
    assert sentences(path) == before
