"""Auto-coding: code every hit of a search, widened to its sentence, turn or paragraph, after a preview.

A plan is made first (the spans that would be coded, and lines to show the
researcher); applying it writes every span in one transaction, one undoable
action.  The app's auto-code dialog and ``qda kwic --code`` both come here: the
dialog with the hits of a search, the concordance with its own hits.

Only speech is auto-coded: in a document with speaker turns, the text before the
first turn is its header (title, date, who interviewed whom), stored as a
paragraph and a "sentence" like any other text but not a passage anyone said, so
hits there are left out and the plan counts them (``header_hits``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from .cells import shorten_words
from .navigation import past_labels, widen
from .references import short_names

UNITS = ("hit", "sentence", "turn", "paragraph")
PREVIEW_LINES = 200


@dataclass
class Plan:
    code_id: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (document id, start, end)
    preview: list[str] = field(default_factory=list)  # "P07 [120, 188) the passage…", the first PREVIEW_LINES
    header_hits: int = 0  # hits left out as they fall in a document's header, before its first speaker turn

    @property
    def note(self) -> str:
        """What was left out, in a sentence for the preview ("" when nothing was)."""
        if not self.header_hits:
            return ""
        hits = "1 hit" if self.header_hits == 1 else f"{self.header_hits:,} hits"
        return f"{hits} in a header (before the first speaker turn) left out: a header is not speech."


def plan_autocode(project, hits: Iterable[tuple[str, list[tuple[int, int]]]], unit: str, code_id: str, coder_id: str,
                  progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] = lambda: False,
                  total: int | None = None, names: bool = False) -> Plan:
    """The spans to code for ``hits`` ((document id, [(start, end)...]) pairs, in order), each hit widened
    to its ``unit``; spans this coder already has with this code are left out.  Preview lines cite
    documents by reference (P07) unless ``names``."""
    from .errors import QdaError
    from .store.queries import documents_table, iter_document_texts

    if unit not in UNITS:
        raise QdaError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    documents = documents_table(project)
    label = dict(zip(documents["id"], documents["name"]))
    if not names:
        short = short_names(documents["name"])
        label = {d: short[n] for d, n in label.items()}
    existing = ({(c.document_id, c.start, c.end) for c in project.codings(code=code_id, coder=coder_id)}
                if code_id else set())
    plan = Plan(code_id)
    for number, (document_id, spans) in enumerate(hits, 1):
        if cancelled():
            break
        text = next(iter_document_texts(project, [document_id]))[1]
        turns = [(t.start, t.end) for t in project.units(document_id, "turn")]
        speech = turns[0][0] if turns else 0  # where the header, if any, ends
        spoken = [hit for hit in spans if hit[1] > speech]
        plan.header_hits += len(spans) - len(spoken)
        units = None if unit == "hit" else [(max(s.start, speech), s.end) for s in project.units(document_id, unit)
                                            if s.end > speech]
        if unit in ("paragraph", "turn"):
            units = past_labels(units, turns, [(s.start, s.end) for s in project.units(document_id, "sentence")])
        for start, end in widen(spoken, units):
            if (document_id, start, end) in existing:
                continue
            plan.spans.append((document_id, start, end))
            if len(plan.preview) < PREVIEW_LINES:
                snippet = shorten_words(text[start:end], 110)
                plan.preview.append(f"{label[document_id]} [{start}, {end}) {snippet}")
        if progress:
            progress(number, total if total is not None else number)
    return plan


def apply_autocode(project, plan: Plan, coder) -> list:
    """Code every span of ``plan``: one transaction, one undoable action of ``coder``."""
    rows = [(document_id, plan.code_id, start, end) for document_id, start, end in plan.spans]
    return project.add_codings(rows, coder) if rows else []


def hits_in_documents(project, pattern, document_ids: list[str]) -> Iterable[tuple[str, list[tuple[int, int]]]]:
    """(document id, hits of ``pattern``) for each document in turn (``qda.navigation.find_hits``);
    a regular expression that runs too long on one is refused naming it (``qda.user_patterns``)."""
    from .navigation import find_hits
    from .store.queries import documents_table, iter_document_texts
    from .user_patterns import PatternTooSlow

    for document_id in document_ids:
        text = next(iter_document_texts(project, [document_id]))[1]
        try:
            hits = find_hits(text, pattern)
        except PatternTooSlow as slow:  # name the document: the search may span every one
            table = documents_table(project)
            raise PatternTooSlow(slow.source, dict(zip(table["id"], table["name"]))[document_id]) from None
        yield document_id, hits

