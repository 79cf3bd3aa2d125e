"""Python's garbage collector around a command: a `qda` process freezes what start-up made (it lives until
the process ends), stats and crosstab pause the cyclic collector while they count; a caller in Python
(a notebook, a test, the coding app) gets its collector back as it was, nothing frozen."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qda.cli import main


@pytest.mark.parametrize("args", [["stats"], ["crosstab", "--cols", "role"], ["stats", "--by", "nosuch"]],
                         ids=" ".join)
@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
def test_a_command_called_from_python_leaves_the_collector_as_it_was(hand_path, args, enabled):
    frozen = gc.get_freeze_count()
    (gc.enable if enabled else gc.disable)()
    try:
        result = CliRunner().invoke(main, [args[0], str(hand_path), *args[1:]])
        assert gc.isenabled() is enabled and gc.get_freeze_count() == frozen
    finally:
        gc.enable()
    assert result.exit_code == (2 if "nosuch" in args else 0), result.output


def test_the_qda_process_freezes_what_start_up_made(hand_path):
    script = ("import atexit, gc, sys\n"
              "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, 'enabled', gc.isenabled()))\n"
              "from qda.cli import main\nsys.argv = ['qda', 'stats', sys.argv[1]]\nmain()")
    result = subprocess.run([sys.executable, "-c", script, str(hand_path)], capture_output=True, text=True)
    assert result.returncode == 0 and "Distrust" in result.stdout, result.stderr
    assert result.stdout.splitlines()[-1] == "frozen True enabled True"
