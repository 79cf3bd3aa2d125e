"""One moment per command (issue 19, item 3): a command that reads several tables, run while
another process writes, shows the project as it was before that write or after it, never
a mixture (a coding whose code it did not read, a count from before beside a code from after).

Each run is two real processes.  The reader is `qda COMMAND` in a child Python that stops at
its k-th SELECT on the watched project (a SQLite trace callback on a file, a wrapped execute
on a server) until a writer process has committed one action that adds a code, codes a
passage with it and removes another coding; then the reader goes on.  Its output is compared
with the same command's output before the write and after it, read in this process.

``test_the_check_catches_a_command_without_a_snapshot`` runs the same harness with
snapshots turned off in the reader: the mixture must then be seen, or the harness proves
nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main

pytestmark = pytest.mark.both_engines

DOCUMENT = "P01_police_limanorte"
PARENT = "Barriers to seeking help"

READER = r"""
import sqlite3, sys, time
from pathlib import Path

pause_at, watch, ready, done, no_snapshot = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5]
selects = [0]


def seen(sql):
    if not sql.lstrip().upper().startswith("SELECT"):
        return
    selects[0] += 1
    if selects[0] == pause_at:
        ready.touch()
        deadline = time.monotonic() + 300
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


connect = sqlite3.connect


def watched_connect(database, *args, **kwargs):
    connection = connect(database, *args, **kwargs)
    if watch in str(database):
        connection.set_trace_callback(seen)
    return connection


sqlite3.connect = watched_connect
if watch.startswith("postgresql"):
    from qda.store import server

    execute = server.ServerConnection.execute

    def watched_execute(self, sql, params=()):
        seen(sql)
        return execute(self, sql, params)

    server.ServerConnection.execute = watched_execute
if no_snapshot == "1":  # the control: what a command without one read transaction would show
    import contextlib
    import qda.cli, qda.store.project
    from qda.store import connection
    nothing = lambda *args, **kwargs: contextlib.nullcontext()
    qda.store.project.Project.snapshot = nothing
    original = connection.snapshot
    for module in list(sys.modules.values()):
        if (getattr(module, "__name__", "") or "").startswith("qda.") and getattr(module, "snapshot", None) is original:
            module.snapshot = nothing
from qda.cli import main
main(sys.argv[6:], prog_name="qda")
"""

WRITER = r"""
import sys, time
from pathlib import Path
import qda

target, ready, done = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
deadline = time.monotonic() + 300
while not ready.exists() and time.monotonic() < deadline:
    time.sleep(0.02)
with qda.open_project(target) as project:
    with project._transaction():  # one action: a new code, a coding of it, another coding gone
        code = project.add_code("Zeta meanwhile", project.code("%s"), "ana")
        project.add_coding("%s", code.id, 0, 12, "ana")
        gone = next(c for c in project.codings(coder="ana") if c.code_id == project.code("Shame").id)
        project.remove_coding(gone, "ana")
done.touch()
""" % (PARENT, DOCUMENT)


def run_racing(argv: list, watch, folder: Path, pause_at: int, no_snapshot: bool = False) -> subprocess.CompletedProcess:
    """`qda argv` stopped at its ``pause_at``-th SELECT on ``watch`` while the writer commits."""
    ready, done = folder / "reader-ready", folder / "writer-done"
    ready.unlink(missing_ok=True)
    done.unlink(missing_ok=True)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(watch), str(ready), str(done)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reader = subprocess.run([sys.executable, "-c", READER, str(pause_at), str(watch), str(ready), str(done),
                             "1" if no_snapshot else "0", *map(str, argv)], capture_output=True, text=True, timeout=600)
    if not ready.exists():  # the reader ended before its pause: let the writer go
        ready.touch()
    _, writer_err = writer.communicate(timeout=600)
    assert writer.returncode == 0, writer_err
    return reader


# -- what each command shows, made comparable -------------------------------------------------------------

def _stdout_view(argv):
    def view(project, folder: Path) -> str:
        result = CliRunner().invoke(main, [str(a) for a in argv(project, folder)])
        assert result.exit_code == 0, result.output
        return result.stdout
    return view


def _export_view(path: Path) -> tuple:
    """The codes and the codings (code, source, start, end) of a .qdpx."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    ns = "{urn:QDA-XML:project:1.0}"
    codes = {code.get("guid"): code.get("name") for code in root.iter(f"{ns}Code")}
    codings = set()
    for source in root.iter(f"{ns}TextSource"):
        for selection in source.iter(f"{ns}PlainTextSelection"):
            for ref in selection.iter(f"{ns}CodeRef"):
                assert ref.get("targetGUID") in codes, "a coding of a code the export does not hold"
                codings.add((codes[ref.get("targetGUID")], source.get("name"), selection.get("startPosition"),
                             selection.get("endPosition")))
    return tuple(sorted(codes.values())), tuple(sorted(codings))


def _project_view(path) -> tuple:
    with qda.open_project(path) as project:
        if not project.on_server:
            assert project._db.execute("PRAGMA foreign_key_check").fetchall() == []
        paths = project.codebook.paths
        codings = sorted((paths[c.code_id], c.document_id, c.start, c.end) for c in project.codings())
        return tuple(sorted(paths.values())), tuple(codings)


COMMANDS = {
    "stats": (lambda p, f: ["stats", p, "--format", "csv"], None),
    "quotes": (lambda p, f: ["quotes", p, "--code", PARENT, "--format", "csv"], None),
    "agree": (lambda p, f: ["agree", p, "--coders", "ana,luis", "--format", "json"], None),
    "heatmap": (lambda p, f: ["heatmap", p, "--format", "csv"], None),
    "export": (lambda p, f: ["export", p, "-o", f / "out.qdpx"], lambda p, f: _export_view(f / "out.qdpx")),
    "copy-for-coder": (lambda p, f: ["copy-for-coder", p, "--coder", "ana", "-o", f / "ana.qda"],
                       lambda p, f: _project_view(f / "ana.qda")),
}


def _view(command: str, project, folder: Path):
    argv, files = COMMANDS[command]
    folder.mkdir(exist_ok=True)
    if files is None:
        return _stdout_view(argv)(project, folder)
    result = CliRunner().invoke(main, [str(a) for a in argv(project, folder)])
    assert result.exit_code == 0, result.output
    return files(project, folder)


@pytest.mark.parametrize("pause_at", [2, 5, 9])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_command_reads_one_moment_while_another_process_writes(command, pause_at, coded_path, tmp_path):
    before = _view(command, coded_path, tmp_path / "before")
    racing = tmp_path / "racing"
    racing.mkdir()
    argv, files = COMMANDS[command]
    reader = run_racing(argv(coded_path, racing), coded_path, tmp_path, pause_at)
    assert reader.returncode == 0, reader.stderr
    assert "Traceback" not in reader.stderr
    seen = reader.stdout if files is None else files(coded_path, racing)
    after = _view(command, coded_path, tmp_path / "after")
    assert before != after  # the write shows in the command's output
    assert seen in (before, after), f"{command} mixed two moments (paused at SELECT {pause_at})"


@pytest.mark.file_only
@pytest.mark.parametrize("pause_at", [2, 5, 9])
def test_merge_reads_a_coders_copy_at_one_moment_while_the_coder_writes(pause_at, coded_path, tmp_path):
    copy = tmp_path / "ana.qda"
    assert CliRunner().invoke(main, ["copy-for-coder", str(coded_path), "--coder", "ana", "-o", str(copy)]).exit_code == 0
    homes = {}
    for name in ("before", "racing", "after"):
        homes[name] = tmp_path / f"home-{name}.qda"
        shutil.copyfile(coded_path, homes[name])
    merge = lambda home: CliRunner().invoke(main, ["merge", str(home), str(copy), "--coder", "ana"])
    assert merge(homes["before"]).exit_code == 0
    reader = run_racing(["merge", homes["racing"], copy, "--coder", "ana"], copy, tmp_path, pause_at)
    assert reader.returncode == 0 and "Traceback" not in reader.stderr, reader.stderr
    assert merge(homes["after"]).exit_code == 0
    views = {name: _project_view(home) for name, home in homes.items()}
    assert views["before"] != views["after"]
    assert views["racing"] in (views["before"], views["after"])


@pytest.mark.file_only
def test_the_check_catches_a_command_without_a_snapshot(coded_path, tmp_path):
    before = _view("stats", coded_path, tmp_path / "before")
    argv, _ = COMMANDS["stats"]
    outputs = []
    for pause_at in (2, 5, 9):
        project = tmp_path / f"p{pause_at}.qda"
        shutil.copyfile(coded_path, project)
        reader = run_racing(argv(project, tmp_path), project, tmp_path, pause_at, no_snapshot=True)
        outputs.append((reader.returncode, reader.stdout))
    after = _view("stats", project, tmp_path / "after")
    assert any(code != 0 or out not in (before, after) for code, out in outputs), \
        "without snapshots the harness saw no mixture: it would not catch one"
