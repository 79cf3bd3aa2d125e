"""The hand-built project (tests/analysis/handmade.py), built once and copied per test."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

import qda

_spec = importlib.util.spec_from_file_location("qda_handmade", Path(__file__).with_name("handmade.py"))
handmade = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(handmade)


@pytest.fixture(scope="session")
def hand_template(tmp_path_factory) -> Path:
    return handmade.build(tmp_path_factory.mktemp("hand"))


@pytest.fixture
def hand_path(hand_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "hand.qda"
    shutil.copyfile(hand_template, path)
    return path


@pytest.fixture
def hand(hand_path: Path):
    with qda.open_project(hand_path) as project:
        yield project
