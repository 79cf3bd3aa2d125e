"""The codings in view of the transcript: which rows each coding covers, its lane among the code
bars of the margin, and which rows to redraw when one is added or removed."""

from __future__ import annotations

import heapq
from typing import Iterable

from ...model import Coding


class CodingsInView:
    """Part of ``Transcript``: ``codings`` (id -> Coding), ``row_codings`` (row -> ids), ``lanes`` (id -> lane)."""

    def _index_all(self) -> None:
        self.row_codings = {}
        for coding in sorted(self.codings.values(), key=lambda c: (c.start, -c.end)):
            for row in self.wrap.rows_of(coding.start, coding.end):
                self.row_codings.setdefault(row, []).append(coding.id)

    def _assign_lanes(self) -> None:
        """Lanes for all codings at once: a sweep over their rows, smallest free lane first."""
        spans = sorted((self.wrap.row_of(c.start), self.wrap.row_of(max(c.end - 1, c.start)), c.id)
                       for c in self.codings.values())
        busy: list[tuple[int, int]] = []  # (last row, lane)
        free: list[int] = []
        next_lane = 0
        for first, last, coding_id in spans:
            while busy and busy[0][0] < first:
                heapq.heappush(free, heapq.heappop(busy)[1])
            if free:
                lane = heapq.heappop(free)
            else:
                lane, next_lane = next_lane, next_lane + 1
            self.lanes[coding_id] = lane
            heapq.heappush(busy, (last, lane))

    def _assign_lane(self, coding: Coding) -> None:
        used = {self.lanes.get(i) for row in self.wrap.rows_of(coding.start, coding.end)
                for i in self.row_codings.get(row, ()) if i != coding.id}
        lane = 0
        while lane in used:
            lane += 1
        self.lanes[coding.id] = lane

    def set_codings(self, codings: Iterable[Coding], relayout: bool = False) -> set[str]:
        """Show exactly ``codings``; redraw only rows whose codings changed. Returns changed ids."""
        wanted = {c.id: c for c in codings}
        if relayout:
            self.codings = wanted
            self.lanes = {}
            if self._layout_width:  # else on_resize indexes them once the width is known
                self._index_all()
                self._assign_lanes()
            self._cache.clear()
            self.refresh()
            return set(wanted)
        changed = {i for i in self.codings if i not in wanted or self.codings[i] != wanted[i]}
        changed |= {i for i in wanted if i not in self.codings}
        for coding_id in changed:
            if coding_id in self.codings:
                self.remove_coding(coding_id)
            if coding_id in wanted:
                self.add_coding(wanted[coding_id])
        return changed

    def add_coding(self, coding: Coding) -> None:
        self.codings[coding.id] = coding
        rows = self.wrap.rows_of(coding.start, coding.end)
        for row in rows:
            self.row_codings.setdefault(row, []).append(coding.id)
        self._assign_lane(coding)
        self._invalidate(rows)

    def remove_coding(self, coding_id: str) -> None:
        coding = self.codings.pop(coding_id, None)
        if coding is None:
            return
        rows = self.wrap.rows_of(coding.start, coding.end)
        for row in rows:
            ids = self.row_codings.get(row)
            if ids and coding_id in ids:
                ids.remove(coding_id)
        self.lanes.pop(coding_id, None)
        self._invalidate(rows)

    def set_colours(self, colours: dict[str, str]) -> None:
        if colours != self.colours:
            self.colours = dict(colours)
            self._bg.clear()
            self._cache.clear()
            self.refresh()

    def codings_at(self, start: int, end: int | None = None) -> list[Coding]:
        """Codings in view that cover ``start`` (or overlap ``[start, end)``), innermost first."""
        end = start + 1 if end is None or end <= start else end
        row_ids: set[str] = set()
        for row in self.wrap.rows_of(start, end):
            row_ids.update(self.row_codings.get(row, ()))
        found = [self.codings[i] for i in row_ids if self.codings[i].start < end and self.codings[i].end > start]
        return sorted(found, key=lambda c: (c.end - c.start, c.start, c.created))
