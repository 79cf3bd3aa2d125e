"""Write or edit a memo (on a coding or on a document).

Escape after typing asks once more before it throws the typing away: a memo is often minutes of
writing, and Esc is the key a coder presses to leave any dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


HINT = "ctrl+s save · Esc cancel (an empty memo removes it)"
WARNING = "Esc again throws away what you typed · ctrl+s saves it"


class MemoScreen(ModalScreen[str | None]):
    """Returns the memo text on ctrl+s, None on escape (pressed twice when the text was changed)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save memo", id="memo.save"),
        Binding("escape", "cancel", "Cancel", id="memo.cancel"),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text, self.text = title, text
        self.warned = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog memo"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield TextArea(self.text, id="memo-text", soft_wrap=True, show_line_numbers=False)
            yield Label(HINT, classes="dialog-hint", id="memo-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text.strip() != self.text.strip() and not self.warned:
            self.warned = True
            self.query_one("#memo-hint", Label).update(WARNING)
            return
        self.dismiss(None)

    def on_text_area_changed(self) -> None:
        if self.warned:
            self.warned = False
            self.query_one("#memo-hint", Label).update(HINT)
