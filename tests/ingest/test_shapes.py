"""Transcripts shaped as Zoom, Teams, Otter, Rev, transcription services and people write them.

Each fixture in ``shapes/`` is a small fictional file in the shape of a real one (the
shapes come from public issue threads of subtitle, docx and transcript tools, see
docs/importing.md); each test states by hand the text, turns, speakers and cue times
qda must store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qda.errors import IngestError
from qda.ingest import parse_file

SHAPES = Path(__file__).parent / "shapes"


def turns_of(parsed):
    return [(turn.speaker, parsed.text[turn.start:turn.end]) for turn in parsed.turns]


def sentences_of(parsed):
    return [parsed.text[span.start:span.end] for span in parsed.sentences]


def cues_of(parsed):
    return [(parsed.text[cue.start:cue.end], cue.time_start, cue.time_end) for cue in parsed.cues]


def source(name: str) -> str:
    return (SHAPES / name).read_text(encoding="utf-8")


# --- speakers in plain text -------------------------------------------------------------------------------

def test_zoom_inline_speakers_in_mixed_case_and_a_colon_in_speech():
    parsed = parse_file(SHAPES / "zoom_inline.txt")
    assert parsed.text == source("zoom_inline.txt")
    assert turns_of(parsed) == [
        ("Marta Huamán", "Marta Huamán: Thank you for joining. Can you hear me?"),
        ("Julio Ccori", "Julio Ccori: Yes. I went to the comisaría on a Sunday.\nThe officer said: come back tomorrow."),
        ("Marta Huamán", "Marta Huamán: And did you go back?"),
        ("Julio Ccori", "Julio Ccori: I did."),
    ]
    assert "The officer said: come back tomorrow." in sentences_of(parsed)
    assert parsed.warnings == []


def test_otter_speakers_on_their_own_line_with_a_time():
    parsed = parse_file(SHAPES / "otter.txt")
    assert parsed.text == source("otter.txt")
    assert turns_of(parsed) == [
        ("Marta Huamán", "Marta Huamán  0:03\nThank you for joining."),
        ("Julio Ccori", "Julio Ccori  0:10\nYes. Nobody was there."),
        ("Marta Huamán", "Marta Huamán  1:02:15\nShall we stop here?"),
    ]
    assert sentences_of(parsed) == ["Thank you for joining.", "Yes.", "Nobody was there.", "Shall we stop here?"]


def test_cyrillic_labels_with_a_numero_sign_and_the_language_told():
    parsed = parse_file(SHAPES / "cyrillic_labels.txt")
    assert turns_of(parsed) == [
        ("Спикер №1", "Спикер №1: Доброе утро. Спасибо, что вы пришли."),
        ("Спикер №2", "Спикер №2: Да, я понимаю. Мы с ней работали вместе, и она всё знала."),
        ("Спикер №1", "Спикер №1: Как это было?"),
    ]
    assert parsed.language == "ru"


def test_a_title_and_pronouns_in_a_label():
    parsed = parse_file(SHAPES / "pronouns.txt")
    assert turns_of(parsed) == [
        ("Dr. Ana Ruiz (she/her)", "Dr. Ana Ruiz (she/her): Let us begin."),
        ("Julio Ccori", "Julio Ccori: Yes. The officer said: come back tomorrow."),
        ("Dr. Ana Ruiz (she/her)", "Dr. Ana Ruiz (she/her): And then?"),
    ]


def test_timestamps_before_the_speaker_as_transcription_services_write_them():
    parsed = parse_file(SHAPES / "timestamp_first.txt")
    assert turns_of(parsed) == [
        ("Rosa Quispe", "[00:00:05] Rosa Quispe: We opened the centre in 2010."),
        ("Entrevistadora", "[00:00:12] Entrevistadora: ¿Con cuántas personas?"),
        ("Rosa Quispe", "[00:00:15] Rosa Quispe: With three women."),
    ]
    assert sentences_of(parsed) == ["We opened the centre in 2010.", "¿Con cuántas personas?", "With three women."]


def test_speakers_in_square_brackets():
    parsed = parse_file(SHAPES / "bracketed_names.txt")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Rosa", "Luis", "Rosa"]
    assert turns_of(parsed)[1] == ("Luis", "[Luis]: At the station?")


def test_rev_speakers_with_time_and_colon_on_their_own_line():
    parsed = parse_file(SHAPES / "rev.txt")
    assert turns_of(parsed) == [
        ("Speaker 1", "Speaker 1 (00:00):\nThank you for coming in today."),
        ("Speaker 2", "Speaker 2 (00:04):\nOf course. I took the early bus."),
    ]


def test_markdown_bold_speakers():
    parsed = parse_file(SHAPES / "markdown_bold.md")
    assert turns_of(parsed) == [
        ("Entrevistadora", "**Entrevistadora:** ¿Cómo llegó usted?"),
        ("Rosa Quispe", "**Rosa Quispe**: En el bus de la mañana."),
        ("Entrevistadora", "**Entrevistadora:** ¿Sola?"),
    ]
    assert sentences_of(parsed)[0] == "¿Cómo llegó usted?"


def test_colons_in_a_narrative_make_no_speaker_and_no_warning():
    parsed = parse_file(SHAPES / "narrative_with_colons.txt")
    assert parsed.turns == []
    assert parsed.warnings == []


def test_a_dialogue_without_recognisable_speakers_is_warned_about():
    parsed = parse_file(SHAPES / "dash_dialogue.txt")
    assert parsed.turns == []
    assert len(parsed.warnings) == 1 and "no speaker label was recognised" in parsed.warnings[0]


# --- sentences --------------------------------------------------------------------------------------------

def test_sentences_keep_bracketed_notes_and_abbreviations_whole():
    parsed = parse_file(SHAPES / "notes_and_abbreviations.txt")
    assert sentences_of(parsed) == [
        "What is a normal day? (laughs)", "Tell me.",
        "Normal? (laughs)", "There is no normal day.", "I saw Dr. Ruiz at nine [pause] and then the women came.",
        "We need papers, money, etc. and patience.", "Some came back (inaudible 00:12).", "Others did not.",
        'One said "come back." (pause)', "We left.",
        "¿Habló con la Sra. Pérez y el Sr. Quispe?", "Por ejemplo, p. ej. el DNI. (risas)", "Sí.",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_sentence_of_the_bundled_sample_starts_or_ends_inside_brackets(language):
    from qda.sample import sample_files

    for path in sample_files().transcripts:
        parsed = parse_file(path, language=language)
        for span in parsed.sentences:
            sentence = parsed.text[span.start:span.end]
            depth = 0
            for char in sentence:
                depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
                assert depth >= 0, f"{path.name}: a sentence starts inside brackets: {sentence!r}"
            assert depth == 0, f"{path.name}: a sentence ends inside brackets: {sentence!r}"


def test_a_paragraph_longer_than_spacys_limit_is_segmented_in_pieces(tmp_path):
    sentence = "We waited at the station for hours. "
    body = sentence * (1_500_000 // len(sentence) + 1)
    path = tmp_path / "focus_group.txt"
    path.write_text("P01: " + body.strip() + "\n", encoding="utf-8")
    parsed = parse_file(path, language="en")
    assert len(parsed.text) > 1_500_000
    found = sentences_of(parsed)
    assert len(found) == body.count(".")
    assert set(found) == {sentence.strip()}


# --- subtitles --------------------------------------------------------------------------------------------

def test_teams_webvtt_with_cue_identifiers_and_voices():
    parsed = parse_file(SHAPES / "teams.vtt")
    assert parsed.text == ("Marta Huamán: Thank you for joining.\n\n"
                           "Julio Ccori: Yes. I went to the comisaría on a Sunday. Nobody was there.")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Julio Ccori"]
    assert cues_of(parsed) == [("Thank you for joining.", 1.25, 3.9),
                               ("Yes. I went to the comisaría on a Sunday.", 4.1, 8.0),
                               ("Nobody was there.", 8.0, 10.5)]


def test_webvtt_character_references_are_decoded():
    parsed = parse_file(SHAPES / "character_references.vtt")
    assert parsed.text == "Rosa: We went to the fiscal's office & the police station. 3 < 5 complaints a day — no more."
    assert turns_of(parsed) == [("Rosa", parsed.text)]


def test_several_voices_in_one_cue_are_each_a_turn():
    parsed = parse_file(SHAPES / "several_voices.vtt")
    assert parsed.text == "Marta Huamán: Did you go back?\n\nJulio Ccori: Never. Not once."
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Julio Ccori"]
    assert cues_of(parsed) == [("Did you go back?", 1.0, 4.0), ("Never.", 1.0, 4.0), ("Not once.", 4.5, 6.0)]


def test_zoom_webvtt_with_inline_speakers_and_a_colon_in_speech():
    parsed = parse_file(SHAPES / "zoom.vtt")
    assert parsed.text == ("Marta Huamán: Welcome, everyone.\n\nJulio Ccori: The officer said: come back tomorrow.\n\n"
                           "Marta Huamán: And did you?")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Julio Ccori", "Marta Huamán"]
    assert [time for _, time, _ in cues_of(parsed)] == [0.5, 2.5, 6.5]


def test_webvtt_notes_styles_markup_and_lower_case_voices():
    parsed = parse_file(SHAPES / "notes_and_styles.vtt")
    assert parsed.text == "rosa quispe: We came early. Before dawn."
    assert turns_of(parsed) == [("rosa quispe", parsed.text)]
    assert cues_of(parsed) == [("We came early.", 1.0, 2.0), ("Before dawn.", 2.0, 3.5)]


def test_srt_with_a_blank_line_inside_a_cue_keeps_its_words():
    parsed = parse_file(SHAPES / "blank_line_in_cue.srt")
    assert parsed.text == "P03: I was stuck at work, I arrived ten minutes late.\n\nINTERVIEWER: And then?"
    assert cues_of(parsed) == [("I was stuck at work, I arrived ten minutes late.", 1.0, 3.0), ("And then?", 4.0, 6.0)]
    assert [speaker for speaker, _ in turns_of(parsed)] == ["P03", "INTERVIEWER"]


def test_srt_without_blank_lines_between_cues_keeps_numbers_out_of_the_text():
    parsed = parse_file(SHAPES / "no_blank_lines.srt")
    assert parsed.text == "ANA: Hola.\n\nP03: Buenas tardes. Vengo por la denuncia."
    assert [time for _, time, _ in cues_of(parsed)] == [1.0, 2.5, 4.5]


@pytest.mark.parametrize("name, message", [
    ("broken_timing.srt", "line 6: a cue's timing line is broken"),
    ("missing_timing.srt", "line 5: cue 2 has no timing line"),
    ("broken_timing.vtt", "line 6: a cue's timing line is broken"),
])
def test_a_broken_cue_between_good_ones_is_refused_by_its_line(name, message):
    with pytest.raises(IngestError) as raised:
        parse_file(SHAPES / name)
    assert raised.value.file == str(SHAPES / name)
    assert raised.value.problem.startswith(message)
