"""What real programs write, each difference in a fixture built here, every coding landing on its text."""

from __future__ import annotations

import io

import docx
import pytest

import qda
from qda.export import read_codebook_file
from qda.export.refi import RefiError, read_qdpx, write_qdpx

from refi_helpers import (CODE_A, CODE_B, USER, USER2, make_qdpx, positions, project_xml, run, selection,
                          text_source)

PLAIN = "INTERVIEWER: How did the police respond?\n\nP01: They did not believe me. I went back twice.\n"


def coded_texts(path):
    with qda.open_project(path) as project:
        frame = project.codings_table()
        return sorted(zip(frame["text"], frame["code"], frame["coder"]))


def import_file(tmp_path, qdpx):
    target = tmp_path / "imported.qda"
    result = run("init", target, "--from", qdpx)
    assert result.exit_code == 0, result.output
    return target, result.output


def simple_selections(raw: str, convention: str = "codepoints", names: bool = True) -> str:
    parts = []
    for number, (target, code, user) in enumerate(
            [("They did not believe me.", CODE_A, USER), ("I went back twice.", CODE_B, USER2)], start=1):
        start, end = positions(raw, target, convention)
        parts.append(selection(start, end, code, user, name=target if names else None, number=number))
    return "".join(parts)


EXPECTED = [("I went back twice.", "Support", "Ben"), ("They did not believe me.", "Distrust", "Ana")]


def test_standard_file(tmp_path):
    qdpx = make_qdpx(tmp_path / "std.qdpx", project_xml(text_source(simple_selections(PLAIN))), {"sources/s1.txt": PLAIN})
    target, output = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED
    assert "Read" in output and "2 codings" in output and "3 codes" in output and "2 coders" in output
    with qda.open_project(target) as project:
        assert project.codebook.paths[CODE_A] == "Police > Distrust"
        assert project.codebook.by_id["aaaaaaaa-0000-0000-0000-000000000003"].colour == "#AA00BB"
        assert project.codebook.by_id["aaaaaaaa-0000-0000-0000-000000000003"].definition == "Reactions of the police."
        assert project.turns("Interview 1")[0].speaker == "INTERVIEWER"


def test_atlas_ti_qde_named_after_the_project(tmp_path):
    qdpx = make_qdpx(tmp_path / "atlas.qdpx", project_xml(text_source(simple_selections(PLAIN))), {"sources/s1.txt": PLAIN},
                     qde_name="My Study (ATLAS.ti).qde")
    target, _ = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED


def test_sources_folder_in_capitals(tmp_path):
    qdpx = make_qdpx(tmp_path / "caps.qdpx", project_xml(text_source(simple_selections(PLAIN))), {"Sources/s1.txt": PLAIN})
    target, _ = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED


def test_old_namespace(tmp_path):
    xml = project_xml(text_source(simple_selections(PLAIN)), namespace="urn:QDA-XML:project:0:4")
    qdpx = make_qdpx(tmp_path / "old.qdpx", xml, {"sources/s1.txt": PLAIN})
    target, _ = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED


@pytest.mark.parametrize("head, namespace", [
    ('<?xml version="1.0" encoding="utf-8"?>', "urn:QDA-XML:codebook:0:4"),
    ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?>', "urn:QDA-XML:codebook:1:0"),  # a colon for the dot, seen in the wild
])
def test_old_codebook_namespace(tmp_path, head, namespace):
    path = tmp_path / "old.qdc"
    path.write_text(f'{head}<CodeBook xmlns="{namespace}" origin="Old tool">'
                    f'<Codes><Code guid="{CODE_A}" name="A &gt; B" isCodable="true" color="#00ff00">'
                    f'<Code guid="{CODE_B}" name="Child" isCodable="true"/></Code></Codes><Sets/></CodeBook>')
    book = read_codebook_file(path)
    assert book.paths == {CODE_A: "A › B", CODE_B: "A › B > Child"}
    assert book.by_id[CODE_A].colour == "#00FF00"


def test_nvivo_utf16_positions_with_crlf_emoji_and_bom(tmp_path):
    raw = ("\ufeffINTERVIEWER: How was it? 😀\r\n\r\nP01: They did not believe me 🙁 at all.\r\n"
           "I went back twice 🎉🎉.\r\nThe end.")
    targets = [("They did not believe me 🙁 at all.", CODE_A, USER), ("I went back twice 🎉🎉.", CODE_B, USER2),
               ("The end.", CODE_A, USER2)]
    selections = "".join(
        selection(*positions(raw, t, "utf16"), code, user, name=t if number < 3 else None, number=number)
        for number, (t, code, user) in enumerate(targets, start=1))
    qdpx = make_qdpx(tmp_path / "nvivo.qdpx", project_xml(text_source(selections)), {"sources/s1.txt": raw.encode("utf-8")})
    target, output = import_file(tmp_path, qdpx)
    assert coded_texts(target) == sorted([("They did not believe me 🙁 at all.", "Distrust", "Ana"),
                                          ("I went back twice 🎉🎉.", "Support", "Ben"), ("The end.", "Distrust", "Ben")])
    assert "UTF-16 code units" in output
    with qda.open_project(target) as project:
        assert "\r" not in project.document("Interview 1").text


def test_nvivo_utf16_detected_by_range_alone(tmp_path):
    raw = "A 😀😀😀 b\r\nc d e f g h"
    start, end = positions(raw, "g h", "utf16")
    qdpx = make_qdpx(tmp_path / "n.qdpx", project_xml(text_source(selection(start, end))), {"sources/s1.txt": raw})
    records, report = read_qdpx(qdpx)
    text = records.documents[0].text
    assert [text[c.start:c.end] for c in records.codings] == ["g h"]
    assert report.conventions["Interview 1"].startswith("UTF-16")


def test_atlas_ti_crlf_counted_as_one(tmp_path):
    raw = "INTERVIEWER: Hello.\r\n\r\nP01: They did not believe me.\r\nI went back twice.\r\nOK."
    qdpx = make_qdpx(tmp_path / "atlas.qdpx", project_xml(text_source(simple_selections(raw, "crlf1"))),
                     {"sources/s1.txt": raw}, qde_name="Study.qde")
    target, output = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED
    assert "CRLF as one" in output


def test_empty_sets_and_other_harmless_extras(tmp_path):
    xml = project_xml(text_source(simple_selections(PLAIN)), extra="<Sets/><Links/>")
    qdpx = make_qdpx(tmp_path / "sets.qdpx", xml, {"sources/s1.txt": PLAIN})
    target, _ = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED


def _docx(text_paragraphs) -> bytes:
    document = docx.Document()
    for paragraph in text_paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_rich_text_docx_without_plain_text(tmp_path):
    paragraphs = ["INTERVIEWER: How did the police respond?", "P01: They did not believe me. I went back twice."]
    text = "\n\n".join(paragraphs)
    xml = project_xml(text_source(simple_selections(text), path="", rich="internal://s1.docx"))
    qdpx = make_qdpx(tmp_path / "rich.qdpx", xml, {"sources/s1.docx": _docx(paragraphs)})
    target, output = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED
    assert "text taken from internal://s1.docx" in output


def test_rich_text_docx_with_plain_text_prefers_plain(tmp_path):
    xml = project_xml(text_source(simple_selections(PLAIN), rich="internal://s1.docx"))
    qdpx = make_qdpx(tmp_path / "both.qdpx", xml, {"sources/s1.txt": PLAIN, "sources/s1.docx": _docx(["Other text."])})
    target, _ = import_file(tmp_path, qdpx)
    assert coded_texts(target) == EXPECTED


def test_memos_cases_variables_and_non_text_sources(tmp_path):
    note = "eeeeeeee-0000-0000-0000-000000000001"
    doc_note = "eeeeeeee-0000-0000-0000-000000000002"
    variable = "ffffffff-0000-0000-0000-000000000001"
    notes = (f'<Notes><Note guid="{note}" creatingUser="{USER2}"><PlainTextContent>Coding memo</PlainTextContent></Note>'
             f'<Note guid="{doc_note}" creatingUser="{USER}"><PlainTextContent>Document memo</PlainTextContent></Note></Notes>')
    sources = (text_source(selection(*positions(PLAIN, "They did not believe me.", "codepoints"), memo=note),
                           inner=f'<NoteRef targetGUID="{doc_note}"/>')
               + '<PictureSource guid="bbbbbbbb-0000-0000-0000-000000000009" name="Photo" path="internal://p.png">'
                 f'<PictureSelection guid="cccccccc-0000-0000-0000-000000000099" firstX="0" firstY="0" secondX="1" secondY="1">'
                 f'<Coding guid="dddddddd-0000-0000-0000-000000000099"><CodeRef targetGUID="{CODE_B}"/></Coding>'
                 '</PictureSelection></PictureSource>')
    xml = project_xml(sources, notes=notes)
    xml = xml.replace(
        "<Sources>", f'<Variables><Variable guid="{variable}" name="role" typeOfVariable="Text"/></Variables>'
                     f'<Cases><Case guid="ffffffff-0000-0000-0000-000000000002" name="P01"><VariableValue>'
                     f'<VariableRef targetGUID="{variable}"/><TextValue>police officer</TextValue></VariableValue>'
                     f'<SourceRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/></Case></Cases><Sources>')
    qdpx = make_qdpx(tmp_path / "m.qdpx", xml, {"sources/s1.txt": PLAIN})
    target, output = import_file(tmp_path, qdpx)
    assert "Left out: source 'Photo': a picture; qda holds text only (1 codings left out)" in output
    with qda.open_project(target) as project:
        assert project.document("Interview 1").attributes == {"role": "police officer"}
        assert [c.memo for c in project.codings()] == ["Coding memo"]
        assert project.memo("document", "Interview 1", "Ana") == "Document memo"


def test_inline_plain_text_content_and_no_user(tmp_path):
    source = ('<TextSource guid="bbbbbbbb-0000-0000-0000-000000000001" name="Inline">'
              f"<PlainTextContent>{PLAIN}</PlainTextContent>"
              + selection(*positions(PLAIN, "They did not believe me.", "codepoints"), user=None) + "</TextSource>")
    qdpx = make_qdpx(tmp_path / "inline.qdpx", project_xml(source, users=""))
    records, report = read_qdpx(qdpx)
    text = records.documents[0].text
    assert [text[c.start:c.end] for c in records.codings] == ["They did not believe me."]
    assert [c.name for c in records.coders] == ["imported (no user named)"]
    assert any("no user" in line for line in report.adjusted)


def test_decomposed_accents_are_normalised_and_positions_follow(tmp_path):
    raw = "P01: Cafe\u0301 y ni\u0303o.\r\nThey did not believe me."
    start, end = positions(raw, "They did not believe me.", "codepoints")
    accent = positions(raw, "Cafe\u0301", "codepoints")
    selections = selection(start, end, name="They did not believe me.") + selection(*accent, code=CODE_B, number=2)
    records, report = read_qdpx(make_qdpx(tmp_path / "nfc.qdpx", project_xml(text_source(selections)), {"sources/s1.txt": raw}))
    text = records.documents[0].text
    assert sorted(text[c.start:c.end] for c in records.codings) == ["Café", "They did not believe me."]


def test_clashing_names_are_numbered_and_reported(tmp_path):
    # Other tools allow two users or two sources of one name, and sibling codes differing in case only;
    # qda's names are unique, so the second of each gets a number, and the report says so.
    users = f'<Users><User guid="{USER}" name="Ana"/><User guid="{USER2}" name="Ana"/></Users>'
    second = "bbbbbbbb-0000-0000-0000-000000000002"
    sources = (text_source(simple_selections(PLAIN)) +
               text_source("", path="internal://s2.txt", guid=second))  # the same default name, "Interview 1"
    xml = project_xml(sources, users=users).replace(
        '<Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Support" isCodable="true"/>',
        '<Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Support" isCodable="true"/>'
        '<Code guid="aaaaaaaa-0000-0000-0000-000000000009" name="SUPPORT" isCodable="true"/>')
    target, output = import_file(tmp_path, make_qdpx(tmp_path / "clash.qdpx", xml,
                                                     {"sources/s1.txt": PLAIN, "sources/s2.txt": PLAIN}))
    with qda.open_project(target) as project:
        assert sorted(c.name for c in project.coders()) == ["Ana", "Ana (2)"]
        assert [d.name for d in project.documents()] == ["Interview 1", "Interview 1 (2)"]
        assert [c.name for c in project.codebook.codes if c.parent_id is None][-2:] == ["Support", "SUPPORT (2)"]
    assert "two users are called 'Ana'" in output and "two sources are called 'Interview 1'" in output
    assert "a sibling has that name; renamed 'SUPPORT (2)'" in output


def test_ambiguity_reported_only_where_the_fitting_conventions_disagree():
    from qda.export.refi.positions import Positions, detect

    emoji = Positions.of("P01: 😀 They did not believe me. I went back twice and again and again.")
    start, end = positions(emoji.raw, "They did not", "codepoints")
    both_fit = detect(emoji, [start], [end], [""])          # UTF-16 fits too, one place back, mid-word
    assert both_fit.convention == "codepoints" and both_fit.evidence == "boundaries" and not both_fit.ambiguous
    spaced = Positions.of("😀  a  b  c")                     # " b" or "b ": both at boundaries, nothing tells
    tie = detect(spaced, [5], [7], [""])
    assert tie.convention == "codepoints" and tie.ambiguous and tie.differs and tie.evidence == "standard"
    named = detect(emoji, [start], [end], ["They did not"])  # the name tells them apart
    assert named.convention == "codepoints" and not named.ambiguous
    # From 6, UTF-16 would start inside the emoji, so only code points and CRLF-as-one fit, and
    # without a CRLF they agree: what the benchmark's sources look like, and nothing is ambiguous.
    agreeing = detect(emoji, [6], [10], [""])
    assert agreeing.convention == "codepoints" and agreeing.differs and not agreeing.ambiguous
    no_crlf = Positions.of("P01: no emoji, no CRLF, every convention agrees.")
    assert not detect(no_crlf, [5], [10], [""]).ambiguous


def test_maxqda_style_pretty_printed_with_upper_case_guids_and_sets(tmp_path):
    """As MAXQDA writes: indented XML, upper-case GUIDs (in file names too), sources as empty
    elements or with selections, parent codes marked codable, and document sets."""
    user, parent, child = "F0E1D2C3-B4A5-4968-8776-A5B4C3D2E1F0", "0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3", "1B2C3D4E-5F6A-4B7C-9D8E-9FA0B1C2D3E4"
    coded, uncoded = "2C3D4E5F-6A7B-4C8D-8E9F-A0B1C2D3E4F5", "3D4E5F6A-7B8C-4D9E-9FA0-B1C2D3E4F5A6"
    start, end = positions(PLAIN, "They did not believe me.", "codepoints")
    xml = f'''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:QDA-XML:project:1.0" origin="MAXQDA-like" name="Lima study">
 <Users>
  <User guid="{user}" name="rosa"/>
 </Users>
 <CodeBook>
  <Codes>
   <Code color="#ef8256" guid="{parent}" name="Police" isCodable="true">
    <Description>Everything said of the police.</Description>
    <Code color="#ef8256" guid="{child}" name="Distrust" isCodable="true"/>
   </Code>
  </Codes>
 </CodeBook>
 <Sources>
  <TextSource modifyingUser="{user}" guid="{coded}" creatingUser="{user}" creationDateTime="2025-03-01T10:00:00Z" name="P01" plainTextPath="internal://{coded}.txt">
   <PlainTextSelection guid="4E5F6A7B-8C9D-4E0F-A1B2-C3D4E5F6A7B8" startPosition="{start}" endPosition="{end}" creatingUser="{user}">
    <Coding guid="5F6A7B8C-9D0E-4F1A-B2C3-D4E5F6A7B8C9" creatingUser="{user}">
     <CodeRef targetGUID="{child}"/>
    </Coding>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="{uncoded}" creatingUser="{user}" name="P02" plainTextPath="internal://{uncoded}.txt"/>
 </Sources>
 <Sets>
  <Set guid="6A7B8C9D-0E1F-4A2B-8C3D-E4F5A6B7C8D9" name="North Lima">
   <MemberSource targetGUID="{coded}"/>
   <MemberSource targetGUID="{uncoded}"/>
  </Set>
 </Sets>
</Project>
'''
    qdpx = make_qdpx(tmp_path / "maxqda.qdpx", xml, {f"sources/{coded}.txt": PLAIN, f"sources/{uncoded}.txt": "P02: Nobody came.\n"})
    records, report = read_qdpx(qdpx)
    assert [d.name for d in records.documents] == ["P01", "P02"]
    assert [d.id for d in records.documents] == [coded.lower(), uncoded.lower()]
    (coding,) = records.codings
    assert records.documents[0].text[coding.start:coding.end] == "They did not believe me."
    assert (coding.code_id, coding.coder_id) == (child.lower(), user.lower())
    assert report.skipped == []
    (north,) = records.sets   # MAXQDA's document set comes in as a document set
    assert (north.name, north.document_ids) == ("North Lima", (coded.lower(), uncoded.lower()))


RECORDED = "INTERVIEWER: Did they take your complaint?\n\nP09: No. They told me to come back with a lawyer.\n"


def _sync_points(text: str, marks: list[tuple[str, int]], convention: str = "codepoints") -> str:
    """SyncPoint elements at the start of each marked phrase (its time in ms), and one at the end of the text."""
    points = []
    for number, (phrase, millis) in enumerate(marks, start=1):
        position = positions(text, phrase, convention)[0]
        points.append(f'<SyncPoint guid="99999999-0000-0000-0000-{number:012d}" timeStamp="{millis}" position="{position}"/>')
    end = positions(text, text.rstrip("\n").split("\n")[-1], convention)[1]
    points.append(f'<SyncPoint guid="99999999-0000-0000-0000-{len(marks) + 1:012d}" timeStamp="{marks[-1][1] + 4000}" '
                  f'position="{end}"/>')
    return "".join(points)


def _transcript_selection(number: int, start_point: int, end_point: int, code: str = CODE_A, user: str = USER) -> str:
    return (f'<TranscriptSelection guid="88888888-0000-0000-0000-{number:012d}" '
            f'fromSyncPoint="99999999-0000-0000-0000-{start_point:012d}" toSyncPoint="99999999-0000-0000-0000-{end_point:012d}">'
            f'<Coding guid="77777777-0000-0000-0000-{number:012d}" creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding>'
            '</TranscriptSelection>')


def _audio_project(tmp_path, transcripts: str, extra: str = "", name: str = "audio.qdpx"):
    audio = (f'<AudioSource guid="bbbbbbbb-0000-0000-0000-00000000a0d1" name="Interview 9 (audio)" path="internal://i9.m4a">'
             f'{transcripts}'
             '<AudioSelection guid="cccccccc-0000-0000-0000-00000000a0d1" begin="1000" end="4000">'
             f'<Coding guid="dddddddd-0000-0000-0000-00000000a0d1" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding>'
             f'</AudioSelection>{extra}</AudioSource>')
    return make_qdpx(tmp_path / name, project_xml(audio), {"sources/t9.txt": RECORDED, "sources/i9.m4a": b"\x00" * 64})


def test_audio_transcript_read_as_a_text_document_with_its_codings_and_times(tmp_path):
    marks = [("INTERVIEWER:", 0), ("P09:", 3500), ("They told me", 5200)]
    transcript = (f'<Transcript guid="eeeeeeee-0000-0000-0000-0000000000a1" name="Transcript" plainTextPath="internal://t9.txt">'
                  f'{_sync_points(RECORDED, marks)}{_transcript_selection(1, 3, 4)}{_transcript_selection(2, 2, 3, CODE_B, USER2)}'
                  '</Transcript>')
    qdpx = _audio_project(tmp_path, transcript)
    records, report = read_qdpx(qdpx)
    (document,) = records.documents
    assert document.name == "Interview 9 (audio)" and document.text == RECORDED.rstrip("\n") + "\n"
    coded = sorted((document.text[c.start:c.end], c.code_id) for c in records.codings)
    assert coded == [("P09: No. ", CODE_B), ("They told me to come back with a lawyer.", CODE_A)]
    assert [(document.text[cue.start:cue.end], cue.time_start, cue.time_end) for cue in document.cues] == [
        ("INTERVIEWER: Did they take your complaint?\n\n", 0.0, 3.5), ("P09: No. ", 3.5, 5.2),
        ("They told me to come back with a lawyer.", 5.2, 9.2)]
    assert "source 'Interview 9 (audio)': an audio recording; its transcript read as text (the recording itself is not kept)" \
        in report.adjusted
    assert "source 'Interview 9 (audio)': 1 coding(s) of regions of the recording itself; qda codes text only" \
        in report.skipped
    target, output = import_file(tmp_path, qdpx)
    with qda.open_project(target) as project:
        assert project.cues("Interview 9 (audio)")[1].time_start == 3.5
        assert [s.speaker for s in project.turns("Interview 9 (audio)")] == ["INTERVIEWER", "P09"]
        written = write_qdpx(project, tmp_path / "again.qdpx")
    assert "the times of 1 document(s) from subtitles or recorded interviews: a text source has no place for them " \
        "(their text and codings are written)" in written.left_out


def test_a_video_with_two_transcripts_gives_two_documents_and_attributes(tmp_path):
    other = "P09: No me tomaron la denuncia.\n"
    transcripts = (f'<Transcript guid="eeeeeeee-0000-0000-0000-0000000000b1" name="English" plainTextPath="internal://t9.txt"/>'
                   f'<Transcript guid="eeeeeeee-0000-0000-0000-0000000000b2" name="Spanish"><PlainTextContent>{other}'
                   '</PlainTextContent></Transcript>')
    video = (f'<VideoSource guid="bbbbbbbb-0000-0000-0000-0000000000f1" name="Interview 9" path="internal://i9.mp4">{transcripts}'
             f'<Coding guid="dddddddd-0000-0000-0000-0000000000f1" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding>'
             '</VideoSource>')
    xml = project_xml(video).replace(
        "<Sources>", '<Variables><Variable guid="ffffffff-0000-0000-0000-000000000001" name="site" typeOfVariable="Text"/></Variables>'
                     '<Cases><Case guid="ffffffff-0000-0000-0000-000000000002" name="P09"><VariableValue>'
                     '<VariableRef targetGUID="ffffffff-0000-0000-0000-000000000001"/><TextValue>Ayacucho</TextValue>'
                     '</VariableValue><SourceRef targetGUID="bbbbbbbb-0000-0000-0000-0000000000f1"/></Case></Cases><Sources>')
    records, report = read_qdpx(make_qdpx(tmp_path / "video.qdpx", xml, {"sources/t9.txt": RECORDED}))
    assert [d.name for d in records.documents] == ["Interview 9 (English)", "Interview 9 (Spanish)"]
    assert [d.attributes for d in records.documents] == [{"site": "Ayacucho"}] * 2
    # a coding of the whole video codes each whole transcript
    assert sorted((c.document_id, c.start, c.end) for c in records.codings) == [
        ("eeeeeeee-0000-0000-0000-0000000000b1", 0, len(records.documents[0].text)),
        ("eeeeeeee-0000-0000-0000-0000000000b2", 0, len(records.documents[1].text))]
    assert "source 'Interview 9': a video; its 2 transcripts read as text (the video itself is not kept)" in report.adjusted


def test_a_transcript_selection_without_its_sync_point_is_left_out_with_a_message(tmp_path):
    marks = [("INTERVIEWER:", 0), ("P09:", 3500)]
    transcript = (f'<Transcript guid="eeeeeeee-0000-0000-0000-0000000000a1" plainTextPath="internal://t9.txt">'
                  f'{_sync_points(RECORDED, marks)}{_transcript_selection(1, 2, 3)}{_transcript_selection(2, 2, 7)}</Transcript>')
    records, report = read_qdpx(_audio_project(tmp_path, transcript))
    assert len(records.codings) == 1
    assert any("transcript selection 88888888-0000-0000-0000-000000000002 names a sync point the transcript lacks; "
               "its 1 coding(s) left out" in line for line in report.skipped)


def test_transcript_positions_in_utf16_are_detected(tmp_path):
    text = "P09: 😀 They told me to come back. 🙁 With a lawyer.\n"
    marks = [("They told", 1000), ("With a lawyer", 2000)]
    transcript = (f'<Transcript guid="eeeeeeee-0000-0000-0000-0000000000a1" name="T" plainTextPath="internal://t9.txt">'
                  f'{_sync_points(text, marks, "utf16")}{_transcript_selection(1, 2, 3)}</Transcript>')
    qdpx = make_qdpx(tmp_path / "u.qdpx", project_xml(
        f'<AudioSource guid="bbbbbbbb-0000-0000-0000-00000000a0d1" name="I9">{transcript}</AudioSource>'), {"sources/t9.txt": text})
    records, report = read_qdpx(qdpx)
    document = records.documents[0]
    assert [document.text[c.start:c.end] for c in records.codings] == ["With a lawyer."]
    assert [document.text[c.start:c.end] for c in document.cues] == ["They told me to come back. 🙁 ", "With a lawyer."]
    assert report.conventions["I9"].startswith("UTF-16")


def test_pdf_text_representation_read_as_a_text_document(tmp_path):
    text = "Informe policial. La denunciante volvió tres veces.\n"
    start, end = positions(text, "La denunciante volvió tres veces.", "codepoints")
    pdf = ('<PDFSource guid="bbbbbbbb-0000-0000-0000-0000000000d1" name="Police report" path="internal://r.pdf">'
           '<PDFSelection guid="cccccccc-0000-0000-0000-0000000000d1" page="1" firstX="0" firstY="0" secondX="9" secondY="9">'
           f'<Coding guid="dddddddd-0000-0000-0000-0000000000d1" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding>'
           '</PDFSelection>'
           f'<Representation guid="eeeeeeee-0000-0000-0000-0000000000d1" name="Police report" plainTextPath="internal://r.txt">'
           f'{selection(start, end)}</Representation></PDFSource>')
    records, report = read_qdpx(make_qdpx(tmp_path / "pdf.qdpx", project_xml(pdf), {"sources/r.txt": text}))
    (document,) = records.documents
    assert document.name == "Police report"
    assert [document.text[c.start:c.end] for c in records.codings] == ["La denunciante volvió tres veces."]
    assert "source 'Police report': a PDF; its text representation read as text (the PDF itself is not kept)" in report.adjusted
    assert "source 'Police report': 1 coding(s) of regions of the PDF itself; qda codes text only" in report.skipped


@pytest.mark.parametrize("stray", [len(RECORDED) + 50, -5])
def test_a_sync_point_outside_its_transcript_is_refused(tmp_path, stray):
    transcript = ('<Transcript guid="eeeeeeee-0000-0000-0000-0000000000a1" plainTextPath="internal://t9.txt">'
                  f'<SyncPoint guid="99999999-0000-0000-0000-000000000001" timeStamp="0" position="0"/>'
                  f'<SyncPoint guid="99999999-0000-0000-0000-000000000002" timeStamp="900" position="{stray}"/>'
                  '</Transcript>')
    with pytest.raises(RefiError) as caught:
        read_qdpx(_audio_project(tmp_path, transcript))
    assert caught.value.problem == (f"source 'Interview 9 (audio)': a sync point at {stray} lies outside the "
                                    f"transcript ({len(RECORDED)} characters) under every position convention")


def test_a_source_file_not_in_utf8_is_read_and_the_encoding_said(tmp_path):
    raw = "P01: La policía no quiso recibir la denuncia. Volví al día siguiente con mi hermana.\n"
    start, end = positions(raw, "Volví al día siguiente con mi hermana.", "codepoints")
    qdpx = make_qdpx(tmp_path / "latin.qdpx", project_xml(text_source(selection(start, end))),
                     {"sources/s1.txt": raw.encode("cp1252")})
    records, report = read_qdpx(qdpx)
    text = records.documents[0].text
    assert [text[c.start:c.end] for c in records.codings] == ["Volví al día siguiente con mi hermana."]
    (said,) = [line for line in report.adjusted if "not UTF-8" in line]
    assert said.startswith("source 'Interview 1': not UTF-8 as the standard asks; read as ")


def test_a_binary_source_file_is_refused_naming_the_archive_and_the_source(tmp_path):
    qdpx = make_qdpx(tmp_path / "binary.qdpx", project_xml(text_source("")), {"sources/s1.txt": b"PK\x00\x00\x07" * 40})
    with pytest.raises(RefiError) as caught:
        read_qdpx(qdpx)
    assert caught.value.file == str(qdpx)
    assert caught.value.problem.startswith("source 'Interview 1': a binary file, not text")
