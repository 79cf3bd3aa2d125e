"""The narrow reads of qda.store.queries return exactly the rows of the wide reads they replace, filtered."""

from __future__ import annotations

import pandas as pd
import pytest

import qda
from qda.store import queries


def normal(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    frame = frame.astype({c: str for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)})
    return frame.sort_values(keys).reset_index(drop=True)


@pytest.fixture
def project(coded_path):
    with qda.open_project(coded_path) as opened:
        yield opened


def some_documents(project) -> list[str]:
    """A third of the documents, with the one that has subtitle cues among them."""
    ids = [d.id for d in project.documents()]
    with_cues = {d for d in ids if project.cues(d)}
    assert with_cues, "the sample has a subtitled interview"
    return sorted(set(ids[1::3]) | with_cues)


def same(narrow: pd.DataFrame, wide: pd.DataFrame) -> None:
    assert len(narrow) > 0
    pd.testing.assert_frame_equal(narrow.reset_index(drop=True), wide.reset_index(drop=True))


@pytest.mark.parametrize("warm", [False, True], ids=["read from the file", "from what the project keeps"])
def test_codings_of_some_documents(project, warm):
    wanted = some_documents(project)
    if warm:
        queries.coding_spans(project)
    else:
        project.__dict__.pop("_qda_coding_spans", None)
    narrow = queries.coding_spans_of_documents(project, wanted)
    project.__dict__.pop("_qda_coding_spans", None)
    wide = queries.coding_spans(project)
    expected = wide[wide["document_id"].isin(wanted)]
    assert len(narrow) > 0 and set(narrow["document_id"].astype(str)) <= set(wanted)
    assert normal(narrow, ["row"]).equals(normal(expected, ["row"])[list(narrow.columns)])


def test_turns_and_texts_of_some_documents(project):
    wanted = some_documents(project)
    turns = queries.turn_speakers(project)
    same(queries.turn_speakers(project, wanted), turns[turns["document_id"].isin(wanted)])
    texts = queries.document_bodies(project, wanted)
    assert texts == {d.id: d.text for d in project.documents() if d.id in wanted}


def test_many_ids_are_read_in_chunks(project, monkeypatch):
    monkeypatch.setattr(queries, "CHUNK", 2)
    wanted = [d.id for d in project.documents()]
    turns = queries.turn_speakers(project)
    same(queries.turn_speakers(project, wanted), turns)
