"""Cutting the project XML into a skeleton and one piece per text source gives exactly what
reading it whole gives, and is not tried where a cut could be wrong."""

from __future__ import annotations

import os
import re
import zipfile

import pytest

import qda.parallel
from qda.export.refi import RefiError, read_qdpx, write_qdpx
from qda.export.refi import reader as refi_reader
from qda.export.refi import sources as refi_sources
from qda.export.refi.cutting import cut_sources
from qda.export.refi.safety import parse_xml

from refi_helpers import CODE_A, CODE_B, USER, USER2, make_qdpx, positions, project_xml, selection, text_source

forking = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked")

PLAIN = "INTERVIEWER: How did the police respond?\n\nP01: They did not believe me. I went back twice.\n"
OTHER = "P02: The order was only paper. Nobody came.\n"
NOTE = "eeeeeeee-0000-0000-0000-000000000001"
DOC_NOTE = "eeeeeeee-0000-0000-0000-000000000002"
VARIABLE = "ffffffff-0000-0000-0000-000000000001"


def _rich_xml() -> str:
    """Two coded text sources with a picture between them, an inline source, an empty one,
    notes on a coding, a selection and a document, a case with a variable, a coding with no
    user, a coding guid used twice and a reference to a missing note."""
    first = (selection(*positions(PLAIN, "They did not believe me.", "codepoints"), name="They did not believe me.",
                       memo=NOTE)
             + selection(*positions(PLAIN, "I went back twice.", "codepoints"), CODE_B, USER2, number=2))
    second_selection = selection(*positions(OTHER, "The order was only paper.", "codepoints"), user=None, number=2)
    second_selection = second_selection.replace("</Coding>", '</Coding><NoteRef targetGUID="eeeeeeee-0000-0000-0000-00000000dead"/>')
    sources = (text_source(first, inner=f'<NoteRef targetGUID="{DOC_NOTE}"/>')
               + '<PictureSource guid="bbbbbbbb-0000-0000-0000-000000000009" name="Photo" path="internal://p.png"/>'
               + text_source(second_selection, path="internal://s2.txt", name="Interview 2",
                             guid="bbbbbbbb-0000-0000-0000-000000000002")
               + f'<TextSource guid="bbbbbbbb-0000-0000-0000-000000000003" name="Inline"><PlainTextContent>{OTHER}'
                 '</PlainTextContent></TextSource>'
               + '<TextSource guid="bbbbbbbb-0000-0000-0000-000000000004" name="Uncoded" plainTextPath="internal://s2.txt"/>')
    notes = (f'<Notes><Note guid="{NOTE}" creatingUser="{USER2}"><PlainTextContent>Coding memo</PlainTextContent></Note>'
             f'<Note guid="{DOC_NOTE}" creatingUser="{USER}"><PlainTextContent>Document memo</PlainTextContent></Note></Notes>')
    xml = project_xml(sources, notes=notes)
    return xml.replace(
        "<Sources>", f'<Variables><Variable guid="{VARIABLE}" name="role" typeOfVariable="Text"/></Variables>'
                     f'<Cases><Case guid="ffffffff-0000-0000-0000-000000000002" name="P01"><VariableValue>'
                     f'<VariableRef targetGUID="{VARIABLE}"/><TextValue>police officer</TextValue></VariableValue>'
                     f'<SourceRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/></Case></Cases><Sources>')


def _rich_qdpx(path, xml: str | None = None):
    return make_qdpx(path, xml or _rich_xml(), {"sources/s1.txt": PLAIN, "sources/s2.txt": OTHER})


def _everything(path):
    records, report = read_qdpx(path)
    documents = [(d.id, d.name, d.text, d.sha256, d.words, d.language, d.turns, d.paragraphs, d.sentences, d.attributes,
                  d.imported) for d in records.documents]
    return (records.name, records.description, records.codebook, records.coders, documents, records.codings,
            sorted(records.memos, key=lambda m: (m.target_kind, m.target_id, m.coder_id)),
            report.conventions, sorted(report.adjusted), sorted(report.skipped), report.created)


def _read_cut_and_whole(path, monkeypatch):
    """The records read with the cut and read whole; fails if the file was not cut at all."""
    monkeypatch.setattr(refi_reader, "now", lambda: "2026-01-01T00:00:00+00:00")  # for items that carry no time
    data = zipfile.ZipFile(path).read("project.qde")
    assert cut_sources(data) is not None
    cut = _everything(path)
    with monkeypatch.context() as patch:
        patch.setattr(refi_reader, "cut_sources", lambda data: None)
        whole = _everything(path)
    return cut, whole


@pytest.mark.parametrize("workers", [0, pytest.param(2, marks=forking)])
def test_rich_project_reads_the_same_cut_or_whole(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: workers)
    cut, whole = _read_cut_and_whole(_rich_qdpx(tmp_path / "rich.qdpx"), monkeypatch)
    assert cut == whole
    documents, codings = cut[4], cut[5]
    assert [d[1] for d in documents] == ["Interview 1", "Interview 2", "Inline", "Uncoded"]
    assert documents[0][9] == {"role": "police officer"}
    assert [documents[[d[0] for d in documents].index(c.document_id)][2][c.start:c.end] for c in codings] == [
        "They did not believe me.", "I went back twice.", "The order was only paper."]
    assert [c.memo for c in codings] == ["Coding memo", "", ""]
    assert len({c.id for c in codings}) == 3          # the guid used twice got a new id
    assert any("used twice" in line for line in cut[8]) and any("lacks was ignored" in line for line in cut[8])
    assert any("Photo" in line for line in cut[9])


def test_sample_project_reads_the_same_cut_or_whole(coded_project, tmp_path, monkeypatch):
    target = tmp_path / "sample.qdpx"
    write_qdpx(coded_project, target)
    cut, whole = _read_cut_and_whole(target, monkeypatch)
    assert cut == whole
    assert len(cut[4]) == 12 and len(cut[5]) > 100


def test_a_namespace_prefix_is_carried_into_every_piece(tmp_path, monkeypatch):
    xml = re.sub(r"<(/?)([A-Za-z])", r"<\1q:\2", _rich_xml()).replace(' xmlns="', ' xmlns:q="')
    assert "<q:TextSource " in xml
    cut, whole = _read_cut_and_whole(_rich_qdpx(tmp_path / "prefixed.qdpx", xml), monkeypatch)
    assert cut == whole and len(cut[5]) == 3


def test_pieces_and_skeleton():
    data = _rich_xml().encode("utf-8")
    cut = cut_sources(data)
    assert len(cut.pieces) == 4
    assert cut.skeleton.count(b"<TextSource/>") == 4 and b"PictureSource" in cut.skeleton
    assert b"PlainTextSelection" not in cut.skeleton and b"<Notes>" in cut.skeleton
    root = parse_xml(cut.head + cut.pieces[2] + cut.tail, "x", "piece")
    (source,) = list(root.find("{urn:QDA-XML:project:1.0}Sources"))
    assert source.get("name") == "Inline"


@pytest.mark.parametrize("extra", [
    "<!-- a comment: <TextSource guid='x'> -->",
    "<?tool hint?>",
    "<Description><![CDATA[<TextSource name='not a source'/>]]></Description>",
])
def test_no_cut_where_a_tag_could_hide(tmp_path, extra):
    xml = _rich_xml().replace("<Sources>", "<Sources>" + extra) if "CDATA" not in extra else \
        _rich_xml().replace("</Project>", extra + "</Project>")
    assert cut_sources(xml.encode("utf-8")) is None
    records, _ = read_qdpx(_rich_qdpx(tmp_path / "hidden.qdpx", xml))
    assert len(records.documents) == 4 and len(records.codings) == 3


def test_a_text_source_nested_elsewhere_is_read_as_the_whole_file_says(tmp_path, monkeypatch):
    """A TextSource inside a PictureSource is cut, but the skeleton shows it misplaced: read whole."""
    xml = _rich_xml().replace(
        '<PictureSource guid="bbbbbbbb-0000-0000-0000-000000000009" name="Photo" path="internal://p.png"/>',
        '<PictureSource guid="bbbbbbbb-0000-0000-0000-000000000009" name="Photo" path="internal://p.png">'
        '<TextSource guid="bbbbbbbb-0000-0000-0000-000000000005" name="Hidden"><PlainTextContent>x</PlainTextContent>'
        '</TextSource></PictureSource>')
    assert cut_sources(xml.encode("utf-8")) is not None
    path = _rich_qdpx(tmp_path / "nested.qdpx", xml)
    records, _ = read_qdpx(path)
    assert "Hidden" not in [d.name for d in records.documents] and len(records.documents) == 4
    with monkeypatch.context() as patch:
        patch.setattr(refi_reader, "cut_sources", lambda data: None)
        assert [d.name for d in read_qdpx(path)[0].documents] == [d.name for d in records.documents]


def test_a_broken_piece_gives_the_whole_files_error(tmp_path):
    xml = _rich_xml().replace('<TextSource guid="bbbbbbbb-0000-0000-0000-000000000003" name="Inline">',
                              '<TextSource guid="bbbbbbbb-0000-0000-0000-000000000003" name="Inline"><Oops>')
    path = _rich_qdpx(tmp_path / "broken.qdpx", xml)
    with pytest.raises(RefiError) as whole:
        parse_xml(xml.encode("utf-8"), path, "project.qde")
    with pytest.raises(RefiError) as caught:
        read_qdpx(path)
    assert str(caught.value) == str(whole.value)
    assert caught.value.problem == "project.qde is not well-formed XML (mismatched tag: line 2, column 21)"


@forking
def test_an_error_in_a_worker_crosses_back_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)
    xml = _rich_xml().replace(f'<CodeRef targetGUID="{CODE_A}"/>', '<CodeRef targetGUID="aaaaaaaa-0000-0000-0000-00000000beef"/>', 1)
    with pytest.raises(RefiError) as caught:
        read_qdpx(_rich_qdpx(tmp_path / "unknown.qdpx", xml))
    assert caught.value.file.endswith("unknown.qdpx")
    assert "names code aaaaaaaa-0000-0000-0000-00000000beef, which the codebook does not hold" in caught.value.problem


def test_sources_go_to_workers_in_runs_of_consecutive_sources():
    runs = refi_sources.batches([1000] * 500)
    assert [i for run in runs for i in run] == list(range(500))
    assert all(len(run) * 1000 >= refi_sources.BATCH_BYTES[0] for run in runs[:-1])   # about 64 KB each
    assert refi_sources.batches([300_000] * 10) == [[i] for i in range(10)]            # never more than one large source


@forking
def test_many_small_sources_read_in_workers_equal_reading_them_here(tmp_path, monkeypatch):
    sources, files = [], {}
    for number in range(300):
        text = f"P{number:03d}: They did not believe me. I went back {number} times.\n"
        start, end = positions(text, "They did not believe me.", "codepoints")
        sources.append(text_source(selection(start, end, CODE_A if number % 2 else CODE_B, number=number + 1),
                                   path=f"internal://s{number}.txt", name=f"Answer {number}",
                                   guid=f"bbbbbbbb-0000-0000-0000-{number + 1:012d}"))
        files[f"sources/s{number}.txt"] = text
    path = make_qdpx(tmp_path / "survey.qdpx", project_xml("".join(sources)), files)
    monkeypatch.setattr(refi_sources, "BATCH_BYTES", (2_000, 2_000))   # several sources a run, many runs
    pieces = cut_sources(zipfile.ZipFile(path).read("project.qde")).pieces
    assert 32 <= len(refi_sources.batches([len(piece) for piece in pieces])) < 300
    monkeypatch.setattr(refi_reader, "now", lambda: "2026-01-01T00:00:00+00:00")
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)
    in_workers = _everything(path)
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 0)
    assert in_workers == _everything(path)
    documents, codings = in_workers[4], in_workers[5]
    assert [d[1] for d in documents] == [f"Answer {n}" for n in range(300)]
    texts = {d[0]: d[2] for d in documents}
    assert {texts[c.document_id][c.start:c.end] for c in codings} == {"They did not believe me."} and len(codings) == 300


@pytest.mark.parametrize("workers", [0, pytest.param(2, marks=forking)])
def test_transcripts_between_text_sources_keep_document_order_cut_or_whole(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: workers)
    recorded = "P05: I went to the DEMUNA first.\n"
    start, end = positions(recorded, "I went to the DEMUNA first.", "codepoints")
    audio = ('<AudioSource guid="bbbbbbbb-0000-0000-0000-0000000000a5" name="Recorded">'
             '<Transcript guid="eeeeeeee-0000-0000-0000-0000000000a5"><PlainTextContent>' + recorded + '</PlainTextContent>'
             f'<SyncPoint guid="99999999-0000-0000-0000-000000000001" timeStamp="0" position="{start}"/>'
             f'<SyncPoint guid="99999999-0000-0000-0000-000000000002" timeStamp="2500" position="{end}"/>'
             '<TranscriptSelection guid="88888888-0000-0000-0000-000000000001" fromSyncPoint="99999999-0000-0000-0000-000000000001" '
             'toSyncPoint="99999999-0000-0000-0000-000000000002">'
             f'<Coding guid="77777777-0000-0000-0000-000000000001" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding>'
             '</TranscriptSelection></Transcript></AudioSource>')
    xml = _rich_xml().replace('<PictureSource guid="bbbbbbbb-0000-0000-0000-000000000009" name="Photo" path="internal://p.png"/>',
                              audio)
    cut, whole = _read_cut_and_whole(_rich_qdpx(tmp_path / "recorded.qdpx", xml), monkeypatch)
    assert cut == whole
    assert [d[1] for d in cut[4]] == ["Interview 1", "Recorded", "Interview 2", "Inline", "Uncoded"]
    recorded_id = cut[4][1][0]
    assert [(c.start, c.end) for c in cut[5] if c.document_id == recorded_id] == [(start, end)]
