"""The transcript in the real app at 80x24 and 120x40 with text of every width: rows of CJK,
emoji families and skin tones, letters with combining marks, Arabic and Hebrew with direction
marks.  Each row is drawn whole in the pane (the end of a long CJK line too), a click on either
column of a wide character puts the cursor on that character and draws it there, up and down keep
the screen column, and a selection dragged with the mouse after wide characters codes exactly
the words under it, the characters under the press and the release included (in Chinese a
character is a word; checked against the document's text, on both engines).  rich's ``cell_len``
is the peer for where things are drawn.  The transcript is fictional."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len

import qda
from qda.ingest import import_files
from qda.tui.widgets.transcript_drawing import MARGIN
from tests.conftest import _on_engine

from .coded_sample import codings_of, press, settle, until

pytestmark = pytest.mark.timeout(240)

SIZES = [(80, 24), (120, 40)]
FAMILY = "👨\u200d👩\u200d👧"
LONG_CJK = "我们村子里的老人都说要先去找家人再去派出所报案才行可是没有人愿意陪她去一直等到第二天她才去了派出所结果警察说这是家务事让她回家末"
TRANSCRIPT = f"""MODERADORA: ¿Con quién habló primero?

林家女儿: {LONG_CJK}

LUCIA: 我们村子里的老人都说要先去
Después fuimos a la comisaría de Lima Norte con mi hermana y con mi madre.

LUCIA: {FAMILY} {FAMILY} 我们 familia y madre 👍🏽 👋🏿 mi hermana q\u0307ue\u0301 ya sabía

LUCIA: Mi familia {FAMILY} 👍🏽 👋🏿 y mi hermana 👩🏾\u200d🦱 habló con la comisaría sin esperar nada

LUCIA: La n\u0331and\u0331u de la esquina dijo que q\u0307ue ya sabía: \u200fالعائلة\u200f y שָׁלוֹם denuncia
"""


def build(folder):
    folder.mkdir(exist_ok=True)
    transcript = folder / "P31_familia.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    path = folder / "wide.qda"
    with qda.create_project(path) as project:
        import_files(project, [transcript])
        project.add_code("Familia")
    return path


@pytest.fixture
def wide_path(tmp_path, engine, request):
    """The wide transcript's project: a file, or a server database."""
    return _on_engine(request, engine, build(tmp_path / "template"), tmp_path)


def place(transcript, offset: int) -> tuple[int, int]:
    """Where ``offset`` is drawn in the transcript (x, y), by rich's measure of the row before it."""
    layout = transcript.wrap
    index = layout.row_of(offset)
    row = layout.rows[index]
    x = MARGIN + transcript.label_gutter + cell_len(layout.display[row.start:offset])
    return x, index - round(transcript.scroll_offset.y)


def reversed_at(strip) -> int:
    """The column of the first reverse-styled cell of a drawn row (the cursor)."""
    column = 0
    for segment in strip:
        if segment.style and segment.style.reverse:
            return column
        column += cell_len(segment.text)
    return -1


@pytest.mark.parametrize("size", SIZES)
def test_every_row_is_drawn_whole_within_the_pane(tmp_path, size, in_app):
    async def check(app, pilot):
        transcript = app.transcript
        layout = transcript.wrap
        height = transcript.size.height
        shown, lines = 0, []
        for top in range(0, len(layout), height):  # page by page, as a reader scrolls
            transcript.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            for y in range(min(height, len(layout) - top)):
                line = transcript.render_line(y).text
                row = layout.rows[top + y]
                assert cell_len(line) == transcript.size.width, line
                assert layout.display[row.start:row.end].rstrip() in line, (line, row)
                lines.append(line)
                shown += 1
        assert shown == len(layout)
        assert any(line.rstrip().endswith(LONG_CJK[-6:]) for line in lines), lines  # the line's end is shown

    in_app(build(tmp_path), size, check)


@pytest.mark.parametrize("size", SIZES)
def test_a_click_on_either_column_of_a_wide_character_puts_the_cursor_on_it(tmp_path, size, in_app):
    async def check(app, pilot):
        transcript = app.transcript
        text = transcript.text
        targets = [text.index(LONG_CJK) + len(LONG_CJK) - 1, text.index("派出所"), text.index(FAMILY),
                   text.index("👋🏿"), text.index("hermana 👩"), text.index("\u200fالعائلة") + 1,
                   text.index(unicodedata.normalize("NFC", "and\u0331u")), text.index("q\u0307ue") + 2,
                   text.index(unicodedata.normalize("NFC", "שָׁלוֹם"))]
        for offset in targets:
            x, y = place(transcript, offset)
            for column in range(x, x + max(cell_len(transcript.wrap.display[offset]), 1)):
                await pilot.click(transcript, offset=(column, y))
                await settle(app, pilot)
                assert transcript.cursor == offset, (text[offset], column, transcript.cursor)
                assert reversed_at(transcript.render_line(y)) == x  # drawn where it is

    in_app(build(tmp_path), size, check)


@pytest.mark.parametrize("size", SIZES)
def test_up_and_down_keep_the_screen_column(tmp_path, size, in_app):
    async def check(app, pilot):
        transcript = app.transcript
        layout = transcript.wrap
        below = transcript.text.index("Después") + 16  # column 16 of the Latin line under a CJK one
        x, y = place(transcript, below)
        await pilot.click(transcript, offset=(x, y))
        await press(app, pilot, "up")
        row = layout.rows[layout.row_of(below) - 1]
        assert "我们村子里的老人都说要先去" in layout.display[row.start:row.end]
        drawn = [o for o in range(row.start, row.end) if cell_len(layout.display[row.start:o]) in (15, 16)]
        assert transcript.cursor == drawn[-1]  # the character drawn in column 16 (wide: 15-16 or 16-17)
        assert cell_len(layout.display[row.start:drawn[-1] + 1]) > 16
        await press(app, pilot, "down")
        assert transcript.cursor == below and layout.column_of(below) == 16
        # through the blank line between two turns and back: the column wanted is kept
        start = transcript.text.index("familia y madre") + 1
        x, y = place(transcript, start)
        await pilot.click(transcript, offset=(x, y))
        column = layout.column_of(start)
        rows = layout.row_of(start)
        await press(app, pilot, "up")
        while layout.rows[layout.row_of(transcript.cursor)].start != layout.rows[layout.row_of(transcript.cursor)].end:
            await press(app, pilot, "up")  # to the blank line above the turn
        await press(app, pilot, "up")
        above = layout.row_of(transcript.cursor)
        assert layout.rows[above].end > layout.rows[above].start  # a row of text, not the blank line
        assert transcript.cursor == layout.offset_at(above, column)  # at the column, or its row's end if shorter
        while layout.row_of(transcript.cursor) < rows:
            await press(app, pilot, "down")
        assert transcript.cursor == start

    in_app(build(tmp_path), size, check)


@pytest.mark.parametrize("size", SIZES)
def test_a_selection_dragged_after_wide_characters_codes_exactly_its_words(wide_path, size, in_app):
    async def check(app, pilot):
        transcript = app.transcript
        text = transcript.text
        for words, backwards in (("familia y madre", False), ("mi hermana", False), ("ya sabía", True),
                                 ("comisaría sin", False), ("派出所", False), ("找家人", True)):
            start = text.index(words, text.index(FAMILY) if words[0] not in LONG_CJK else 0)
            end = start + len(words)
            first, y = place(transcript, start)
            last, y_end = place(transcript, end - 1)
            assert y == y_end, "the words should be on one row at this size"
            if backwards:  # from the last character to the first
                first, last = last, first
            await pilot.mouse_down(transcript, offset=(first, y))
            await pilot.hover(transcript, offset=(last, y))
            await pilot.mouse_up(transcript, offset=(last, y))
            await settle(app, pilot)
            assert transcript.selection == (start, end), (words, transcript.selection)
            before = codings_of(wide_path)
            await press(app, pilot, "1")
            added = await until(pilot, lambda: codings_of(wide_path) - before, "the coding")
            (code_id, coded_start, coded_end), = added
            assert text[coded_start:coded_end] == words and code_id == app.quick["1"]
            with qda.open_project(wide_path) as project:
                document = project.documents()[0]
                stored = [c for c in project.codings(coder="ana") if (c.start, c.end) == (coded_start, coded_end)]
                assert document.text[stored[0].start:stored[0].end] == words
            await press(app, pilot, "escape")

    in_app(wide_path, size, check)
