"""The coding app: codebook tree, transcript and details, driven from the keyboard.

Every change goes through the Project first (one committed transaction) and
only then reaches the screen, so what the screen shows is on disk.  Errors
become notifications; the app never ends because of one.

``QdaApp`` holds the keys, the start and the end; what it does is in one module per concept:
``panes`` (layout and focus), ``project_view`` (what the panes show of the project),
``coding_actions`` (writing codings and memos, undo), ``finding`` (search, go to),
``codebook_editing`` and ``analysis_actions`` (the analysis screens).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input

from ..errors import NotFoundError, QdaError
from ..model import Codebook
from ..store import Project
from ..store import ui_queries
from ..store.location import location
from .analysis_actions import AnalysisScreens
from .codebook_editing import CodebookEditing
from .coding_actions import CodingActions
from .commands import QdaCommands
from .finding import Finding
from .keygate import KeyGate
from .panes import Panes
from .guarded import unreachable
from .project_view import QUICK_KEYS, ProjectView
from .widgets.codebook_tree import CodebookTree
from .widgets.transcript import Transcript

OTHERS_POLL = 0.5  # seconds between looks for commits by other connections (another coder, a CLI command)


class QdaApp(Panes, ProjectView, CodingActions, Finding, CodebookEditing, AnalysisScreens, KeyGate):
    """``QdaApp(path, coder)``: code the documents of the project at ``path`` as ``coder``."""

    CSS_PATH = str(Path(__file__).with_name("qda.tcss"))
    TITLE = "qda"
    COMMANDS = App.COMMANDS | {QdaCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        # coding
        Binding("c", "pick_code", "Code…", id="code.pick", tooltip="Apply a code found by name (or create one)"),
        # Priority: a quick key acts as it reaches the app, instead of travelling down to the focused
        # pane and back up through Textual's message queues first (check_action says where it may).
        *[Binding(k, f"quick_code('{k}')", f"Quick code {k}", show=False, id=f"code.quick{k}", priority=True)
          for k in QUICK_KEYS],
        Binding("x,delete", "remove_coding", "Remove", id="code.remove", tooltip="Remove your coding under the cursor"),
        Binding("r", "recode", "Recode", id="code.recode", show=False),
        Binding("m", "memo_coding", "Memo", id="code.memo"),
        Binding("M", "memo_document", "Document memo", show=False, id="document.memo"),
        Binding("k", "assign_key", "Assign quick key", show=False, id="code.assign_key"),
        Binding("ctrl+z", "undo", "Undo", id="edit.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="edit.redo"),
        # finding
        Binding("slash", "search", "Search", id="find.search", key_display="/"),
        Binding("n", "next_hit", "Next hit", show=False, id="find.next"),
        Binding("N", "previous_hit", "Previous hit", show=False, id="find.previous"),
        Binding("full_stop", "next_coding", "Next coding of code", show=False, id="find.next_coding", key_display="."),
        Binding("comma", "previous_coding", "Previous coding of code", show=False, id="find.previous_coding", key_display=","),
        Binding("g", "goto", "Go to position", show=False, id="find.goto"),
        Binding("a", "autocode", "Auto-code…", show=False, id="code.autocode"),
        # documents and views
        Binding("d", "documents", "Documents", id="document.list"),
        Binding("D", "toggle_done", "Mark done", show=False, id="document.done"),
        Binding("v", "cycle_view", "View coders", show=False, id="view.coders"),
        Binding("f", "focus_filter", "Find code", show=False, id="view.filter"),
        Binding("i", "toggle_details", "Details", show=False, id="view.details",
                tooltip="Show or hide the details pane; below 110 columns it takes the codebook's place"),
        # analysis and adjudication screens
        Binding("F", "frequencies", "Frequencies", show=False, id="analysis.frequencies"),
        Binding("O", "cooccurrence", "Co-occurrence", show=False, id="analysis.cooccurrence"),
        Binding("H", "heatmap", "Heat map", show=False, id="analysis.heatmap",
                tooltip="Codes by documents (or an attribute) as a coloured grid; Enter: the quotes of a cell"),
        Binding("Q", "quotes", "Quotes of code", show=False, id="analysis.quotes",
                tooltip="The quotes of the highlighted code (or of the code under the cursor)"),
        Binding("A", "agreement", "Agreement", show=False, id="analysis.agreement"),
        Binding("L", "query", "Coding query", show=False, id="analysis.query",
                tooltip="Look up passages by codes: AND, OR, NOT, overlapping, within n sentences, in the same turn…"),
        Binding("K", "concordance", "Keyword in context", show=False, id="analysis.concordance",
                tooltip="Every occurrence of a word with its context; Enter goes to one, a auto-codes them"),
        Binding("W", "memos", "Memos", show=False, id="analysis.memos",
                tooltip="Every memo with what it is on; type to search, Enter goes to it"),
        Binding("escape", "focus_transcript", "Back to text", show=False, id="view.back"),
        Binding("question_mark,f1", "help", "Help", id="app.help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(self, path: str | Path, coder: str, document: str | None = None, view: str = "mine",
                 adjudicate: list[str] | None = None, span: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.adjudicate = list(adjudicate or [])  # coders whose disagreements to open at start, as consensus `coder`
        self.path = location(path)  # a file's Path, or a server's URL
        self.coder_name = coder
        self.start_document = document
        self.start_span = span  # a passage to select in it (from a quote's reference)
        self.project: Project | None = None
        self.document_id = ""
        self.document_name = ""
        self.view = view  # "mine", "all" or a coder's id
        self.quick: dict[str, str] = {}  # key -> code id
        self.hits: list[tuple[int, int]] = []
        self.codebook = Codebook()
        self.gone_paths: dict[str, str] = {}  # code id -> path of codes deleted or merged elsewhere meanwhile
        self.coder_names: dict[str, str] = {}
        self.document_order: list[str] = []
        self._save_timer = None
        self._data_version = 0
        self.server_lost = ""  # the notice that the team server cannot be reached, while it cannot ("" when it can)
        self.older_note = ""  # the warning shown at start that the sentences are older, until they are split again
        self._details_due = False  # an update of the details pane waits for the next frame

    def notify(self, message: str, *, markup: bool = False, **options) -> None:
        """A notification, its text as written: every message here quotes names and texts (a code named
        ``[red]Police``, a memo holding ``[laughs]``), which Textual's markup would restyle, drop, or
        refuse (``[/]``: MarkupError)."""
        super().notify(message, markup=markup, **options)

    def on_mount(self) -> None:
        self.project = Project.open(self.path)
        self.me = self.project.coder(self.coder_name)
        self.title = f"qda · {self.project.name}"
        self.coder_names = {c.id: c.name for c in self.project.coders()}
        self.document_order = list(self.project.documents_frame()["id"])
        self._load_quick_keys()
        self.codebook = self.project.codebook
        self.tree.colour_of = self.transcript.colour
        self.transcript.set_colours(self.colours())
        if not self.document_order:
            self.notify("This project has no documents yet: import some with `qda import`.", severity="warning")
            self.rebuild_tree()
            return
        document = self.start_document or self.project.state(self.me, "document")
        if document not in self.document_order:
            try:
                document = self.project.document_id(document) if document else self.document_order[0]
            except NotFoundError:
                document = self.document_order[0]
        self.on_resize_layout()
        self._data_version = ui_queries.data_version(self.project)
        self.set_interval(OTHERS_POLL, self.notice_other_writers, name="other writers")
        self.open_document(document, cursor=self.start_span[1] if self.start_span else None)
        if self.start_span:
            self.transcript.select(*self.start_span, center=True)
        self.transcript.focus()
        if self.project.older_segmenter() is not None:
            self.older_note = (f"This project's sentences were split by an older qda, so s and counts by sentence "
                               f"differ from a new import: `qda resegment {self.path}` splits them again (codings stay).")
            self.notify(self.older_note, severity="warning", timeout=15)
        if self.adjudicate:
            self.action_adjudicate()

    # -- messages from the panes ------------------------------------------------------------------

    @on(Transcript.CursorMoved)
    def _cursor_moved(self, event: Transcript.CursorMoved) -> None:
        self.update_details()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(1.5, self.save_position)

    @on(CodebookTree.NodeHighlighted)
    def _code_highlighted(self, event) -> None:
        self.update_details()

    @on(CodebookTree.Apply)
    async def _tree_apply(self, event: CodebookTree.Apply) -> None:
        await self.apply_code(event.code_id)
        self.transcript.focus()

    @on(Input.Changed, "#code-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.tree.query = event.value
        self.tree.rebuild(self.codebook)

    @on(Input.Submitted, "#code-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.tree.focus()

    # -- life cycle --------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.save_position()
        self.exit()

    def on_unmount(self) -> None:
        if self.project is not None:
            project, self.project = self.project, None  # timers that fire while closing find no project
            try:
                if self.document_id:
                    project.set_state(self.me, f"position:{self.document_id}", self._position())
            except (sqlite3.Error, QdaError) as error:  # the team server unreachable: only the place to reopen at is lost
                if unreachable(error) is None:
                    raise
            finally:
                project.close()
