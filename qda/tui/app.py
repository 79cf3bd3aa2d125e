"""The coding app: codebook tree, transcript and details, driven from the keyboard.

Every change goes through the Project first (one committed transaction) and
only then reaches the screen, so what the screen shows is on disk.  Errors
become notifications; the app never ends because of one.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input

from ..errors import NotFoundError, QdaError
from ..model import Codebook, Coding
from ..navigation import compile_query, find_hits, next_hit, parse_position, unit_at
from ..store import Project
from ..store import ui_queries
from ..store.location import location
from .commands import QdaCommands
from .counted import counted
from .keygate import KeyGate, dialog_action
from .screens.code_picker import ChoiceScreen, CodePicker, Picked
from .screens.documents import DocumentsScreen
from .screens.help import HelpScreen
from .screens.memo import MemoScreen
from .screens.prompt import KeyPrompt, Prompt
from .widgets.codebook_tree import CodebookTree
from .widgets.details import Details, describe, guidance
from .widgets.transcript import Transcript

QUICK_KEYS = "123456789"
OTHERS_POLL = 0.5  # seconds between looks for commits by other connections (another coder, a CLI command)
NARROW_BELOW = 110  # columns: below this the details pane takes the codebook's place (i)


def guarded(method):
    """Run an action; a QdaError (or a bug) becomes a notification instead of ending the app."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            if hasattr(result, "__await__"):
                result = await result
            return result
        except QdaError as error:
            self.notify(str(error), severity="warning", timeout=6)
        except Exception as error:  # a bug: report it, keep the app (and the user's work) alive
            self.log.error(error)
            self.notify(f"Something went wrong: {error!r}. Your earlier work is saved.", severity="error", timeout=10)

    return wrapper


class QdaApp(KeyGate):
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
        self.coder_names: dict[str, str] = {}
        self.document_order: list[str] = []
        self._save_timer = None
        self._data_version = 0
        self._details_due = False  # an update of the details pane waits for the next frame

    # -- layout ---------------------------------------------------------------------------

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
        if self.adjudicate:
            self.action_adjudicate()

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

    def colours(self) -> dict[str, str]:
        return {code.id: code.colour for code in self.codebook.codes if code.colour}

    # -- documents ------------------------------------------------------------------------

    def _view_coder(self) -> str | None:
        return None if self.view == "all" else (self.me.id if self.view == "mine" else self.view)

    def _codings(self) -> list[Coding]:
        return self.project.codings(document=self.document_id, coder=self._view_coder())

    def open_document(self, document_id: str, cursor: int | None = None) -> None:
        """Show a document (saving where the coder was in the previous one)."""
        project = self.project
        if self.document_id:
            self.save_position()
        document = project.document(document_id)
        self.document_id, self.document_name = document.id, document.name
        units = {kind: [(s.start, s.end) for s in project.units(document.id, kind)] for kind in ("sentence", "paragraph", "turn")}
        turns = [(t.start, t.end, t.speaker) for t in project.turns(document.id)]
        selection = None
        if cursor is None:
            cursor, selection = self._saved_position(document.id, len(document.text))
            cursor = cursor if cursor is not None else (turns[0][0] if turns else 0)
        self.hits = []
        self.transcript.load(document.id, document.text, turns, units, self._codings(), self.colours(), cursor)
        if selection:
            self.transcript.select(*selection, center=True)
        project.set_state(self.me, "document", document.id)
        self.refresh_counts(rebuild=True)
        self.update_header()
        self.update_details()

    def update_header(self) -> None:
        done = self.document_id in self.project.done_documents(self.me)
        view = {"mine": "my codings", "all": "all coders"}.get(self.view, f"{self.coder_names.get(self.view, self.view)}'s codings")
        self.sub_title = f"{self.coder_name} · {self.document_name}{' ✓ done' if done else ''} · {view}"

    def save_position(self) -> None:
        """Where the coder is: ``"1234"`` (the cursor) or ``"1200-1290"`` (a selection)."""
        if self.document_id and self.project is not None:
            self.project.set_state(self.me, f"position:{self.document_id}", self._position())

    def _position(self) -> str:
        selection = self.transcript.selection
        return f"{selection[0]}-{selection[1]}" if selection else str(self.transcript.cursor)

    def _saved_position(self, document_id: str, length: int) -> tuple[int | None, tuple[int, int] | None]:
        """(cursor, selection) saved for a document; (None, None) when nothing usable was saved."""
        saved = self.project.state(self.me, f"position:{document_id}")
        start, _, end = saved.partition("-")
        if not start.isdigit() or (end and not end.isdigit()):
            return None, None
        if end and int(start) < int(end) <= length:
            return int(end), (int(start), int(end))
        return min(int(start), length), None

    # -- codebook and counts ----------------------------------------------------------------------

    def _load_quick_keys(self) -> None:
        saved = self.project.state(self.me, "quick_keys")
        codebook = self.project.codebook
        quick = {}
        if saved:
            try:
                quick = {k: v for k, v in json.loads(saved).items() if v in codebook.by_id and k in QUICK_KEYS}
            except ValueError:
                quick = {}
        else:  # first run: the first nine codes without children, shown in the tree
            leaves = [code.id for code, _ in codebook.walk() if not codebook.children(code.id)]
            quick = dict(zip(QUICK_KEYS, leaves))
            self.project.set_state(self.me, "quick_keys", json.dumps(quick))
        self.quick = quick

    def rebuild_tree(self, keep: str | None = None) -> None:
        tree = self.tree
        tree.quick_keys = {v: k for k, v in self.quick.items()}
        tree.rebuild(self.codebook, keep=keep)

    def refresh_counts(self, rebuild: bool = False, codes: set[str] | None = None) -> None:
        tree = self.tree
        doc_counts: dict[str, int] = {}
        for coding in self.transcript.codings.values():
            doc_counts[coding.code_id] = doc_counts.get(coding.code_id, 0) + 1
        tree.doc_counts = doc_counts
        tree.total_counts = ui_queries.code_totals(self.project, self._view_coder())
        tree.quick_keys = {v: k for k, v in self.quick.items()}
        if rebuild:
            tree.rebuild(self.codebook)
        else:
            tree.refresh_codes(codes if codes is not None else list(tree.nodes_by_code))

    def reload_codebook(self) -> None:
        codebook = self.project.codebook
        if codebook != self.codebook:
            self.codebook = codebook
            self.quick = {k: v for k, v in self.quick.items() if v in codebook.by_id}
            self.transcript.set_colours(self.colours())
            self.refresh_counts(rebuild=True)

    def resync(self) -> None:
        """After undo/redo or a change elsewhere: show what the file holds, redrawing only what changed."""
        self.reload_codebook()
        self.coder_names = {c.id: c.name for c in self.project.coders()}
        changed = self.transcript.set_codings(self._codings())
        self.refresh_counts()
        self.update_header()
        self.update_details()
        return changed

    def notice_other_writers(self) -> None:
        """Show what other processes committed (codings added or removed, codes, coders) without
        moving the cursor: SQLite's data_version changes only with other connections' commits."""
        if self.project is None:
            return
        version = ui_queries.data_version(self.project)
        if version == self._data_version:
            return
        self._data_version = version
        self.document_order = list(self.project.documents_frame()["id"])
        self.resync()

    # -- details --------------------------------------------------------------------------

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

    def update_details_after_frame(self) -> None:
        """Update the details pane once the next frame is out.  A coding added there moves the lines
        below it, and every screen row the pane repaints is cut again across all the panes, so drawn
        with the coded text the pane costs as much as the rest of the frame; the next frame shows it
        (``benchmarks/tui_latency.py`` reports both).  Several calls before that frame update once."""
        if not self._details_due:
            self._details_due = True
            self.call_after_refresh(self._update_details_due)

    def _update_details_due(self) -> None:
        self._details_due = False
        if self.project is not None:  # not when the app has closed meanwhile
            self.update_details()

    def update_details(self) -> None:
        transcript = self.transcript
        selection = transcript.selection
        if selection:
            codings = transcript.codings_at(*selection)
            words = len(transcript.text[selection[0]:selection[1]].split())
            where = f"Selected [{selection[0]}, {selection[1]}) · {counted(words, 'word')}"
        else:
            codings = transcript.codings_at(transcript.cursor)
            turn = unit_at(transcript.turns, transcript.cursor)  # (start, end, speaker)
            speaker = turn[2] if turn else ""
            where = f"Offset {transcript.cursor}" + (f" · {speaker}" if speaker else "")
        memo = self.project.memo("document", self.document_id, self.me) if self.document_id else ""
        here = describe(codings, self.codebook, self.coder_names, transcript.colour, transcript.text, where, memo)
        code_id = self.tree.highlighted_code
        code = self.codebook.by_id.get(code_id) if code_id else None
        keys = {v: k for k, v in self.quick.items()}
        self._details.show(here, guidance(code, self.codebook, keys.get(code_id) if code_id else None))

    # -- coding -----------------------------------------------------------------------------

    def target_span(self) -> tuple[int, int] | None:
        """The selection, else the sentence under the cursor."""
        transcript = self.transcript
        if transcript.selection:
            return transcript.selection
        return unit_at(transcript.unit_spans("sentence"), transcript.cursor)

    def _check_can_code(self) -> None:
        if self.view not in ("mine", "all"):
            raise QdaError(f"you are viewing {self.coder_names.get(self.view, self.view)}'s codings; press v to return to yours")
        if not self.document_id:
            raise QdaError("no document is open")

    @guarded
    def apply_code(self, code_id: str) -> None:
        self._check_can_code()
        span = self.target_span()
        if span is None:
            raise QdaError("select some text first (s selects a sentence)")
        for coding in self.transcript.codings_at(*span):
            if (coding.start, coding.end, coding.code_id, coding.coder_id) == (*span, code_id, self.me.id):
                raise QdaError(f"this span already has {self.codebook.paths[code_id]}")
        coding = self.project.add_coding(self.document_id, code_id, span[0], span[1], self.me)  # committed here
        self.transcript.add_coding(coding)
        if self.transcript.selection is None:
            self.transcript.select(*span)
        self.tree.doc_counts[code_id] = self.tree.doc_counts.get(code_id, 0) + 1
        self.tree.total_counts[code_id] = self.tree.total_counts.get(code_id, 0) + 1
        self.tree.refresh_codes([code_id])
        self.update_details_after_frame()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A typed quick key codes only on the coding screen, and not while a text box (the code
        filter) has the keys: there it is a digit, and in a dialog it belongs to the dialog.  Run
        from the command palette, a quick code always applies."""
        if action == "quick_code" and self.key_offered is not None:
            return self.screen is self.screen_stack[0] and not isinstance(self.focused, Input)
        return True

    async def action_quick_code(self, key: str) -> None:
        code_id = self.quick.get(key)
        if code_id is None:
            self.notify(f"No code on key {key} yet: highlight a code in the tree and press k.", severity="warning")
            return
        await self.apply_code(code_id)

    def _keys_by_code(self) -> dict[str, str]:
        return {v: k for k, v in self.quick.items()}

    @dialog_action
    @guarded
    async def action_pick_code(self) -> None:
        self._check_can_code()
        if self.target_span() is None:
            raise QdaError("select some text first (s selects a sentence)")
        code_id = await self.choose_code("Apply code", allow_new=True)
        if code_id:
            await self.apply_code(code_id)

    async def choose_code(self, title: str, allow_new: bool = False, exclude: set[str] | None = None) -> str | None:
        """Ask for a code; may create one (asking for its parent).  Returns its id or None."""
        picked: Picked | None = await self.push_screen_wait(
            CodePicker(self.codebook, title, self.transcript.colour, allow_new=allow_new, exclude=exclude,
                       keys=self._keys_by_code()))
        if picked is None:
            return None
        if picked.code_id:
            return picked.code_id
        parent = await self.push_screen_wait(
            CodePicker(self.codebook, f"Where does “{picked.new_name}” go? Choose its parent", self.transcript.colour,
                       top="(top level)"))
        if parent is None:
            return None
        code = self.project.add_code(picked.new_name, parent=parent.code_id, coder=self.me)
        self.reload_codebook()
        self.notify(f"New code {self.codebook.paths[code.id]}")
        return code.id

    async def choose_coding(self, title: str, mine_only: bool = True) -> Coding | None:
        transcript = self.transcript
        span = transcript.selection or (transcript.cursor, transcript.cursor + 1)
        candidates = transcript.codings_at(*span)
        if mine_only:
            others = [c for c in candidates if c.coder_id != self.me.id]
            candidates = [c for c in candidates if c.coder_id == self.me.id]
            if not candidates and others:
                raise QdaError(f"the coding here is {self.coder_names.get(others[0].coder_id, 'another coder')}'s; "
                               "you can change only your own")
        if not candidates:
            raise QdaError("no coding under the cursor")
        if len(candidates) == 1:
            return candidates[0]
        items = []
        for coding in candidates:
            label = Text()
            label.append("■ ", style=transcript.colour(coding.code_id))
            label.append(f"{self.codebook.paths.get(coding.code_id, '?')}  [{coding.start}, {coding.end})")
            items.append((coding.id, label))
        chosen = await self.push_screen_wait(ChoiceScreen(title, items))
        return transcript.codings.get(chosen) if chosen else None

    @dialog_action
    @guarded
    async def action_remove_coding(self) -> None:
        coding = await self.choose_coding("Remove which coding?")
        if coding is None:
            return
        self.project.remove_coding(coding.id, self.me)  # committed here
        self.transcript.remove_coding(coding.id)
        self.refresh_counts(codes={coding.code_id})
        self.update_details()

    @dialog_action
    @guarded
    async def action_recode(self) -> None:
        coding = await self.choose_coding("Recode which coding?")
        if coding is None:
            return
        code_id = await self.choose_code(f"Recode {self.codebook.paths.get(coding.code_id)} as…", allow_new=True,
                                         exclude={coding.code_id})
        if code_id is None:
            return
        updated = self.project.recode(coding.id, code_id, self.me)
        self.transcript.remove_coding(coding.id)
        self.transcript.add_coding(updated)
        self.refresh_counts(codes={coding.code_id, code_id})
        self.update_details()

    @dialog_action
    @guarded
    async def action_memo_coding(self) -> None:
        coding = await self.choose_coding("Memo on which coding?")
        if coding is None:
            return
        text = await self.push_screen_wait(MemoScreen(f"Memo on {self.codebook.paths.get(coding.code_id)}", coding.memo))
        if text is None:
            return
        updated = self.project.set_coding_memo(coding.id, text, self.me)
        self.transcript.set_codings([*(c for c in self.transcript.codings.values() if c.id != coding.id), updated])
        self.update_details()

    @dialog_action
    @guarded
    async def action_memo_document(self) -> None:
        current = self.project.memo("document", self.document_id, self.me)
        text = await self.push_screen_wait(MemoScreen(f"Memo on {self.document_name}", current))
        if text is None:
            return
        self.project.set_memo("document", self.document_id, text, self.me)
        self.update_details()

    @dialog_action
    @guarded
    async def action_assign_key(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        key = await self.push_screen_wait(KeyPrompt(f"Quick key for {self.codebook.paths[code_id]}", QUICK_KEYS + "0"))
        if key is None:
            return
        self.quick = {k: v for k, v in self.quick.items() if v != code_id}
        if key != "0":
            self.quick[key] = code_id
        self.project.set_state(self.me, "quick_keys", json.dumps(self.quick))
        self.refresh_counts()
        self.update_details()
        self.notify(f"Key {key} now codes {self.codebook.paths[code_id]}" if key != "0" else "Quick key cleared")

    @guarded
    def action_undo(self) -> None:
        try:
            action = self.project.undo(self.me)
        except NotFoundError:
            raise QdaError("nothing to undo") from None
        self._after_history(action, "Undone")

    @guarded
    def action_redo(self) -> None:
        try:
            action = self.project.redo(self.me)
        except NotFoundError:
            raise QdaError("nothing to redo") from None
        self._after_history(action, "Redone")

    def _after_history(self, action, verb: str) -> None:
        self.resync()
        document_ids = {op.get("row", {}).get("document_id") for op in action.ops if op.get("table") == "codings"}
        document_ids.discard(None)
        if document_ids and self.document_id not in document_ids and len(document_ids) == 1:
            self.open_document(document_ids.pop())
        again = " · ctrl+y redoes it" if verb == "Undone" and action.codings_touched > 1 else ""
        self.notify(f"{verb}: {action.summary} ({action.effect}){again}", timeout=6 if again else 3)

    # -- finding ------------------------------------------------------------------------------

    @dialog_action
    @guarded
    async def action_search(self) -> None:
        query = await self.push_screen_wait(Prompt("Search this document", placeholder="a word, a phrase, or re:regex"))
        if not query:
            return
        regex = query.startswith("re:")
        pattern = compile_query(query[3:] if regex else query, regex=regex)
        self.hits = find_hits(self.transcript.text, pattern)
        self.transcript.set_hits(self.hits)
        if not self.hits:
            raise QdaError(f"no match for {query!r} in {self.document_name}")
        self.notify(f"{counted(len(self.hits), 'hit')} · n next · N previous · Esc clears", timeout=3)
        self._go_hit(backwards=False, from_offset=self.transcript.cursor - 1)

    def _go_hit(self, backwards: bool, from_offset: int | None = None) -> None:
        if not self.hits:
            raise QdaError("no search yet: press / to search")
        transcript = self.transcript
        offset = from_offset if from_offset is not None else (transcript.selection[0] if transcript.selection else transcript.cursor)
        hit = next_hit(self.hits, offset, backwards=backwards)
        if hit:
            transcript.select(*hit, center=True)

    @guarded
    def action_next_hit(self) -> None:
        self._go_hit(False)

    @guarded
    def action_previous_hit(self) -> None:
        self._go_hit(True)

    def action_clear(self) -> None:
        if self.hits:
            self.hits = []
            self.transcript.set_hits([])
        self.transcript.clear_selection()

    @guarded
    def _go_coding(self, backwards: bool) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        spans = ui_queries.code_spans(self.project, code_id, self._view_coder())
        if not spans:
            raise QdaError(f"no codings of {self.codebook.paths[code_id]} yet")
        order = {d: i for i, d in enumerate(self.document_order)}
        here = (order.get(self.document_id, 0), self.transcript.selection[0] if self.transcript.selection else self.transcript.cursor)
        keyed = [((order.get(d, 0), s), (d, s, e)) for d, s, e in spans]
        if backwards:
            before = [item for key, item in keyed if key < here]
            target = before[-1] if before else keyed[-1][1]
        else:
            after = [item for key, item in keyed if key > here]
            target = after[0] if after else keyed[0][1]
        document_id, start, end = target
        if document_id != self.document_id:
            self.open_document(document_id, cursor=start)
        self.transcript.select(start, end, center=True)

    async def action_next_coding(self) -> None:
        await self._go_coding(False)

    async def action_previous_coding(self) -> None:
        await self._go_coding(True)

    @dialog_action
    @guarded
    async def action_goto(self) -> None:
        answer = await self.push_screen_wait(Prompt("Go to", placeholder="an offset (1234), a percentage (40%) or a turn (t12)"))
        if not answer:
            return
        transcript = self.transcript
        offset = parse_position(answer, len(transcript.text), [(t[0], t[1]) for t in transcript.turns])
        transcript.move_to(offset, center=True)

    # -- documents, progress, views ------------------------------------------------------------

    @dialog_action
    @guarded
    async def action_documents(self) -> None:
        frame = self.project.documents_frame()
        mine = ui_queries.document_totals(self.project, self.me.id)
        chosen = await self.push_screen_wait(DocumentsScreen(frame, mine, self.project.done_documents(self.me),
                                                             self.document_id, self.coder_name))
        self.update_header()
        if chosen and chosen != self.document_id:
            self.open_document(chosen)

    def set_done(self, document_id: str, done: bool) -> None:
        self.project.set_done(document_id, self.me, done)
        self.update_header()

    @guarded
    def action_toggle_done(self) -> None:
        done = self.document_id not in self.project.done_documents(self.me)
        self.set_done(self.document_id, done)
        self.notify(f"{self.document_name} marked {'done' if done else 'not done'}", timeout=3)

    @guarded
    def action_cycle_view(self) -> None:
        others = [c.id for c in self.project.coders() if c.id != self.me.id]
        cycle = ["mine", "all", *others]
        self.view = cycle[(cycle.index(self.view) + 1) % len(cycle)] if self.view in cycle else "mine"
        self.coder_names = {c.id: c.name for c in self.project.coders()}
        self.transcript.set_codings(self._codings())
        self.refresh_counts()
        self.update_header()
        self.update_details()

    def action_focus_filter(self) -> None:
        self.query_one("#code-filter", Input).focus()

    def action_focus_transcript(self) -> None:
        """Esc from the code filter, the tree or the details pane: back to the text (a filter is cleared)."""
        code_filter = self.query_one("#code-filter", Input)
        if self.focused is code_filter and code_filter.value:
            code_filter.value = ""
        self.transcript.focus()

    @on(Input.Changed, "#code-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.tree.query = event.value
        self.tree.rebuild(self.codebook)

    @on(Input.Submitted, "#code-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.tree.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen([
            ("Moving and selecting (in the text)", Transcript.BINDINGS),
            ("Coding, finding, documents (anywhere)", self.BINDINGS),
            ("In the codebook tree", CodebookTree.BINDINGS),
            ("In the details pane (Tab to it)", Details.BINDINGS),
        ]))

    # -- codebook editing ----------------------------------------------------------------------

    @dialog_action
    @guarded
    async def action_rename_code(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        name = await self.push_screen_wait(Prompt(f"Rename {self.codebook.paths[code_id]}", self.codebook.by_id[code_id].name))
        if name and name.strip() != self.codebook.by_id[code_id].name:
            self.project.rename_code(code_id, name.strip(), self.me)
            self.reload_codebook()
            self.tree.highlight(code_id)

    @dialog_action
    @guarded
    async def action_move_code(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        parent = await self.push_screen_wait(CodePicker(
            self.codebook, f"Move {self.codebook.paths[code_id]} under…", self.transcript.colour, top="(top level)",
            exclude=set(self.codebook.subtree_ids(code_id))))
        if parent is not None:
            self.project.move_code(code_id, parent.code_id, self.me)
            self.reload_codebook()
            self.tree.highlight(code_id)

    @dialog_action
    @guarded
    async def action_merge_code(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        source = self.codebook.paths[code_id]
        target = await self.push_screen_wait(CodePicker(
            self.codebook, f"Merge {source} into…", self.transcript.colour, exclude=set(self.codebook.subtree_ids(code_id))))
        if target is not None and target.code_id:
            moved = self.project.merge_codes(code_id, target.code_id, self.me)
            self.resync()
            self.tree.highlight(target.code_id)
            self.notify(f"Merged {source} into {self.codebook.paths[target.code_id]} ({counted(moved, 'coding')} moved); ctrl+z undoes")

    @dialog_action
    @guarded
    async def action_new_code(self) -> None:
        parent = self.tree.highlighted_code
        where = self.codebook.paths[parent] if parent else "the top level"
        name = await self.push_screen_wait(Prompt(f"New code under {where}", placeholder="its name"))
        if name and name.strip():
            code = self.project.add_code(name.strip(), parent=parent, coder=self.me)
            self.reload_codebook()
            self.tree.highlight(code.id)

    # -- auto-coding ------------------------------------------------------------------------------

    @dialog_action
    @guarded
    async def action_autocode(self) -> None:
        from .screens.autocode import AutocodeScreen

        self._check_can_code()
        plan = await self.push_screen_wait(AutocodeScreen(self.path, self.document_id, self.codebook,
                                                          self.tree.highlighted_code, self.transcript.colour, self.me.id))
        if not plan:
            return
        from ..autocode import apply_autocode

        added = apply_autocode(self.project, plan, self.me)  # one transaction, one undoable action
        self.resync()
        self.notify(f"Coded {counted(len(added), 'passage')} as {self.codebook.paths[plan.code_id]}; ctrl+z undoes them all")

    # -- analysis and adjudication (qda/tui/screens: frequencies, cooccurrence, quotes, agreement, adjudicate) --

    def action_frequencies(self) -> None:
        from .screens.frequencies import FrequenciesScreen

        self.push_screen(FrequenciesScreen())

    def action_cooccurrence(self) -> None:
        from .screens.cooccurrence import CooccurrenceScreen

        self.push_screen(CooccurrenceScreen())

    def action_heatmap(self) -> None:
        from .screens.heatmap import HeatmapScreen

        self.push_screen(HeatmapScreen())

    def _code_here(self) -> str:
        code_id = self.tree.highlighted_code
        if code_id is None and self.document_id:
            codings = self.transcript.codings_at(self.transcript.cursor)
            code_id = codings[0].code_id if codings else None
        if code_id is None:
            raise QdaError("highlight a code in the tree (or put the cursor on a coding) first")
        return code_id

    @guarded
    def action_quotes(self) -> None:
        from .screens.quotes import QuotesScreen

        self.push_screen(QuotesScreen(self._code_here()))

    def action_query(self) -> None:
        from .screens.query import QueryScreen

        self.push_screen(QueryScreen())

    @guarded
    def action_neighbours(self) -> None:
        from .screens.cooccurrence import CooccurrenceScreen

        self.push_screen(CooccurrenceScreen(self._code_here()))

    def action_concordance(self) -> None:
        from .screens.concordance import ConcordanceScreen

        self.push_screen(ConcordanceScreen())

    def action_memos(self) -> None:
        from .screens.memos import MemosScreen

        self.push_screen(MemosScreen())

    def action_agreement(self) -> None:
        from .screens.agreement import AgreementScreen

        self.push_screen(AgreementScreen(self.adjudicate or None, consensus=self.coder_name if self.adjudicate else "consensus"))

    def action_adjudicate(self) -> None:
        from .screens.adjudicate import AdjudicateScreen

        if len(self.adjudicate) < 2:
            self.action_agreement()
            return
        self.push_screen(AdjudicateScreen(self.adjudicate, self.coder_name))

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
            finally:
                project.close()
