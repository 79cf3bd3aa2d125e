"""A file argument click itself refuses (a folder where a file is wanted, a file that is not there)
is one line naming it, exit 2, as every other bad input; a mistyped option keeps click's usage hint."""

from __future__ import annotations

import subprocess
import sys

import pytest


def qda(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qda", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, named, problem", [
    (["stats", "{project}", "-o", "{folder}"], "{folder}", "is a directory"),
    (["push", "{folder}/not_there.qda", "postgresql://ana@db.example.org/study"], "not_there.qda", "does not exist"),
    (["merge", "{project}", "{folder}/missing.qda"], "missing.qda", "does not exist"),
])
def test_a_refused_path_is_one_line_exit_2(tmp_path, args, named, problem):
    project = tmp_path / "study.qda"
    assert qda("init", str(project)).returncode == 0
    filled = [a.format(project=project, folder=tmp_path) for a in args]
    result = qda(*filled)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named.format(folder=tmp_path) in lines[0] and problem in lines[0]
    assert result.stdout == ""


def test_a_mistyped_option_still_shows_the_usage(tmp_path):
    result = qda("stats", str(tmp_path / "study.qda"), "--bogus")
    assert result.returncode == 2
    assert "Usage: qda stats" in result.stderr and "No such option" in result.stderr
