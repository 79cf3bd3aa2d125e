"""Agreement: the per-code table of two or more coders (``qda.analysis.agreement``, as `qda agree`
prints it), sortable; Enter opens the highlighted code's disagreements for adjudication.

Values of Krippendorff's alpha below 0.667 are red and below 0.8 yellow (Krippendorff's
thresholds for tentative and reliable conclusions); undefined statistics show "n/a" (the
report says why: docs/agreement.md).
"""

from __future__ import annotations

import pandas as pd
from rich.text import Text
from textual.binding import Binding

from ...errors import QdaError
from ._analysis import AnalysisScreen, code_label, number, pick_coders

UNITS = ("sentence", "paragraph", "turn", "document")
LABELS = {"percent": "% agree", "cohen_kappa": "Cohen κ", "fleiss_kappa": "Fleiss κ", "brennan_prediger": "B–P κ",
          "gwet_ac1": "Gwet AC1", "krippendorff_alpha": "Kripp. α"}


def check_coders(project, coders: list[str] | None, consensus: str) -> list[str]:
    """The coders to compare: those named, else every coder with codings but the consensus coder."""
    names = list(coders) if coders else pick_coders(project, exclude=(consensus,))
    if len(names) < 2:
        raise QdaError("agreement compares two or more coders' codings; this project has codings of "
                       f"{', '.join(names) or 'no one'} (add more with `qda merge` or code as another --coder)")
    return names


class AgreementScreen(AnalysisScreen):
    """``AgreementScreen(coders=None, unit="sentence", consensus="consensus")``."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="agreement.close"),
        Binding("u", "cycle_unit", "Unit", id="agreement.unit", tooltip="Sentence, paragraph, turn or document"),
        Binding("s", "sort", "Sort", id="agreement.sort"),
        Binding("S", "reverse", "Reverse", show=False, id="agreement.reverse"),
        Binding("enter,d", "disagreements", "Disagreements", id="agreement.disagreements",
                tooltip="Adjudicate the highlighted code's disagreements"),
        Binding("a", "adjudicate_all", "Adjudicate all", id="agreement.adjudicate_all"),
    ]

    hint_text = ("u unit · s sort · S reverse · Enter adjudicate the code's disagreements · a adjudicate all · Esc close"
                 "   (α < 0.667 red, < 0.8 yellow)")

    def __init__(self, coders: list[str] | None = None, unit: str = "sentence", consensus: str = "consensus") -> None:
        super().__init__()
        self.coders = list(coders) if coders else []
        self.unit = unit
        self.consensus = consensus
        self.report = None
        self.sort_column, self.sort_reverse = "_order", False

    def on_mount(self) -> None:
        self.set_title("Agreement")
        self.table.focus()
        self.load()

    def load(self) -> None:
        coders, unit, consensus = self.coders, self.unit, self.consensus

        def job(project):
            from ...analysis.agreement import agreement

            return agreement(project, check_coders(project, coders, consensus), unit=unit)

        self.compute(job, self.loaded, f"Comparing codings by {unit}…")

    def loaded(self, report) -> None:
        self.report = report
        self.coders = list(report.coders)
        self.refill()

    def statistics(self) -> list[str]:
        names = list(self.report.statistics)
        if len(self.coders) != 2 and "cohen_kappa" in names:
            names.remove("cohen_kappa")
        return names

    def refill(self) -> None:
        report = self.report
        if report is None:
            return
        codes = report.codes.reset_index(drop=True)
        frame = codes.assign(_key=codes["code_id"], _order=range(len(codes)))
        columns = [("_order", "code"), ("units", "units"), ("disagreements", "disagree")]
        columns += [(name, LABELS.get(name, name)) for name in self.statistics()]
        self.fill(frame, columns, self.cell)
        overall = report.overall
        alpha = overall.get("krippendorff_alpha")
        summary = Text(f"{' · '.join(report.coders)} · unit: {report.unit} · {len(report.documents)} documents · "
                       f"{overall['disagreements']} disagreements · all codes: ")
        summary.append(f"α {number(alpha)}" if not isinstance(alpha, str) else "α n/a", style=self.alpha_style(alpha))
        summary.append(f", % agree {number(overall.get('percent'))}")
        if report.excluded:
            summary.append(f" · {len(report.excluded)} documents left out (not coded by every coder)", style="yellow")
        self.set_status(summary)
        self.set_title(f"Agreement · {' and '.join(report.coders)}")

    @staticmethod
    def alpha_style(value) -> str:
        if isinstance(value, str) or value is None or pd.isna(value):
            return "dim"
        return "red" if value < 0.667 else ("yellow" if value < 0.8 else "green")

    def cell(self, record: dict, column: str):
        if column == "_order":
            code_id = record["_key"]
            codebook = self.app.codebook
            code = codebook.by_id.get(code_id)
            name, depth = (code.name, codebook.depth(code_id)) if code else (record["code"], 0)
            return code_label(record["code"], self.app.transcript.colour(code_id), depth, name,
                              dim=not record["disagreements"])
        value = record[column]
        shown = number(value)
        text = shown if isinstance(shown, Text) else Text(shown)
        text.justify = "right"
        if column == "krippendorff_alpha":
            text.stylize(self.alpha_style(value))
        elif column == "disagreements" and value:
            text.stylize("bold")
        return text

    def action_cycle_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)] if self.unit in UNITS else UNITS[0]
        self.load()

    def on_data_table_row_selected(self, event) -> None:
        event.stop()
        self.action_disagreements()

    def action_disagreements(self) -> None:
        record = self.highlighted_record()
        if record is None:
            return
        if not record["disagreements"]:
            self.app.notify(f"the coders agree on every unit of {record['code']}", timeout=3)
            return
        self._adjudicate(record["code"])

    def action_adjudicate_all(self) -> None:
        self._adjudicate(None)

    def _adjudicate(self, code: str | None) -> None:
        from .adjudicate import AdjudicateScreen

        if self.report is None:
            return
        self.app.push_screen(AdjudicateScreen(self.coders, self.consensus, unit=self.unit, code=code))
