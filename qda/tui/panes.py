"""The panes of the coding screen: codebook tree (with its filter), transcript and details, laid
out for the terminal's width again on every resize, and where the keyboard's focus goes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input

from .screens.help import HelpScreen
from .widgets.codebook_tree import CodebookTree
from .widgets.details import Details
from .widgets.transcript import Transcript

NARROW_BELOW = 110  # columns: below this the details pane takes the codebook's place (i)


class Panes:
    """Part of ``QdaApp``: composes the panes and keeps their layout and focus."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Input(placeholder="filter codes (f)", id="code-filter")
                self._tree = CodebookTree(id="codes")
                yield self._tree
            self._transcript = Transcript(id="transcript")
            yield self._transcript
            self._details = Details(id="details")
            yield self._details
        yield Footer()

    @property
    def transcript(self) -> Transcript:
        return self._transcript

    @property
    def tree(self) -> CodebookTree:
        return self._tree

    def on_resize(self, event) -> None:
        self.on_resize_layout(event.size.width)

    def on_resize_layout(self, width: int | None = None) -> None:
        """Three panes from 110 columns, two below: decided again on every resize (``self.size``
        still holds the old size while the app handles a Resize, so the event's width is used)."""
        width = self.size.width if width is None else width
        self.screen_stack[0].set_class(width < NARROW_BELOW, "narrow")

    def action_toggle_details(self) -> None:
        """Wide: hide or show the details pane.  Narrow (no room for three panes): swap it with the tree.
        Each layout keeps its own choice, so that details asked for at 80 columns do not hide them
        once the terminal is wide again (nor the reverse)."""
        main = self.screen_stack[0]
        main.toggle_class("swap-details" if main.has_class("narrow") else "hide-details")
        tree_hidden = main.has_class("narrow", "swap-details")
        if tree_hidden and self.focused is not None and self.query_one("#left") in self.focused.ancestors_with_self:
            self.transcript.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#code-filter", Input).focus()

    def action_focus_transcript(self) -> None:
        """Esc from the code filter, the tree or the details pane: back to the text, the filter cleared
        (a codebook left filtered after Enter took the keys into the tree hid the other codes and
        their counts from the coder back in the text)."""
        code_filter = self.query_one("#code-filter", Input)
        if code_filter.value:
            code_filter.value = ""
        self.transcript.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen([
            ("Moving and selecting (in the text)", Transcript.BINDINGS),
            ("Coding, finding, documents (anywhere)", self.BINDINGS),
            ("In the codebook tree", CodebookTree.BINDINGS),
            ("In the details pane (Tab to it)", Details.BINDINGS),
        ]))
