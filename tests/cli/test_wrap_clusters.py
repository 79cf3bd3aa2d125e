"""A word wider than its column, folded by the plain table printer (qda.cli.folding.wrap_spans): cut
between whole clusters, as rich draws them (rich 15, the peer): an emoji family joined by U+200D
was cut into its members, an accent written as a combining mark left alone at a line's start."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len

from qda.cli.folding import wrap_cells

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
WORDS = ["x" * 5 + FAMILY * 6 + "e\u0301" * 9, "ruwa" + "\u0928\u093f" * 7 + FAMILY, "警察" * 9 + "👍🏽" * 4]


@pytest.mark.parametrize("width", [5, 7, 8, 9, 12])
@pytest.mark.parametrize("word", WORDS)
def test_a_long_word_is_cut_between_whole_clusters(word, width):
    lines = wrap_cells(word + " fin", width)
    assert "".join(lines).replace(" ", "") == (word + "fin")  # nothing lost, nothing doubled
    for line in lines:
        assert cell_len(line) <= width
        first = line[:1]
        assert first != "\u200d" and not unicodedata.combining(first) and first != "\U0001f3fd"
        assert not line.endswith("\u200d")
