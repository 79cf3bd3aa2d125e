"""What the analysis screens share: a full-screen modal with a title, a status line, a table
that sorts by any column, and thread workers that compute on their own connection.

The screens are modal so the coding keys of the main screen (c, x, 1-9...) never act behind
them; each computation opens the project read-only in a worker thread (the library's
functions, the same numbers as the CLI) and hands a DataFrame back to the screen.  Errors
become notifications; the screen stays open.

Figures are computed at one moment of the project (``qda.store.ui_queries.last_action``).  When a
coder changes it meanwhile (another coder, a command, the team server, or this app's adjudication),
the screen says so above its table, naming who, until F5 computes the figures again: a table that
looked current after a colleague's codings was the fault (newuser13).
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable

import numpy as np
import pandas as pd
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, OptionList
from textual.worker import get_current_worker

from ...cells import elide
from ...errors import QdaError
from ...store.connection import ServerUnreachable


def number(value: Any, digits: int = 3) -> Text | str:
    """A cell: integers with thousands separators, floats to ``digits`` places, undefined in words."""
    if value is None:
        return Text("–", style="dim")
    if isinstance(value, str):  # an Undefined statistic is a str that gives its reason
        return Text("n/a", style="dim italic") if value.startswith("undefined") else value
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    value = float(value)
    if math.isnan(value):
        return Text("–", style="dim")
    return f"{value:,.{digits}f}"


def sort_key(value: Any):
    """Numbers before words before blanks and n/a, so a sort never fails on a mixed column."""
    if isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_)):
        value = float(value)
        return (2, 0.0, "") if math.isnan(value) else (0, value, "")
    if value is None or value == "" or (isinstance(value, str) and value.startswith("undefined")):
        return (2, 0.0, str(value or ""))
    return (1, 0.0, str(value).casefold())


LONGEST_PASSAGE = 700  # columns of a quote or passage shown; the transcript has the rest


class AnalysisScreen(ModalScreen[None]):
    """Base of the analysis screens: ``compose_body`` adds widgets, ``compute`` runs work in a thread."""

    DEFAULT_CSS = """
    AnalysisScreen { align: left top; background: $background; }
    AnalysisScreen > .analysis { width: 100%; height: 1fr; padding: 0 1; background: $surface; }
    AnalysisScreen .analysis-title { text-style: bold; width: 100%; }
    AnalysisScreen .analysis-status { color: $text-muted; width: 100%; height: auto; }
    AnalysisScreen .analysis-table { height: 1fr; }
    AnalysisScreen .analysis-hint { color: $text-muted; width: 100%; height: auto; }
    AnalysisScreen .analysis-outdated { color: $warning; text-style: bold; width: 100%; height: auto; display: none; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="analysis.close"),
        Binding("f5", "recompute", "Recompute", show=False, id="analysis.recompute",
                tooltip="Compute the figures again from the project as it is now"),
    ]

    title_text = "Analysis"
    ascending = frozenset({"_order", "path", "code", "code_a", "code_b", "group", "ref"})  # sorted A to Z first
    hint_text = ""

    def __init__(self) -> None:
        super().__init__()
        self.frame = pd.DataFrame()
        self.sort_column: str | None = None
        self.sort_reverse = True
        self.computing = False
        self.columns: list[tuple[str, str]] = []  # (frame column, label) of the table shown
        self.computed_at: int | None = None  # the project's last action when the figures shown were computed
        self.changed_by: list[str] = []  # coders who changed the project since then (empty: current)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="analysis"):
            yield Label(self.title_text, id="analysis-title", classes="analysis-title", markup=False)
            yield Label("", id="analysis-status", classes="analysis-status", markup=False)
            yield Label("", id="analysis-outdated", classes="analysis-outdated", markup=False)
            yield from self.compose_body()
            yield Label(self.hint_text, id="analysis-hint", classes="analysis-hint")
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="analysis-table", classes="analysis-table", cursor_type="row", zebra_stripes=True)

    @property
    def table(self) -> DataTable:
        return self.query_one("#analysis-table", DataTable)

    def set_title(self, text: str | Text) -> None:
        self.query_one("#analysis-title", Label).update(text)

    def set_status(self, text: str | Text) -> None:
        self.query_one("#analysis-status", Label).update(text)

    @property
    def status_text(self) -> str:
        return str(self.query_one("#analysis-status", Label).content)

    # -- work in a thread ----------------------------------------------------------------

    def compute(self, job: Callable, done: Callable[[Any], None], what: str = "Computing…", figures: bool = True) -> None:
        """Run ``job(project)`` on its own connection in a thread; ``done(result)`` on the screen after.
        ``figures``: the result is what the screen shows (not a dialog's), so the moment it was computed
        at is the one ``notice_changes`` compares with."""
        self.computing = True
        try:
            self.table.loading = True
        except Exception:  # a screen without the table
            pass
        self.set_status(Text(what, style="italic"))
        self._work(job, done, figures)

    @work(thread=True, exclusive=True, group="analysis")
    def _work(self, job: Callable, done: Callable[[Any], None], figures: bool = True) -> None:
        from ...store import Project
        from ...store.ui_queries import last_action

        worker = get_current_worker()
        try:
            with Project.borrowed(self.app.path) as project:
                at = last_action(project) if figures else None  # before the job: a change meanwhile is news
                result = job(project)
        except QdaError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, str(error), "warning")
        except ServerUnreachable as error:  # the team server went away: not a bug, and F5 tries again
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, f"Not computed: {error}. F5 tries again.", "warning")
        except Exception as error:  # a bug: say so, keep the app alive
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, f"Something went wrong: {error!r}", "error")
        else:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._finished, done, result, at)

    def _finished(self, done: Callable[[Any], None], result: Any, at: int | None = None) -> None:
        self.computing = False
        if not self.is_attached:  # closed while the worker ran (a fast Esc): nothing left to show it on
            return
        try:
            self.table.loading = False
        except Exception:
            pass
        self.call_after_refresh(self._keep_focus)
        try:
            done(result)
        except QdaError as error:
            self._failed(str(error), "warning")
        except Exception as error:  # a bug in showing: say so, keep the app alive
            self.log.error(error)
            self._failed(f"Something went wrong: {error!r}", "error")
        if at is not None:
            self.computed_at = at
            self.show_changed_by([])
            self.notice_changes()

    def _failed(self, message: str, severity: str) -> None:
        self.computing = False
        if not self.is_attached:  # closed while the worker ran: the message goes to the app alone
            self.app.notify(message, severity=severity, timeout=8)
            return
        try:
            self.table.loading = False
        except Exception:
            pass
        self.call_after_refresh(self._keep_focus)
        self.set_status(Text(message, style="red"))
        self.app.notify(message, severity=severity, timeout=8)

    def _keep_focus(self) -> None:
        """Give the keys to the first focusable widget when nothing has them: a table that was
        loading when the screen opened could not take the focus then (its keys and footer were lost)."""
        if self.focused is None and self.focus_chain:
            self.set_focus(self.focus_chain[0])

    # -- figures of one moment -------------------------------------------------------------

    def notice_changes(self) -> None:
        """Say above the table whether the project changed since the figures shown were computed, and
        by whom; called by the app when another connection commits, and when this screen comes back
        to the top (an adjudication above it writes on the app's own connection)."""
        project = getattr(self.app, "project", None)
        if self.computed_at is None or self.computing or project is None:
            return
        from ...store.ui_queries import actors_since, last_action

        try:
            if last_action(project) != self.computed_at:
                self.show_changed_by(actors_since(project, self.computed_at))
        except ServerUnreachable:  # the app's own look for changes says it, and looks again
            return

    def show_changed_by(self, names: list[str]) -> None:
        self.changed_by = list(names)
        label = self.query_one("#analysis-outdated", Label)
        label.display = bool(names)
        if names:
            who = ", ".join(name or "a command" for name in names)
            label.update(f"Out of date: the project changed since these figures were computed (by {who}). "
                         "F5 computes them again.")

    def on_screen_resume(self) -> None:
        self.notice_changes()

    def action_recompute(self) -> None:
        self.recompute()

    def recompute(self) -> None:
        """Compute the figures shown again (F5): the screens that have them run their ``load``."""
        load = getattr(self, "load", None)
        if load is not None and self.computed_at is not None:
            load()

    # -- the table -------------------------------------------------------------------------

    def fill(self, frame: pd.DataFrame, columns: list[tuple[str, str]], render: Callable[[dict, str], Any],
             keep: str | None = None, widths: dict[str, int] | None = None) -> None:
        """Show ``frame`` (sorted by ``sort_column``): ``columns`` are (frame column, label) pairs,
        ``render(record, column)`` makes each cell; the row key is the frame's ``_key`` column;
        ``widths`` fixes some columns' widths (their cells are cut with "…")."""
        self.frame = frame
        table = self.table
        previous = keep if keep is not None else self.highlighted_key()
        table.clear(columns=True)
        widths = widths or {}
        for name, label in columns:
            mark = (" ▼" if self.sort_reverse else " ▲") if name == self.sort_column else ""
            table.add_column(Text(label + mark, style="bold" if mark else ""), key=name, width=widths.get(name))
        shown = frame
        if self.sort_column in frame.columns:
            keys = frame[self.sort_column].map(sort_key)
            order = sorted(range(len(frame)), key=lambda i: keys.iat[i], reverse=self.sort_reverse)
            if self.sort_reverse:  # blanks and n/a last either way
                order = [i for i in order if keys.iat[i][0] != 2] + [i for i in order if keys.iat[i][0] == 2]
            shown = frame.iloc[order]
        for record in shown.to_dict("records"):
            table.add_row(*[render(record, name) for name, _ in columns], key=str(record["_key"]))
        if previous is not None and previous in {str(k) for k in shown["_key"]}:
            table.move_cursor(row=table.get_row_index(previous))
        elif table.row_count:
            table.move_cursor(row=0)
        self.columns = columns

    def highlighted_key(self) -> str | None:
        table = self.table
        if table.row_count == 0 or table.cursor_row < 0:
            return None
        try:
            return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:
            return None

    def highlighted_record(self) -> dict | None:
        key = self.highlighted_key()
        if key is None or self.frame.empty:
            return None
        # compared as Python strings, as the table's keys were made (``fill``): pandas 3.1's string column
        # finds a text ending in NUL unequal to itself, and a row's key may end in a separator
        keys = [str(k) for k in self.frame["_key"]]
        return self.frame.iloc[keys.index(key)].to_dict() if key in keys else None

    def action_sort(self) -> None:
        """Sort by the next column shown."""
        sortable = [name for name, _ in self.columns]
        if not sortable:
            return
        if self.sort_column in sortable:
            self.sort_column = sortable[(sortable.index(self.sort_column) + 1) % len(sortable)]
        else:
            self.sort_column = sortable[0]
        self.sort_reverse = self.sort_column not in self.ascending
        self._resorted()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._resorted()

    def _resorted(self) -> None:
        self.refill()
        if self.table.row_count:
            self.table.move_cursor(row=0)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column = column
            self.sort_reverse = column not in self.ascending
        self._resorted()

    def refill(self) -> None:
        """Redraw the table from ``self.frame`` (subclasses)."""

    # -- leaving -------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def jump_to(self, document_id: str, start: int, end: int) -> None:
        """Close every analysis screen and show the passage in the transcript, selected."""
        app = self.app
        while len(app.screen_stack) > 1 and isinstance(app.screen, AnalysisScreen):
            app.pop_screen()
        app.open_document(document_id, cursor=start)
        app.transcript.select(start, end, center=True)
        app.transcript.focus()

    def jump_to_row(self, row: dict | None, what: str) -> None:
        """``jump_to`` the passage of ``row`` (its document_id, start, end); none highlighted: a warning
        that there is no ``what`` (hit, quote, passage) to go to."""
        if row is None:
            self.app.notify(f"no {what} to go to", severity="warning", timeout=3)
            return
        self.jump_to(row["document_id"], int(row["start"]), int(row["end"]))


class PassageListScreen(AnalysisScreen):
    """An analysis screen that lists passages (``rows``) in an OptionList (``options``) instead of a
    table: quotes, a query's passages.  Enter on one goes to it (``action_jump``)."""

    rows: list[dict]
    list_id = ""  # the OptionList's id
    passage_word = "passage"  # what a row is called in the warning when none is highlighted

    @property
    def options(self) -> OptionList:
        return self.query_one(f"#{self.list_id}", OptionList)

    @property
    def table(self):  # the loading indicator sits on the list
        return self.options

    def highlighted_row(self) -> dict | None:
        index = self.options.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        self.jump_to_row(self.highlighted_row(), self.passage_word)

    @staticmethod
    def passage_text(row: dict, tag: str = "") -> Text:
        """A passage as listed: its reference, speaker, paragraph and line (and time), coders and ``tag``
        (in italics) on the first row, then its text on one line, elided past ``LONGEST_PASSAGE`` columns."""
        text = Text()
        text.append(f"{row['ref']}", style="bold reverse")
        text.append(f"  {row['speaker'] or '–'}", style="bold")
        where = f"  ¶{row['paragraph']} line {row['line']}" + (f" {row['time']}" if row.get("time") else "")
        text.append(where, style="dim")
        if row.get("coders"):
            text.append(f"  {row['coders']}", style="cyan")
        if tag:
            text.append(f"  {tag}", style="italic")
        text.append("\n")
        text.append(elide(" ".join(str(row["text"]).split()), LONGEST_PASSAGE))
        return text


def code_label(path: str, colour: str | None, indent: int = 0, name: str | None = None, dim: bool = False) -> Text:
    label = Text("  " * indent)
    label.append("■ ", style=colour or "grey50")
    label.append(name or path, style="dim" if dim else "")
    return label


def pick_coders(project, exclude: tuple[str, ...] = ()) -> list[str]:
    """Coders who have codings, in name order, without ``exclude``."""
    frame = project.codings_table(with_text=False)
    return sorted(set(frame["coder"]) - set(exclude)) if len(frame) else []
