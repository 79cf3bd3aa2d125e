"""Neighbours of issue 12's failures, found in public issue threads of subtitle, encoding and
docx tools, each a small fictional fixture with the exact text, turns and speakers stated by hand:

- speakers named once, by number, by role, by Zoom display name, under a header;
- SRT player tags (``{\\an8}``: 1,815 of 5,000 SRT files, sandflow/ttconv#492), ``<font>``,
  coordinates and ``.`` in times; WebVTT REGION blocks, times without hours, ``<lang>``, ``<ruby>``;
- UTF-16 without a byte-order mark (chardet/chardet#105), NUL padding, CR-only and mixed line ends,
  cp1252 smart quotes and the euro sign;
- Word: ``w:sym`` (python-openxml/python-docx#948, mwilliamson/python-mammoth#55), a field inside
  another field's code, footnotes, moves, breaks and hyphens, speakers in a table's column.
"""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import IngestError
from qda.ingest import parse_file

from test_shapes import SHAPES, cues_of, sentences_of, turns_of
from test_word import make_docx, p, r


# --- speakers -------------------------------------------------------------------------------------------

def test_one_word_names_used_once_are_speakers_after_the_first_but_notes_and_steps_are_not():
    parsed = parse_file(SHAPES / "one_word_names.txt")
    assert turns_of(parsed) == [
        ("Ana", "Ana: Hello, thank you for coming."),
        ("Julio", "Julio: Hi."),
        ("Ana", "Ana: How did you get here?\nNote: the recording stops for a minute."),
        ("Julio", "Julio: By bus. It was long.\nFirst: we waited two hours.\nThen: nobody came."),
    ]


def test_a_numbered_family_of_speakers_each_named_once():
    parsed = parse_file(SHAPES / "numbered_speakers.txt")
    assert turns_of(parsed) == [("Speaker 1", "Speaker 1: Hello, thank you for coming."),
                                ("Speaker 2", "Speaker 2: Thank you.")]
    assert sentences_of(parsed) == ["Hello, thank you for coming.", "Thank you."]


def test_roles_each_named_once():
    parsed = parse_file(SHAPES / "roles.txt")
    assert turns_of(parsed) == [("Interviewer", "Interviewer: Where do you work?"),
                                ("Respondent", "Respondent: At the women's centre.")]


def test_zoom_display_names_with_a_title_and_pronouns_named_once():
    parsed = parse_file(SHAPES / "zoom_display_names.txt")
    assert turns_of(parsed) == [("Dr. Ana Ruiz (she/her)", "Dr. Ana Ruiz (she/her): Let us begin."),
                                ("Julio Ccori", "Julio Ccori: Yes.")]


@pytest.mark.parametrize("line, speaker", [("Спикер №1: Доброе утро.\n", "Спикер №1"),
                                           ("Dr. Ana Ruiz (she/her): Let us begin.\n", "Dr. Ana Ruiz (she/her)")])
def test_the_issues_labels_on_a_line_of_their_own(tmp_path, line, speaker):
    path = tmp_path / "one.txt"
    path.write_text(line, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [(speaker, line.strip())]


def test_a_header_above_the_dialogue_makes_no_speaker():
    parsed = parse_file(SHAPES / "header_then_dialogue.txt")
    assert turns_of(parsed) == [("Ana", "Ana: Hello."), ("Julio", "Julio: Hi."), ("Ana", "Ana: Shall we start?")]


TEAMS_TURNS = [
    ("Huamán, Marta", "0:0:0.0 --> 0:0:5.520\nHuamán, Marta\nThank you for joining. Can you hear me?"),
    ("Ccori, Julio", "0:0:6.10 --> 0:0:9.0\nCcori, Julio\nYes. The officer said: come back."),
    ("Huamán, Marta", "0:0:9.50 --> 0:0:11.0\nHuamán, Marta\nAnd then?"),
]
TEAMS_SENTENCES = ["Thank you for joining.", "Can you hear me?", "Yes.", "The officer said: come back.", "And then?"]


def test_a_role_in_a_header_above_upper_case_speakers_makes_no_speaker(tmp_path):
    path = tmp_path / "header.txt"
    path.write_text("Date: 12 May 2025\nInterviewer: R. Quispe\n\nINTERVIEWER: How long?\n\nP07: Six years.\n"
                    "Interviewer (Rosa): And before?\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("INTERVIEWER", "INTERVIEWER: How long?"), ("P07", "P07: Six years."),
                                ("Interviewer (Rosa)", "Interviewer (Rosa): And before?")]


def test_teams_first_transcripts_copied_as_text_times_then_surname_comma_name():
    parsed = parse_file(SHAPES / "teams_copied.txt")
    assert turns_of(parsed) == TEAMS_TURNS
    assert sentences_of(parsed) == TEAMS_SENTENCES


def test_teams_first_transcripts_as_docx_a_paragraph_each(tmp_path):
    body = "".join(p(r(line)) for _, turn in TEAMS_TURNS for line in turn.split("\n"))
    parsed = parse_file(make_docx(tmp_path / "teams_2021.docx", body))
    assert turns_of(parsed) == [(speaker, turn.replace("\n", "\n\n")) for speaker, turn in TEAMS_TURNS]
    assert sentences_of(parsed) == TEAMS_SENTENCES


def test_cue_times_above_words_without_names_make_no_speaker():
    parsed = parse_file(SHAPES / "times_without_names.txt")
    assert parsed.turns == []
    assert sentences_of(parsed) == ["0:0:0.0 --> 0:0:2.0\nOkay", "0:0:2.0 --> 0:0:5.0\nWe waited at the station."]


def test_two_names_used_once_are_not_guessed_but_warned_about():
    parsed = parse_file(SHAPES / "two_names_once.txt")
    assert parsed.turns == []
    assert parsed.warnings == ["2 lines open like a speaker's turn, but no speaker label was recognised; "
                               "check the file, or give --speaker-pattern"]


# --- subtitles ------------------------------------------------------------------------------------------

def test_srt_player_tags_coordinates_dotted_times_and_no_final_newline():
    parsed = parse_file(SHAPES / "player_tags.srt")
    assert parsed.text == "ANA: Hola.\n\nP03: Buenas tardes."
    assert turns_of(parsed) == [("ANA", "ANA: Hola."), ("P03", "P03: Buenas tardes.")]
    assert cues_of(parsed) == [("Hola.", 1.0, 3.0), ("Buenas tardes.", 3.5, 5.0)]


def test_webvtt_regions_times_without_hours_language_and_ruby():
    parsed = parse_file(SHAPES / "regions_and_ruby.vtt")
    assert parsed.text == "Ana Ruiz: We llegamos 早. Before dawn."
    assert turns_of(parsed) == [("Ana Ruiz", parsed.text)]
    assert cues_of(parsed) == [("We llegamos 早.", 1.0, 3.0), ("Before dawn.", 3.0, 5.5)]


def test_srt_one_word_names_used_once_are_not_folded_into_the_previous_speaker():
    parsed = parse_file(SHAPES / "one_word_names.srt")
    assert parsed.text == "Ana: Hola. ¿Y usted?\n\nJulio: Nada."
    assert turns_of(parsed) == [("Ana", "Ana: Hola. ¿Y usted?"), ("Julio", "Julio: Nada.")]
    assert cues_of(parsed) == [("Hola.", 1.0, 2.0), ("¿Y usted?", 2.0, 3.0), ("Nada.", 3.0, 4.0)]


def test_webvtt_cue_numbers_stay_out_but_a_cue_that_is_a_year_stays_in():
    parsed = parse_file(SHAPES / "numbered_cues_and_a_year.vtt")
    assert parsed.text == "Ana: Hola. 2010\n\nJulio Ccori: Buenas."
    assert turns_of(parsed) == [("Ana", "Ana: Hola. 2010"), ("Julio Ccori", "Julio Ccori: Buenas.")]
    assert cues_of(parsed) == [("Hola.", 1.0, 2.0), ("2010", 2.0, 3.0), ("Buenas.", 3.0, 4.0)]


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["mac-cr", "windows-crlf"])
def test_srt_with_old_mac_or_windows_line_ends(tmp_path, newline):
    path = tmp_path / "ends.srt"
    source = "1\n00:00:01,000 --> 00:00:03,000\nANA: Hola.\n\n2\n00:00:03,500 --> 00:00:05,000\nP03: Buenas.\n"
    path.write_bytes(source.replace("\n", newline).encode("utf-8"))
    parsed = parse_file(path)
    assert parsed.text == "ANA: Hola.\n\nP03: Buenas."
    assert cues_of(parsed) == [("Hola.", 1.0, 3.0), ("Buenas.", 3.5, 5.0)]


# --- encodings ------------------------------------------------------------------------------------------

TRANSCRIPT = "P01: La señora esperó en la comisaría.\nINTERVIEWER: ¿Por qué?\n"


@pytest.mark.parametrize("codec, name", [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_without_a_byte_order_mark(tmp_path, codec, name):
    path = tmp_path / "iconv.txt"
    path.write_bytes(TRANSCRIPT.encode(codec))
    parsed = parse_file(path)
    assert (parsed.text, parsed.encoding) == (TRANSCRIPT, name)
    assert [speaker for speaker, _ in turns_of(parsed)] == ["P01", "INTERVIEWER"]


@pytest.mark.parametrize("text, speakers", [
    ("ИНТЕРВЬЮЕР: Где вы работаете?\nАННА: В центре.\n", ["ИНТЕРВЬЮЕР", "АННА"]),
    ("采访者: 你在哪里工作？\n受访者: 在中心。\n采访者: 多久了？\n受访者: 三年。\n", ["采访者", "受访者"] * 2),
])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_in_another_script(tmp_path, text, speakers, codec):
    """Only the spaces, digits and line ends of Cyrillic or CJK text have a NUL high byte: such a file
    was refused as binary."""
    path = tmp_path / "iconv.txt"
    path.write_bytes(text.encode(codec))
    parsed = parse_file(path)
    assert (parsed.text, parsed.encoding) == (text, codec)
    assert [speaker for speaker, _ in turns_of(parsed)] == speakers


@pytest.mark.parametrize("raw", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa",
    "Ана".encode("utf-16-le") + b"\x00\xe0\x01\x00",  # NULs at both byte positions of a code unit
    "Где вы?".encode("utf-16-le") + "\ue001\ue002".encode("utf-16-le"),  # private-use code points
])
def test_bytes_shaped_almost_like_utf16_stay_binary(tmp_path, raw):
    path = tmp_path / "picture.txt"
    path.write_bytes(raw)
    with pytest.raises(IngestError, match="binary"):
        parse_file(path)


def test_utf16_big_endian_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + TRANSCRIPT.encode("utf-16-be"))
    assert parse_file(path).text == TRANSCRIPT


def test_nul_padding_at_the_end_is_left_out_and_said(tmp_path):
    path = tmp_path / "crashed.txt"
    path.write_bytes(TRANSCRIPT.encode("utf-8") + bytes(512))
    parsed = parse_file(path)
    assert parsed.text == TRANSCRIPT
    assert parsed.warnings == ["the file ends in 512 NUL bytes (a save cut short?), left out; "
                               "check that the transcript ends where it should"]


def test_nul_bytes_inside_the_text_are_still_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(TRANSCRIPT.encode("utf-8") + bytes(8) + b"P02: more\n")
    with pytest.raises(qda.errors.IngestError, match="a binary file"):
        parse_file(path)


def test_windows_1252_smart_quotes_dashes_and_the_euro_sign(tmp_path):
    text = "P01: “It cost €40,” she said – it’s too much… Señora Pérez’s fee.\nINTERVIEWER: ¿Y después?\n"
    path = tmp_path / "notepad.txt"
    path.write_bytes(text.encode("cp1252"))
    parsed = parse_file(path)
    assert (parsed.text, parsed.encoding) == (text, "cp1252")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["P01", "INTERVIEWER"]


@pytest.mark.parametrize("codec", ["cp850", "mac_roman"], ids=["dos", "old-mac"])
def test_dos_and_old_mac_code_pages(tmp_path, codec):
    text = "P01: La señora esperó en la comisaría. ¿Por qué? Sí, señora.\nINTERVIEWER: ¿Y después?\n"
    path = tmp_path / "old.txt"
    path.write_bytes(text.encode(codec))
    assert (parse_file(path).text, parse_file(path).encoding) == (text, codec)


def test_mixed_windows_and_unix_line_ends(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"ANA: Hola.\r\nP03: Buenas tardes.\nANA: \xc2\xbfC\xc3\xb3mo est\xc3\xa1?\r\n")
    parsed = parse_file(path)
    assert parsed.text == "ANA: Hola.\nP03: Buenas tardes.\nANA: ¿Cómo está?\n"
    assert turns_of(parsed) == [("ANA", "ANA: Hola."), ("P03", "P03: Buenas tardes."), ("ANA", "ANA: ¿Cómo está?")]


# --- Word -----------------------------------------------------------------------------------------------

def test_symbol_font_characters_are_read_and_others_are_marked_and_said(tmp_path):
    body = p(r("P01: more than "), '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>', r(" 5 cases "),
             '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>', r(" "), '<w:r><w:sym w:font="Calibri" w:char="2013"/></w:r>',
             r(" every month."))
    parsed = parse_file(make_docx(tmp_path / "sym.docx", body))
    assert parsed.text == "P01: more than ≥ 5 cases \ufffd – every month."
    assert parsed.warnings == ["has symbol-font characters with no Unicode equivalent (1 in Wingdings), "
                               "imported as the replacement character \ufffd"]


def test_a_field_inside_another_fields_code_shows_only_the_outer_result(tmp_path):
    def field(kind):
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    def code(text):
        return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'

    body = p(r("P01: on page "), field("begin"), code(" IF "), field("begin"), code(" PAGE "), field("separate"), r("3"),
             field("end"), code(' = 3 "three" "other" '), field("separate"), r("three"), field("end"), r("."))
    parsed = parse_file(make_docx(tmp_path / "fields.docx", body))
    assert parsed.text == "P01: on page three."


def test_footnotes_stay_out_and_are_said(tmp_path):
    body = p(r("P01: We went to the CEM."), '<w:r><w:footnoteReference w:id="1"/></w:r>', r(" Then home."),
             '<w:r><w:endnoteReference w:id="2"/></w:r>')
    parsed = parse_file(make_docx(tmp_path / "notes.docx", body))
    assert parsed.text == "P01: We went to the CEM. Then home."
    assert parsed.warnings == ["has 2 footnote or endnote reference(s); the notes' text is not imported"]


def test_breaks_tabs_and_hyphens_as_word_shows_them(tmp_path):
    body = p(r("P01: co"), "<w:r><w:softHyphen/></w:r>", r("operate by e"), "<w:r><w:noBreakHyphen/></w:r>",
             r("mail"), "<w:r><w:br/><w:t>then</w:t><w:tab/><w:t>wait</w:t></w:r>")
    parsed = parse_file(make_docx(tmp_path / "breaks.docx", body))
    assert parsed.text == "P01: cooperate by e-mail\nthen\twait"


def test_a_moved_sentence_appears_once_where_it_was_moved_to(tmp_path):
    body = p(r("P01: "), '<w:moveFrom w:id="1"><w:r><w:t>Late, </w:t></w:r></w:moveFrom>', r("we went"),
             '<w:moveTo w:id="2"><w:r><w:t xml:space="preserve"> late</w:t></w:r></w:moveTo>', r("."))
    parsed = parse_file(make_docx(tmp_path / "moved.docx", body))
    assert parsed.text == "P01: we went late."
    assert parsed.warnings[0].startswith("had unaccepted tracked changes (1 insertion(s), 1 deletion(s))")


def test_numbered_paragraphs_keep_their_text_without_the_numbers(tmp_path):
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = p(r("Where do you work?"), properties=numbered) + p(r("Since when?"), properties=numbered)
    parsed = parse_file(make_docx(tmp_path / "list.docx", body))
    assert parsed.text == "Where do you work?\n\nSince when?"


def test_a_text_box_in_a_table_cell_comes_once(tmp_path):
    box = p(r("Note in a box."))
    anchored = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
                f'<wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>'
                '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
                f'<w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    body = "<w:tbl><w:tr><w:tc>" + p(r("P01: In a cell."), anchored) + "</w:tc><w:tc>" + p(r("second")) + "</w:tc></w:tr></w:tbl>"
    parsed = parse_file(make_docx(tmp_path / "cell_box.docx", body))
    assert parsed.text == "P01: In a cell. Note in a box. | second"


def _table(rows):
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{p(r(cell))}</w:tc>" for cell in row) + "</w:tr>"
                               for row in rows) + "</w:tbl>"


def test_speakers_in_a_tables_first_column(tmp_path):
    rows = [("Speaker", "Text"), ("Marta Huamán", "Thank you for joining."),
            ("Julio Ccori", "Yes. The officer said: come back."), ("Marta Huamán", "And then?")]
    parsed = parse_file(make_docx(tmp_path / "table.docx", _table(rows)))
    assert parsed.text == ("Speaker | Text\n\nMarta Huamán | Thank you for joining.\n\n"
                           "Julio Ccori | Yes. The officer said: come back.\n\nMarta Huamán | And then?")
    assert turns_of(parsed) == [("Marta Huamán", "Marta Huamán | Thank you for joining."),
                                ("Julio Ccori", "Julio Ccori | Yes. The officer said: come back."),
                                ("Marta Huamán", "Marta Huamán | And then?")]
    assert sentences_of(parsed) == ["Speaker | Text", "Thank you for joining.", "Yes.", "The officer said: come back.",
                                    "And then?"]


def test_speakers_in_a_tables_column_after_the_times(tmp_path):
    rows = [("00:00:03", "Marta Huamán", "Thank you for joining."), ("00:00:09", "Julio Ccori", "Yes."),
            ("00:00:12", "Marta Huamán", "And then?")]
    parsed = parse_file(make_docx(tmp_path / "timed.docx", _table(rows)))
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Julio Ccori", "Marta Huamán"]
    assert turns_of(parsed)[1] == ("Julio Ccori", "00:00:09 | Julio Ccori | Yes.")
    assert sentences_of(parsed) == ["Thank you for joining.", "Yes.", "And then?"]


def test_a_table_of_figures_makes_no_speakers(tmp_path):
    rows = [("Year", "Cases"), ("2023", "280"), ("2024", "310")]
    parsed = parse_file(make_docx(tmp_path / "figures.docx", p(r("INTERVIEWER: Your caseload?")) + _table(rows)))
    assert [speaker for speaker, _ in turns_of(parsed)] == ["INTERVIEWER"]


# --- what every import prints ---------------------------------------------------------------------------

def test_every_import_prints_turns_and_speakers_and_warns_of_unrecognised_dialogue(tmp_path):
    project = tmp_path / "p.qda"
    qda.create_project(project).close()
    result = CliRunner().invoke(main, ["import", str(project), str(SHAPES / "narrative_with_colons.txt"),
                                       str(SHAPES / "two_names_once.txt"), str(SHAPES / "roles.txt")])
    assert result.exit_code == 0, result.output
    assert "Imported narrative_with_colons: 29 words, 0 turns, " in result.stdout
    assert "Imported two_names_once: 12 words, 0 turns, " in result.stdout
    assert "Imported roles: 10 words, 2 turns by 2 speakers (Interviewer, Respondent), " in result.stdout
    assert result.stderr.count("Warning:") == 1
    assert "Warning: two_names_once.txt: 2 lines open like a speaker's turn" in result.stderr


def test_the_import_line_tells_names_with_a_comma_apart(tmp_path):
    project = tmp_path / "study.qda"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    result = CliRunner().invoke(main, ["import", str(project), str(SHAPES / "teams_copied.txt")])
    assert result.exit_code == 0, result.output
    assert "2 speakers (Huamán, Marta; Ccori, Julio)" in result.output
