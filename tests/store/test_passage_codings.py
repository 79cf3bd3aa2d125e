"""The set-wise reads of qda.store.passage_codings (one row a code, one row a document, one row a
coding when ids differ in width) give the codings a plain row-by-row read gives, on both engines;
passage numbers and the labels of what passages meet are those of plain loops."""

from __future__ import annotations

import random

import numpy as np
import pytest

import qda
from qda.store import passage_codings, queries, query_spans
from qda.store.coding_arrays import CodingArrays
from qda.store.passage_codings import Ids, codings_of_codes, codings_of_documents, labels_met, ordered_keys, passage_numbers


def plain(project, where: str = "", params=()) -> list[tuple]:
    """(document id, start, end, code id, coder's name) of each coding, sorted."""
    return sorted(project._db.execute(f"SELECT document_id, start_offset, end_offset, code_id, name FROM codings "
                                      f"JOIN coders ON coders.id = coder_id {where}", params).fetchall())


def as_rows(codings: CodingArrays) -> list[tuple]:
    return sorted(zip([codings.documents[d] for d in codings.document.tolist()], codings.start.tolist(),
                      codings.end.tolist(), [codings.codes[c] for c in codings.code.tolist()],
                      [codings.coders[c] for c in codings.coder.tolist()]))


@pytest.fixture(params=["ids laid end to end", "one row a coding"])
def widths(request, monkeypatch):
    """Both ways of cutting the ids apart: a project whose ids differ in width reads row by row."""
    if request.param == "one row a coding":
        def refuse(self, joined, count):
            raise ValueError("ids of several widths")
        monkeypatch.setattr(query_spans.JoinedIds, "of_joined", refuse)
    return request.param


@pytest.mark.parametrize("most", [0.0, 1.0])  # the whole index on code_id read once, or one row a document
def test_codings_of_documents_are_the_plain_rows(coded_path, monkeypatch, widths, most):
    monkeypatch.setattr(passage_codings, "MOST", most)
    monkeypatch.setattr(queries, "CHUNK", 3)  # documents named a few at a time
    with qda.open_project(coded_path) as project:
        documents = [d.id for d in project.documents()]
        for wanted in (documents, documents[::3]):
            expected = plain(project, f"WHERE document_id IN ({', '.join('?' * len(wanted))})", wanted)
            assert len(expected) > 30
            assert as_rows(codings_of_documents(project, wanted)) == expected


def test_codings_of_codes_are_the_plain_rows(coded_path, monkeypatch, widths):
    monkeypatch.setattr(passage_codings, "CHUNK", 2)
    with qda.open_project(coded_path) as project:
        ids = Ids(project)
        codes = [row[0] for row in project._db.execute(
            "SELECT code_id FROM codings GROUP BY code_id ORDER BY COUNT(*) DESC, code_id LIMIT 5")]
        expected = plain(project, f"WHERE code_id IN ({', '.join('?' * len(codes))})", codes)
        assert len(expected) > 10 and as_rows(codings_of_codes(project, codes, ids)) == expected
        assert len(codings_of_codes(project, [], ids)) == 0


def test_no_codings_read_as_empty_arrays(sample_project_path):
    with qda.open_project(sample_project_path) as project:
        documents = [d.id for d in project.documents()]
        assert len(codings_of_documents(project, documents)) == 0
        assert len(codings_of_documents(project, documents[:1])) == 0


def numbers_by_loop(codings: list[tuple[int, int, int]], passages: list[tuple[int, int, int]]):
    distinct = sorted(set(codings))
    return ([sum(1 for c in distinct if c[0] == p[0] and c[1:] <= p[1:]) for p in passages],
            [p in distinct for p in passages])


@pytest.mark.parametrize("huge", [False, True])  # spans laid on one line, or ranked (texts of 2**29 characters)
def test_passage_numbers_count_distinct_coded_spans(huge):
    rng = random.Random(7)
    scale = 2 ** 29 // 300 if huge else 1
    codings = [(rng.randrange(20), s * scale, (s + rng.randrange(1, 30)) * scale)
               for s in (rng.randrange(300) for _ in range(200))]
    codings += codings[:40]  # the same passage coded twice counts once
    passages = [rng.choice(codings) for _ in range(50)] + [(1, 5 * scale, 6 * scale), (3, 0, 1), (2, 299 * scale, 400 * scale)]
    arrays = [np.array(column, dtype=np.int64) for column in zip(*codings)]
    wanted = [np.array(column, dtype=np.int64) for column in zip(*passages)]
    keys = ordered_keys(*arrays)[0]
    stride = int(arrays[2].max()) + 1
    on_line = (arrays[0] * stride + arrays[1]) * stride + arrays[2]
    assert (keys == on_line).all() != huge and (not huge or keys.max() < 20 * len(codings))  # the way meant was taken
    coded = CodingArrays([], [], [], arrays[0], np.zeros_like(arrays[0]), np.zeros_like(arrays[0]), *arrays[1:])
    numbers, exact = passage_numbers(coded, *wanted)
    assert (numbers.tolist(), exact.tolist()) == numbers_by_loop(codings, passages)
    assert exact[:50].all() and numbers[:50].min() >= 1


def test_labels_met_are_sorted_distinct_names_per_passage():
    names = ["b", "Á", "a", "ä", "B"]
    rng = random.Random(3)
    passage = sorted(rng.randrange(6) for _ in range(40))
    label = [rng.randrange(len(names)) for _ in passage]
    found = labels_met(np.array(passage, dtype=np.int64), np.array(label, dtype=np.int64), names, 8, "; ")
    expected = ["; ".join(sorted({names[l] for p, l in zip(passage, label) if p == i})) for i in range(8)]
    assert found == expected and found[7] == "" and any("; " in text for text in found)


@pytest.mark.parametrize("most", [0.0, 1.0])  # every coding read in one row, or one row a document
def test_spans_alone_are_the_plain_rows_spans(coded_path, monkeypatch, widths, most):
    monkeypatch.setattr(passage_codings, "MOST", most)
    with qda.open_project(coded_path) as project:
        documents = [d.id for d in project.documents()]
        for wanted in (documents, documents[::3]):
            expected = [row[:3] for row in plain(project, f"WHERE document_id IN ({', '.join('?' * len(wanted))})", wanted)]
            found = codings_of_documents(project, wanted, labels=False)
            packed = (found.code >= 0).all() and (found.coder >= 0).all()  # the packs hold them: given all the same
            assert len(expected) > 30 and (packed or set(found.code.tolist()) == set(found.coder.tolist()) == {-1})
            assert sorted(zip([found.documents[d] for d in found.document.tolist()], found.start.tolist(),
                              found.end.tolist())) == sorted(expected)
