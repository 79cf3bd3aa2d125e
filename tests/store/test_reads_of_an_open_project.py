"""A project's own files given where qda reads a table, a codebook, a transcript or a REFI-QDA
file (a typo, a glob that caught them) while the process has the project open: refused by name,
without opening them.  Reading one and closing it would drop every POSIX lock SQLite holds on it
in this process (sqlite.org/howtocorrupt.html, section 2.2): a `qda` command elsewhere would then
delete the write-ahead log still in use here, and the codings made here after would be lost."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import qda
from qda.errors import FileError

COUNT = "import qda, sys\nwith qda.open_project(sys.argv[1]) as p: print(len(p.codings(coder='zed')))"


def _read_as_attributes(project, target):
    from qda.ingest.importer import import_files

    import_files(project, [], attributes=target)


def _read_as_codings(project, target):
    from qda.ingest.codings import read_codings_csv

    read_codings_csv(target, project)


def _read_as_codebook(project, target):
    qda.load_codebook(target)


def _read_as_codebook_csv(project, target):
    from qda.export.codebook_csv import read_codebook_csv

    read_codebook_csv(target)


def _read_as_qdc(project, target):
    from qda.export.refi import read_qdc

    read_qdc(target)


def _read_as_qdpx(project, target):
    from qda.export.refi.safety import open_project_file

    open_project_file(target)


def _read_as_transcript(project, target):
    from qda.ingest.readers import read

    read(target.with_name(target.name))  # the suffix decides nothing here: a project may be named notes.txt


READERS = {
    "attributes": _read_as_attributes,
    "codings-csv": _read_as_codings,
    "codebook-yaml": _read_as_codebook,
    "codebook-csv": _read_as_codebook_csv,
    "qdc": _read_as_qdc,
    "qdpx": _read_as_qdpx,
}


@pytest.fixture
def open_project(tmp_path, sample_project_template):
    path = tmp_path / "study.qda"
    shutil.copyfile(sample_project_template, path)
    with qda.open_project(path) as project:
        yield path, project


@pytest.mark.parametrize("side", ["", "-wal", "-shm"], ids=["project", "its-wal", "its-shm"])
@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_an_open_projects_files_are_refused_as_input_without_being_opened(open_project, reader, side, monkeypatch):
    import builtins
    import io

    path, project = open_project
    target = path.with_name(path.name + side)
    opened = []
    real_open = builtins.open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    with pytest.raises(FileError) as refused:
        reader(project, target)
    assert str(refused.value).startswith(f"{target}: ")
    assert ("a database in use" if not side else f"of {path.name}") in str(refused.value)
    assert str(target) not in opened


def test_a_project_named_like_a_transcript_is_refused_as_one(tmp_path, sample_project_template):
    path = tmp_path / "notes.txt"
    shutil.copyfile(sample_project_template, path)
    with qda.open_project(path) as project:
        with pytest.raises(FileError, match="notes.txt: a database in use .* not a transcript"):
            _read_as_transcript(project, path)


def test_a_coder_who_gives_the_project_as_attributes_loses_no_coding(open_project):
    """End to end, the notebook's way: the refused read, a `qda` command writing from another
    process, then more codings here; every one reaches the file."""
    path, project = open_project
    document, code = project.documents()[0].id, project.codebook.codes[3].id
    project.add_coding(document, code, 0, 5, "zed")
    with pytest.raises(FileError, match="in use"):
        _read_as_attributes(project, path)
    subprocess.run([sys.executable, "-m", "qda", "memo", str(path), "--coder", "ana", "--text", "elsewhere"],
                   check=True, capture_output=True)
    assert path.with_name(path.name + "-wal").exists(), "another process deleted the log this process still writes"
    project.add_coding(document, code, 5, 10, "zed")
    seen = subprocess.run([sys.executable, "-c", COUNT, str(path)], check=True, capture_output=True, text=True)
    assert int(seen.stdout) == 2
