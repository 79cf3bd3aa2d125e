"""Quotes of a subtitled transcript carry the cue's time; a unit the documents lack is an error."""

from __future__ import annotations

import pytest

import qda
from qda.analysis import cooccurrence
from qda.errors import QdaError
from qda.export.quotes import quotes
from qda.ingest import import_files

VTT = """WEBVTT

00:00:04.000 --> 00:00:09.500
<v INTERVIEWER>Could you tell me about your work?

00:01:14.000 --> 00:01:20.000
<v P12>We run workshops. Nobody from the state comes.
"""

PLAIN = "We run workshops.\n\nNobody from the state comes.\n"

CODEBOOK = "name: Tiny\ncodes:\n  - name: Absent state\n  - name: Workshops\n"


def test_time_of_a_quote_in_a_subtitled_transcript(tmp_path):
    (tmp_path / "P12_ngo.vtt").write_text(VTT, encoding="utf-8")
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    with qda.create_project(tmp_path / "t.qda", tmp_path / "codebook.yaml") as project:
        import_files(project, [tmp_path / "P12_ngo.vtt"], language="en")
        text = project.document("P12_ngo").text
        start = text.index("Nobody from the state comes.")
        project.add_coding("P12_ngo", "Absent state", start, start + len("Nobody from the state comes."), "ana")
        frame = quotes(project, "Absent state")
        # the passage lies in the cue that starts at 1 min 14 s
        assert frame[["ref", "time", "speaker"]].values.tolist() == [["P12:1", "00:01:14", "P12"]]


def test_a_unit_the_documents_lack(tmp_path):
    (tmp_path / "D1_notes.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    with qda.create_project(tmp_path / "t.qda", tmp_path / "codebook.yaml") as project:
        import_files(project, [tmp_path / "D1_notes.txt"], language="en")
        project.add_coding("D1_notes", "Workshops", 0, 17, "ana")
        project.add_coding("D1_notes", "Absent state", 0, 30, "ana")
        # no speaker labels, so no turns
        with pytest.raises(QdaError, match="the selected documents have no speaker turns"):
            cooccurrence(project, unit="turn")
        assert cooccurrence(project, unit="paragraph")["count"].tolist() == [1]
