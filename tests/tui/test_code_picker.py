"""The code picker's ranking: what a coder types finds the code, typos included, without noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from qda.codebook import load_codebook
from qda.tui.screens.code_picker import rank

CODEBOOK = load_codebook(Path(__file__).resolve().parents[2] / "codebooks" / "peru_vaw_state_response.yaml")


def names(query: str) -> list[str]:
    return [CODEBOOK.by_id[c].name for c in rank(CODEBOOK, query)]


@pytest.mark.parametrize("query, first", [
    ("distrust", "Distrust of police"),     # a substring of the name
    ("distrsut", "Distrust of police"),     # two letters swapped
    ("pollice", "Police"),                  # a letter doubled
    ("languag", "Language barriers"),
    ("orders paper", "Protection orders on paper"),
])
def test_the_meant_code_comes_first(query, first):
    assert names(query)[0] == first


def test_codes_sharing_only_a_few_letters_are_left_out():
    # "distrust" once also listed "Institutional response" and its other children (WRatio 56).
    assert names("distrust") == ["Distrust of police"]
    assert names("xyz") == []


def test_an_empty_query_lists_the_whole_tree_in_order():
    assert len(rank(CODEBOOK, "  ")) == len(CODEBOOK.codes)
