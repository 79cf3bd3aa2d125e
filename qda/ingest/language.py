"""The language of a transcript, from its commonest words, or "und" when the evidence is thin.

Enough to choose spaCy's rules (``spacy.blank``) and to tell the researcher what
qda saw; a language qda cannot tell is reported as ``und`` (ISO 639-2
"undetermined"), never guessed: a Russian or Quechua text must not pass as English.
"""

from __future__ import annotations

import re
from collections import Counter

UNDETERMINED = "und"
FUNCTION_WORDS = {
    "en": "the and of to in that it is was for with not but they she you this have what there",
    "es": "que de la el y en los las no una por con para es se lo pero del como más está fue muy",
    "pt": "que não uma com para os do da em um se mais mas foi ele ela eu você isso também são",
    "fr": "le les et des est pas une je il elle nous vous dans pour sur avec ce qui au mais",
    "de": "und der die das ist nicht ich sie es ein eine zu mit den auf für war auch wir",
    "it": "il che non di una per sono mi ho ma gli della anche questo lo come si con",
    "ru": "и в не на я что с он это как она но мы по к у так все за был вы они",
}
WORDS = {language: set(words.split()) for language, words in FUNCTION_WORDS.items()}
LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}  # "que" -> ("es", "pt"): one look-up per token
for _language, _words in WORDS.items():
    for _word in _words:
        LANGUAGES_OF_WORD[_word] = LANGUAGES_OF_WORD.get(_word, ()) + (_language,)
MARKS = {"es": "ñ¿¡", "pt": "ãõ", "de": "ß"}  # letters and signs only one of these languages uses
NAMES = {"english": "en", "spanish": "es", "español": "es", "castellano": "es", "quechua": "qu", "portuguese": "pt",
         "português": "pt", "french": "fr", "german": "de", "italian": "it", "russian": "ru"}
TOKEN = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str:
    """An ISO 639-1 code ("en", "es", "pt", "fr", "de", "it", "ru") when at least three of the
    first 20,000 characters' commonest words (or signs such as ``¿`` and ``ñ``) point to it and
    half as many again as to any other; else ``und``."""
    sample = text[:20000].lower()
    scores = dict.fromkeys(WORDS, 0)
    for token, count in Counter(TOKEN.findall(sample)).items():
        for language in LANGUAGES_OF_WORD.get(token, ()):
            scores[language] += count
    for language, marks in MARKS.items():
        scores[language] += sum(sample.count(mark) for mark in marks)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 3 and top >= 1.5 * second else UNDETERMINED


def language_code(value: str) -> str:
    """"es" from "es", "ES", "Spanish" or "castellano"; "" when the value names no language."""
    value = (value or "").strip().lower()
    if re.fullmatch(r"[a-z]{2,3}", value):
        return value
    return NAMES.get(value, "")
