"""Coding from the keyboard: apply a code (quick key, picker, tree), remove, recode, memo, quick
keys, undo and redo, auto-coding.  Each writes through the Project first (one committed
transaction) and only then changes the screen, so what the screen shows is on disk."""

from __future__ import annotations

import json
from contextlib import contextmanager

from rich.text import Text
from textual.widgets import Input

from ..errors import ConflictError, NotFoundError, QdaError
from ..model import Coding
from ..store.actions import quoted
from ..navigation import unit_at
from .counted import counted
from .guarded import guarded
from .keygate import dialog_action
from .project_view import QUICK_KEYS
from .screens.code_picker import ChoiceScreen, CodePicker, Picked
from .screens.memo import MemoScreen
from .screens.prompt import KeyPrompt


class CodingActions:
    """Part of ``QdaApp``: the actions that write codings and memos."""

    def target_span(self) -> tuple[int, int] | None:
        """The selection, else the sentence under the cursor."""
        transcript = self.transcript
        if transcript.selection:
            return transcript.selection
        return unit_at(transcript.unit_spans("sentence"), transcript.cursor)

    def _check_can_code(self) -> None:
        if self.view not in ("mine", "all"):
            cycle = self.view_cycle()
            presses = len(cycle) - cycle.index(self.view) if self.view in cycle else 1
            times = {1: "", 2: " twice"}.get(presses, f" {presses} times")
            raise QdaError(f"you are viewing {self.coder_names.get(self.view, self.view)}'s codings; "
                           f"press v{times} to return to yours")
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
        with self.code_kept(code_id):
            coding = self.project.add_coding(self.document_id, code_id, span[0], span[1], self.me)  # committed here
        self.transcript.add_coding(coding)
        if self.transcript.selection is None:
            self.transcript.select(*span)
        self.tree.doc_counts[code_id] = self.tree.doc_counts.get(code_id, 0) + 1
        self.tree.total_counts[code_id] = self.tree.total_counts.get(code_id, 0) + 1
        self.tree.refresh_codes([code_id])
        self.update_details_after_frame()

    @contextmanager
    def code_kept(self, code_id: str):
        """Around a write that codes with ``code_id``: if another terminal deleted or merged the code
        meanwhile (the store refuses, writing nothing), say so in words and show the codebook as it is."""
        try:
            yield
        except NotFoundError:
            self.reload_codebook()  # (the app may have heard of the change already: gone_paths keeps the path)
            if code_id in self.codebook.by_id:
                raise
            path = self.gone_paths.get(code_id, "the code")
            raise QdaError(f"{path} is no longer in the codebook: another coder deleted or merged it meanwhile; "
                           "nothing was coded") from None

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
            gone = self.gone_paths.get(self._saved_quick_keys().get(key, ""))
            self.notify(f"Key {key} was {gone}, which another coder deleted or merged meanwhile: nothing was coded. "
                        "Highlight a code in the tree and press k to put one on it." if gone else
                        f"No code on key {key} yet: highlight a code in the tree and press k.", severity="warning")
            return
        await self.apply_code(code_id)

    def _saved_quick_keys(self) -> dict[str, str]:
        """The coder's quick keys as last saved (key -> code id), with those of codes gone since."""
        try:
            saved = json.loads(self.project.state(self.me, "quick_keys") or "{}")
        except ValueError:
            return {}
        return saved if isinstance(saved, dict) else {}

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
        # Said in words: at 80 columns the details pane is hidden and only a margin bar goes.
        memo = " and its memo" if coding.memo else ""  # a memo goes with its coding, unseen at 80 columns
        self.notify(f"Removed {self.codebook.paths.get(coding.code_id, 'the coding')} from {self.passage(coding.start, coding.end)}"
                    f"{memo} · ctrl+z brings {'them' if memo else 'it'} back", timeout=4)

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
        with self.code_kept(code_id):
            updated = self.project.recode(coding.id, code_id, self.me)
        self.transcript.remove_coding(coding.id)
        self.transcript.add_coding(updated)
        self.refresh_counts(codes={coding.code_id, code_id})
        self.notify(f"Recoded {self.passage(coding.start, coding.end)} as {self.codebook.paths.get(code_id)} "
                    f"(was {self.codebook.paths.get(coding.code_id)}) · ctrl+z undoes", timeout=4)
        self.update_details()

    @dialog_action
    @guarded
    async def action_memo_coding(self) -> None:
        coding = await self.choose_coding("Memo on which coding?")
        if coding is None:
            return
        path = self.codebook.paths.get(coding.code_id)
        text = await self.push_screen_wait(MemoScreen(f"Memo on {path}", coding.memo))
        if text is None:
            return
        try:
            updated = self.project.set_coding_memo(coding.id, text, self.me)
        except NotFoundError:
            self.keep_memo_of_a_lost_coding(coding, path, text)
            return
        self.transcript.set_codings([*(c for c in self.transcript.codings.values() if c.id != coding.id), updated])
        self.update_details()

    def keep_memo_of_a_lost_coding(self, coding: Coding, path: str | None, text: str) -> None:
        """The coding was deleted (its code deleted, or undone) at another terminal while its memo was
        being written: the memo goes to the end of the coder's document memo, naming its passage."""
        self.resync()
        path = path or self.gone_paths.get(coding.code_id)
        if not text:
            raise QdaError("the coding was deleted meanwhile (at another terminal); there is nothing to remove")
        words = " ".join(self.transcript.text[coding.start:coding.end].split())
        words = words if len(words) <= 60 else words[:59].rstrip() + "…"
        kept = f"On “{words}” (characters {coding.start}–{coding.end}), coded {path or 'a code since deleted'}: {text}"
        current = self.project.memo("document", self.document_id, self.me)
        self.project.set_memo("document", self.document_id, f"{current}\n\n{kept}" if current else kept, self.me)
        self.update_details()
        self.notify("The coding was deleted meanwhile (at another terminal): your memo is kept at the end of your "
                    "document memo (M)", severity="warning", timeout=10)

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
        self._after_history(self._replayed(self.project.undo, "undo"), "Undone")

    @guarded
    def action_redo(self) -> None:
        self._after_history(self._replayed(self.project.redo, "redo"), "Redone")

    def _replayed(self, replay, verb: str):
        """``replay`` (the project's undo or redo) for this coder; a refusal because another coder changed
        the same rows since names the keys that change them by hand."""
        try:
            return replay(self.me)
        except NotFoundError:
            raise QdaError(f"nothing to {verb}") from None
        except ConflictError as error:
            self.resync()  # show what the other coder did
            keys = " (x removes it, r recodes it)" if " a coding that " in str(error) else ""
            raise ConflictError(f"{error}{keys}") from None

    def _after_history(self, action, verb: str) -> None:
        self.resync()
        document_ids = {op.get("row", {}).get("document_id") for op in action.ops if op.get("table") == "codings"}
        document_ids.discard(None)
        if document_ids and self.document_id not in document_ids and len(document_ids) == 1:
            self.open_document(document_ids.pop())
        again = " · ctrl+y redoes it" if verb == "Undone" and action.codings_touched > 1 else ""
        self.notify(f"{verb}: {self.project.said(action)} ({action.effect}){again}", timeout=6 if again else 3)

    def passage(self, start: int, end: int) -> str:
        """The words of ``[start, end)`` of the open document as a researcher reads them in a message,
        quoted and cut to about 40 columns (a span's offsets say nothing to a reader)."""
        return quoted(f"[{start}, {end})", self.transcript.text)

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

        with self.code_kept(plan.code_id):
            added = apply_autocode(self.project, plan, self.me)  # one transaction, one undoable action
        self.resync()
        self.notify(f"Coded {counted(len(added), 'passage')} as {self.codebook.paths[plan.code_id]}; ctrl+z undoes them all")
