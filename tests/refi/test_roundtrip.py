"""qda -> .qdpx -> qda loses nothing, and what qda writes validates against the REFI-QDA schemas."""

from __future__ import annotations

import io
import re
import zipfile

import qda
from qda.export import read_codebook_file, write_codebook_file
from qda.export.refi import import_qdpx, read_qdc, write_qdc, write_qdpx
from qda.store.records import read_records

from refi_helpers import run, schema

STAMP = re.compile(rb' modifiedDateTime="[^"]*"')


def qde(path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def by_id(items):
    return sorted(items, key=lambda item: item.id)


def test_round_trip_field_by_field(coded_project, tmp_path):
    target = tmp_path / "out.qdpx"
    report = write_qdpx(coded_project, target)
    assert report.counts["codings"] == len(coded_project.codings()) > 100
    assert any("done" in line for line in report.left_out)
    schema("Project.xsd").validate(io.BytesIO(qde(target)))
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert names[0] == "project.qde" and all(n.startswith("sources/") for n in names[1:])

    back, read_report = import_qdpx(target, tmp_path / "back.qda")
    with back:
        before, after = read_records(coded_project), read_records(back)
        assert [(d.id, d.name, d.sha256, d.text, d.attributes, d.imported) for d in before.documents] == \
               [(d.id, d.name, d.sha256, d.text, d.attributes, d.imported) for d in after.documents]
        assert [(d.turns, d.paragraphs, d.sentences, d.language) for d in before.documents] == \
               [(d.turns, d.paragraphs, d.sentences, d.language) for d in after.documents]
        assert by_id(before.codebook.codes) == by_id(after.codebook.codes)
        assert before.codebook.paths == after.codebook.paths
        assert by_id(before.coders) == by_id(after.coders)
        assert by_id(before.codings) == by_id(after.codings)      # spans, codes, coders, memos, times
        assert by_id(before.memos) == by_id(after.memos)
        assert (after.name, after.description) == (before.name, before.description)
        assert set(read_report.conventions.values()) == {"code points (all conventions agree for this text)"}
        assert not read_report.skipped

        again = tmp_path / "again.qdpx"
        write_qdpx(back, again)
    assert STAMP.sub(b"", qde(again)) == STAMP.sub(b"", qde(target))


def test_export_is_deterministic_apart_from_the_time_stamp(coded_project, tmp_path):
    write_qdpx(coded_project, tmp_path / "a.qdpx", exported="2024-01-01T00:00:00+00:00")
    write_qdpx(coded_project, tmp_path / "b.qdpx", exported="2024-01-01T00:00:00+00:00")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    assert oct((tmp_path / "a.qdpx").stat().st_mode & 0o777) == "0o600"


def test_sources_are_utf8_code_points(coded_project, tmp_path):
    coded_project.add_codings([])
    target = tmp_path / "out.qdpx"
    write_qdpx(coded_project, target)
    documents = {d.id: d for d in coded_project.documents()}
    with zipfile.ZipFile(target) as archive:
        for document_id, document in documents.items():
            raw = archive.read(f"sources/{document_id}.txt")
            assert not raw.startswith(b"\xef\xbb\xbf")
            assert raw.decode("utf-8") == document.text


def test_codebook_qdc_round_trip_and_schema(coded_project, tmp_path):
    path = tmp_path / "codes.qdc"
    write_codebook_file(coded_project.codebook, path)
    schema("Codebook.xsd").validate(str(path))
    book = read_codebook_file(path)
    assert by_id(book.codes) == by_id(coded_project.codebook.codes)
    coded = {c.code_id for c in coded_project.codings()}
    write_qdc(coded_project.codebook, tmp_path / "folders.qdc", coded=coded)
    schema("Codebook.xsd").validate(str(tmp_path / "folders.qdc"))
    assert by_id(read_qdc(tmp_path / "folders.qdc")[0].codes) == by_id(coded_project.codebook.codes)


def test_folders_without_codings_are_not_codable(tmp_path):
    with qda.create_project(tmp_path / "p.qda") as project:
        parent = project.add_code("Police")
        child = project.add_code("Distrust", parent)
        write_qdc(project.codebook, tmp_path / "c.qdc", coded=set())
    text = (tmp_path / "c.qdc").read_text()
    assert f'guid="{parent.id}" name="Police" isCodable="false"' in text
    assert f'guid="{child.id}" name="Distrust" isCodable="true"' in text


def test_cli_export_init_and_codebook(coded_project, tmp_path):
    path = coded_project.path
    coded_project.close()
    result = run("export", path, "-o", tmp_path / "study.qdpx")
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and "codings" in result.output and "Left out:" in result.output
    result = run("init", tmp_path / "copy.qda", "--from", tmp_path / "study.qdpx")
    assert result.exit_code == 0, result.output
    assert re.search(r"Read .*study\.qdpx: 12 sources, \d+ codes, 2 coders, \d+ codings, \d+ memos", result.output)
    assert "Positions read as code points" in result.output
    result = run("codebook", tmp_path / "copy.qda", "--export", tmp_path / "codes.qdc")
    assert result.exit_code == 0, result.output
    result = run("codebook", path, "--import", tmp_path / "codes.qdc")
    assert result.exit_code == 0 and "0 added" in result.output, result.output
    result = run("export", path, "-o", tmp_path / "codes2.qdc")
    assert result.exit_code == 0, result.output
    schema("Codebook.xsd").validate(str(tmp_path / "codes2.qdc"))
    result = run("export", path, "-o", tmp_path / "out.zip")
    assert result.exit_code == 2 and "qdpx" in result.output


def test_the_schemas_are_the_official_files():
    # SOURCE.txt records where each schema comes from and its SHA-256; the copies must be those bytes.
    import hashlib

    from refi_helpers import SCHEMAS

    source = (SCHEMAS / "SOURCE.txt").read_text()
    for name in ("Project.xsd", "Codebook.xsd"):
        digest = hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest()
        assert f"sha256 {digest}" in source, name


def test_export_and_import_report_their_progress(coded_project, tmp_path):
    from qda.export.refi import read_qdpx

    heard = []
    write_qdpx(coded_project, tmp_path / "p.qdpx", progress=lambda *step: heard.append(step))
    steps = [s for s, _, _ in heard]
    assert steps[:2] == ["Reading the project", "Writing the project XML"]
    documents = len(coded_project.documents())
    assert [d for s, d, _ in heard if s == "Writing the sources"] == list(range(1, documents + 1))
    heard.clear()
    read_qdpx(tmp_path / "p.qdpx", progress=lambda *step: heard.append(step))
    assert heard[0] == ("Reading the project XML", 0, None)
    sources = [(d, t) for s, d, t in heard if s == "Reading the sources"]
    assert sources[0] == (0, documents) and sources[-1] == (documents, documents)
    assert [d for d, _ in sources] == sorted(d for d, _ in sources)          # never goes back
