"""Finding in the transcript: search hits, the next coding of a code, going to a position."""

from __future__ import annotations

import asyncio

from ..errors import QdaError
from ..navigation import compile_query, find_hits, next_hit, parse_position
from ..store import ui_queries
from ..user_patterns import SECONDS
from .counted import counted
from .guarded import guarded
from .keygate import dialog_action
from .screens.prompt import Prompt


class Finding:
    """Part of ``QdaApp``: moving to what the coder looks for."""

    @dialog_action
    @guarded
    async def action_search(self) -> None:
        query = await self.push_screen_wait(Prompt("Search this document", placeholder="a word, a phrase, or re:regex"))
        if not query:
            return
        regex = query.startswith("re:")
        pattern = compile_query(query[3:] if regex else query, regex=regex)
        # in a thread: a regular expression may run up to its bound (qda.user_patterns), and ``regex``
        # lets the app draw meanwhile; a search still running after a moment says so
        search = asyncio.ensure_future(asyncio.to_thread(find_hits, self.transcript.text, pattern,
                                                         where=self.document_name))
        if not (await asyncio.wait({search}, timeout=0.25))[0]:
            self.notify(f"searching {self.document_name} for {query!r}… ({SECONDS:.0f} s at most)", timeout=SECONDS)
        self.hits = await search
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
