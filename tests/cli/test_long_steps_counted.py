"""Long steps of import and resegment count their documents on the progress bar.

The first import into a project made before the ``pipeline`` setting splits every stored document again,
once, to find out what split them (12.6 s of CPU on 1,000 transcripts); the bar meanwhile showed "Reading
0/1" and the elapsed time, as if the one new file took that long.  `qda resegment` splits every document
too, and showed nothing at all.  Now both draw "done/total" of the stored documents, naming the last one
split; the import's line for reading comes back when the check is done.  Fictional interviews."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.cli.project import _import
from qda.ingest import import_files

INTERVIEWS = {
    "fiscal_huamanga": "FISCAL: En Huamanga la gente no denuncia. ¿Por qué? Dicen «manam yachanichu», no sé nada.\n",
    "albergue_señora": "SEÑORA: Llegué al albergue con mis wawas. ¡Ya no aguantaba! Nadie me escuchaba.\n",
    "policia_lima_norte": "POLICÍA: En Lima Norte la comisaría no tiene traductor. Llegan tarde, muy tarde.\n",
}
NEW = "ENTREVISTADORA: ¿Cómo llegó? TESTIGO: En el carro de la comunidad, de Quinua.\n"


@pytest.fixture
def older_project(tmp_path):
    """Three interviews in a project as a qda of before the `pipeline` setting left it."""
    path = tmp_path / "equipo.qda"
    assert CliRunner().invoke(main, ["init", str(path)]).exit_code == 0
    files = []
    for name, text in INTERVIEWS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / f"{name}.txt"))
    assert CliRunner().invoke(main, ["import", str(path), *files, "--language", "es"]).exit_code == 0
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM project WHERE key = 'pipeline'")
    db.close()
    (tmp_path / "testigo.txt").write_text(NEW, encoding="utf-8")
    return path


def test_the_check_of_an_older_project_tells_each_stored_document(older_project):
    told = []
    with qda.open_project(older_project) as project:
        import_files(project, [older_project.parent / "testigo.txt"], language="es",
                     checking=lambda *step: told.append(step))
        assert project.setting("pipeline", "unrecorded") == ""  # found out, as before
    assert told == [(name, done, 3) for done, name in enumerate(INTERVIEWS, 1)]


def test_the_import_bar_counts_the_stored_documents_while_it_checks_them(older_project, terminal):
    _import(older_project, [older_project.parent / "testigo.txt"], None, "es", None, None, False, None)
    drawn = terminal.getvalue()
    assert "Checking the stored sentences" in drawn and "3/3" in drawn and "policia_lima_norte" in drawn, drawn


def test_resegment_counts_the_documents_it_splits(older_project, terminal):
    main.main(["resegment", str(older_project), "--check"], standalone_mode=False)  # on this stderr, a terminal
    drawn = terminal.getvalue()
    assert "Splitting sentences" in drawn and "3/3" in drawn and "policia_lima_norte" in drawn, drawn
