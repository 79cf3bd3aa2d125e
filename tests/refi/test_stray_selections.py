"""A selection of a kind its source cannot hold: a ``PictureSelection`` or ``PDFSelection`` inside a
``TextSource``, a ``PlainTextSelection`` inside an audio source's ``Transcript`` (the schema allows
``PlainTextSelection`` in a text and ``TranscriptSelection`` in a transcript).  A tool that mixes
them up, or two exports pasted together, lost their codings without a word; now the import says
how many selections, of which kinds, and how many codings it left out, naming the source."""

from __future__ import annotations

import pytest

from refi_helpers import CODE_B, USER, make_qdpx, project_xml, run, selection, text_source

TEXT = "P01: Fuimos a la comisaría.\nP02: Nadie nos escuchó.\n"
PICTURE = ('<PictureSelection guid="cccccccc-0000-0000-0000-000000000077" firstX="0" firstY="0" secondX="9" secondY="9">'
           f'<Coding guid="dddddddd-0000-0000-0000-000000000077" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/>'
           '</Coding></PictureSelection>')
PDF = PICTURE.replace("PictureSelection", "PDFSelection").replace('firstX="0"', 'page="1" firstX="0"').replace("077", "078")


@pytest.mark.parametrize("stray, kinds", [(PICTURE, "PictureSelection"), (PICTURE + PDF, "PDFSelection, PictureSelection")])
def test_a_region_selection_in_a_text_source_is_said(tmp_path, stray, kinds):
    qdpx = make_qdpx(tmp_path / "mixed.qdpx", project_xml(text_source(selection(5, 27) + stray)), {"sources/s1.txt": TEXT})
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 0, result.output
    count = stray.count("<Coding ")
    assert (f"Warning: source 'Interview 1': {count} selection(s) a TextSource cannot hold ({kinds}); left out "
            f"with their {count} coding(s)") in result.output


def test_a_plain_text_selection_in_a_transcript_is_said(tmp_path):
    recording = ('<AudioSource guid="bbbbbbbb-0000-0000-0000-0000000000a1" name="Grabación" path="internal://a.m4a">'
                 '<Transcript guid="bbbbbbbb-0000-0000-0000-0000000000a2" plainTextPath="internal://t.txt">'
                 '<SyncPoint guid="99999999-0000-0000-0000-000000000001" position="0" timeStamp="0"/>'
                 '<SyncPoint guid="99999999-0000-0000-0000-000000000002" position="27" timeStamp="4000"/>'
                 f'{selection(5, 27)}</Transcript></AudioSource>')
    qdpx = make_qdpx(tmp_path / "audio.qdpx", project_xml(recording), {"sources/t.txt": TEXT})
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 0, result.output
    assert ("Warning: source 'Grabación': 1 selection(s) a Transcript cannot hold (PlainTextSelection); left out "
            "with their 1 coding(s)") in result.output
