"""Plain messages quoting stored text (a memo read back, a code's name in the codebook tree and in
"Added …", a name an error quotes) printed it raw: a control character a project holds from before
qda made them spaces (a captured terminal session's ``ESC [2J``, pasted into a memo or a code's name)
cleared or retitled the terminal the researcher reads.  Every message now goes through one printer
(``qda.cli.common.say``) that shows such characters as the tables and the app draw them, a space
each, on a terminal; a pipe or a file gets the text as stored.  Run as a user runs it: the ``qda``
process on a real pseudo-terminal (``os.openpty``), and piped."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys

import pytest

import qda

ESCAPE = "Cleared\x1b[2J here\x1b]0;title\x07 and\ttabbed"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # the pty writes \r\n: \r and \n are its own


def run(args: list[str], terminal: bool) -> str:
    env = {**os.environ, "NO_COLOR": "1", "QDA_PAGER": "cat", "COLUMNS": "120", "LINES": "200", "QDA_CODER": "ana"}
    command = [sys.executable, "-m", "qda", *args]
    if not terminal:
        return subprocess.run(command, capture_output=True, env=env, timeout=300).stdout.decode("utf-8")
    main, child = os.openpty()
    try:
        process = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=env)
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the process has ended and closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=300)
    finally:
        os.close(main)
    return b"".join(chunks).decode("utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    path = tmp_path_factory.mktemp("old") / "old.qda"
    with qda.create_project(path) as created:
        code = created.add_code("Police", None, "ana")
        created.set_memo("code", "Police", ESCAPE, "ana")
    with sqlite3.connect(path) as connection:  # a name stored before names were checked
        connection.execute("UPDATE codes SET name = ? WHERE id = ?", ("Poli\x1b[2Jce", code.id))
    return str(path)


def test_a_memo_read_back(project):
    shown = run(["memo", project, "--code", "Poli\x1b[2Jce", "--coder", "ana"], terminal=True)
    assert not CONTROL.search(shown)
    assert "Cleared [2J here ]0;title  and tabbed" in shown
    assert run(["memo", project, "--code", "Poli\x1b[2Jce", "--coder", "ana"], terminal=False) == ESCAPE + "\n"


def test_the_codebook_tree(project):
    shown = run(["codebook", project], terminal=True)
    assert not CONTROL.search(shown) and "Poli [2Jce 0" in shown
    assert "Poli\x1b[2Jce 0" in run(["codebook", project], terminal=False)


def test_an_error_quoting_a_name(project):
    shown = run(["codebook", project, "--delete", "Poli\x1b[2Jce > Nothing"], terminal=True)
    assert shown.startswith("Error:") and not CONTROL.search(shown)


def test_a_change_naming_the_code(project, tmp_path):
    shown = run(["codebook", project, "--add", "Poli\x1b[2Jce > Bribes"], terminal=True)
    assert shown.startswith("Added Poli [2Jce > Bribes") and not CONTROL.search(shown)
