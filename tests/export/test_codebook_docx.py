"""The codebook appendix, read back with python-docx."""

from __future__ import annotations

from docx import Document

from qda.export import write_codebook_file


def test_appendix(hand, tmp_path):
    path = tmp_path / "appendix.docx"
    write_codebook_file(hand.codebook, path)
    paragraphs = Document(path).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Hand-made"
    assert texts[1] == "A codebook small enough to count by hand."
    tree = [p.text for p in paragraphs if p.style.name == "Codebook Tree"]
    # outline numbers in codebook order, colour swatches first
    assert tree == ["■ 1  Police", "■ 1.1  Distrust", "■ 1.2  Refusal", "■ 2  Family", "■ 2.1  Framing", "■ 3  Services"]
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[2:5] == [("Heading 2", "1  Police"), ("Heading 3", "1.1  Distrust"), ("Heading 3", "1.2  Refusal")]
    police = texts.index("1  Police")
    assert texts[police + 1: police + 5] == ["Definition: What the police do.", "When to use: Talk about officers.",
                                             "When not to use: Not for courts.", "Example: “The officer laughed.”"]
    assert texts[texts.index("1.1  Distrust") + 1] == "Police > Distrust"
