"""Lines a meeting's transcription tool writes into the transcript: Teams' "Ana Quispe started
transcription" / "stopped transcription" (in Spanish "detuvo la transcripción", with the name as
"Surname, Name"; German "hat die Transkription gestartet" / "gestoppt"; Portuguese "parou a transcrição", each
seen in real exports in public repositories) and Otter's closing "Transcribed by https://otter.ai".
They stayed in the last speaker's turn, counted as that speaker's words.  Now each ends the turn
above it and is kept as text in no speaker's turn, with a warning counting them: the transcript's
text stays the file's (a stop and a restart mark a gap in the record a researcher may need to cite),
but no speaker says it.  Fictional transcripts of those shapes."""

from __future__ import annotations

import pytest

from qda.ingest import parse_file

from test_shapes import sentences_of, turns_of

TEAMS = ("Entrevista Rosa-20250312_101500-Meeting Recording\nMarch 12, 2025, 10:15AM\n12m 3s\n\n"
         "Ana Quispe started transcription\n\n"
         "Ana Quispe   0:03\nGood morning. Can you hear me?\n\n"
         "Rosa Mamani   0:09\nYes, I can hear you.\n\n"
         "Ana Quispe stopped transcription\n\n"
         "Ana Quispe started transcription\n\n"
         "Ana Quispe   4:40\nWe are back.\n\n"
         "Rosa Mamani   4:45\nThank you. Bye.\n\n"
         "Ana Quispe stopped transcription\n")


def test_teams_transcription_lines_end_the_turn_above_them(tmp_path):
    path = tmp_path / "teams.txt"
    path.write_text(TEAMS, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [
        ("Ana Quispe", "Ana Quispe   0:03\nGood morning. Can you hear me?"),
        ("Rosa Mamani", "Rosa Mamani   0:09\nYes, I can hear you."),
        ("Ana Quispe", "Ana Quispe   4:40\nWe are back."),
        ("Rosa Mamani", "Rosa Mamani   4:45\nThank you. Bye."),
    ]
    assert parsed.text == TEAMS  # kept, in no turn
    assert "Ana Quispe stopped transcription" in sentences_of(parsed)
    assert parsed.warnings == ["4 lines the meeting's transcription tool wrote ('Ana Quispe started transcription') "
                               "kept as text in no speaker's turn"]


# French: "a commencé la transcription" as French Teams exports show it (public repositories of French meeting
# tools parse it); "a arrêté la transcription" is Teams' stop line in the same wording
@pytest.mark.parametrize("line", ["Quispe, Ana detuvo la transcripción", "Ana Quispe hat die Transkription gestoppt",
                                  "Ana Quispe parou a transcrição", "Ana Quispe stopped transcription.",
                                  "Marie Dubois a commencé la transcription", "Dubois, Marie a arrêté la transcription"])
def test_the_same_lines_in_other_languages_without_blank_lines(tmp_path, line):
    path = tmp_path / "teams.txt"
    path.write_text(f"Rosa Mamani   0:09\nSí, la escucho.\nGracias.\n{line}\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("Rosa Mamani", "Rosa Mamani   0:09\nSí, la escucho.\nGracias.")]
    assert sentences_of(parsed)[-1] == line  # no sentence runs from the speaker's words into it


def test_a_speaker_saying_so_is_speech(tmp_path):
    path = tmp_path / "speech.txt"
    text = "Ana Quispe   0:03\nWhat happened then?\n\nRosa Mamani   0:09\nI think she stopped transcription\n"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed)[-1] == ("Rosa Mamani", "Rosa Mamani   0:09\nI think she stopped transcription")
    assert parsed.warnings == []
