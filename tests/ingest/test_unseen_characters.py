"""Characters a transcript carries that its reader never sees, and that moved a speaker's words
into someone else's turn without a word (found importing files shaped as Windows and web tools
leave them, each a small fictional fixture with its turns stated by hand):

- a byte-order mark in the middle of a file: two saved files joined (``copy /b a.txt+b.txt``,
  ``cat``), the second's BOM now opening a line, in front of its first speaker's label;
- a no-break space (U+00A0) or a narrow one (U+202F) after a label's colon or inside a name:
  text copied from a web page or a word processor (French typography puts one before the colon);
- U+2028/U+2029 line and paragraph separators, which web editors and layout programs write;
- a label typed without the space after its colon (``ROSA:In Huamanga``).
"""

from __future__ import annotations

import codecs

from qda.ingest import parse_file

from test_shapes import turns_of

DIALOGUE = [("INTERVIEWER", "¿Dónde trabaja usted?"), ("ROSA", "En el centro de emergencia, hace seis años."),
            ("INTERVIEWER", "¿Y su familia?"), ("ROSA", "Mi familia vive en Huamanga.")]


def test_a_byte_order_mark_inside_a_joined_file_hides_no_speaker(tmp_path):
    first = "INTERVIEWER: ¿Dónde trabaja usted?\r\nROSA: En el centro de emergencia, hace seis años.\r\n"
    second = "INTERVIEWER: ¿Y su familia?\r\nROSA: Mi familia vive en Huamanga.\r\n"
    path = tmp_path / "joined.txt"
    path.write_bytes(codecs.BOM_UTF8 + first.encode() + codecs.BOM_UTF8 + second.encode())
    parsed = parse_file(path)
    assert turns_of(parsed) == [(speaker, f"{speaker}: {words}") for speaker, words in DIALOGUE]
    assert "\ufeff" not in parsed.text
    assert any("line 3" in warning and "byte-order mark" in warning for warning in parsed.warnings)


def test_a_byte_order_mark_inside_a_utf16_file_and_a_subtitle_file(tmp_path):
    utf16 = tmp_path / "joined16.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "INTERVIEWER: ¿Dónde trabaja usted?\n\ufeffROSA: En el centro.\n"
                      .encode("utf-16-le"))
    assert turns_of(parse_file(utf16)) == [("INTERVIEWER", "INTERVIEWER: ¿Dónde trabaja usted?"),
                                          ("ROSA", "ROSA: En el centro.")]
    srt = tmp_path / "joined.srt"
    srt.write_bytes(codecs.BOM_UTF8 + b"1\n00:00:01,000 --> 00:00:02,000\nANA: Hola.\n\n"
                    + codecs.BOM_UTF8 + b"2\n00:00:03,000 --> 00:00:04,000\nJULIO: Buenas.\n")
    assert turns_of(parse_file(srt)) == [("ANA", "ANA: Hola."), ("JULIO", "JULIO: Buenas.")]


def test_no_break_spaces_around_a_label_and_inside_a_name(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_text("INTERVIEWER:\u00a0¿Dónde trabaja usted?\n"
                    "ROSA\u202f: En el centro de emergencia, hace seis años.\n"
                    "INTERVIEWER: ¿Y su familia?\n"
                    "ROSA: Mi familia vive en Huamanga.\n"
                    "Marta\u00a0Huamán: Gracias.\n"
                    "Marta Huamán: Nada más.\n", encoding="utf-8")
    turns = turns_of(parse_file(path))
    assert [speaker for speaker, _ in turns] == ["INTERVIEWER", "ROSA", "INTERVIEWER", "ROSA",
                                                 "Marta Huamán", "Marta Huamán"]
    assert turns[0][1] == "INTERVIEWER:\u00a0¿Dónde trabaja usted?"


def test_line_and_paragraph_separators_end_lines(tmp_path):
    path = tmp_path / "web.txt"
    path.write_text("INTERVIEWER: ¿Dónde trabaja usted?\u2028¿Desde cuándo?\n"
                    "ROSA: En el centro.\u2029INTERVIEWER: ¿Y su familia?\nROSA: En Huamanga.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("INTERVIEWER", "INTERVIEWER: ¿Dónde trabaja usted?\n¿Desde cuándo?"),
                                ("ROSA", "ROSA: En el centro."),
                                ("INTERVIEWER", "INTERVIEWER: ¿Y su familia?"), ("ROSA", "ROSA: En Huamanga.")]
    assert "\u2028" not in parsed.text and "\u2029" not in parsed.text


def test_a_label_typed_without_the_space_after_its_colon(tmp_path):
    path = tmp_path / "typed.txt"
    path.write_text("INTERVIEWER: Where do you work?\nROSA: At the centre.\nINTERVIEWER:And before?\n"
                    "ROSA:In Huamanga, with the police.\nThe time was 10:30, the ratio 3:1, see https://example.org\n",
                    encoding="utf-8")
    assert turns_of(parse_file(path)) == [
        ("INTERVIEWER", "INTERVIEWER: Where do you work?"), ("ROSA", "ROSA: At the centre."),
        ("INTERVIEWER", "INTERVIEWER:And before?"),
        ("ROSA", "ROSA:In Huamanga, with the police.\nThe time was 10:30, the ratio 3:1, see https://example.org")]


def test_a_file_name_written_decomposed_on_a_mac_names_the_document_as_typed(tmp_path):
    """macOS writes file names decomposed (``n`` + U+0303): the document's name is NFC, so an
    attributes table typed elsewhere names it, and so does a command."""
    import unicodedata

    import qda
    from qda.ingest import import_files

    path = tmp_path / unicodedata.normalize("NFD", "Entrevista_Señora_Peña.txt")
    path.write_text("ENTREVISTADORA: ¿Dónde vive?\nSEÑORA: En Huamanga.\n", encoding="utf-8")
    table = tmp_path / "participants.csv"
    table.write_text("document,role\nEntrevista_Señora_Peña,survivor\n", encoding="utf-8")
    with qda.create_project(tmp_path / "mac.qda") as project:
        report = import_files(project, [path], attributes=table)
        assert report.attributes_unmatched == []
        document = project.document("Entrevista_Señora_Peña")
        assert document.name == unicodedata.normalize("NFC", document.name)
        assert document.attributes == {"role": "survivor"}


def test_nul_padding_and_nul_bytes_after_a_byte_order_mark(tmp_path):
    """A file with a BOM skipped the NUL checks every other file passes: Notepad's crash padding
    came in as NUL characters in the text, without a word, and a NUL inside the text was imported
    where the same file without a BOM is refused."""
    import pytest

    from qda.errors import IngestError

    text = "INTERVIEWER: ¿Dónde?\r\nROSA: Aquí.\r\n"
    padded = tmp_path / "padded16.txt"
    padded.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x00" * 64)
    parsed = parse_file(padded)
    assert parsed.text == "INTERVIEWER: ¿Dónde?\nROSA: Aquí.\n" and "\x00" not in parsed.text
    assert any("32 NUL characters" in warning for warning in parsed.warnings)
    inside = tmp_path / "inside8.txt"
    inside.write_bytes(codecs.BOM_UTF8 + "INTERVIEWER: ¿Dó\x00nde?\nROSA: Aquí.\n".encode())
    with pytest.raises(IngestError, match="NUL"):
        parse_file(inside)
