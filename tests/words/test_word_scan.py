"""The concordance's byte scan (qda.analysis.word_scan) finds exactly what find_words finds on the
whole lower-cased text: on random texts of the shapes that could part them, and on both engines."""

from __future__ import annotations

import random
import sys
import unicodedata

import pytest

from qda.analysis.concordance import concordance, find_words
from qda.analysis.word_scan import LENGTHENED, OTHER_CAPITALS, WordScan, variants


def test_every_character_that_lower_cases_to_a_letter_is_a_variant_of_it():
    by_lower: dict[str, set[str]] = {}
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        lowered = character.lower()
        if len(lowered) == 1:
            by_lower.setdefault(lowered, set()).add(character)
        else:
            assert character == LENGTHENED, f"{character!r} lower-cases to {lowered!r}: word_scan must search it whole"
    for letter, characters in by_lower.items():
        final_sigma = {"\u03a3"} if letter == "\u03c2" else set()  # Σ lower-cases to ς at the end of a word
        assert variants(letter) == characters | final_sigma, letter
    assert all(c.lower() != c for c in OTHER_CAPITALS)


PIECES = ["familia", "FAMILIA", "Familias", "fAmIlIa", "ex-familia", "familia_", "famili", "la", "La", "LA", " ",
          "  ", "\n", "\u00a0", "\u2003", ",", ".", "¿", "señora", "SEÑORA", "se\u00f1ora", "\u0301", "ñ", "Ñ", "á",
          "İ", "\u212a", "kilo", "KILO", "ΣΟΦΙΑ", "σοφια", "ς", "ß", "\u1e9e", "aa", "AAA", "a", "é", "ı", "ſ", "’"]
QUERIES = ["familia", "famili*", "la señora", "la", "a", "aa", "*a", "señora", "kilo", "ß", "sofia", "σοφια", "ς",
           "famili*s", "la familia", "a a", "é", "¿la", "la,", "ex-familia", "ſ", "k*o", "*a*a*", "f*m*l*a", "a*a",
           "la *a*", "la f*li*s", "**a"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_byte_scan_agrees_with_find_words_on_random_texts(query):
    rng = random.Random(f"word-scan {query}")
    scan = WordScan(query)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        text = unicodedata.normalize("NFC", text) if rng.random() < 0.5 else text
        decoded, hits = scan.search(text.encode())
        assert hits == find_words(text, query), (query, text)
        assert decoded is None and not hits or decoded == text


@pytest.mark.both_engines
def test_the_concordance_of_the_sample_is_the_word_counted_in_every_text(sample_project):
    """On both engines: every whole-word occurrence, found by checking each position of each text."""
    texts = {d.id: d.text for d in sample_project.documents()}
    for query in ("la", "policía", "denuncia", "que", "familia"):
        table = concordance(sample_project, query, context=2)
        found = sorted(zip(table["document_id"], table["start"], table["end"]))
        expected = []
        for document_id, text in texts.items():
            lowered = text.lower()
            for start in range(len(text) - len(query) + 1):
                end = start + len(query)
                if (lowered[start:end] == query and not (start and _in_word(text[start - 1]))
                        and not (end < len(text) and _in_word(text[end]))):
                    expected.append((document_id, start, end))
        assert found == sorted(expected), query  # none of these words is a speaker's label in the sample
        assert all(texts[d][s:e].lower() == query for d, s, e in found)


def _in_word(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M")


def test_a_text_decoded_already_gives_the_same_hits():
    rng = random.Random("kept texts")
    scan = WordScan("famili*")
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert scan.search(text.encode(), text) == scan.search(text.encode()), text
