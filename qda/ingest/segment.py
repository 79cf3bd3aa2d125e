"""Speaker turns, paragraphs and sentences of a canonical text.

Turns come from the speaker labels ``speakers.find`` accepts (or from the
user's own pattern), paragraphs from blank lines, and sentences from spaCy:
``spacy.blank(language)`` with the rule-based sentencizer by default, or a
trained pipeline the user installed.  Sentences never cross a paragraph, leave
out the speaker label that opens a turn, never start or end inside brackets
(``(laughs)``, ``[pause]`` stay with their sentence), start with the marks that open them (``¿``,
``¡``, ``«``, opening quotes: spaCy leaves them with the sentence before) and never end after a title
such as ``Dr.`` or ``Sra.``.  A paragraph longer than spaCy's limit is split
into pieces at sentence ends first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache

from ..errors import QdaError
from ..model import Span, Turn
from ..text import count_words, sha256
from ..user_patterns import all_matches, compile_pattern
from . import speakers

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
PIECE = 100_000  # characters given to spaCy at once; its limit (nlp.max_length) is 1,000,000


def compile_speaker_pattern(pattern: str | None):
    """The user's own speaker pattern compiled (``qda.user_patterns``: run within a bound of CPU
    time), or None for qda's label finder (``speakers.find``)."""
    if not pattern:
        return None
    compiled = compile_pattern(pattern, re.MULTILINE, what="speaker pattern")
    if "speaker" not in compiled.groupindex:
        raise QdaError(f"speaker pattern {pattern!r} needs a named group (?P<speaker>...)")
    return compiled


def turns(text: str, pattern=None,
          hints: frozenset[str] = frozenset()) -> tuple[list[Turn], dict[int, int]]:
    """Turns from each label to the next, and for each turn start the offset where its words begin.
    ``hints``: labels the file's structure names as speakers (WebVTT voices, bold Word names)."""
    if pattern is None:
        labels = speakers.find(text, hints)
    else:
        # a match whose speaker group took no text (``(?P<speaker>...)?``) names no one: not a label
        labels = [(m.group("speaker").strip(), m.start(), m.end()) for m in all_matches(pattern, text, "this file")
                  if (m.group("speaker") or "").strip()]
    events = [start for start, _ in speakers.tool_lines(text)]
    result: list[Turn] = []
    label_ends: dict[int, int] = {}
    for i, (speaker, start, words_start) in enumerate(labels):
        end = labels[i + 1][1] if i + 1 < len(labels) else len(text)
        if events and (after := bisect_left(events, words_start)) < len(events) and events[after] < end:
            end = events[after]  # "Ana Quispe stopped transcription" ends the turn above it (``speakers.tool_lines``)
        while end > start and text[end - 1].isspace():
            end -= 1
        result.append(Turn(speaker, start, end))
        label_ends[start] = words_start
    for event in events:  # a part of its own for sentences, as a turn's start: no sentence runs into it
        label_ends.setdefault(event, event)
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
    """Sentence spans, found paragraph by paragraph and turn by turn; ``label_ends`` maps a turn's
    start to where its words begin, so that no sentence holds a speaker label."""
    nlp = pipeline(language, trained)
    parts: Iterable[tuple[int, int]] = ((span.start, span.end) for span in paragraph_spans)
    turn_starts = sorted(label_ends)
    if set(label_ends) - {span.start for span in paragraph_spans}:  # turns start inside paragraphs
        parts = [part for span in paragraph_spans for part in _turn_parts(span, turn_starts)]
    pieces: list[tuple[int, str]] = []
    for start, end in parts:  # a label may run over paragraphs (times, then the name): its words begin after it
        turn = bisect_right(turn_starts, start) - 1
        begin = max(start, label_ends[turn_starts[turn]]) if turn >= 0 else start
        if end - begin > PIECE:
            pieces += _pieces(text, begin, end)
        elif begin < end:
            pieces.append((begin, text[begin:end]))
    result: list[Span] = []
    for (offset, piece), doc in zip(pieces, nlp.pipe((p for _, p in pieces), batch_size=256)):
        pairs = _bracket_pairs(piece) if ("(" in piece or "[" in piece or "{" in piece) else ()
        starts = [0]
        for sentence in doc.sents:  # this loop runs once per sentence of the corpus: the quick test first
            start = sentence.start_char
            if start == 0:
                continue
            if pairs or piece[start - 1] != " " or (piece[start - 2] == "." and piece[
                    piece.rfind(" ", max(0, start - 10), start - 2) + 1:start - 1].lower() in SHORT_FORMS):
                start = _mended_start(piece, start, pairs, starts[-1])
            if start is not None:
                starts.append(_before_opening_marks(piece, start, starts[-1]))
        starts.append(len(piece))
        for start, end in zip(starts, starts[1:]):
            while start < end and piece[start].isspace():
                start += 1
            while end > start and piece[end - 1].isspace():
                end -= 1
            if end > start:
                result.append(Span(offset + start, offset + end))
    return result


def _turn_parts(span: Span, turn_starts: list[int]) -> list[tuple[int, int]]:
    """A paragraph cut where turns start inside it (one line per speaker, no blank lines)."""
    inside = turn_starts[bisect_right(turn_starts, span.start):bisect_left(turn_starts, span.end)]
    if not inside:
        return [(span.start, span.end)]
    edges = [span.start, *inside, span.end]
    return list(zip(edges, edges[1:]))


SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*\s+")


def _pieces(text: str, begin: int, end: int) -> list[tuple[int, str]]:
    """``text[begin:end]`` in pieces of at most ``PIECE`` characters, cut after a sentence's end
    where there is one (else at a space): spaCy refuses texts past ``nlp.max_length``."""
    result = []
    while end - begin > PIECE:
        window = text[begin:begin + PIECE]
        cut = max((m.end() for m in SENTENCE_END.finditer(window, PIECE // 2)), default=0)
        if not cut:
            cut = window.rfind(" ", PIECE // 2) + 1 or PIECE
        result.append((begin, window[:cut]))
        begin += cut
    result.append((begin, text[begin:end]))
    return result


# Titles never end a sentence; the other abbreviations do not when a lower-case word or a number follows.
TITLES = {"dr.", "dra.", "sr.", "sra.", "srta.", "mr.", "mrs.", "ms.", "mx.", "prof.", "lic.", "ing.", "ud.", "uds.", "st."}
ABBREVIATIONS = {"etc.", "ej.", "p.", "e.g.", "i.e.", "aprox.", "approx.", "vs.", "cf.", "no.", "núm.", "pág.", "pp."}
SHORT_FORMS = TITLES | ABBREVIATIONS  # the quick test; _mended_start looks closer
BRACKETS = {")": "(", "]": "[", "}": "{"}
LONGEST_NOTE = 500  # characters: a longer bracket is prose, split as prose


def _mended_start(piece: str, start: int, pairs, begin: int) -> int | None:
    """Where the sentence spaCy starts at ``start`` really starts: None after an abbreviation
    ("Dr. Ruiz", "etc. and"), past the bracket when ``start`` is inside one and a sentence ended
    before it ("Normal? (laughs) There..."), else None when inside one; else ``start``."""
    end = start
    while end > 0 and piece[end - 1].isspace():
        end -= 1
    if piece[end - 1] == ".":  # only a full stop can end an abbreviation: look at the word before it
        word = piece[piece.rfind(" ", max(0, end - 9), end) + 1:end].lower().lstrip("([¿¡\"'“")
        if word in TITLES or (word in ABBREVIATIONS and (piece[start].islower() or piece[start].isdigit())):
            return None
    if pairs:
        inside = next(((o, c) for o, c in pairs if o < start <= c or o == end - 1), None)
        if inside is not None:
            opening, closing = inside
            after = closing + 1
            while after < len(piece) and piece[after].isspace():
                after += 1
            if not (piece[:opening].rstrip().rstrip("\"'”’»)]")[-1:] in ".?!…" and after < len(piece)):
                return None
            start = after
    return start if start > begin else None


OPENING_MARKS = "¿¡«‹“‘„‚\"'"  # open a sentence; spaCy leaves them at the end of the one before


def _before_opening_marks(piece: str, start: int, begin: int) -> int:
    """``start`` moved back over the opening marks just before it ("Buenos días. ¿Puede…" starts at
    "¿", not "Puede") when a space or the piece's start precedes them: a straight quote after a
    word closes it and stays behind."""
    mark = start
    while mark > begin and piece[mark - 1] in OPENING_MARKS:
        mark -= 1
    return mark if mark < start and (mark == 0 or piece[mark - 1].isspace()) else start


def _bracket_pairs(piece: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the matched brackets of ``piece``, shorter than ``LONGEST_NOTE``."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for position, char in enumerate(piece):
        if char in "([{":
            stack.append((char, position))
        elif char in BRACKETS:
            while stack and stack[-1][0] != BRACKETS[char]:
                stack.pop()
            if stack:
                _, opening = stack.pop()
                if position - opening < LONGEST_NOTE:
                    pairs.append((opening, position))
    return pairs


def segment(text: str, language: str, pattern=None, trained: str | None = None,
            hints: frozenset[str] = frozenset()) -> tuple[list[Turn], list[Span], list[Span]]:
    """Turns, paragraphs and sentences of a canonical text (``speakers.find`` unless ``pattern``
    is given; spaCy's sentencizer unless a ``trained`` pipeline is named)."""
    found_turns, label_ends = turns(text, pattern, hints)
    found_paragraphs = paragraphs(text)
    return found_turns, found_paragraphs, sentences(text, found_paragraphs, label_ends, language, trained)


def segment_text(text: str, language: str) -> tuple[list[tuple], list[tuple], list[tuple], int, str]:
    """``segment`` by qda's defaults as plain tuples, which cross between processes in half the
    time of the model's objects, with the word count and the SHA-256 of the text."""
    found_turns, found_paragraphs, found_sentences = segment(text, language)
    return ([(t.speaker, t.start, t.end) for t in found_turns], [(s.start, s.end) for s in found_paragraphs],
            [(s.start, s.end) for s in found_sentences], count_words(text), sha256(text))
