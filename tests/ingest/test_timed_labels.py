"""Transcripts whose speaker lines carry a time before the name, or a name in brackets before the
time, or columns split by tabs: each came in with no turns and no warning, so every word of the
interview was nobody's (fictional fixtures of the layouts transcription services, Zoom's saved
captions and tab-separated exports use)."""

from __future__ import annotations

import pytest

from qda.ingest import parse_file

from test_shapes import turns_of

WORDS = ["Thank you for joining.", "Thank you. We can start.", "Where do you work?"]
NAMES = ["Marta Huamán", "Julio Ccori", "Marta Huamán"]


@pytest.mark.parametrize("layout", [
    "[00:00:0{i}] {name}\n{words}\n\n",        # time in brackets, then the name, on its own line
    "00:00:0{i} {name}\n{words}\n\n",          # the same without brackets
    "00:00:0{i} - {name}\n{words}\n\n",        # with a dash
    "[{name}] 10:21:3{i}\n{words}\n",          # Zoom's saved captions: the name in brackets, then the clock
    "00:00:0{i}\t{name}\t{words}\n",           # tab-separated columns
])
def test_a_time_and_a_name_open_each_turn(tmp_path, layout):
    path = tmp_path / "timed.txt"
    path.write_text("".join(layout.format(i=i, name=name, words=words)
                            for i, (name, words) in enumerate(zip(NAMES, WORDS), 1)), encoding="utf-8")
    turns = turns_of(parse_file(path))
    assert [speaker for speaker, _ in turns] == NAMES
    assert [text.endswith(words) for (_, text), words in zip(turns, WORDS)] == [True] * 3


def test_a_time_before_words_is_no_speaker(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("00:12 Okay\nwe start now.\n\n00:30 Fine\nand then we stopped.\n", encoding="utf-8")
    assert parse_file(path).turns == []


def test_a_layout_of_times_qda_does_not_know_is_said(tmp_path):
    path = tmp_path / "unknown_layout.txt"
    """Times alone above the words, no names (Otter's export without speaker names): no speaker to find,
    and the file may hold a layout qda does not know.  (The names above such times are Otter's three-line
    shape, read since: tests/ingest/test_otter_shapes.py.)"""
    path.write_text("00:03\nThank you for joining.\n\n00:07\nThank you.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.turns == [] and any("no speaker label was recognised" in warning for warning in parsed.warnings)
