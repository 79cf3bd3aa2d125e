"""Word .docx files as Word writes them: tracked changes, content controls, fields, text boxes,
tables, bold speakers, Teams exports; and hostile ones (a DTD entity, a zip bomb).

Each file is built from WordprocessingML written by hand, in the shapes public python-docx
issues report being lost (python-openxml/python-docx#6, #340, #1123: text inside ``w:ins``).
"""

from __future__ import annotations

import zipfile

import pytest

from qda.errors import IngestError
from qda.ingest import parse_file

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def make_docx(path, body: str, prolog: str = "", extra: dict[str, bytes | str] | None = None):
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def p(*runs: str, properties: str = "") -> str:
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def r(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def turns_of(parsed):
    return [(turn.speaker, parsed.text[turn.start:turn.end]) for turn in parsed.turns]


def test_tracked_changes_are_read_accepted_and_said(tmp_path):
    body = (
        p(r("P01: I went to the fiscal "), '<w:ins w:id="1" w:author="Transcriber">' + r("with a lawyer") + "</w:ins>",
          '<w:del w:id="2" w:author="Transcriber"><w:r><w:delText> alone</w:delText></w:r></w:del>', r("."))
        + p('<w:ins w:id="4" w:author="Transcriber">' + r("INTERVIEWER: Did you go back?") + "</w:ins>",
            properties='<w:pPr><w:rPr><w:ins w:id="3" w:author="Transcriber"/></w:rPr></w:pPr>')
        + p('<w:del w:id="5" w:author="Transcriber"><w:r><w:delText>P01: A paragraph deleted whole.</w:delText></w:r></w:del>')
        + p(r("P01: We went"), properties='<w:pPr><w:rPr><w:del w:id="6" w:author="Transcriber"/></w:rPr></w:pPr>')
        + p(r(" together, "), '<w:ins w:id="7"><w:del w:id="8"><w:r><w:delText>typed and taken back</w:delText></w:r></w:del></w:ins>',
            r("twice."))
    )
    parsed = parse_file(make_docx(tmp_path / "tracked.docx", body))
    assert parsed.text == ("P01: I went to the fiscal with a lawyer.\n\nINTERVIEWER: Did you go back?\n\n"
                           "P01: We went together, twice.")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["P01", "INTERVIEWER", "P01"]
    assert len(parsed.warnings) == 1 and parsed.warnings[0].startswith("had unaccepted tracked changes")


def test_content_controls_smart_tags_hyperlinks_and_fields_keep_their_text(tmp_path):
    body = (
        '<w:sdt><w:sdtPr><w:alias w:val="Answer"/></w:sdtPr><w:sdtContent>'
        + p(r("P02: I work at the CEM in "),
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">' + r("Huamanga") + "</w:smartTag>",
            r(" since "), '<w:fldSimple w:instr=" DATE \\@ &quot;yyyy&quot; ">' + r("2019") + "</w:fldSimple>", r("."))
        + "</w:sdtContent></w:sdt>"
        + p(r("INTERVIEWER: See "), '<w:hyperlink r:id="rId9">' + r("the protocol") + "</w:hyperlink>", r(" on page "),
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Ref1 \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("4") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("."))
        + p('<w:sdt><w:sdtContent>' + r("P02: An inline control.") + "</w:sdtContent></w:sdt>")
    )
    parsed = parse_file(make_docx(tmp_path / "controls.docx", body))
    assert parsed.text == ("P02: I work at the CEM in Huamanga since 2019.\n\nINTERVIEWER: See the protocol on page 4.\n\n"
                           "P02: An inline control.")
    assert parsed.warnings == []


def test_a_text_box_comes_once_after_its_paragraph(tmp_path):
    box = p(r("Note in a box."))
    body = (
        p(r("P02: Before the box."),
          '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
          f'<wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp>'
          '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
          f'<w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
        + p(r("P02: After the box."))
    )
    parsed = parse_file(make_docx(tmp_path / "box.docx", body))
    assert parsed.text == "P02: Before the box.\n\nNote in a box.\n\nP02: After the box."


def test_tables_in_reading_order(tmp_path):
    def cell(*paragraphs):
        return "<w:tc>" + "".join(p(r(text)) for text in paragraphs) + "</w:tc>"

    body = (
        p(r("INTERVIEWER: Your caseload?"))
        + "<w:tbl><w:tr>" + cell("Year") + cell("Cases") + "</w:tr><w:tr>" + cell("2024") + cell("310", "(estimate)")
        + "</w:tr></w:tbl>"
        + p(r("P02: That many."))
    )
    parsed = parse_file(make_docx(tmp_path / "table.docx", body))
    assert parsed.text == "INTERVIEWER: Your caseload?\n\nYear | Cases\n\n2024 | 310 (estimate)\n\nP02: That many."


def test_bold_speaker_names_open_turns(tmp_path):
    body = (
        p(r("Entrevistadora:", bold=True), r(" ¿Dónde trabaja?"))
        + p(r("Rosa Quispe", bold=True), r(": En el CEM."))
        + p('<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">Nota: </w:t></w:r>', r("esto no es una hablante."))
    )
    parsed = parse_file(make_docx(tmp_path / "bold.docx", body))
    assert turns_of(parsed) == [
        ("Entrevistadora", "Entrevistadora: ¿Dónde trabaja?"),
        ("Rosa Quispe", "Rosa Quispe: En el CEM.\n\nNota: esto no es una hablante."),
    ]


def test_teams_docx_export_with_speakers_in_their_own_paragraphs(tmp_path):
    body = p(r("Marta Huamán   0:03")) + p(r("Thank you for joining.")) + p(r("Julio Ccori   0:09")) + p(r("Yes, thank you."))
    parsed = parse_file(make_docx(tmp_path / "teams.docx", body))
    assert turns_of(parsed) == [
        ("Marta Huamán", "Marta Huamán   0:03\n\nThank you for joining."),
        ("Julio Ccori", "Julio Ccori   0:09\n\nYes, thank you."),
    ]
    assert [parsed.text[s.start:s.end] for s in parsed.sentences] == ["Thank you for joining.", "Yes, thank you."]


def test_headers_footers_footnotes_and_comments_stay_out(tmp_path):
    header = f'<?xml version="1.0"?><w:hdr {NAMESPACES}>{p(r("CONFIDENTIAL: Rosa Quispe, Huamanga"))}</w:hdr>'
    comments = f'<?xml version="1.0"?><w:comments {NAMESPACES}><w:comment w:id="0">{p(r("Check this name"))}</w:comment></w:comments>'
    body = p('<w:commentRangeStart w:id="0"/>', r("P03: We arrived late."), '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>', '<w:r><w:footnoteReference w:id="1"/></w:r>')
    parsed = parse_file(make_docx(tmp_path / "parts.docx", body, extra={"word/header1.xml": header, "word/comments.xml": comments}))
    assert parsed.text == "P03: We arrived late."


def test_a_docx_declaring_an_entity_is_refused(tmp_path):
    body = p(r("P01: My name is &who; and I came alone."))
    path = make_docx(tmp_path / "entity.docx", body, prolog='<!DOCTYPE w:document [<!ENTITY who "Rosa">]>')
    with pytest.raises(IngestError) as raised:
        parse_file(path)
    assert raised.value.file == str(path) and "DTD" in raised.value.problem


def test_a_docx_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "bomb.docx", p(r("P01: hello.")), extra={"word/media/image1.png": bytes(64 * 1024 * 1024)})

    def no_inflating(*args, **kwargs):
        raise AssertionError("a member was opened before the zip was checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    with pytest.raises(IngestError) as raised:
        parse_file(path)
    assert raised.value.file == str(path) and "zip bomb" in raised.value.problem


def test_a_zip_that_is_not_word_is_refused(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(IngestError, match="not a Word document"):
        parse_file(path)
