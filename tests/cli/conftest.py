"""Fixtures of the CLI tests."""

from __future__ import annotations

import io
import sys

import pytest
from rich.console import Console

from qda.cli import common


@pytest.fixture
def terminal(monkeypatch):
    """stderr as a terminal, the progress bar drawn into ``screen`` with every frame and escape code it writes."""
    screen = io.StringIO()
    monkeypatch.setattr(common, "console",
                        lambda err=False: Console(file=screen, force_terminal=True, width=120, highlight=False))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    return screen
