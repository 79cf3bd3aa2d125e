"""Quotes of the hand-built project (tests/analysis/handmade.py), selected and written, then read back.

Passages of P01 numbered in document order, all codes and coders: 1 = s1-s2 (b2), 2 = s2 (a1, a7),
3 = s5 (a2, b1), 4 = s5-s6 (a4), 5 = s6 (a3).  P02: 1 = t1 (a5), 2 = t1-t2 (a6), 3 = t2 (b3), 4 = t4 (b4).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from docx import Document

from qda.errors import QdaError
from qda.export.quotes import quotes, short_names, write_quotes


def test_one_code_in_document_order(hand):
    frame = quotes(hand, "Distrust")
    assert frame["ref"].tolist() == ["P01:2", "P01:3", "P01:4", "P02:1"]
    three = frame.iloc[1]
    # s5 coded by ana (with a memo) and by ben: one quote listing both
    assert (three["text"], three["coders"], three["memo"], three["speaker"]) == (
        "They fear the police.", "ana, ben", "fear, not distrust?", "P01")
    # paragraph 4 of P01; line 7 (lines: 1 INTERVIEWER, 2 blank, 3 P01, 4 blank, 5 INTERVIEWER, 6 blank, 7 P01)
    assert (three["paragraph"], three["line"], three["time"]) == (4, 7, "")
    # a4 (s5-s6) meets a3 Framing: the codes it carries
    assert frame.iloc[2]["codes"] == "Family > Framing; Police > Distrust"


def test_filters_do_not_renumber(hand):
    assert quotes(hand, "Distrust", where="role=ngo")["ref"].tolist() == ["P02:1"]
    assert quotes(hand, "Distrust", coder="ben")["ref"].tolist() == ["P01:3"]
    # Distrust passages that share a character with Framing: s5-s6 (with s6) and t1 (with t1-t2), not s5 alone
    assert quotes(hand, "Distrust", with_code="Framing")["ref"].tolist() == ["P01:4", "P02:1"]


def test_subtree_headings_in_codebook_order(hand):
    frame = quotes(hand, "Police")
    assert frame["code_path"].drop_duplicates().tolist() == ["Police", "Police > Distrust", "Police > Refusal"]
    assert quotes(hand, "Police", subtree=False)["ref"].tolist() == ["P02:4"]


def test_context_stays_in_the_turn(hand):
    frame = quotes(hand, "Distrust", context=1).set_index("ref")
    # s2's neighbours s1 and s3 are in the same turn
    assert (frame.loc["P01:2", "before"], frame.loc["P01:2", "after"]) == ("We take every report.", "The files pile up.")
    # s5 opens its turn: nothing before it (the interviewer's question is another turn)
    assert (frame.loc["P01:3", "before"], frame.loc["P01:3", "after"]) == ("", "Their families push them to forgive.")


def test_attributes_only_when_asked(hand):
    assert "role" not in quotes(hand, "Distrust").columns
    assert "pseudonym" not in quotes(hand, "Distrust", attributes=["role"]).columns
    assert quotes(hand, "Distrust", attributes=["role"])["role"].tolist() == ["police", "police", "police", "ngo"]


def test_short_names_never_fall_back_to_the_file_name():
    # two documents share the prefix P02: each gets a letter in import order, never the rest of its name
    assert short_names(["P01_police", "P02_ngo_maria", "P02_ngo_b", "Interview 3"]) == {
        "P01_police": "P01", "P02_ngo_maria": "P02a", "P02_ngo_b": "P02b", "Interview 3": "Interview"}
    # a letter that would copy another document's short name is skipped
    assert short_names(["P05_x", "P05_y", "P05a"]) == {"P05_x": "P05b", "P05_y": "P05c", "P05a": "P05a"}
    many = short_names([f"G1_part{n}" for n in range(28)])
    assert list(many.values())[25:] == ["G1z", "G1aa", "G1ab"]


@pytest.mark.parametrize("options, message", [
    ({"code": "Nothing"}, "no code 'Nothing'"),
    ({"code": "Distrust", "with_code": "Nothing"}, "no code 'Nothing'"),
    ({"code": "Distrust", "attributes": ["age"]}, "no document attribute 'age'"),
    ({"code": "Distrust", "coder": "carl"}, "no coder 'carl'"),
])
def test_unknown_names(hand, options, message):
    with pytest.raises(QdaError, match=message):
        quotes(hand, **options)


def test_docx_read_back(hand, tmp_path):
    frame = quotes(hand, "Police", context=1, attributes=["role"])
    unasked = Document(write_quotes(frame, tmp_path / "plain.docx", hand.codebook, title="Quotes: Police"))
    assert not [p for p in unasked.paragraphs if "Memo:" in p.text or "fear, not distrust?" in p.text]
    path = write_quotes(frame, tmp_path / "quotes.docx", hand.codebook, title="Quotes: Police", memos=True)
    document = Document(path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Police", "Police > Distrust", "Police > Refusal"]
    assert document.paragraphs[0].text == "Quotes: Police"
    # definitions under their headings
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Police > Distrust") + 1] == "Doubt that the police will help."
    blocks = [p.text for p in document.paragraphs if p.style.name == "Quote Block"]
    references = [p.text for p in document.paragraphs if p.style.name == "Quote Reference"]
    assert len(blocks) == len(references) == 7
    assert blocks[1] == "[…] We take every report. “Some women never come back.” The files pile up. […]"
    # references in order, each with its speaker and the asked-for attribute
    assert [r.split(" ")[0] for r in references] == ["P02:4", "P01:2", "P01:3", "P01:4", "P02:1", "P01:1", "P01:2"]
    assert references[2].startswith("P01:3 — P01 (role police); paragraph 4, line 7; coded by ana, ben")
    assert "Memo: fear, not distrust?" in references[2]
    assert document.paragraphs[1].paragraph_format.left_indent is None
    assert document.styles["Quote Block"].paragraph_format.left_indent.cm == pytest.approx(1.0, abs=0.01)


def test_csv_jsonl_and_markdown(hand, tmp_path):
    frame = quotes(hand, "Distrust")
    back = pd.read_csv(write_quotes(frame, tmp_path / "q.csv"), keep_default_na=False)
    assert back["ref"].tolist() == ["P01:2", "P01:3", "P01:4", "P02:1"]
    assert back["text"].tolist() == frame["text"].tolist()
    # no offsets, no attribute nobody asked for, and not the full document name (it names role and site)
    assert "start" not in back.columns and "pseudonym" not in back.columns and "document" not in back.columns
    assert not back.apply(lambda column: column.astype(str).str.contains("P01_police")).any().any()
    lines = (write_quotes(frame, tmp_path / "q.jsonl")).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["ref"] for line in lines] == ["P01:2", "P01:3", "P01:4", "P02:1"]
    markdown = write_quotes(frame, tmp_path / "q.md", hand.codebook, title="Distrust").read_text(encoding="utf-8")
    assert markdown.startswith("# Distrust\n\n## Police > Distrust\n\n*Doubt that the police will help.*")
    assert "> “They fear the police.”\n> — P01:3, P01; paragraph 4, line 7; coded by ana, ben" in markdown
    with pytest.raises(QdaError, match="cannot write quotes as '.pdf'"):
        write_quotes(frame, tmp_path / "q.pdf")


@pytest.mark.parametrize("attribute", ["age group", "class", "_site", "2nd interviewer", "Año"])
def test_an_attribute_named_unlike_a_python_name_is_written_with_each_quote(hand, tmp_path, attribute):
    # attributes come from spreadsheets' headers: a space, a digit first, a keyword; rows read by name
    # (pandas' itertuples renames such fields _1, _2...) lost them from .md and .docx without a word
    documents = [d.id for d in hand.documents()]
    hand.set_attributes({document: {attribute: f"value {n}"} for n, document in enumerate(documents)})
    frame = quotes(hand, "Distrust", attributes=[attribute])
    markdown = write_quotes(frame, tmp_path / "q.md", hand.codebook).read_text(encoding="utf-8")
    assert f"> — P01:3, P01 ({attribute} value " in markdown
    references = [p.text for p in Document(write_quotes(frame, tmp_path / "q.docx", hand.codebook)).paragraphs
                  if p.style.name == "Quote Reference"]
    assert len(references) == 4 and all(f" ({attribute} value " in r for r in references)
