"""Word draws a list's numbers (1., a), ii.) before its paragraphs from the numbering part; they
are no characters of the document, so the import, which reads the characters, left them out
without a word: a guide's numbered questions, or numbered turns, lost the numbers a researcher
sees and cites.  They are still left out (a number typed in by the import would move every
offset and hide speakers' labels), and now counted in a warning; bullets are not numbers and say
nothing.  A paragraph is numbered by its own ``w:numPr`` (as LibreOffice writes lists) or by its
style's (Word's and python-docx's "List Number")."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from qda.ingest import parse_file

QUESTIONS = ["¿Cuándo llegó la denuncia?", "¿Quién la recibió?", "¿Qué pasó después?"]


def numbers_said(parsed) -> list[str]:
    return [w for w in parsed.warnings if "automatic numbering" in w]


def test_a_numbered_style_is_said_and_a_bulleted_one_is_not(tmp_path):
    document = Document()
    document.add_paragraph("Guía de entrevista, comedor 3 de Mayo")
    for question in QUESTIONS:
        document.add_paragraph(question, style="List Number")
    document.add_paragraph("Llevar grabadora", style="List Bullet")
    document.save(str(tmp_path / "guia.docx"))
    parsed = parse_file(tmp_path / "guia.docx")
    assert parsed.text.split("\n\n")[1:4] == QUESTIONS  # the words as they were, offsets unmoved
    said = numbers_said(parsed)
    assert len(said) == 1 and said[0].startswith("has 3 paragraph(s)")

    bullets = Document()
    for question in QUESTIONS:
        bullets.add_paragraph(question, style="List Bullet")
    bullets.save(str(tmp_path / "puntos.docx"))
    assert not numbers_said(parse_file(tmp_path / "puntos.docx"))


def test_a_paragraph_taken_out_of_its_list_says_nothing(tmp_path):
    """``w:numId w:val="0"`` in the paragraph: Word's "None" numbering over a numbered style."""
    document = Document()
    for question in QUESTIONS:
        paragraph = document.add_paragraph(question, style="List Number")
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
    document.save(str(tmp_path / "guia.docx"))
    assert numbers_said(parse_file(tmp_path / "guia.docx"))[0].startswith("has 2 paragraph(s)")


LIST_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
</office:automatic-styles>
<office:body><office:text><text:p>Guía</text:p>
<text:list text:style-name="L1"><text:list-item><text:p>¿Cuándo llegó la denuncia?</text:p><text:list><text:list-item>
<text:p>¿Con quién vino?</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>¿Quién la recibió?</text:p>
</text:list-item></text:list>
<text:list text:style-name="L2"><text:list-item><text:p>Llevar grabadora</text:p></text:list-item></text:list>
</office:text></office:body></office:document>
"""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_s_numbered_list_with_a_lettered_level(tmp_path):
    """LibreOffice writes each list item's own ``w:numPr`` (numId, ilvl) and the list in numbering.xml."""
    (tmp_path / "guia.fodt").write_text(LIST_FODT, encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(tmp_path), str(tmp_path / "guia.fodt")],
                   check=True, capture_output=True, timeout=180)
    parsed = parse_file(tmp_path / "guia.docx")
    assert "¿Con quién vino?" in parsed.text
    said = numbers_said(parsed)
    assert len(said) == 1 and said[0].startswith("has 3 paragraph(s)")  # 1., a), 2.; not the bullet
