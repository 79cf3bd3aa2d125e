"""`qda codebook --import x.qdc` says what reading the codebook changed and left out, as `qda init --from` does.

A .qdc from another tool with two sibling codes differing only in case (NVivo and MAXQDA keep both;
qda's paths compare names without case), a colour that is not #RRGGBB and a code set came in as
"alpha (2)", no colour and no set, and the command printed only "4 added": the reader's report was
dropped on the way.  A name holding ">" (qda's path separator) is said twice: renamed on reading,
then rebuilt as the path it spells."""

from __future__ import annotations

import qda

from refi_helpers import run

QDC = ('<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
       '<Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Alpha" isCodable="true" color="teal"/>'
       '<Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="alpha" isCodable="true"/>'
       '<Code guid="aaaaaaaa-0000-0000-0000-000000000003" name="Police &gt; Cases" isCodable="true"/>'
       '</Codes><Sets><Set guid="ffffffff-0000-0000-0000-000000000001" name="First round">'
       '<MemberCode targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Set></Sets></CodeBook>')


def test_the_changes_of_reading_a_qdc_are_said(tmp_path):
    path = tmp_path / "study.qda"
    qda.create_project(path).close()
    (tmp_path / "other.qdc").write_text(QDC, encoding="utf-8")
    result = run("codebook", path, "--import", tmp_path / "other.qdc", "--coder", "ana")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Adjusted: code 'alpha' under the top level: a sibling has that name; renamed 'alpha (2)'" in lines
    assert "Adjusted: code 'Police > Cases' renamed 'Police › Cases' (qda paths use '>', and a code needs a name)" in lines
    assert "Adjusted: code 'Alpha': colour 'teal' is not #RRGGBB; left without a colour" in lines
    assert "Left out: 1 code set(s): qda has no code sets" in lines
    assert "Rebuilt: 'Police › Cases' read as the path 'Police > Cases' (made 'Police')" in lines
    assert lines[-1].startswith(f"Imported {tmp_path / 'other.qdc'}: 4 added")
