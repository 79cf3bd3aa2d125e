"""Every memo of the project in one list: on the project, documents, codes and coded passages.

The same table as `qda memos` (``qda.analysis.memos``): documents cited by
reference (P07, P07:12), never by file name.  Typing filters (case and accents
ignored); Enter goes to what the memo is on: the coded passage or the document
in the transcript, the code in the codebook tree.  The rows cut memos to the width;
the highlighted one is shown whole below the table.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from ...cells import cell_width, shorten
from ..counted import counted
from ..wrapped import Wrapped
from ._analysis import AnalysisScreen

KIND_LABELS = {"project": "project", "document": "document", "code": "code", "coding": "passage"}
MEMO_WIDTH = 70  # characters of a memo shown in its row


class MemosScreen(AnalysisScreen):
    DEFAULT_CSS = """
    MemosScreen #memo-whole { height: auto; max-height: 8; padding: 0 1; border-top: solid $primary-darken-2; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="memos.close"),
        Binding("enter", "jump", "Go to", id="memos.jump", show=False),
    ]
    title_text = "Memos"
    hint_text = "type to search (case and accents ignored) · Enter go to what the memo is on · Esc close"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="search the memos", id="memos-search", select_on_focus=False)
        yield from super().compose_body()
        yield Static("", id="memo-whole", markup=False)

    def on_mount(self) -> None:
        self.load("")
        self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.load(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def recompute(self) -> None:
        self.load(self.query_one("#memos-search", Input).value)

    def load(self, search: str) -> None:
        def job(project):
            from ...analysis.memos import memos

            return memos(project, search=search or None)

        self.compute(job, self.show, "Reading the memos…")

    def show(self, frame) -> None:
        self.rows = frame.to_dict("records")
        table = self.table
        table.clear(columns=True)
        what_width = 28
        coder_width = max([5] + [cell_width(str(row["coder"])) for row in self.rows])
        memo_width = max(20, min(MEMO_WIDTH, self.app.size.width - what_width - coder_width - 20))
        for key, label in (("kind", "on"), ("attached_to", "what"), ("coder", "coder"), ("memo", "memo")):
            table.add_column(label, key=key, width={"attached_to": what_width, "memo": memo_width}.get(key))
        for index, row in enumerate(self.rows):
            memo = " ".join(str(row["memo"]).split())
            table.add_row(KIND_LABELS[row["kind"]], Text(_what(row, what_width), style="bold"), row["coder"],
                          shorten(memo, memo_width), key=str(index))
        self.set_status(counted(len(self.rows), "memo") + ("" if self.rows else " · nothing to show"))
        self.show_whole()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_whole()

    def show_whole(self) -> None:
        """The highlighted memo in full, with what it is on (its row cuts it to the width)."""
        row = self.highlighted_memo()
        whole = Text()
        if row is not None:
            whole.append(f"{_what(row, 200)} · {row['coder']}\n", style="bold")
            whole.append(str(row["memo"]))
        self.query_one("#memo-whole", Static).update(Wrapped(whole))

    def highlighted_memo(self) -> dict | None:
        key = self.highlighted_key()
        return self.rows[int(key)] if key is not None and self.rows else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        row = self.highlighted_memo()
        if row is None:
            self.app.notify("no memo to go to", severity="warning", timeout=3)
            return
        if row["kind"] == "coding":
            self.jump_to(row["document_id"], int(row["start"]), int(row["end"]))
        elif row["kind"] == "document":
            self.dismiss(None)
            self.app.open_document(row["document_id"])
            self.app.transcript.focus()
        elif row["kind"] == "code":
            self.dismiss(None)
            self.app.tree.highlight(row["code_id"])
            self.app.tree.focus()
        else:
            self.app.notify(shorten(str(row["memo"]), 300), title="Memo on the project", timeout=10)


def _what(row: dict, width: int) -> str:
    """What a memo is on, short: "P01:4 Refusal to take complaints" (a code by its own name, not its path)."""
    code = str(row["code"]).split(" > ")[-1]
    text = {"coding": f"{row['ref']} {code}", "code": code}.get(row["kind"], str(row["attached_to"]))
    return shorten(text, width)
