"""The document list: attributes, codings and this coder's progress; Enter opens one."""

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
    ]

    def __init__(self, frame: pd.DataFrame, mine: dict[str, int], done: set[str], current: str, coder: str) -> None:
        super().__init__()
        self.frame, self.mine, self.done, self.current, self.coder = frame, mine, done, current, coder
        self.toggled: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog documents"):
            yield Label(f"Documents · progress of {self.coder}", classes="dialog-title")
            yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
            yield Label("Enter open · space mark done/not done · Esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        attributes = [c for c in SHOWN if c in self.frame.columns]
        table.add_columns("", "document", *attributes, "words", "mine", "all", "done by")
        row_index = 0
        for i, row in enumerate(self.frame.itertuples(index=False)):
            record = row._asdict()
            table.add_row(
                self._mark(record["id"]), record["name"], *[str(record[a]) for a in attributes], f"{record['words']:,}",
                str(self.mine.get(record["id"], 0)), str(record["codings"]), record["done_by"], key=record["id"])
            if record["id"] == self.current:
                row_index = i
        table.move_cursor(row=row_index)
        table.focus()

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
