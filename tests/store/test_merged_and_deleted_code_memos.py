"""Merging a code into another, and deleting a code, with memos on it.

Ana coded the Quechua passage with both "Quechua" and its parent "Idioma" and wrote a memo on the first
coding; merging Quechua into Idioma dropped that coding as a duplicate of the second (right: not doubled)
and its memo with it, saying "0 codings moved".  The memos written on the code Quechua itself stayed on a
code that no longer exists, listed by a raw id.  Now the dropped coding's memo is added to the kept
coding's, the code's memos move to the target (added below the coder's own memo there), a deleted
code's memos go with it, and undo brings each back.  Both engines."""

from __future__ import annotations

from click.testing import CliRunner

import qda
from qda.cli import main

TEXT = "JUEZA: Hablan quechua: dicen «llakisqa kani», estoy triste. Nadie tradujo.\n"
QUOTE = "Hablan quechua: dicen «llakisqa kani», estoy triste."


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def made(tmp_path, engine, request):
    (tmp_path / "jueza.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "study.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "jueza.txt", "--language", "es").exit_code == 0
    for code in ("Barreras", "Barreras > Idioma", "Barreras > Idioma > Quechua", "Barreras > Miedo"):
        assert run("codebook", path, "--add", code).exit_code == 0
    if engine == "server":
        from qda.store.transfer import push

        url = request.getfixturevalue("server_url")
        push(path, url)
        return url
    return path


def memos(project) -> set[tuple[str, str, str]]:
    """(what the memo is on, coder, text) of every memo on a code or a coding."""
    paths = project.codebook.paths
    coders = {c.id: c.name for c in project.coders()}
    table = project.memos("code")
    on_codes = {(paths.get(target, target), coder, text)
                for target, coder, text in zip(table["target_id"], table["coder"], table["text"])}
    on_codings = {(f"coding of {paths[c.code_id]}", coders[c.coder_id], c.memo) for c in project.codings() if c.memo}
    return on_codes | on_codings


def test_merging_a_code_keeps_the_memos_of_its_dropped_codings_and_of_the_code(tmp_path, engine, request):
    location = made(tmp_path, engine, request)
    with qda.open_project(location) as project:
        text = project.document("jueza").text
        start = text.index(QUOTE)
        project.add_codings([("jueza", "Barreras > Idioma > Quechua", start, start + len(QUOTE)),
                             ("jueza", "Barreras > Idioma", start, start + len(QUOTE))], "ana")
        quechua = next(c for c in project.codings() if project.codebook.paths[c.code_id].endswith("Quechua"))
        project.set_coding_memo(quechua.id, "La traducción es de Luis: revisar.", "ana")
        project.set_memo("code", "Barreras > Idioma > Quechua", "Quechua: solo en Ayacucho.", "ana")
        project.set_memo("code", "Barreras > Idioma", "Idioma: castellano o quechua.", "ana")
        project.set_memo("code", "Barreras > Idioma > Quechua", "Pedir glosario.", "luis")
        before = memos(project)

        assert project.merge_codes("Barreras > Idioma > Quechua", "Barreras > Idioma", "ana") == 0

        assert len(project.codings()) == 1  # the duplicate dropped, not doubled
        assert memos(project) == {
            ("coding of Barreras > Idioma", "ana", "La traducción es de Luis: revisar."),
            ("Barreras > Idioma", "ana", "Idioma: castellano o quechua.\n\nQuechua: solo en Ayacucho."),
            ("Barreras > Idioma", "luis", "Pedir glosario."),
        }
        project.undo("ana")
        assert memos(project) == before


def test_deleting_a_code_deletes_the_memos_on_it_and_undo_brings_them_back(tmp_path, engine, request):
    location = made(tmp_path, engine, request)
    with qda.open_project(location) as project:
        project.set_memo("code", "Barreras > Miedo", "Miedo a la represalia.", "ana")
        project.delete_code("Barreras > Miedo", "ana")
        assert memos(project) == set()
        assert project.history(1)["summary"].iloc[0] == "delete code Barreras > Miedo, its 0 codings and the memo on the code by ana"
        project.undo("ana")
        assert memos(project) == {("Barreras > Miedo", "ana", "Miedo a la represalia.")}
