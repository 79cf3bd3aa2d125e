"""Frequencies on the hand-built project (see handmade.py for the passages and codings)."""

from __future__ import annotations

import pytest

from qda.analysis import frequencies
from qda.errors import QdaError


def row(frame, path):
    return frame.set_index("path").loc[path]


def test_codes_counted_by_hand(hand):
    table = frequencies(hand)
    # Every code listed in codebook order, used or not.
    assert list(table["path"]) == ["Police", "Police > Distrust", "Police > Refusal", "Family", "Family > Framing", "Services"]
    # Distrust: codings a7, a2, b1, a4 in P01 and a5 in P02 = 5, in 2 of 3 documents.
    # Words: union in P01 of s2 (5 words: Some women never come back) and s5-s6
    # (They fear the police = 4, Their families push them to forgive = 6) = 15; P02 t1 = 7; total 22.
    assert row(table, "Police > Distrust")[["codings", "documents", "words"]].tolist() == [5, 2, 22]
    assert row(table, "Police > Distrust")["share_documents"] == pytest.approx(0.6667)
    # Refusal: a1 (s2) and b2 (s1-s2); one document; union s1-s2 = 4 + 5 = 9 words.
    assert row(table, "Police > Refusal")[["codings", "documents", "words"]].tolist() == [2, 1, 9]
    # Framing: a3 (s6, 6 words), a6 (t1-t2, 7 + 6 = 13 words) covering b3 (t2): 3 codings, 2 documents, 19 words.
    assert row(table, "Family > Framing")[["codings", "documents", "words"]].tolist() == [3, 2, 19]
    # Police itself: b4 "Nobody calls back." = 3 words, share 1/3.
    assert row(table, "Police")[["codings", "documents", "words"]].tolist() == [1, 1, 3]
    assert row(table, "Police")["share_documents"] == pytest.approx(0.3333)
    # Unused codes appear with 0.
    assert row(table, "Services")[["codings", "documents", "words", "share_documents"]].tolist() == [0, 0, 0, 0]


def test_rollup_counts_a_passage_once_per_parent(hand):
    table = frequencies(hand, rollup=True)
    # Police with its subtree: passages b4, a2, b1 (ben, same span as a2 but another coder), a4, a5, b2,
    # and s2 coded by ana as both Refusal (a1) and Distrust (a7): one passage for Police. 8 - 1 = 7.
    # Words: P01 union s1-s2 (9) + s5-s6 (10) = 19; P02 t1 (7) + t4 (3) = 10; 29.
    assert row(table, "Police")[["codings", "documents", "words"]].tolist() == [7, 2, 29]
    # Family has no codings of its own: it takes Framing's 3 codings, 2 documents, 19 words.
    assert row(table, "Family")[["codings", "documents", "words"]].tolist() == [3, 2, 19]
    # Leaves are unchanged.
    assert row(table, "Police > Distrust")["codings"] == 5


def test_by_attribute_coder_and_document(hand):
    by_role = frequencies(hand, by="role").set_index(["role", "path"])
    # police = P01 only: Distrust a7, a2, b1, a4 = 4 codings, 15 words, 1 of 1 document.
    assert by_role.loc[("police", "Police > Distrust")][["codings", "words", "share_documents"]].tolist() == [4, 15, 1.0]
    # ngo = P02 and P03: Distrust a5 only, in 1 of the 2 documents.
    assert by_role.loc[("ngo", "Police > Distrust")][["codings", "documents", "share_documents"]].tolist() == [1, 1, 0.5]
    by_coder = frequencies(hand, by="coder").set_index(["coder", "path"])
    # ben: b1 Distrust; b2 Refusal; b3 Framing; b4 Police.  ana: a2, a4, a5, a7 Distrust.
    assert by_coder.loc[("ben", "Police > Distrust"), "codings"] == 1
    assert by_coder.loc[("ana", "Police > Distrust"), "codings"] == 4
    by_document = frequencies(hand, by="document").set_index(["document", "path"])
    assert by_document.loc[("P03_ngo", "Police > Distrust"), "codings"] == 0
    assert by_document.loc[("P02_ngo", "Family > Framing"), "codings"] == 2


def test_filters(hand):
    only_ben = frequencies(hand, coder="ben")
    assert row(only_ben, "Police > Distrust")["codings"] == 1
    police = frequencies(hand, codes="Police")
    assert list(police["path"]) == ["Police", "Police > Distrust", "Police > Refusal"]
    ngo = frequencies(hand, where="role=ngo")
    # 2 ngo documents; Framing in P02 only: share 1/2.
    assert row(ngo, "Family > Framing")[["codings", "share_documents"]].tolist() == [2, 0.5]


@pytest.mark.parametrize("options, message", [
    ({"codes": "Nonexistent"}, "no code 'Nonexistent'"),
    ({"by": "age"}, "no document attribute 'age'"),
    ({"coder": "carl"}, "no coder 'carl'"),
    ({"where": "role=judge"}, "no document has role = 'judge'"),
])
def test_unknown_names_are_errors(hand, options, message):
    with pytest.raises(QdaError, match=message):
        frequencies(hand, **options)


@pytest.mark.parametrize("text", [
    "Hello world", "well-known don't a--b x'y -a '' _foo 12,5 señora niño’s", "a-b-c - d", "😀 ab😀cd", "",
    "INTERVIEWER: Tell me.\n\nP01: We take every report.",
])
def test_word_starts_agree_with_count_words(text):
    # the vectorised word index must count exactly what qda.text.count_words counts
    from qda.analysis._select import word_starts
    from qda.text import WORD

    assert word_starts(text).tolist() == [m.start() for m in WORD.finditer(text)]


def test_word_starts_on_the_sample_transcripts():
    from qda.analysis._select import word_starts
    from qda.ingest.importer import parse_file
    from qda.sample import sample_files
    from qda.text import count_words

    for path in sample_files().transcripts[:4]:
        text = parse_file(path).text
        assert len(word_starts(text)) == count_words(text)
