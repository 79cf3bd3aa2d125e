"""The server engine's own guarantees: what a file's tests check by its bytes, checked here on the server."""

from __future__ import annotations

import sys
import threading

import psycopg
import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import ProjectError
from qda.store import connection as store_connection
from qda.store import ui_queries
from qda.store.schema import SCHEMA_VERSION
from qda.store.server import LOCK_KEY


def test_a_project_of_a_newer_schema_is_refused(pushed):
    with psycopg.connect(pushed.url, autocommit=True) as admin:
        admin.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(ProjectError, match="newer qda"):
        qda.open_project(pushed)


def test_a_database_without_a_project_says_how_to_put_one_there(server_url):
    with pytest.raises(ProjectError, match="no qda project in this database; put one there with `qda push"):
        qda.open_project(server_url)


def test_an_unreachable_server_is_one_line_exit_2():
    url = "postgresql://ana:s3cret@127.0.0.1:1/peru_study?connect_timeout=3"
    result = CliRunner().invoke(main, ["stats", url])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "cannot connect" in result.output and "s3cret" not in result.output


def test_a_network_cut_is_found_in_seconds_and_a_urls_own_tcp_settings_are_kept(pushed):
    """A session of a project, of the app's pool and one opened again after a drop all ask the kernel
    to probe an idle connection after 10 s and give up on unacknowledged data after 30 s: with the
    system's defaults a cut network left a waiting read hanging for two hours.  A URL that sets one
    of these itself keeps its value."""
    from qda.store.location import ServerUrl
    from qda.store.server import borrowed_session

    def tcp(session) -> dict[str, str]:
        parameters = session.info.get_parameters()
        return {name: parameters.get(name) for name in ("keepalives_idle", "keepalives_interval", "keepalives_count",
                                                         "tcp_user_timeout")}

    chosen = {"keepalives_idle": "10", "keepalives_interval": "5", "keepalives_count": "3", "tcp_user_timeout": "30000"}
    with qda.open_project(pushed) as project:
        assert tcp(project._db._pg) == chosen
        project._db._pg.close()  # as a server that dropped the session
        project._db._reconnect()
        assert tcp(project._db._pg) == chosen
        with borrowed_session(pushed.url) as borrowed:
            assert tcp(borrowed._pg) == chosen
    own = ServerUrl(pushed.url + ("&" if "?" in pushed.url else "?") + "keepalives_idle=120")
    with qda.open_project(own) as project:
        assert tcp(project._db._pg) == {**chosen, "keepalives_idle": "120"}


def test_without_psycopg_a_url_asks_for_the_server_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails, as on a light install
    with pytest.raises(ProjectError, match=r"pip install 'qda\[server\]'"):
        qda.open_project("postgresql://ana@db.example.org/peru_study")


def test_a_wait_for_another_writer_is_announced(pushed, monkeypatch):
    monkeypatch.setattr(store_connection, "NOTICE_AFTER_MS", 50)
    notices = []
    previous = store_connection.set_wait_notice(notices.append)
    holder = psycopg.connect(pushed.url)
    try:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))  # another session's action in progress
        release = threading.Timer(0.5, holder.commit)
        release.start()
        with qda.open_project(pushed) as project:
            project.set_memo("project", "", "written after the wait", "ana")
            assert project.memo("project", "", "ana") == "written after the wait"
        release.join()
    finally:
        holder.close()
        store_connection.set_wait_notice(previous)
    assert len(notices) == 1
    assert "waiting for another process that is writing to" in notices[0] and pushed.name in notices[0]


def test_data_version_counts_other_sessions_commits_only(pushed):
    with qda.open_project(pushed) as mine, qda.open_project(pushed) as theirs:
        start = ui_queries.data_version(mine)
        mine.set_memo("project", "", "my own note", "ana")
        assert ui_queries.data_version(mine) == start  # one's own commit is not news
        theirs.set_memo("project", "", "their note", "luis")
        for _ in range(50):  # the notice travels through the server: give it a moment
            if ui_queries.data_version(mine) != start:
                break
            threading.Event().wait(0.02)
        assert ui_queries.data_version(mine) > start


def test_names_sort_by_code_point_on_both_engines(sample_project):
    """Text sorts as SQLite's binary collation does (COLLATE "C" on the server), whatever the server's locale."""
    for name in ("Zoe", "ana", "Émile", "luis", "Ana"):
        sample_project.coder(name)
    names = [coder.name for coder in sample_project.coders()]
    assert names == sorted(names)


def test_an_aborted_action_leaves_the_session_usable(sample_project):
    """A refused action rolls back on either engine, and the next action goes through."""
    with pytest.raises(qda.QdaError):
        sample_project.add_codings([("P01_police_limanorte", "Shame", 0, 10), ("P01_police_limanorte", "Shame", 5, 1)], "ana")
    assert sample_project.codings() == []
    sample_project.add_coding("P01_police_limanorte", "Shame", 0, 10, "ana")
    assert len(sample_project.codings()) == 1


def test_text_with_placeholders_and_percent_signs_round_trips(sample_project):
    """The dialect turns ? and % in SQL, never in the values: a memo may say anything."""
    text = "50% said ? and %s, 'quoted' -- not a comment; %(name)s \\ done"
    sample_project.set_memo("document", "P01_police_limanorte", text, "ana")
    coding = sample_project.add_coding("P01_police_limanorte", "Shame", 0, 10, "ana", memo=text)
    assert sample_project.memo("document", "P01_police_limanorte", "ana") == text
    assert sample_project.coding(coding.id).memo == text
    assert sample_project.undo("ana").kind == "add_codings"
