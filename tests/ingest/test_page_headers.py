"""The words of a .docx's page headers and footers are not imported (Word prints them on every page,
outside the transcript) and, since a researcher may have written the interview's name or place there,
the import says so, naming them; what fields show there (page numbers, dates) is not a person's words."""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from qda.ingest import parse_file

BODY = ["FISCAL: La denuncia llegó el lunes.", "ENTREVISTADORA: ¿Y la medida de protección?",
        "FISCAL: Se dictó, pero quedó en papel."]


def written(path, header: str = "", footer_page_number: bool = False, footer: str = ""):
    document = Document()
    for line in BODY:
        document.add_paragraph(line)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    if footer_page_number:  # a PAGE field, as Word's "Insert page number" writes it: begin, code, separate, result, end
        paragraph = section.footer.paragraphs[0]._p
        paragraph.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">Página </w:t></w:r>'))
        for run in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                    f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                    f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                    f'<w:r {nsdecls("w")}><w:t>3</w:t></w:r>',
                    f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
                    f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> de </w:t></w:r>',
                    f'<w:fldSimple {nsdecls("w")} w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>'):
            paragraph.append(parse_xml(run))
    document.save(str(path))
    return path


def test_header_words_are_named_and_left_out(tmp_path):
    parsed = parse_file(written(tmp_path / "e05.docx", header="Entrevista 5 — Fiscalía de Huamanga",
                                footer="Transcrito por R. Q."))
    assert parsed.text == "\n\n".join(BODY)  # the transcript alone, offsets as before
    assert [turn.speaker for turn in parsed.turns][:2] == ["FISCAL", "ENTREVISTADORA"]
    said = [w for w in parsed.warnings if "headers or footers" in w]
    assert len(said) == 1 and "Entrevista 5 — Fiscalía de Huamanga / Transcrito por R. Q." in said[0]


def test_a_page_number_is_not_said_but_words_beside_it_are(tmp_path):
    """Word's "Página 3 de 9" (fields and two words) says nothing; a header of words does, without the
    fields' results (3, 9)."""
    numbered = parse_file(written(tmp_path / "e06.docx", footer_page_number=True))
    assert not [w for w in numbered.warnings if "headers or footers" in w]
    both = parse_file(written(tmp_path / "e07.docx", footer_page_number=True, header="Caso Huamanga"))
    said = [w for w in both.warnings if "headers or footers" in w]
    assert len(said) == 1 and "'Caso Huamanga'" in said[0]
    plain = parse_file(written(tmp_path / "e08.docx"))
    assert not [w for w in plain.warnings if "headers or footers" in w]
