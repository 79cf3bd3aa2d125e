"""The analysis and adjudication screens opened from the coding screen (qda/tui/screens: frequencies,
co-occurrence, heat map, quotes, query, concordance, memos, agreement, adjudication).  Each screen's
module is imported when it is first opened, so that the coding screen starts without them."""

from __future__ import annotations

from ..errors import QdaError
from .guarded import guarded


class AnalysisScreens:
    """Part of ``QdaApp``: the keys that open the analysis screens."""

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
            # With a selection (a passage just coded, a quote gone to) the cursor sits at its end,
            # outside it: the codings over the selection count, those covering all of it first.
            transcript = self.transcript
            start, end = transcript.selection or (transcript.cursor, transcript.cursor + 1)
            codings = transcript.codings_at(start, end)
            codings.sort(key=lambda c: not (c.start <= start and c.end >= end))
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
