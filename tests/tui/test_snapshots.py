"""How the main screen looks (pytest-textual-snapshot; update with --snapshot-update)."""

from pathlib import Path

import pytest

APP = str(Path(__file__).with_name("snapshot_app.py"))


@pytest.fixture
def project(sample_project_path, monkeypatch):
    monkeypatch.setenv("QDA_SNAPSHOT_PROJECT", str(sample_project_path))
    return sample_project_path


def test_main_screen(project, snap_compare):
    assert snap_compare(APP, terminal_size=(120, 40))


def test_main_screen_narrow(project, snap_compare):
    assert snap_compare(APP, terminal_size=(80, 24))


def test_sentence_coded(project, snap_compare):
    assert snap_compare(APP, press=["s", "s", "1", "c", *"unlinked", "enter", "escape", "ctrl+home"], terminal_size=(120, 40))


def test_help_screen(project, snap_compare):
    assert snap_compare(APP, press=["question_mark"], terminal_size=(120, 40))
