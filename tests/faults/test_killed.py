"""Fault tests: a real `qda` process killed (SIGKILL) at a chosen point, then the aftermath
checked: the project opens, passes PRAGMA integrity_check, holds every acknowledged coding;
no half-made file is left under the name asked for (a rerun is not refused), and no worker
process outlives its parent.

The point is chosen by running the CLI in a child Python that wraps one function of qda so
that it kills its own process there (no hook in qda itself)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import qda

KILLED = -signal.SIGKILL

DYING = """
import os, signal, sys
import {module} as target
original = target.{function}
calls = [0]
def dying(*args, **kwargs):
    calls[0] += 1
    value = original(*args, **kwargs)
    if calls[0] == {call}:
        os.kill(os.getpid(), signal.SIGKILL)
    return value
target.{function} = dying
from qda.cli import main
main(sys.argv[1:], prog_name="qda")
"""


def run_dying(args: list, module: str, function: str, call: int = 1) -> subprocess.CompletedProcess:
    """Run `qda args` in a child that SIGKILLs itself right after the ``call``-th call of
    ``module.function`` returns."""
    script = DYING.format(module=module, function=function, call=call)
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, timeout=600)


def run_qda(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qda", *map(str, args)], capture_output=True, text=True, timeout=600)


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def qdpx(coded_template, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("qdpx")
    path = folder / "colleague.qdpx"
    result = run_qda("export", coded_template, "-o", path)
    assert result.returncode == 0, result.stderr
    return path


def test_init_from_killed_while_storing_leaves_nothing_and_a_rerun_works(qdpx, coded_template, tmp_path):
    target = tmp_path / "new.qda"
    killed = run_dying(["init", target, "--from", qdpx], "qda.store.records", "_insert_codings")
    assert killed.returncode == KILLED, killed.stderr
    assert not target.exists()  # no project that opens as valid and holds part of the data
    rerun = run_qda("init", target, "--from", qdpx)
    assert rerun.returncode == 0, rerun.stderr
    assert names(tmp_path) == ["new.qda"]  # the killed run's temporary file is swept
    assert integrity(target) == "ok"
    with qda.open_project(target) as project, qda.open_project(coded_template) as original:
        assert len(project.codings()) == len(original.codings())


def test_init_with_a_codebook_killed_before_the_codebook_is_stored_leaves_nothing(tmp_path):
    from qda.sample import sample_files

    target = tmp_path / "new.qda"
    killed = run_dying(["init", target, "--codebook", sample_files().codebook], "qda.store.project", "create_file")
    assert killed.returncode == KILLED, killed.stderr
    assert not target.exists()
    assert run_qda("init", target, "--codebook", sample_files().codebook).returncode == 0
    assert names(tmp_path) == ["new.qda"]
    with qda.open_project(target) as project:
        assert len(project.codebook) > 10


def test_copy_for_coder_killed_mid_copy_leaves_nothing(coded_path, tmp_path):
    output = tmp_path / "luis.qda"
    before = coded_path.read_bytes()
    killed = run_dying(["copy-for-coder", coded_path, "--coder", "luis", "-o", output], "qda.store.records", "_insert_codings")
    assert killed.returncode == KILLED, killed.stderr
    assert not output.exists()
    assert integrity(coded_path) == "ok" and coded_path.read_bytes() == before
    assert run_qda("copy-for-coder", coded_path, "--coder", "luis", "-o", output).returncode == 0
    assert names(tmp_path) == ["coded.qda", "luis.qda"]
    assert integrity(output) == "ok"


@pytest.mark.parametrize("suffix", [".csv", ".docx"])
def test_a_quote_export_killed_before_its_rename_leaves_the_old_file(coded_path, tmp_path, suffix):
    output = tmp_path / f"quotes{suffix}"
    output.write_bytes(b"the previous export")
    # killed once the new file is written in full beside the old one, just before the rename
    killed = run_dying(["quotes", coded_path, "--code", "Police", "-o", output], "qda.files", "_fsync")
    assert killed.returncode == KILLED, killed.stderr
    assert output.read_bytes() == b"the previous export"
    assert run_qda("quotes", coded_path, "--code", "Police", "-o", output).returncode == 0
    assert names(tmp_path) == ["coded.qda", f"quotes{suffix}"]  # the killed run's temporary file is swept


@pytest.mark.parametrize("kill_at", [1, 4, 9])
def test_every_acknowledged_coding_survives_a_kill_mid_action(sample_project_path, tmp_path, kill_at):
    """A coder adds codings one by one, each acknowledged after its commit; the process is
    killed inside the ``kill_at``-th action, after its rows are written and before its commit."""
    script = f"""
import os, signal, sys
import qda
from qda.store import actions
original, calls = actions.record, [0]
def dying(*args, **kwargs):
    calls[0] += 1
    value = original(*args, **kwargs)
    if calls[0] == {kill_at}:
        os.kill(os.getpid(), signal.SIGKILL)
    return value
actions.record = dying
with qda.open_project(sys.argv[1]) as project:
    for i in range(20):
        coding = project.add_coding("P01_police_limanorte", "Shame", i, i + 7, "ana", memo=f"note {{i}}")
        print(coding.id, flush=True)
"""
    result = subprocess.run([sys.executable, "-c", script, str(sample_project_path)], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == KILLED, result.stderr
    acknowledged = result.stdout.split()
    assert len(acknowledged) == kill_at - 1
    assert integrity(sample_project_path) == "ok"
    with qda.open_project(sample_project_path) as project:
        kept = {coding.id for coding in project.codings()}
    assert kept == set(acknowledged)  # every acknowledged coding, and not the half-made one


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers are used on Linux only")
def test_killed_import_leaves_no_worker_behind(sample_project_path, tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for number in range(40):  # enough tasks for the pool to fork
        (folder / f"P{number:02d}.txt").write_text(f"P{number:02d}: We waited at the station {number} hours.\n"
                                                    "INT: And then?\n" * 20, encoding="utf-8")
    script = """
import os, signal, sys
import qda.parallel as parallel
parallel.worker_count = lambda expected: 2
original, calls = parallel.OrderedPool.submit, [0]
def dying(self, *args):
    original(self, *args)
    calls[0] += 1
    if calls[0] == 5:
        print("WORKERS", *(self._executor._processes if self._executor else []), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
parallel.OrderedPool.submit = dying
from qda.cli import main
main(sys.argv[1:], prog_name="qda")
"""
    out = tmp_path / "out.txt"
    with out.open("w") as handle:  # a file, not a pipe: an orphan holding a pipe would keep run() waiting
        result = subprocess.run([sys.executable, "-c", script, "import", str(sample_project_path),
                                 *sorted(map(str, folder.iterdir()))], stdout=handle, stderr=subprocess.STDOUT,
                                timeout=600)
    assert result.returncode == KILLED, out.read_text()
    line = next(line for line in out.read_text().splitlines() if line.startswith("WORKERS"))
    workers = [int(pid) for pid in line.split()[1:]]
    assert len(workers) == 2
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # tidy up before failing
    assert not left, f"orphaned workers: {left}"
    assert integrity(sample_project_path) == "ok"
    with qda.open_project(sample_project_path) as project:
        assert len(project.documents()) == 12  # the killed import stored nothing
