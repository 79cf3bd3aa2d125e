"""Transcripts in: encodings, canonical text, turns, sentences, formats and bad files."""

from __future__ import annotations

import codecs
import unicodedata

import docx
import pytest

import qda
from qda.errors import IngestError
from qda.ingest import import_files, parse_file


@pytest.fixture
def project(tmp_path):
    with qda.create_project(tmp_path / "p.qda", qda.Codebook(codes=(qda.Code("c1", "Theme"),))) as created:
        yield created


TRANSCRIPT = "INTERVIEWER: ¿Cómo llegó? 😀 Cuéntame.\r\n\r\nP01: Llegué tarde. La señora esperó.\r\nLuego volví.\r\n"


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("cp1252", b"")],
)
def test_encodings_give_the_same_canonical_text(make_text_file, encoding, prefix):
    text = TRANSCRIPT.replace("😀 ", "") if encoding == "cp1252" else TRANSCRIPT
    path = make_text_file("t.txt", prefix + text.encode(encoding))
    parsed = parse_file(path)
    expected = text.replace("\r\n", "\n")
    assert parsed.text == expected
    assert "\r" not in parsed.text and not parsed.text.startswith("\ufeff")


def test_combining_accents_are_composed_and_offsets_are_code_points(make_text_file, project):
    decomposed = unicodedata.normalize("NFD", TRANSCRIPT)
    assert decomposed != TRANSCRIPT
    path = make_text_file("t.txt", codecs.BOM_UTF8 + decomposed.encode("utf-8"))
    import_files(project, [path])
    document = project.document("t")
    assert document.text == unicodedata.normalize("NFC", TRANSCRIPT.replace("\r\n", "\n"))
    for quote in ("señora", "😀", "Cuéntame", "Llegué tarde."):
        start = document.text.index(quote)
        project.add_coding("t", "Theme", start, start + len(quote), "ana")
    assert project.codings_table()["text"].tolist() == ["😀", "Cuéntame", "Llegué tarde.", "señora"]


def test_turns_sentences_and_paragraphs(make_text_file):
    parsed = parse_file(make_text_file("t.txt", TRANSCRIPT))
    text = parsed.text
    assert [(t.speaker, text[t.start:t.end]) for t in parsed.turns] == [
        ("INTERVIEWER", "INTERVIEWER: ¿Cómo llegó? 😀 Cuéntame."),
        ("P01", "P01: Llegué tarde. La señora esperó.\nLuego volví."),
    ]
    sentences = [text[s.start:s.end] for s in parsed.sentences]
    assert sentences[0] == "¿Cómo llegó?"  # the speaker label is not part of a sentence
    assert "Llegué tarde." in sentences and "P01:" not in "".join(sentences)
    assert all(s == s.strip() for s in sentences)  # no sentence starts or ends with a line break
    assert len(parsed.paragraphs) == 2
    assert parsed.language == "es"


def test_custom_speaker_pattern(make_text_file):
    path = make_text_file("t.txt", "Q) How long?\nA) Ten years.\n")
    parsed = parse_file(path, speaker_pattern=__import__("qda.ingest.segment", fromlist=["x"]).compile_speaker_pattern(r"^(?P<speaker>[QA])\) "))
    assert [t.speaker for t in parsed.turns] == ["Q", "A"]


def test_a_file_named_by_a_string_reads_as_by_a_path(make_text_file, tmp_path):
    """The library takes paths as text too, as open() does: a str once failed on ``path.suffix``."""
    from qda.ingest import read_attributes

    path = make_text_file("P05_fiscal.txt", "FISCAL: La medida de protección quedó en el papel.\n")
    assert parse_file(str(path)).text == parse_file(path).text
    table = tmp_path / "participants.csv"
    table.write_text("document,role\nP05_fiscal,prosecutor\n", encoding="utf-8")
    assert read_attributes(str(table)) == read_attributes(table) == {"P05_fiscal": {"role": "prosecutor"}}


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("INTERVIEWER: Where do you work?")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Office", "Staff"
    table.cell(1, 0).text, table.cell(1, 1).text = "CEM", "3"
    document.add_paragraph("P02: At the CEM.")
    path = tmp_path / "i.docx"
    document.save(path)
    parsed = parse_file(path)
    assert parsed.text == "INTERVIEWER: Where do you work?\n\nOffice | Staff\n\nCEM | 3\n\nP02: At the CEM."
    assert [t.speaker for t in parsed.turns] == ["INTERVIEWER", "P02"]


def test_webvtt_voices_and_cues(make_text_file):
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v INTERVIEWER>Hello.\n\n"
           "00:00:04.000 --> 00:00:06.000\n<v P12>We began in 2010.\n\n"
           "00:00:06.500 --> 00:00:08.000\n<v P12>With three women.\n")
    parsed = parse_file(make_text_file("s.vtt", vtt))
    assert parsed.text == "INTERVIEWER: Hello.\n\nP12: We began in 2010. With three women."
    assert [(parsed.text[c.start:c.end], c.time_start) for c in parsed.cues] == [
        ("Hello.", 1.0), ("We began in 2010.", 4.0), ("With three women.", 6.5)]
    assert [t.speaker for t in parsed.turns] == ["INTERVIEWER", "P12"]


def test_srt_speakers_from_name_prefix(make_text_file):
    srt = "1\n00:00:01,000 --> 00:00:02,000\nANA: Hola.\n\n2\n00:01:02,500 --> 00:01:04,000\nP03: Buenas.\n"
    parsed = parse_file(make_text_file("s.srt", srt))
    assert parsed.text == "ANA: Hola.\n\nP03: Buenas."
    assert parsed.cues[1].time_start == 62.5


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, "not a readable .docx"),
        ("notes.pdf", b"%PDF-1.4", "cannot import .pdf"),
        ("bad.vtt", b"WEBVTT\n\nno cues here\n", "no subtitle cues"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(make_text_file, project, name, content, message):
    good = make_text_file("good.txt", "P01: fine.\n")
    bad = make_text_file(name, content)
    with pytest.raises(IngestError) as raised:
        import_files(project, [good, bad])
    assert str(raised.value).startswith(str(bad)) and message in str(raised.value)
    assert project.documents() == []


def test_truncated_docx_is_refused(tmp_path, project):
    document = docx.Document()
    document.add_paragraph("P01: some words here.")
    whole = tmp_path / "whole.docx"
    document.save(whole)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(IngestError, match="truncated.docx: not a readable .docx"):
        import_files(project, [truncated])


def test_reimport_is_a_noop_and_changed_text_needs_as_new(make_text_file, project):
    path = make_text_file("p1.txt", "P01: first version.\n")
    assert len(import_files(project, [path]).added) == 1
    again = import_files(project, [path])
    assert again.added == [] and "already imported" in again.skipped[0][1]
    path.write_text("P01: second version.\n")
    with pytest.raises(IngestError, match="--as-new"):
        import_files(project, [path])
    report = import_files(project, [path], as_new=True)
    assert report.added[0].name == "p1 (2)"
    assert [d.name for d in project.documents()] == ["p1", "p1 (2)"]


def test_attributes_from_csv(make_text_file, project):
    path = make_text_file("p1.txt", "P01: hello.\n")
    attributes = make_text_file("people.csv", "document,role,site\np1.txt,judge,Ayacucho\nghost,police,Lima\n")
    report = import_files(project, [path], attributes=attributes)
    assert project.document("p1").attributes == {"role": "judge", "site": "Ayacucho"}
    assert report.attributes_unmatched == ["ghost"]


def _many_transcripts(folder, count=40):
    paths = []
    for number in range(count):
        path = folder / f"P{number:02d}.txt"
        path.write_text(f"INTERVIEWER: What happened at the comisaría?\n\nP{number:02d}: They sent me home. "
                        f"I came back {number} times. Nobody wrote it down.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _stored(path):
    with qda.open_project(path) as project:
        return [(d.name, d.text, d.sha256, d.words, d.language, project.turns(d.name), project.units(d.name, "sentence"))
                for d in project.documents()]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="worker processes are forked")
def test_many_files_read_in_workers_store_what_one_process_stores(tmp_path, monkeypatch):
    import qda.parallel

    paths = _many_transcripts(tmp_path)
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)
    with qda.create_project(tmp_path / "workers.qda") as project:
        import_files(project, paths)
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 0)
    with qda.create_project(tmp_path / "alone.qda") as project:
        import_files(project, paths)
    in_workers = _stored(tmp_path / "workers.qda")
    assert in_workers == _stored(tmp_path / "alone.qda")
    assert [name for name, *_ in in_workers] == [f"P{n:02d}" for n in range(40)]
    assert in_workers[7][1].rstrip().endswith("I came back 7 times. Nobody wrote it down.")


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="worker processes are forked")
def test_a_bad_file_read_in_a_worker_is_named_and_nothing_is_stored(tmp_path, monkeypatch):
    import qda.parallel

    paths = _many_transcripts(tmp_path)
    paths[23].write_text("   \n", encoding="utf-8")
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)
    with qda.create_project(tmp_path / "workers.qda") as project:
        with pytest.raises(IngestError) as caught:
            import_files(project, paths)
        assert project.documents() == []
    assert caught.value.file == str(paths[23]) and caught.value.problem == "the file is empty"
