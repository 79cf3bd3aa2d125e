"""Shared fixtures: real project files on disk, built from the bundled sample or by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import qda
from qda.ingest import import_files
from qda.sample import sample_files

REPO = Path(__file__).resolve().parent.parent


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
    path = tmp_path / "sample.qda"
    shutil.copyfile(sample_project_template, path)
    return path


@pytest.fixture
def sample_project(sample_project_path: Path):
    with qda.open_project(sample_project_path) as project:
        yield project


@pytest.fixture
def make_text_file(tmp_path: Path):
    """Write bytes or text to a file in the test's folder and return its path."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make
