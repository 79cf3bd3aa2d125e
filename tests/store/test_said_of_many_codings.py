"""An undo's message quotes the passage it touched (``History.said``) whatever the number of codings
the action updated: a merge of a code with 70,000 codings, undone, named them all in one statement,
past SQLite's bound of 32,766 parameters ("too many SQL variables" after the undo was done)."""

from __future__ import annotations

import qda
from qda.store.actions import Action


def test_an_action_updating_tens_of_thousands_of_codings_is_said(coded_path):
    with qda.open_project(coded_path) as project:
        coding_id, document_id, start, end = project._db.execute(
            "SELECT id, document_id, start_offset, end_offset FROM codings ORDER BY rowid LIMIT 1").fetchone()
        gone = [{"table": "codings", "op": "update", "key": {"id": f"gone-{i}"}} for i in range(70_000)]
        touched = {"table": "codings", "op": "update", "key": {"id": coding_id}}
        action = Action(1, "recode", f"recode P01 [{start}, {end}) as Demora", [*gone, touched])
        said = project.said(action)
        text = project._db.execute("SELECT body FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
    assert f"[{start}, {end})" not in said and text[start:end].split()[0] in said
