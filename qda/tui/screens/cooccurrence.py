"""Co-occurrence: the ranked pairs of codes, the code-by-code matrix, and a code's neighbours.

The numbers are ``qda.analysis.cooccurrence`` and ``build_network`` (docs/analysis.md defines
the units and measures), as `qda cooccur` prints them.  The strongest pairs under the chosen
measure are highlighted; pairs whose adjusted p-value is below 0.05 carry a star.  Enter opens
the quotes where the two codes meet.
"""

from __future__ import annotations

import pandas as pd
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ...analysis._select import UNITS
from ...analysis.cooccurrence import MEASURES
from ...cells import cell_width, first_cells
from ..counted import counted
from ._analysis import AnalysisScreen, code_label, number

STRONGEST = 5  # pairs highlighted
SIGNIFICANT = 0.05  # adjusted p below this: a star
MEASURE_LABELS = {"count": "count", "jaccard": "Jaccard", "c": "c-coef.", "lift": "lift"}


class CooccurrenceScreen(AnalysisScreen):
    """``CooccurrenceScreen(code_id=None)``: the ranked pairs, or a code's neighbours when given one."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="cooccurrence.close"),
        Binding("u", "cycle_unit", "Unit", id="cooccurrence.unit",
                tooltip="Overlapping codings, sentence, paragraph, turn or document"),
        Binding("m", "cycle_measure", "Measure", id="cooccurrence.measure", tooltip="Count, Jaccard, c-coefficient or lift"),
        Binding("v", "cycle_view", "Pairs/matrix", id="cooccurrence.view"),
        Binding("n", "neighbours", "Neighbours", id="cooccurrence.neighbours",
                tooltip="The codes that co-occur with the highlighted code"),
        Binding("s", "sort", "Sort", id="cooccurrence.sort"),
        Binding("S", "reverse", "Reverse", show=False, id="cooccurrence.reverse"),
        Binding("enter", "quotes", "Quotes of pair", id="cooccurrence.quotes", priority=True),
    ]

    hint_text = ("u unit · m measure · v pairs/matrix · n neighbours of the highlighted code · s sort · "
                 "Enter quotes of the pair · Esc close  (★ strongest · * adjusted p < 0.05)")

    def __init__(self, code_id: str | None = None, unit: str = "overlap", measure: str = "count") -> None:
        super().__init__()
        self.unit = unit
        self.measure = measure
        self.view = "neighbours" if code_id else "pairs"
        self.focus_code = code_id
        self.pairs = pd.DataFrame()
        self.graph = None
        self.matrix_ids: list[str] = []
        self.name_width: int | None = None  # code names cut to this many cells (with "…") on narrow screens

    def on_mount(self) -> None:
        self.table.focus()
        self.load()

    def on_resize(self) -> None:
        if self.view == "pairs":
            self.refill()  # the names' share of the width follows the screen

    # -- computing ------------------------------------------------------------------------

    def load(self) -> None:
        unit = self.unit

        def job(project):
            from ...analysis import build_network, cooccurrence

            return cooccurrence(project, unit=unit), build_network(project, unit=unit, measure="count")

        self.compute(job, self.loaded, f"Counting co-occurrences by {unit}…")

    def loaded(self, result) -> None:
        self.pairs, self.graph = result
        self.sort_column, self.sort_reverse = self.measure, True
        self.refill()

    # -- showing ---------------------------------------------------------------------------

    def strongest(self) -> set[tuple[str, str]]:
        if self.pairs.empty:
            return set()
        top = self.pairs.sort_values([self.measure, "count"], ascending=False).head(STRONGEST)
        return set(zip(top["code_a_id"], top["code_b_id"]))

    def refill(self) -> None:
        if self.graph is None:
            return
        table = self.table
        table.cursor_type = "cell" if self.view == "matrix" else "row"
        {"pairs": self.show_pairs, "matrix": self.show_matrix, "neighbours": self.show_neighbours}[self.view]()
        measure = MEASURE_LABELS[self.measure]
        units = int(self.pairs["units"].iat[0]) if len(self.pairs) else 0
        view = self.view if self.view != "neighbours" else f"neighbours of {self.code_name(self.focus_code)}"
        self.set_status(f"{view} · unit: {self.unit} ({counted(units, 'unit')}) · measure: {measure} · "
                        f"{counted(len(self.pairs), 'pair')} of {counted(self.graph.number_of_nodes(), 'code')}")
        title = {"pairs": "Co-occurrence · strongest pairs", "matrix": "Co-occurrence · matrix"}.get(self.view)
        self.set_title(title or Text.assemble("Co-occurrence · neighbours of ", ("■ ", self.code_colour(self.focus_code)),
                                              (self.app.codebook.paths.get(self.focus_code, "?"), "bold")))

    def code_name(self, code_id: str | None) -> str:
        code = self.app.codebook.by_id.get(code_id or "")
        return code.name if code else "?"

    def code_colour(self, code_id: str | None) -> str:
        return self.app.transcript.colour(code_id) if code_id else "grey50"

    def _measure_columns(self) -> list[tuple[str, str]]:
        names = [self.measure] + [m for m in MEASURES if m != self.measure]
        return [(m, MEASURE_LABELS[m]) for m in names] + [("p_adjusted", "p adj.")]

    def show_pairs(self) -> None:
        strongest = self.strongest()
        frame = self.pairs.assign(_key=[f"{a}|{b}" for a, b in zip(self.pairs["code_a_id"], self.pairs["code_b_id"])],
                                  _strong=[(a, b) in strongest for a, b in zip(self.pairs["code_a_id"], self.pairs["code_b_id"])])
        measure, *others = self._measure_columns()
        # The chosen measure comes first and the names share what the screen has left, so
        # that the numbers stay on screen at 80 columns (the other measures scroll in with →).
        names = max((self.size.width - 18) // 2, 16)
        self.name_width = names - 5 if names < 36 else None  # "★ ■ " and a space before the next column
        self.fill(frame, [measure, ("code_a", "code"), ("code_b", "co-occurs with"), *others], self.pair_cell,
                  widths={"code_a": names, "code_b": names} if names < 36 else None)

    def pair_cell(self, record: dict, column: str):
        strong = record.get("_strong", False)
        if column in ("code_a", "code_b"):
            code_id = record[f"{column}_id"]
            name = self.code_name(code_id)
            if self.name_width and cell_width(name) > self.name_width:
                name = first_cells(name, self.name_width - 1).rstrip() + "…"
            label = code_label(record[column], self.code_colour(code_id), 0, name)
            if strong and column == "code_a":
                label = Text.assemble(("★ ", "bold yellow"), label)
            elif column == "code_a":
                label = Text.assemble("  ", label)
            if strong:
                label.stylize("bold")
            return label
        return self.value_cell(record, column, strong)

    def value_cell(self, record: dict, column: str, strong: bool) -> Text:
        value = record[column]
        if column == "p_adjusted":
            text = Text(f"{value:.2g}" + (" *" if value < SIGNIFICANT else "  "), justify="right")
            return text
        shown = number(value, 0 if column == "count" else (2 if column == "lift" else 3))
        text = shown if isinstance(shown, Text) else Text(shown, justify="right")
        text.justify = "right"
        if column == self.measure:
            text.stylize("bold yellow" if strong else "bold")
        return text

    def show_neighbours(self) -> None:
        from ...analysis import filter_network

        code = self.focus_code
        rows = []
        if code in self.graph:
            near = filter_network(self.graph, code=code)
            pairs = self.pairs.set_index(["code_a_id", "code_b_id"])
            for other in near.neighbors(code):
                key = (code, other) if (code, other) in pairs.index else (other, code)
                row = pairs.loc[key].to_dict()
                rows.append({"_key": other, "code": near.nodes[other]["path"], **{k: row[k] for k in (*MEASURES, "p_adjusted")}})
        frame = pd.DataFrame(rows, columns=["_key", "code", *MEASURES, "p_adjusted"])
        top = set(frame.sort_values([self.measure, "count"], ascending=False).head(STRONGEST)["_key"]) if len(frame) else set()
        frame["_strong"] = frame["_key"].isin(top)
        self.fill(frame, [("code", "co-occurs with"), *self._measure_columns()], self.neighbour_cell)
        if frame.empty:
            self.app.notify(f"{self.code_name(code)} co-occurs with no other code by {self.unit}; try another unit (u)",
                            severity="warning", timeout=5)

    def neighbour_cell(self, record: dict, column: str):
        if column == "code":
            label = code_label(record["code"], self.code_colour(record["_key"]), 0, record["code"])
            return Text.assemble(("★ " if record["_strong"] else "  ", "bold yellow"), label)
        return self.value_cell(record, column, record["_strong"])

    def show_matrix(self) -> None:
        nodes = [n for n in self.app.codebook.paths if n in self.graph]  # codebook order
        self.matrix_ids = nodes
        strongest = self.strongest()
        values: dict[tuple[str, str], float] = {}
        for row in self.pairs.itertuples(index=False):
            value = float(getattr(row, self.measure))
            values[(row.code_a_id, row.code_b_id)] = values[(row.code_b_id, row.code_a_id)] = value
        top = max(values.values(), default=0.0) or 1.0
        self._matrix = (values, strongest, top)
        frame = pd.DataFrame({"_key": nodes, "_order": range(len(nodes))})
        for i, code_id in enumerate(nodes):
            frame[f"c{i}"] = [values.get((row_id, code_id), float("nan")) for row_id in nodes]
        columns = [("_order", "code")] + [(f"c{i}", str(i + 1)) for i in range(len(nodes))]
        self.sort_column = "_order" if self.sort_column not in dict(columns) else self.sort_column
        self.fill(frame, columns, self.matrix_cell)

    def matrix_cell(self, record: dict, column: str):
        if column == "_order":
            number_ = record["_order"] + 1
            label = code_label(self.app.codebook.paths[record["_key"]], self.code_colour(record["_key"]), 0, self.code_name(record["_key"]))
            return Text.assemble((f"{number_:>2} ", "dim"), label)
        values, strongest, top = self._matrix
        other = self.matrix_ids[int(column[1:])]
        value = values.get((record["_key"], other))
        if value is None:
            return Text("·", style="dim", justify="center")
        shown = number(value, 0 if self.measure == "count" else (1 if self.measure == "lift" else 2))
        text = Text(str(shown), justify="right")
        strength = value / top
        if (record["_key"], other) in strongest or (other, record["_key"]) in strongest:
            text.stylize("bold black on yellow")
        elif strength >= 0.5:
            text.stylize("bold")
        elif strength < 0.2:
            text.stylize("dim")
        return text

    # -- keys -------------------------------------------------------------------------------

    def action_cycle_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self.load()

    def action_cycle_measure(self) -> None:
        self.measure = MEASURES[(MEASURES.index(self.measure) + 1) % len(MEASURES)]
        if self.view != "matrix":
            self.sort_column, self.sort_reverse = self.measure, True
        self.refill()

    def action_cycle_view(self) -> None:
        self.view = "matrix" if self.view != "matrix" else "pairs"
        self.sort_column, self.sort_reverse = (self.measure, True) if self.view == "pairs" else ("_order", False)
        self.refill()

    def highlighted_pair(self) -> tuple[str, str | None] | None:
        record = self.highlighted_record()
        if record is None:
            return None
        if self.view == "pairs":
            return record["code_a_id"], record["code_b_id"]
        if self.view == "neighbours":
            return self.focus_code, record["_key"]
        column = self.table.cursor_column - 1
        return (record["_key"], self.matrix_ids[column] if 0 <= column < len(self.matrix_ids) else None)

    def action_neighbours(self) -> None:
        pair = self.highlighted_pair()
        if pair is None:
            return
        code = pair[1] if self.view == "neighbours" else pair[0]  # in the neighbours view: walk to the neighbour
        self.focus_code = code
        self.view = "neighbours"
        self.sort_column, self.sort_reverse = self.measure, True
        self.refill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_quotes()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_quotes()

    def action_quotes(self) -> None:
        from .quotes import QuotesScreen

        pair = self.highlighted_pair()
        if pair is None:
            return
        code, other = pair
        if other is None or other == code:
            self.app.push_screen(QuotesScreen(code))
        else:
            self.app.push_screen(QuotesScreen(code, with_code_id=other))
