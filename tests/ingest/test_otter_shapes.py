"""Otter's exports beside the one qda read ("Marta Huamán  0:03" above the words): the name, the
time and the words on three lines (Otter's copy of a transcript, the time on its own line), and the
.txt exported without timestamps (the name alone above the words), with "Speaker 1" and "Unknown
Speaker" as Otter labels voices it has not been taught.  The first was only warned about, the
second imported as one text without a word said (fictional transcripts of those shapes; real
exports in public repositories show "Unknown Speaker  0:02" and "Transcribed by https://otter.ai")."""

from __future__ import annotations

from qda.ingest import parse_file

from test_shapes import SHAPES, turns_of


def test_name_time_and_words_on_three_lines():
    parsed = parse_file(SHAPES / "otter_three_lines.txt")
    assert turns_of(parsed) == [
        ("Marta Huamán", "Marta Huamán\n0:03\nThank you for joining."),
        ("Unknown Speaker", "Unknown Speaker\n0:10\nYes. Nobody was there."),
        ("Marta Huamán", "Marta Huamán\n1:02:15\nShall we stop here?"),  # Otter's closing line is no one's words
    ]
    assert [parsed.text[s.start:s.end] for s in parsed.sentences][:3] == [
        "Thank you for joining.", "Yes.", "Nobody was there."]
    assert parsed.warnings == ["1 line the meeting's transcription tool wrote ('Transcribed by https://otter.ai') "
                               "kept as text in no speaker's turn"]


def test_name_time_and_words_as_paragraphs_of_a_word_file(tmp_path):
    path = tmp_path / "otter.txt"
    path.write_text("Marta Huamán\n\n0:03\n\nThank you for joining.\n\nJulio Ccori\n\n0:10\n\nYes.\n", encoding="utf-8")
    assert turns_of(parse_file(path)) == [("Marta Huamán", "Marta Huamán\n\n0:03\n\nThank you for joining."),
                                          ("Julio Ccori", "Julio Ccori\n\n0:10\n\nYes.")]


def test_names_alone_above_the_words_without_times():
    parsed = parse_file(SHAPES / "otter_without_times.txt")
    assert turns_of(parsed) == [
        ("Speaker 1", "Speaker 1\nThank you for joining."),
        ("Unknown Speaker", "Unknown Speaker\nYes. Nobody was there.\nWe waited all night."),
        ("Speaker 1", "Speaker 1\nShall we stop here?"),
        ("Speaker 2", "Speaker 2\nYes."),
    ]
    assert "Speaker 1" not in " ".join(parsed.text[s.start:s.end] for s in parsed.sentences)


def test_headings_above_paragraphs_are_not_speakers(tmp_path):
    """An essay's headings stand alone above their paragraphs too, each once: no speaker."""
    path = tmp_path / "notes.txt"
    path.write_text("Field Notes\nWe arrived at the centre at nine.\n\nThe Second Visit\nNobody was there.\n\n"
                    "Closing Remarks\nWe left at noon.\n", encoding="utf-8")
    assert parse_file(path).turns == []
