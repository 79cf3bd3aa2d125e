"""Auto-code offers passages of speech, never an interview's header block (issue 15).

Real transcripts open with a block before the dialogue: a title, a date, who interviewed whom,
sometimes as ``# key: value`` lines (the sample), sometimes as plain ``Key: value`` lines (as
typed by hand or exported from a transcription service).  Segmentation stores that block as a
paragraph and, having no sentence end in it, as one "sentence"; auto-coding by sentence used to
offer the whole block as a passage when a search word was in it."""

from __future__ import annotations

import pytest

import qda
from qda.autocode import plan_autocode
from qda.ingest import import_files
from qda.navigation import compile_query, find_hits
from qda.tui.app import QdaApp

from .coded_sample import press, run, until

# Fictional: the header names the place of the interview, which the participant says again.
PLAIN_HEADER = (
    "Interview 7 - Huamanga\n"
    "Date: 12 May 2025\n"
    "Interviewer: R. Quispe\n"
    "Place: women's centre, Huamanga\n"
    "\n"
    "INTERVIEWER: How long have you worked in Huamanga?\n"
    "\n"
    "P07: Six years in Huamanga. Before that, in the coast.\n"
)
HASH_HEADER = "# Interview 8\n# Site: Huamanga\n# Date: 2025-05-13\n\nP08: I was born in Huamanga. I came back.\n"
NO_TURNS = "Field note. We reached Huamanga at noon. The office in Huamanga was closed.\n"


@pytest.fixture
def headed(tmp_path):
    files = []
    for name, text in (("P07_plain.txt", PLAIN_HEADER), ("P08_hash.txt", HASH_HEADER), ("N01_note.txt", NO_TURNS)):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    path = tmp_path / "headed.qda"
    with qda.create_project(path) as project:
        import_files(project, files, language="en")
        project.add_code("Place")
    return path


def plan_for(project, unit: str):
    pattern = compile_query("Huamanga")
    hits = [(d.id, find_hits(d.text, pattern)) for d in project.documents()]
    return plan_autocode(project, hits, unit, project.code("Place").id, "")


@pytest.mark.parametrize("unit", ["sentence", "turn", "paragraph", "hit"])
def test_no_passage_comes_from_a_header(headed, unit):
    with qda.open_project(headed) as project:
        texts = {d.id: d.text for d in project.documents()}
        first_turn = {d.id: (project.units(d.id, "turn") or [None])[0] for d in project.documents()}
        plan = plan_for(project, unit)
    header_hits = 0
    for document_id, text in texts.items():
        turn = first_turn[document_id]
        if turn is not None:
            header_hits += sum(1 for hit in find_hits(text, compile_query("Huamanga")) if hit[1] <= turn.start)
    assert header_hits == 3  # two in the plain header, one in the # header: the fixture is what the test says
    assert plan.header_hits == header_hits
    for document_id, start, end in plan.spans:
        turn = first_turn[document_id]
        assert turn is None or start >= turn.start, texts[document_id][start:end]
        assert "Date:" not in texts[document_id][start:end]
    # Speech is still coded: two hits in P07's turns, one in P08's, two in the note without turns.
    spoken = [texts[d][s:e] for d, s, e in plan.spans]
    assert sum(passage.count("Huamanga") for passage in spoken) == 5
    assert "3 hits in a header" in plan.note


def test_by_sentence_the_passages_are_sentences_of_speech(headed):
    with qda.open_project(headed) as project:
        texts = {d.name: d.text for d in project.documents()}
        ids = {d.id: d.name for d in project.documents()}
        plan = plan_for(project, "sentence")
    passages = sorted(texts[ids[d]][s:e] for d, s, e in plan.spans)
    assert passages == sorted(["How long have you worked in Huamanga?", "Six years in Huamanga.",
                               "I was born in Huamanga.", "We reached Huamanga at noon.",
                               "The office in Huamanga was closed."])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_preview_says_what_was_left_out_of_the_sample_header(sample_project_path, size):
    @run
    async def check():
        app = QdaApp(sample_project_path, "ana")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            with qda.open_project(sample_project_path) as project:
                document = project.document(app.document_id)
                first_turn = project.units(document.id, "turn")[0].start
            assert "police" in document.text[:first_turn]  # the sample's header has the word searched for
            await press(app, pilot, "a", *"police")
            screen = app.screen
            await until(pilot, lambda: screen.preview_current and screen.spans, "the preview of 'police'")
            shown = str(screen.query_one("#autocode-preview").content)
            assert "in a header (before the first speaker turn) left out" in shown
            assert "# Interview" not in shown and "# Role" not in shown
            await press(app, pilot, "escape")
    check()
