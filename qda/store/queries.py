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


def first_coded(project) -> pd.DataFrame:
    """Per document and coder, when its first coding was made: document_id, coder, first."""
    rows = project._db.execute(
        "SELECT c.document_id, k.name, MIN(c.created) FROM codings c JOIN coders k ON k.id = c.coder_id "
        "GROUP BY c.document_id, k.name").fetchall()
    return pd.DataFrame(rows, columns=["document_id", "coder", "first"])


def coding_spans(project) -> pd.DataFrame:
    """Every coding without text, speaker or code names, for analyses over millions of codings:
    coding_id, document_id, code_id, coder, start, end, created, memo; in document order."""
    rows = project._db.execute(
        "SELECT c.id, c.document_id, c.code_id, k.name, c.start_offset, c.end_offset, c.created, c.memo "
        "FROM codings c JOIN documents d ON d.id = c.document_id JOIN coders k ON k.id = c.coder_id "
        "ORDER BY d.position, c.start_offset, c.end_offset, c.created").fetchall()
    return pd.DataFrame(rows, columns=["coding_id", "document_id", "code_id", "coder", "start", "end", "created", "memo"])


def insert_codings_unlogged(project, rows) -> int:
    """Bulk-load codings ``(id, document_id, code_id, coder_id, start, end, created, memo)`` in one
    transaction, without checks and without an undo record.  For synthetic benchmark corpora only:
    a researcher's codings go through ``Project.add_codings``."""
    with project._transaction():
        cursor = project._db.executemany(
            "INSERT INTO codings (id, document_id, code_id, coder_id, start_offset, end_offset, created, memo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return cursor.rowcount
