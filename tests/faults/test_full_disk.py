"""A full disk: the action is refused in one line naming the file, nothing half-written, the
project intact.  SQLite's max_page_count makes its writes fail exactly as a full disk does
(SQLITE_FULL); where user namespaces allow it, a real 2 MB file system is filled too."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.store import connection as store_connection


def test_a_write_on_a_full_disk_is_one_line_and_changes_nothing(coded_path, monkeypatch):
    with qda.open_project(coded_path) as project:
        memos_before = len(project.memos())
        codings_before = len(project.codings())
    configure = store_connection._configure

    def full(connection):
        configure(connection)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(store_connection, "_configure", full)
    result = CliRunner().invoke(main, ["memo", str(coded_path), "--coder", "ana", "--text", "x" * 200_000])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and coded_path.name in lines[0] and "disk is full" in lines[0], result.output
    monkeypatch.setattr(store_connection, "_configure", configure)
    with qda.open_project(coded_path) as project:
        assert len(project.memos()) == memos_before and len(project.codings()) == codings_before
    with closing(sqlite3.connect(coded_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


SCRIPT = r"""
set -e
mount -t tmpfs -o size=2m tmpfs "$DISK"
cp "$PROJECT" "$DISK/study.qda"
cd "$DISK"
free=$(df -k --output=avail . | tail -1)
head -c $(( (free - 150) * 1024 )) /dev/zero > filler
set +e
"$PYTHON" -m qda memo study.qda --coder ana --text "$(head -c 120000 /dev/zero | tr '\0' 'x')" 2> memo.err
echo "memo=$?"
rm filler
mkdir out
mount -t tmpfs -o size=16k tmpfs out
"$PYTHON" -m qda quotes study.qda --code Police -o out/quotes.docx 2> quotes.err
echo "quotes=$?"
ls -a out
echo "memo_err=$(cat memo.err)"
echo "quotes_err=$(cat quotes.err)"
"$PYTHON" -c "import sqlite3; print('integrity=' + sqlite3.connect('study.qda').execute('PRAGMA integrity_check').fetchone()[0])"
ls -a
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("unshare") is None, reason="needs Linux unshare")
def test_a_real_full_file_system(coded_path, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here")
    env = {"DISK": str(disk), "PROJECT": str(coded_path), "PYTHON": sys.executable, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(["unshare", "-rm", "sh", "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=600)
    report = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert report.get("memo") == "2" and report.get("quotes") == "2", result.stdout + result.stderr
    for key in ("memo_err", "quotes_err"):
        assert report[key].startswith("Error: ") and "\n" not in report[key].strip(), report[key]
        assert "disk is full" in report[key], report[key]
    assert "study.qda" in report["memo_err"] and "quotes.docx" in report["quotes_err"]
    assert report["integrity"] == "ok"
    listing = result.stdout.split()
    assert "quotes.docx" not in listing and not any(".partial-" in name for name in listing), result.stdout
