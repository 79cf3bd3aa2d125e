"""Names typed on the command line in decomposed form (NFD: ``n`` + U+0303 for ``ñ``, as macOS
writes file names, and as a name pasted from one or typed by some input methods arrives) were
not found among names stored in NFC, as qda stores every text: a code, a document, a coder, an
attribute value.  Every string the command line gives is made NFC once, where click hands the
command its parameters (``qda.cli.group``); file paths are left as the file system spells them."""

from __future__ import annotations

import unicodedata

from click.testing import CliRunner

import qda
from qda.cli import main

CODE, DOCUMENT, CODER, SITE = "Señora", "Entrevista_Señora", "Zoë", "Huamanga-Ñuñoa"


def nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    return decomposed


def project(tmp_path):
    path = tmp_path / "study.qda"
    transcript = tmp_path / f"{DOCUMENT}.txt"
    transcript.write_text("ANA: ¿Fue a la comisaría?\nROSA: Sí, con mi señora madre.\n", encoding="utf-8")
    attributes = tmp_path / "people.csv"
    attributes.write_text(f"document,site\n{DOCUMENT},{SITE}\n", encoding="utf-8")
    with qda.create_project(path) as created:
        created.add_code(CODE, None, CODER)
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(path), str(transcript), "--attributes", str(attributes)])
    assert result.exit_code == 0, result.output
    with qda.open_project(path) as opened:
        opened.add_codings([(DOCUMENT, CODE, 0, 4)], CODER)
    return path


def test_a_code_a_document_a_coder_and_an_attribute_value_typed_decomposed_are_found(tmp_path):
    path = project(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(main, ["codings", str(path), "--code", nfd(CODE), "--document", nfd(DOCUMENT),
                                  "--coder", nfd(CODER), "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    assert len(listed.output.strip().splitlines()) == 2  # the header and the one coding
    quoted = runner.invoke(main, ["quotes", str(path), "--code", nfd(CODE), "--where", f"site={nfd(SITE)}",
                                  "--format", "csv"])
    assert quoted.exit_code == 0, quoted.output
    assert len(quoted.output.strip().splitlines()) == 2  # the header and the quote of the one coding
    memo = runner.invoke(main, ["memo", str(path), "--code", nfd(CODE), "--coder", nfd(CODER), "--text",
                                nfd("Una señora.")])
    assert memo.exit_code == 0, memo.output
    with qda.open_project(path) as opened:
        assert opened.memo("code", CODE, CODER) == "Una señora."  # stored NFC, like every text
