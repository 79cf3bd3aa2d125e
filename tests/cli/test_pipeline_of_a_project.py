"""A project records the spaCy pipeline its sentences were split by, so the next import and resegment use it.

The team imported the prosecutor's interview with `--pipeline` (a trained pipeline); a colleague imported
the police officer's a week later without it, and `qda resegment` was run without it too: both split by the
built-in sentencizer, so one project counted sentences by two rules, and co-occurrence and agreement by
sentence changed under the team's feet.  Now the first import records the pipeline, later imports and
resegment use it when none is named, and naming another one on import is refused in one line.

The "trained" pipeline here is a fictional one saved to disk (spaCy loads a pipeline from a folder as
from a package name): a sentencizer that ends sentences at ";" only, so that its sentences differ from
the built-in sentencizer's and which one split a text shows."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main

FISCAL = "FISCAL: En Huamanga; la gente no denuncia. Dicen «manam yachanichu»; no sé nada.\n"
POLICIA = "POLICÍA: En Lima Norte; la comisaría no tiene traductor. Llegan tarde; muy tarde.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def semicolons(tmp_path_factory) -> str:
    """A spaCy pipeline on disk that ends sentences at ";" only."""
    import spacy

    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer", config={"punct_chars": [";"]})
    folder = tmp_path_factory.mktemp("pipelines") / "punto_y_coma"
    nlp.to_disk(folder)
    return str(folder)


def sentences(project, name: str) -> list[str]:
    text = project.document(name).text
    return [text[s.start:s.end] for s in project.units(name, "sentence")]


def test_the_next_import_and_resegment_split_by_the_pipeline_the_project_was_imported_with(tmp_path, semicolons,
                                                                                            engine, request):
    for name, text in (("fiscal", FISCAL), ("policia", POLICIA)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "fiscal.txt", "--language", "es", "--pipeline", semicolons).exit_code == 0
    if engine == "server":  # the team's project: a colleague imports the next interview on the server
        from qda.store.transfer import push

        path = request.getfixturevalue("server_url")
        push(tmp_path / "equipo.qda", path)
    with qda.open_project(path) as project:
        by_pipeline = sentences(project, "fiscal")
    assert by_pipeline == ["En Huamanga;", "la gente no denuncia. Dicen «manam yachanichu»;", "no sé nada."]

    imported = run("import", path, tmp_path / "policia.txt", "--language", "es")  # no --pipeline: the project's

    assert imported.exit_code == 0, imported.output
    with qda.open_project(path) as project:
        assert sentences(project, "policia") == ["En Lima Norte;", "la comisaría no tiene traductor. Llegan tarde;",
                                                 "muy tarde."]
    again = run("resegment", path)  # no --pipeline: the project's, so nothing changes
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.output
    with qda.open_project(path) as project:
        assert sentences(project, "fiscal") == by_pipeline


def test_importing_with_another_pipeline_is_refused_until_the_project_is_split_again(tmp_path, semicolons):
    for name, text in (("fiscal", FISCAL), ("policia", POLICIA)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "fiscal.txt", "--language", "es").exit_code == 0

    refused = CliRunner().invoke(main, ["import", str(path), str(tmp_path / "policia.txt"), "--pipeline", semicolons])

    assert refused.exit_code == 2
    assert "built-in sentencizer" in refused.output and "qda resegment" in refused.output
    with qda.open_project(path) as project:
        assert [d.name for d in project.documents()] == ["fiscal"]  # nothing stored
    assert run("resegment", path, "--pipeline", semicolons).exit_code == 0  # all split by it, and recorded
    assert run("import", path, tmp_path / "policia.txt", "--language", "es").exit_code == 0
    with qda.open_project(path) as project:
        assert sentences(project, "fiscal")[0] == "En Huamanga;"
        assert sentences(project, "policia")[0] == "En Lima Norte;"


def made_before_the_setting(path) -> None:
    """The project as a qda of before the `pipeline` setting left it: the same rows, without that one."""
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM project WHERE key = 'pipeline'")
    db.close()


def test_a_project_made_before_the_setting_records_the_pipeline_that_split_it_not_the_next_imports(tmp_path, semicolons):
    """Its prosecutor's interview was split by the built-in sentencizer; a colleague's import naming a trained
    pipeline recorded that one silently, and the two documents counted sentences by two rules."""
    for name, text in (("fiscal", FISCAL), ("policia", POLICIA)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "fiscal.txt", "--language", "es").exit_code == 0
    made_before_the_setting(path)

    refused = CliRunner().invoke(main, ["import", str(path), str(tmp_path / "policia.txt"), "--pipeline", semicolons])

    assert refused.exit_code == 2, refused.output
    assert "'fiscal'" in refused.output and f"qda resegment {path} --pipeline {semicolons}" in refused.output
    with qda.open_project(path) as project:
        assert [d.name for d in project.documents()] == ["fiscal"]
    assert run("import", path, tmp_path / "policia.txt", "--language", "es").exit_code == 0  # the sentencizer's, found out
    with qda.open_project(path) as project:
        assert project.setting("pipeline", "unrecorded") == ""
        assert sentences(project, "policia")[0] == "En Lima Norte; la comisaría no tiene traductor."


def test_a_project_made_before_the_setting_and_split_by_a_trained_pipeline_takes_only_that_one(tmp_path, semicolons):
    for name, text in (("fiscal", FISCAL), ("policia", POLICIA)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "fiscal.txt", "--language", "es", "--pipeline", semicolons).exit_code == 0
    made_before_the_setting(path)

    refused = CliRunner().invoke(main, ["import", str(path), str(tmp_path / "policia.txt"), "--language", "es"])

    assert refused.exit_code == 2, refused.output
    assert "built-in sentencizer splits 'fiscal' otherwise" in " ".join(refused.output.split())
    assert run("import", path, tmp_path / "policia.txt", "--language", "es", "--pipeline", semicolons).exit_code == 0
    with qda.open_project(path) as project:
        assert project.setting("pipeline") == semicolons
        assert sentences(project, "fiscal")[0] == "En Huamanga;"
        assert sentences(project, "policia")[0] == "En Lima Norte;"
