"""Read-only queries the analysis and exports need beyond the Project interface.

All SQL of qda lives in ``qda.store``; these take an open ``Project``."""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter
from typing import Iterator

import pandas as pd

from .connection import snapshot


CHUNK = 500  # document ids a query names at once (SQLite allows at least 999 parameters)


def _rows_of_documents(project, sql: str, document_ids) -> list[tuple]:
    """The rows of ``sql`` for the named documents only: ``{ids}`` in ``sql`` takes the placeholders
    of a chunk of ids, so that a selection of a few documents reads only their rows (by primary key).
    Chunks go in id order, so rows ordered by document_id in ``sql`` are in that order overall."""
    ids = sorted(set(document_ids))
    rows: list[tuple] = []
    for first in range(0, len(ids), CHUNK):
        chunk = ids[first:first + CHUNK]
        rows += project._db.execute(sql.format(ids=", ".join("?" * len(chunk))), chunk).fetchall()
    return rows


def cues_frame(project, document_ids=None) -> pd.DataFrame:
    """Subtitle cues of every document (or of ``document_ids`` only): document_id, start, end, time_start, time_end."""
    rows = _in_document_order(project, "SELECT document_id, start_offset, end_offset, time_start, time_end FROM cues",
                              document_ids)
    return pd.DataFrame(rows, columns=["document_id", "start", "end", "time_start", "time_end"])


def _in_document_order(project, select: str, document_ids) -> list:
    """The rows of ``select`` (a table with document_id and idx) in document and index order, for every
    document or for ``document_ids`` only."""
    if document_ids is None:
        return project._db.execute(f"{select} ORDER BY document_id, idx").fetchall()
    return _rows_of_documents(project, f"{select} WHERE document_id IN ({{ids}}) ORDER BY document_id, idx",
                              document_ids)


def document_bodies(project, document_ids) -> dict[str, str]:
    """The texts of the named documents (by id); no other text is read."""
    return dict(iter_document_texts(project, document_ids))


def documents_table(project) -> pd.DataFrame:
    """One row a document in import order, without counts: id, name, words, language, and one
    column per attribute ("" where a document lacks it).  Cheaper than ``Project.documents_frame``.

    Kept on the open project while nothing changes (as ``coding_spans``); each call gets its own copy."""
    version = _version(project)
    cached = getattr(project, "_qda_documents_table", None)
    if cached is None or cached[0] != version:
        cached = (version, _documents_table(project))
        project._qda_documents_table = cached
    return cached[1].copy()


def _documents_table(project) -> pd.DataFrame:
    frame = pd.DataFrame(project._db.execute("SELECT id, name, words, language FROM documents ORDER BY position").fetchall(),
                         columns=["id", "name", "words", "language"])
    attributes = pd.DataFrame(project._db.execute("SELECT document_id, name, value FROM document_attributes").fetchall(),
                              columns=["document_id", "name", "value"])
    if len(attributes):
        wide = attributes.pivot(index="document_id", columns="name", values="value")
        for name in sorted(wide.columns):
            if name not in frame.columns:
                frame[name] = frame["id"].map(wide[name]).fillna("").astype(str)
    return frame


def _version(project) -> tuple[int, int]:
    """Changes by this connection and commits by any other: equal versions, equal data."""
    return project._db.total_changes, project._db.execute("PRAGMA data_version").fetchone()[0]


def coding_spans(project) -> pd.DataFrame:
    """Every coding without text, speaker, names or time, for analyses over millions of codings:
    row (the coding's row number in the file), document_id, code_id, coder, start, end, memo;
    in no particular order.  ``document_id``, ``code_id`` and ``coder`` are categorical.

    Kept on the open project while nothing changes, so that a second analysis
    (another unit, another measure) does not read the file again; callers must not
    modify the frame they get."""
    version = _version(project)
    cached = getattr(project, "_qda_coding_spans", None)
    if cached is not None and cached[0] == version:
        return cached[1]
    with snapshot(project._db) as db:
        coders = dict(db.execute("SELECT id, name FROM coders").fetchall())
        keys = db.execute("SELECT document_id, code_id, coder_id FROM codings ORDER BY rowid").fetchall()
        numbers = db.execute("SELECT rowid, start_offset, end_offset FROM codings ORDER BY rowid").fetchall()
        memos = dict(db.execute("SELECT rowid, memo FROM codings WHERE memo != ''").fetchall())
    frame = _spans_frame(keys, numbers, coders)
    frame["memo"] = frame["row"].map(memos).fillna("") if memos else ""
    project._qda_coding_spans = (version, frame)
    return frame


def _spans_frame(keys: list[tuple], numbers: list[tuple], coders: dict[str, str]) -> pd.DataFrame:
    """The frame of ``coding_spans`` from rows (document_id, code_id, coder_id) and (rowid, start, end).

    Built column by column without a DataFrame of Python tuples: the ids become categorical
    codes through a dict in one C-level pass each, the numbers one int64 array (a third of the
    time pandas takes to build the frame from rows and then convert three columns)."""
    import numpy as np

    table = np.array(numbers, dtype=np.int64).reshape(-1, 3)
    frame = pd.DataFrame({"row": table[:, 0]})
    for position, column in enumerate(("document_id", "code_id", "coder")):
        codes: dict[str, int] = defaultdict()
        codes.default_factory = codes.__len__  # an id seen first gets the next number
        numbered = np.fromiter(map(codes.__getitem__, map(itemgetter(position), keys)), dtype=np.int32, count=len(keys))
        found = list(codes)
        order = sorted(range(len(found)), key=found.__getitem__)  # categories sorted, as astype("category") has them
        rank = np.empty(len(found), dtype=np.int32)
        rank[order] = np.arange(len(found), dtype=np.int32)
        names = [coders.get(found[i], found[i]) if column == "coder" else found[i] for i in order]
        frame[column] = pd.Categorical.from_codes(rank[numbered] if len(found) else numbered, categories=names)
    frame["start"], frame["end"] = table[:, 1], table[:, 2]
    return frame


def coding_spans_of_documents(project, document_ids) -> pd.DataFrame:
    """``coding_spans`` of the named documents only (every code and coder in them), read through the
    index on document_id: the quotes of one code need the codings of the documents it is in, not all."""
    cached = getattr(project, "_qda_coding_spans", None)
    if cached is not None and cached[0] == _version(project):
        frame = cached[1]
        return frame[frame["document_id"].isin(set(document_ids))].reset_index(drop=True)
    with snapshot(project._db) as db:
        coders = dict(db.execute("SELECT id, name FROM coders").fetchall())
        rows = _rows_of_documents(
            project, "SELECT document_id, code_id, coder_id, rowid, start_offset, end_offset, memo FROM codings "
                     "WHERE document_id IN ({ids})", document_ids)
    frame = _spans_frame([row[:3] for row in rows], [row[3:6] for row in rows], coders)
    frame["memo"] = [row[6] for row in rows]
    return frame


def coding_created(project) -> pd.Series:
    """When each coding was made (ISO time), indexed by its row number (see ``coding_spans``)."""
    rows = project._db.execute("SELECT rowid, created FROM codings").fetchall()
    return pd.Series(dict(rows), name="created")


def insert_codings_unlogged(project, rows) -> int:
    """Bulk-load codings ``(id, document_id, code_id, coder_id, start, end, created, memo)`` in one
    transaction, without checks and without an undo record.  For synthetic benchmark corpora only:
    a researcher's codings go through ``Project.add_codings``."""
    with project._transaction():
        cursor = project._db.executemany(
            "INSERT INTO codings (id, document_id, code_id, coder_id, start_offset, end_offset, created, memo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return cursor.rowcount


def unit_spans(project, unit: str) -> pd.DataFrame:
    """``Project.units_frame(unit)``, kept on the open project while nothing changes (as ``coding_spans``)."""
    version = _version(project)
    cache = getattr(project, "_qda_unit_spans", None)
    if cache is None or cache[0] != version:
        cache = (version, {})
        project._qda_unit_spans = cache
    if unit not in cache[1]:
        frame = project.units_frame(unit)
        frame["document_id"] = frame["document_id"].astype("category")
        cache[1][unit] = frame
    return cache[1][unit]


def turn_speakers(project, document_ids=None) -> pd.DataFrame:
    """Every speaker turn (or those of ``document_ids`` only): document_id, start, end, speaker
    (in document and turn order)."""
    rows = _in_document_order(project, "SELECT document_id, start_offset, end_offset, speaker FROM turns", document_ids)
    return pd.DataFrame(rows, columns=["document_id", "start", "end", "speaker"])


def units_of_documents(project, unit: str, document_ids) -> pd.DataFrame:
    """The sentence, paragraph or turn spans of ``document_ids`` only: document_id, idx, start, end
    (as ``unit_spans``, from what the open project keeps when an earlier analysis read them all)."""
    from .project import UNIT_TABLES

    cache = getattr(project, "_qda_unit_spans", None)
    if cache is not None and cache[0] == _version(project) and unit in cache[1]:
        frame = cache[1][unit]
        return frame[frame["document_id"].isin(set(document_ids))].astype({"document_id": str}).reset_index(drop=True)
    if unit not in UNIT_TABLES:
        raise ValueError(f"unit {unit!r} has no table of spans")
    rows = _rows_of_documents(
        project, f"SELECT document_id, idx, start_offset, end_offset FROM {UNIT_TABLES[unit]} "
                 "WHERE document_id IN ({ids}) ORDER BY document_id, idx", document_ids)
    return pd.DataFrame(rows, columns=["document_id", "idx", "start", "end"])


def documents_with_codes(project, code_ids) -> list[str]:
    """The ids of the documents with at least one coding of ``code_ids`` (through the index on code_id)."""
    codes = list(dict.fromkeys(code_ids))
    found: set[str] = set()
    for first in range(0, len(codes), CHUNK):
        chunk = codes[first:first + CHUNK]
        found.update(row[0] for row in project._db.execute(
            f"SELECT DISTINCT document_id FROM codings WHERE code_id IN ({', '.join('?' * len(chunk))})", chunk))
    return sorted(found)


def iter_document_texts(project, document_ids) -> Iterator[tuple[str, str]]:
    """(document id, text) of the named documents only, read 500 at a time: an analysis of a few
    documents reads no other text, and no more than 500 texts are held by the reader at once."""
    ids = list(dict.fromkeys(document_ids))
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        yield from project._db.execute(
            f"SELECT id, body FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
