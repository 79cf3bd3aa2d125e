"""Every binding of the app, by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def binding_table(title: str, bindings) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = ", ".join(k.strip().replace("shift+", "⇧").replace("ctrl+", "^") for k in binding.key.split(","))
            table.add_row(binding.key_display or keys, binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("qda keys · ctrl+p finds any command by name · Esc closes", classes="dialog-title")
            for title, bindings in self.sections:
                yield Static(binding_table(title, bindings))
            yield Static(Text("Selections snap to whole words. With no selection, a code applies to the sentence "
                              "under the cursor. Every change is saved before it is shown; ctrl+z undoes it, "
                              "even after a restart.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
