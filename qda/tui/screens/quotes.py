"""The quotes of a code, or of a pair of codes, with their citable references ("P07:12").

The same selection as `qda quotes` (``qda.export.quotes.quotes``): one entry a coded passage,
in document order, with its speaker, paragraph and line, coders and the codes it carries.
Enter closes the screen and shows the passage, selected, in the transcript.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..counted import counted
from ..wrapped import Wrapped
from ._analysis import PassageListScreen, pick_coders


class QuotesScreen(PassageListScreen):
    """``QuotesScreen(code_id, with_code_id=None, coder=None)``."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="quotes.close"),
        Binding("enter", "jump", "Go to quote", id="quotes.jump", priority=True),
        Binding("k", "cycle_coder", "Coder", id="quotes.coder", tooltip="Quotes of every coder, or of one"),
        Binding("t", "toggle_subtree", "With subcodes", id="quotes.subtree",
                tooltip="Include the quotes of the code's children"),
    ]

    list_id, passage_word = "quotes-list", "quote"
    hint_text = "↑↓ move · Enter go to the quote in the transcript · k coder · t with/without subcodes · Esc close"

    def __init__(self, code_id: str, with_code_id: str | None = None, coder: str | None = None) -> None:
        super().__init__()
        self.code_id = code_id
        self.with_code_id = with_code_id
        self.coder = coder
        self.subtree = True
        self.coders: list[str] = []
        self.rows: list[dict] = []

    def compose_body(self) -> ComposeResult:
        yield OptionList(id="quotes-list", classes="analysis-table")

    def on_mount(self) -> None:
        codebook = self.app.codebook
        path = codebook.paths.get(self.code_id, "?")
        title = Text("Quotes · ", style="bold")
        title.append("■ ", style=self.app.transcript.colour(self.code_id))
        title.append(path, style="bold")
        if self.with_code_id:
            title.append("  with  ", style="dim")
            title.append("■ ", style=self.app.transcript.colour(self.with_code_id))
            title.append(codebook.paths.get(self.with_code_id, "?"), style="bold")
        self.set_title(title)
        self.options.focus()
        self.load()

    def load(self) -> None:
        codebook = self.app.codebook
        code = codebook.paths[self.code_id]
        with_code = codebook.paths[self.with_code_id] if self.with_code_id else None
        coder, subtree = self.coder, self.subtree

        def job(project):
            from ...export.quotes import quotes

            frame = quotes(project, code, with_code=with_code, coder=coder, subtree=subtree)
            ids = dict(zip(project.documents_frame()["name"], project.documents_frame()["id"]))
            frame = frame.assign(document_id=frame["document"].map(ids)) if len(frame) else frame.assign(document_id=[])
            return frame, pick_coders(project)

        self.compute(job, self.show, "Finding quotes…")

    def show(self, result) -> None:
        frame, coders = result
        self.coders = coders
        self.rows = frame.to_dict("records")
        options = self.options
        options.clear_options()
        items = [Option(Wrapped(self.render_quote(row)), id=str(i)) for i, row in enumerate(self.rows)]
        options.add_options(items)
        if items:
            options.highlighted = 0
        who = self.coder or "every coder"
        passages = len({(r["document"], r["start"], r["end"]) for r in self.rows})
        documents = len({r["document"] for r in self.rows})
        self.set_status(f"{counted(passages, 'quote')} in {counted(documents, 'document')} · {who}"
                        f"{' · with subcodes' if self.subtree else ' · this code only'}"
                        + ("" if items else " · nothing to show"))

    def render_quote(self, row: dict) -> Text:
        other_code = self.subtree and row["code_path"] != self.app.codebook.paths.get(self.code_id)
        text = self.passage_text(row, row["code"] if other_code else "")
        if row.get("memo"):
            text.append(f"\n✎ {row['memo']}", style="dim italic")
        others = [p for p in str(row.get("codes") or "").split("; ") if p and p != row["code_path"]]
        if others:
            text.append("\nalso: " + "; ".join(p.split(" > ")[-1] for p in others), style="dim")
        return text

    def action_cycle_coder(self) -> None:
        cycle = [None, *self.coders]
        self.coder = cycle[(cycle.index(self.coder) + 1) % len(cycle)] if self.coder in cycle else None
        self.load()

    def action_toggle_subtree(self) -> None:
        self.subtree = not self.subtree
        self.load()
