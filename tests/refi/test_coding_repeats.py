"""A coding the standard cannot hold, and the same coding twice.

The REFI-QDA schema's ``CodingType`` holds exactly one ``CodeRef``; a ``<Coding>`` naming two
codes (a file edited by hand, or two exports pasted together) was read as its last code, the other
dropped without a word: now refused in one line naming the file, the source, the coding and both
codes.  Two codings of one code by one coder on one passage (selections repeated when two exports
are joined) were both kept, so every count of that passage doubled: they are kept once, their memos
joined, and said.  Two coders' codings of one passage stay two: that is what agreement compares.
"""

from __future__ import annotations

import qda

from refi_helpers import CODE_A, CODE_B, USER, USER2, listing, make_qdpx, project_xml, run, selection, text_source

TEXT = "P01: Fuimos a la comisaría dos veces.\nP02: Nadie tomó la denuncia.\n"
PASSAGE = (5, 37)  # "Fuimos a la comisaría dos veces."
NOTE = "eeeeeeee-0000-0000-0000-000000000001"


def imported(tmp_path, selections: str, notes: str = ""):
    qdpx = make_qdpx(tmp_path / "joined.qdpx", project_xml(text_source(selections), notes=notes), {"sources/s1.txt": TEXT})
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 0, result.output
    return result.output, tmp_path / "target.qda"


def test_a_coding_naming_two_codes_is_refused_in_one_line(tmp_path):
    two = selection(*PASSAGE).replace(f'<CodeRef targetGUID="{CODE_A}"/>',
                                      f'<CodeRef targetGUID="{CODE_A}"/><CodeRef targetGUID="{CODE_B}"/>')
    qdpx = make_qdpx(tmp_path / "two.qdpx", project_xml(text_source(two)), {"sources/s1.txt": TEXT})
    before = listing(tmp_path)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {qdpx}: source 'Interview 1': coding dddddddd-")
    assert CODE_A in lines[0] and CODE_B in lines[0] and "allows one" in lines[0]
    assert listing(tmp_path) == before  # nothing half-written


def test_the_same_coding_twice_is_kept_once_with_both_memos_and_said(tmp_path):
    notes = (f'<Notes><Note guid="{NOTE}" creatingUser="{USER}"><PlainTextContent>Dijo dos, no tres.'
             '</PlainTextContent></Note></Notes>')
    output, path = imported(tmp_path, selection(*PASSAGE) + selection(*PASSAGE, number=2, memo=NOTE)
                            + selection(38, 66, code=CODE_B, number=3), notes=notes)
    assert "source 'Interview 1': 1 coding(s) repeat another coding's code, coder and passage" in output
    with qda.open_project(path) as project:
        document = project.document("Interview 1")
        codings = sorted(project.codings(), key=lambda c: c.start)
        assert [(document.text[c.start:c.end], c.code_id) for c in codings] == [
            ("Fuimos a la comisaría dos veces.", CODE_A), ("P02: Nadie tomó la denuncia.", CODE_B)]
        assert codings[0].memo == "Dijo dos, no tres."


def test_two_coders_on_one_passage_stay_two(tmp_path):
    output, path = imported(tmp_path, selection(*PASSAGE) + selection(*PASSAGE, user=USER2, number=2))
    assert "repeat another coding" not in output
    with qda.open_project(path) as project:
        assert sorted(c.coder_id for c in project.codings()) == sorted([USER, USER2])
