"""push and pull against a real PostgreSQL: file -> server -> file keeps everything, whole or not at all."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import ProjectError
from qda.store import sets, transfer
from qda.store.transfer import TABLES, pull, push

DOCUMENT = "P01_police_limanorte"


def table_rows(path) -> dict[str, list[tuple]]:
    """Every row of every table of a project file, read with sqlite3 itself (not through qda)."""
    with sqlite3.connect(path) as connection:
        rows = {}
        for table, columns, order in TABLES:
            rows[table] = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
        return rows


@pytest.fixture
def worked_file(coded_template, tmp_path):
    """The coded sample with one of everything: memos, attributes, done marks, an undone action, a subtitle file."""
    import shutil

    path = tmp_path / "study.qda"
    shutil.copyfile(coded_template, path)
    with qda.open_project(path) as project:
        project.set_memo("document", DOCUMENT, "a fictional memo", "ana")
        project.set_memo("project", "", "project notes", "luis")
        project.set_attributes({DOCUMENT: {"interviewer": "R1"}})
        project.set_done(DOCUMENT, "ana")
        sets.create_set(project, "Lima interviews", [DOCUMENT], coder="ana")
        project.add_code("Fear", parent="Institutional response", coder="ana")
        sets.save_query(project, "fear in Lima", "Fear", coder="luis")
        project.add_coding(DOCUMENT, "Fear", 3, 40, "ana", memo="fear memo")
        project.add_coding(DOCUMENT, "Fear", 50, 60, "luis")
        project.undo("luis")
        project.set_state("ana", "document", DOCUMENT)
    return path


def test_file_to_server_to_file_keeps_every_row(worked_file, server_url, tmp_path):
    push(worked_file, server_url)
    back = tmp_path / "back.qda"
    pull(server_url, back)
    before, after = table_rows(worked_file), table_rows(back)
    assert before["cues"], "the sample has a subtitle file, so cues are part of the round trip"
    assert before["document_set_members"] and before["saved_queries"]
    assert before["actions"] and any(row[6] == "undone" for row in before["actions"])
    for table in before:
        assert after[table] == before[table], table
    with sqlite3.connect(back) as connection:
        for body, sha256 in connection.execute("SELECT body, sha256 FROM documents"):
            assert hashlib.sha256(body.encode("utf-8")).hexdigest() == sha256


def test_undo_carries_on_across_the_move(worked_file, server_url):
    push(worked_file, server_url)
    with qda.open_project(server_url) as project:
        assert len(project.codings(code="Fear")) == 1
        undone = project.undo("ana")  # ana's coding of Fear, made before the push
        assert undone.kind == "add_codings"
        assert project.codings(code="Fear") == []
        redone = project.redo("luis")  # luis's undone coding comes back
        assert redone.kind == "add_codings" and len(project.codings(code="Fear")) == 1


def test_the_server_numbers_new_actions_after_the_pushed_ones(worked_file, server_url):
    push(worked_file, server_url)
    with qda.open_project(server_url) as project:
        last = int(project.history(1)["seq"][0])
        project.add_coding(DOCUMENT, "Fear", 70, 80, "ana")
        assert int(project.history(1)["seq"][0]) == last + 1


def test_a_failed_push_leaves_no_project(worked_file, server_url, monkeypatch):
    real = transfer.insert_rows

    def failing(db, table, columns, rows):
        if table == "memos":
            raise ProjectError("the network went away (simulated)")
        return real(db, table, columns, rows)

    monkeypatch.setattr(transfer, "insert_rows", failing)
    with pytest.raises(ProjectError, match="simulated"):
        push(worked_file, server_url)
    monkeypatch.undo()
    with pytest.raises(ProjectError, match="no qda project"):
        qda.open_project(server_url)
    push(worked_file, server_url)  # and the database is as good as new
    with qda.open_project(server_url) as project:
        assert len(project.codings()) == len(table_rows(worked_file)["codings"])


def test_a_failed_pull_leaves_no_file(worked_file, server_url, tmp_path, monkeypatch):
    push(worked_file, server_url)
    real = transfer.insert_rows

    def failing(db, table, columns, rows):
        if table == "actions":
            raise ProjectError("the disk went away (simulated)")
        return real(db, table, columns, rows)

    monkeypatch.setattr(transfer, "insert_rows", failing)
    with pytest.raises(ProjectError, match="simulated"):
        pull(server_url, tmp_path / "snapshot.qda")
    assert list(tmp_path.glob("snapshot*")) == []


def test_push_refuses_a_database_that_holds_a_project(worked_file, server_url):
    push(worked_file, server_url)
    with pytest.raises(ProjectError, match="already there"):
        push(worked_file, server_url)


def test_push_creates_a_missing_database(worked_file, pg_server):
    url = pg_server.url(f"{pg_server.prefix}_new")
    try:
        push(worked_file, url)
        with qda.open_project(url) as project:
            assert DOCUMENT in project.documents_frame()["name"].tolist()
    finally:
        pg_server.drop_database(f"{pg_server.prefix}_new")


def test_cli_push_and_pull_say_what_moved_and_never_print_a_password(worked_file, server_url, tmp_path):
    secret = "Sup3r-S3cret"
    with_password = server_url.url.replace("qda_admin@", f"qda_admin:{secret}@")  # the test server trusts the socket
    runner = CliRunner()
    pushed = runner.invoke(main, ["push", str(worked_file), with_password])
    assert pushed.exit_code == 0, pushed.output
    assert "12 documents" in pushed.output and "coders" in pushed.output
    again = runner.invoke(main, ["push", str(worked_file), with_password])
    assert again.exit_code == 2 and "already there" in again.output
    pulled = runner.invoke(main, ["pull", with_password, str(tmp_path / "snap.qda")])
    assert pulled.exit_code == 0, pulled.output
    stats = runner.invoke(main, ["documents", with_password, "--format", "csv"])
    assert stats.exit_code == 0 and DOCUMENT in stats.output
    missing = runner.invoke(main, ["stats", with_password.replace(server_url.name, "no_such_database")])
    assert missing.exit_code == 2 and "no such database" in missing.output
    for result in (pushed, again, pulled, stats, missing):
        assert secret not in result.output
    assert "***" in pushed.output
