"""A file that is not a whole qda project is refused when opened, in one line naming the file and
the problem, and nothing is written beside it (no -wal, no -shm).  The checks go through SQLite
itself (see test_opened_twice.py for why qda never reads the file with a descriptor of its own)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import zipfile
from contextlib import closing

import pytest

import qda
from qda.errors import ProjectError
from qda.store.schema import SCHEMA_VERSION


def _cut(fraction=None, size=None):
    def build(path, good):
        data = good.read_bytes()
        path.write_bytes(data[: size if size is not None else int(len(data) * fraction)])
    return build


def _other_sqlite(path, good):
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("CREATE TABLE visits (url TEXT, time INTEGER)")


def _newer(path, good):
    shutil.copyfile(good, path)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _zip(path, good):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<Project/>")


def _damaged_pages(path, good):
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 2, len(data), page):  # pages 1 and 2 (the header, the schema's start) survive
        data[offset:offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


SHAPES = {
    "empty": (lambda p, g: p.write_bytes(b""), "not a qda project (an empty file)"),
    "text": (lambda p, g: p.write_text("just some notes\n"), "not a qda project (not an SQLite file)"),
    "five-bytes": (lambda p, g: p.write_text("hello"), "not a qda project (not an SQLite file)"),
    "zip": (_zip, "not a qda project (not an SQLite file)"),
    "other-sqlite": (_other_sqlite, "an SQLite file, but not a qda project"),
    "header-only": (_cut(size=100), "the file is cut short (100 bytes, fewer than its header counts)"),
    "one-page": (_cut(size=4096), "the file is cut short (4,096 bytes"),
    "half-on-a-page": (lambda p, g: _cut(size=(g.stat().st_size // 8192) * 4096)(p, g), "the file is cut short"),
    "mid-page": (_cut(fraction=0.77), "the file is cut short"),
    "newer-schema": (_newer, f"made by a newer qda (schema {SCHEMA_VERSION + 1}"),
    "damaged-pages": (_damaged_pages, "the project file is damaged"),
}


@pytest.mark.parametrize("build, problem", SHAPES.values(), ids=SHAPES.keys())
def test_a_file_that_is_not_a_whole_project_is_refused_naming_it(tmp_path, sample_project_template, build, problem):
    path = tmp_path / "study.qda"
    build(path, sample_project_template)
    before = path.read_bytes()
    with pytest.raises(ProjectError) as refused:
        with qda.open_project(path) as project:
            project.documents_frame()  # damage beyond the first pages is met by the first read
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message, message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.qda"]
    assert path.read_bytes() == before


def test_a_folder_an_unreadable_file_and_a_lone_log_are_named(tmp_path, monkeypatch):
    folder = tmp_path / "study.qda"
    folder.mkdir()
    with pytest.raises(ProjectError, match=f"^{folder}: not a file$"):
        qda.open_project(folder)
    lone = tmp_path / "moved.qda"
    (tmp_path / "moved.qda-wal").write_bytes(b"\0" * 32)
    with pytest.raises(ProjectError, match=f"^{lone}: no project there, only its log moved.qda-wal"):
        qda.open_project(lone)
    unreadable = tmp_path / "locked.qda"
    qda.create_project(unreadable).close()
    real_access = os.access  # root reads any file whatever its mode: the refusal is simulated where qda asks
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if str(p) == str(unreadable) and mode == os.R_OK
                        else real_access(p, mode, **k))
    with pytest.raises(ProjectError, match=f"^{unreadable}: cannot be read \\(permission denied\\)$"):
        qda.open_project(unreadable)
