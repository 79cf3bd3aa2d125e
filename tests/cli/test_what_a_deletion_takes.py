"""A destructive action says everything it takes with it, and one undo brings all of it back.

The team's PI deleted the code "Desconfianza > Policía" with `qda codebook --delete`: it took two codings,
each with a coder's memo on it, and the memos Ana and Luis had written on the code itself.  qda said
"Deleted … and 2 codings." and nothing of the four memos; the history said nothing of the codings' memos.
Removing a coding that carries a memo (`qda codings --remove`) said "Removed 1 coding(s)." likewise."""

from __future__ import annotations

from click.testing import CliRunner

import qda
from qda.cli import main

TEXT = ("FISCAL: En Huamanga la gente no denuncia. Dicen «manam yachanichu», no sé nada.\n"
        "FISCAL: La policía llega tarde, cuando llega.\n")
FIRST = "En Huamanga la gente no denuncia."
SECOND = "La policía llega tarde, cuando llega."
CODE = "Desconfianza > Policía"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def made(tmp_path):
    (tmp_path / "fiscal.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "fiscal.txt", "--language", "es").exit_code == 0
    for code in ("Desconfianza", CODE):
        assert run("codebook", path, "--add", code).exit_code == 0
    with qda.open_project(path) as project:
        text = project.document("fiscal").text
        ana, luis = (project.add_codings([("fiscal", CODE, text.index(q), text.index(q) + len(q))], who)[0]
                     for q, who in ((FIRST, "ana"), (SECOND, "luis")))
        project.set_coding_memo(ana.id, "¿Miedo o costumbre?", "ana")
        project.set_coding_memo(luis.id, "Comparar con la comisaría de Lima Norte.", "luis")
        project.set_memo("code", CODE, "Solo cuando se nombra a la policía.", "ana")
        project.set_memo("code", CODE, "Incluye serenazgo.", "luis")
    return path


def everything(path) -> tuple:
    with qda.open_project(path) as project:
        codings = sorted((c.start, c.end, c.memo) for c in project.codings())
        table = project.memos("code")
        return codings, sorted(zip(table["coder"], table["text"]))


def test_deleting_a_code_says_the_memos_it_takes_and_one_undo_brings_all_back(tmp_path, engine, request):
    path = made(tmp_path)
    if engine == "server":  # the PI deletes on the team's server
        from qda.store.transfer import push

        path = request.getfixturevalue("server_url")
        push(tmp_path / "equipo.qda", path)
    before = everything(path)
    assert len(before[0]) == 2 and len(before[1]) == 2

    result = run("codebook", path, "--delete", CODE, "--coder", "pi")

    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "2 codings (2 with a memo)" in said
    assert "memos on the code by ana and luis" in said
    assert "qda undo" in said and "--coder pi" in said
    assert everything(path) == ([], [])
    with qda.open_project(path) as project:
        assert "2 codings (2 with a memo)" in project.history(1)["summary"].iloc[0]

    undone = run("undo", path, "--coder", "pi")

    assert undone.exit_code == 0, undone.output
    assert "2 with a memo" in undone.output
    assert everything(path) == before


def test_removing_a_coding_says_its_memo_goes_with_it(tmp_path):
    path = made(tmp_path)
    with qda.open_project(path) as project:
        ids = [c.id for c in project.codings()]

    result = run("codings", path, "--remove", ids[0], "--remove", ids[1], "--coder", "pi")

    assert result.exit_code == 0, result.output
    assert "Removed 2 codings (2 with a memo)" in " ".join(result.output.split())
