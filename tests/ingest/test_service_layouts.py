"""Transcription services' text exports, each shape with speakers and each turn's words after
its label.  Three shapes found no speaker on main, and said nothing: a time span in brackets
before the name (``[00:00:03 - 00:00:08] Marta Huamán: ...``, and with an arrow as speech-to-text
tools built on Whisper write it, ``[00:00:03.120 --> 00:00:08.000] SPEAKER_00: ...``), and the name,
a dash and the time on their own line above the words (``Speaker 1 - 00:00:03``, the mirror of
``00:00:03 - Speaker 1`` that qda read).  The layouts of Otter, Rev (and Temi), Descript, Sonix,
Trint and Word's own transcription are checked beside them.  Fictional transcripts."""

from __future__ import annotations

import pytest

from qda.ingest import parse_file

from test_shapes import turns_of

WORDS = ["Thank you for coming.", "I went on Monday.", "And then?"]
SPEAKERS = ["Marta Huamán", "Rosa Quispe", "Marta Huamán"]
TIMES = ["00:00:03", "00:00:09", "00:00:15"]


def layout(line) -> str:
    return "\n".join(line(name, time, words) for name, time, words in zip(SPEAKERS, TIMES, WORDS)) + "\n"


SHAPES = {
    "time span in brackets": lambda n, t, w: f"[{t} - {t[:-1]}8] {n}: {w}",
    "whisper arrow span": lambda n, t, w: f"[{t}.120 --> {t[:-1]}8.000] SPEAKER_0{SPEAKERS.index(n)}: {w}",
    "name, dash, time above": lambda n, t, w: f"{n} - {t}\n{w}\n",
    "Otter": lambda n, t, w: f"{n}  {int(t[3:5])}:{t[6:]}\n{w}\n",
    "Rev": lambda n, t, w: f"{n} ({t[3:]}):\n{w}\n",
    "Descript": lambda n, t, w: f"[{t}] {n}: {w}",
    "Sonix": lambda n, t, w: f"{n}: [{t}] {w}",
    "Trint": lambda n, t, w: f"[{t}] {n}\n{w}\n",
    "Word's transcription": lambda n, t, w: f"{t} {n}\n{w}\n",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_layout_has_its_speakers_and_their_words(tmp_path, shape):
    path = tmp_path / "P01.txt"
    path.write_text(layout(SHAPES[shape]), encoding="utf-8")
    parsed = parse_file(path)
    expected = ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"] if shape == "whisper arrow span" else SPEAKERS
    assert [speaker for speaker, _ in turns_of(parsed)] == expected
    for turn, words in zip(parsed.turns, WORDS):
        assert parsed.text[turn.start:turn.end].endswith(words)
    assert parsed.warnings == []


def test_nvivos_tab_separated_rows_with_a_row_number_are_warned_of(tmp_path):
    """NVivo's rows as text, the speaker last (``1<tab>0:00:00.0 - 0:00:05.0<tab>words<tab>Name``): qda
    cannot tell the speaker's column in a text file, and warned of it only without the row number."""
    path = tmp_path / "P01.txt"
    path.write_text("".join(f"{i}\t0:00:0{i}.0 - 0:00:0{i + 1}.0\t{w}\t{n}\n"
                            for i, (n, w) in enumerate(zip(SPEAKERS, WORDS), 1)), encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.turns == []
    assert parsed.warnings == ["3 lines open like a speaker's turn, but no speaker label was recognised; "
                               "check the file, or give --speaker-pattern"]
