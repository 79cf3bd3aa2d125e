"""The document list: attributes, codings and this coder's progress; Enter opens one.

``s`` shows only the documents of a named document set (``qda.store.sets``), the next
set at each press, then every document again."""

from __future__ import annotations

import pandas as pd
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

SHOWN = ("role", "site", "gender", "language", "date")


class DocumentsScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="documents.close"),
        Binding("space", "toggle_done", "Done / not done", id="documents.done"),
        Binding("s", "next_set", "Document set", id="documents.set",
                tooltip="Show only the documents of a document set; the next set at each press, then all"),
    ]

    def __init__(self, frame: pd.DataFrame, mine: dict[str, int], done: set[str], current: str, coder: str,
                 sets: dict[str, set[str]] | None = None) -> None:
        super().__init__()
        self.frame, self.mine, self.done, self.current, self.coder = frame, mine, done, current, coder
        self.sets = dict(sorted(sets.items())) if sets is not None else None  # read at the first ``s``
        self.shown_set: str | None = None
        self.toggled: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog documents"):
            yield Label(self._title(), id="documents-title", classes="dialog-title", markup=False)
            yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
            hint = "Enter open · space mark done/not done · s document set · Esc close"
            yield Label(hint, classes="dialog-hint")

    def _title(self) -> str:
        shown = f" · set {self.shown_set!r}" if self.shown_set is not None else ""
        return f"Documents · progress of {self.coder}{shown}"

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        attributes = [c for c in SHOWN if c in self.frame.columns]
        # The coder's progress first: at 80 columns the attributes after it run off the dialog's edge.
        table.add_columns("", "document", "mine", "all", "done by", "words", *attributes)
        row_index = 0
        members = self.sets.get(self.shown_set) if self.shown_set is not None and self.sets else None
        rows = self.frame if members is None else self.frame[self.frame["id"].isin(members)]
        for i, row in enumerate(rows.itertuples(index=False)):
            record = row._asdict()
            table.add_row(
                self._mark(record["id"]), record["name"], str(self.mine.get(record["id"], 0)), str(record["codings"]),
                record["done_by"], f"{record['words']:,}", *[str(record[a]) for a in attributes], key=record["id"])
            if record["id"] == self.current:
                row_index = i
        table.move_cursor(row=row_index)

    def action_next_set(self) -> None:
        if self.sets is None:
            from ...store.sets import all_sets

            self.sets = {s.name: set(s.document_ids) for s in all_sets(self.app.project)}
        if not self.sets:
            self.app.notify(f"no document sets yet; make one with `qda sets {self.app.project.path} --add NAME DOCUMENTS…`",
                            timeout=6)
            return
        cycle = [None, *self.sets]
        self.shown_set = cycle[(cycle.index(self.shown_set) + 1) % len(cycle)]
        self.query_one("#documents-title", Label).update(self._title())
        self._fill()

    def _mark(self, document_id: str) -> Text:
        if document_id in self.done:
            return Text("✓", style="bold green")
        if self.mine.get(document_id):
            return Text("…", style="yellow")
        return Text("·", style="dim")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_toggle_done(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        done = key not in self.done
        self.app.set_done(key, done)  # one committed action
        self.done = self.app.project.done_documents(self.app.me)
        table.update_cell(key, table.ordered_columns[0].key, self._mark(key))

    def action_cancel(self) -> None:
        self.dismiss(None)
