"""A second connection in a process that has the project open (the app's analysis screens,
``Project.borrowed``) must not drop the first one's locks: when it did (the file's header was read
and closed again, which releases every POSIX lock the process holds on the file), another process
closing its own connection took itself for the last, deleted the write-ahead log in use, and the
app's later commits went to a deleted file, unseen by others and corrupting the file when they wrote."""

from __future__ import annotations

import shutil
import subprocess
import sys

from qda.store import Project

READ_AND_CLOSE = "import qda, sys\nwith qda.open_project(sys.argv[1]) as p: print(len(p.codings(coder='zed')))"


def _codings_seen_by_another_process(path) -> int:
    return int(subprocess.run([sys.executable, "-c", READ_AND_CLOSE, str(path)], check=True,
                              capture_output=True, text=True).stdout)


def test_another_process_closing_leaves_the_log_of_an_open_project_with_a_borrowed_connection(
        tmp_path, sample_project_template):
    path = tmp_path / "study.qda"
    shutil.copyfile(sample_project_template, path)
    log = path.with_name(path.name + "-wal")
    with Project.open(path) as app:
        document = app.documents()[0].id
        code = app.codebook.codes[3].id
        app.add_coding(document, code, 0, 5, "zed")
        with Project.borrowed(path) as screen:
            assert len(screen.codings(coder="zed")) == 1
        assert _codings_seen_by_another_process(path) == 1
        assert log.exists(), "another process deleted the log this process still writes"
        app.add_coding(document, code, 5, 10, "zed")
        assert _codings_seen_by_another_process(path) == 2
    with Project.open(path) as project:
        assert project._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
