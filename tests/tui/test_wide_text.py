"""Text in wide characters (CJK, emoji), combining marks, direction marks and joiners is cut and
aligned by terminal columns in the app, as Textual draws it (rich.cells.cell_len is the measure
and the peer): the concordance's hits line up, memos, code names and speaker labels are cut to
their columns.  Each checked in the real app at 80x24 and 120x40.  The transcript is fictional."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

import qda
from qda.ingest import import_files
from qda.tui.screens.concordance import ConcordanceScreen
from qda.tui.screens.memos import MemosScreen
from qda.cells import first_cells, last_cells, shorten
from qda.tui.widgets.details import excerpt

from .coded_sample import settle, until

pytestmark = pytest.mark.timeout(180)

SIZES = [(80, 24), (120, 40)]
JOINED = "\U0001F469\u200d\U0001F467"  # woman, zero-width joiner, girl: one picture in two columns
WIDE_SPEAKER = "林家女儿"  # four characters, eight columns
TRANSCRIPT = f"""MODERADORA: ¿Con quién habló primero?

{WIDE_SPEAKER}: 我们 村子 里 的 老人 都 说 要 先 去 找 familia 再 去 派出所 报案 才 行

MODERADORA: ¿Y su hermana?

LUCIA: Mi hermana {JOINED} {JOINED} {JOINED} {JOINED} {JOINED} {JOINED} {JOINED} {JOINED} habló con la familia \u200fالعائلة\u200f sin esperar

LUCIA: La n\u0303and\u0331u\u0331 de la esquina dijo que la familia q\u0307ue\u0301 y\u0331a\u0331 sabi\u0301a
"""
CODE_NAME = "家庭成员之间的沉默与拒绝报案的长期后果和原因"
MEMO = "这位受访者提到她的家人长期劝她不要报案，因为村里的人会议论，她觉得没有人可以依靠。" * 2


def build(tmp_path):
    transcript = tmp_path / "P21_familia.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    path = tmp_path / "wide.qda"
    with qda.create_project(path) as project:
        import_files(project, [transcript])
        code = project.add_code(CODE_NAME)
        document = project.documents()[0]
        project.add_coding(document, code, 0, 14, coder="ana")
        project.set_memo("document", document.id, MEMO, "ana")
    return path


def test_cutting_by_columns_keeps_whole_characters():
    text = f"老人 {JOINED} n\u0303a \u200fabc"
    for width in range(cell_len(text) + 2):
        start, end = first_cells(text, width), last_cells(text, width)
        assert text.startswith(start) and text.endswith(end)
        assert cell_len(start) <= width >= cell_len(end)
        assert cell_len(start) >= width - 1 or start == text  # never a column lost but to a wide character
        assert cell_len(end) >= width - 1 or end == text
        assert not end[:1] or cell_len(end[0]) > 0  # no mark or joiner left from a character cut away
        assert cell_len(shorten(text, width)) <= max(width, 1)


def rendered(widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


@pytest.mark.parametrize("size", SIZES)
def test_the_concordance_hits_line_up_whatever_the_script(tmp_path, size, in_app):
    async def check(app, pilot):
        app.push_screen(ConcordanceScreen("familia"))
        await settle(app, pilot)
        screen = await until(pilot, lambda: isinstance(app.screen, ConcordanceScreen) and app.screen.hits
                             and app.screen, "the hits")
        await settle(app, pilot)
        assert len(screen.hits) == 3
        rows = [line for line in rendered(screen.table) if "familia" in line and "hit" not in line]
        assert len(rows) == 3, rendered(screen.table)
        columns = {cell_len(line[:line.index("familia")]) for line in rows}
        assert len(columns) == 1, rows  # every hit starts in the same terminal column
        for line, hit in zip(rows, screen.hits):
            before = line[:line.index("familia")].rstrip()
            last_word = " ".join(hit["left"].split()).split()[-1]
            assert before.endswith(last_word), (before, last_word)  # the context nearest the hit is shown
            assert "…" not in before
        for line in rendered(screen.table):
            assert cell_len(line) == screen.table.size.width, line

    in_app(build(tmp_path), size, check)


@pytest.mark.parametrize("size", SIZES)
def test_a_wide_memo_is_cut_to_its_column(tmp_path, size, in_app):
    async def check(app, pilot):
        app.push_screen(MemosScreen())
        screen = await until(pilot, lambda: isinstance(app.screen, MemosScreen) and app.screen.rows
                             and app.screen, "the memo list")
        await settle(app, pilot)
        table = screen.table
        width = table.ordered_columns[-1].width
        cell = str(table.get_row_at(0)[-1])
        assert cell.endswith("…") and MEMO.startswith(cell[:-1])
        assert width - 1 <= cell_len(cell) <= width, (cell, width)  # the column filled, no character lost

    in_app(build(tmp_path), size, check)


@pytest.mark.parametrize("size", SIZES)
def test_a_wide_code_name_and_speaker_label_fit_their_columns(tmp_path, size, in_app):
    async def check(app, pilot):
        tree = app.tree
        code_id = next(iter(app.codebook.by_id))
        label = tree.label_for(code_id)
        shown = label.plain.split("…")[0].split()[-1]
        assert "…" in label.plain and CODE_NAME.startswith(shown) and len(shown) > 3
        lines = rendered(tree)
        assert any(CODE_NAME[:3] in line and line.rstrip(" ▁▂▃▄▅▆▇█▌▐").endswith("1·1") for line in lines), lines
        transcript = app.transcript
        if not transcript.label_gutter:  # too narrow for a gutter: the labels stay inline
            assert size == (80, 24)
            return
        text_column = transcript.label_gutter + 5  # code bars, a space, the gutter
        lines = rendered(transcript)
        labelled = [line for line in lines if WIDE_SPEAKER in line]
        assert labelled, lines
        for line in lines:
            assert cell_len(line) == transcript.size.width, line
        for line in labelled:
            assert cell_len(line[:line.index("我们")]) == text_column if "我们" in line else True, line
        plain = next(line for line in lines if "¿Con" in line)
        assert cell_len(plain[:plain.index("¿Con")]) == text_column

    in_app(build(tmp_path), size, check)


def test_a_long_quote_in_wide_words_is_shortened_by_columns():
    words = "我们 村子 里 的 老人 都 说 要 先 去 找 家人 再 去 派出所 报案 才 行 可是 没有 人 愿意 陪 她 去 一直 等到 第二 天".split()
    short = excerpt(" ".join(words), head=20, tail=10)
    head, _, tail = short.partition(" … ")
    assert head and tail and " ".join(words).startswith(head) and " ".join(words).endswith(tail)
    assert cell_len(head) <= 20 and cell_len(tail) <= 10  # columns, not characters (twice as many here)
