"""Word frequencies on the hand-made project (tests/analysis/handmade.py), counted by hand."""

from __future__ import annotations

import sys

import pytest

from qda.analysis import words as words_module
from qda.analysis.words import read_stop_list, stop_words, word_frequencies, words_of
from qda.errors import QdaError


def test_words_outside_speaker_labels_lower_cased():
    text = "P01: Fear of the Police.\nINTERVIEWER: Why?"
    assert words_of(text, [(0, 5), (25, 38)]) == ["fear", "of", "the", "police", "why"]
    assert words_of("ex-pareja, it's") == ["ex-pareja", "it's"]


def test_frequencies_of_every_document(hand):
    table = word_frequencies(hand, stop="none")
    rows = table.set_index("word")
    assert table.attrs["words"] == 36 + 23 + 6
    assert rows.loc["they", ["count", "documents"]].tolist() == [4, 2]
    assert rows.loc["police", ["count", "documents"]].tolist() == [2, 2]
    assert rows.loc["police", "per_10k"] == pytest.approx(2 / 65 * 10_000)
    assert "interviewer" not in rows.index and "p01" not in rows.index
    # "the" and "they" are said 4 times each, the most: ties in alphabetical order
    assert table["word"].tolist()[:2] == ["the", "they"] and table["count"].tolist()[:3] == [4, 4, 3]
    counts = table["count"].tolist()
    assert counts == sorted(counts, reverse=True)


def test_frequencies_by_attribute_and_by_document(hand):
    by_role = word_frequencies(hand, by="role", stop="none")
    police = by_role[by_role["role"] == "police"].set_index("word")
    ngo = by_role[by_role["role"] == "ngo"].set_index("word")
    assert police.loc["they", "count"] == 2 and ngo.loc["they", ["count", "documents"]].tolist() == [2, 1]
    assert by_role.attrs["words"] == {"police": 36, "ngo": 29}
    by_document = word_frequencies(hand, by="document", stop="none")
    assert set(by_document["document"]) == {"P01_police", "P02_ngo", "P03_ngo"}
    with pytest.raises(QdaError, match="no document attribute 'colour'"):
        word_frequencies(hand, by="colour")


def test_spacy_stop_words_and_a_user_stop_list(hand, tmp_path):
    english = word_frequencies(hand, stop="en")
    assert not {"they", "the", "do", "them"} & set(english["word"])
    assert "police" in set(english["word"])
    assert {"que", "de", "la"} <= stop_words(["es"]) and "the" in stop_words(["en"])
    listed = tmp_path / "stop.txt"
    listed.write_text("# words of the interview guide\nPolice\nwomen  # said by the interviewer\n", encoding="utf-8")
    assert read_stop_list(listed) == ["Police", "women"]
    mine = word_frequencies(hand, stop="none", stop_list=read_stop_list(listed))
    assert not {"police", "women"} & set(mine["word"]) and "they" in set(mine["word"])
    with pytest.raises(QdaError, match="no stop words for language 'xx'"):
        word_frequencies(hand, stop="xx")


def test_a_bad_stop_list_names_the_file(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("se\xf1ora\n".encode("latin-1"))
    with pytest.raises(QdaError, match="latin1.txt: not UTF-8"):
        read_stop_list(bad)
    two = tmp_path / "two.txt"
    two.write_text("la policía\n", encoding="utf-8")
    with pytest.raises(QdaError, match="two.txt: line 1: .* more than one word"):
        read_stop_list(two)
    with pytest.raises(QdaError, match="missing.txt: no such stop list"):
        read_stop_list(tmp_path / "missing.txt")


def test_lemmas_from_spacys_lookup_tables(hand):
    pytest.importorskip("spacy_lookups_data")
    table = word_frequencies(hand, stop="none", lemmas=True).set_index("word")
    # "families" (P01) and "family" (P02) are one lemma; "says"... "say" twice in P02
    assert table.loc["family", "count"] == 2 and "families" not in table.index
    assert table.loc["woman", "count"] == 2  # women (P01), women (P02)


def test_lemmas_without_the_tables_is_a_clear_error(hand, monkeypatch):
    words_module.lemma_table.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy_lookups_data", None)  # as if not installed
    try:
        with pytest.raises(QdaError, match=r"pip install 'qda\[lemmas\]'"):
            word_frequencies(hand, lemmas=True)
    finally:
        words_module.lemma_table.cache_clear()


def test_stop_words_are_not_lemmatised(tmp_path):
    pytest.importorskip("spacy_lookups_data")
    import qda
    from qda.ingest import import_files

    source = tmp_path / "E01.txt"
    source.write_text("Fue para la comisaría con sus familias, para nada.\n", encoding="utf-8")
    with qda.create_project(tmp_path / "es.qda") as project:
        import_files(project, [source], language="es")
        table = word_frequencies(project, lemmas=True).set_index("word")
    # spaCy's Spanish lookup table maps "para" to "parir": a stop word keeps its form, and is left out
    assert "parir" not in table.index and "para" not in table.index
    assert table.loc["familia", "count"] == 1


def test_the_turns_of_a_skipped_speaker_are_left_out(hand):
    every = word_frequencies(hand, stop="none").set_index("word")
    participants = word_frequencies(hand, stop="none", skip_speakers=["interviewer"])
    # the interviewer asks "Tell me about reports." (4), "Why do they not come back?" (6),
    # "What do women say?" (4) and "Anything else?" (2): 16 of the 65 words
    assert participants.attrs["words"] == 65 - 16
    rows = participants.set_index("word")
    assert "tell" not in rows.index and rows.loc["they", "count"] == every.loc["they", "count"] - 1
    with pytest.raises(QdaError, match=r"no speaker 'judge' in these documents \(speakers: INTERVIEWER, P01, P02, P03\)"):
        word_frequencies(hand, skip_speakers=["judge"])
