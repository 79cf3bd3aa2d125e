"""`qda code`: open the coding app."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import QdaError
from .common import ProjectLocation, default_coder, say


def sample_path() -> Path:
    """Where `qda code --sample` keeps its copy of the bundled sample project."""
    base = os.environ.get("QDA_DATA") or os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qda" / "sample.qda"


@click.command()
@click.argument("project", required=False, type=ProjectLocation())
@click.option("--coder", default="", help="Who is coding (default: your login name). Each coder has their own codings and undo.")
@click.option("--document", default=None,
              help="Open this document instead of where you left off: its name, the start of its name (P02) "
                   "or a quote's reference (P02:12 opens at that passage).")
@click.option("--sample", is_flag=True, help="Open the bundled sample project (built on first use in your data folder).")
@click.option("--adjudicate", "adjudicate", default=None, metavar="CODERS",
              help="Open on the disagreements of these coders (ana,luis), decided as --coder (e.g. consensus).")
def code(project: Path | None, coder: str, document: str | None, sample: bool, adjudicate: str | None) -> None:
    """Open the coding app on a project: codebook, transcript and details, all at the keyboard.

    Every coding is saved the moment it appears; ctrl+z undoes, even after a restart.
    Press ? in the app for every key.

    \b
    Examples:
      qda code --sample
      qda code study.qda --coder ana
      qda code study.qda --adjudicate ana,luis --coder consensus
    """
    if sample:
        project = project or sample_path()
        if not project.exists():
            from ..sample import build_sample_project

            say(f"Building the sample project at {project} …", err=True)
            project.parent.mkdir(parents=True, exist_ok=True)
            build_sample_project(project)
    if project is None:
        raise QdaError("name a project file (qda code study.qda) or use --sample")
    if isinstance(project, Path) and not project.exists():
        raise QdaError(f"{project}: no such project file (create one with `qda init` or try `qda code --sample`)")
    _check_project(project)
    coder = default_coder(coder)
    coders = [name.strip() for name in adjudicate.split(",") if name.strip()] if adjudicate is not None else []
    if adjudicate is not None:
        if len(set(coders)) < 2:
            raise QdaError("--adjudicate compares two or more coders: give them as --adjudicate ana,luis")
        if coder in coders:
            raise QdaError(f"--coder {coder} is one of the coders compared; decide as another coder, e.g. --coder consensus")
    span = None
    if document is not None:
        document, span = locate_document(project, document)
    from ..tui.app import QdaApp

    # The sample comes coded by two coders: show everyone's codings there.
    QdaApp(project, coder, document=document, view="all" if sample else "mine", adjudicate=coders, span=span).run()


def _check_project(project) -> None:
    """Open the project once before the app starts, so that a damaged, cut-short, foreign or
    newer file is one line naming it (inside the app it would be a traceback); and refuse a
    read-only file: the app saves each coding the moment it is made."""
    from ..store import Project
    from ..store.connection import read_only_because

    with Project.open(project):
        pass
    if isinstance(project, Path) and (why := read_only_because(project)):
        raise QdaError(f"{project}: the coding app saves each coding as it is made, but {why}; "
                       "or read it with qda quotes, stats or export")


def locate_document(path: Path, ref: str) -> tuple[str, tuple[int, int] | None]:
    """(document id, passage span or None) for ``--document``: a name, a unique start of one, a
    reference (P02) or a quote's reference (P02:12); anything else is refused with the candidates."""
    from ..export.quotes import short_names
    from ..navigation import find_document, passage
    from ..store import Project

    name, colon, number = ref.rpartition(":")
    with Project.open(path) as project:
        frame = project.documents_frame()
        documents = list(zip(frame["id"], frame["name"]))
        short = short_names(frame["name"])
        if colon and number.isdigit() and name:
            document_id = find_document(name, documents, short, where=str(path))
            spans = [(c.start, c.end) for c in project.codings(document=document_id)]
            return document_id, passage(spans, int(number))
        return find_document(ref, documents, short, where=str(path)), None


COMMANDS = [code]
