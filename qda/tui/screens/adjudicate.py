"""The disagreement navigator: each disputed unit's text with each coder's codes side by side,
and one key to decide it, written as codings of the consensus coder.

A decision sets the consensus coder's codes on the unit (``qda.analysis.agreement.resolve``):

* ``1``..``9``: exactly the codes of the first, second... coder;
* ``b``: both (every coder's codes);
* ``0``: neither: only the codes all coders agree on;
* ``r``: recode: a code you pick, plus the codes all coders agree on.

Each decision is committed before it is shown and is undoable (``ctrl+z`` undoes the last
decision of this session, then the consensus coder's earlier actions).  Which units are
decided is kept in the consensus coder's state; a unit counts as resolved while the consensus
codings on it are still the decided ones, so an undo made elsewhere shows here too.
"""

from __future__ import annotations

import json

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ProgressBar, Static

from ...cells import first_cells, last_cells
from ...errors import NotFoundError, QdaError
from ..wrapped import Wrapped
from ._analysis import AnalysisScreen

CONTEXT = 240  # columns of text shown before and after the unit (whole characters: never half an emoji)


def split(paths: str) -> list[str]:
    return [p for p in str(paths or "").split("; ") if p]


class AdjudicateScreen(AnalysisScreen):
    """``AdjudicateScreen(["ana", "luis"], "consensus", unit="sentence", code=None, document=None)``: the
    disagreements on ``code`` (None: every code) in ``document`` (a name; None: every document)."""

    DEFAULT_CSS = """
    AdjudicateScreen #adjudicate-progress { height: 1; width: 100%; }
    AdjudicateScreen #adjudicate-where { height: auto; width: 100%; color: $text-muted; }
    AdjudicateScreen #adjudicate-text { height: auto; max-height: 16; border: round $panel-lighten-2; padding: 0 1; }
    AdjudicateScreen #adjudicate-coders { height: auto; max-height: 14; }
    AdjudicateScreen .adjudicate-coder { width: 1fr; height: auto; border: round $panel-lighten-2; padding: 0 1; }
    AdjudicateScreen .adjudicate-coder.decided { border: round $success; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="adjudicate.close"),
        *[Binding(str(i), f"accept({i - 1})", f"Accept coder {i}", show=i <= 2, id=f"adjudicate.accept{i}")
          for i in range(1, 10)],
        Binding("b", "both", "Both", id="adjudicate.both", tooltip="Every coder's codes"),
        Binding("0", "neither", "Neither", id="adjudicate.neither", tooltip="Only the codes all coders agree on"),
        Binding("r", "recode", "Recode…", id="adjudicate.recode", tooltip="A code you pick (plus the agreed ones)"),
        Binding("j,down,right", "move(1)", "Next", id="adjudicate.next"),
        Binding("k,up,left", "move(-1)", "Previous", show=False, id="adjudicate.previous"),
        Binding("right_square_bracket", "next_open", "Next open", show=False, id="adjudicate.next_open", key_display="]"),
        Binding("ctrl+z", "undo", "Undo", id="adjudicate.undo"),
        Binding("g", "goto", "In transcript", show=False, id="adjudicate.goto"),
    ]

    def __init__(self, coders: list[str], consensus: str = "consensus", unit: str = "sentence", code: str | None = None,
                 document: str | None = None) -> None:
        super().__init__()
        self.coders = list(coders)
        self.consensus = consensus
        self.unit = unit
        self.code = code
        self.document = document
        self.units: list[dict] = []
        self.index = 0
        self.decisions: dict[str, dict] = {}
        self.consensus_codes: dict[str, list[tuple[int, int, str]]] = {}  # document id -> (start, end, code id)
        self.history: list[tuple[str, int, dict | None]] = []  # (unit key, actions written, previous decision)
        self.texts: dict[str, str] = {}
        self.hint_text = (" · ".join(f"{i} accept {name}" for i, name in enumerate(self.coders[:9], 1))
                          + " · b both · 0 neither · r recode · j/k next/previous · ] next open · ctrl+z undo · "
                          "g show in transcript · Esc close")

    def compose_body(self) -> ComposeResult:
        yield ProgressBar(id="adjudicate-progress", show_eta=False, show_percentage=True)
        yield Static("", id="adjudicate-where", markup=False)
        with VerticalScroll(id="adjudicate-text"):
            yield Static("", id="adjudicate-body", markup=False)
        with Horizontal(id="adjudicate-coders"):
            for number_, _ in enumerate([*self.coders, self.consensus]):
                yield Static("", classes="adjudicate-coder", id=f"coder-{number_}", markup=False)

    def query_coders(self):
        try:
            return list(self.query(".adjudicate-coder"))
        except Exception:
            return []

    @property
    def table(self):  # the loading indicator covers the text
        return self.query_one("#adjudicate-text")

    @property
    def state_key(self) -> str:
        return f"adjudication:{','.join(self.coders)}:{self.unit}"

    # -- loading ------------------------------------------------------------------------

    def on_mount(self) -> None:
        project = self.app.project
        self.consensus_id = project.coder(self.consensus).id  # created on first use
        if self.consensus in self.coders:
            self.app.notify(f"the consensus coder should not be one of the coders compared ({self.consensus})",
                            severity="warning")
        self.set_title(Text.assemble("Adjudication · ", (" vs ".join(self.coders), "bold"), " → ", (self.consensus, "bold green"),
                                     f" · {self.unit}" + (f" · {self.code}" if self.code else "")
                                     + (f" · {self.document}" if self.document else "")))
        panes = self.query_coders()
        for pane, name in zip(panes, [*self.coders, self.consensus]):
            pane.border_title = name
        self.load()

    def load(self) -> None:
        coders, unit, code = self.coders, self.unit, self.code

        def job(project):
            from ...analysis.agreement import disagreement_units

            return disagreement_units(project, coders, unit=unit, codes=code)

        self.compute(job, self.loaded, "Finding the units the coders disagree on…")

    def loaded(self, frame) -> None:
        if self.document is not None:
            frame = frame[frame["document"] == self.document]
        self.units = frame.to_dict("records")
        try:
            self.decisions = json.loads(self.app.project.state(self.consensus, self.state_key) or "{}")
        except ValueError:
            self.decisions = {}
        for document_id in {u["document_id"] for u in self.units}:
            self.reload_consensus(document_id)
        self.index = next((i for i, u in enumerate(self.units) if not self.is_resolved(u)), 0)
        self.show()

    def reload_consensus(self, document_id: str) -> None:
        self.consensus_codes[document_id] = [(c.start, c.end, c.code_id)
                                             for c in self.app.project.codings(document=document_id, coder=self.consensus)]

    # -- state -----------------------------------------------------------------------------

    @staticmethod
    def key(unit: dict) -> str:
        return f"{unit['document_id']}:{unit['start']}:{unit['end']}"

    def consensus_here(self, unit: dict) -> set[str]:
        return {code for start, end, code in self.consensus_codes.get(unit["document_id"], [])
                if start >= unit["start"] and end <= unit["end"]}

    def is_resolved(self, unit: dict) -> bool:
        decision = self.decisions.get(self.key(unit))
        return decision is not None and set(decision["codes"]) == self.consensus_here(unit)

    @property
    def resolved(self) -> int:
        return sum(self.is_resolved(u) for u in self.units)

    @property
    def progress_text(self) -> str:
        return f"{self.resolved} of {len(self.units)} resolved"

    def save_decisions(self) -> None:
        self.app.project.set_state(self.consensus, self.state_key, json.dumps(self.decisions))

    # -- showing -----------------------------------------------------------------------------

    def ids(self, paths: list[str]) -> list[str]:
        by_path = {path: code_id for code_id, path in self.app.codebook.paths.items()}
        return [by_path[p] for p in paths if p in by_path]

    def show(self) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=max(len(self.units), 1), progress=self.resolved)
        if not self.units:
            self.set_status(Text("The coders agree on every unit: nothing to adjudicate.", style="green"))
            self.query_one("#adjudicate-body", Static).update("")
            self.query_one("#adjudicate-where", Static).update("")
            return
        self.index = max(0, min(self.index, len(self.units) - 1))
        unit = self.units[self.index]
        resolved = self.is_resolved(unit)
        status = Text(self.progress_text, style="bold")
        status.append(f" · unit {self.index + 1} of {len(self.units)}", style="")
        status.append("  ✓ resolved" if resolved else "  open", style="green" if resolved else "yellow")
        self.set_status(status)
        disputed = split(unit["disputed"])
        where = Text(f"{unit['document']} [{unit['start']}, {unit['end']})  disputed: ")
        where.append("; ".join(p.split(" > ")[-1] for p in disputed), style="bold yellow")
        self.query_one("#adjudicate-where", Static).update(where)
        text = self.document_text(unit["document_id"])
        body = Text()
        before = last_cells(text[max(0, unit["start"] - 2 * CONTEXT):unit["start"]], CONTEXT)
        after = first_cells(text[unit["end"]:unit["end"] + 2 * CONTEXT], CONTEXT)
        body.append(("…" if len(before) < unit["start"] else "") + before, style="dim")
        body.append(text[unit["start"]:unit["end"]] or unit["text"], style="bold reverse")
        body.append(after + ("…" if unit["end"] + len(after) < len(text) else ""), style="dim")
        self.query_one("#adjudicate-body", Static).update(Wrapped(body))
        panes = self.query_coders()
        agreed = self.agreed(unit)
        for number_, (pane, name) in enumerate(zip(panes, self.coders), 1):
            pane.update(self.codes_text(split(unit.get(name, "")), disputed, agreed, f"{number_} accepts"))
            pane.remove_class("decided")
        decision = self.decisions.get(self.key(unit))
        mine = self.consensus_here(unit)
        paths = self.app.codebook.paths
        consensus_pane = panes[len(self.coders)]
        if resolved:
            shown = self.codes_text([paths[c] for c in decision["codes"] if c in paths], disputed, agreed,
                                    f"decided: {decision['choice']}")
            consensus_pane.add_class("decided")
        elif mine:
            shown = self.codes_text([paths[c] for c in mine if c in paths], disputed, agreed, "coded here, undecided")
            consensus_pane.remove_class("decided")
        else:
            shown = Text("not decided yet", style="dim italic")
            consensus_pane.remove_class("decided")
        consensus_pane.update(shown)

    def document_text(self, document_id: str) -> str:
        if document_id not in self.texts:
            self.texts[document_id] = self.app.project.document(document_id).text
        return self.texts[document_id]

    def agreed(self, unit: dict) -> list[str]:
        """The code paths every compared coder applied to the unit."""
        sets = [split(unit.get(name, "")) for name in self.coders]
        return [p for p in sets[0] if all(p in s for s in sets[1:])] if sets else []

    def codes_text(self, paths: list[str], disputed: list[str], agreed: list[str], footer: str) -> Text:
        text = Text()
        if not paths:
            text.append("(no code)\n", style="dim italic")
        for path in paths:
            code_ids = self.ids([path])
            colour = self.app.transcript.colour(code_ids[0]) if code_ids else "grey50"
            text.append("■ ", style=colour)
            style = "bold yellow" if path in disputed and path not in agreed else ("dim" if path in agreed else "")
            text.append(path.split(" > ")[-1] + "\n", style=style)
        text.append(footer, style="dim")
        return text

    # -- deciding ------------------------------------------------------------------------------

    def current(self) -> dict | None:
        if self.computing or not self.units:
            return None
        return self.units[self.index]

    def decide(self, choice: str, paths: list[str]) -> None:
        unit = self.current()
        if unit is None:
            return
        project = self.app.project
        key = self.key(unit)
        code_ids = list(dict.fromkeys(self.ids(paths)))
        before = self._last_seq()
        try:
            from ...analysis.agreement import resolve

            resolve(project, unit["document_id"], unit["start"], unit["end"], code_ids, consensus=self.consensus)
        except QdaError as error:
            self.app.notify(str(error), severity="warning", timeout=6)
            return
        written = self._actions_since(before)
        previous = self.decisions.get(key)
        self.decisions[key] = {"choice": choice, "codes": code_ids}
        self.save_decisions()
        self.history.append((key, written, previous))
        self.reload_consensus(unit["document_id"])
        self.after_change(unit["document_id"])
        self.action_next_open()

    def _last_seq(self) -> int:
        history = self.app.project.history(limit=1)
        return int(history["seq"].iat[0]) if len(history) else 0

    def _actions_since(self, seq: int) -> int:
        history = self.app.project.history(limit=10)
        return int(((history["seq"] > seq) & (history["coder"] == self.consensus)).sum())

    def after_change(self, document_id: str) -> None:
        """Keep the main screen's transcript in step when it shows this document."""
        app = self.app
        if getattr(app, "document_id", None) == document_id and hasattr(app, "resync"):
            try:
                app.resync()
            except Exception as error:  # the main screen redraws when it is shown again
                self.log.error(error)

    def action_accept(self, number_: int) -> None:
        if number_ >= len(self.coders):
            self.app.notify(f"there are {len(self.coders)} coders: keys 1 to {len(self.coders)}", severity="warning", timeout=3)
            return
        unit = self.current()
        if unit is not None:
            name = self.coders[number_]
            self.decide(name, split(unit.get(name, "")))

    def action_both(self) -> None:
        unit = self.current()
        if unit is not None:
            paths = [p for name in self.coders for p in split(unit.get(name, ""))]
            self.decide("both" if len(self.coders) == 2 else "all", list(dict.fromkeys(paths)))

    def action_neither(self) -> None:
        unit = self.current()
        if unit is not None:
            self.decide("neither", self.agreed(unit))

    def action_recode(self) -> None:
        from .code_picker import CodePicker

        unit = self.current()
        if unit is None:
            return

        def picked(result) -> None:
            if result is None or not result.code_id:
                return
            paths = [*self.agreed(unit), self.app.codebook.paths[result.code_id]]
            self.decide("recoded", list(dict.fromkeys(paths)))

        self.app.push_screen(CodePicker(self.app.codebook, "Recode this unit as…", self.app.transcript.colour), picked)

    def action_undo(self) -> None:
        project = self.app.project
        if self.computing:
            return
        try:
            if self.history:
                key, written, previous = self.history.pop()
                for _ in range(written):
                    project.undo(self.consensus)
                if previous is None:
                    self.decisions.pop(key, None)
                else:
                    self.decisions[key] = previous
                self.save_decisions()
                document_id = key.split(":")[0]
                self.index = next((i for i, u in enumerate(self.units) if self.key(u) == key), self.index)
                summary = "your last decision"
            else:  # after a restart: the consensus coder's latest action
                action = project.undo(self.consensus)
                document_id = next((op.get("row", {}).get("document_id") for op in action.ops
                                    if op.get("table") == "codings"), None)
                summary = action.summary
        except NotFoundError:
            self.app.notify("nothing to undo", severity="warning", timeout=3)
            return
        except QdaError as error:
            self.app.notify(str(error), severity="warning", timeout=6)
            return
        if document_id:
            self.reload_consensus(document_id)
            self.after_change(document_id)
        self.app.notify(f"Undone: {summary}", timeout=3)
        self.show()

    # -- moving ---------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.units:
            self.index = max(0, min(len(self.units) - 1, self.index + step))
            self.show()

    def action_next_open(self) -> None:
        if not self.units:
            return
        n = len(self.units)
        for offset in range(1, n + 1):
            i = (self.index + offset) % n
            if not self.is_resolved(self.units[i]):
                self.index = i
                break
        else:
            self.app.notify(f"All {n} units resolved: the consensus coder can now be analysed like any other",
                            timeout=6)
        self.show()

    def action_goto(self) -> None:
        unit = self.current()
        if unit is not None:
            self.jump_to(unit["document_id"], int(unit["start"]), int(unit["end"]))
