"""The team server drops a coder's session (restarted, a network cut): nothing is lost, doubled or put on
the wrong text, the coder is told, and the app carries on when the server is back.

Driven by hand (two coders in tmux, the server stopped mid-session and started again), the coding app
ended with psycopg's traceback at its next look for colleagues' changes, twice a second: the session was
closed and never opened again, so even after the server was back each app had to be restarted, and the
last coder's place was lost with a second traceback on the way out.  Now a dropped session is opened
again where that cannot repeat or lose a change (before a transaction, before a read alone, when the
app looks for changes); while the server cannot be reached the app says so once, each action says it was
not saved, and the app says when the server is back.

The drop is real: the server ends the session (``pg_terminate_backend``, what a restart does to every
session), and the database refuses new sessions meanwhile (``ALLOW_CONNECTIONS false``, as a server that
is down).  Fictional interview."""

from __future__ import annotations

from pathlib import Path

import pytest

import qda
from qda.cli.project import _import
from qda.store.transfer import push
from qda.tui.app import QdaApp

from .coded_sample import press, run, until

CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "peru_vaw_state_response.yaml"
TEXT = ("FISCAL: En Huamanga la gente no denuncia. Dicen «manam yachanichu», no sé nada. "
        "La medida queda en papel. El legista está lejos.\n")


@pytest.fixture
def team_project(tmp_path, server_database):
    """The fiscal's interview and the study's codebook on a server database: (url, server, database)."""
    server, name = server_database
    (tmp_path / "fiscal_ayacucho.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    qda.create_project(path, CODEBOOK).close()
    _import(path, [tmp_path / "fiscal_ayacucho.txt"], None, "es", None, None, False, None)
    url = server.url(name)
    push(path, url)
    return url, server, name


def drop(server, pid: int) -> None:
    server.execute("SELECT pg_terminate_backend(%s)", (pid,))


def stored(url, coder="ana") -> list[tuple[int, int, str]]:
    with qda.open_project(url) as project:
        return sorted((c.start, c.end, project.codebook.by_id[c.code_id].name) for c in project.codings(coder=coder))


def test_a_write_after_the_server_dropped_the_session_is_saved_once(team_project):
    url, server, _ = team_project
    with qda.open_project(url) as project:
        project.add_coding("fiscal_ayacucho", "Distrust of police", 8, 41, "ana")
        drop(server, project._db._pid)
        project.add_coding("fiscal_ayacucho", "Cases shelved", 42, 80, "ana")  # a new session, at its BEGIN
        assert len(project.codings(coder="ana")) == 2
    assert stored(url) == [(8, 41, "Distrust of police"), (42, 80, "Cases shelved")]


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@run
async def test_the_app_says_the_server_is_gone_and_back_and_keeps_every_coding_once(team_project):
    url, server, name = team_project
    app = QdaApp(url, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = app.transcript.text

        def shown():
            return sorted((c.start, c.end, app.codebook.by_id[c.code_id].name) for c in app.transcript.codings.values()
                          if c.coder_id == app.me.id)

        await press(app, pilot, "s", "1")
        assert len(shown()) == 1

        drop(server, app.project._db._pid)  # a restart: the session is gone, the server is up again
        await press(app, pilot, "s", "2")
        assert len(shown()) == 2 and stored(url) == shown()

        from psycopg import sql

        allow = sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}")
        server.execute(allow.format(sql.Identifier(name), sql.SQL("false")))  # down: no session can be opened
        drop(server, app.project._db._pid)
        await until(pilot, lambda: any("cannot be reached" in m for m in said(app)), "the app saying the server is gone")
        assert app.is_running
        await press(app, pilot, "s", "4")
        assert len(shown()) == 2  # not shown as coded: it was not saved
        assert any("not saved, the server could not be reached" in m for m in said(app)), said(app)

        server.execute(allow.format(sql.Identifier(name), sql.SQL("true")))
        await until(pilot, lambda: any(m.startswith("The team server is back") for m in said(app)), "the app saying the server is back")
        assert not any("cannot be reached" in m for m in said(app)), "\n".join(said(app))  # the notice went with the outage
        await press(app, pilot, "4")  # the sentence is still selected: coded now
        assert len(shown()) == 3
        selected = [text[start:end] for start, end, _ in shown()]
        assert selected == ["En Huamanga la gente no denuncia.", "Dicen «manam yachanichu», no sé nada.",
                            "La medida queda en papel."], selected
    assert stored(url) == shown()  # every coding shown, once, on its own text; the place saved on the way out


@run
async def test_an_analysis_screen_says_the_server_is_gone_and_f5_computes_when_it_is_back(team_project):
    """The PI's agreement screen computes on the app's pooled sessions: after a restart each one the server
    had dropped was lent and failed in turn ("Something went wrong: ServerUnreachable(…)", twice)."""
    from psycopg import sql

    from qda.tui.screens.frequencies import FrequenciesScreen

    url, server, name = team_project
    with qda.open_project(url) as project:
        project.add_coding("fiscal_ayacucho", "Distrust of police", 8, 41, "ana")
    app = QdaApp(url, "pi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(FrequenciesScreen())
        await until(pilot, lambda: app.screen.frame is not None and len(app.screen.frame) and not app.screen.computing,
                    "the frequencies")
        screen = app.screen
        allow = sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}")
        server.execute(allow.format(sql.Identifier(name), sql.SQL("false")))
        server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                       "AND pid <> pg_backend_pid()", (name,))  # every session of the app, pooled ones too
        await press(app, pilot, "f5")
        await until(pilot, lambda: not screen.computing, "the screen giving up")
        # the pool finds no live session to lend (after its wait) and says so, in words
        assert "reachable" in screen.status_text or "could not be reached" in screen.status_text, screen.status_text
        assert "Something went wrong" not in " ".join(said(app))

        server.execute(allow.format(sql.Identifier(name), sql.SQL("true")))
        await press(app, pilot, "f5")  # at once: the pool replaces the dropped sessions it lends
        await until(pilot, lambda: not screen.computing, "the figures")
        assert "reach" not in screen.status_text and "1 coding" in screen.status_text, screen.status_text
