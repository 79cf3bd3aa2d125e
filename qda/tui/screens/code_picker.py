"""The fuzzy code picker: type part of a code's name or path; Enter applies, or creates a new code."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...model import Codebook

NEW = "\x00new"
TOP = "\x00top"


@dataclass(frozen=True)
class Picked:
    code_id: str | None = None  # None with new_name: create a code
    new_name: str = ""


# WRatio scores: a transposed letter or a missing one stays above 75 ("distrsut" 79, "pollice"
# 83); below it come paths that merely share a few letters with the query.
FUZZY_CUTOFF = 75


def rank(codebook: Codebook, query: str, limit: int = 30) -> list[str]:
    """Code ids best matching ``query``: exact substring matches first, then fuzzy ones."""
    paths = codebook.paths
    order = [code.id for code, _ in codebook.walk()]
    if not query.strip():
        return order
    q = query.casefold().strip()
    direct = [c for c in order if q in paths[c].casefold()]
    direct.sort(key=lambda c: (not codebook.by_id[c].name.casefold().startswith(q), q not in codebook.by_id[c].name.casefold()))
    scored = process.extract(q, {c: paths[c].casefold() for c in order}, scorer=fuzz.WRatio, limit=limit, score_cutoff=FUZZY_CUTOFF)
    fuzzy = [key for _, _, key in scored if key not in direct]
    return (direct + fuzzy)[:limit]


class CodePicker(ModalScreen[Picked | None]):
    """Choose a code; with ``allow_new`` the last option creates the typed name; with ``top`` a top-level choice."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "down", "Next", show=False, id="picker.down"),
        Binding("up", "up", "Previous", show=False, id="picker.up"),
    ]

    def __init__(self, codebook: Codebook, title: str, colour_of, allow_new: bool = False, top: str = "",
                 exclude: set[str] | None = None, keys: dict[str, str] | None = None) -> None:
        super().__init__()
        self.codebook = codebook
        self.title_text = title
        self.colour_of = colour_of
        self.allow_new = allow_new
        self.top = top
        self.exclude = exclude or set()
        self.keys = keys or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder="type to find a code…", id="picker-input", select_on_focus=False)
            yield OptionList(id="picker-options")
            yield Label("↑↓ choose · Enter pick · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.fill("")

    def fill(self, query: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        items: list[Option] = []
        if self.top and not query.strip():
            items.append(Option(Text(self.top, style="italic"), id=TOP))
        for code_id in rank(self.codebook, query):
            if code_id in self.exclude:
                continue
            label = Text()
            label.append("■ ", style=self.colour_of(code_id))
            key = self.keys.get(code_id)
            if key:
                label.append(f"{key} ", style="bold reverse")
            if query.strip():
                label.append(self.codebook.paths[code_id])
            else:
                label.append("  " * self.codebook.depth(code_id) + self.codebook.by_id[code_id].name)
            items.append(Option(label, id=code_id))
        name = query.strip()
        if self.allow_new and name and self.codebook.find(name) is None:
            items.append(Option(Text(f"+ new code “{name}”…", style="bold green"), id=NEW))
        options.add_options(items)
        if items:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.choose(self.query_one("#picker-options", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option_index)

    def choose(self, index: int | None) -> None:
        options = self.query_one("#picker-options", OptionList)
        if index is None or options.option_count == 0:
            return
        option_id = options.get_option_at_index(index).id
        if option_id == NEW:
            self.dismiss(Picked(None, self.query_one("#picker-input", Input).value.strip()))
        elif option_id == TOP:
            self.dismiss(Picked(None, ""))
        else:
            self.dismiss(Picked(option_id))

    def action_down(self) -> None:
        self.query_one("#picker-options", OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#picker-options", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Choose one of a few labelled items (e.g. which coding under the cursor)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, items: list[tuple[str, Text | str]]) -> None:
        super().__init__()
        self.title_text = title
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(*[Option(label, id=key) for key, label in self.items], id="choice-options")
            yield Label("↑↓ choose · Enter pick · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
