"""Which page headers and footers a .docx prints is said by its sections, not by its parts' names.

Each ``w:sectPr`` names its header and footer parts by relationship id (``w:headerReference
w:type="default|first|even"``); the part may be called anything (python-docx's analysis of the
header part: "It could be named anything but it is often named header1"); a first-page one is printed
only where the section has ``w:titlePg`` and an even-page one only where the settings have
``w:evenAndOddHeaders``; a section naming none goes on with the previous section's.  A file keeps
the first-page part when "Different first page" is turned off (python-docx takes away ``w:titlePg``
alone), and LibreOffice names its parts header1..3 with the even one first.  The import says the words of the headers and footers the pages
show, and only those; a comment's text (another part) is said, not silently dropped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from qda.ingest import parse_file

BODY = ["PROMOTORA: El comedor abre a las seis.", "ENTREVISTADOR: ¿Quién lleva las cuentas?",
        "PROMOTORA: La tesorera, con un cuaderno."]


def said(parsed) -> list[str]:
    return [w for w in parsed.warnings if "headers or footers" in w]


def transcript(**sections) -> Document:
    document = Document()
    for line in BODY:
        document.add_paragraph(line)
    section = document.sections[0]
    for name, words in sections.items():
        getattr(section, name).paragraphs[0].text = words
    return document


def renamed(path, old: str, new: str):
    """The .docx at ``path`` with its part ``old`` called ``new`` (relationships and content types
    following), as another program may name it."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    data = parts.pop(old)
    parts[new] = data
    short_old, short_new = old.split("/", 1)[1], new.split("/", 1)[1]
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(f'Target="{short_old}"'.encode(), f'Target="{short_new}"'.encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(f"/{old}".encode(), f"/{new}".encode())
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_part_named_otherwise_is_still_said(tmp_path):
    path = tmp_path / "c01.docx"
    transcript(header="Comedor 3 de Mayo — entrevista 1").save(str(path))
    renamed(path, "word/header1.xml", "word/cabecera_comedor.xml")
    parsed = parse_file(path)
    assert parsed.text == "\n\n".join(BODY)
    assert len(said(parsed)) == 1 and "'Comedor 3 de Mayo — entrevista 1'" in said(parsed)[0]


def test_a_first_page_header_unticked_is_not_printed_nor_said(tmp_path):
    """The first-page part kept after "Different first page" is turned off: the pages show the
    default header alone."""
    document = transcript(header="Comedor 3 de Mayo")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Borrador con nombres reales"
    section.different_first_page_header_footer = False
    document.save(str(tmp_path / "c02.docx"))
    parsed = parse_file(tmp_path / "c02.docx")
    assert len(said(parsed)) == 1 and "'Comedor 3 de Mayo'" in said(parsed)[0]
    document.sections[0].different_first_page_header_footer = True
    document.save(str(tmp_path / "c03.docx"))
    both = said(parse_file(tmp_path / "c03.docx"))
    assert len(both) == 1 and "'Comedor 3 de Mayo / Borrador con nombres reales'" in both[0]


def test_an_even_page_header_is_said_only_when_even_pages_differ(tmp_path):
    document = transcript(footer="Transcribió: N. V.")
    document.sections[0].even_page_footer.paragraphs[0].text = "Archivo del comedor"
    document.save(str(tmp_path / "c04.docx"))
    assert "'Transcribió: N. V.'" in said(parse_file(tmp_path / "c04.docx"))[0]
    document.settings.odd_and_even_pages_header_footer = True
    document.save(str(tmp_path / "c05.docx"))
    assert "'Transcribió: N. V. / Archivo del comedor'" in said(parse_file(tmp_path / "c05.docx"))[0]


def test_a_part_no_section_names_is_not_said(tmp_path):
    """A header part left in the zip, named by no section (its reference removed), is printed nowhere."""
    document = transcript(header="Versión para archivo")
    sectPr = document.sections[0]._sectPr
    for reference in sectPr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}headerReference"):
        sectPr.remove(reference)
    document.save(str(tmp_path / "c06.docx"))
    with zipfile.ZipFile(tmp_path / "c06.docx") as archive:
        assert "word/header1.xml" in archive.namelist()
    assert not said(parse_file(tmp_path / "c06.docx"))


def test_each_section_s_headers_are_said_and_inherited_ones_once(tmp_path):
    document = transcript(header="Primera visita")
    document.add_section()
    document.add_paragraph("PROMOTORA: Volvimos en marzo.")
    third = document.add_section()
    third.header.is_linked_to_previous = False
    third.header.paragraphs[0].text = "Segunda visita"
    document.add_paragraph("PROMOTORA: Ya había agua.")
    document.save(str(tmp_path / "c07.docx"))
    found = said(parse_file(tmp_path / "c07.docx"))
    assert len(found) == 1 and "'Primera visita / Segunda visita'" in found[0]


WPS = ('xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
BOX = (  # a text box as Word 2010 and later anchor it in a paragraph
    f'<w:r {nsdecls("w", "wp", "a")} {WPS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
    'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
    '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="914400" cy="228600"/><wp:wrapNone/><wp:docPr id="9" name="Cuadro 9"/><a:graphic><a:graphicData '
    'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p>'
    '<w:r><w:t>Revisado por L. M.</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>'
    '</a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>')


def test_a_text_box_in_a_header_is_its_own_words(tmp_path):
    """A text box anchored in a header paragraph: its words after the paragraph's, not run into them."""
    document = transcript(header="Caso 7")
    paragraph = document.sections[0].header.paragraphs[0]._p
    paragraph.append(parse_xml(BOX))
    document.save(str(tmp_path / "c08.docx"))
    found = said(parse_file(tmp_path / "c08.docx"))
    assert len(found) == 1 and "'Caso 7 / Revisado por L. M.'" in found[0]


def test_comments_are_said_and_their_text_not_imported(tmp_path):
    document = transcript()
    paragraph = document.paragraphs[1]._p
    w = nsdecls("w")
    for xml in (f'<w:commentRangeStart {w} w:id="0"/>', f'<w:commentRangeEnd {w} w:id="0"/>',
                f'<w:r {w}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>'):
        paragraph.append(parse_xml(xml))
    document.save(str(tmp_path / "c09.docx"))
    parsed = parse_file(tmp_path / "c09.docx")
    assert parsed.text == "\n\n".join(BODY)
    comments = [w for w in parsed.warnings if "comment" in w]
    assert len(comments) == 1 and "1 comment(s)" in comments[0]
    assert not [w for w in parse_file(written_plain(tmp_path)).warnings if "comment" in w]


def written_plain(tmp_path):
    transcript().save(str(tmp_path / "c10.docx"))
    return tmp_path / "c10.docx"


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm"
 fo:page-height="29.7cm"/><style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p>Comedor 3 de Mayo</text:p></style:header>
<style:header-left><text:p>Pares</text:p></style:header-left>
<style:header-first><text:p>Portada</text:p></style:header-first>
<style:footer><text:p>Transcribió N. V. en Huanta, p. <text:page-number>1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>BODY</office:text></office:body></office:document>
"""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_s_first_even_and_default_parts(tmp_path):
    """LibreOffice writes header1 (even), header2 (default), header3 (first), ``w:titlePg`` and
    ``w:evenAndOddHeaders``: all three are printed, so all are said, and the footer's words beside its
    page number."""
    source = tmp_path / "c11.fodt"
    source.write_text(FODT.replace("BODY", "".join(f"<text:p>{line}</text:p>" for line in BODY)), encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(tmp_path / "c11.docx") as archive:
        document = archive.read("word/document.xml").decode()
    assert re.search(r'w:headerReference w:type="first"', document) and "<w:titlePg" in document
    parsed = parse_file(tmp_path / "c11.docx")
    assert parsed.text == "\n\n".join(BODY)
    found = said(parsed)
    assert len(found) == 1
    for words in ("Comedor 3 de Mayo", "Pares", "Portada", "Transcribió N. V. en Huanta, p."):
        assert words in found[0], found[0]


def test_a_strict_ooxml_file_s_header_is_found_through_its_relationships(tmp_path):
    """ISO 29500 Strict names the WordprocessingML and the relationship types in purl.oclc.org
    namespaces (``…/officeDocument/relationships/header``, ``r:id`` in that namespace too)."""
    document = transcript(header="Comedor 3 de Mayo — entrevista 2")
    document.save(str(tmp_path / "transitional.docx"))
    with zipfile.ZipFile(tmp_path / "transitional.docx") as source, zipfile.ZipFile(tmp_path / "c12.docx", "w") as strict:
        for info in source.infolist():
            data = source.read(info).replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                             b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            strict.writestr(info, data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                               b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    parsed = parse_file(tmp_path / "c12.docx")
    assert [turn.speaker for turn in parsed.turns][:2] == ["PROMOTORA", "ENTREVISTADOR"]
    assert "'Comedor 3 de Mayo — entrevista 2'" in said(parsed)[0]


def test_a_text_box_in_the_body_is_read_after_its_paragraph_and_said(tmp_path):
    """Word may float a text box anywhere on the page; its words come after the paragraph it is anchored
    in, inside that speaker's turn, so the import says so."""
    document = transcript()
    document.paragraphs[0]._p.append(parse_xml(BOX.replace("Revisado por L. M.", "Foto: el comedor en 2019")))
    document.save(str(tmp_path / "c13.docx"))
    parsed = parse_file(tmp_path / "c13.docx")
    assert parsed.text.split("\n\n")[:2] == [BODY[0], "Foto: el comedor en 2019"]
    boxes = [w for w in parsed.warnings if "text box" in w]
    assert len(boxes) == 1 and boxes[0].startswith("has 1 text box(es) with words")
    assert not [w for w in parse_file(written_plain(tmp_path)).warnings if "text box" in w]


def test_a_first_page_part_shown_only_by_a_later_section_is_said(tmp_path):
    """The shape of a file saved by Word 2016 (python-docx's own test file sct-first-page-hdrftr.docx,
    read here): the first section names a default and a first-page header but shows only the default;
    the second names none and turns "Different first page" on, so its first page shows the first-page
    header it goes on with.  Both are printed, so both are said; without the second section's
    ``w:titlePg`` the first-page words are printed nowhere."""
    document = transcript(header="Comedor 3 de Mayo")
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Segunda visita, primera hoja"
    first.different_first_page_header_footer = False
    second = document.add_section()
    document.add_paragraph("PROMOTORA: Volvimos en marzo.")
    assert second.header.is_linked_to_previous and second.first_page_header.is_linked_to_previous
    document.save(str(tmp_path / "c12.docx"))
    shown = said(parse_file(tmp_path / "c12.docx"))
    assert len(shown) == 1 and "'Comedor 3 de Mayo'" in shown[0] and "primera hoja" not in shown[0]
    second.different_first_page_header_footer = True
    document.save(str(tmp_path / "c13.docx"))
    shown = said(parse_file(tmp_path / "c13.docx"))
    assert len(shown) == 1 and "'Comedor 3 de Mayo / Segunda visita, primera hoja'" in shown[0]
