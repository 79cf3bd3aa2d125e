"""A borrowed project (the coding app's analysis jobs, in a thread of their own) reads at one moment:
what another connection commits while the job runs is not seen by the job's later reads."""

from __future__ import annotations

import qda
from qda.store import Project


def test_a_borrowed_projects_reads_are_of_one_moment(coded_path):
    count = "SELECT COUNT(*) FROM codings"
    with Project.borrowed(coded_path) as job:
        before = job._db.execute(count).fetchone()[0]
        with qda.open_project(coded_path) as app:  # the app codes meanwhile: here, a coding removed
            with app._transaction():
                app._db.execute("DELETE FROM codings WHERE rowid = (SELECT MIN(rowid) FROM codings)")
            assert app._db.execute(count).fetchone()[0] == before - 1
        assert job._db.execute(count).fetchone()[0] == before > 0
    with Project.borrowed(coded_path) as next_job:
        assert next_job._db.execute(count).fetchone()[0] == before - 1
