"""Every memo in one place: listed with what it is on, searched, exported; documents cited, never named."""

from __future__ import annotations

import json
import stat

import pytest
from click.testing import CliRunner

import qda
from qda.analysis.memos import memos
from qda.cli import main
from qda.errors import QdaError
from qda.export.memos import markdown, write_memos


@pytest.fixture
def noted(hand_path):
    with qda.open_project(hand_path) as project:
        project.set_memo("project", "", "Second round after P02_ngo was re-read.", "ana")
        project.set_memo("document", "P02_ngo", "La Policía is named twice; see P01_police too.", "ben")
        project.set_memo("code", "Framing", "Framing overlaps Distrust more than expected.", "ana")
    return hand_path


def test_every_kind_of_memo_with_what_it_is_on(noted):
    with qda.open_project(noted) as project:
        table = memos(project)
    assert table["kind"].tolist() == ["project", "document", "code", "coding"]
    coding = table.iloc[3]
    # P01's distinct coded passages by (start, end): s1-s2, s2, s5, s5-s6, s6: the memo's passage s5 is the third
    assert (coding.ref, coding.passage, coding.coder, coding.memo) == ("P01:3", "They fear the police.", "ana", "fear, not distrust?")
    assert coding.attached_to == "P01:3 · Police > Distrust" and coding.code == "Police > Distrust"
    document = table.iloc[1]
    assert (document.ref, document.attached_to) == ("P02", "P02")
    assert table.iloc[2].attached_to == "Family > Framing"


def test_document_names_inside_memos_become_references_unless_names_are_asked_for(noted):
    with qda.open_project(noted) as project:
        cited = memos(project)
        named = memos(project, names=True)
    assert cited.iloc[0].memo == "Second round after P02 was re-read."
    assert cited.iloc[1].memo == "La Policía is named twice; see P01 too."
    assert "P01_police" not in " ".join(cited["memo"]) + " ".join(cited["attached_to"])
    assert named.iloc[1].attached_to == "P02_ngo" and named.iloc[3].attached_to == "P01_police:3 · Police > Distrust"


def test_search_ignores_case_and_accents_and_reads_what_a_memo_is_on(noted):
    with qda.open_project(noted) as project:
        assert memos(project, search="POLICIA")["kind"].tolist() == ["document"]  # "La Policía"
        assert memos(project, search="the POLICE")["kind"].tolist() == ["coding"]  # its passage
        assert memos(project, search="framing")["kind"].tolist() == ["code"]
        assert memos(project, search="Distrust", kinds="coding")["ref"].tolist() == ["P01:3"]
        assert memos(project, coder="ben")["kind"].tolist() == ["document"]
        with pytest.raises(QdaError, match="no coder 'zoe'"):
            memos(project, coder="zoe")
        with pytest.raises(QdaError, match="unknown memo kind 'quote'"):
            memos(project, kinds="quote")


def test_markdown_and_docx_hold_every_memo_and_its_passage(noted, tmp_path):
    with qda.open_project(noted) as project:
        table = memos(project)
    text = markdown(table, "Memos: hand")
    assert text.index("## On the project") < text.index("## On documents") < text.index("## On codes") < \
        text.index("## On coded passages")
    assert "### P01:3 · Police > Distrust" in text and "> “They fear the police.”" in text
    path = write_memos(table, tmp_path / "memos.docx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    from docx import Document

    paragraphs = [(p.style.name, p.text) for p in Document(str(path)).paragraphs]
    assert ("Heading 2", "P01:3 · Police > Distrust") in paragraphs
    assert ("Memo Passage", "“They fear the police.”") in paragraphs
    assert ("Normal", "fear, not distrust?") in paragraphs
    assert not any("P01_police" in t for _, t in paragraphs)


def test_a_memo_with_control_characters_still_writes_a_docx(hand_path, tmp_path):
    with qda.open_project(hand_path) as project:
        project.set_memo("project", "", "pasted\x0bfrom a form\x07", "ana")
        table = memos(project)
    write_memos(table, tmp_path / "odd.docx")
    from docx import Document

    assert any(p.text == "pasted from a form " for p in Document(str(tmp_path / "odd.docx")).paragraphs)


def test_the_cli_lists_searches_and_exports(noted, tmp_path):
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["memos", str(noted), "--search", "police", "--format", "json"]).output)
    # the document memo named P01_police before it was cited: the hidden name is not searched
    assert [(r["kind"], r["ref"]) for r in listed] == [("coding", "P01:3")]
    assert "document_id" not in listed[0]
    out = tmp_path / "memos.md"
    result = runner.invoke(main, ["memos", str(noted), "--kind", "coding", "--export", str(out)])
    assert result.exit_code == 0 and result.output == f"Wrote 1 memos to {out}.\n"
    assert "P01:3" in out.read_text(encoding="utf-8") and "On the project" not in out.read_text(encoding="utf-8")
    bad = runner.invoke(main, ["memos", str(noted), "--export", str(tmp_path / "memos.pdf")])
    assert bad.exit_code == 2 and "memos.pdf: cannot write memos as '.pdf'" in bad.output
    assert not (tmp_path / "memos.pdf").exists()
