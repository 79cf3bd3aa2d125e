"""The import's progress bar draws each file's name as it reads it: the name as the file system holds
it, which may carry an escape code (a name made by a script, a shared folder) or look like rich
markup (``[red]julio.txt``).  Every other message goes through ``say``, which draws control characters
as spaces on a terminal; the bar drew them raw (``ESC [2J`` cleared the screen) and read the name as
markup (``[b]`` vanished; a step naming a typed path with ``[/]`` stopped with rich's MarkupError).  Fictional file names."""

from __future__ import annotations

import sys

import pytest

from qda import create_project
from qda.cli import common
from qda.cli.project import _import


@pytest.mark.skipif(sys.platform == "win32", reason="file names with control characters")
@pytest.mark.parametrize("name, drawn_as", [
    ("rosa\x1b[2J\x1b]0;title\x07.txt", "rosa [2J ]0;title .txt"),
    ("notas [b] de campo.txt", "notas [b] de campo.txt"),
    ("[red]julio.txt", "[red]julio.txt"),
])
def test_a_file_name_reaches_the_progress_bar_drawn_safe(tmp_path, terminal, name, drawn_as):
    (tmp_path / name).write_text("ENTREVISTADORA: ¿Cómo llegó?\nROSA: En el bus.\n", encoding="utf-8")
    project = tmp_path / "s.qda"
    create_project(project).close()
    _import(project, [tmp_path / name], None, None, None, None, False, None)
    drawn = terminal.getvalue()  # the last frame, drawn as the bar closes, names the file read last
    assert drawn_as in drawn
    assert "\x1b[2J" not in drawn and "\x1b]0;" not in drawn and "\x07" not in drawn


def test_a_step_named_after_a_typed_path_is_not_markup(tmp_path, terminal):
    with common.step_progress() as progress:
        progress("Storing estudio[/]\x1b[2J.qda", 0, None)  # a name qda was given
    drawn = terminal.getvalue()
    assert "Storing estudio[/]" in drawn and "\x1b[2J" not in drawn
