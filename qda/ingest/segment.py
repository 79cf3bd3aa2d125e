"""Speaker turns, paragraphs and sentences of a canonical text.

Turns come from a speaker-label pattern (``DEFAULT_SPEAKER_PATTERN`` unless
the user gives one), paragraphs from blank lines, and sentences from spaCy:
``spacy.blank(language)`` with the rule-based sentencizer by default, or a
trained pipeline the user installed.  Sentences never cross a paragraph and
leave out the speaker label that opens a turn.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import QdaError
from ..model import Span, Turn
from ..text import count_words, sha256

# An upper-case label at the start of a line, then a colon: "INTERVIEWER: ", "P07: ", "ENTREVISTADORA: ".
DEFAULT_SPEAKER_PATTERN = r"^(?P<speaker>[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ0-9 ._-]{0,39}):[ \t]+"
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def compile_speaker_pattern(pattern: str | None) -> re.Pattern[str]:
    source = pattern or DEFAULT_SPEAKER_PATTERN
    try:
        compiled = re.compile(source, re.MULTILINE)
    except re.error as error:
        raise QdaError(f"speaker pattern {source!r} is not a valid regular expression: {error}") from error
    if "speaker" not in compiled.groupindex:
        raise QdaError(f"speaker pattern {source!r} needs a named group (?P<speaker>...)")
    return compiled


def turns(text: str, pattern: re.Pattern[str]) -> tuple[list[Turn], dict[int, int]]:
    """Turns from each label to the next, and for each turn start the offset where its words begin."""
    matches = list(pattern.finditer(text))
    result: list[Turn] = []
    label_ends: dict[int, int] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        result.append(Turn(match.group("speaker").strip(), match.start(), end))
        label_ends[match.start()] = match.end()
    return result, label_ends


def paragraphs(text: str) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        _append_trimmed(spans, text, position, match.start())
        position = match.end()
    _append_trimmed(spans, text, position, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


@lru_cache(maxsize=8)
def pipeline(language: str, trained: str | None = None):
    """A spaCy pipeline that sets sentence boundaries; cached, as loading costs time."""
    import spacy

    if trained:
        try:
            nlp = spacy.load(trained, exclude=["ner", "lemmatizer", "textcat"])
        except OSError as error:
            raise QdaError(f"spaCy pipeline {trained!r} is not installed; install it, or leave out --pipeline to use the built-in sentencizer") from error
        if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
            nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.blank(language or "xx")
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def load_blank_pipelines() -> None:
    """The English and Spanish pipelines loaded, before worker processes fork, so that they
    share them rather than each loading its own."""
    for language in ("en", "es"):
        pipeline(language)


def sentences(text: str, paragraph_spans: list[Span], label_ends: dict[int, int], language: str,
              trained: str | None = None) -> list[Span]:
    """Sentence spans, found paragraph by paragraph; ``label_ends`` maps a turn's start
    to where its words begin, so that a paragraph opening a turn skips its label."""
    nlp = pipeline(language, trained)
    pieces = [
        (begin, text[begin:span.end])
        for span in paragraph_spans
        if (begin := label_ends.get(span.start, span.start)) < span.end
    ]
    result: list[Span] = []
    for (offset, piece), doc in zip(pieces, nlp.pipe((p for _, p in pieces), batch_size=256)):
        for sentence in doc.sents:
            start, end = sentence.start_char, sentence.end_char
            while start < end and piece[start].isspace():
                start += 1
            while end > start and piece[end - 1].isspace():
                end -= 1
            if end > start:
                result.append(Span(offset + start, offset + end))
    return result


def segment(text: str, language: str, pattern: re.Pattern[str] | None = None,
            trained: str | None = None) -> tuple[list[Turn], list[Span], list[Span]]:
    """Turns, paragraphs and sentences of a canonical text (``DEFAULT_SPEAKER_PATTERN`` unless
    ``pattern`` is given; spaCy's sentencizer unless a ``trained`` pipeline is named)."""
    found_turns, label_ends = turns(text, pattern or compile_speaker_pattern(None))
    found_paragraphs = paragraphs(text)
    return found_turns, found_paragraphs, sentences(text, found_paragraphs, label_ends, language, trained)


def segment_text(text: str, language: str) -> tuple[list[tuple], list[tuple], list[tuple], int, str]:
    """``segment`` by qda's defaults as plain tuples, which cross between processes in half the
    time of the model's objects, with the word count and the SHA-256 of the text."""
    found_turns, found_paragraphs, found_sentences = segment(text, language)
    return ([(t.speaker, t.start, t.end) for t in found_turns], [(s.start, s.end) for s in found_paragraphs],
            [(s.start, s.end) for s in found_sentences], count_words(text), sha256(text))
