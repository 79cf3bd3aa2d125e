"""Every file qda writes is as private as the project (mode 0600), even under umask 000
(issue 19, item 11): exports hold interview text, and a memo or a file name may identify a
participant.  Each command that writes a file is run under umask 000, and no temporary file
is left beside what it wrote."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from qda.cli import main

DOCUMENT = "P01_police_limanorte"

WRITERS = {
    "quotes.csv": ["quotes", "{p}", "--code", "Shame", "-o", "{f}"],
    "quotes.docx": ["quotes", "{p}", "--code", "Shame", "--memos", "-o", "{f}"],
    "quotes.md": ["quotes", "{p}", "--code", "Shame", "-o", "{f}"],
    "quotes.jsonl": ["quotes", "{p}", "--code", "Shame", "-o", "{f}"],
    "study.qdpx": ["export", "{p}", "-o", "{f}"],
    "codes.qdc": ["export", "{p}", "-o", "{f}"],
    "codebook.yaml": ["codebook", "{p}", "--export", "{f}"],
    "codebook.docx": ["codebook", "{p}", "--export", "{f}"],
    "stats.csv": ["stats", "{p}", "-o", "{f}"],
    "crosstab.csv": ["crosstab", "{p}", "--rows", "code", "--cols", "role", "-o", "{f}"],
    "pairs.csv": ["cooccur", "{p}", "-o", "{f}"],
    "curve.png": ["saturation", "{p}", "-o", "{f}"],
    "agreement.docx": ["agree", "{p}", "--coders", "ana,luis", "-o", "{f}"],
    "map.png": ["heatmap", "{p}", "-o", "{f}"],
    "bars.svg": ["bars", "{p}", "--by", "role", "-o", "{f}"],
    "portrait.png": ["portrait", "{p}", DOCUMENT, "-o", "{f}"],
    "words.csv": ["words", "{p}", "-o", "{f}"],
    "kwic.csv": ["kwic", "{p}", "police", "-o", "{f}"],
    "memos.md": ["memos", "{p}", "--export", "{f}"],
    "passages.csv": ["query", "{p}", "Shame", "-o", "{f}"],
    "codings.csv": ["codings", "{p}", "-o", "{f}"],
    "luis.qda": ["copy-for-coder", "{p}", "--coder", "luis", "-o", "{f}"],
    "new.qda": ["init", "{f}"],
}


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_written_file_is_private_under_umask_000(name, coded_path, tmp_path, open_umask):
    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    argv = [a.format(p=coded_path, f=target) for a in WRITERS[name]]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    written = [p for p in out.iterdir() if not p.name.endswith(("-wal", "-shm"))]
    assert written, f"{argv} wrote nothing in {out}"
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, (path.name, oct(path.stat().st_mode))
        assert ".partial-" not in path.name
