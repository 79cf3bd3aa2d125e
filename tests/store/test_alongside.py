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


def _sorted_codings(codings):
    import numpy as np

    order = np.lexsort((codings.coder, codings.code, codings.end, codings.start, codings.document))
    return [getattr(codings, name)[order].tolist() for name in ("document", "code", "coder", "start", "end")]


@pytest.mark.parametrize("labels", [True, False])
def test_a_read_ahead_is_what_codings_of_documents_then_gives(coded_path, labels):
    """Every coding read ahead in a thread is what the next ``codings_of_documents`` gives, for every
    document or a few (the same codings as one row a coding), with or without their codes."""
    from qda.store import passage_codings

    with qda.open_project(coded_path) as project:
        known = passage_codings.known_ids(project)
        every_id = known.documents.ids
        with passage_codings.read_ahead(project, known, labels=labels, coders=labels):
            ahead = passage_codings.codings_of_documents(project, every_id, known, labels=labels, coders=labels)
            few = passage_codings.codings_of_documents(project, every_id[:2], known, labels=labels, coders=labels)
        one_by_one = passage_codings._by_coding(project._db, known, "", [])
        chosen = passage_codings._by_coding(project._db, known, "WHERE document_id IN (?, ?)", every_id[:2])
    for got, expected in ((ahead, one_by_one), (few, chosen)):
        got_columns, expected_columns = _sorted_codings(got), _sorted_codings(expected)
        assert len(got_columns[0]) > 0 and got_columns[0] == expected_columns[0]
        assert got_columns[3:] == expected_columns[3:]
        assert got_columns[1:3] == (expected_columns[1:3] if labels else [[-1] * len(got)] * 2)


def test_a_read_ahead_not_asked_for_is_gone_with_its_block(coded_path):
    from qda.store import passage_codings
    from qda.store.query_spans import kept

    with qda.open_project(coded_path) as project:
        known = passage_codings.known_ids(project)
        with passage_codings.read_ahead(project, known, labels=True, coders=True):
            pass
        assert "ahead" not in kept(project, "passage_codings")
        assert len(passage_codings.codings_of_documents(project, known.documents.ids[:1], known)) > 0
