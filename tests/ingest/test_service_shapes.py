"""Transcription services' exports with a time before each name on its own line, each speaker
named once in a short file (Sonix "00:00:00 Marta Huamán", Happy Scribe "[00:00:01.234] - Speaker 1",
NVivo's transcripts "00:00:05 Interviewer"), and f4transkript and MAXQDA time marks opening a line
("#00:00:05-3# I: ..."), came in as one text without a speaker and without a warning: a time and a
name once each was taken for words ("00:12 Okay").  A name of two words, with a number, a role or a
title is a speaker there; a one-word name once is still not, and is warned about (fictional
transcripts of each shape, as the services' help pages and exports show them)."""

from __future__ import annotations

import pytest

from qda.ingest import parse_file

from test_shapes import sentences_of, turns_of


@pytest.mark.parametrize("text, speakers", [
    ("00:00:00 Marta Huamán\nThank you for joining.\n\n00:00:04 Julio Ccori\nYes.\n", ["Marta Huamán", "Julio Ccori"]),
    ("[00:00:01.234] - Speaker 1\nThank you for joining.\n\n[00:00:04.000] - Speaker 2\nYes.\n", ["Speaker 1", "Speaker 2"]),
    ("00:00:05 Interviewer\nHow did you come?\n00:00:12 Participant\nBy bus.\n", ["Interviewer", "Participant"]),
])
def test_a_time_then_each_name_once(tmp_path, text, speakers):
    path = tmp_path / "service.txt"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    assert [turn.speaker for turn in parsed.turns] == speakers
    assert not any(sentence[:1].isdigit() or sentence.startswith("[") for sentence in sentences_of(parsed))


def test_a_time_then_one_word_once_each_is_words_and_said(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("00:12 Okay\nwe begin.\n\n00:30 Right\nand then?\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.turns == [] and any("no speaker label was recognised" in warning for warning in parsed.warnings)


def test_f4_and_maxqda_time_marks_opening_a_line(tmp_path):
    path = tmp_path / "f4.txt"
    path.write_text("#00:00:05-3# I: Wie sind Sie gekommen?\n\n#00:00:12-8# B: Mit dem Bus.\n\n"
                    "#00:00:15-0# I: Und dann?\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("I", "#00:00:05-3# I: Wie sind Sie gekommen?"), ("B", "#00:00:12-8# B: Mit dem Bus."),
                                ("I", "#00:00:15-0# I: Und dann?")]
    assert sentences_of(parsed) == ["Wie sind Sie gekommen?", "Mit dem Bus.", "Und dann?"]


def test_f4_time_marks_closing_a_paragraph_stay_in_its_turn(tmp_path):
    path = tmp_path / "f4.txt"
    path.write_text("I: Wie sind Sie gekommen? #00:00:05-3#\n\nB: Mit dem Bus. #00:00:12-8#\n", encoding="utf-8")
    assert turns_of(parse_file(path)) == [("I", "I: Wie sind Sie gekommen? #00:00:05-3#"),
                                          ("B", "B: Mit dem Bus. #00:00:12-8#")]


def test_a_tab_separated_table_with_a_timespan_first_is_said(tmp_path):
    """NVivo's transcript rows as text: a timespan, a tab, the words, a tab, the speaker (the columns in any
    order): qda cannot tell which column names the speaker, and says so rather than import one text silently."""
    path = tmp_path / "nvivo.txt"
    path.write_text("0:00:00.0 - 0:00:05.0\tThank you for joining.\tMarta Huamán\n"
                    "0:00:05.0 - 0:00:09.0\tYes.\tJulio Ccori\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.turns == [] and any("no speaker label was recognised" in warning for warning in parsed.warnings)


def test_teams_names_with_a_cue_range_on_their_line(tmp_path):
    """Teams' .docx transcripts as some tenants write them: "Name  00:00:03.120 --> 00:00:06.480" above the words
    (the shape bristlenose's Teams reader names); it came in as one text without a speaker or a warning."""
    path = tmp_path / "teams.txt"
    path.write_text("Marta Huamán  00:00:03.120 --> 00:00:06.480\nThank you for joining.\nCan you hear me?\n\n"
                    "Julio Ccori  00:00:07.000 --> 00:00:09.000\nYes.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert [turn.speaker for turn in parsed.turns] == ["Marta Huamán", "Julio Ccori"]
    assert sentences_of(parsed) == ["Thank you for joining.", "Can you hear me?", "Yes."]


def test_google_meet_times_alone_above_each_turn_open_it(tmp_path):
    """Google Meet's transcript (.docx from Drive): a paragraph holding only the time, then "Name: words".
    The time belonged to the turn before it, and a title above the first time ("Transcript") is no speaker."""
    path = tmp_path / "meet.txt"
    path.write_text("Transcript\n\n00:00:03\n\nMarta Huamán: Thank you for joining.\n\n00:00:09\n\nJulio Ccori: Yes.\n\n"
                    "00:00:12\n\nMarta Huamán: Good.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("Marta Huamán", "00:00:03\n\nMarta Huamán: Thank you for joining."),
                                ("Julio Ccori", "00:00:09\n\nJulio Ccori: Yes."),
                                ("Marta Huamán", "00:00:12\n\nMarta Huamán: Good.")]
    assert sentences_of(parsed) == ["Transcript", "Thank you for joining.", "Yes.", "Good."]
