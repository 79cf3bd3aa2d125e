"""Subtitles that mark a change of speaker without a voice tag: a line opening with a dash (the
subtitlers' convention for two people in one cue) and ``>>`` (captioners'). Both were joined
into the speaker before's paragraph: two people's words read as one turn, with no warning
(fictional cues of each shape)."""

from __future__ import annotations

from qda.ingest import parse_file

from test_shapes import turns_of


def test_dash_lines_in_one_cue_are_two_voices_and_said(tmp_path):
    path = tmp_path / "dashes.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n- ¿Usted fue a la comisaría?\n- Sí, dos veces.\n\n"
                    "00:00:03.000 --> 00:00:05.000\n- ¿Y la atendieron?\n- No.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.text == "- ¿Usted fue a la comisaría?\n\n- Sí, dos veces.\n\n- ¿Y la atendieron?\n\n- No."
    assert [(cue.time_start, parsed.text[cue.start:cue.end]) for cue in parsed.cues][:2] == [
        (1.0, "- ¿Usted fue a la comisaría?"), (1.0, "- Sí, dos veces.")]
    assert any("no speaker label was recognised" in warning for warning in parsed.warnings)


def test_a_dash_line_after_a_named_speaker_is_a_paragraph_of_its_own(tmp_path):
    """Its own paragraph, as the file shows it; the turn still runs to the next label (qda's turns
    are label to label), so the unnamed answer is within ANA's turn: a paragraph, not a sentence of hers."""
    path = tmp_path / "named_then_dash.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nANA: ¿Fue a la comisaría?\n- Sí.\n\n"
                    "2\n00:00:03,000 --> 00:00:05,000\nANA: ¿Cuándo?\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.text == "ANA: ¿Fue a la comisaría?\n\n- Sí.\n\nANA: ¿Cuándo?"
    assert [parsed.text[span.start:span.end] for span in parsed.paragraphs] == [
        "ANA: ¿Fue a la comisaría?", "- Sí.", "ANA: ¿Cuándo?"]


def test_chevrons_open_a_speaker_change(tmp_path):
    path = tmp_path / "captions.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n&gt;&gt; ANA: Hola, buenas tardes.\n\n"
                    "00:00:02.000 --> 00:00:03.000\n>> JULIO: Buenas. >> ANA: ¿Empezamos?\n", encoding="utf-8")
    assert turns_of(parse_file(path)) == [("ANA", "ANA: Hola, buenas tardes."), ("JULIO", "JULIO: Buenas."),
                                          ("ANA", "ANA: ¿Empezamos?")]
