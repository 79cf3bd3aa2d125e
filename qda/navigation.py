"""Moving through a transcript, selecting, searching: the pure logic behind the coding UI.

Nothing here imports Textual (nor rich but through ``qda.cells``); every function works on a document's
canonical text and on half-open ``[start, end)`` code-point spans, so it can be
tested on its own and reused by scripts.

- words: ``Words`` (word starts and ends, next/previous word, snapping a span to whole words)
- units: ``unit_at``, ``next_unit``, ``previous_unit`` over sentence/paragraph/turn spans
- search: ``find_hits`` (a word, a phrase or a regular expression), ``widen`` (hits to their units)
- documents: ``find_document`` (a name, its start or its reference), ``passage`` (a reference's number)
- layout: ``Layout`` wraps a text into display rows of terminal columns (``qda.cells``) and maps
  offsets to rows and columns
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import Iterable, Sequence

from .cells import CHAR_WIDTHS, clusters, cluster_starts, is_narrow, visible
from .errors import QdaError
from .line_breaks import pull_back
from .text import WORD
from .user_patterns import all_matches, compile_pattern

SpanT = tuple[int, int]
# Scripts written without spaces between words (Han, hiragana, katakana): for moving and for snapping a
# selection each character is a word, or a drag over part of a sentence would code all of it.
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
UNSPACED_CHARACTER = re.compile(f"[{UNSPACED}]")
UNSPACED_PIECES = re.compile(f"[{UNSPACED}]|[^{UNSPACED}]+")
OPENING = "\"'“‘(¿¡[«"
CLOSING = ".,;:!?\"'”’)]»…"


# -- words -----------------------------------------------------------------------------


class Words:
    """The word spans of a text, for moving by word and snapping selections."""

    def __init__(self, text: str, skip: Sequence[SpanT] = ()):
        """``skip``: spans whose words are not words for moving (speaker labels drawn in a gutter)."""
        self.text = text
        spans = [m.span() for m in WORD.finditer(text)]
        if UNSPACED_CHARACTER.search(text):
            spans = [m.span() for start, end in spans for m in UNSPACED_PIECES.finditer(text, start, end)]
        if skip:
            hidden = sorted((s, e) for s, e in skip if e > s)
            starts = [s for s, _ in hidden]
            spans = [span for span in spans
                     if not ((i := bisect_right(starts, span[0]) - 1) >= 0 and span[0] < hidden[i][1])]
        self.starts: list[int] = [s for s, _ in spans]
        self.ends: list[int] = [e for _, e in spans]

    def __len__(self) -> int:
        return len(self.starts)

    def next_start(self, offset: int) -> int:
        """The start of the first word after ``offset`` (or the end of the text)."""
        i = bisect_right(self.starts, offset)
        return self.starts[i] if i < len(self.starts) else len(self.text)

    def previous_start(self, offset: int) -> int:
        """The start of the word before ``offset`` (or 0)."""
        i = bisect_left(self.starts, offset) - 1
        return self.starts[i] if i >= 0 else 0

    def end_after(self, offset: int) -> int:
        """The end of the word that contains ``offset`` or, if none, of the next word."""
        i = bisect_right(self.ends, offset)
        return self.ends[i] if i < len(self.ends) else len(self.text)

    def snap(self, start: int, end: int) -> SpanT:
        """Widen ``[start, end)`` to whole words; trim space and punctuation at the edges.

        A span holding no word at all is returned trimmed of outer whitespace only."""
        if start > end:
            start, end = end, start
        first = bisect_right(self.ends, start)  # first word ending after start
        last = bisect_left(self.starts, end) - 1  # last word starting before end
        if first <= last:
            new_start, new_end = self.starts[first], self.ends[last]
            while new_start > start and self.text[new_start - 1] in OPENING:
                new_start -= 1
            while new_end < end and self.text[new_end] in CLOSING:
                new_end += 1
            return new_start, new_end
        piece = self.text[start:end]
        stripped = piece.strip()
        if not stripped:
            return start, start
        lead = len(piece) - len(piece.lstrip())
        return start + lead, start + lead + len(stripped)


# -- units --------------------------------------------------------------------------------


_start = itemgetter(0)  # the bisect key of one lookup: no list of every start built per key press


def unit_at(spans: Sequence[SpanT], offset: int) -> SpanT | None:
    """The unit containing ``offset``, else the next one, else the last one."""
    if not spans:
        return None
    i = bisect_right(spans, offset, key=_start) - 1
    if i >= 0 and offset < spans[i][1]:
        return tuple(spans[i])  # type: ignore[return-value]
    if i + 1 < len(spans):
        return tuple(spans[i + 1])  # type: ignore[return-value]
    return tuple(spans[-1])  # type: ignore[return-value]


def next_unit(spans: Sequence[SpanT], offset: int) -> SpanT | None:
    """The first unit starting after ``offset``."""
    i = bisect_right(spans, offset, key=_start)
    return tuple(spans[i]) if i < len(spans) else None  # type: ignore[return-value]


def previous_unit(spans: Sequence[SpanT], offset: int) -> SpanT | None:
    """The last unit starting before ``offset``."""
    i = bisect_left(spans, offset, key=_start) - 1
    return tuple(spans[i]) if i >= 0 else None  # type: ignore[return-value]


def units_covering(spans: Sequence[SpanT], start: int, end: int) -> SpanT | None:
    """The smallest run of whole units that covers ``[start, end)``."""
    touched = [s for s in spans if s[0] < max(end, start + 1) and s[1] > start]
    if not touched:
        return None
    return min(s[0] for s in touched), max(s[1] for s in touched)


# -- search -------------------------------------------------------------------------------


def compile_query(query: str, regex: bool = False, case: bool = False, whole_words: bool = True):
    """A pattern for a word, a phrase (spaces match any run of whitespace) or a regular expression
    (the researcher's own: ``qda.user_patterns``, run within a bound)."""
    query = query.strip()
    if not query:
        raise QdaError("type something to search for")
    flags = 0 if case else re.IGNORECASE
    if regex:
        return compile_pattern(query, flags, what="search")
    body = r"\s+".join(re.escape(part) for part in query.split())
    if whole_words:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, flags)


def find_hits(text: str, query, regex: bool = False, case: bool = False, where: str = "this document") -> list[SpanT]:
    """Every non-empty match of ``query`` (a string, or a pattern from ``compile_query``) in ``text``
    as spans, in order; a regular expression that runs too long is refused naming ``where``
    (``qda.user_patterns.PatternTooSlow``)."""
    pattern = compile_query(query, regex=regex, case=case) if isinstance(query, str) else query
    return [(m.start(), m.end()) for m in all_matches(pattern, text, where) if m.end() > m.start()]


def widen(hits: Iterable[SpanT], spans: Sequence[SpanT] | None) -> list[SpanT]:
    """Each hit widened to the unit(s) it falls in; duplicates dropped, order kept.

    With ``spans`` None the hits are returned as they are (deduplicated)."""
    seen: set[SpanT] = set()
    result: list[SpanT] = []
    starts = [span[0] for span in spans] if spans else []
    for start, end in hits:
        if spans:
            i = max(bisect_right(starts, start) - 1, 0)
            j = i
            while j + 1 < len(spans) and spans[j + 1][0] < end:
                j += 1
            lo = min(spans[i][0], start) if spans[i][1] > start else start
            hi = max(spans[j][1], end) if spans[j][1] > start else end
            span = (lo, hi)
        else:
            span = (start, end)
        if span not in seen:
            seen.add(span)
            result.append(span)
    return result


def next_hit(hits: Sequence[SpanT], offset: int, backwards: bool = False) -> SpanT | None:
    """The hit after ``offset`` (or before it, backwards), wrapping around."""
    if not hits:
        return None
    if backwards:
        i = bisect_left(hits, offset, key=_start) - 1
        return tuple(hits[i])  # type: ignore[return-value]  # i == -1 wraps to the last
    i = bisect_right(hits, offset, key=_start)
    return tuple(hits[i % len(hits)])  # type: ignore[return-value]


def parse_position(answer: str, length: int, turns: Sequence[SpanT] = ()) -> int:
    """Where "go to" should go: ``1234`` (a character offset), ``40%`` or ``t12`` (the 12th turn)."""
    answer = answer.strip().lower()
    try:
        if answer.endswith("%"):
            return min(max(int(float(answer[:-1]) / 100 * length), 0), max(length - 1, 0))
        if answer.startswith("t"):
            index = int(answer[1:]) - 1
            if not 0 <= index < len(turns):
                raise QdaError(f"there are {len(turns)} turns; choose one from 1 to {len(turns)}")
            return turns[index][0]
        return min(max(int(answer), 0), max(length - 1, 0))
    except ValueError as error:
        raise QdaError(f"{answer!r}: type an offset (1234), a percentage (40%) or a turn (t12)") from error


# -- documents -----------------------------------------------------------------------------


def find_document(ref: str, documents: Sequence[tuple[str, str]], short: dict[str, str] | None = None,
                  where: str = "the project") -> str:
    """The id of the document ``ref`` names, among ``documents`` (id, name) in project order.

    ``ref`` may be an id, a whole name, the document's reference (``short``: name -> "P07",
    as quotes cite it), or the start of exactly one name (case-insensitive: "p02" for
    "P02_ngo_limanorte").  Raises QdaError naming the candidates when no document, or
    more than one, fits: opening another document than the one meant would go unnoticed."""
    wanted = ref.strip()
    short = short or {}
    for test in (lambda i, n: wanted == i or wanted == n, lambda i, n: short.get(n) == wanted,
                 lambda i, n: n.casefold() == wanted.casefold()):
        exact = [i for i, n in documents if test(i, n)]
        if len(exact) == 1:
            return exact[0]
    prefixed = [(i, n) for i, n in documents if wanted and n.casefold().startswith(wanted.casefold())]
    if len(prefixed) == 1:
        return prefixed[0][0]
    if prefixed:
        raise QdaError(f"{ref!r} fits {len(prefixed)} documents in {where}: {_some(n for _, n in prefixed)}; "
                       "type more of the name")
    raise QdaError(f"no document {ref!r} in {where}; its documents: {_some(n for _, n in documents) or 'none yet'}")


def _some(names: Iterable[str], limit: int = 8) -> str:
    names = list(names)
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def passage(spans: Iterable[SpanT], number: int) -> SpanT:
    """The ``number``-th (from 1) distinct coded passage of a document, in document order: the
    numbering of citable references (``P07:12``, see ``qda.export.quotes``)."""
    ordered = sorted(set(spans))
    if not 1 <= number <= len(ordered):
        raise QdaError(f"passage {number} does not exist: the document has {len(ordered)} coded passages")
    return ordered[number - 1]


# -- layout -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One display row: text ``[start, end)``.

    ``label`` is the speaker of a turn starting on this row, drawn in the
    gutter; ``label_end`` > ``start`` marks an inline label ``[start, label_end)``."""

    start: int
    end: int
    label: str = ""
    label_end: int = -1
    kind: str = "text"  # "text", "meta" (outside any turn) or "blank"


def label_end(text: str, start: int, speaker: str) -> int:
    """Where the ``"SPEAKER: "`` prefix of a turn starting at ``start`` ends (``start`` if it has none)."""
    if speaker and text.startswith(speaker, start):
        end = start + len(speaker)
        while end < len(text) and text[end] in ":]>)" and end - start <= len(speaker) + 2:
            end += 1
        while end < len(text) and text[end] in " \t":
            end += 1
        return end
    return start


def past_labels(spans: Iterable[SpanT], turns: Iterable[SpanT], sentences: Sequence[SpanT]) -> list[SpanT]:
    """``spans`` (sentences, paragraphs, turns) with what a turn opens with before its words left out
    (``"SPEAKER: "``, Otter's name and time on a line above, f4's time mark), and a span that is only
    that dropped: selecting or auto-coding a turn or its first paragraph codes what the speaker said,
    and a quote does not repeat the speaker it names.  A turn's words begin where its first sentence
    does: the importer ends each label there (``qda.ingest.segment``), whatever the file's shape.
    ``turns`` and ``sentences`` are ``(start, end)`` in document order."""
    starts = [start for start, _end in sentences]
    words: dict[int, int] = {}
    for start, end in turns:
        i = bisect_left(starts, start)
        if i < len(starts) and starts[i] < end:
            words[start] = starts[i]
    kept = [(max(start, words.get(start, start)), end) for start, end in spans]
    return [span for span in kept if span[1] > span[0]]


class Layout:
    """A text wrapped into rows of at most ``width`` terminal columns, speaker labels set apart.

    Each hard line is wrapped at spaces; a word wider than a row (or a line of Chinese or Japanese,
    which has no spaces) is cut where the row is full, never inside a cluster (a wide character,
    an emoji family, a letter with its marks: see ``qda.cells``) and never so that a row starts
    with closing punctuation or ends with opening (``qda.line_breaks``: "。" goes to the next row
    with the character before it).  A line of plain Latin text is cut by code points, one column each.
    ``turns`` are ``(start, end, speaker)``: with ``gutter`` > 0 a turn's speaker is drawn in a
    gutter of that width and its ``"SPEAKER: "`` prefix is left out of the rows; otherwise the
    prefix stays inline (``Row.label_end``) to be styled.  ``rows`` lists the rows; ``row_of``
    maps an offset to its row in O(log n); ``column_of``/``offset_at`` map offsets to the
    columns they are drawn at and back.  ``display`` is the text as drawn (``qda.cells.visible``:
    control characters as spaces, offsets unchanged)."""

    def __init__(self, text: str, width: int, turns: Sequence[tuple[int, int, str]] = (), gutter: int = 0):
        self.text = text
        self.display = visible(text)
        self.width = max(width, 8)
        self.gutter = gutter
        turn_list = sorted(turns)
        spans = [(t[0], t[1]) for t in turn_list]
        self.rows: list[Row] = []
        position = 0
        length = len(text)
        turn_index = 0
        while position <= length:
            newline = text.find("\n", position)
            line_end = length if newline < 0 else newline
            while turn_index < len(turn_list) and turn_list[turn_index][0] < position:
                turn_index += 1
            label, inline_end, content = "", -1, position
            if turn_index < len(turn_list) and turn_list[turn_index][0] == position:
                speaker = turn_list[turn_index][2] if len(turn_list[turn_index]) > 2 else ""
                end = label_end(text, position, speaker)
                label = speaker
                if gutter:
                    content = end if end < line_end else position
                else:
                    inline_end = end
            kind = "text" if (label or self._in_turn(spans, position, line_end)) else "meta"
            self._wrap(content, line_end, label, inline_end, kind)
            if newline < 0:
                break
            position = newline + 1
        self.starts = [row.start for row in self.rows]

    @staticmethod
    def _in_turn(turns: Sequence[SpanT], start: int, end: int) -> bool:
        if not turns:
            return True
        i = bisect_right(turns, (start, 1 << 62)) - 1
        if i >= 0 and turns[i][1] > start:
            return True
        return i + 1 < len(turns) and turns[i + 1][0] < max(end, start + 1)

    def _wrap(self, start: int, end: int, label: str, inline_end: int, kind: str) -> None:
        if start >= end:
            self.rows.append(Row(start, start, label, inline_end, kind if label else "blank"))
            return
        if is_narrow(self.display[start:end]):
            stops = self._narrow_stops(start, end)
        else:
            stops = self._column_stops(start, end)
        position = start
        for stop in stops:
            first = position == start
            self.rows.append(Row(position, stop, label if first else "", inline_end if first else -1, kind))
            position = stop

    def _narrow_stops(self, position: int, end: int) -> list[int]:
        """Row ends of a line of one column a character: after the last space that fits, else
        where the row is full."""
        width, text, stops = self.width, self.text, []
        while position < end:
            if end - position <= width:
                stop = end
            else:
                space = text.rfind(" ", position + 1, position + width)
                stop = space + 1 if space > position else position + width
            stops.append(stop)
            position = stop
        return stops

    def _column_stops(self, position: int, end: int) -> list[int]:
        """Row ends of a line with wide or zero-width characters, as ``_narrow_stops`` but counted
        in columns and cut only between clusters."""
        width, display, stops = self.width, self.display, []
        sizes = list(map(CHAR_WIDTHS.__getitem__, display[position:end]))
        if 0 not in sizes:  # every character a cluster of its own (CJK, emoji without joiners)
            return self._sized_stops(position, end, sizes)
        pieces = clusters(display, position, end)
        first = 0  # the cluster the row starts with
        while first < len(pieces):
            used, after = 0, first
            while after < len(pieces) and used + pieces[after][2] <= width:
                used += pieces[after][2]
                after += 1
            if after == len(pieces):
                stops.append(end)
                break
            after = max(after, first + 1)  # a cluster wider than a row still takes one
            # after the last space that fits (the space itself may be the last column), else full
            space = next((k for k in range(after - 1, first, -1)
                          if display[pieces[k][0]] == " " and pieces[k][1] - pieces[k][0] == 1), 0)
            if space:
                first = space + 1
            elif after < len(pieces):  # full: back past closing marks and opening ones (qda.line_breaks)
                starts = [piece[0] for piece in pieces[first:after + 1]]
                first += starts.index(pull_back(display, starts[0], starts[-1], starts))
            else:
                first = after
            stops.append(pieces[first][0] if first < len(pieces) else end)
        return stops

    def _sized_stops(self, position: int, end: int, sizes: list[int]) -> list[int]:
        """``_column_stops`` for a line whose characters each take a column or two: the columns
        before each character summed once, each row's end found by bisection."""
        width, display, stops = self.width, self.display, []
        before = list(accumulate(sizes, initial=0))  # before[k]: columns of the line's first k characters
        k, count = 0, len(sizes)
        while k < count:
            limit = bisect_right(before, before[k] + width) - 1  # the most characters that fit
            if limit >= count:
                stops.append(end)
                break
            limit = max(limit, k + 1)
            space = display.rfind(" ", position + k + 1, position + limit)
            if space >= 0:
                k = space + 1 - position
            elif limit < count:  # full: back past closing marks and opening ones (qda.line_breaks)
                k = pull_back(display, position + k, position + limit) - position
            else:
                k = limit
            stops.append(position + k)
        return stops

    def __len__(self) -> int:
        return len(self.rows)

    def row_of(self, offset: int) -> int:
        """The row showing ``offset`` (an offset inside a gutter label maps to its row)."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def rows_of(self, start: int, end: int) -> range:
        """Rows that show any of ``[start, end)``."""
        return range(self.row_of(start), self.row_of(max(end - 1, start)) + 1)

    def cuts(self, row: int) -> list[int] | None:
        """Where ``row`` may be drawn in separate pieces (its clusters' starts, then its end), or
        None when any offset may (a row of one column a character)."""
        r = self.rows[row]
        if is_narrow(self.display[r.start:r.end]):
            return None
        return cluster_starts(self.display, r.start, r.end)

    def after(self, offset: int) -> int:
        """Where the character drawn at ``offset`` ends (with its marks or its emoji family), within
        its row; ``offset`` itself at a row's end."""
        index = self.row_of(offset)
        r = self.rows[index]
        if not r.start <= offset < r.end:
            return offset
        cuts = self.cuts(index)
        return offset + 1 if cuts is None else cuts[bisect_right(cuts, offset)]

    def column_of(self, offset: int) -> int:
        """The column (from the row's text start) ``offset`` is drawn at, in its row; an offset
        inside a cluster is drawn where the cluster starts."""
        r = self.rows[self.row_of(offset)]
        offset = min(max(offset, r.start), r.end)
        piece = self.display[r.start:offset]
        if is_narrow(piece):
            return len(piece)
        used = 0
        for _, stop, size in clusters(self.display, r.start, r.end):
            if stop > offset:  # the cluster at or holding offset
                break
            used += size
        return used

    def offset_at(self, row: int, column: int) -> int:
        """The offset of the character drawn at text column ``column`` of ``row`` (either column
        of a wide character gives its offset; past the row's end, the row's end)."""
        row = min(max(row, 0), len(self.rows) - 1)
        r = self.rows[row]
        column = max(column, 0)
        if is_narrow(self.display[r.start:r.end]):
            return min(r.start + column, r.end)
        used = 0
        for start, _, size in clusters(self.display, r.start, r.end):
            if size and column < used + size:
                return start
            used += size
        return r.end
