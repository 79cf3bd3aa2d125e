"""A transcript's header block ("Date:", "Place:", "Interviewer: R. Quispe") holds no turns, while
the same role opening a line of the dialogue is a speaker (fictional text)."""

from __future__ import annotations

from qda.ingest import parse_file

HEADED = ("Interview 7 - Huamanga\nDate: 12 May 2025\nInterviewer: R. Quispe\nPlace: women's centre\n\n"
          "Interviewer: How long have you worked here?\n\nP07: Six years.\n")
NOT_A_HEADER = "Interviewer: Good morning.\nNote: the recording starts late.\n\nP07: Good morning.\n"


def turns(tmp_path, text):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path, language="en")
    return [(turn.speaker, parsed.text[turn.start:turn.end]) for turn in parsed.turns]


def test_the_interviewer_named_in_a_header_is_not_a_turn(tmp_path):
    assert turns(tmp_path, HEADED) == [("Interviewer", "Interviewer: How long have you worked here?"),
                                       ("P07", "P07: Six years.")]


def test_an_opening_block_led_by_a_speaker_is_dialogue_even_with_a_note_in_it(tmp_path):
    assert turns(tmp_path, NOT_A_HEADER) == [
        ("Interviewer", "Interviewer: Good morning.\nNote: the recording starts late."), ("P07", "P07: Good morning.")]
