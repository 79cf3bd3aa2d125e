"""Teams names speakers "Surname, Name" (docs/importing.md's speaker shapes: cue times, then the name,
then the words).  `qda documents` joined a document's speakers by "," so that two of them read
"Huamán, Rosa,Ccori, Julio": four names to a reader, four fields to a script splitting the column.  They
are joined by "; " when a name holds a comma, as the import line writes them; other documents keep ",".
Both engines."""

from __future__ import annotations

import json

from click.testing import CliRunner

from qda.cli import main

TEAMS = """0:0:0.0 --> 0:0:5.520
Huamán, Rosa
Gracias por recibirme en el CEM de Comas.

0:0:5.520 --> 0:0:12.100
Ccori, Julio
Con gusto. Acá atendemos unos treinta casos por semana.

0:0:12.100 --> 0:0:20.000
Huamán, Rosa
¿Y cuántos llegan a la fiscalía?
"""

LABELLED = "ENTREVISTADORA: ¿Cómo llegan los casos?\n\nJUEZA: Por la comisaría.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_speakers_named_surname_comma_name_are_listed_apart(tmp_path, engine, request):
    (tmp_path / "ong_teams.txt").write_text(TEAMS, encoding="utf-8")
    (tmp_path / "jueza.txt").write_text(LABELLED, encoding="utf-8")
    path = tmp_path / "study.qda"
    assert run("init", path).exit_code == 0
    imported = run("import", path, tmp_path / "ong_teams.txt", tmp_path / "jueza.txt", "--language", "es")
    assert "2 speakers (Huamán, Rosa; Ccori, Julio)" in imported.output
    assert run("done", path, "ong_teams", "--coder", "Quispe, Ana").exit_code == 0
    assert run("done", path, "ong_teams", "--coder", "luis").exit_code == 0
    location = path
    if engine == "server":
        from qda.store.transfer import push

        location = request.getfixturevalue("server_url")
        push(path, location)
    rows = {row["name"]: row for row in json.loads(run("documents", location, "--format", "json").output)}
    assert rows["ong_teams"]["speakers"] == "Huamán, Rosa; Ccori, Julio"
    assert rows["ong_teams"]["done_by"] == "Quispe, Ana; luis"
    assert rows["jueza"]["speakers"] == "ENTREVISTADORA,JUEZA"
    assert '"Huamán, Rosa; Ccori, Julio"' in run("documents", location, "--format", "csv").output
