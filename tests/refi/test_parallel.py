"""Reading a .qdpx in worker processes gives exactly what reading it in one process gives."""

from __future__ import annotations

import os
import sys

import pytest

import qda.parallel
from qda.export.refi import RefiError, read_qdpx, write_qdpx
from qda.parallel import OrderedPool

from refi_helpers import make_qdpx, positions, project_xml, selection, text_source

forking = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked")


def _square_or_fail(n: int) -> int:
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n * n


@pytest.fixture
def workers(monkeypatch):
    """Force the pool to fork two workers, however few the tasks (the tests use small inputs).  The team
    server's session pools an earlier test of this process left open are closed first: their threads
    (psycopg_pool's scheduler and workers) would keep the pool from forking, as they rightly do."""
    server = sys.modules.get("qda.store.server")
    if server is not None:
        server.close_pools()
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)


@pytest.fixture
def in_process(monkeypatch):
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 0)


@forking
def test_pool_gives_results_in_submission_order(workers):
    with OrderedPool(50) as pool:
        assert pool._executor is not None
        for n in range(50):
            pool.submit(_square_or_fail, n)
        early = list(pool.finished())          # only the leading tasks already done, without waiting
        rest = list(pool.finished(wait=True))
    assert early + rest == [n * n for n in range(50)]


@forking
def test_a_failing_task_raises_its_own_error_in_its_turn(workers):
    with OrderedPool(3) as pool:
        for n in (2, -1, 3):
            pool.submit(_square_or_fail, n)
        values = pool.finished(wait=True)
        assert next(values) == 4
        with pytest.raises(ValueError, match="negative: -1"):
            next(values)


def test_without_workers_tasks_run_at_once(in_process):
    with OrderedPool(1000) as pool:
        assert pool._executor is None
        pool.submit(_square_or_fail, 3)
        assert list(pool.finished()) == [9]


def _records(path):
    records, report = read_qdpx(path)
    return ([(d.id, d.name, d.text, d.sha256, d.words, d.language, d.turns, d.paragraphs, d.sentences, d.attributes)
             for d in records.documents], sorted(records.codings, key=lambda c: c.id), report.conventions)


@forking
def test_sample_read_in_workers_equals_read_in_one_process(coded_project, tmp_path, monkeypatch):
    target = tmp_path / "sample.qdpx"
    write_qdpx(coded_project, target)
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 0)
    alone = _records(target)
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)
    parallel = _records(target)
    assert len(alone[0]) == 12 and len(alone[1]) > 100
    assert parallel == alone


@forking
def test_a_bad_selection_found_in_a_worker_names_the_file(workers, tmp_path):
    plain = "P01: They did not believe me.\n"
    good = selection(*positions(plain, "They did not believe me.", "codepoints"))
    xml = project_xml(text_source(good) + text_source(selection(3, 400, number=2), path="internal://s2.txt", name="Interview 2",
                                                  guid="eeeeeeee-0000-0000-0000-000000000002"))
    path = make_qdpx(tmp_path / "past.qdpx", xml, {"sources/s1.txt": plain, "sources/s2.txt": plain})
    with pytest.raises(RefiError, match="Interview 2.*outside the text") as caught:
        read_qdpx(path)
    assert str(path) in str(caught.value)


def test_no_fork_for_few_tasks_or_beside_a_running_thread(monkeypatch):
    import threading

    assert qda.parallel.worker_count(qda.parallel.MIN_TASKS - 1) == 0
    monkeypatch.setattr(qda.parallel, "worker_count", lambda expected: 2)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        with OrderedPool(10_000) as pool:
            assert pool._executor is None
    finally:
        release.set()
        thread.join()


@forking
def test_a_registered_helper_thread_stops_while_the_pool_forks(workers):
    """A progress display's ticker does not keep the pool from forking: it is stopped for the fork, then restarted."""
    import threading

    events = []
    release = threading.Event()
    helper = {}

    def start():
        release.clear()
        helper["thread"] = threading.Thread(target=release.wait)
        helper["thread"].start()
        events.append("started")

    def stop():
        release.set()
        helper["thread"].join()
        events.append(f"stopped, {threading.active_count()} thread(s) left")

    start()
    try:
        with qda.parallel.stopped_while_forking(stop, start), OrderedPool(100) as pool:
            assert pool._executor is not None
            assert helper["thread"].is_alive()
            pool.submit(_square_or_fail, 7)
            assert list(pool.finished(wait=True)) == [49]
    finally:
        stop()
    assert events[:3] == ["started", "stopped, 1 thread(s) left", "started"]


@forking
def test_the_clis_progress_bar_lets_the_pool_fork(workers, monkeypatch):
    import threading

    from qda.cli.common import progress_bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    before = threading.active_count()
    with progress_bar() as bar:
        bar.add_task("Reading", total=None, item="", counted=False)
        assert threading.active_count() == before + 1          # the ticker
        with OrderedPool(100) as pool:
            assert pool._executor is not None
    assert threading.active_count() == before
