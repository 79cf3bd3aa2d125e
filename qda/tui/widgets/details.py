"""The details pane: the codings under the cursor and the guidance of the highlighted code."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from ...cells import cell_width, first_cells, last_cells, shorten
from ...model import Code, Codebook, Coding
from ..wrapped import wrapped_rows


def when(stamp: str) -> str:
    """``2025-03-14T10:22:31.123+00:00`` -> ``2025-03-14 10:22``."""
    return stamp[:16].replace("T", " ")


def excerpt(quote: str, head: int = 60, tail: int = 25) -> str:
    """A long quote as its first and last words, cut between words: "At first … at the end."
    (at most ``head`` and ``tail`` terminal columns; a word wider than that, as a sentence in a
    script written without spaces is, cut by columns)."""
    words = quote.split()
    if cell_width(" ".join(words)) <= head + tail + 5:
        return " ".join(words)
    first, last = [], []
    for word in words:
        if first and cell_width(" ".join(first + [word])) > head:
            break
        first.append(word)
    for word in reversed(words[len(first):]):
        if last and cell_width(" ".join([word] + last)) > tail:
            break
        last.insert(0, word)
    start, end = " ".join(first), " ".join(last)
    if not last:  # the first word took it all
        end = " ".join(words)
    if cell_width(start) > head:
        start = first_cells(start, head)
    if cell_width(end) > tail:
        end = last_cells(end, tail)
    return start + " … " + end


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
        out.append(shorten(document_memo, 300) + "\n")
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


class Details(Widget, can_focus=True):
    """What is under the cursor, then the highlighted code's definition.

    Drawn line by line: each line of text is wrapped once and kept as strips
    (rows) while it stays the same, and an update repaints only the rows whose
    strip changed, so applying a code (one coding more in the list) redraws a
    few rows of this pane, not all of it.  Focused (Tab), it scrolls by lines
    with the arrow keys, for long memos and many codings; Esc goes back to the text."""

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
        self.rows: list[Strip] = []  # the wrapped rows on show, from line ``top``
        self._wrapped: dict[tuple, list[Strip]] = {}  # a line (its text, spans, style) -> its rows
        self._base: Style | None = None  # the pane's own style, kept until its styles change (focus)
        self.draws = 0  # rows drawn: for the benchmark

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

    def shown(self) -> str:
        """The text of the rows on show, one row a line."""
        return "\n".join(strip.text.rstrip() for strip in self.rows[: self.size.height])

    def _wrap(self, line: Text, width: int, kept: dict[tuple, list[Strip]]) -> list[Strip]:
        key = (line.plain, tuple(line.spans), line.style, width)
        rows = self._wrapped.get(key) or kept.get(key)
        if rows is None:
            console = self.app.console
            rows = [Strip(part.render(console), part.cell_len) for part in wrapped_rows(line, width)] or [Strip.blank(0)]
        kept[key] = rows
        return rows

    def _draw(self) -> None:
        """Wrap the lines on show and repaint the rows that differ from those drawn before."""
        width, height = self.size
        if not width:
            self.rows = []
            return  # not laid out yet: on_resize draws
        shown = self.lines[self.top:]
        if self.top:
            shown = [Text(f"↑ {self.top} more lines above", style="dim"), *shown]
        kept: dict[tuple, list[Strip]] = {}
        rows: list[Strip] = []
        for line in shown:
            if len(rows) >= height:
                break
            rows.extend(self._wrap(line, width, kept))
        self._wrapped = kept  # only the lines on show stay cached
        before, self.rows = self.rows, rows
        changed = [Region(0, y, width, 1) for y in range(min(max(len(rows), len(before)), height))
                   if y >= len(rows) or y >= len(before) or rows[y] is not before[y]]
        if changed:
            self.refresh(*changed)  # one call: each costs about as much as drawing a row

    def on_resize(self) -> None:
        self._wrapped = {}
        self.rows = []
        self._draw()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None

    def render_line(self, y: int) -> Strip:
        # Textual computes ``rich_style`` from the ancestors again after every refresh: once per
        # style change is enough for a pane whose background only changes with its focus.
        style = self._base = self._base or self.rich_style
        self.draws += 1
        width = self.size.width
        if y >= len(self.rows):
            return Strip.blank(width, style)
        return self.rows[y].crop_extend(0, width, None).apply_style(style)
