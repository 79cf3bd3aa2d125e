"""The hostile-input suite: every command that reads a file, given a broken or hostile one,
ends with exit code 2 and exactly one line on stderr that names the file and the problem,
prints nothing on stdout, and writes nothing (issue 19).  Each case builds its file in a
fresh folder beside a good project; the folder (the project, the output folder) is compared
byte for byte before and after.

Each case runs `qda` in a process of its own (isolated.py) limited to 5 s of CPU and 3 GiB of
memory: a YAML bomb, a zip bomb or a hang fails the case instead of taking the machine."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from hostile_cases import CASES, Case
from isolated import CPU_SECONDS, Runner


def _listing(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``: its SHA-256, 'folder', or 'special' (a named pipe)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        result[key] = ("folder" if path.is_dir() else "special" if not path.is_file()
                       else hashlib.sha256(path.read_bytes()).hexdigest())
    return result


@pytest.fixture(scope="module")
def runner():
    server = Runner()
    yield server
    server.close()


def test_the_suite_is_large_enough_and_every_case_names_its_problem():
    assert len(CASES) >= 100
    assert len({item.id for item in CASES}) == len(CASES)
    assert [item.id for item in CASES if not item.problem] == []


@pytest.mark.timeout(120)  # the runner's own guard ends a hang after 60 s
@pytest.mark.parametrize("item", [pytest.param(item, id=item.id) for item in CASES])
def test_hostile_input_is_one_line_exit_2_and_nothing_written(item: Case, coded_template: Path, tmp_path: Path,
                                                               runner: Runner):
    folder, scratch = tmp_path / "work", tmp_path / "scratch"
    folder.mkdir()
    scratch.mkdir()
    project = folder / "good.qda"
    shutil.copyfile(coded_template, project)
    hostile = item.build(folder, coded_template)
    argv = [str(a) for a in item.argv(project, hostile)]
    before = _listing(folder)
    outcome = runner.run(argv, scratch)
    assert not outcome.over_cpu_limit, f"{argv}: still working after {CPU_SECONDS} s of CPU"
    assert outcome.exit_code == 2, f"{argv}: exit {outcome.exit_code}\n{outcome.stderr}"
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), outcome.stderr
    assert item.named(hostile) in lines[0], lines[0]
    assert item.problem in lines[0], lines[0]
    assert outcome.stdout == "", outcome.stdout
    assert _listing(folder) == before
