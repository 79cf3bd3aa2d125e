"""A query's quotes (qda.query.quotes) are the same whichever way their documents' codings are read
(qda.store.passage_codings: the whole index on code_id, one row a document, one row a coding when ids
differ in width), on both engines; and on a plain reference: the codes and coders of the codings a
passage shares a character with, its number among its document's distinct coded spans."""

from __future__ import annotations

import pytest

import qda
from qda.query.quotes import query_quote_rows
from qda.store import passage_codings, query_spans

pytestmark = pytest.mark.both_engines

QUERIES = ["Distrust OR Refusal OR Framing", "Distrust WITHIN 1 SENTENCES OF Framing", "Police"]


def ways(project, monkeypatch, query: str) -> list:
    rows = []
    for most, width in ((0.0, True), (1.0, True), (1.0, False)):
        monkeypatch.setattr(passage_codings, "MOST", most)
        if not width:
            def refuse(self, joined, count):
                raise ValueError("ids of several widths")
            monkeypatch.setattr(query_spans.JoinedIds, "of_joined", refuse)
            monkeypatch.setattr(passage_codings, "FEW_CODERS", 0)
        project.__dict__.pop("_qda_kept_passage_codings", None)
        rows.append(query_quote_rows(project, query, context=1))
    return rows


def reference(project, rows) -> list[tuple]:
    """(number, codes, coders) of each passage by plain loops over every coding."""
    paths = project.codebook.paths
    coders = {c.id: c.name for c in project.coders()}
    names = {d.name: d.id for d in project.documents()}
    codings = project._db.execute("SELECT document_id, start_offset, end_offset, code_id, coder_id FROM codings").fetchall()
    found = []
    for document, start, end in zip(rows.column("document"), rows.column("start"), rows.column("end")):
        mine = [c for c in codings if c[0] == names[document]]
        met = [c for c in mine if c[1] < end and c[2] > start]
        distinct = sorted({(c[1], c[2]) for c in mine})
        number = distinct.index((start, end)) + 1 if (start, end) in distinct else None
        found.append((number, "; ".join(sorted({paths[c[3]] for c in met})), ", ".join(sorted({coders[c[4]] for c in met}))))
    return found


@pytest.mark.parametrize("query", QUERIES)
def test_a_querys_quotes_are_alike_every_way_and_the_plain_reference(hand, monkeypatch, query):
    first, *others = ways(hand, monkeypatch, query)
    assert len(first) > 0 and all(other.rows == first.rows for other in others)
    got = list(zip(first.column("number"), first.column("codes"), first.column("coders")))
    assert got == reference(hand, first)


def test_the_coded_sample_alike_every_way(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        top = next(code.name for code, depth in project.codebook.walk() if depth == 0)
        first, *others = ways(project, monkeypatch, f'"{top}"')
        assert len(first) > 20 and all(other.rows == first.rows for other in others)
        assert any(n is None for n in first.column("number")) or max(first.column("number")) > 5
