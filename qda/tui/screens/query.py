"""A coding query typed in the app: its passages with citable references; Enter goes to one.

The same language and results as `qda query` (``qda.query``, docs/queries.md).  The query
runs in a worker thread on its own connection; an error shows the query's line with a caret
under the column where it fails.  ctrl+s saves the query in the project under a name,
ctrl+o brings the saved queries back one after another.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ...errors import QdaError
from ..counted import counted
from ..wrapped import Wrapped
from ._analysis import PassageListScreen

EXAMPLE = '"Distrust of police" AND NOT "Familial framing" IN SAME TURN WHERE site = Ayacucho'


class QueryScreen(PassageListScreen):
    """``QueryScreen(text="")``: type a query, Enter runs it; in the list, Enter goes to the passage."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="query.close"),
        Binding("enter", "jump", "Go to passage", id="query.jump", show=False),
        Binding("ctrl+s", "save", "Save query", id="query.save"),
        Binding("ctrl+o", "saved", "Saved queries", id="query.saved",
                tooltip="Bring back the project's saved queries one after another"),
        Binding("tab", "switch", "Query / passages", id="query.switch", show=False),
    ]

    title_text = "Coding query"
    list_id = "query-list"
    hint_text = "Enter run the query · ↓ or Tab to the passages, Enter goes to one · ctrl+s save · ctrl+o saved · Esc close"

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text
        self.rows: list[dict] = []
        self.saved_names: list[str] = []
        self.saved_index = -1

    def compose_body(self) -> ComposeResult:
        yield Input(self.text, placeholder=EXAMPLE, id="query-input", select_on_focus=False)
        yield OptionList(id="query-list", classes="analysis-table")

    @property
    def input(self) -> Input:
        return self.query_one("#query-input", Input)

    def on_mount(self) -> None:
        self.set_status("Codes in quotes joined by AND, OR, NOT, OVERLAPPING, ENCLOSING, ENCLOSED BY, FOLLOWED BY, "
                        "WITHIN n SENTENCES OF, IN SAME TURN…; WHERE attribute = value, SET = name, CODER = name")
        self.input.focus()
        if self.text.strip():
            self.run_query(self.text)

    # -- running ---------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_query(event.value)

    def run_query(self, text: str) -> None:
        from ...query import QueryError, parse

        self.text = text
        try:
            query = parse(text)
        except QueryError as error:
            self.show_error(error)
            return

        def job(project):
            from ...query import query_quotes

            try:
                frame = query_quotes(project, query)
            except QueryError as error:
                return error
            ids = dict(zip(project.documents_frame()["name"], project.documents_frame()["id"]))
            return frame.assign(document_id=frame["document"].map(ids)) if len(frame) else frame.assign(document_id=[])

        self.compute(job, self.show, "Running the query…")

    def recompute(self) -> None:
        if self.text.strip():
            self.run_query(self.text)

    def show_error(self, error) -> None:
        message = Text(error.caret() + "\n", style="bold")
        message.append(str(error), style="red")
        self.set_status(message)
        self.rows = []
        self.options.clear_options()

    def show(self, result) -> None:
        from ...query import QueryError

        if isinstance(result, QueryError):
            self.show_error(result)
            return
        self.rows = result.to_dict("records")
        options = self.options
        options.clear_options()
        options.add_options([Option(Wrapped(self.render_passage(row)), id=str(i)) for i, row in enumerate(self.rows)])
        if self.rows:
            options.highlighted = 0
        documents = len({r["document"] for r in self.rows})
        self.set_status(f"{counted(len(self.rows), 'passage')} in {counted(documents, 'document')}"
                        + ("" if self.rows else " · nothing found"))

    def render_passage(self, row: dict) -> Text:
        text = self.passage_text(row)
        codes = [p.split(" > ")[-1] for p in str(row.get("codes") or "").split("; ") if p]
        if codes:
            text.append("\ncodes: " + "; ".join(codes), style="dim")
        return text

    # -- moving --------------------------------------------------------------------------------

    def on_key(self, event) -> None:
        if event.key == "down" and self.input.has_focus and self.rows:
            event.stop()
            self.options.focus()

    def action_switch(self) -> None:
        (self.options if self.input.has_focus else self.input).focus()


    # -- saved queries ---------------------------------------------------------------------------

    def action_save(self) -> None:
        from .prompt import Prompt

        text = self.input.value.strip()
        if not text:
            self.app.notify("write a query first", severity="warning", timeout=3)
            return

        def save(name: str | None) -> None:
            if not name or not name.strip():
                return
            from ...store.sets import save_query

            try:
                replaced = save_query(self.app.project, name.strip(), text, coder=self.app.me)
            except QdaError as error:
                self.app.notify(str(error), severity="warning", timeout=6)
                return
            self.app.notify(f"{'Replaced' if replaced else 'Saved'} the query {name.strip()!r}; ctrl+z undoes it", timeout=4)

        self.app.push_screen(Prompt("Save the query as", placeholder="a name, e.g. distrust without family"), save)

    def action_saved(self) -> None:
        from ...store.sets import saved_queries

        frame = saved_queries(self.app.project)
        if frame.empty:
            self.app.notify("no saved queries yet; ctrl+s saves this one", timeout=4)
            return
        self.saved_names = list(frame["name"])
        self.saved_index = (self.saved_index + 1) % len(frame)
        row = frame.iloc[self.saved_index]
        self.input.value = row["query"]
        self.set_status(f"saved query {row['name']!r} ({self.saved_index + 1} of {len(frame)}) · Enter runs it")
        self.input.focus()
