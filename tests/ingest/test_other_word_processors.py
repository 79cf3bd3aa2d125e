"""Documents of other word processors given to ``qda import``: an OpenDocument text (.odt), an RTF,
an older Word .doc, a PDF, and the same renamed (a .doc or an RTF saved as "transcript.docx", an
RTF saved by TextEdit as .txt, an .odt renamed .docx) or a .docx protected by a password (Office
encrypts it into an OLE compound file, as a .doc is).  qda reads none of them; each is refused in
one line naming what the file is and how to save it so that qda reads it.  On main an RTF under
.txt was imported as its markup (``{\\rtf1\\ansi ... \\par``), without a word, and a .doc or a
password-protected .docx was called damaged.  Fictional files of those shapes (their first bytes)."""

from __future__ import annotations

import zipfile

import pytest

from qda.errors import IngestError
from qda.ingest import parse_file

RTF = (b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n{\\fonttbl\\f0\\fswiss Helvetica;}\n"
       b"\\f0\\fs24 \\cf0 ANA: Fuimos a la comisar\\'eda.\\\nLUIS: \\'bfY luego?}")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def odt(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    return path


@pytest.mark.parametrize("name, said", [
    ("P01.odt", "cannot import .odt files (OpenDocument text): open it in Word or LibreOffice and save it as .docx"),
    ("P01.rtf", "cannot import .rtf files (Rich Text Format): open it in Word or LibreOffice and save it as .docx"),
    ("P01.doc", "cannot import .doc files (Word 97-2003): open it in Word or LibreOffice and save it as .docx"),
    ("P01.pdf", "cannot import .pdf files (PDF): copy its text into a .txt file"),
])
def test_other_word_processors_files_are_refused_saying_how_to_save_them(tmp_path, name, said):
    path = tmp_path / name
    path.write_bytes(RTF)
    with pytest.raises(IngestError) as refused:
        parse_file(path)
    assert str(refused.value).startswith(f"{path}: {said}")


def test_an_rtf_saved_as_txt_is_refused_not_imported_as_markup(tmp_path):
    path = tmp_path / "P01.txt"
    path.write_bytes(RTF)
    with pytest.raises(IngestError, match=r"P01.txt: a Rich Text Format \(RTF\) document, not .txt text"):
        parse_file(path)


@pytest.mark.parametrize("content, said", [
    (OLE, "an older Word document (.doc) or a .docx protected by a password"),
    (RTF, "a Rich Text Format (RTF) document, not a .docx"),
], ids=["doc-or-encrypted", "rtf"])
def test_a_doc_an_encrypted_docx_or_an_rtf_named_docx_say_what_they_are(tmp_path, content, said):
    path = tmp_path / "P01.docx"
    path.write_bytes(content)
    with pytest.raises(IngestError) as refused:
        parse_file(path)
    assert str(refused.value).startswith(f"{path}: {said}")


def test_an_odt_named_docx_says_it_is_opendocument(tmp_path):
    path = odt(tmp_path / "P01.docx")
    with pytest.raises(IngestError, match=r"an OpenDocument text \(.odt\), not a Word document"):
        parse_file(path)
