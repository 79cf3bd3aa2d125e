"""Small modal dialogs: a one-line question, and a single key press."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Prompt(ModalScreen[str | None]):
    """Ask for one line of text (search, go to, a code's new name)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", hint: str = "Enter ok · Esc cancel") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder, self.hint = title, value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input",
                        select_on_focus=False)  # a key typed ahead may arrive before the focus: never select it away
            yield Label(self.hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeyPrompt(ModalScreen[str | None]):
    """Wait for one key among ``keys`` (e.g. 1-9 to assign a quick key)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="keyprompt.cancel")]

    def __init__(self, title: str, keys: str) -> None:
        super().__init__()
        self.title_text, self.keys = title, keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Label(f"Press one of {' '.join(self.keys)} · Esc cancel", classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in self.keys:
            event.stop()
            self.dismiss(event.character)

    def action_cancel(self) -> None:
        self.dismiss(None)
