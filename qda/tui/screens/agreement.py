"""Agreement: the per-code table of two or more coders (``qda.analysis.agreement``, as `qda agree`
prints it), sortable; Enter opens the highlighted code's disagreements for adjudication.  ``b`` shows the
same figures document by document (`qda agree --by-document`: each document's codes, then its pooled
"(all codes)" row), so a team sees which interviews it disagrees on; Enter there adjudicates that
document's disagreements (of the row's code, or of all codes on the pooled row).

The user chooses the coders (``c``) and the unit (``u``); the choice holds for the project until
changed, so a coder who starts coding later does not change the table under the user's feet.

Values of Krippendorff's alpha below 0.667 are red and below 0.8 yellow (Krippendorff's
thresholds for tentative and reliable conclusions); undefined statistics show "n/a" (the
report says why: docs/agreement.md).
"""

from __future__ import annotations

import pandas as pd
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Label

from ...errors import QdaError
from ..counted import counted
from ._analysis import AnalysisScreen, code_label, number, pick_coders

UNITS = ("sentence", "paragraph", "turn", "document", "character")
LABELS = {"percent": "% agree", "cohen_kappa": "Cohen κ", "scott_pi": "Scott π", "fleiss_kappa": "Fleiss κ",
          "conger_kappa": "Conger κ", "brennan_prediger": "B–P κ", "gwet_ac1": "Gwet AC1", "krippendorff_alpha": "Kripp. α"}
SHOWN = tuple(LABELS)  # the columns of the screen; PABAK, the indices and the errors are in `qda agree`'s output
CHOSEN: dict[str, tuple[list[str], str]] = {}  # project path -> (coders, unit) last chosen in this session


def parse_coders(text: str, known: list[str]) -> list[str]:
    """The coders typed (comma- or space-separated), checked against ``known``; a QdaError says what is wrong."""
    names = list(dict.fromkeys(n for n in text.replace(",", " ").split() if n))
    unknown = [n for n in names if n not in known]
    if unknown:
        raise QdaError(f"no coder {unknown[0]!r} in this project (coders: {', '.join(known) or 'none'})")
    if len(names) < 2:
        raise QdaError("agreement compares two or more coders: type at least two names")
    return names


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
        Binding("c", "choose_coders", "Coders", id="agreement.coders", tooltip="Choose the coders to compare"),
        Binding("u", "cycle_unit", "Unit", id="agreement.unit",
                tooltip="Sentence, paragraph, turn, document or character"),
        Binding("s", "sort", "Sort", id="agreement.sort"),
        Binding("S", "reverse", "Reverse", show=False, id="agreement.reverse"),
        Binding("enter,d", "disagreements", "Disagreements", id="agreement.disagreements",
                tooltip="Adjudicate the highlighted code's disagreements"),
        Binding("a", "adjudicate_all", "Adjudicate all", id="agreement.adjudicate_all"),
        Binding("b", "by_document", "By document", id="agreement.by_document",
                tooltip="Each document's figures, per code and pooled; b again: the whole project's by code"),
    ]

    by_code_hint = ("c coders · u unit · b by document · s sort · S reverse · Enter adjudicate the code's disagreements · "
                    "a adjudicate all · Esc close   (α < 0.667 red, < 0.8 yellow)")
    by_document_hint = ("c coders · u unit · b by code · s sort · S reverse · Enter adjudicate the row's disagreements "
                        "in its document · a adjudicate all · Esc close   (α < 0.667 red, < 0.8 yellow)")
    hint_text = by_code_hint

    def __init__(self, coders: list[str] | None = None, unit: str | None = None, consensus: str = "consensus") -> None:
        super().__init__()
        self.coders = list(coders) if coders else []
        self.unit = unit
        self.consensus = consensus
        self.report = None
        self.by_document = False  # the table: the project's codes, or each document's codes and pooled row
        self.sort_column, self.sort_reverse = "_order", False

    def on_mount(self) -> None:
        self.set_title("Agreement")
        self.table.focus()
        chosen_coders, chosen_unit = CHOSEN.get(str(self.app.path), ([], "sentence"))
        self.coders = self.coders or list(chosen_coders)
        self.unit = self.unit or chosen_unit
        self.load()

    def remember(self) -> None:
        CHOSEN[str(self.app.path)] = (list(self.coders), self.unit)

    def load(self) -> None:
        coders, unit, consensus, by_document = self.coders, self.unit, self.consensus, self.by_document

        def job(project):
            from ...analysis.agreement import agreement

            return agreement(project, check_coders(project, coders, consensus), unit=unit, by_document=by_document)

        self.compute(job, self.loaded, f"Comparing codings by {unit}…")

    def loaded(self, report) -> None:
        self.report = report
        self.coders = list(report.coders)
        self.remember()
        self.refill()

    def statistics(self) -> list[str]:
        return [name for name in SHOWN if name in self.report.statistics]

    def refill(self) -> None:
        report = self.report
        if report is None:
            return
        if self.by_document:
            self.refill_by_document()
            return
        codes = report.codes.reset_index(drop=True)
        frame = codes.assign(_key=codes["code_id"], _order=range(len(codes)))
        columns = [("_order", "code"), ("units", "units"), ("disagreements", "disagree")]
        columns += [(name, LABELS.get(name, name)) for name in self.statistics()]
        self.fill(frame, columns, self.cell)
        overall = report.overall
        alpha = overall.get("krippendorff_alpha")
        summary = Text(f"{' · '.join(report.coders)} · unit: {report.unit} · {counted(len(report.documents), 'document')} · "
                       f"{counted(int(overall['disagreements']), 'disagreement')} · all codes: ")
        summary.append(f"α {number(alpha)}" if not isinstance(alpha, str) else "α n/a", style=self.alpha_style(alpha))
        summary.append(f", % agree {number(overall.get('percent'))}")
        if report.excluded:
            summary.append(f" · {counted(len(report.excluded), 'document')} left out (not coded by every coder)", style="yellow")
        self.set_status(summary)
        self.set_title(f"Agreement · {' and '.join(report.coders)}")

    def refill_by_document(self) -> None:
        """The rows of ``report.by_document`` as the library gives them (documents in project order, each
        document's codes then its "(all codes)" row); the status names the documents with disagreements."""
        report = self.report
        rows = report.by_document.reset_index(drop=True)
        if "document" not in rows.columns:  # nothing was counted: no rows, and no columns either
            rows = pd.DataFrame(columns=["document", "code", "code_id", "units", "disagreements", *self.statistics()])
        frame = rows.assign(_key=[f"{document}\x1f{code_id}" for document, code_id in zip(rows["document"], rows["code_id"])],
                            _order=range(len(rows)))
        columns = [("_order", "document"), ("code", "code"), ("units", "units"), ("disagreements", "disagree")]
        columns += [(name, LABELS.get(name, name)) for name in self.statistics()]
        self.fill(frame, columns, self.cell_by_document)
        pooled = rows[rows["code_id"] == ""]
        disputed = pooled[pooled["disagreements"] > 0].sort_values("disagreements", ascending=False, kind="stable")
        summary = Text(f"{' · '.join(report.coders)} · unit: {report.unit} · by document: "
                       f"{len(disputed)} of {counted(len(pooled), 'document')} with disagreements")
        if len(disputed):
            top = disputed.iloc[0]
            summary.append(f" · most: {top['document']} ({counted(int(top['disagreements']), 'disagreement')})")
        if report.excluded:
            summary.append(f" · {counted(len(report.excluded), 'document')} left out (not coded by every coder)", style="yellow")
        self.set_status(summary)
        self.set_title(f"Agreement by document · {' and '.join(report.coders)}")

    def cell_by_document(self, record: dict, column: str):
        if column == "_order":
            return Text(record["document"], style="" if record["code_id"] else "bold")
        if column == "code":
            code_id = record["code_id"]
            if not code_id:
                return Text(record["code"], style="bold")
            code = self.app.codebook.by_id.get(code_id)  # its name, as the by-code table: paths push the figures off
            return code_label(record["code"], self.app.transcript.colour(code_id), 0, code.name if code else None,
                              dim=not record["disagreements"])
        return self.cell(record, column)

    def action_by_document(self) -> None:
        self.by_document = not self.by_document
        self.hint_text = self.by_document_hint if self.by_document else self.by_code_hint
        self.query_one("#analysis-hint", Label).update(self.hint_text)
        self.sort_column, self.sort_reverse = "_order", False
        if self.report is not None and ("document" in self.report.by_document.columns or not self.by_document):
            self.refill()
        else:
            self.load()

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
        self.remember()
        self.load()

    def action_choose_coders(self) -> None:
        from .prompt import Prompt

        known = self.known_coders()

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                self.coders = parse_coders(text, known)
            except QdaError as error:
                self.app.notify(str(error), severity="warning", timeout=5)
                return
            self.remember()
            self.load()

        self.app.push_screen(Prompt("Coders to compare", ", ".join(self.coders), "ana, luis",
                                    hint=f"Coders: {', '.join(known)} · Enter ok · Esc cancel"), chosen)

    def known_coders(self) -> list[str]:
        """The project's coders, in name order (a quick query on the app's own connection)."""
        return [coder.name for coder in self.app.project.coders()]

    def on_data_table_row_selected(self, event) -> None:
        event.stop()
        self.action_disagreements()

    def action_disagreements(self) -> None:
        record = self.highlighted_record()
        if record is None:
            return
        document = record["document"] if self.by_document else None
        code = record["code"] if not self.by_document or record["code_id"] else None  # the pooled row: all codes
        if not record["disagreements"]:
            self.app.notify(f"the coders agree on every unit of {record['code']}"
                            + (f" in {document}" if document else ""), timeout=3)
            return
        self._adjudicate(code, document)

    def action_adjudicate_all(self) -> None:
        self._adjudicate(None)

    def _adjudicate(self, code: str | None, document: str | None = None) -> None:
        from .adjudicate import AdjudicateScreen

        if self.report is None:
            return
        self.app.push_screen(AdjudicateScreen(self.coders, self.consensus, unit=self.unit, code=code, document=document))
