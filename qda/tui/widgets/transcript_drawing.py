"""Drawing the transcript's rows: a margin of code bars (one lane per coding, in the code's colour),
a gutter with the speaker of a turn, then the text with coded spans tinted in their code's colour
(underlined where codings overlap).  A row is cut into segments only between clusters (a wide
character, an emoji family, a letter and its marks: ``Layout.cuts``), so that Textual, which
measures each segment apart, gives the row the width the layout gave it.  Each drawn row is a ``Strip`` kept until something on that row
changes; ``_invalidate`` forgets the rows that did."""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip

from ...cells import pad_left, shorten, snap

LANES = 4  # code bars drawn beside a row; more codings show a "+"
MARGIN = LANES + 1
PALETTE = ["#E07A5F", "#3D85C6", "#81B29A", "#F2CC8F", "#B084CC", "#5FB3B3", "#D4A373", "#E5989B", "#9C89B8"]


class RowDrawing:
    """Part of ``Transcript``: ``render_line`` and the cache of drawn rows (``_cache``: row -> Strip)."""

    def _invalidate(self, rows: Iterable[int]) -> None:
        """Forget the rows' strips and repaint those on screen, in one refresh (each call of
        Textual's ``refresh`` costs as much as drawing a row)."""
        top = round(self.scroll_offset.y)
        width, height = self.size
        shown = []
        for row in rows:
            self._cache.pop(row, None)
            if top <= row < top + height:
                shown.append(Region(0, row - top, width, 1))
        if shown:
            self.refresh(*shown)

    def _style(self, key: tuple) -> Style:
        style = self._styles.get(key)
        if style is None:
            kind, code_id, overlap, hit, selected, cursor = key
            bgcolor = None
            if code_id:
                bgcolor = self._tint(code_id).hex
            if hit:
                bgcolor = "#7A6300"
            style = Style(
                bgcolor=bgcolor,
                dim=kind == "meta",
                italic=kind == "meta",
                underline=overlap,
                bold=hit,
                reverse=selected or cursor,
            )
            self._styles[key] = style
        return style

    def colour(self, code_id: str) -> str:
        colour = self.colours.get(code_id) or ""
        if not colour:
            colour = PALETTE[sum(map(ord, code_id)) % len(PALETTE)]
        return colour

    def _tint(self, code_id: str) -> Color:
        tint = self._bg.get(code_id)
        if tint is None:
            base = self.background_colors[1] if self.is_attached else Color.parse("#1E1E1E")
            tint = base.blend(Color.parse(self.colour(code_id)), 0.42)
            self._bg[code_id] = tint
            self._styles.clear()
        return tint

    def render_line(self, y: int) -> Strip:
        row_index = round(self.scroll_offset.y) + y
        width = self.size.width
        if row_index >= len(self.wrap) or not self.text:
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(row_index)
        if strip is None or strip.cell_length != width:
            strip = self._render_row(row_index, width)
            self._cache[row_index] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None

    def _render_row(self, index: int, width: int) -> Strip:
        self.renders += 1
        row = self.wrap.rows[index]
        # Textual computes ``rich_style`` from the ancestors again after every refresh: once per
        # style change is enough (focus changes the rows through the cursor, not the style).
        base = self._base = self._base or self.rich_style
        segments: list[Segment] = []
        ids = self.row_codings.get(index, ())
        row_codings = [self.codings[i] for i in ids]
        # margin: one bar per lane
        lanes = [" "] * LANES
        lane_styles: list[Style | None] = [None] * LANES
        for coding in row_codings:
            lane = self.lanes.get(coding.id, 0)
            if lane >= LANES:
                lanes[-1], lane_styles[-1] = "+", Style(bold=True)
                continue
            first = self.wrap.row_of(coding.start) == index
            last = self.wrap.row_of(max(coding.end - 1, coding.start)) == index
            lanes[lane] = "┃" if not (first or last) else ("▐" if first and last else ("╻" if first else "╹"))
            lane_styles[lane] = Style(color=self.colour(coding.code_id), bold=True)
        for glyph, style in zip(lanes, lane_styles):
            segments.append(Segment(glyph, style))
        segments.append(Segment(" "))
        # gutter
        gutter = self.label_gutter
        if gutter:
            label = shorten(row.label, gutter - 2)  # by columns: the text starts in one column on every row
            colour = self._speaker_colour.get(row.label, "#5FAFD7")
            segments.append(Segment(pad_left(label, gutter - 2) + "  ", Style(color=colour, bold=True) if label else None))
        # text
        start, end = row.start, row.end
        display = self.wrap.display
        points = {start, end}
        for coding in row_codings:
            points.add(min(max(coding.start, start), end))
            points.add(min(max(coding.end, start), end))
        selection = self.selection
        if selection:
            points.update(min(max(p, start), end) for p in selection)
        hits = self.hit_rows.get(index, ())
        for hit in hits:
            points.update(min(max(p, start), end) for p in hit)
        cursor = self.cursor if selection is None and self.has_focus else -1
        cuts = self.wrap.cuts(index)  # a row with wide characters or marks: drawn in whole clusters
        if cuts is not None and start <= cursor < end:
            cursor = snap(cuts, cursor)
        if start <= cursor < end:
            points.update((cursor, cursor + 1 if cuts is None else cuts[bisect_right(cuts, cursor)]))
        if row.label_end > start:
            points.add(min(row.label_end, end))
        ordered = sorted(points if cuts is None else {snap(cuts, point) for point in points})
        for a, b in zip(ordered, ordered[1:]):
            if a >= b:
                continue
            covering = [c for c in row_codings if c.start <= a < c.end]
            code_id = ""
            if covering:
                code_id = min(covering, key=lambda c: (c.end - c.start, c.created)).code_id
            kind = row.kind
            if a < row.label_end:
                segments.append(Segment(display[a:b], Style(color=self._speaker_colour.get(row.label, "#5FAFD7"), bold=True)))
                continue
            key = (kind, code_id, len(covering) > 1, any(h[0] <= a < h[1] for h in hits),
                   bool(selection and selection[0] <= a < selection[1]), a == cursor)
            segments.append(Segment(display[a:b], self._style(key)))
        if start == end and cursor == start and start <= len(self.text):
            segments.append(Segment(" ", Style(reverse=True)))
        strip = Strip(segments).crop_extend(0, width, None)
        return strip.apply_style(base)

    def on_focus(self) -> None:
        self._invalidate({self.wrap.row_of(self.cursor)})

    def on_blur(self) -> None:
        self._invalidate({self.wrap.row_of(self.cursor)})
