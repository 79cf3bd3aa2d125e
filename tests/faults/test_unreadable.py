"""Files the researcher may not read or write: a transcript, a codebook, a .qdpx or a project of
mode 000 (copied from a colleague's account, a share with the wrong rights), and a project in a
folder the researcher may read but not write in.  Each command ends with exit code 2 and one line
naming the file and the problem, and writes nothing; a project in a read-only folder is read.

Everything here runs as root, which reads a file whatever its mode, so a chmod test alone passes
without testing anything.  As root, each ``qda`` process runs without the two capabilities that
let root past file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: ``setpriv``, util-linux), so
the kernel refuses its reads as it would a researcher's; the test first checks that it does.
On main, a writable project in a folder the researcher cannot write in could not even be listed
(SQLite keeps the project's log beside it), and the one line blamed the file: "make it writable
(chmod u+w)", which it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TRANSCRIPT = "P01: We waited at the station.\nINT: And then?\nP01: Nobody came.\n"


def qda(*args, cwd: Path) -> subprocess.CompletedProcess:
    """``qda`` as a researcher runs it: as root, without the capabilities that pass file modes."""
    drop = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    return subprocess.run([*drop, sys.executable, "-m", "qda", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})


def listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): "folder" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if os.access(p, os.R_OK) or os.geteuid() == 0}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A project with one transcript, its .qdpx, a codebook and a second transcript, made once."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux) to run qda as a researcher would")
    folder = tmp_path_factory.mktemp("made")
    (folder / "P01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "codebook.yaml").write_text("codes:\n  - name: Waiting\n", encoding="utf-8")
    for args in (["init", "study.qda"], ["import", "study.qda", "P01.txt"], ["export", "study.qda", "-o", "study.qdpx"]):
        assert subprocess.run([sys.executable, "-m", "qda", *args], cwd=folder, capture_output=True).returncode == 0
    (folder / "P02.txt").write_text(TRANSCRIPT.replace("P01", "P02"), encoding="utf-8")
    return folder


@pytest.fixture
def folder(made, tmp_path):
    for path in made.iterdir():
        shutil.copyfile(path, tmp_path / path.name)
    return tmp_path


def refused(result: subprocess.CompletedProcess, named: str, problem: str) -> None:
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and named in lines[0] and problem in lines[0], result.stderr
    assert result.stdout == ""


def test_the_kernel_refuses_the_reads_of_qdas_processes(folder):
    secret = folder / "secret.txt"
    secret.write_text("words", encoding="utf-8")
    secret.chmod(0)
    drop = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    probe = subprocess.run([*drop, sys.executable, "-c", "open('secret.txt').read()"], cwd=folder, capture_output=True,
                           text=True)
    assert probe.returncode == 1 and "PermissionError" in probe.stderr


@pytest.mark.parametrize("name, args", [
    ("P02.txt", ["import", "study.qda", "P02.txt"]),
    ("codebook.yaml", ["codebook", "study.qda", "--import", "codebook.yaml"]),
    ("codebook.yaml", ["init", "new.qda", "--codebook", "codebook.yaml"]),
    ("study.qdpx", ["init", "new.qda", "--from", "study.qdpx"]),
    ("study.qda", ["documents", "study.qda"]),
    ("study.qda", ["import", "study.qda", "P02.txt"]),
])
def test_an_unreadable_file_is_one_line_naming_it_and_nothing_is_written(folder, name, args):
    (folder / name).chmod(0)
    before = listing(folder)
    refused(qda(*args, cwd=folder), name, "not readable" if name != "study.qda" else "permission denied")
    assert listing(folder) == before
    assert not (folder / "new.qda").exists()


def test_a_project_in_a_folder_one_may_only_read_is_read_and_never_written(folder):
    shared = folder / "shared"
    shared.mkdir()
    shutil.move(folder / "study.qda", shared / "study.qda")
    for side in ("-wal", "-shm"):
        (folder / f"study.qda{side}").unlink(missing_ok=True)
    (shared / "study.qda").chmod(0o644)  # the file is writable; its folder is not
    shared.chmod(0o555)
    try:
        before = listing(shared)
        listed = qda("documents", "shared/study.qda", cwd=folder)
        assert listed.returncode == 0 and "P01" in listed.stdout, listed.stderr
        written = qda("import", "shared/study.qda", "P02.txt", cwd=folder)
        refused(written, "study.qda", f"the folder {shared} is read-only for you")
        assert "chmod u+w" not in written.stderr
        assert listing(shared) == before
    finally:
        shared.chmod(0o755)
