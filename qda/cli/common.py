"""What every `qda` command shares: opening projects, printing tables, progress on stderr.

Nothing here imports click: the click parts every command shares are in ``qda.cli.options``
(the project argument, ``--format``) and ``qda.cli.group`` (the group: one-line errors,
commands loaded when first needed), still importable from here."""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator

from ..errors import ProjectError
from ..rows import Rows

if TYPE_CHECKING:  # imported where used, so that `qda --help` starts without pandas or rich
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from ..store import Project

USER_ERROR = 2
FORMATS = ("table", "csv", "json")  # --format of the listings
_MOVED = {"QdaGroup": "group", "ProjectLocation": "options", "project_argument": "options", "format_option": "options"}


def __getattr__(name: str):
    """The click parts that lived here, from their modules (``from .common import project_argument``)."""
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__package__}.{_MOVED[name]}"), name)


def say(message: object = "", err: bool = False) -> None:
    """Print a message (one line, or several) on stdout, or stderr with ``err``: every message of
    the CLI but its tables goes through here.  A message may quote stored text (a memo, a code's
    name, a document's, a name an error quotes); on a terminal each control character in it but the
    line break is drawn as a space (``qda.cells.visible``), as tables and the app draw them: a
    project may hold an escape code from before qda made them spaces (``ESC [2J`` would clear the
    screen).  A pipe or a file gets the message as stored (``click.echo`` would strip escape codes there)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(visible_on(str(message), stream.isatty()) + "\n")
    stream.flush()


def older_sentences(project) -> str:
    """A note when the project's sentences were split by an older qda's rules than this one's
    (``Project.older_segmenter``): what is counted by sentence differs from a new import of the same
    files; else "".  Printed on stderr (``say(note, err=True)``) after the command's own output."""
    if project.older_segmenter() is None:
        return ""
    return (f"note: {project.path}: its sentences were split by an older qda (\u201c\u00bf\u201d, \u201c\u00a1\u201d and "
            f"\u201c\u00ab\u201d ended the sentence before), so what is counted by sentence differs from a new import; "
            f"`qda resegment {project.path}` splits them again and says what changed (codings stay).")


@contextmanager
def noting_older_sentences(project, unit: str) -> Iterator[None]:
    """For a command that counts by ``unit``: ``older_sentences``' note on stderr once its work is done."""
    yield
    if unit == "sentence" and (note := older_sentences(project)):
        say(note, err=True)


def visible_on(text: str, terminal: bool) -> str:
    """``text`` as ``say`` prints it on a ``terminal``: for printers that add styles of their own."""
    if not terminal:
        return text
    from ..cells import visible

    return visible(text)


def default_coder(coder: str = "") -> str:
    """``--coder``, else $QDA_CODER, else the login name: who an unattributed change belongs to
    (so that it is on someone's undo stack)."""
    import getpass
    import os

    return coder or os.environ.get("QDA_CODER") or getpass.getuser() or "coder"


def console(err: bool = False) -> "Console":
    from rich.console import Console

    return Console(stderr=err, highlight=False, soft_wrap=False)


@contextmanager
def opened(path: str | Path, snapshot: bool = False) -> Iterator["Project"]:
    """The project, open; an error SQLite raises while it is used (a damaged page) is one line naming the file.

    ``snapshot``: for a command that only reads, every read sees the project at one moment,
    whatever another coder commits meanwhile (``Project.snapshot``)."""
    from ..store import Project
    from ..store.connection import database_problem

    project = Project.open(path)
    try:
        if snapshot:
            with project.snapshot():
                yield project
        else:
            yield project
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{path}: {database_problem(error, path)}") from error
    finally:
        project.close()


def emit(frame: "pd.DataFrame | Rows", fmt: str, title: str | None = None) -> None:
    """Print a DataFrame, or plain ``Rows``, as a table for people (``qda.cli.table``), CSV or JSON records."""
    if fmt == "csv":
        write_pieces(sys.stdout, frame.csv_pieces() if isinstance(frame, Rows)
                     else [frame.to_csv(index=False, lineterminator="\n")])
    elif fmt == "json":
        import json  # here, as threading below: a table need not import them

        write_pieces(sys.stdout, frame.json_pieces() if isinstance(frame, Rows)
                     else [json.dumps(json_records(frame), ensure_ascii=False, indent=2) + "\n"])
    else:
        from .table import print_table

        print_table(frame, title)


def write_pieces(out: IO[str], pieces: Iterable[str]) -> None:
    """Write each piece of text as it is made, and end quietly where the reader stops reading: `qda ...
    | head` closes the pipe, and the reader has what it wanted."""
    try:
        for piece in pieces:
            out.write(piece)
        out.flush()
    except BrokenPipeError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())  # so that Python's flush at exit does not fail again
        except (AttributeError, OSError, ValueError):
            pass


def json_records(frame: "pd.DataFrame | Rows") -> list[dict]:
    """The rows as JSON-ready dicts at full precision (``DataFrame.to_json`` keeps only 10 decimals, so
    a p of 4.4e-13 became 0.0): floats as Python writes them, missing values as null, times in ISO 8601."""
    if isinstance(frame, Rows):
        return [{key: None if value != value else value for key, value in row.items()} for row in frame.records()]
    import pandas as pd

    def plain(value):
        if value is None or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
        return value.item() if hasattr(value, "item") and not isinstance(value, str) else value

    return [{str(key): plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a count makes millions of rows, tuples and lists
    that never form cycles (its passes over them cost a table by document a tenth of a second); their
    memory is freed by reference counts as usual, and the collector runs again afterwards."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def step_progress() -> Iterator:
    """A callback ``(step, done, total)`` that draws one progress bar per step (``total``
    None: a pulsing bar) and completes the previous step's bar when a new step starts."""
    with progress_bar() as bar:
        tasks: dict[str, TaskID] = {}
        totals: dict[TaskID, int] = {}

        def report(step: str, done: int, total: int | None) -> None:
            task = tasks.get(step)
            if task is None:
                for earlier in tasks.values():
                    bar.update(earlier, total=totals.get(earlier) or 1, completed=totals.get(earlier) or 1)
                task = tasks[step] = bar.add_task(step, total=total, item="", counted=total is not None)
            if total is not None:
                totals[task] = total
            bar.update(task, total=total, completed=done)

        yield report


def counted_steps(bar, step: str, instead_of: "TaskID | None" = None):
    """A callback ``(item, done, total)`` that draws ``step`` on ``bar`` as "done/total" with the item
    last done.  Its line appears at the first call (work that may not happen shows nothing), in place of
    the line ``instead_of`` (hidden until the step's last item is done: its own work waits for this).
    The first and the last count are drawn at once, not at the ticker's next beat."""
    task = None

    def report(item: str, done: int, total: int) -> None:
        nonlocal task
        first = task is None
        if first:
            task = bar.add_task(step, total=total, item="")
            if instead_of is not None:
                bar.update(instead_of, visible=False)
        bar.update(task, completed=done, total=total, item=item)
        if done >= total and instead_of is not None:
            bar.update(instead_of, visible=True)
        if first or done >= total:
            bar.refresh()

    return report


@contextmanager
def working(message: str) -> Iterator[None]:
    """A pulsing bar with the time spent, on stderr while the work runs: a large project's
    analysis takes seconds.  Silent when stderr is not a terminal (and then rich is not even imported)."""
    if not sys.stderr.isatty():
        yield
        return
    with progress_bar() as bar:
        bar.add_task(message, total=None, item="", counted=False)
        yield


@contextmanager
def progress_bar() -> Iterator["Progress"]:
    """A rich progress bar on stderr, silent when stderr is not a terminal.  It is redrawn by a
    ticker of ours rather than rich's own thread: the ticker stops while a worker pool forks,
    where any other running thread would keep the pool from forking (``qda.parallel``)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from ..parallel import stopped_while_forking

    from ..cells import visible

    class Count(MofNCompleteColumn):
        """'done/total', left blank for a step that is not counted (a pulsing bar has no total)."""

        def render(self, task) -> Text:
            return super().render(task) if task.fields.get("counted", True) else Text("")

    class Named(TextColumn):
        """A step's words or the file being read, drawn as ``say`` draws a message: the text as it is,
        not rich markup (a file named ``[red]julio.txt`` was drawn as ``julio.txt`` in red; a closing
        tag such as ``[/]`` in a step's words stopped the command with rich's MarkupError), and each
        control character a space (a file name holding ``ESC [2J`` cleared the screen as the bar drew it)."""

        def render(self, task) -> Text:
            return Text(visible(self.text_format.format(task=task)))

    bar = Progress(
        Named("{task.description}"), BarColumn(), Count(), Named("{task.fields[item]}"),
        TimeElapsedColumn(), console=console(err=True), transient=True, disable=not sys.stderr.isatty(),
        auto_refresh=False,
    )
    with bar:
        if bar.disable:
            yield bar
            return
        ticker = _Ticker(bar)
        ticker.start()
        try:
            with stopped_while_forking(ticker.stop, ticker.start):
                yield bar
        finally:
            ticker.stop()


class _Ticker:
    """Redraws a progress display ten times a second from a thread that can be stopped and started again."""

    def __init__(self, bar: "Progress"):
        import threading

        self.bar = bar
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        import threading

        self.stopping.clear()
        self.thread = threading.Thread(target=self.run, name="qda-progress", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread is not None:
            self.stopping.set()
            self.thread.join()
            self.thread = None

    def run(self) -> None:
        while not self.stopping.wait(0.1):
            self.bar.refresh()
