"""Keyword in context: every occurrence of a word across the documents, the hits in one column.

The same concordance as `qda kwic` (``qda.analysis.concordance``), computed in a
thread worker on its own connection.  Enter goes to the hit in the transcript;
``s`` sorts by position, left or right context; ``a`` auto-codes the hits (each
widened to the unit ``u`` chooses) after a preview, as one undoable action.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from ...autocode import UNITS, Plan
from ...cells import cell_width, first_cells, last_cells, pad_left
from ..counted import counted
from ._analysis import AnalysisScreen

SORTS = ("position", "left", "right")
SIDE = 50  # columns of context shown each side, at most


class ConcordanceScreen(AnalysisScreen):
    """``ConcordanceScreen(query="")``."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="kwic.close"),
        Binding("enter", "jump", "Go to hit", id="kwic.jump", show=False),
        Binding("s", "cycle_sort", "Sort", id="kwic.sort", tooltip="Position, left context, right context"),
        Binding("u", "cycle_unit", "Unit", id="kwic.unit", tooltip="What auto-coding codes: hit, sentence, turn, paragraph"),
        Binding("a", "autocode", "Auto-code hits", id="kwic.autocode"),
    ]
    title_text = "Keyword in context"
    hint_text = "type a word (famili* for any ending) · Enter go to the hit · s sort · u unit · a auto-code · Esc close"

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.sort = "position"
        self.unit = "sentence"
        self.hits: list[dict] = []

    def compose_body(self) -> ComposeResult:
        yield Input(self.query_text, placeholder="a word, famili*, or a phrase", id="kwic-query", select_on_focus=False)
        yield from super().compose_body()

    def on_mount(self) -> None:
        self.query_one("#kwic-query", Input).focus()
        self.set_status("Type a word and press Enter.")
        if self.query_text:
            self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value
        self.load()

    def load(self) -> None:
        query, sort = self.query_text, self.sort
        if not query.strip():
            return

        def job(project):
            from ...analysis.concordance import concordance

            return concordance(project, query, context=8, sort=sort)

        self.compute(job, self.show, f"Finding {query!r}…")

    def show(self, frame) -> None:
        self.hits = frame.to_dict("records")
        table = self.table
        table.clear(columns=True)
        fixed = sum(max([cell_width(label)] + [cell_width(str(row[key] or "–")) for row in self.hits])
                    for key, label in (("ref", "ref"), ("speaker", "speaker"), ("hit", "hit")))
        side = max(12, min(SIDE, (self.app.size.width - fixed - 14) // 2))  # the hits in view at 80 columns too
        for key, label in (("ref", "ref"), ("speaker", "speaker"), ("left", ""), ("hit", "hit"), ("right", "")):
            table.add_column(label, key=key, width=side if key in ("left", "right") else None)
        for index, row in enumerate(self.hits):
            # Cut and pad by columns, so that every hit starts in the same column whatever the script.
            left = last_cells(" ".join(row["left"].split()), side)
            right = first_cells(" ".join(row["right"].split()), side)
            table.add_row(row["ref"], row["speaker"] or "–", Text(pad_left(left, side)), Text(row["hit"], style="bold"),
                          right, key=str(index))
        documents = len({row["document_id"] for row in self.hits})
        self.set_status(f"{counted(len(self.hits), 'hit')} in {counted(documents, 'document')} · sorted by {self.sort}"
                        f"{' context' if self.sort != 'position' else ''} · auto-code unit: {self.unit}")
        if self.hits:
            table.focus()

    def highlighted_hit(self) -> dict | None:
        key = self.highlighted_key()
        return self.hits[int(key)] if key is not None and self.hits else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        self.jump_to_row(self.highlighted_hit(), "hit")

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.load()

    def action_cycle_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        if self.hits:
            self.show(self.frame_of_hits())

    def frame_of_hits(self):
        import pandas as pd

        return pd.DataFrame(self.hits)

    @work
    async def action_autocode(self) -> None:
        from .code_picker import CodePicker

        app = self.app
        if not self.hits:
            app.notify("Find a word first: there are no hits to code.", severity="warning")
            return
        try:
            app._check_can_code()
        except Exception as error:
            app.notify(str(error), severity="warning")
            return
        picked = await app.push_screen_wait(CodePicker(app.codebook, f"Auto-code {counted(len(self.hits), 'hit')} as…", app.transcript.colour))
        if not picked or not picked.code_id:
            return
        code_id, unit, coder_id = picked.code_id, self.unit, app.me.id
        from ...analysis.concordance import hits_by_document

        hits = hits_by_document(self.frame_of_hits())

        def job(project):
            from ...autocode import plan_autocode

            return plan_autocode(project, hits.items(), unit, code_id, coder_id)  # cited, as the hits are

        self.compute(job, self.confirm, "Preparing the preview…", figures=False)

    @work
    async def confirm(self, plan: Plan) -> None:
        app = self.app
        self.show(self.frame_of_hits())
        if not plan.spans:
            app.notify(plan.note or "Nothing to code: you already have every one of these passages with this code.",
                       severity="warning")
            return
        if not await app.push_screen_wait(AutocodePreview(plan, app.codebook.paths[plan.code_id], self.unit)):
            return
        from ...autocode import apply_autocode

        added = apply_autocode(app.project, plan, app.me)  # one transaction, one undoable action
        app.resync()
        app.notify(f"Coded {counted(len(added), 'passage')} as {app.codebook.paths[plan.code_id]}; ctrl+z undoes them all")


class AutocodePreview(ModalScreen[bool]):
    """What auto-coding the hits would code; ctrl+s codes it, Esc does not."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Code them", id="kwic.preview.confirm"),
        Binding("escape", "cancel", "Cancel", id="kwic.preview.cancel"),
    ]

    def __init__(self, plan: Plan, path: str, unit: str) -> None:
        super().__init__()
        self.plan, self.path, self.unit = plan, path, unit

    def compose(self) -> ComposeResult:
        shown = f" (first {len(self.plan.preview)} shown)" if len(self.plan.preview) < len(self.plan.spans) else ""
        with Vertical(classes="dialog autocode"):
            yield Label(f"Code {counted(len(self.plan.spans), 'passage')} ({self.unit}) as {self.path}?{shown}",
                        classes="dialog-title", markup=False)
            with VerticalScroll(id="autocode-preview-pane"):
                yield Static("\n".join(filter(None, [self.plan.note, *self.plan.preview])), id="autocode-preview", markup=False)
            yield Label("ctrl+s code them (one undo) · Esc cancel", classes="dialog-hint")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
