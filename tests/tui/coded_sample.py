"""The sample project with the sample codings of ana and luis loaded, as `qda sample` builds it."""

from __future__ import annotations

import asyncio
import functools
import shutil
from pathlib import Path

import pytest

import qda
from qda.ingest.codings import read_codings_csv
from qda.sample import sample_files


@pytest.fixture(scope="session")
def coded_template(sample_project_template: Path, tmp_path_factory) -> Path:
    """Built once per session: the sample project plus codings_ana.csv and codings_luis.csv."""
    path = tmp_path_factory.mktemp("coded") / "coded.qda"
    shutil.copyfile(sample_project_template, path)
    with qda.open_project(path) as project:
        for csv in sample_files().codings:
            project.add_codings(read_codings_csv(csv, project), label=f"{csv.name} line", first=2)
    return path


@pytest.fixture
def coded_path(coded_template: Path, tmp_path: Path) -> Path:
    """A fresh copy that a test may change."""
    path = tmp_path / "coded.qda"
    shutil.copyfile(coded_template, path)
    return path


def run(test):
    """Run an async test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(app, pilot) -> None:
    """Let the thread workers finish and their results reach the screen."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
