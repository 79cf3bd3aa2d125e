"""Read-only queries the coding UI needs beyond the Project API (all SQL stays in qda.store)."""

from __future__ import annotations

from .project import Project


def code_totals(project: Project, coder_id: str | None = None) -> dict[str, int]:
    """Codings per code id over all documents, of one coder or of all."""
    sql = "SELECT code_id, COUNT(*) FROM codings" + (" WHERE coder_id = ?" if coder_id else "") + " GROUP BY code_id"
    return dict(project._rows(sql, (coder_id,) if coder_id else ()))


def document_totals(project: Project, coder_id: str | None = None) -> dict[str, int]:
    """Codings per document id, of one coder or of all."""
    sql = "SELECT document_id, COUNT(*) FROM codings" + (" WHERE coder_id = ?" if coder_id else "") + " GROUP BY document_id"
    return dict(project._rows(sql, (coder_id,) if coder_id else ()))


def code_spans(project: Project, code_id: str, coder_id: str | None = None) -> list[tuple[str, int, int]]:
    """(document id, start, end) of every coding of ``code_id``, in document order then text order."""
    sql = ("SELECT c.document_id, c.start_offset, c.end_offset FROM codings c JOIN documents d ON d.id = c.document_id "
           "WHERE c.code_id = ?" + (" AND c.coder_id = ?" if coder_id else "") +
           " ORDER BY d.position, c.start_offset, c.end_offset")
    return [tuple(row) for row in project._rows(sql, (code_id, coder_id) if coder_id else (code_id,))]


def data_version(project: Project) -> int:
    """SQLite's ``PRAGMA data_version``: changes when another connection commits (never for this
    connection's own commits), so an open app can poll it cheaply to notice other writers."""
    return project._db.execute("PRAGMA data_version").fetchone()[0]


def last_action(project: Project) -> int:
    """The number of the newest recorded action (``actions.seq``; 0 in a project without any).  Every
    change a user makes records one (a coding added or removed, a code renamed or merged, an undo, an
    import, new sentences), on either engine: figures computed at one number are current while it holds."""
    return project._rows("SELECT COALESCE(MAX(seq), 0) FROM actions")[0][0]


def actors_since(project: Project, seq: int) -> list[str]:
    """The names of the coders whose actions came after action ``seq``, in the order they first acted
    ("" for an action of no coder, as a command's import)."""
    rows = project._rows("SELECT COALESCE(c.name, ''), MIN(a.seq) FROM actions a LEFT JOIN coders c ON c.id = a.coder_id "
                         "WHERE a.seq > ? GROUP BY COALESCE(c.name, '') ORDER BY MIN(a.seq)", (seq,))
    return [name for name, _ in rows]
