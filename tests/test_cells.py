"""Terminal columns (qda.cells), the one measure of the app, the plain printers and the transcript's
layout, checked against rich's ``cell_len`` (the peer: Textual draws every row with it) on the
world's shapes: Devanagari and Thai clusters, emoji joined by zero-width joiners, skin tones,
flags, keycaps, symbols made emoji (U+FE0F) or text (U+FE0E) by a variation selector, accents as
combining marks, Arabic and Hebrew with their points and direction marks, tabs and other control
characters, a code point unassigned in Unicode and one assigned after Python 3.11's Unicode 14."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from qda.cells import NARROW_RANGES, cell_width, clusters, first_cells, last_cells, pad_left, shorten, visible

SHAPES = {
    "devanagari": "क्षत्रिय महिला",
    "thai": "ตำรวจที่สถานี",
    "zwj-family": "familia 👨\u200d👩\u200d👧\u200d👦",
    "zwj-profession": "👩\u200d⚖️ jueza",
    "zwj-gendered": "corre \U0001F3C3\u200d\u2640\ufe0f y la m\u00e9dica \U0001F469\u200d\u2695\ufe0f",
    "skin-tones": "👍🏽 👋🏿 👩🏾\u200d🦱",
    "flag": "Perú 🇵🇪",
    "keycap": "paso 1\ufe0f\u20e3",
    "emoji-style": "amor ❤\ufe0f",
    "text-style": "amor ❤\ufe0e",
    "combining": unicodedata.normalize("NFD", "Perú, señora, café") + " n\u0331a q\u0307",
    "arabic-harakat": "مُحَمَّد والشرطة",
    "hebrew-points": "שָׁלוֹם שוטרים",
    "direction-marks": "\u200fالشرطة\u200f (policía) \u200e",
    "cjk": "我们村子里的老人都说",
    "fullwidth": "ＡＢＣ１２３",
    "tab": "antes\tdespués",
    "controls": "a\x1bb\x07c\x85d\x7f",
    "unassigned": "a\u0378b",
    "newer-than-python": "cara \U0001FAE8 temblando",  # Unicode 15: two columns for rich, unknown to 3.11's tables
    "private-use": "\ue000\U000F0000",
    "zero-width-space": "co\u200bdigo",
}


def test_every_shape_measures_as_rich_draws_it():
    for name, text in SHAPES.items():
        assert cell_width(text) == cell_len(visible(text)), name


def test_what_is_measured_without_rich_is_one_column_for_rich():
    for low, high in NARROW_RANGES:
        for code in range(ord(low), ord(high) + 1):
            if code == 10:  # a line break ends the line measured: callers split at it
                continue
            char = chr(code)
            assert cell_len(visible(char)) == 1 == cell_width(char), hex(code)


def test_control_characters_are_drawn_as_one_space_each():
    assert visible("a\tb\x1bc\nd\x85") == "a b c\nd "
    assert cell_width("a\tb") == 3 and cell_width("日\t") == 3  # the same count on both paths


def test_a_gendered_or_professional_emoji_is_one_picture():
    # The CLI's own table (unicodedata, its own joiner rule) counted these four columns, rich two.
    for emoji in ("\U0001F3C3\u200d\u2640\ufe0f", "\U0001F469\u200d\u2695\ufe0f", "\U0001F43B\u200d\u2744\ufe0f"):
        assert cell_width(emoji) == 2 == cell_len(emoji)


PIECES = ["a", "b", " ", "é", "日", "本", "\u200d", "\ufe0f", "\ufe0e", "\u0301", "\u0331", "\u200f", "👨", "👩",
          "👧", "👍", "\U0001F3FD", "❤", "क", "्", "ष", "ि", "ต", "ำ", "ب", "\u064f", "ש", "\u05b8", "🇵", "🇪",
          "1", "\u20e3", "\t", "\x1b", "\x85", "\u0378", "\U0001FAE8", "Ａ"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clusters_cover_the_text_and_add_up_to_its_width(text):
    pieces = clusters(text)
    assert [start for start, _, _ in pieces] == sorted({start for start, _, _ in pieces})
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert (pieces[0][0], pieces[-1][1]) == (0, len(text)) if text else pieces == []
    assert sum(size for _, _, size in pieces) == cell_width(text)
    drawn = visible(text)
    for start, _, _ in pieces:  # Textual measures each drawn segment apart: cut between clusters, nothing moves
        assert cell_len(drawn[:start]) + cell_len(drawn[start:]) == cell_len(drawn)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 30))
def test_cutting_keeps_whole_clusters_and_fills_the_columns(text, width):
    bounds = {start for start, _, _ in clusters(text)} | {len(text)}
    head, tail = first_cells(text, width), last_cells(text, width)
    assert text.startswith(head) and text.endswith(tail)
    assert len(head) in bounds and len(text) - len(tail) in bounds
    assert cell_width(head) <= width and cell_width(tail) <= width
    if head != text:  # the next cluster would not have fitted
        following = next(piece for piece in clusters(text) if piece[0] == len(head))
        assert cell_width(head) + following[2] > width
    assert cell_width(shorten(text, width)) <= max(width, 1)
    assert cell_width(pad_left(head, width)) == width


def test_a_family_is_never_cut_into_another_picture():
    family = "👨\u200d👩\u200d👧"
    assert last_cells("ab " + family, 3) == " " + family and last_cells(family + "x", 1) == "x"
    assert first_cells(family + " ab", 1) == "" and first_cells(family + " ab", 2) == family


def test_ascii_is_cut_by_characters():
    assert first_cells("familia", 4) == "fami" and last_cells("familia", 4) == "ilia"
    assert pad_left(last_cells("la familia", 12), 12) == "  la familia"
