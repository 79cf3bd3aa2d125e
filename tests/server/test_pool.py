"""Sessions borrowed from a process's pool (psycopg-pool): the coding app's thread workers reuse
server sessions instead of connecting for every analysis, and a one-shot command opens no pool."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import ProjectError
from qda.store import Project, server


def _backend(project: Project) -> int:
    return project._rows("SELECT pg_backend_pid()")[0][0]


def test_a_borrowed_session_goes_back_to_the_pool_and_serves_again(pushed):
    with qda.open_project(pushed) as opened:
        codings = len(opened.codings_table(with_text=False))
        own = _backend(opened)
    with Project.borrowed(pushed) as first:
        assert len(first.codings_table(with_text=False)) == codings > 0
    pool = server._pool(pushed.url)
    pool.wait(30)  # its standing session is up
    opened_so_far = pool.get_stats()["connections_num"]
    pids = set()
    for _ in range(5):  # five jobs one after another: the pool's sessions again, no new login
        with Project.borrowed(pushed) as again:
            pids.add(_backend(again))
    assert pool.get_stats()["connections_num"] == opened_so_far
    assert own not in pids and len(pids) <= opened_so_far


def test_a_session_given_back_mid_snapshot_is_rolled_back_and_sees_new_commits(pushed):
    with pytest.raises(RuntimeError):
        with Project.borrowed(pushed) as borrowed, borrowed.snapshot():
            before = len(borrowed.codings())
            raise RuntimeError("the screen closed while its job was reading")
    with qda.open_project(pushed) as other:
        other.add_coding("P01_police_limanorte", "Shame", 0, 10, "luis")
    with Project.borrowed(pushed) as again:  # a snapshot of its own (every borrowed job reads at one moment)
        assert len(again.codings()) == before + 1  # a new one: the old snapshot was rolled back


def test_threads_borrow_sessions_of_their_own(pushed):
    pids: list[int] = []
    barrier = threading.Barrier(3)

    def job() -> None:
        with Project.borrowed(pushed) as project:
            barrier.wait(30)  # all three hold a session at once
            pids.append(_backend(project))

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(set(pids)) == 3


def test_a_borrowed_session_cannot_be_had_from_a_server_that_is_down(monkeypatch):
    monkeypatch.setattr(server, "POOL_WAIT", 1.0)
    url = "postgresql://ana:s3cret@127.0.0.1:1/peru_study?connect_timeout=1"
    try:
        with pytest.raises(ProjectError) as raised, Project.borrowed(url):
            pass
    finally:
        server.close_pools()
    assert "no session with the server within 1 s" in str(raised.value) and "s3cret" not in str(raised.value)


def test_a_command_opens_no_pool(pushed):
    """A one-shot command holds one session and starts no pool threads (qda.parallel forks beside none)."""
    server.close_pools()
    result = CliRunner().invoke(main, ["stats", pushed])
    assert result.exit_code == 0, result.output
    assert server._pools == {}


def test_the_pool_sessions_end_when_the_pool_closes(pushed):
    with Project.borrowed(pushed) as project:
        pid = _backend(project)
    server.close_pools()
    # the server process leaves pg_stat_activity a moment after the client says goodbye (later on a
    # loaded machine): wait for that, with a deadline far above it that only stops a session that stays
    deadline = time.monotonic() + 60
    with psycopg.connect(pushed.url, autocommit=True) as admin:
        while (alive := admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                      (pid,)).fetchone()[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert alive == 0


def test_the_apps_analysis_screens_borrow_from_the_pool(pushed):
    from qda.tui.app import QdaApp
    from qda.tui.screens.frequencies import FrequenciesScreen

    from tests.tui.coded_sample import run, settle

    @run
    async def drive() -> int:
        app = QdaApp(pushed, "ana")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(2):  # the screen twice: two jobs, one pool
                app.push_screen(FrequenciesScreen())
                await settle(app, pilot)
                assert app.screen.table.row_count > 0
                app.pop_screen()
                await settle(app, pilot)
        return server._pools[pushed.url].get_stats()["requests_num"]

    assert drive() >= 2
