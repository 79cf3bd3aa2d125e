"""Control characters a terminal obeys, inside a transcript: a session captured from a terminal
(``script``, a chat client's log) carries escape codes (ESC [2J clears the screen, ESC ] 0 ... BEL
retitles the window, ESC [31m colours what follows); a file decoded in the wrong encoding carries C1
controls.  They came in silently, and `qda kwic` then printed them raw: reading a concordance
cleared the researcher's screen.  Each is made a space at import (the same length, so every offset
points at the character it did), with a warning naming its line; tab, form feed and vertical tab
stay.  Fictional fixtures, turns stated by hand."""

from __future__ import annotations

import subprocess
import sys

from qda.ingest import parse_file

from test_shapes import turns_of

CAPTURED = ("ENTREVISTADORA: ¿Fue a la comisaría? \x1b]0;sesion\x07\n"
            "ROSA: Fui dos veces.\x1b[2J\x1b[31m No me tomaron la denuncia.\x1b[0m\n"
            "ENTREVISTADORA:\tGracias.\x0c\n")


def test_escape_codes_become_spaces_in_place_with_a_warning(tmp_path):
    path = tmp_path / "captured.txt"
    path.write_text(CAPTURED, encoding="utf-8")
    parsed = parse_file(path)
    assert len(parsed.text) == len(CAPTURED)  # offsets unmoved: one space a control character
    assert not any(ord(char) < 32 and char not in "\t\n\x0b\x0c" or 0x7f <= ord(char) <= 0x9f for char in parsed.text)
    assert "\t" in parsed.text and "\x0c" in parsed.text
    assert [speaker for speaker, _ in turns_of(parsed)] == ["ENTREVISTADORA", "ROSA", "ENTREVISTADORA"]
    expected = [index for index, char in enumerate(CAPTURED) if char in "\x1b\x07"]
    assert [index for index, char in enumerate(parsed.text) if char != CAPTURED[index]] == expected
    (warning,) = [w for w in parsed.warnings if "control character" in w]
    assert warning.startswith(f"line 1 holds a control character (U+001B), {len(expected)} in all")


def test_a_c1_control_in_a_subtitle_file(tmp_path):
    path = tmp_path / "cues.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nANA: La fiscal\x85a no llamó.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert "\x85" not in parsed.text and "fiscal a no" in parsed.text
    assert any("line 3 holds a control character (U+0085)" in w for w in parsed.warnings)


def test_the_concordance_of_such_a_transcript_writes_no_escape_code(tmp_path):
    path = tmp_path / "captured.txt"
    path.write_text(CAPTURED, encoding="utf-8")
    project = tmp_path / "s.qda"
    qda = [sys.executable, "-m", "qda"]
    subprocess.run([*qda, "init", str(project)], check=True, capture_output=True)
    imported = subprocess.run([*qda, "import", str(project), str(path)], capture_output=True, text=True)
    assert imported.returncode == 0 and "control character" in imported.stdout + imported.stderr
    shown = subprocess.run([*qda, "kwic", str(project), "denuncia", "--context", "6"], capture_output=True, text=True)
    assert shown.returncode == 0 and "denuncia" in shown.stdout
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout


def test_a_file_name_holding_an_escape_code_gives_a_name_without_it(tmp_path):
    """A document is named after its file; a file name can hold an escape code (a shared folder, a
    name made by a script), which every table and message would then send to the terminal."""
    path = tmp_path / "P01\x1b]0;x\x07b.txt"
    path.write_text("ROSA: La policía no vino.\n", encoding="utf-8")
    project = tmp_path / "s.qda"
    qda = [sys.executable, "-m", "qda"]
    subprocess.run([*qda, "init", str(project)], check=True, capture_output=True)
    imported = subprocess.run([*qda, "import", str(project), str(path)], capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    assert "\x1b" not in imported.stdout and "P01 ]0;x b" in imported.stdout
    listed = subprocess.run([*qda, "documents", str(project), "--format", "csv"], capture_output=True, text=True)
    import csv
    import io

    (row,) = csv.DictReader(io.StringIO(listed.stdout))
    assert row["name"] == "P01 ]0;x b"
    assert row["source"] == path.name  # the file it came from, as it is named (a terminal's table shows it made visible)
