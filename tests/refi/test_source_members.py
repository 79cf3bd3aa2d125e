"""What a .qdpx's source files and codebook may hold that a careful tool would not write, each said
loudly or read right, never taken silently.  Fictional fixtures built by hand as tools write them.

- a plain-text source in UTF-16 without a byte-order mark (REFI-QDA asks for UTF-8; a Windows
  tool's "Unicode" is UTF-16 LE): Latin text was read, Cyrillic and CJK were refused as a binary file
  in the words of ``qda import`` ("give a .txt, .md, .docx, .vtt or .srt transcript");
- a source whose path names the project XML itself: its XML was imported as the source's text,
  said only in an "Adjusted" line; then left out, but the closing count said its "text files could
  not be found";
- a coding on a code marked ``isCodable="false"``: accepted without a word."""

from __future__ import annotations

import pytest

from qda.export.refi import read_qdpx
from qda.export.refi.safety import RefiError

from refi_helpers import CODE_PARENT, make_qdpx, positions, project_xml, run, selection, text_source

RUSSIAN = "ИНТЕРВЬЮЕР: Где вы работаете?\nАННА: В центре, уже три года.\n"
CHINESE = "采访者：你在哪里工作？\n受访者：在中心，已经三年了。\n"


@pytest.mark.parametrize("text, encoding", [(RUSSIAN, "utf-16-le"), (RUSSIAN, "utf-16-be"), (CHINESE, "utf-16-le")])
def test_a_utf16_source_without_a_byte_order_mark_is_read(tmp_path, text, encoding):
    start, end = positions(text, text.splitlines()[1], "codepoints")
    xml = project_xml(text_source(selection(start, end)))
    records, report = read_qdpx(make_qdpx(tmp_path / "p.qdpx", xml, {"sources/s1.txt": text.encode(encoding)}))
    (document,) = records.documents
    assert document.text == text
    (coding,) = records.codings
    assert document.text[coding.start:coding.end] == text.splitlines()[1]
    assert any(f"not UTF-8 as the standard asks; read as {encoding}" in line for line in report.adjusted)


def test_a_binary_member_is_refused_naming_the_qdpx_the_source_and_the_standard(tmp_path):
    picture = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    xml = project_xml(text_source(""))
    qdpx = make_qdpx(tmp_path / "p.qdpx", xml, {"sources/s1.txt": picture})
    with pytest.raises(RefiError) as raised:
        read_qdpx(qdpx)
    message = str(raised.value)
    assert message.startswith(f"{qdpx}: source 'Interview 1'") and "binary" in message
    assert "UTF-8, as REFI-QDA asks" in message and "transcript" not in message


def test_a_source_path_naming_the_project_xml_is_not_its_text(tmp_path):
    text = "P01: Fui a la comisaría.\n"
    other = text_source("", path="internal://s2.txt", name="Interview 2", guid="bbbbbbbb-0000-0000-0000-000000000002")
    xml = project_xml(text_source(selection(0, 4), path="internal://project.qde") + other)
    qdpx = make_qdpx(tmp_path / "p.qdpx", xml, {"sources/s2.txt": text})
    records, report = read_qdpx(qdpx)
    assert [document.name for document in records.documents] == ["Interview 2"]
    assert not records.codings
    assert report.warnings[0] == ("source 'Interview 1' NOT imported: its file 'internal://project.qde' is the project "
                                  "XML (project.qde), not a text of its own; its 1 coding(s) are not in the project")
    assert not any("project.qde" in line for line in report.adjusted)
    # the closing count says what happened, not that a text file "could not be found"
    assert report.warnings[-1] == "1 source(s) of 2 NOT imported (see above): 1 name the project XML itself as their text"


def test_the_closing_count_says_each_cause_by_itself(tmp_path):
    text = "P01: Fui a la comisaría.\n"
    sources = (text_source("", path="internal://project.qde")
               + text_source("", path="internal://gone.txt", name="Interview 2", guid="bbbbbbbb-0000-0000-0000-000000000002")
               + text_source("", path="relative://away.txt", name="Interview 3", guid="bbbbbbbb-0000-0000-0000-000000000003")
               + text_source("", path="absolute://C:/Users/ana/s4.txt", name="Interview 4",
                             guid="bbbbbbbb-0000-0000-0000-000000000004")
               + text_source("", path="internal://s5.txt", name="Interview 5", guid="bbbbbbbb-0000-0000-0000-000000000005"))
    records, report = read_qdpx(make_qdpx(tmp_path / "p.qdpx", project_xml(sources), {"sources/s5.txt": text}))
    assert [document.name for document in records.documents] == ["Interview 5"]
    assert report.warnings[-1] == ("4 source(s) of 5 NOT imported (see above): 1 name the project XML itself as their "
                                   "text; 1 name a file outside the archive; 2 name a file the archive does not hold")


def test_a_note_path_naming_the_project_xml_is_not_its_text(tmp_path):
    notes = ('<Notes><Note guid="eeeeeeee-0000-0000-0000-000000000001" name="Memo" plainTextPath="project.qde"/>'
             '</Notes>')
    xml = project_xml(text_source(""), notes=notes)
    records, report = read_qdpx(make_qdpx(tmp_path / "p.qdpx", xml, {"sources/s1.txt": "P01: Sí.\n"}))
    assert not any("<Project" in memo.text for memo in records.memos)
    assert any("is the project XML (project.qde)" in line for line in report.skipped)


def test_a_coding_on_a_code_marked_not_codable_is_kept_and_said(tmp_path):
    text = "P01: They did not believe me. I went back twice.\n"
    start, end = positions(text, "They did not believe me.", "codepoints")
    xml = project_xml(text_source(selection(start, end, code=CODE_PARENT) + selection(0, 3, number=2)))
    qdpx = make_qdpx(tmp_path / "p.qdpx", xml, {"sources/s1.txt": text})
    records, report = read_qdpx(qdpx)
    assert CODE_PARENT in {coding.code_id for coding in records.codings}  # never lost
    assert report.warnings == ["code 'Police' is marked not codable (isCodable=\"false\"), yet 1 coding(s) apply it; "
                               "kept on it: check them, or move them to a code of its own"]
    target = tmp_path / "p.qda"
    result = run("init", target, "--from", qdpx)
    assert result.exit_code == 0 and "Warning: code 'Police' is marked not codable" in result.stderr


CASES = ('<Variables><Variable guid="ffffffff-0000-0000-0000-000000000001" name="role" typeOfVariable="Text"/>'
         '<Variable guid="ffffffff-0000-0000-0000-000000000002" name="interviewed" typeOfVariable="Date"/></Variables>'
         '<Cases>'
         '<Case guid="99999999-0000-0000-0000-000000000001" name="Police officers">'
         '<VariableValue><VariableRef targetGUID="ffffffff-0000-0000-0000-000000000001"/><TextValue>police</TextValue>'
         '</VariableValue><SourceRef targetGUID="{source}"/></Case>'
         '<Case guid="99999999-0000-0000-0000-000000000002" name="Complainants">'
         '<VariableValue><VariableRef targetGUID="ffffffff-0000-0000-0000-000000000001"/><TextValue>complainant</TextValue>'
         '</VariableValue><SourceRef targetGUID="{source}"/></Case>'
         '<Case guid="99999999-0000-0000-0000-000000000003" name="Not yet interviewed">'
         '<VariableValue><VariableRef targetGUID="ffffffff-0000-0000-0000-000000000002"/>'
         '<DateValue>2025-03-12T00:00:00Z</DateValue></VariableValue></Case>'
         '</Cases>')


def test_cases_without_sources_or_at_odds_are_said(tmp_path):
    """A case no source belongs to (ATLAS.ti and NVivo keep empty cases) took its values nowhere without a
    word; two cases giving one source different values kept the first without a word."""
    from refi_helpers import SOURCE

    xml = project_xml(text_source(""), extra=CASES.replace("{source}", SOURCE))
    records, report = read_qdpx(make_qdpx(tmp_path / "p.qdpx", xml, {"sources/s1.txt": "P01: Sí.\n"}))
    (document,) = records.documents
    assert document.attributes == {"role": "police"}
    assert ("case 'Not yet interviewed': no source belongs to it, so its 1 value(s) (interviewed) are on no document"
            in report.skipped)
    assert ("source 'Interview 1': cases 'Police officers' and 'Complainants' give 'role' different values "
            "('police', 'complainant'); the first kept") in report.adjusted
