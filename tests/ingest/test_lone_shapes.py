"""A transcript of one turn in Otter's three-line shape (the name, the time, the words) and a Zoom
chat of one message: two were needed before either shape was read, so a one-turn excerpt or a
one-message chat came in as text without a speaker.  One alone is read when it opens the document
(and, for Otter's shape, the name is shaped as a speaker's); a title above a time, or a line of
speech that reads like a header inside a transcript, is still no speaker.  Fictional texts."""

from __future__ import annotations

import pytest

from qda.ingest import parse_file

from test_shapes import turns_of


def parsed_from(tmp_path, text: str):
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize("name", ["Marta Huamán", "Speaker 1", "Unknown Speaker", "Interviewer"])
def test_one_otter_turn_of_three_lines(tmp_path, name):
    parsed = parsed_from(tmp_path, f"{name}\n0:03\nThank you for joining. We can start.\n")
    assert turns_of(parsed) == [(name, f"{name}\n0:03\nThank you for joining. We can start.")]


@pytest.mark.parametrize("title", ["Transcript", "Interview Transcript", "Chapter Two", "Results"])
def test_a_title_above_a_time_is_no_speaker(tmp_path, title):
    parsed = parsed_from(tmp_path, f"{title}\n0:03\nThe police arrived late and took no statement.\n")
    assert parsed.turns == []


def test_an_essay_heading_above_a_time_inside_the_text_is_no_speaker(tmp_path):
    parsed = parsed_from(tmp_path, "The night of the complaint.\n\nMarta Huamán\n10:30\nShe waited until morning.\n")
    assert parsed.turns == []


def test_a_chat_of_one_message(tmp_path):
    parsed = parsed_from(tmp_path, "10:21:37 From  Marta Huamán  to  Everyone:\n\tGood morning, everyone.\n")
    assert turns_of(parsed) == [("Marta Huamán", "10:21:37 From  Marta Huamán  to  Everyone:\n\tGood morning, everyone.")]
    assert parsed.warnings == ["a Zoom chat: 1 message by 1 sender, each a turn of its sender"]


def test_a_chat_of_one_message_in_the_older_layout(tmp_path):
    parsed = parsed_from(tmp_path, "10:21:37\t From  Marta Huamán : Good morning, everyone.\n")
    assert [turn.speaker for turn in parsed.turns] == ["Marta Huamán"]


def test_one_header_shaped_line_inside_a_text_is_no_chat(tmp_path):
    parsed = parsed_from(tmp_path, "We left at night.\n10:21:37 From  the station : we walked.\n")
    assert parsed.turns == [] and not any("Zoom chat" in warning for warning in parsed.warnings)
