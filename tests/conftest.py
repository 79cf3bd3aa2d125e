"""Shared fixtures: real project files on disk, built from the bundled sample or by hand."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

import qda
from qda.ingest import import_files
from qda.ingest.codings import read_codings_csv
from qda.sample import sample_files

REPO = Path(__file__).resolve().parent.parent


def fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of a session-wide project file (built once) that one test may change."""
    path = folder / template.name
    shutil.copyfile(template, path)
    return path


@pytest.fixture(scope="session")
def sample_project_template(tmp_path_factory) -> Path:
    """The sample project (codebook, 12 interviews, attributes), built once per session."""
    path = tmp_path_factory.mktemp("template") / "sample.qda"
    files = sample_files()
    with qda.create_project(path, files.codebook) as project:
        import_files(project, files.transcripts, attributes=files.participants)
    return path


@pytest.fixture
def sample_project_path(sample_project_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample project that a test may change."""
    return fresh_copy(sample_project_template, tmp_path)


@pytest.fixture
def sample_project(sample_project_path: Path):
    with qda.open_project(sample_project_path) as project:
        yield project


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
    """A fresh copy of the coded sample that a test may change."""
    return fresh_copy(coded_template, tmp_path)


# The hand-built project of tests/analysis/handmade.py: every expected figure is worked out there.
_spec = importlib.util.spec_from_file_location("qda_handmade", REPO / "tests" / "analysis" / "handmade.py")
handmade = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(handmade)


@pytest.fixture(scope="session")
def hand_template(tmp_path_factory) -> Path:
    return handmade.build(tmp_path_factory.mktemp("hand"))


@pytest.fixture
def hand_path(hand_template: Path, tmp_path: Path) -> Path:
    return fresh_copy(hand_template, tmp_path)


@pytest.fixture
def hand(hand_path: Path):
    with qda.open_project(hand_path) as project:
        yield project


@pytest.fixture
def make_text_file(tmp_path: Path):
    """Write bytes or text to a file in the test's folder and return its path."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make
