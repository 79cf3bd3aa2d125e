"""Words counted over many documents at once (qda.analysis._select.WordIndex) agree with qda.text, text by text."""

from __future__ import annotations

import numpy as np
import pytest

import qda
from qda.analysis import _select
from qda.ingest.parsed import ParsedDocument
from qda.text import WORD, sha256

TEXTS = [
    "ANA: well-known facts, the comisaría's door.\n\nLUIS: no",
    "-leading hyphen and trailing apostrophe' then 'quoted' words",
    "",
    "números 123 y 4,5 — ¿sí? 🙂 emoji-word rock'n'roll",
    "x",
    "\U0001d400\U0001d401-word and 𝐀 alone",  # astral letters: the UTF-32 path
]


def project_of(tmp_path, texts):
    project = qda.create_project(tmp_path / "words.qda")
    ids = project.add_documents([
        ParsedDocument(name=f"D{i}", text=t, sha256=sha256(t), words=len(t.split()), language="en", source=f"D{i}.txt",
                       turns=[], sentences=[], paragraphs=[], attributes={}) for i, t in enumerate(texts)])
    return project, ids


@pytest.mark.parametrize("batch", [1, 30, 10_000_000], ids=["a text a batch", "a few a batch", "one batch"])
def test_batched_scan_matches_the_word_pattern_of_each_text(tmp_path, monkeypatch, batch):
    monkeypatch.setattr(_select, "BATCH_CHARACTERS", batch)
    project, ids = project_of(tmp_path, TEXTS)
    with project:
        index = _select.WordIndex(project, ids)
        for document_id, text in zip(ids, TEXTS):
            expected = [m.start() for m in WORD.finditer(text)]
            starts, length = project._qda_word_starts[document_id]
            assert starts.tolist() == expected and length == len(text)
        # every word of every text, counted over each whole text through the joined index
        counts = index.count(ids, np.zeros(len(ids), np.int64), np.array([len(t) for t in TEXTS], np.int64))
        assert counts.tolist() == [len(WORD.findall(t)) for t in TEXTS]


def test_only_the_named_texts_are_read(tmp_path):
    project, ids = project_of(tmp_path, TEXTS)
    with project:
        _select.WordIndex(project, [ids[1]])
        assert set(project._qda_word_starts) == {ids[1]}
