"""The details pane: the codings under the cursor and the guidance of the highlighted code."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from ...model import Code, Codebook, Coding


def when(stamp: str) -> str:
    """``2025-03-14T10:22:31.123+00:00`` -> ``2025-03-14 10:22``."""
    return stamp[:16].replace("T", " ")


def excerpt(quote: str, head: int = 60, tail: int = 25) -> str:
    """A long quote as its first and last words, cut between words: "At first … at the end."
    (about ``head`` and ``tail`` characters; a single word longer than that is kept whole)."""
    words = quote.split()
    if len(" ".join(words)) <= head + tail + 5:
        return " ".join(words)
    first, last = [], []
    for word in words:
        if first and len(" ".join(first + [word])) > head:
            break
        first.append(word)
    for word in reversed(words[len(first):]):
        if last and len(" ".join([word] + last)) > tail:
            break
        last.insert(0, word)
    return " ".join(first) + " … " + " ".join(last)


def describe(codings: list[Coding], codebook: Codebook, coder_names: dict[str, str], colour_of, text: str,
             where: str, document_memo: str = "") -> Text:
    out = Text()
    out.append(where + "\n", style="dim")
    if not codings:
        out.append("No coding here.\n", style="dim italic")
    for coding in codings:
        path = codebook.paths.get(coding.code_id, "(deleted code)")
        out.append("■ ", style=colour_of(coding.code_id))
        out.append(path + "\n", style="bold")
        out.append(f"  {coder_names.get(coding.coder_id, '?')} · {when(coding.created)} · "
                   f"[{coding.start}, {coding.end})\n", style="dim")
        out.append(f"  “{excerpt(text[coding.start:coding.end])}”\n", style="italic")
        if coding.memo:
            out.append("  memo: ", style="bold")
            out.append(coding.memo + "\n")
    if document_memo:
        out.append("\nDocument memo: ", style="bold")
        out.append(document_memo[:300] + "\n")
    return out


def guidance(code: Code | None, codebook: Codebook, key: str | None = None) -> Text:
    out = Text()
    if code is None:
        return out
    out.append(codebook.paths.get(code.id, code.name), style="bold")
    if key:
        out.append(f"  [{key}]", style="bold reverse")
    out.append("\n")
    for label, value in (("", code.definition), ("Use when: ", code.when_to_use),
                         ("Not when: ", code.when_not_to_use), ("Example: ", code.example)):
        if value:
            out.append(label, style="bold")
            out.append(value + "\n", style="italic" if label == "Example: " else "")
    return out


class Details(Static, can_focus=True):
    """What is under the cursor, then the highlighted code's definition.

    Its size is fixed by the layout, so an update redraws this pane only (no
    layout pass of the screen), which keeps coding latency low.  Focused (Tab),
    it scrolls by lines with the arrow keys, for long memos and many codings;
    Esc goes back to the text."""

    BINDINGS = [
        Binding("down", "scroll_lines(1)", "Scroll down", show=False, id="details.down"),
        Binding("up", "scroll_lines(-1)", "Scroll up", show=False, id="details.up"),
        Binding("pagedown", "scroll_lines(10)", "Page down", show=False, id="details.page_down"),
        Binding("pageup", "scroll_lines(-10)", "Page up", show=False, id="details.page_up"),
        Binding("escape", "app.focus_transcript", "Back to text", id="details.back"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines: list[Text] = []
        self.top = 0  # the first line shown

    def show(self, here: Text, code_text: Text) -> None:
        out = Text()
        out.append_text(here)
        if code_text.plain:
            out.append("\n" + "╌" * 30 + "\n", style="dim")
            out.append_text(code_text)
        self.lines = out.split("\n", allow_blank=True)
        self.top = 0
        self._draw()

    def action_scroll_lines(self, delta: int) -> None:
        self.top = min(max(self.top + delta, 0), max(len(self.lines) - 1, 0))
        self._draw()

    def _draw(self) -> None:
        shown = Text("\n").join(self.lines[self.top:])
        if self.top:
            shown = Text(f"↑ {self.top} more lines above\n", style="dim").append_text(shown)
        self.update(shown, layout=False)
