"""The heat map: codes by documents (or by an attribute's values) as a coloured grid.

The numbers are ``qda.pictures.heatmap_table``'s, as `qda heatmap` prints and
draws them.  Each cell is shaded from the background (none) to deep blue (the
most), the count written in it; the arrows move from cell to cell, Enter opens
the quotes of that code in that document (or in the documents with that
attribute value), and Enter on a quote goes to the passage.
"""

from __future__ import annotations

import pandas as pd
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ..counted import counted
from ._analysis import AnalysisScreen, code_label, pick_coders
from .quotes import QuotesScreen

LIGHT, DARK = (0xF7, 0xFB, 0xFF), (0x08, 0x30, 0x6B)  # the ends of matplotlib's "Blues", as in the pictures


def shade(share: float) -> str:
    """A colour between LIGHT (0) and DARK (1), as #RRGGBB."""
    share = min(max(share, 0.0), 1.0)
    return "#" + "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(LIGHT, DARK))


class HeatmapScreen(AnalysisScreen):
    """``HeatmapScreen(by="document")``: codes (rows) by documents or an attribute's values (columns)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="heatmap.close"),
        Binding("b", "cycle_by", "Columns", id="heatmap.by", tooltip="Documents, then each document attribute"),
        Binding("p", "toggle_percent", "Counts/%", id="heatmap.percent",
                tooltip="Counts, or each cell as a percentage of its column's codings"),
        Binding("enter", "quotes", "Quotes of cell", id="heatmap.quotes", priority=True),
    ]

    hint_text = "←↑↓→ move · Enter the quotes of the cell · b columns · p counts/% · Esc close"
    title_text = "Heat map"

    def __init__(self, by: str = "document") -> None:
        super().__init__()
        self.by = by
        self.percent = False
        self.attributes: list[str] = []
        self.matrix = pd.DataFrame()
        self.code_ids: list[str] = []

    def on_mount(self) -> None:
        self.table.cursor_type = "cell"
        self.table.zebra_stripes = False
        self.table.focus()
        self.load()

    def load(self) -> None:
        by, percent = self.by, self.percent

        def job(project):
            from ...analysis._select import select_documents
            from ...pictures.heatmap import heatmap_table

            documents = select_documents(project)
            reserved = {"id", "name", "words", "language", "source", "imported", "codings", "speakers", "done_by",
                        "pseudonym"}
            attributes = [c for c in documents.columns if c not in reserved]
            return heatmap_table(project, by=by, percent=percent), attributes

        self.compute(job, self.loaded, f"Counting codings by {by}…")

    def loaded(self, result) -> None:
        self.matrix, self.attributes = result
        paths = self.app.codebook.paths
        by_path = {path: code_id for code_id, path in paths.items()}
        self.code_ids = [by_path[p] for p in self.matrix.index]
        self.sort_column, self.sort_reverse = "_order", False
        self.refill()

    def refill(self) -> None:
        matrix = self.matrix
        frame = pd.DataFrame({"_key": self.code_ids, "_order": range(len(self.code_ids))})
        for j, column in enumerate(matrix.columns):
            frame[f"c{j}"] = matrix.iloc[:, j].to_numpy()
        self._top = float(matrix.to_numpy().max()) if matrix.size else 1.0
        columns = [("_order", "code")] + [(f"c{j}", str(c)) for j, c in enumerate(matrix.columns)]
        self.fill(frame, columns, self.cell)
        what = "% of the column's codings" if self.percent else "codings"
        self.set_title(f"Heat map · codes by {self.by} · {what}")
        self.set_status(f"{counted(len(matrix), 'code')} × {counted(matrix.shape[1], self.by + ' column')} · darkest = {self._top:g}")

    def cell(self, record: dict, column: str):
        if column == "_order":
            code_id = record["_key"]
            code = self.app.codebook.by_id[code_id]
            return code_label(self.app.codebook.paths[code_id], self.app.transcript.colour(code_id), 0, code.name)
        value = float(record[column])
        if not value:
            return Text("·", style="dim", justify="center")
        share = value / (self._top or 1.0)
        ink = "white" if share > 0.55 else "black"
        return Text(f"{value:g}", style=f"{ink} on {shade(share)}", justify="center")

    def highlighted_cell(self) -> tuple[str, int] | None:
        """(code id, column index) under the cursor, or None on the code column or an empty table."""
        record = self.highlighted_record()
        column = self.table.cursor_column - 1
        if record is None or not 0 <= column < self.matrix.shape[1]:
            return None
        return record["_key"], column

    def action_cycle_by(self) -> None:
        cycle = ["document", *self.attributes]
        self.by = cycle[(cycle.index(self.by) + 1) % len(cycle)] if self.by in cycle else "document"
        self.load()

    def action_toggle_percent(self) -> None:
        self.percent = not self.percent
        self.load()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_quotes()

    def action_quotes(self) -> None:
        cell = self.highlighted_cell()
        if cell is None:
            self.app.notify("move to a cell of the grid first (→)", severity="warning", timeout=3)
            return
        code_id, column = cell
        if self.by == "document":
            self.app.push_screen(CellQuotesScreen(code_id, document=self.matrix.attrs["documents"][column]))
        else:
            self.app.push_screen(CellQuotesScreen(code_id, where={self.by: [str(self.matrix.columns[column])]}))


class CellQuotesScreen(QuotesScreen):
    """The quotes of one cell: one code (without its subcodes, as the heat map counts) in one document
    or in the documents with one attribute value."""

    def __init__(self, code_id: str, document: str | None = None, where: dict | None = None) -> None:
        super().__init__(code_id)
        self.subtree = False
        self.document = document
        self.where = where

    def load(self) -> None:
        code = self.app.codebook.paths[self.code_id]
        coder, document, where, subtree = self.coder, self.document, self.where, self.subtree

        def job(project):
            from ...export.quotes import quotes

            frame = quotes(project, code, coder=coder, subtree=subtree, where=where)
            if document is not None:
                frame = frame[frame["document"] == document]
            ids = dict(zip(project.documents_frame()["name"], project.documents_frame()["id"]))
            frame = frame.assign(document_id=frame["document"].map(ids)) if len(frame) else frame.assign(document_id=[])
            return frame.reset_index(drop=True), pick_coders(project)

        self.compute(job, self.show, "Finding quotes…")
