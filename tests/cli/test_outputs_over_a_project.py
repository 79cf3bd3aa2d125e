"""A command whose output is named like its own project (a project called study.csv) refuses in
one line, exit code 2, and leaves the project whole: the output was written after the project
closed, over it."""

from __future__ import annotations

import shutil
import subprocess
import sys


def test_a_table_written_over_its_own_project_is_refused(tmp_path, sample_project_template):
    project = tmp_path / "study.csv"
    shutil.copyfile(sample_project_template, project)
    before = project.read_bytes()
    done = subprocess.run([sys.executable, "-m", "qda", "stats", str(project), "-o", str(project)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"Error: {project}: an SQLite database (a qda project?), "
                                                "not a file to write over; name another file"]
    assert project.read_bytes() == before
