"""Document sets through REFI-QDA: written as <Sets> that validate, read back whole, and read from the
shapes other tools write (fictional fixtures after the schema's SetType: a MAXQDA-like document set
with a description, an ATLAS.ti-like code group, an NVivo-like set mixing sources and notes, members
that are not text, two sets of one name)."""

from __future__ import annotations

import io
import zipfile

from qda.export.refi import import_qdpx, read_qdpx, write_qdpx
from qda.store.sets import all_sets, create_set

from refi_helpers import CODE_A, CODE_B, SOURCE, make_qdpx, project_xml, schema, selection, text_source

SOURCE2 = "bbbbbbbb-0000-0000-0000-000000000002"
PICTURE = "bbbbbbbb-0000-0000-0000-000000000003"
NOTE = "eeeeeeee-0000-0000-0000-000000000001"
TEXT = "P01: They told me to go home.\n"


def test_sets_round_trip_and_validate(coded_project, tmp_path):
    names = [d.name for d in coded_project.documents()]
    create_set(coded_project, "Ayacucho", [n for n in names if "ayacucho" in n], description="Interviews in Ayacucho")
    create_set(coded_project, "empty for now")
    target = tmp_path / "sets.qdpx"
    report = write_qdpx(coded_project, target)
    assert report.counts["document sets"] == 2
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("project.qde")
    schema("Project.xsd").validate(io.BytesIO(xml))
    back, _ = import_qdpx(target, tmp_path / "back.qda")
    with back:
        assert all_sets(back) == all_sets(coded_project)
    assert {s.name: len(s.document_ids) for s in all_sets(coded_project)} == {"Ayacucho": 7, "empty for now": 0}


def _file(tmp_path, sets: str):
    sources = (text_source(selection(0, 4, CODE_A)) + text_source("", path="internal://s2.txt", name="Interview 2", guid=SOURCE2)
               + f'<PictureSource guid="{PICTURE}" name="Map of the district" path="internal://map.png"/>')
    notes = f'<Notes><Note guid="{NOTE}" name="Field note"><PlainTextContent>Met at the CEM.</PlainTextContent></Note></Notes>'
    xml = project_xml(sources, notes=notes, extra=f"<Sets>{sets}</Sets>")
    return make_qdpx(tmp_path / "tool.qdpx", xml, {"sources/s1.txt": TEXT, "sources/s2.txt": TEXT})


def test_a_document_set_with_a_description(tmp_path):
    records, report = read_qdpx(_file(tmp_path, f'<Set guid="AAAAAAAA-1111-4111-8111-111111111111" name="Women in shelters">'
                                                f'<Description>Participants met through shelters</Description>'
                                                f'<MemberSource targetGUID="{SOURCE.upper()}"/>'
                                                f'<MemberSource targetGUID="{SOURCE2}"/></Set>'))
    (only,) = records.sets
    assert (only.id, only.name, only.description) == ("aaaaaaaa-1111-4111-8111-111111111111", "Women in shelters",
                                                      "Participants met through shelters")
    assert only.document_ids == (SOURCE, SOURCE2)
    assert not [line for line in report.adjusted + report.skipped if "set" in line]


def test_a_code_group_is_left_out_with_its_reason(tmp_path):
    records, report = read_qdpx(_file(tmp_path, f'<Set guid="AAAAAAAA-2222-4222-8222-222222222222" name="Police codes">'
                                                f'<MemberCode targetGUID="{CODE_A}"/><MemberCode targetGUID="{CODE_B}"/></Set>'))
    assert records.sets == []
    assert report.skipped[-1] == "set 'Police codes': its members (2 code(s)) are not documents; qda's sets group documents"


def test_a_mixed_set_keeps_its_documents_and_says_what_it_left(tmp_path):
    records, report = read_qdpx(_file(tmp_path, f'<Set guid="AAAAAAAA-3333-4333-8333-333333333333" name="Pilot">'
                                                f'<MemberCode targetGUID="{CODE_A}"/><MemberSource targetGUID="{SOURCE2}"/>'
                                                f'<MemberSource targetGUID="{PICTURE}"/><MemberNote targetGUID="{NOTE}"/></Set>'))
    (pilot,) = records.sets
    assert pilot.document_ids == (SOURCE2,)
    assert ("set 'Pilot': 1 code(s), 1 note(s), 1 source(s) not imported as documents left out of it; "
            "qda's sets group documents") in report.adjusted


def test_a_set_of_pictures_only_and_two_sets_of_one_name(tmp_path):
    records, report = read_qdpx(_file(tmp_path,
                                      f'<Set guid="AAAAAAAA-4444-4444-8444-444444444444" name="Maps">'
                                      f'<MemberSource targetGUID="{PICTURE}"/></Set>'
                                      f'<Set guid="AAAAAAAA-5555-4555-8555-555555555555" name="Lima">'
                                      f'<MemberSource targetGUID="{SOURCE}"/></Set>'
                                      f'<Set guid="AAAAAAAA-6666-4666-8666-666666666666" name="Lima"/>'))
    assert [(s.name, s.document_ids) for s in records.sets] == [("Lima", (SOURCE,)), ("Lima (2)", ())]
    assert any(line.startswith("set 'Maps'") for line in report.skipped)
    assert "two sets are called 'Lima'; the second is now 'Lima (2)'" in report.adjusted


def test_an_imported_set_filters_like_one_made_here(tmp_path):
    qdpx = _file(tmp_path, f'<Set guid="AAAAAAAA-7777-4777-8777-777777777777" name="second">'
                           f'<MemberSource targetGUID="{SOURCE2}"/></Set>')
    project, _ = import_qdpx(qdpx, tmp_path / "tool.qda")
    with project:
        from qda.analysis._select import select_documents

        assert list(select_documents(project, "set=second")["name"]) == ["Interview 2"]
