"""Bytes to text as Windows, Notepad and Word save transcripts: code pages told apart, damage refused.

charset-normalizer alone reads the bundled Spanish and English samples saved as Windows-1252
as big5, cp1250 or cp775 (the issue's measurements); qda's plausibility check must not.
"""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import IngestError
from qda.ingest import parse_file
from qda.ingest.encoding import decode
from qda.sample import sample_files

TEXT_SAMPLES = [path for path in sample_files().transcripts if path.suffix in (".txt", ".vtt")]
SAVED_AS = {
    "windows-1252": lambda text: text.encode("cp1252"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
}


@pytest.mark.parametrize("saved_as", SAVED_AS)
@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda path: path.name)
def test_bundled_samples_saved_on_windows_import_to_the_utf8_text(tmp_path, sample, saved_as):
    text = sample.read_text(encoding="utf-8")
    copy = tmp_path / sample.name
    copy.write_bytes(SAVED_AS[saved_as](text.replace("\n", "\r\n")))
    original, resaved = parse_file(sample), parse_file(copy)
    assert resaved.text == original.text
    if sample.suffix == ".txt":
        assert resaved.text == text
    assert resaved.turns == original.turns and resaved.sentences == original.sentences


def test_windows_1252_is_named_in_the_report(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("P01: La señora esperó en la comisaría. ¿Por qué?\n".encode("cp1252"))
    parsed = parse_file(path)
    assert parsed.text == "P01: La señora esperó en la comisaría. ¿Por qué?\n"
    assert parsed.encoding == "cp1252"


def test_a_cyrillic_code_page_is_left_to_charset_normalizer(tmp_path):
    text = ("Спикер №1: Доброе утро. Спасибо, что пришли сегодня. Расскажите, пожалуйста, о своей работе.\n"
            "Спикер №2: Я работаю здесь уже десять лет.\n")
    assert decode(text.encode("cp1251"), "ru.txt") == (text, "cp1251")


def test_a_few_damaged_bytes_in_utf8_are_refused_by_their_line(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("P01: Fui a la comisaría el domingo.\nLa señora esperó.\n".encode("utf-8")
                     + b"P02: caf\xe9 y m\xe1s\n" + "INTERVIEWER: ¿Y después?\n".encode("utf-8"))
    with pytest.raises(IngestError) as raised:
        parse_file(path)
    assert raised.value.file == str(path)
    assert raised.value.problem.startswith("line 3: not valid UTF-8")


def test_a_weak_guess_is_refused_and_encoding_is_the_way_out(tmp_path):
    path = tmp_path / "unknown.txt"
    path.write_bytes("P01: Pracuję w ośrodku. Źle się czuła.\n".encode("iso8859_2"))
    with pytest.raises(IngestError, match="--encoding"):
        parse_file(path)
    parsed = parse_file(path, encoding="iso8859_2")
    assert parsed.text == "P01: Pracuję w ośrodku. Źle się czuła.\n"


def test_a_file_that_is_not_the_encoding_given_is_refused_by_its_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"P01: one\nP01: two \xff\n")
    with pytest.raises(IngestError, match="line 2: not valid utf-8"):
        parse_file(path, encoding="utf-8")
    with pytest.raises(IngestError, match="unknown encoding 'klingon'"):
        parse_file(path, encoding="klingon")


@pytest.mark.parametrize("text, language", [
    ("INTERVIEWER: What happened at the station? They said that it was not their case.\n", "en"),
    ("P01: Fui a la comisaría y no me quisieron tomar la denuncia, pero volví con mi hermana.\n", "es"),
    ("Спикер №1: Доброе утро. Что вы делали в центре? Это было так.\n", "ru"),
    ("P01: Ñuqaqa Ayacuchomanta kani.\n", "und"),
    ("OK.\n", "und"),
])
def test_the_language_is_told_or_undetermined(tmp_path, text, language):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    assert parse_file(path).language == language


def test_import_prints_speakers_and_turns_and_warns_of_a_dialogue_without_speakers(tmp_path):
    from pathlib import Path

    shapes = Path(__file__).parent / "shapes"
    project = tmp_path / "p.qda"
    qda.create_project(project).close()
    result = CliRunner().invoke(main, ["import", str(project), str(shapes / "zoom_inline.txt"),
                                                       str(shapes / "dash_dialogue.txt"), "--encoding", "utf-8"])
    assert result.exit_code == 0, result.output + result.stderr
    assert "Imported zoom_inline: 38 words, 4 turns by 2 speakers (Marta Huamán, Julio Ccori)" in result.stdout
    assert "Imported dash_dialogue: 12 words, 0 turns," in result.stdout
    assert "Warning: dash_dialogue.txt: 4 lines open like a speaker's turn" in result.stderr


# A stray NUL byte inside a UTF-8 transcript of even length (a sync tool's or a crash's damage) made the
# bytes look like UTF-16 without a byte-order mark: every NUL a "high byte", none a low one.  The text came
# in as CJK-looking nonsense ("ANA: Hola." as pairs of letters), with "encoding utf-16-be" in the import
# line and no speaker: imported without a word of warning.  Now it is a binary file, refused.
@pytest.mark.parametrize("text", ["ANA: Hola.\nLUIS: Bue\x00nas.\n", "ENTREVISTADORA: ¿Cómo llegó?\nSEÑORA: En bus\x00.\n",
                                  "P01: We waited\x00 at the station.\n"])
def test_a_stray_nul_in_utf8_text_is_refused_not_read_as_utf16(tmp_path, text):
    raw = text.encode("utf-8")
    raw += b"" if len(raw) % 2 == 0 else b" "
    path = tmp_path / "P01.txt"
    path.write_bytes(raw)
    with pytest.raises(IngestError, match="a binary file, not text \\(it contains NUL bytes\\)"):
        parse_file(path)


@pytest.mark.parametrize("text", ["Hola, ¿cómo está?\nBien.\n", "Где вы работаете?\nВ центре.\n", "你在哪里工作？\n在中心。\n"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_still_read(tmp_path, text, encoding):
    path = tmp_path / "P01.txt"
    path.write_bytes(text.encode(encoding))
    assert parse_file(path).text == text
