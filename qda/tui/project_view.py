"""What the panes show of the project: the open document with the codings in view, the tree's
counts, the header and the details pane, the coder's place in each document, and what other
connections commit meanwhile."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from typing import Iterator

from ..errors import QdaError
from ..model import Coding
from ..navigation import past_labels, unit_at
from ..store import ui_queries
from .counted import counted
from .guarded import guarded, unreachable
from .keygate import dialog_action
from .screens.documents import DocumentsScreen
from .widgets.details import describe, guidance

QUICK_KEYS = "123456789"


class ProjectView:
    """Part of ``QdaApp``: keeps the panes showing what the project holds (the store is read, never written
    here, but for the coder's own state: where they are, their quick keys, documents marked done)."""

    def colours(self) -> dict[str, str]:
        return {code.id: code.colour for code in self.codebook.codes if code.colour}

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
        turns = [(t.start, t.end, t.speaker) for t in project.turns(document.id)]
        units = self._units(document.id, turns)
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

    def _units(self, document_id: str, turns: list[tuple[int, int, str]]) -> dict[str, list[tuple[int, int]]]:
        """The spans ``s``, paragraph and turn moves go by, paragraphs and turns starting past their labels."""
        units = {kind: [(s.start, s.end) for s in self.project.units(document_id, kind)] for kind in ("sentence", "paragraph", "turn")}
        for kind in ("paragraph", "turn"):
            units[kind] = past_labels(units[kind], [(t[0], t[1]) for t in turns], units["sentence"])
        return units

    def update_header(self) -> None:
        done = self.document_id in self.project.done_documents(self.me)
        view = {"mine": "my codings", "all": "all coders"}.get(self.view, f"{self.coder_names.get(self.view, self.view)}'s codings")
        self.sub_title = f"{self.coder_name} · {self.document_name}{' ✓ done' if done else ''} · {view}"

    def save_position(self) -> None:
        """Where the coder is: ``"1234"`` (the cursor) or ``"1200-1290"`` (a selection)."""
        if self.document_id and self.project is not None:
            with self.reaching_the_server():
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
            self.gone_paths.update((i, path) for i, path in self.codebook.paths.items() if i not in codebook.by_id)
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
        moving the cursor: SQLite's data_version changes only with other connections' commits.
        The team server dropping the session is said, not raised (the app polls this twice a second)."""
        if self.project is None:
            return
        with self.reaching_the_server():  # dropped: asked again next time
            self._notice_other_writers()

    def _notice_other_writers(self) -> None:
        version = ui_queries.data_version(self.project)
        if self.server_lost:
            self.withdraw(self.server_lost)
            self.server_lost = ""
            self.notify("The team server is back: the app shows what it holds now, your colleagues' changes too.",
                        timeout=8)
        if version == self._data_version:
            return
        self.document_order = list(self.project.documents_frame()["id"])
        self.resync()
        self._reload_units()
        self._older_note_gone()
        self._data_version = version  # last: a read the server cut off is made again at the next look
        from .screens._analysis import AnalysisScreen

        for screen in self.screen_stack:  # their figures were of a moment before this change
            if isinstance(screen, AnalysisScreen):
                screen.notice_changes()

    @contextmanager
    def reaching_the_server(self) -> Iterator[None]:
        """Around what the app does unasked (its look for changes, saving the place, the details pane on a
        cursor move): the team server's drop is said (once, until it is back), not raised to end the app."""
        try:
            yield
        except (sqlite3.Error, QdaError) as error:
            if unreachable(error) is None:
                raise
            self._server_unreachable(unreachable(error))

    def _server_unreachable(self, error: Exception) -> None:
        """Say once, and until it is back, that the team server cannot be reached: what the user does
        meanwhile is not saved (each action says so too), and the app keeps trying."""
        if self.server_lost:
            return
        self.server_lost = (f"The team server cannot be reached ({error}). Nothing you code now is saved; qda keeps "
                            "trying and says when it is back.")
        self.notify(self.server_lost, severity="error", timeout=600)

    def withdraw(self, message: str) -> None:
        """Take down the notification showing ``message``, if it still shows (Textual keeps no other handle)."""
        for notification in list(self._notifications):
            if notification.message == message:
                self._unnotify(notification)

    def _reload_units(self) -> None:
        """The open document's sentences as the file now holds them: `qda resegment` in another process (or a
        colleague's, on the team server) splits them again, and ``s`` kept moving by the old ones until the
        app was reopened.  Read again on each change elsewhere (one indexed read of the open document)."""
        transcript = self.transcript
        units = self._units(self.document_id, transcript.turns)
        if units != transcript.units:
            transcript.units = units
            self.notify("This document's sentences were split again elsewhere (qda resegment): s now moves by them.",
                        timeout=6)

    def _older_note_gone(self) -> None:
        """Take down the start's warning that the sentences are older once `qda resegment` elsewhere has
        split them again: it stayed its fifteen seconds, asking for the command just run."""
        if not self.older_note or self.project.older_segmenter() is not None:
            return
        self.withdraw(self.older_note)
        self.older_note = ""
        self.notify("This project's sentences are now split by this qda's rules (qda resegment, run elsewhere).",
                    timeout=6)

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
        with self.reaching_the_server():
            self._update_details()

    def _update_details(self) -> None:
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

    def view_cycle(self) -> list[str]:
        """The views ``v`` steps through: "mine", "all", then each other coder's id."""
        return ["mine", "all", *(c.id for c in self.project.coders() if c.id != self.me.id)]

    @guarded
    def action_cycle_view(self) -> None:
        cycle = self.view_cycle()
        self.view = cycle[(cycle.index(self.view) + 1) % len(cycle)] if self.view in cycle else "mine"
        self.coder_names = {c.id: c.name for c in self.project.coders()}
        self.transcript.set_codings(self._codings())
        self.refresh_counts()
        self.update_header()
        self.update_details()
