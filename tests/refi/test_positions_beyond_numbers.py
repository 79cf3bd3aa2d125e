"""Positions too large for any text: refused in one line, never a traceback.

A selection, a sync point or an annotated passage whose position is larger than numpy's int64 (a
corrupted file, a position written as a byte count of something else, a hostile file) stopped ``qda
init --from`` with ``OverflowError: Python int too large to convert to C long`` and exit 1, where
positions are converted (qda.export.refi.positions).  Positions are read as xs:integer, the schema's
type (ASCII digits, a sign): "1_000", which Python's int() takes, is no position either."""

from __future__ import annotations

import pytest

from qda.export.refi import RefiError, read_qdpx

from refi_helpers import USER, listing, make_qdpx, project_xml, run, selection, text_source

TEXT = "P01: We went to the station.\nP02: Nobody listened to us.\n"
HUGE = "9" * 25


def test_a_selection_past_any_number_is_refused_in_one_line(tmp_path):
    qdpx = make_qdpx(tmp_path / "big.qdpx", project_xml(text_source(selection(0, 12).replace('"12"', f'"{HUGE}"'))),
                     {"sources/s1.txt": TEXT})
    before = listing(tmp_path)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (f"Error: {qdpx}: source 'Interview 1': selection cccccccc-0000-0000-0000-000000000001 "
                                     f"[0, {HUGE}) lies outside any text")
    assert listing(tmp_path) == before


@pytest.mark.parametrize("value", ["-" + HUGE, "1_0", "١٢", "12.0"])
def test_other_numbers_that_are_no_position_are_refused(tmp_path, value):
    qdpx = make_qdpx(tmp_path / "odd.qdpx", project_xml(text_source(selection(0, 12).replace('"0"', f'"{value}"'))),
                     {"sources/s1.txt": TEXT})
    with pytest.raises(RefiError, match="selection cccccccc-0000-0000-0000-000000000001 "):
        read_qdpx(qdpx)


def test_a_sign_and_blanks_are_a_position_as_the_schema_allows(tmp_path):
    qdpx = make_qdpx(tmp_path / "signed.qdpx", project_xml(text_source(selection(0, 12).replace('"0"', '" +0 "'))),
                     {"sources/s1.txt": TEXT})
    records, _ = read_qdpx(qdpx)
    assert [(c.start, c.end) for c in records.codings] == [(0, 12)]


def test_a_sync_point_past_any_number_is_refused(tmp_path):
    transcript = ('<Transcript guid="eeeeeeee-0000-0000-0000-0000000000a1" plainTextPath="internal://t9.txt">'
                  '<SyncPoint guid="99999999-0000-0000-0000-000000000001" timeStamp="0" position="0"/>'
                  f'<SyncPoint guid="99999999-0000-0000-0000-000000000002" timeStamp="900" position="{HUGE}"/>'
                  '</Transcript>')
    audio = (f'<AudioSource guid="bbbbbbbb-0000-0000-0000-00000000a0d1" name="Interview 9 (audio)" path="internal://i9.m4a">'
             f'{transcript}</AudioSource>')
    qdpx = make_qdpx(tmp_path / "audio.qdpx", project_xml(audio), {"sources/t9.txt": TEXT, "sources/i9.m4a": b"\0" * 64})
    with pytest.raises(RefiError) as caught:
        read_qdpx(qdpx)
    assert caught.value.problem == f"source 'Interview 9 (audio)': a sync point at {HUGE} lies outside the transcript"


def test_an_annotation_past_any_number_is_read_as_a_plain_note(tmp_path):
    note = "eeeeeeee-0000-0000-0000-000000000007"
    notes = (f'<Notes><Note guid="{note}" creatingUser="{USER}"><PlainTextContent>Twice, on foot.</PlainTextContent>'
             f'<PlainTextSelection guid="cccccccc-0000-0000-0000-000000000077" startPosition="3" endPosition="{HUGE}"/>'
             '</Note></Notes>')
    qdpx = make_qdpx(tmp_path / "ann.qdpx", project_xml(text_source(selection(0, 12), inner=f'<NoteRef targetGUID="{note}"/>'),
                                                        notes=notes), {"sources/s1.txt": TEXT})
    records, report = read_qdpx(qdpx)
    assert "note 'eeeeeeee-0000-0000-0000-000000000007': its passage lies outside any text; it is read as a plain note" \
        in report.adjusted
    assert [m.text for m in records.memos] == ["Twice, on foot."]
