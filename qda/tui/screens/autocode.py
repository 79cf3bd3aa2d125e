"""Auto-coding: code every hit of a search, widened to its sentence, turn or paragraph, after a preview.

The preview is computed in a thread worker on its own connection (reading
only), with a progress bar, so a search over every document keeps the app
responsive.  The app then writes all spans in one transaction, one undoable action."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

from ...autocode import UNITS, Plan, hits_in_documents, plan_autocode
from ...errors import QdaError
from ...model import Codebook
from ...navigation import compile_query
from ..counted import counted
from ..keygate import dialog_action


def plan_spans(path: Path, query: str, regex: bool, unit: str, document_id: str | None, code_id: str,
               coder_id: str, progress=None, cancelled=lambda: False) -> Plan:
    """The spans to code (skipping ones this coder already has with this code), preview lines and
    what was left out (``qda.autocode.plan_autocode`` over the hits of the search), on a connection of its own."""
    from ...store import Project

    pattern = compile_query(query, regex=regex)
    with Project.borrowed(path) as project:
        documents = [document_id] if document_id else list(project.documents_frame()["id"])
        plan = plan_autocode(project, hits_in_documents(project, pattern, documents), unit, code_id, coder_id,
                             progress, cancelled, total=len(documents), names=True)
    return plan


class AutocodeScreen(ModalScreen[Plan | None]):
    BINDINGS = [
        Binding("ctrl+s", "confirm", "Code them", id="autocode.confirm"),
        Binding("ctrl+o", "choose_code", "Choose code", id="autocode.code"),
        Binding("escape", "cancel", "Cancel", id="autocode.cancel"),
    ]

    def __init__(self, path: Path, document_id: str, codebook: Codebook, code_id: str | None, colour_of, coder_id: str):
        super().__init__()
        self.path, self.document_id, self.codebook = path, document_id, codebook
        self.code_id, self.colour_of, self.coder_id = code_id, colour_of, coder_id
        self.spans: list[tuple[str, int, int]] = []
        self.shown_for: tuple | None = None  # the (query, regex, unit, document, code) the preview shows

    def compose(self) -> ComposeResult:
        # Every control takes one row, so that the preview keeps the rest of the dialog and is on
        # screen from 80x24 up; it scrolls (Tab to it, then the arrow keys) when it holds more.
        with Vertical(classes="dialog autocode"):
            yield Label("Auto-code every hit of a search", classes="dialog-title")
            yield Static(id="autocode-code", markup=False)
            yield Input(placeholder="a word, a phrase or a regular expression", id="autocode-query", select_on_focus=False)
            with Horizontal(classes="autocode-options"):
                yield Label("Code the ")
                with RadioSet(id="autocode-unit"):
                    for unit in UNITS:
                        yield RadioButton(unit if unit != "hit" else "hit only", value=unit == "sentence")
            with Horizontal(classes="autocode-options"):
                yield Checkbox("regular expression", id="autocode-regex")
                yield Checkbox("all documents", id="autocode-all")
            yield ProgressBar(id="autocode-progress", show_eta=False)
            with VerticalScroll(id="autocode-preview-pane"):
                yield Static("Type a search to see what would be coded.", id="autocode-preview", markup=False)
            yield Label("ctrl+o code · ctrl+s apply (one undo) · Tab scrolls · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_code()
        self.query_one("#autocode-query", Input).focus()

    def show_code(self) -> None:
        label = Text("Code: ", style="bold")
        if self.code_id:
            label.append("■ ", style=self.colour_of(self.code_id))
            label.append(self.codebook.paths[self.code_id])
        else:
            label.append("none yet: press ctrl+o", style="italic")
        self.query_one("#autocode-code", Static).update(label)

    @property
    def unit(self) -> str:
        radio = self.query_one("#autocode-unit", RadioSet)
        return UNITS[radio.pressed_index] if radio.pressed_index >= 0 else "sentence"

    def on_input_changed(self) -> None:
        self.refresh_preview()

    def on_checkbox_changed(self) -> None:
        self.refresh_preview()

    def on_radio_set_changed(self) -> None:
        self.refresh_preview()

    @property
    def asked(self) -> tuple:
        """What the controls ask for now: (query, regex, unit, document id or None for all, code id)."""
        every = self.query_one("#autocode-all", Checkbox).value
        return (self.query_one("#autocode-query", Input).value, self.query_one("#autocode-regex", Checkbox).value,
                self.unit, None if every else self.document_id, self.code_id)

    @property
    def preview_current(self) -> bool:
        """Does the preview on screen show what the controls ask for (not an earlier query's)?"""
        return self.shown_for == self.asked

    def refresh_preview(self) -> None:
        asked = self.asked
        if not asked[0].strip():
            self.spans, self.shown_for = [], asked
            self.query_one("#autocode-preview", Static).update("Type a search to see what would be coded.")
            return
        self.compute(asked)

    @work(thread=True, exclusive=True, group="autocode")
    def compute(self, asked: tuple) -> None:
        worker = get_current_worker()
        bar = self.query_one("#autocode-progress", ProgressBar)
        query, regex, unit, document_id, code_id = asked

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._progress, bar, asked, done, total)

        try:
            plan = plan_spans(self.path, query, regex, unit, document_id, code_id or "", self.coder_id,
                              progress, lambda: worker.is_cancelled)
        except QdaError as error:
            plan = Plan(code_id or "", preview=[f"⚠ {error}"])
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, asked, plan)

    @property
    def _open(self) -> bool:
        """Is the dialog still open (a thread's result may arrive after Esc closed it)?"""
        return self in self.app.screen_stack

    def _progress(self, bar: ProgressBar, asked: tuple, done: int, total: int) -> None:
        # A worker cancelled by the next key may still be heard once: its count is not the bar's
        if self._open and asked == self.asked:
            bar.update(total=total, progress=done)

    def _show(self, asked: tuple, plan: Plan) -> None:
        if not self._open:
            return
        spans, preview = plan.spans, plan.preview
        self.spans, self.shown_for = spans, asked
        text = Text()
        shown = f" (first {len(preview)} shown)" if len(preview) < len(spans) else ""
        text.append(counted(len(spans), "passage would be coded") + shown + "\n", style="bold")
        if plan.note:
            text.append(plan.note + "\n", style="italic")
        for line in preview:
            text.append(line + "\n")
        self.query_one("#autocode-preview", Static).update(text)

    @dialog_action
    async def action_choose_code(self) -> None:
        from .code_picker import CodePicker

        picked = await self.app.push_screen_wait(CodePicker(self.codebook, "Auto-code as…", self.colour_of))
        if picked and picked.code_id:
            self.code_id = picked.code_id
            self.show_code()
            self.refresh_preview()

    def action_confirm(self) -> None:
        if not self.code_id:
            self.notify("Choose a code first (ctrl+o).", severity="warning")
            return
        if not self.preview_current:  # ctrl+s typed before the preview of the last change was shown
            self.notify("Wait for the preview to show what would be coded, then press ctrl+s again.", severity="warning")
            return
        if not self.spans:
            self.notify("Nothing to code: type a search that has hits.", severity="warning")
            return
        self.dismiss(Plan(self.code_id, list(self.spans)))

    def action_cancel(self) -> None:
        self.dismiss(None)
