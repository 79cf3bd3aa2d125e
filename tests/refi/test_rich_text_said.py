"""A REFI-QDA source given only as rich text (``richTextPath``, a .docx) is read by the .docx import,
but what that import says of the file was dropped: unaccepted tracked changes, hidden text, words in
the page headers, comments, numbered lists.  The other program counted its selections in its own
plain text of the file, so each of these may be why a coding lands off its words: now said, naming
the source and the file."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from refi_helpers import listing, make_qdpx, positions, project_xml, run, selection, text_source

PARAGRAPHS = ["ENTREVISTADORA: ¿Cómo respondió la policía?", "P01: No me creyeron. Volví dos veces."]


def rich(hidden: bool = False) -> bytes:
    document = docx.Document()
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.sections[0].header.paragraphs[0].text = "Entrevista 4, Huamanga"
    if hidden:  # a transcriber's hidden note, which Word does not show
        document.paragraphs[1]._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> (nombre real: R. Q.)</w:t></w:r>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_what_the_docx_import_says_is_said_of_the_source(tmp_path):
    text = "\n\n".join(PARAGRAPHS)
    xml = project_xml(text_source(selection(*positions(text, "No me creyeron.", "codepoints")), path="",
                                  rich="internal://s1.docx"))
    qdpx = make_qdpx(tmp_path / "rich.qdpx", xml, {"sources/s1.docx": rich(hidden=True)})
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 0, result.output
    assert ("source 'Interview 1': internal://s1.docx has text in its page headers or footers "
            "('Entrevista 4, Huamanga')") in result.output
    assert "source 'Interview 1': internal://s1.docx has 1 run(s) of hidden text" in result.output


def test_a_damaged_docx_is_still_refused_naming_the_source(tmp_path):
    xml = project_xml(text_source("", path="", rich="internal://s1.docx"))
    qdpx = make_qdpx(tmp_path / "rich.qdpx", xml, {"sources/s1.docx": rich()[:300]})
    before = listing(tmp_path)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 2 and "source 'Interview 1'" in result.output, result.output
    assert listing(tmp_path) == before
