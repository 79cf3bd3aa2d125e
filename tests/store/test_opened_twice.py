"""A process that opens the same project file twice (a notebook running its opening cell again,
a script that calls ``qda.open_project`` in two functions) must keep the locks SQLite holds on it.
When opening read the file's header with a descriptor of its own and closed it, the process lost
every POSIX lock on the file (sqlite.org/howtocorrupt.html, section 2.2): a `qda` command in another
terminal then took itself for the last user, deleted the write-ahead log still in use, and the
notebook's later codings went to a deleted file, unseen by everyone and lost at its close."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import qda

COUNT = "import qda, sys\nwith qda.open_project(sys.argv[1]) as p: print(len(p.codings(coder='zed')))"


def _codings_seen_elsewhere(path) -> int:
    return int(subprocess.run([sys.executable, "-c", COUNT, str(path)], check=True, capture_output=True,
                              text=True).stdout)


def _qda(*argv) -> None:
    subprocess.run([sys.executable, "-m", "qda", *map(str, argv)], check=True, capture_output=True)


@pytest.mark.parametrize("second_closed", [False, True], ids=["both-open", "second-closed"])
def test_a_notebook_that_opens_its_project_twice_loses_no_coding_to_a_command_elsewhere(
        tmp_path, sample_project_template, second_closed):
    path = tmp_path / "study.qda"
    shutil.copyfile(sample_project_template, path)
    log = path.with_name(path.name + "-wal")
    first = qda.open_project(path)
    document, code = first.documents()[0].id, first.codebook.codes[3].id
    first.add_coding(document, code, 0, 5, "zed")
    second = qda.open_project(path)  # the cell run again
    assert len(second.codings(coder="zed")) == 1
    if second_closed:
        second.close()
    _qda("memo", path, "--coder", "ana", "--text", "written from another terminal")
    assert log.exists(), "another process deleted the log this process still writes"
    first.add_coding(document, code, 5, 10, "zed")
    assert _codings_seen_elsewhere(path) == 2
    if not second_closed:
        second.add_coding(document, code, 10, 15, "zed")
        assert _codings_seen_elsewhere(path) == 3
        second.close()
    first.close()
    with qda.open_project(path) as project:
        assert len(project.codings(coder="zed")) == (2 if second_closed else 3)
        assert project.memo("project", "", "ana") == "written from another terminal"
        assert project._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def python_opens(monkeypatch):
    """The paths Python's own ``open`` is asked for (``Path.read_bytes`` and ``os.open`` too);
    SQLite's opens, made in C, are not seen."""
    import builtins
    import io
    import os

    seen: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, *args, **kwargs):
        seen.append(str(file))
        return real_open(file, *args, **kwargs)

    def spy_os_open(file, *args, **kwargs):
        seen.append(str(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    return seen


def _project_files(path) -> set[str]:
    return {str(path), *(f"{path}{side}" for side in ("-wal", "-shm", "-journal"))}


def test_opening_an_open_project_again_opens_none_of_its_files_in_python(tmp_path, sample_project_template,
                                                                          python_opens):
    from qda.store import Project

    path = tmp_path / "study.qda"
    shutil.copyfile(sample_project_template, path)
    assert str(path) in python_opens  # the copy: the spy sees Python's opens
    python_opens.clear()
    with qda.open_project(path) as first:
        with qda.open_project(path) as second, Project.borrowed(path) as screen:
            assert len(second.documents()) == len(screen.documents()) == len(first.documents())
    assert not _project_files(path) & set(python_opens), python_opens
