"""The documentation keeps up with the commands."""

from __future__ import annotations

from pathlib import Path

from qda.cli import main
from qda.cli.reference import reference

ROOT = Path(__file__).resolve().parent.parent


def test_command_reference_is_current():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: run `python -m qda.cli.reference > docs/cli.md`")


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"qda {name}" not in readme]
    assert not missing, f"README.md does not mention: {missing}"


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```") + 1: lines.index("```", lines.index("```") + 1)]
    assert len(block) == 2
    assert block[0].startswith("pip install -e . && qda ")
    assert block[1] == "pip install -e '.[test]' && pip install --no-deps irrcac==0.4.4 && pytest -n 2"
    assert block[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
