"""Whole records in one transaction: a large batch of codings into a new project takes the bulk
path (indexes dropped and rebuilt) and must end exactly as the row-by-row path would."""

from __future__ import annotations

import random
import sqlite3
import uuid

import pytest

import qda
from qda.errors import QdaError
from qda.ingest.parsed import ParsedDocument
from qda.model import Code, Codebook, Coder, Coding
from qda.store.exchange import create_from_records
from qda.store.records import BULK_CODINGS, ProjectRecords, read_records
from qda.text import sha256


def records(n_codings: int, seed: int = 3, bad_code: bool = False) -> ProjectRecords:
    rng = random.Random(seed)
    new_id = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    coders = [Coder(new_id(), name) for name in ("ana", "luis")]
    codes = [Code(new_id(), f"Code {i}", None, position=i) for i in range(5)]
    texts = [f"P{d:02d}: " + " ".join(["la denuncia quedó en nada"] * 400) for d in range(3)]
    documents = [ParsedDocument(name=f"Interview {d}", text=t, sha256=sha256(t), words=len(t.split()), language="es",
                                source=f"{d}.txt", id=new_id()) for d, t in enumerate(texts)]
    codings = []
    for _ in range(n_codings):
        document = rng.choice(documents)
        start = rng.randrange(len(document.text) - 50)
        codings.append(Coding(new_id(), document.id, rng.choice(codes).id, rng.choice(coders).id, start,
                              start + rng.randint(1, 50), "2025-01-01T00:00:00+00:00", ""))
    if bad_code:
        codings[-1] = Coding(new_id(), documents[0].id, new_id(), coders[0].id, 0, 5, "2025-01-01T00:00:00+00:00", "")
    return ProjectRecords(name="Bulk", codebook=Codebook(codes=tuple(codes)), coders=coders, documents=documents,
                          codings=codings)


def indexes(path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return set(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'codings'"))


def test_bulk_insert_gives_every_coding_and_the_schema_indexes(tmp_path):
    small, large = records(50), records(BULK_CODINGS + 10)
    with create_from_records(tmp_path / "small.qda", small, "row by row"):
        pass
    with create_from_records(tmp_path / "large.qda", large, "bulk"):
        pass
    assert indexes(tmp_path / "large.qda") == indexes(tmp_path / "small.qda")
    assert {name for name, _sql in indexes(tmp_path / "large.qda")} >= {"codings_document", "codings_code_document_coder", "codings_coder"}
    with qda.open_project(tmp_path / "large.qda") as project:
        stored = read_records(project, units=False).codings
        assert sorted(stored, key=lambda c: c.id) == sorted(large.codings, key=lambda c: c.id)
        document = large.documents[1]
        plan = project._db.execute("EXPLAIN QUERY PLAN SELECT * FROM codings WHERE document_id = ? AND start_offset > 10",
                                   (document.id,)).fetchall()
        assert any("codings_document" in row[-1] for row in plan)   # the rebuilt index is the one used
        assert len(project.codings(document=document.id)) == sum(c.document_id == document.id for c in large.codings)


def test_a_bad_row_in_a_bulk_insert_leaves_no_file(tmp_path):
    with pytest.raises(QdaError, match="nothing was created"):
        create_from_records(tmp_path / "bad.qda", records(BULK_CODINGS + 10, bad_code=True), "bulk")
    assert list(tmp_path.iterdir()) == []
