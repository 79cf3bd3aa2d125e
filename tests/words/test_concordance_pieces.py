"""The concordance decodes only the turns that hold a hit (qda.analysis.concordance._Text) and counts
each hit's code points from the bytes before it (qda.analysis.word_scan.WordScan.locate): its lines
must be those of the whole text decoded.  The reference here does what the concordance did before,
on each document's whole text: find_words, the hit's turn (the last to start at or before it, if
the hit starts before its end), the speaker's label (navigation.label_end) and context_bounds within
the turn.  On both engines, on fictional texts of the shapes that could part the two: a turn with a
hit beside turns without, hits at offset 0 and at the text's end, a phrase that runs past its turn,
a hit between turns, emoji, combining marks, CJK and right-to-left text before a hit, a context
longer than the first window, and texts searched whole (a dotted capital I, a capital sigma)."""

from __future__ import annotations

import random
import shutil
import unicodedata

import pytest

import qda
from qda.analysis.concordance import concordance_rows, context_bounds, find_words
from qda.analysis.word_scan import WordScan
from qda.ingest.parsed import ParsedDocument
from qda.model import Span, Turn
from qda.navigation import label_end
from qda.text import sha256

pytestmark = pytest.mark.both_engines

COLUMNS = ["document_id", "speaker", "left", "hit", "right", "start", "end"]


def document(name: str, text: str, turns=(), paragraphs=None) -> ParsedDocument:
    """A document of ``text`` (NFC already) with ``turns`` as (speaker, start, end) in code points."""
    assert unicodedata.is_normalized("NFC", text)
    paragraphs = [Span(0, len(text))] if paragraphs is None else paragraphs
    return ParsedDocument(name=name, text=text, sha256=sha256(text), words=len(text.split()), language="es",
                          source=f"{name}.txt", turns=[Turn(speaker, start, end) for speaker, start, end in turns],
                          sentences=list(paragraphs), paragraphs=list(paragraphs), attributes={})


def labelled(name: str, said: list[tuple[str, str]]) -> ParsedDocument:
    """Turns "SPEAKER: words" a paragraph each, a blank line between them."""
    text, turns, paragraphs = "", [], []
    for speaker, words in said:
        if text:
            text += "\n\n"
        piece = unicodedata.normalize("NFC", f"{speaker}: {words}")
        turns.append((speaker, len(text), len(text) + len(piece)))
        paragraphs.append(Span(len(text), len(text) + len(piece)))
        text += piece
    return document(name, text, turns, paragraphs)


SHAPES = [
    document("S01_sin_turnos", "familia al principio y al final la familia"),
    labelled("S02_turnos", [("ENTREVISTADORA", "¿Y la comisaría?"), ("E02", "Fui con mi familia, sí."),
                            ("ENTREVISTADORA", "¿Qué pasó después?"), ("E02", "Nada; la Familia calló. La familia")]),
    labelled("S03_anchos", [("E03", "😀👍🏽 el 警察 dijo que la familia 👨‍👩‍👧 no vino"),
                            ("E03", unicodedata.normalize("NFC", "Cafe\u0301 nin\u0303a x\u0323\u0307 familia fami\u0301lia")),
                            ("E03", "الشرطة لم تساعد familia שלום עולם"), ("E03", "𝒜𝒷𝒸 𐍈 familia 𝒜")]),
    document("S04_limite", "A la familia B la\nfamilia C familia",
             [("X", 0, 4), ("Y", 4, 14), ("Z", 19, 26)], [Span(0, 14), Span(14, 35)]),
    labelled("S05_etiqueta", [("FAMILIA", "la familia de la FAMILIA"), ("E05", "sin la palabra")]),
    labelled("S06_largo", [("E06", "familia " + "— " * 200 + "palabra " + "x" * 300 + " familia uno dos")]),
    labelled("S07_entero", [("E07", "İstanbul y la FAMILIA"), ("E07", "ΣΟΦΙΑ familia σοφια")]),
    document("S08_solo", "ñandú " * 50 + "familia" + " ñandú" * 50),
]


@pytest.fixture(scope="session")
def shapes_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("concordance-pieces") / "shapes.qda"
    with qda.create_project(path) as project:
        project.add_documents(SHAPES)
    return path


@pytest.fixture
def shapes(shapes_template, tmp_path, engine, request):
    """The shapes in a file, or pushed to a new database of the tests' PostgreSQL."""
    if engine == "file":
        location = tmp_path / shapes_template.name
        shutil.copyfile(shapes_template, location)
    else:
        from qda.store.transfer import push

        location = request.getfixturevalue("server_url")
        push(shapes_template, location)
    with qda.open_project(location) as project:
        yield project


def reference(project, query: str, words: int) -> list[tuple]:
    """The lines of the concordance, found on each document's whole text (see the module's doc)."""
    from qda.store.queries import turn_speakers

    turns = turn_speakers(project)
    lines = []
    for document in project.documents():
        text = document.text
        own = [(row.start, index, row.end, row.speaker) for index, row in
               enumerate(turns[turns["document_id"] == document.id].itertuples())]
        own.sort()  # by start, then index
        for start, end in find_words(text, query):
            before = [turn for turn in own if turn[0] <= start]
            low, high, speaker = 0, len(text), ""
            if before and start < before[-1][2]:
                turn_start, _, high, speaker = before[-1]
                low = label_end(text, turn_start, speaker)
                if start < low:
                    continue
            left, right = context_bounds(text, start, end, words, low, high)
            lines.append((document.id, speaker, text[left:start], text[start:end], text[end:right], start, end))
    return lines


def lines(project, query: str, words: int) -> list[tuple]:
    table = concordance_rows(project, query, context=words)
    return list(zip(*(table.column(name) for name in COLUMNS)))


@pytest.mark.parametrize("query", ["familia", "famili*", "la familia", "*milia", "la", "x", "palabra", "sofia"])
def test_the_lines_are_those_of_the_whole_text(shapes, query):
    for words in (0, 2, 8, 40):
        assert lines(shapes, query, words) == reference(shapes, query, words), (query, words)


def test_hits_at_the_ends_past_a_turn_and_between_turns(shapes):
    found = {(document_id, start): row for document_id, *row, start, _ in lines(shapes, "la familia", 2)}
    names = dict(shapes.document_names())
    by_name = {(names[document_id], start): row for (document_id, start), row in found.items()}
    # offset 0 of a text without turns, and its last characters
    first, last = [row[1:] for row in lines(shapes, "familia", 2) if names[row[0]] == "S01_sin_turnos"]
    assert first == ("", "", "familia", " al principio", 0, 7) and last == ("", "final la ", "familia", "", 35, 42)
    # a phrase that starts in turn X and ends in turn Y: X's speaker, no right context past X's end
    assert by_name[("S04_limite", 2)] == ["X", "A ", "la familia", ""]
    # a phrase between turns Y and Z (across the line break): no speaker, the text's words around it
    assert by_name[("S04_limite", 15)] == ["", "familia B ", "la\nfamilia", " C familia"]
    # the speaker's label is not a hit; the same word in the turn is
    assert [row[3] for row in lines(shapes, "familia", 0) if names[row[0]] == "S05_etiqueta"] == ["familia", "FAMILIA"]


def test_offsets_after_characters_of_every_width(shapes):
    texts = {d.id: d.text for d in shapes.documents()}
    names = dict(shapes.document_names())
    wide = [row for row in lines(shapes, "familia", 3) if names[row[0]] == "S03_anchos"]
    assert len(wide) == 4
    for document_id, _speaker, left, hit, right, start, end in wide:
        text = texts[document_id]
        assert text[start:end] == hit == "familia"
        assert text[start - len(left):start] == left and text[end:end + len(right)] == right
    accented = unicodedata.normalize("NFC", "Cafe\u0301 nin\u0303a x\u0323\u0307 ")  # a mark is part of its word
    assert [row[2] for row in wide] == ["dijo que la ", accented, "الشرطة لم تساعد ", "𝒜𝒷𝒸 𐍈 "]


PIECES = ["familia", "FAMILIA", "Familias", "la", " ", "  ", "\n", "\n\n", ",", "¿", "—", "ñ", "á", "\u0301", "😀",
          "👨‍👩‍👧", "警察", "ש", "مر", "𝒜", "ex-", "’", "İ", "Σ", "ß", "x"]


@pytest.mark.file_only
def test_random_texts_and_turns_give_the_lines_of_the_whole_text(tmp_path):
    rng = random.Random("concordance pieces")
    documents = []
    for number in range(60):
        text = unicodedata.normalize("NFC", "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80))))
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 6))))
        turns = []
        for start, end in zip(cuts, cuts[1:]):
            if rng.random() < 0.8:  # some stretches between turns
                speaker = rng.choice(["E", "ANA", "familia", ""])
                turns.append((speaker, start, end))
        documents.append(document(f"R{number:02d}", text, turns))
    with qda.create_project(tmp_path / "random.qda") as project:
        project.add_documents(documents)
        for query in ("familia", "famili*", "la familia", "la", "x"):
            for words in (0, 1, 3):
                assert lines(project, query, words) == reference(project, query, words), (query, words)


def test_located_hits_are_at_their_bytes():
    rng = random.Random("located")
    scan = WordScan("familia")
    for _ in range(300):
        text = unicodedata.normalize("NFC", "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))))
        body = text.encode()
        located = scan.locate(body)
        assert located.hits == find_words(text, "familia")
        if located.text is None:
            assert [len(body[:at].decode()) for at in located.at] == [start for start, _ in located.hits]
        else:
            assert located.text == text and located.at is None


def test_context_words_are_whole_words_however_far_they_are():
    """Before, a word could be matched in pieces: a window holding fewer words than asked was taken as
    holding enough (the context cut short), and splitting a long word took time exponential in its length."""
    text = "uno dos tres " + "😀 " * 100 + "cuatro cinco seis siete ocho familia"
    start = text.index("familia")
    left, _ = context_bounds(text, start, start + 7, 8)
    assert text[left:start].split()[:3] == ["uno", "dos", "tres"]  # 8 words: 3, the emoji between, 5
    text = "familia " + "— " * 200 + "palabra " + "x" * 300 + " familia uno dos"
    start = text.rindex("familia")
    left, right = context_bounds(text, start, start + 7, 40)  # never ended before
    assert left == 0 and text[start + 7:right] == " uno dos"
    text = "a " + "x" * 10 + "-" + "y" * 22 + " familia"
    start = text.index("familia")
    assert text[start - 24] == "-"  # the first window (24 characters a word) begins at the hyphen
    left, _ = context_bounds(text, start, start + 7, 1)
    assert text[left:start] == "x" * 10 + "-" + "y" * 22 + " "  # one word, whole
