"""Read-only queries the analysis and exports need beyond the Project interface.

All SQL of qda lives in ``qda.store``; these take an open ``Project``."""

from __future__ import annotations

import pandas as pd


def cues_frame(project, document_ids=None) -> pd.DataFrame:
    """Subtitle cues of every document (or of ``document_ids``): document_id, start, end, time_start, time_end."""
    rows = project._db.execute(
        "SELECT document_id, start_offset, end_offset, time_start, time_end FROM cues ORDER BY document_id, idx").fetchall()
    frame = pd.DataFrame(rows, columns=["document_id", "start", "end", "time_start", "time_end"])
    if document_ids is not None:
        frame = frame[frame["document_id"].isin(set(document_ids))]
    return frame.reset_index(drop=True)


def document_bodies(project, document_ids) -> dict[str, str]:
    """The texts of the named documents (by id), read in one pass."""
    wanted = set(document_ids)
    return {document_id: body for document_id, body in project.iter_document_bodies() if document_id in wanted}


def documents_table(project) -> pd.DataFrame:
    """One row a document in import order, without counts: id, name, words, language, and one
    column per attribute ("" where a document lacks it).  Cheaper than ``Project.documents_frame``."""
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
    coders = dict(project._db.execute("SELECT id, name FROM coders").fetchall())
    rows = project._db.execute(
        "SELECT rowid, document_id, code_id, coder_id, start_offset, end_offset FROM codings").fetchall()
    frame = pd.DataFrame(rows, columns=["row", "document_id", "code_id", "coder", "start", "end"])
    for column in ("document_id", "code_id", "coder"):
        frame[column] = frame[column].astype("category")
    frame["coder"] = frame["coder"].cat.rename_categories(lambda c: coders.get(c, c))
    memos = dict(project._db.execute("SELECT rowid, memo FROM codings WHERE memo != ''").fetchall())
    frame["memo"] = frame["row"].map(memos).fillna("") if memos else ""
    project._qda_coding_spans = (version, frame)
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


def turn_speakers(project) -> pd.DataFrame:
    """Every speaker turn: document_id, start, end, speaker (in document and turn order)."""
    rows = project._db.execute(
        "SELECT document_id, start_offset, end_offset, speaker FROM turns ORDER BY document_id, idx").fetchall()
    return pd.DataFrame(rows, columns=["document_id", "start", "end", "speaker"])
