"""The project file's guarantees (docs/project-file.md): one snapshot per multi-table read,
deleted text gone from the bytes, a wait for another writer announced, commits synced,
damaged, cut-short and read-only files refused or opened for reading in one clear error."""

from __future__ import annotations

import shutil
import sqlite3
import threading

import pytest

import qda
from qda.errors import ProjectError
from qda.store import Project
from qda.store import connection as store_connection
from qda.store.merge import copy_for_coder
from qda.store.records import read_records

DOCUMENT = "P01_police_limanorte"


def _write_meanwhile(path, monkeypatch, target, name):
    """Patch ``target.name`` so that, the first time it is called, another connection adds a
    new code and a coding of it (as another coder's process would) before it returns."""
    original = getattr(target, name)
    done = []

    def write_once():
        if not done:
            done.append(True)
            with qda.open_project(path) as other:
                code = other.add_code("Added meanwhile", None, "other")
                other.add_coding(DOCUMENT, code.id, 0, 5, "other")

    if isinstance(original, property):
        def getter(self):
            value = original.fget(self)
            write_once()
            return value
        monkeypatch.setattr(target, name, property(getter))
    else:
        def wrapper(*args, **kwargs):
            value = original(*args, **kwargs)
            write_once()
            return value
        monkeypatch.setattr(target, name, wrapper)
    return done


def test_read_records_sees_one_moment_while_another_process_writes(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        before = len(project.codings())
        done = _write_meanwhile(coded_path, monkeypatch, Project, "documents")
        records = read_records(project)
        assert done
        assert len(records.codings) == before  # the coding committed meanwhile is not half-seen
        codes = {code.id for code in records.codebook.codes}
        assert all(coding.code_id in codes for coding in records.codings)
        assert len(project.codings()) == before + 1  # after the snapshot, it is seen


def test_codings_table_never_names_a_code_it_did_not_read(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        before = len(project.codings())
        done = _write_meanwhile(coded_path, monkeypatch, Project, "codebook")
        frame = project.codings_table()  # reads the codebook, then the codings
        assert done and len(frame) == before


def test_copy_for_coder_while_another_process_writes_is_consistent(coded_path, tmp_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        _write_meanwhile(coded_path, monkeypatch, Project, "documents")
        with copy_for_coder(project, "other", tmp_path / "other.qda") as copy:
            assert copy._db.execute("PRAGMA foreign_key_check").fetchall() == []
            assert copy.codings() == []  # the coding made meanwhile is after the snapshot


@pytest.mark.file_only
def test_a_deleted_memo_is_gone_from_the_file(sample_project_path):
    secret = "Participant named Rosa Quispe Mamani lives near the market"
    with qda.open_project(sample_project_path) as project:
        project.set_memo("document", DOCUMENT, secret, "ana")
        coding = project.add_coding(DOCUMENT, "Shame", 0, 10, "ana", memo="coding memo: " + secret[::-1])
        project._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert secret.encode() in sample_project_path.read_bytes()
        project.set_memo("document", DOCUMENT, "", "ana")
        project.remove_coding(coding, "ana")
        project.forget_deleted()
    data = sample_project_path.read_bytes()
    assert secret.encode() not in data
    assert secret[::-1].encode() not in data


@pytest.mark.file_only
def test_commits_are_synced_and_deletions_zeroed(sample_project):
    assert sample_project._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert sample_project._db.execute("PRAGMA secure_delete").fetchone()[0] == 1


@pytest.mark.file_only
def test_a_wait_for_another_writer_is_announced(sample_project_path, monkeypatch):
    monkeypatch.setattr(store_connection, "NOTICE_AFTER_MS", 50)
    notices = []
    previous = store_connection.set_wait_notice(notices.append)
    try:
        holder = sqlite3.connect(sample_project_path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
        release.start()
        with qda.open_project(sample_project_path) as project:
            project.set_memo("project", "", "written after the wait", "ana")
            assert project.memo("project", "", "ana") == "written after the wait"
        release.join()
        holder.close()
    finally:
        store_connection.set_wait_notice(previous)
    assert len(notices) == 1
    assert "waiting for another process that is writing to" in notices[0]
    assert sample_project_path.name in notices[0]


@pytest.mark.file_only
def test_a_cut_short_project_is_refused_by_name(sample_project_path):
    data = sample_project_path.read_bytes()
    sample_project_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ProjectError, match=f"{sample_project_path.name}: the file is cut short"):
        qda.open_project(sample_project_path)


@pytest.mark.file_only
def test_a_project_of_a_newer_schema_is_refused(sample_project_path):
    with sqlite3.connect(sample_project_path) as raw:
        raw.execute("PRAGMA user_version = 99")
    with pytest.raises(ProjectError, match="made by a newer qda"):
        qda.open_project(sample_project_path)


@pytest.mark.file_only
def test_a_read_only_project_opens_for_reading_and_refuses_a_write(sample_project_path, monkeypatch):
    # Root may write any file, so read-only is simulated where qda decides it.
    monkeypatch.setattr(store_connection, "is_read_only", lambda path: True)
    with qda.open_project(sample_project_path) as project:
        assert len(project.documents_frame()) == 12
        with pytest.raises(ProjectError, match="read-only"):
            project.set_memo("project", "", "x", "ana")


@pytest.mark.file_only
def test_a_project_whose_pages_are_damaged_is_one_line(sample_project_path, tmp_path):
    from click.testing import CliRunner

    from qda.cli import main

    data = bytearray(sample_project_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 2, len(data), page):  # every page but the first two: the schema survives
        data[offset:offset + 64] = b"\xa5" * 64
    sample_project_path.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["documents", str(sample_project_path)])
    assert result.exit_code == 2, result.output
    assert sample_project_path.name in result.output and "Traceback" not in result.output
