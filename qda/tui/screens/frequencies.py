"""Frequencies: per code the codings, documents, words coded and share of documents, or one
of these by document, coder or document attribute (one column a group), sortable.

The numbers are ``qda.analysis.frequencies``, as `qda stats` prints them (docs/analysis.md
defines each).  Enter opens the quotes of the highlighted code.
"""

from __future__ import annotations

import pandas as pd
from rich.text import Text
from textual.binding import Binding

from ..counted import counted
from ._analysis import AnalysisScreen, code_label, number

MEASURES = ("codings", "documents", "words", "share_documents")
MEASURE_LABELS = {"codings": "codings", "documents": "documents", "words": "words", "share_documents": "% documents"}
RESERVED = {"id", "name", "words", "text_language", "source", "imported", "codings", "speakers", "done_by", "pseudonym"}


def grouping_attributes(documents: pd.DataFrame) -> list[str]:
    """Document attributes that group documents (two or more values, fewer values than documents)."""
    out = []
    for column in documents.columns:
        if column in RESERVED:
            continue
        values = documents[column].astype(str).replace("", pd.NA).dropna().nunique()
        if 1 < values < len(documents):
            out.append(column)
    return out


class FrequenciesScreen(AnalysisScreen):
    """``FrequenciesScreen(by="code")``: one row a code; ``b`` switches to a grouping."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="frequencies.close"),
        Binding("b", "cycle_by", "By…", id="frequencies.by", tooltip="Per code, or by document, coder or attribute"),
        Binding("m", "cycle_measure", "Measure", id="frequencies.measure",
                tooltip="Codings, documents, words or share of documents (in a grouped table)"),
        Binding("s", "sort", "Sort", id="frequencies.sort", tooltip="Sort by the next column"),
        Binding("S", "reverse", "Reverse", show=False, id="frequencies.reverse"),
        Binding("R", "rollup", "Roll up", id="frequencies.rollup", tooltip="Count each parent with its subtree"),
        Binding("z", "toggle_unused", "Hide unused", show=False, id="frequencies.unused"),
        Binding("enter", "quotes", "Quotes", id="frequencies.quotes", tooltip="The quotes of the highlighted code",
                priority=True),
    ]

    hint_text = "b by · m measure · s sort · S reverse · R roll up · z hide unused · Enter quotes · Esc close"

    def __init__(self, by: str = "code") -> None:
        super().__init__()
        self.by = by
        self.measure = "codings"
        self.rollup = False
        self.hide_unused = False
        self.groupings: list[str] = ["code", "document", "coder"]
        self.result: pd.DataFrame | None = None
        self.overall: pd.DataFrame | None = None
        self.sort_column, self.sort_reverse = "_order", False  # codebook order

    def on_mount(self) -> None:
        self.set_title("Frequencies")
        self.table.focus()
        self.load()

    def load(self) -> None:
        by, rollup = self.by, self.rollup

        def job(project):
            from ...analysis import frequencies

            overall = frequencies(project, rollup=rollup)
            grouped = frequencies(project, by=by, rollup=rollup) if by != "code" else None
            return overall, grouped, grouping_attributes(project.documents_frame())

        self.compute(job, self.loaded, f"Counting codings{' by ' + by if by != 'code' else ''}…")

    def loaded(self, result) -> None:
        overall, grouped, attributes = result
        self.groupings = ["code", "document", "coder", *attributes]
        self.overall, self.result = overall, grouped
        self.refill()

    def refill(self) -> None:
        if self.overall is None:
            return
        overall = self.overall.reset_index(drop=True)
        codebook = self.app.codebook
        ids = {path: code_id for code_id, path in codebook.paths.items()}
        frame = pd.DataFrame({
            "_key": overall["path"].map(ids),
            "_order": range(len(overall)),
            "path": overall["path"],
            "level": overall["level"],
            "codings": overall["codings"],
            "documents": overall["documents"],
            "words": overall["words"],
            "share_documents": overall["share_documents"],
        })
        columns = [("_order", "code")]
        if self.by == "code":
            columns += [(m, MEASURE_LABELS[m]) for m in MEASURES]
        else:
            grouped = self.result
            pivot = grouped.pivot_table(index="path", columns=self.by, values=self.measure, aggfunc="sum", sort=False)
            groups = list(dict.fromkeys(grouped[self.by]))
            for number_, group in enumerate(groups):
                frame[f"g{number_}"] = frame["path"].map(pivot[group]).fillna(0).to_numpy()
                columns.append((f"g{number_}", str(group)))
            frame["all"] = frame[self.measure]
            columns.append(("all", "all"))
        if self.hide_unused:
            frame = frame[frame["codings"] > 0]
        self._render_names = {code_id: (codebook.by_id[code_id].name, codebook.depth(code_id)) for code_id in frame["_key"]
                              if code_id in codebook.by_id}
        self.fill(frame, columns, self.cell)
        shown = "per code" if self.by == "code" else f"{MEASURE_LABELS[self.measure]} by {self.by}"
        used = int((frame["codings"] > 0).sum())
        self.set_status(f"{shown} · {used} of {len(overall)} codes used · {counted(int(overall['codings'].sum()), 'coding')}"
                        f"{' · rolled up' if self.rollup else ''}{' · unused hidden' if self.hide_unused else ''}")

    def cell(self, record: dict, column: str):
        if column == "_order":
            name, depth = self._render_names.get(record["_key"], (record["path"], 0))
            return code_label(record["path"], self.app.transcript.colour(record["_key"]), depth, name,
                              dim=record["codings"] == 0)
        value = record[column]
        share = column == "share_documents" or (column != "_order" and self.by != "code" and self.measure == "share_documents")
        if share:
            text = f"{100 * float(value):.0f}%"
        else:
            text = number(int(value)) if float(value).is_integer() else number(value, 2)
        return Text(str(text), style="dim" if not value else "", justify="right")

    def action_cycle_by(self) -> None:
        if self.computing:
            return
        self.by = self.groupings[(self.groupings.index(self.by) + 1) % len(self.groupings)] if self.by in self.groupings else "code"
        if self.sort_column not in ("_order", "codings", "documents", "words", "share_documents", None):
            self.sort_column, self.sort_reverse = "_order", False
        self.load()

    def action_cycle_measure(self) -> None:
        self.measure = MEASURES[(MEASURES.index(self.measure) + 1) % len(MEASURES)]
        if self.by == "code":
            self.app.notify(f"measure: {MEASURE_LABELS[self.measure]} (shown when grouped: press b)", timeout=3)
        self.refill()

    def action_rollup(self) -> None:
        self.rollup = not self.rollup
        self.load()

    def action_toggle_unused(self) -> None:
        self.hide_unused = not self.hide_unused
        self.refill()

    def on_data_table_row_selected(self, event) -> None:
        event.stop()
        self.action_quotes()

    def action_quotes(self) -> None:
        from .quotes import QuotesScreen

        record = self.highlighted_record()
        if record is None:
            return
        if not record["codings"]:
            self.app.notify(f"no codings of {record['path']} yet", severity="warning", timeout=3)
            return
        self.app.push_screen(QuotesScreen(record["_key"]))
