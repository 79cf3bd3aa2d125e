"""The quick dispatch (qda.cli.quick): `qda stats` and `qda crosstab` with plain arguments run without
click, and must do exactly what click does with them: the same arguments to the same function, the
same output, the same one-line errors and exit codes; every other form is left to click."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import pytest
from click.testing import CliRunner

from qda.cli import main
from qda.cli.quick import QUICK, quick_arguments
from qda.store.location import location

PLAIN = [
    ["stats"],
    ["stats", "--by", "document", "--format", "csv"],
    ["stats", "--by", "role", "--where", "site=North", "--where", "role=police,victim", "--coder", "ana",
     "--codes", "Police", "--codes", "Framing", "--rollup", "--names", "--format", "json"],
    ["stats", "--by", "coder", "--rollup", "--format", "table"],
    ["stats", "--by", ""],
    ["crosstab"],
    ["crosstab", "--rows", "document", "--cols", "code", "--measure", "words", "--percent", "--names"],
    ["crosstab", "--cols", "coder", "--measure", "documents", "--rollup", "--coder", "ana", "--format", "csv"],
]


def with_project(form: list[str], project: str) -> list[str]:
    """The form with the project after the command, and once more with the project last (click takes both)."""
    return [form[0], project, *form[1:]]


@pytest.mark.parametrize("form", PLAIN, ids=" ".join)
@pytest.mark.parametrize("project_last", [False, True], ids=["project first", "project last"])
def test_quick_passes_what_click_passes(form, project_last, monkeypatch):
    project = "study.qda"
    argv = [*form, project] if project_last else with_project(form, project)
    passed = {}
    module, function, _ = QUICK[form[0]]
    monkeypatch.setattr(f"qda.cli.analysis.{function}", lambda **arguments: passed.update(arguments))
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    command, arguments = quick_arguments(argv)
    assert command == form[0]
    called = getattr(import_module(module), function)
    assert {**defaults(called), **arguments, "project": location(arguments["project"])} == passed


def defaults(function) -> dict:
    """Each parameter of ``function`` that has a default, with it: what the quick dispatch leaves unsaid."""
    code = function.__code__
    names = code.co_varnames[:code.co_argcount]
    return dict(zip(names[len(names) - len(function.__defaults__ or ()):], function.__defaults__ or ()))


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["--version"], ["stats"], ["cooccur", "study.qda"], ["quotes", "study.qda", "--code", "Police"],
    ["stats", "study.qda", "other.qda"], ["stats", ""], ["stats", "study.qda", "--help"], ["stats", "-h", "study.qda"],
    ["stats", "study.qda", "--by=role"], ["stats", "study.qda", "--by"], ["stats", "study.qda", "--by", "a", "--by", "b"],
    ["stats", "study.qda", "--where", "-x"], ["stats", "study.qda", "--rollup", "--rollup"], ["stats", "--", "study.qda"],
    ["stats", "study.qda", "--format", "xml"], ["stats", "study.qda", "-o", "out.csv"],
    ["stats", "study.qda", "--permissions", "644"], ["stats", "study.qda", "--raw-csv"],
    ["crosstab", "study.qda", "--measure", "pages"], ["crosstab", "study.qda", "--by", "role"],
], ids=lambda argv: " ".join(argv) or "nothing")
def test_every_other_form_is_left_to_click(argv):
    assert quick_arguments(argv) is None


def test_shell_completion_is_left_to_click(monkeypatch):
    monkeypatch.setenv("_QDA_COMPLETE", "bash_complete")
    assert quick_arguments(["stats", "study.qda"]) is None


def quick_run(argv: list[str]) -> subprocess.CompletedProcess:
    """``argv`` through `qda`'s console script function, in a new process; prints whether click was imported."""
    script = ("import sys\nimport qda.cli.quick as quick\n"
              "def done():\n    print('click imported:', 'click' in sys.modules)\n    sys.exit(0)\n"
              f"quick._done = done\nsys.argv = ['qda', *{argv!r}]\nfrom qda.cli import run\nrun()")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"COLUMNS": "200"})


@pytest.mark.parametrize("form", [["stats"], ["stats", "--by", "role", "--rollup"], ["stats", "--by", "document"],
                                  ["stats", "--format", "json", "--coder", "ana"], ["crosstab", "--cols", "role"],
                                  ["crosstab", "--rows", "document", "--cols", "code", "--measure", "words", "--percent"]],
                         ids=" ".join)
def test_quick_prints_what_click_prints(hand_path, form):
    argv = with_project(form, str(hand_path))
    quick = quick_run(argv)
    clicked = CliRunner(env={"COLUMNS": "200"}).invoke(main, argv)
    assert quick.returncode == clicked.exit_code == 0, quick.stderr
    lines = quick.stdout.splitlines()
    # a file project exits through the quick exit; a server project as Python does (its pool closes at exit)
    assert lines[-1] == "click imported: False" or "postgresql" in str(hand_path)
    printed = "\n".join(lines[:-1]) + "\n" if lines[-1].startswith("click imported") else quick.stdout
    assert printed == clicked.output and "Distrust" in printed and quick.stderr == ""


@pytest.mark.parametrize("form, message", [
    (["stats", "--by", "nosuch"], "no document attribute 'nosuch'"),
    (["stats", "--coder", "nobody"], "no coder 'nobody'"),
    (["crosstab", "--cols", "role", "--codes", "No such code"], "no code 'No such code'"),
], ids=lambda value: " ".join(value) if isinstance(value, list) else "")
def test_quick_errors_are_click_s_one_line(hand_path, form, message):
    argv = with_project(form, str(hand_path))
    quick = quick_run(argv)
    clicked = CliRunner().invoke(main, argv)
    assert quick.returncode == clicked.exit_code == 2
    assert quick.stderr == clicked.output and quick.stderr.count("\n") == 1 and message in quick.stderr
    assert quick.stdout == ""


def test_a_missing_project_file_is_the_same_error(tmp_path):
    argv = ["stats", str(tmp_path / "missing.qda")]
    quick, clicked = quick_run(argv), CliRunner().invoke(main, argv)
    assert quick.returncode == clicked.exit_code == 2 and quick.stderr == clicked.output
    assert "missing.qda" in quick.stderr


def test_the_module_runs_the_console_script_function():
    # `python -m qda` is what the console script does: the quick dispatch first, then click
    result = subprocess.run([sys.executable, "-m", "qda", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("qda, version")
