"""GUIDs that appear twice in a project XML: each element kind says it in one line, or keeps both.

A REFI-QDA reader finds users, sources and notes by their GUIDs, so two of one kind with one GUID make
every reference to it ambiguous.  qda used to take the last silently: two users sharing a GUID made
one coder of the two (every coding of Ana credited to Ben, and agreement between them impossible), a
note sharing its GUID replaced the other, two sources sharing a GUID stopped on a false "a document
named … already exists" without the file's path, and two sets sharing one stopped on SQLite's "UNIQUE
constraint failed".  GUIDs repeat in files edited by hand, joined from two exports, or written by a
tool that derives them from names (qc, cproctor/qualitative-coding, hashes each coder's, code's and
file's name into its GUID).  Sets are referenced by nothing: the second gets its own id, said.
"""

from __future__ import annotations

from qda.store.sets import set_document_ids, set_names

from refi_helpers import (CODE_B, SOURCE, USER, USER2, listing, make_qdpx, project_xml, run, selection,
                          text_source)

TEXT = "P01: We went to the station.\nP02: Nobody listened to us.\n"
OTHER = "P03: The prosecutor never called.\n"
SECOND_SOURCE = "bbbbbbbb-0000-0000-0000-000000000002"
NOTE = "eeeeeeee-0000-0000-0000-000000000001"
SET = "ffffffff-0000-0000-0000-000000000001"


def refused(tmp_path, qde: str, files: dict, *fragments: str) -> str:
    qdpx = make_qdpx(tmp_path / "joined.qdpx", qde, files)
    before = listing(tmp_path)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {qdpx}: "), result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert listing(tmp_path) == before
    return lines[0]


def imported(tmp_path, qde: str, files: dict):
    qdpx = make_qdpx(tmp_path / "joined.qdpx", qde, files)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 0, result.output
    return result.output, tmp_path / "target.qda"


def test_two_users_sharing_a_guid_are_refused(tmp_path):
    users = f'<Users><User guid="{USER}" name="Ana"/><User guid="{USER}" name="Ben"/></Users>'
    refused(tmp_path, project_xml(text_source(selection(0, 27)), users=users), {"sources/s1.txt": TEXT},
            USER, "'Ana'", "'Ben'")


def test_a_user_listed_twice_alike_is_one_coder(tmp_path):
    import qda

    users = f'<Users><User guid="{USER}" name="Ana"/><User guid="{USER}" name="Ana"/><User guid="{USER2}" name="Ben"/></Users>'
    _, path = imported(tmp_path, project_xml(text_source(selection(0, 27)), users=users), {"sources/s1.txt": TEXT})
    with qda.open_project(path) as project:
        coders = {c.id: c.name for c in project.coders()}
        assert sorted(coders.values()) == ["Ana", "Ben"]
        assert [coders[c.coder_id] for c in project.codings()] == ["Ana"]


def test_two_sources_sharing_a_guid_are_refused_naming_both(tmp_path):
    sources = (text_source(selection(0, 27)) +
               text_source(selection(0, 5, number=2), path="internal://s2.txt", name="Interview 2", guid=SOURCE))
    line = refused(tmp_path, project_xml(sources), {"sources/s1.txt": TEXT, "sources/s2.txt": OTHER},
                   SOURCE, "'Interview 1'", "'Interview 2'")
    assert "already exists" not in line


def test_two_notes_sharing_a_guid_are_refused(tmp_path):
    notes = (f'<Notes><Note guid="{NOTE}" name="First thoughts" creatingUser="{USER}">'
             f'<PlainTextContent>The station sent her home.</PlainTextContent></Note>'
             f'<Note guid="{NOTE}" name="Second thoughts" creatingUser="{USER2}">'
             f'<PlainTextContent>Compare with P02.</PlainTextContent></Note></Notes>')
    source = text_source(selection(0, 27), inner=f'<NoteRef targetGUID="{NOTE}"/>')
    refused(tmp_path, project_xml(source, notes=notes), {"sources/s1.txt": TEXT}, NOTE, "'First thoughts'",
            "'Second thoughts'")


def test_two_sets_sharing_a_guid_are_both_kept(tmp_path):
    import qda

    sets = (f'<Sets><Set guid="{SET}" name="Police"><MemberSource targetGUID="{SOURCE}"/></Set>'
            f'<Set guid="{SET}" name="Prosecutors"><MemberSource targetGUID="{SECOND_SOURCE}"/></Set></Sets>')
    sources = (text_source(selection(0, 27)) +
               text_source(selection(0, 5, code=CODE_B, number=2), path="internal://s2.txt", name="Interview 2",
                           guid=SECOND_SOURCE))
    output, path = imported(tmp_path, project_xml(sources, extra=sets), {"sources/s1.txt": TEXT, "sources/s2.txt": OTHER})
    assert f"set 'Prosecutors': its guid {SET} is the guid of another set" in output
    with qda.open_project(path) as project:
        members = {name: [project.document(d).name for d in set_document_ids(project, name)] for name in set_names(project)}
    assert members == {"Police": ["Interview 1"], "Prosecutors": ["Interview 2"]}
