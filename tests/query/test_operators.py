"""Each query operator on the hand-made project (tests/analysis/handmade.py), against results worked by hand.

Sentences of P01 are s0..s7, of P02 t0..t4 (see the module's picture); a passage is
written as its document and its exact text, so every expected set below is read off
the transcripts, not computed by the code under test."""

from __future__ import annotations

import pytest

import qda
from qda.query import passages, query_counts, query_quotes
from qda.query.grammar import QueryError
from qda.store.sets import create_set

S1_S2 = "We take every report. Some women never come back."
S2 = "Some women never come back."
S5 = "They fear the police."
S6 = "Their families push them to forgive."
S5_S6 = "They fear the police. Their families push them to forgive."
T1 = "They say the police laugh at them."
T2 = "They say the family comes first."
T4 = "Nobody calls back."


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    from tests.conftest import handmade

    path = handmade.build(tmp_path_factory.mktemp("query_hand"))
    with qda.open_project(path) as project:
        create_set(project, "southern", ["P02_ngo"])
        yield project


def found(project, query: str) -> set[tuple[str, str]]:
    frame = passages(project, query)
    texts = {d.name: d.text for d in project.documents()}
    result = {(row.document, texts[row.document][row.start:row.end]) for row in frame.itertuples()}
    assert len(result) == len(frame), "a passage is listed twice"
    return result


def test_a_code_is_its_distinct_coded_spans_with_its_subtree(hand):
    # a7 and a1 cover s2 with two codes of the subtree: one passage; a2 and b1 (s5): one passage
    assert found(hand, "Distrust") == {("P01_police", S2), ("P01_police", S5), ("P01_police", S5_S6), ("P02_ngo", T1)}
    assert found(hand, "Police") == {("P01_police", S2), ("P01_police", S5), ("P01_police", S5_S6),
                                     ("P01_police", S1_S2), ("P02_ngo", T1), ("P02_ngo", T4)}
    assert found(hand, '"Police > Refusal"') == {("P01_police", S2), ("P01_police", S1_S2)}


def test_and_keeps_the_characters_both_cover(hand):
    assert found(hand, "Distrust AND Framing") == {("P01_police", S6), ("P02_ngo", T1)}


def test_or_gives_maximal_runs_of_either(hand):
    assert found(hand, "Distrust OR Refusal") == {("P01_police", S1_S2), ("P01_police", S5_S6), ("P02_ngo", T1)}


def test_and_not_removes_characters(hand):
    # s5-s6 less s6 leaves s5 and the space after it
    assert found(hand, "Distrust AND NOT Framing") == {("P01_police", S2), ("P01_police", S5 + " ")}


def test_not_is_the_rest_of_the_documents_in_scope(hand):
    texts = {d.name: d.text for d in hand.documents()}
    p02 = texts["P02_ngo"]
    t1, t4 = p02.index(T1), p02.index(T4)
    expected = {("P02_ngo", p02[:t1]), ("P02_ngo", p02[t1 + len(T1):t4]), ("P02_ngo", p02[t4 + len(T4):]),
                ("P03_ngo", texts["P03_ngo"])}
    assert found(hand, "NOT Police WHERE role = ngo") == expected


def test_overlapping_keeps_left_passages_sharing_a_character(hand):
    assert found(hand, "Distrust OVERLAPPING Framing") == {("P01_police", S5_S6), ("P02_ngo", T1)}


def test_enclosed_by_and_enclosing(hand):
    assert found(hand, "Framing ENCLOSED BY Distrust") == {("P01_police", S6)}
    assert found(hand, "Distrust ENCLOSING Framing") == {("P01_police", S5_S6)}
    assert found(hand, "Distrust ENCLOSED BY Distrust") == found(hand, "Distrust")  # equal spans count


def test_followed_by_within_the_next_sentence(hand):
    # s5 ends, Framing begins at s6 (next sentence); t1 ends, b3 begins at t2; s5-s6 has nothing after it
    assert found(hand, "Distrust FOLLOWED BY Framing") == {("P01_police", S5), ("P02_ngo", T1)}
    assert found(hand, "Refusal FOLLOWED BY Framing") == set()


def test_followed_within_n_sentences(hand):
    # Refusal ends in s2; Framing begins in s6: four sentences on
    assert found(hand, "Refusal FOLLOWED WITHIN 3 SENTENCES BY Framing") == set()
    assert found(hand, "Refusal FOLLOWED WITHIN 4 SENTENCES BY Framing") == {("P01_police", S2), ("P01_police", S1_S2)}


def test_within_n_sentences_of_either_side(hand):
    assert found(hand, "Refusal WITHIN 3 SENTENCES OF Framing") == set()
    assert found(hand, "Refusal WITHIN 4 SENTENCES OF Framing") == {("P01_police", S2), ("P01_police", S1_S2)}
    assert found(hand, "Framing WITHIN 4 SENTENCES OF Refusal") == {("P01_police", S6)}
    assert found(hand, "Distrust WITHIN 0 SENTENCES OF Framing") == {("P01_police", S5_S6), ("P02_ngo", T1)}


def _unit_text(project, document: str, unit: str, inside: str) -> tuple[str, str]:
    text = project.document(document).text
    at = text.index(inside)
    span = next(s for s in project.units(document, unit) if s.start <= at < s.end)
    return document, text[span.start:span.end]


def test_in_same_turn_the_brief_example(hand):
    # turns touched by Distrust: P01 [s1 s2 s3], [s5 s6 s7]; P02 [t1 t2]; Framing touches the last two
    assert found(hand, "Distrust AND NOT Framing IN SAME TURN") == {_unit_text(hand, "P01_police", "turn", S2)}
    assert found(hand, "Distrust AND Framing IN SAME TURN") == {
        _unit_text(hand, "P01_police", "turn", S5), _unit_text(hand, "P02_ngo", "turn", T1)}


def test_in_same_sentence_paragraph_document(hand):
    assert found(hand, "Distrust AND Framing IN SAME SENTENCE") == {
        _unit_text(hand, "P01_police", "sentence", S6), _unit_text(hand, "P02_ngo", "sentence", T1)}
    assert found(hand, "Distrust AND NOT Framing IN SAME PARAGRAPH") == {_unit_text(hand, "P01_police", "paragraph", S2)}
    assert found(hand, "Distrust AND Framing IN SAME DOCUMENT") == {
        ("P01_police", hand.document("P01_police").text), ("P02_ngo", hand.document("P02_ngo").text)}
    assert found(hand, "Police AND Services IN SAME DOCUMENT") == set()


def test_a_coders_codings_and_the_where_coder(hand):
    assert found(hand, "Distrust BY ben") == {("P01_police", S5)}
    # ana's Distrust runs less ben's s5: the space and s6 remain of s5-s6
    assert found(hand, "Distrust BY ana AND NOT Distrust BY ben") == {
        ("P01_police", S2), ("P01_police", " " + S6), ("P02_ngo", T1)}
    assert found(hand, "Police WHERE CODER = ben") == {("P01_police", S5), ("P01_police", S1_S2), ("P02_ngo", T4)}


def test_where_attributes_and_sets(hand):
    assert found(hand, "Distrust WHERE site = North") == {("P01_police", S2), ("P01_police", S5), ("P01_police", S5_S6)}
    assert found(hand, "Distrust WHERE role != police") == {("P02_ngo", T1)}
    assert found(hand, "Distrust WHERE role IN (ngo, police) AND site = South") == {("P02_ngo", T1)}
    assert found(hand, 'Distrust WHERE SET = "southern"') == {("P02_ngo", T1)}
    assert found(hand, "Framing OR Distrust WHERE SET = southern AND CODER = ben") == {("P02_ngo", T2)}


def test_grouping_and_precedence(hand):
    # AND binds tighter than OR; NOT tighter than AND; relations tighter than NOT
    assert found(hand, "Refusal OR Distrust AND Framing") == found(hand, "Refusal OR (Distrust AND Framing)")
    assert found(hand, "(Refusal OR Distrust) AND Framing") == {("P01_police", S6), ("P02_ngo", T1)}
    assert found(hand, "Distrust AND NOT Framing OVERLAPPING Distrust") == found(hand, "Distrust AND NOT (Framing OVERLAPPING Distrust)")


@pytest.mark.parametrize("query, column, words", [
    ("Distrust AND Nothing", 14, "no code 'Nothing'"),
    ("Distrust WHERE colour = red", 16, "no document attribute 'colour'"),
    ("Distrust WHERE site = East", 16, "no document has site = 'East'"),
    ("Distrust WHERE SET = northern", 16, "no document set 'northern'"),
    ("Distrust WHERE CODER = carla", 16, "no coder 'carla'"),
    ("Distrust BY carla", 1, "no coder 'carla'"),
])
def test_unknown_names_point_at_their_column(hand, query, column, words):
    with pytest.raises(QueryError) as caught:
        passages(hand, query)
    assert caught.value.column == column
    assert words in str(caught.value) and f"column {column}" in str(caught.value)


def test_counts_by_document_and_attribute(hand):
    by_document = query_counts(hand, "Distrust").set_index("document")
    assert by_document["passages"].to_dict() == {"P01": 3, "P02": 1, "P03": 0}
    # words beginning in the passages: s2 5, s5 4, s5-s6 10 in P01; t1 7 in P02
    assert by_document["words"].to_dict() == {"P01": 19, "P02": 7, "P03": 0}
    by_role = query_counts(hand, "Distrust", by="role").set_index("role")
    assert by_role.loc["ngo"].to_dict() == {"passages": 1, "documents": 1, "words": 7, "characters": len(T1), "in_scope": 2}
    assert by_role.loc["police", "documents"] == 1


def test_quotes_cite_coded_passages_by_number_and_others_by_paragraph(hand):
    quotes = query_quotes(hand, "Distrust AND NOT Framing")
    rows = {row.text: row for row in quotes.itertuples()}
    # P01's distinct coded passages in order: s1-s2 (1), s2 (2), s5 (3), s5-s6 (4), s6 (5)
    assert rows[S2].ref == "P01:2"
    assert rows[S5 + " "].ref == "P01:¶4"
    assert rows[S2].codes == "Police > Distrust; Police > Refusal"
    assert rows[S2].coders == "ana, ben"
    assert rows[S2].speaker == "P01"


def test_a_name_two_codes_share_asks_for_the_path(hand_path):
    with qda.open_project(hand_path) as project:
        project.add_code("Distrust", parent="Family")
        with pytest.raises(QueryError, match=r"several codes are called 'Distrust' \(Police > Distrust; Family > Distrust\)"):
            passages(project, "Framing OR Distrust")
        assert found(project, '"Police > Distrust" WHERE site = South') == {("P02_ngo", T1)}


def test_conditions_that_together_keep_no_document_find_nothing(hand):
    # each value exists, no document has both: an empty result, not an error
    assert found(hand, "Distrust WHERE role = police AND site = South") == set()
    assert query_counts(hand, "Distrust WHERE role = police AND site = South").empty
