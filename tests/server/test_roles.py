"""Roles enforced by the server: what a coder and a reader may do is decided by PostgreSQL's grants
and row-level security, not by qda's own checks (a client that skipped them is refused too)."""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import ProjectError
from qda.store import roles
from qda.store.transfer import push

DOCUMENT = "P03_cem_lawyer_limanorte"


def as_login(url: str, login: str) -> str:
    """The project's URL for another login (the test server trusts its socket)."""
    return url.replace("qda_admin@", f"{login}@")


@pytest.fixture
def team(coded_template, server_database):
    server, name = server_database
    url = server.url(name)
    push(coded_template, url)
    with qda.open_project(url) as project:
        roles.grant(project, "ana", "coder")
        roles.grant(project, "luis", "coder")
        roles.grant(project, "rita", "reader")
        roles.grant(project, "olga", "owner")
    return url


def test_grant_lists_and_switches_roles(team):
    with qda.open_project(team) as project:
        assert ("ana", "coder") in roles.roles(project) and ("rita", "reader") in roles.roles(project)
        roles.grant(project, "rita", "coder")
        assert ("rita", "coder") in roles.roles(project) and ("rita", "reader") not in roles.roles(project)
        assert "rita" in {c.name for c in project.coders()}


def test_a_coder_codes_and_undoes_their_own(team):
    with qda.open_project(as_login(team, "ana")) as ana:
        coding = ana.add_coding(DOCUMENT, "Shame", 10, 50, "ana", memo="mine")
        ana.set_memo("document", DOCUMENT, "a fictional note", "ana")
        ana.set_done(DOCUMENT, "ana")
        assert ana.undo("ana").kind == "progress" and ana.undo("ana").kind == "memo"
        assert ana.undo("ana").kind == "add_codings"
        assert coding.id not in {c.id for c in ana.codings()}
        ana.redo("ana")
        assert ana.coding(coding.id).memo == "mine"


def test_a_coder_cannot_change_another_coders_coding(team):
    with qda.open_project(team) as project:
        luis_coding = project.codings(coder="luis")[0]
    with qda.open_project(as_login(team, "ana")) as ana:
        with pytest.raises(ProjectError, match="another coder's"):
            ana.remove_coding(luis_coding, "ana")
        with pytest.raises(ProjectError, match="another coder's"):
            ana.recode(luis_coding, "Shame", "ana")
        with pytest.raises(ProjectError, match="refused"):
            ana.add_coding(DOCUMENT, "Shame", 10, 50, "luis")  # posing as luis
        with pytest.raises(ProjectError, match="refused"):
            ana.add_code("Fear", coder="ana")  # the codebook is the owner's
    with qda.open_project(team) as project:
        assert project.coding(luis_coding.id) == luis_coding


def test_the_server_refuses_even_a_client_that_skips_qda(team):
    """Straight SQL as ana: row-level security, not qda, keeps luis's codings."""
    with psycopg.connect(as_login(team, "ana"), autocommit=True) as connection:
        deleted = connection.execute(
            "DELETE FROM codings WHERE coder_id = (SELECT id FROM coders WHERE name = 'luis')").rowcount
        assert deleted == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DELETE FROM codes")
    with psycopg.connect(as_login(team, "rita"), autocommit=True) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE codings SET memo = 'x'")


def test_a_readers_write_is_one_line_exit_2_and_reading_works(team):
    runner = CliRunner()
    url = as_login(team, "rita")
    result = runner.invoke(main, ["memo", url, "--document", DOCUMENT, "--text", "note", "--coder", "rita"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "refused" in result.output and "role" in result.output
    stats = runner.invoke(main, ["stats", url, "--format", "csv"])
    assert stats.exit_code == 0 and "Distrust of police" in stats.output


def test_an_owner_changes_anyone_s_rows_and_the_codebook(team):
    with qda.open_project(as_login(team, "olga")) as olga:
        luis_coding = olga.codings(coder="luis")[0]
        olga.remove_coding(luis_coding, "olga")
        olga.add_code("Fear", coder="olga")
        assert olga.codebook.find("Fear") is not None


def test_roles_belong_to_a_server(coded_template):
    with qda.open_project(coded_template) as project, pytest.raises(qda.QdaError, match="PostgreSQL"):
        roles.grant(project, "ana", "coder")


def test_cli_grant(coded_template, server_url):
    push(coded_template, server_url)
    result = CliRunner().invoke(main, ["server", "grant", server_url.url, "--coder", "tomas", "--role", "reader"])
    assert result.exit_code == 0, result.output
    listing = CliRunner().invoke(main, ["server", "roles", server_url.url])
    assert "tomas\treader" in listing.output
