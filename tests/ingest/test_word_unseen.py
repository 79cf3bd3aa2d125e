"""Word content that qda dropped or showed against what Word shows, without a word (found
building .docx files of the shapes Word, web exports and transcribers leave; fictional text):

- hidden text (Font > Hidden, ``w:vanish``): Word does not show it, qda imported it; a
  transcriber's hidden note can hold a participant's real name;
- ``w:altChunk``: a part in HTML or RTF that web and mail programs embed (Word converts it when
  it saves); its text vanished;
- a complex field opened and never closed (a damaged file): every paragraph after it vanished;
- ruby (``w:ruby``): the base text vanished with its reading;
- Office Math (``m:oMath``): the equation's characters vanished.
"""

from __future__ import annotations

import pytest

from qda.errors import IngestError
from qda.ingest import parse_file

from test_word import make_docx, p, r

HIDDEN = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'


def test_hidden_text_is_left_out_as_word_shows_it_and_said(tmp_path):
    body = (p(r("INTERVIEWER: Where do you live?"))
            + p(r("ROSA: In Huamanga, "), HIDDEN.format("[real name: Rosa Q. M.] "), r("near the market."))
            + p(r("INTERVIEWER: Thank you."),
                '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t xml:space="preserve"> Shown.</w:t></w:r>'))
    parsed = parse_file(make_docx(tmp_path / "hidden.docx", body))
    assert parsed.text == ("INTERVIEWER: Where do you live?\n\nROSA: In Huamanga, near the market.\n\n"
                           "INTERVIEWER: Thank you. Shown.")
    assert any("1 run(s) of hidden text" in warning for warning in parsed.warnings)


def test_a_field_whose_marks_are_hidden_still_shows_its_result(tmp_path):
    hidden_mark = '<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="{}"/></w:r>'
    body = p(r("ROSA: Page "), hidden_mark.format("begin"), '<w:r><w:instrText>PAGE</w:instrText></w:r>',
             hidden_mark.format("separate"), r("3"), hidden_mark.format("end"), r(" of the notes."))
    parsed = parse_file(make_docx(tmp_path / "field.docx", body))
    assert parsed.text == "ROSA: Page 3 of the notes."
    assert not any("hidden" in warning for warning in parsed.warnings)


def test_an_embedded_part_in_another_format_is_refused(tmp_path):
    chunk = ('<w:altChunk r:id="rIdChunk1" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>')
    body = p(r("INTERVIEWER: Where do you live?")) + chunk + p(r("ROSA: Near the market."))
    path = make_docx(tmp_path / "web_export.docx", body,
                     extra={"word/chunk1.htm": "<html><body><p>ROSA: In Huamanga.</p></body></html>"})
    with pytest.raises(IngestError, match="altChunk.*save it as .docx again"):
        parse_file(path)


def test_a_field_never_closed_is_refused_not_the_rest_of_the_file_dropped(tmp_path):
    body = (p(r("INTERVIEWER: Hello."), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
              '<w:r><w:instrText>PAGE</w:instrText></w:r>')
            + p(r("ROSA: Everything after the broken field.")))
    with pytest.raises(IngestError, match="never closed"):
        parse_file(make_docx(tmp_path / "broken_field.docx", body))


def test_ruby_keeps_its_base_text(tmp_path):
    ruby = ('<w:r><w:ruby><w:rt><w:r><w:t>かわ</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>川</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    parsed = parse_file(make_docx(tmp_path / "ruby.docx", p(r("ROSA: The "), ruby, r(" was high."))))
    assert parsed.text == "ROSA: The 川 was high."


def test_an_equation_keeps_its_characters_and_is_said(tmp_path):
    math = ('<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            '<m:r><m:t>3</m:t></m:r><m:r><m:t>/4</m:t></m:r></m:oMath>')
    parsed = parse_file(make_docx(tmp_path / "math.docx", p(r("ROSA: It was "), math, r(" of the cases."))))
    assert parsed.text == "ROSA: It was 3/4 of the cases."
    assert any("1 equation(s)" in warning for warning in parsed.warnings)
