"""A concordance on an open project reuses what it read (texts, turn and paragraph starts, turns) while
nothing changes, and sees a change at once; on both engines.  Expected lines are read off the
hand-made project's transcripts (tests/analysis/handmade.py)."""

from __future__ import annotations

import pytest

from qda.analysis.concordance import concordance
from qda.ingest import import_files

pytestmark = pytest.mark.both_engines


def lines(table) -> list[tuple[str, str, str, str, str]]:
    return [(row.ref, row.speaker, row.left, row.hit, row.right) for row in table.itertuples()]


def test_a_second_concordance_sees_a_new_document(hand, tmp_path):
    first = lines(concordance(hand, "police", context=2))
    assert first == [("P01 ¶4", "P01", "fear the ", "police", ". Their families"),
                     ("P02 ¶2", "P02", "say the ", "police", " laugh at")]
    assert lines(concordance(hand, "police", context=2)) == first  # read again from what the project keeps
    source = tmp_path / "P04_court.txt"
    source.write_text("INTERVIEWER: And the police?\n\nP04: The police? Never again.\n", encoding="utf-8")
    import_files(hand, [source], language="en")
    assert lines(concordance(hand, "police", context=2)) == first + [
        ("P04 ¶1", "INTERVIEWER", "And the ", "police", ""),  # no word after it in its turn
        ("P04 ¶2", "P04", "The ", "police", "? Never again")]
