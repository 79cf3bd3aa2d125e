"""The lines of Teams' web page copied with its transcript.  Copying the transcript from Stream or
the meeting's Recap tab takes the page's closing question, ``Is this transcript useful?``, below the
last entry, and the page's ``AI-generated content may be incorrect.`` (both seen in public
repositories that parse such copies, in English; the notice's German, French, Italian and Dutch
wordings are Microsoft 365's, seen below AI-written content elsewhere; the question's were not found).  On main the question
stayed in the last speaker's turn, counted, searched and coded as that speaker's words.  Now it is
kept as text (the file's text is not changed) in no speaker's turn, with a warning naming it.
Brazilian Teams .docx exports open with ``Nome Sobrenome iniciou a transcrição`` (a public script
that summarises such exports skips that line); it stayed in the turn above too.
Fictional transcripts of those shapes."""

from __future__ import annotations

import pytest

from qda.ingest import parse_file

from test_shapes import sentences_of, turns_of

WEB_COPY = """Marta Huamán
0 minutes 9 seconds0:09
Marta Huamán 0 minutes 9 seconds
I went to the station on Monday.

Rosa Quispe
0 minutes 20 seconds0:20
Rosa Quispe 0 minutes 20 seconds
And then?
AI-generated content may be incorrect.
Is this transcript useful?
"""


def test_the_pages_closing_question_is_no_ones_words(tmp_path):
    path = tmp_path / "web.txt"
    path.write_text(WEB_COPY, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed)[-1] == ("Rosa Quispe", "Rosa Quispe\n0 minutes 20 seconds0:20\n"
                                                   "Rosa Quispe 0 minutes 20 seconds\nAnd then?")
    assert parsed.text == WEB_COPY
    assert sentences_of(parsed)[-2:] == ["AI-generated content may be incorrect.", "Is this transcript useful?"]
    assert parsed.warnings == ["2 lines of the web page copied with the transcript ('AI-generated content may be "
                               "incorrect.') kept as text in no speaker's turn"]


def test_a_speaker_asking_it_inside_a_line_is_speech(tmp_path):
    path = tmp_path / "web.txt"
    text = WEB_COPY.replace("And then?\nAI-generated content may be incorrect.\nIs this transcript useful?\n",
                            "And then? Is this transcript useful? I wonder.\n")
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed)[-1][1].endswith("And then? Is this transcript useful? I wonder.")
    assert parsed.warnings == []


def test_the_brazilian_start_line_ends_the_turn_above(tmp_path):
    path = tmp_path / "teams.txt"
    path.write_text("Rosa Mamani   0:09\nSim, estou ouvindo.\nAna Quispe iniciou a transcrição\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("Rosa Mamani", "Rosa Mamani   0:09\nSim, estou ouvindo.")]
    assert parsed.warnings == ["1 line the meeting's transcription tool wrote ('Ana Quispe iniciou a transcrição') "
                               "kept as text in no speaker's turn"]


# Microsoft 365's notice under AI-written content, in the wordings seen in public files: Word's automatic
# alt text in German, French and Italian documents, a Copilot pane copied in Italian, and Copilot
# interface strings in French and Dutch (no copy of a Teams transcript page in those languages was found).
NOTICES = {"de": ("Sie sagte es am Montag.", "KI-generierte Inhalte können fehlerhaft sein."),
           "de-falsch": ("Sie sagte es am Montag.", "KI-generierte Inhalte können falsch sein."),
           "fr": ("Elle l'a dit lundi.", "Le contenu généré par l’IA peut être incorrect."),
           "it": ("L'ha detto lunedì.", "Il contenuto generato dall'IA potrebbe non essere corretto"),
           "nl": ("Ze zei het maandag.", "Door AI gegenereerde inhoud kan onjuist zijn")}


@pytest.mark.parametrize("language", sorted(NOTICES))
def test_the_notice_in_other_languages_is_no_ones_words(tmp_path, language):
    said, notice = NOTICES[language]
    path = tmp_path / "web.txt"
    path.write_text(f"Marta Huamán   0:09\n{said}\n\nRosa Quispe   0:20\n{said}\n{notice}\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed)[-1] == ("Rosa Quispe", f"Rosa Quispe   0:20\n{said}")
    assert parsed.warnings == [f"1 line of the web page copied with the transcript ({notice!r}) kept as text in no "
                               "speaker's turn"]


def test_the_notice_inside_a_speakers_line_is_speech(tmp_path):
    path = tmp_path / "web.txt"
    line = "Ich lese: KI-generierte Inhalte können fehlerhaft sein. Stimmt das?"
    path.write_text(f"Marta Huamán   0:09\nJa.\n\nRosa Quispe   0:20\n{line}\n", encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed)[-1][1].endswith(line) and parsed.warnings == []
