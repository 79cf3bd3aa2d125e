"""Work alongside the caller (``qda.store.alongside``) on a project file's connection: its value or its
error comes back to the caller, and a caller that fails first does not leave it running."""

from __future__ import annotations

import threading

import pytest

import qda
from qda.errors import ProjectError
from qda.store.alongside import Alongside

ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n"


def test_the_work_runs_in_another_thread_and_its_value_comes_back(coded_path, engine):
    with qda.open_project(coded_path) as project:
        ran_in = []

        def count():
            ran_in.append(threading.current_thread())
            return project._db.execute("SELECT COUNT(*) FROM codings").fetchone()[0]

        with Alongside(project, count) as beside:
            expected = project._db.execute("SELECT COUNT(*) FROM codings").fetchone()[0]
            assert beside.result() == expected > 0
    # a project file's work has a thread of its own; a server's runs in the caller's
    assert (ran_in[0] is threading.main_thread()) == (engine == "server")


def test_the_works_error_is_raised_to_the_caller(coded_path):
    with qda.open_project(coded_path) as project:
        def fail():
            raise ProjectError("the stored bounds are damaged")

        with Alongside(project, fail) as beside, pytest.raises(ProjectError, match="damaged"):
            beside.result()


@pytest.mark.file_only  # a server's work runs in the caller's thread, when asked for
def test_a_caller_that_fails_first_interrupts_the_work_and_waits_for_its_end(coded_path):
    with qda.open_project(coded_path) as project:
        started, outcome = threading.Event(), []

        def endless():
            started.set()
            try:
                return project._db.execute(ENDLESS).fetchone()
            except Exception as error:
                outcome.append(error)
                raise

        with pytest.raises(KeyError):
            with Alongside(project, endless) as beside:
                started.wait()
                raise KeyError("the caller fails")
        assert not beside._thread.is_alive()
        assert "interrupt" in str(outcome[0])
        assert project._db.execute("SELECT COUNT(*) FROM codings").fetchone()[0] > 0  # the connection still reads
