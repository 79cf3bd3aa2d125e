"""The table printer of the CLI (qda.cli.table): aligned plain columns, folding, the pager, pipes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from qda.cli.folding import cell_lines, fold
from qda.cli.table import FIGURE, cell_width, fit_widths, pager_command, print_table

WIDE = pd.DataFrame({"role": ["woman in shelter"] * 2, "code": ["Intersecting inequalities > Race and ethnicity"] * 2,
                     "codings": [12, 3], "documents": [4, 1], "words": [1234, 56], "share_documents": ["100%", "50%"]})


def lines_of(items) -> list[str]:
    """The lines of ``body_lines``' items, an item holding one line or several joined by line breaks."""
    items = list(items)
    return "\n".join(items).split("\n") if items else []


def printed(frame, **options) -> list[str]:
    out = io.StringIO()
    print_table(frame, out=out, **options)
    return out.getvalue().splitlines()


def test_piped_table_keeps_every_cell_whole_on_one_line(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = printed(WIDE, title="Codes by role", terminal=False)
    assert lines[0] == "Codes by role"
    assert lines[1].split() == list(WIDE.columns)
    assert len(lines) == 2 + 1 + len(WIDE)                       # title, header, rule, one line a row
    assert "Intersecting inequalities > Race and ethnicity" in lines[3]
    assert max(len(line) for line in lines) > 80                 # wider than the terminal: nothing cut


def test_columns_align_figures_right_and_text_left():
    frame = pd.DataFrame({"code": ["Distrust", "Refusal of complaint"], "codings": [5, 1234], "share": ["7%", "100%"]})
    header, rule, first, second = printed(frame, terminal=False)
    starts = [match.start() for match in re.finditer(r"-+", rule)]
    assert [header.index(name) for name in ("code", "codings")] == starts[:2]
    assert first.startswith("Distrust ") and second.startswith("Refusal of complaint")
    assert first.index("   5") + 4 == second.index("1234") + 4      # right edges of the figures meet
    assert first.endswith("  7%") and second.endswith("100%")


def test_a_narrow_terminal_folds_text_and_never_breaks_a_figure():
    lines = printed(WIDE, terminal=True, width=60, height=100)
    assert max(len(line.replace("\x1b[1m", "").replace("\x1b[0m", "")) for line in lines) <= 60
    body = "\n".join(lines)
    assert "1234" in body and "Intersecting" in body and "ethnicity" in body
    assert len(lines) > 2 + len(WIDE)                              # the long code path took more than a line


def test_line_breaks_inside_a_cell_become_lines_of_its_row():
    frame = pd.DataFrame({"ref": ["P01:1", "P01:2"], "text": ["first line\nsecond line", "one"]})
    lines = printed(frame, terminal=False)
    assert lines[2].split() == ["P01:1", "first", "line"]
    assert lines[3].strip() == "second line" and lines[3].startswith(" " * len("P01:1"))
    assert lines[4].split() == ["P01:2", "one"]


def test_wide_characters_take_two_columns():
    assert cell_width("Perú") == 4 and cell_width("e\u0301") == 1 and cell_width("警察") == 4
    frame = pd.DataFrame({"name": ["警察", "ab"], "n": [1, 2]})
    _, _, first, second = printed(frame, terminal=False)
    assert cell_width(first) == cell_width(second)


def test_the_short_cut_for_latin_text_measures_as_each_character_does():
    """Below U+0300 no character is a combining mark or wide (unicodedata), so such a cell is as wide as it is long."""
    import unicodedata

    latin = [chr(code) for code in range(0x80, 0x300)]
    assert not [c for c in latin if unicodedata.combining(c) or unicodedata.east_asian_width(c) in ("W", "F")]
    assert cell_width("".join(latin)) == len(latin)
    assert cell_width("señora \u0301") == 7 and cell_width("ñandú 警") == 8  # a mark or a wide character: each measured


@pytest.mark.parametrize("stamp", ["2026-12-02T01:57", "2025-03-14", "2026-12-02 01:57:50",
                                   "2026-12-02T01:57:49.911585+00:00", "14/03/2025 10:30:00", "14.03.2025 9:05"])
def test_dates_and_times_are_never_broken(stamp):
    """``qda saturation`` at 80 columns printed "2026-12-02T01" over ":57": an ISO date or time is a figure,
    kept whole on its line however narrow the table, as counts are."""
    frame = pd.DataFrame({"document": ["P05", "P06"], "imported": [stamp, ""],
                          "new codes": ["Institutional response > Prosecutors > Cases shelved", ""]})
    lines = printed(frame, terminal=False, width=40)
    assert stamp in lines[2] and sum(stamp[:10] in line for line in lines) == 1
    assert not FIGURE.fullmatch("P05:12") and not FIGURE.fullmatch("2025-03")  # a reference, a month: text


def test_fit_widths_caps_every_column_above_its_floor():
    assert fit_widths([10, 5], [10, 5], 80) == [10, 5]
    widths = fit_widths([100, 40, 15], [12, 12, 4], 60)            # text, text, a figure under a long header
    assert sum(widths) + 4 <= 60 and min(widths) >= 4 and min(widths[:2]) >= 12
    assert fit_widths([100, 40, 6], [12, 12, 6], 10) == [12, 12, 6]  # never below the floors


def test_empty_frame_prints_its_header():
    lines = printed(pd.DataFrame(columns=["code", "codings"]), terminal=False)
    assert lines[0].split() == ["code", "codings"] and len(lines) == 2


@pytest.mark.parametrize(("environment", "expected"), [
    ({"QDA_PAGER": "more -s", "PAGER": "most"}, ["more", "-s"]),
    ({"PAGER": "most"}, ["most"]),
    ({"QDA_PAGER": "", "PAGER": "most"}, None),
    ({"PAGER": "cat"}, None),
])
def test_the_pager_is_chosen_as_git_chooses(monkeypatch, environment, expected):
    for name in ("QDA_PAGER", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert pager_command() == expected


def write_pager(tmp_path: Path) -> Path:
    """A 'pager' that copies what it is given to a file, with the LESS it saw on the first line."""
    script = tmp_path / "pager.py"
    script.write_text("import os, sys\nopen(sys.argv[1], 'w').write(os.environ.get('LESS', '') + '\\n' + sys.stdin.read())\n")
    return script


def test_a_table_taller_than_the_terminal_goes_to_the_pager(monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("QDA_PAGER", f"{sys.executable} {write_pager(tmp_path)} {paged}")
    monkeypatch.delenv("LESS", raising=False)
    frame = pd.DataFrame({"n": range(50)})
    out = io.StringIO()
    print_table(frame, title="fifty", out=out, terminal=True, width=80, height=24)
    assert out.getvalue() == ""
    lines = paged.read_text().splitlines()
    assert lines[0] == "FRX" and lines[1] == "fifty" and lines[-1].strip() == "49" and len(lines) == 2 + 2 + 50


def test_a_few_rows_whose_text_folds_past_the_screen_go_to_the_pager(monkeypatch, tmp_path):
    """Seven quotes folding to 40 lines on a terminal of 24: counted by rows (9 with the header) they
    were written straight out, and the screen kept only their end, the header and first quotes gone."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("QDA_PAGER", f"{sys.executable} {write_pager(tmp_path)} {paged}")
    text = ("La fiscalía archivó el caso porque ella no volvió a declarar; el examen médico llegó tarde "
            "y las lesiones ya habían sanado, así que el fiscal lo vio como una falta.")
    frame = pd.DataFrame({"ref": [f"P0{i}:3" for i in range(1, 8)], "text": [text] * 7})
    out = io.StringIO()
    print_table(frame, title="7 quotes", out=out, terminal=True, width=40, height=24)
    assert out.getvalue() == ""
    lines = paged.read_text().splitlines()[1:]
    assert lines[0] == "7 quotes" and len(lines) > 24 and lines[-1].strip().endswith("falta.")
    short = pd.DataFrame({"ref": ["P01:3"], "text": [text]})  # one quote of six lines fits: never paged
    print_table(short, out=out, terminal=True, width=40, height=24)
    assert len(out.getvalue().splitlines()) == 2 + len(cell_lines(text, 40 - len("P01:3  ")))


def test_a_table_too_wide_for_its_terminal_is_shown_a_row_at_a_time(monkeypatch):
    """Documents with their attributes at 80 columns: even at their floors the columns took 150, and the
    terminal wrapped each line into halves of rows.  Each row is now a block, a line a column, every
    line within the terminal; a pipe keeps the table, and a terminal wide enough shows it."""
    from qda.cli.table import cell_width

    monkeypatch.setenv("QDA_PAGER", "cat")
    attributes = {"role": ["fiscal de familia", "mujer en casa refugio"], "site": ["Ayacucho", "Lima Norte"],
                  "interview_language": ["Quechua", "Spanish"], "pseudonym": ["P03", "P08"],
                  "date": ["2025-03-14", "2025-04-16"], "gender": ["woman", "woman"], "speakers": ["P03,ENTREVISTADORA"] * 2}
    frame = pd.DataFrame({"ref": ["P03", "P08"], "name": ["P03_fiscal_ayacucho", "P08_refugio_limanorte"],
                          "words": [2395, 3100], "codings": [16, 32], "status": ["coded", "coded"],
                          "done_by": ["", "ana"], **attributes})
    lines = printed(frame, terminal=True, width=80, height=100)
    assert max(map(cell_width, lines)) <= 80
    assert lines[0] == "(13 columns do not fit in 80: one block a row)" and lines[1].startswith("-[ 1 ]--")
    blocks = "\n".join(lines).split("-[ 2 ]")
    assert "role                fiscal de familia" in blocks[0] and "done_by" in blocks[0].splitlines()
    assert "role                mujer en casa refugio" in blocks[1] and "done_by             ana" in blocks[1]
    for kept in (printed(frame, terminal=False, width=80), printed(frame, terminal=True, width=240, height=100)):
        assert "ref" in kept[0] and not any(line.startswith("-[ ") for line in kept)  # a pipe, a wide screen


def test_a_short_table_or_a_pipe_is_never_paged(monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("QDA_PAGER", f"{sys.executable} {write_pager(tmp_path)} {paged}")
    out = io.StringIO()
    print_table(pd.DataFrame({"n": range(5)}), out=out, terminal=True, width=80, height=24)
    print_table(pd.DataFrame({"n": range(500)}), out=out, terminal=False)
    assert not paged.exists() and len(out.getvalue().splitlines()) == (2 + 5) + (2 + 500)


def test_a_pipe_closed_early_ends_quietly(tmp_path):
    # `qda ... | head -3`: no BrokenPipeError traceback, exit 0.
    code = ("import pandas as pd; from qda.cli.table import print_table; "
            "print_table(pd.DataFrame({'n': range(200000)}), terminal=False)")
    result = subprocess.run(f"{sys.executable} -c \"{code}\" | head -3", shell=True, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert result.stdout.splitlines()[0].strip() == "n" and len(result.stdout.splitlines()) == 3
    assert "Error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_to_a_pipe_closed_early_end_quietly(fmt):
    # `qda quotes ... --format csv | head -3`: the first lines, written in pieces as they are made
    # (``Rows.csv_pieces``, ``qda.cli.common.write_pieces``), then no BrokenPipeError traceback, exit 0.
    code = ("from qda.rows import Rows; from qda.cli.common import emit; "
            f"emit(Rows.by_columns(['n', 'text'], [list(range(200000)), ['a, b'] * 200000]), '{fmt}')")
    result = subprocess.run(f"{sys.executable} -c \"{code}\" | head -3; exit ${{PIPESTATUS[0]}}", shell=True,
                            executable="/bin/bash", capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert result.stdout.splitlines() == (["n,text", '0,"a, b"', '1,"a, b"'] if fmt == "csv" else ["[", "  {", '    "n": 0,'])
    assert result.returncode == 0 and "Error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("width", [200, 60, 30])
def test_rows_padded_column_by_column_are_the_lines_of_row_by_row(width):
    """body_lines (the fast path: plain columns padded at once) gives exactly format_rows' lines."""
    from qda.cli.table import body_lines, format_rows

    columns = [
        ["P001:1", "P002:14", "P010:3", "P011:2", "P012:9"],
        ["12", "3", "1,024", "0.5", "7"],
        ["plain words", "a longer line of plain words that may fold in a narrow table", "dos\nlíneas", "中文字", ""],
        ["ana", "luis", "ana, luis", "maría", "ana"],
    ]
    widths = [7, 5, min(40, width // 3), 9]
    figures = [False, True, False, False]
    header = ["ref", "n", "text", "coders"]
    expected = list(format_rows(header, zip(*columns), widths, figures))[2:]
    assert lines_of(body_lines(columns, widths, figures)) == expected
    plain = [columns[0], columns[1]]
    assert lines_of(body_lines(plain, widths[:2], figures[:2])) == list(format_rows(header[:2], zip(*plain), widths[:2],
                                                                               figures[:2]))[2:]


# -- folding: the same lines as textwrap, which cell_lines used before (and uses for what is not prose) --

_PIECES = st.sampled_from(["a", "word", "muy", "difícil", "x" * 15, " ", "  ", "\t", "\u00a0", "-", "’", "\u3000", "é"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(min_value=1, max_value=20))
def test_fold_is_textwrap(line, width):
    import textwrap

    assert fold(line, width) == textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)


@pytest.mark.parametrize("width", [12, 40, 79])
def test_fold_of_prose_is_textwrap(width):
    import textwrap

    line = ("Fui a la comisaría y el policía me dijo que volviera mañana, que no había nadie para tomar la "
            "denuncia; volví tres veces y nada. ") * 4
    line = line.strip()
    assert fold(line, width) == textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)


def test_rows_made_column_by_column_print_and_convert_as_rows_do():
    # a table by document is made from its columns (Rows.by_columns) and printed from them; its lines,
    # rows, CSV and JSON are those of the same table made row by row, None and numbers included
    from qda.rows import Rows

    header = ["document", "code", "codings", "share", "note"]
    rows = [("P01", "  Distrust", 3, 0.5, None), ("P02", "  Distrust", 12, 1.0, "dos\nlíneas"), ("P03", "中文", 0, 0.0, "")]
    by_rows, by_columns = Rows(header, rows), Rows.by_columns(header, [list(column) for column in zip(*rows)])
    assert printed(by_columns) == printed(by_rows) and any(" 12 " in line for line in printed(by_rows))
    assert by_columns.rows == by_rows.rows and len(by_columns) == len(by_rows) == 3
    assert by_columns.csv() == by_rows.csv() and by_columns.records() == by_rows.records()
    assert by_rows.values()[2] == [3, 12, 0] and Rows.by_columns(header, [[] for _ in header]).rows == []


def test_cells_equal_as_keys_keep_their_own_text():
    # integers are written a distinct value at a time; 0.0 and -0.0, or 1 and True, are one key of a
    # dict but two texts, and must print as themselves
    from qda.rows import Rows

    lines = printed(Rows(["n", "x", "flag"], [(1, 0.0, 1), (1, -0.0, True), (12, 0.5, 0)]))
    assert [line.split() for line in lines[2:]] == [["1", "0.0", "1"], ["1", "-0.0", "True"], ["12", "0.5", "0"]]


@pytest.mark.parametrize("last", ["count", "share", "blank figure", "text"])
def test_columns_of_integers_print_as_their_texts(last):
    """A column of integers is padded straight from its values (``texts``: each distinct value's text), and a
    line is left unstripped when the last column right-aligns figures: the same lines as format_rows."""
    from qda.cli.table import body_lines, format_rows

    counts = [3, 12, 0, 12, 1024]
    final = {"count": (counts, True), "share": (["50%", "100%", "0%", "7%", "1%"], True),
             "blank figure": (["1", "", "2", "", "3"], True), "text": (["ana", "luis", "", "maría", "x"], False)}[last]
    columns = [["P01", "P02", "P03", "P04", "P05"], counts, final[0]]
    texts = [None, {value: str(value) for value in set(counts)}, None]
    cells = [columns[0], [str(value) for value in counts], [str(value) for value in final[0]]]
    if final[0] is counts:
        texts[2] = texts[1]
    widths, figures = [5, 6, 6], [False, True, final[1]]
    expected = list(format_rows(["ref", "n", "last"], zip(*cells), widths, figures))[2:]
    assert lines_of(body_lines(columns, widths, figures, texts=texts)) == expected == lines_of(body_lines(cells, widths, figures))
    assert any(line.endswith(" ") for line in lines_of(body_lines(cells, widths, [False, True, False]))) is False


# -- a long text column folded column by column (body_lines' measured path) is drawn as row by row --

# fictional words of the shapes interviews hold: Spanish with precomposed and combining accents, Quechua,
# emoji (astral, with a skin tone), Japanese and Chinese (two columns a character), Arabic and Hebrew (RTL)
_WORDS = st.sampled_from(["la", "comisaría", "no", "vino", "q\u0307uechua", "e\u0301\u0301", "😀", "👍🏽", "警察は",
                          "家族も同じでした", "الشرطة", "לא", "x" * 14, "\u00a0", "\u200f", "  ", "\t", "INTERVIEWER:"])
_CELLS = st.lists(st.one_of(_WORDS, st.just(" "), st.just("\n")), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CELLS, _CELLS), min_size=1, max_size=6), st.integers(min_value=1, max_value=30),
       st.booleans())
def test_folded_columns_are_the_lines_row_by_row(cells, width, second_folds):
    """Every row's lines from the measured columns (each cell measured once, a row where one cell folds
    joined as a plain row, then its other lines indented) are those of format_rows, row by row, which
    folds each cell of each row; also with two columns that fold in one row."""
    from qda.cli.table import body_lines, format_rows

    refs = [f"P{index:02d}:{index}" for index in range(len(cells))]
    counts = [str(index * 7) for index in range(len(cells))]
    columns = [refs, [text for text, _ in cells], counts, [memo if second_folds else "" for _, memo in cells]]
    widths, figures = [6, width, 3, max(width // 2, 1)], [False, False, True, False]
    expected = list(format_rows([""] * 4, zip(*columns), widths, figures))[2:]  # after a header of one line, a rule
    assert lines_of(body_lines(columns, widths, figures)) == expected


def test_cells_are_measured_by_their_width_on_screen_not_their_length():
    """The lines, written out by hand: measured by code points, the Spanish word written with combining
    accents (12 code points, 6 columns) would widen its column to 12, and the Japanese speaker label
    (3 characters, 6 columns) would be padded by 4 spaces, pushing its row's words 3 columns right;
    the long texts fold, so every row goes through the measured path."""
    from qda.rows import Rows

    spanish = "e\u0301" * 6
    long = "la comisaría no vino y volví tres veces a la comisaría"
    table = Rows.by_columns(["ref", "speaker", "word", "text"], [["P01:1", "P01:2"], ["警察官", "P01"],
                                                                 [spanish, "no"], [long, "breve " + long]])
    assert printed(table, terminal=False, width=48) == [
        "ref    speaker  word    text",
        "-----  -------  ------  ------------------------",
        "P01:1  警察官   " + spanish + "  la comisaría no vino y",
        "                        volví tres veces a la",
        "                        comisaría",
        "P01:2  P01      no      breve la comisaría no",
        "                        vino y volví tres veces",
        "                        a la comisaría",
    ]


# -- a table given as indexed columns (qda.rows.IndexedColumn: distinct values and each row's number) --

_INDEXED_CELLS = st.sampled_from([0, 3, 12, 1024, 7, "P01", "P02:14", "  Distrust", "Distrust of police ", "", "中文",
                                  "😀 alegría", "dos\nlíneas", "12%", "x" * 30, None, 0.5, -0.0, "señora", "ɐ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_INDEXED_CELLS, min_size=1, max_size=4), min_size=1, max_size=4),
       st.lists(st.integers(min_value=0, max_value=3), min_size=0, max_size=40), st.integers(min_value=20, max_value=200),
       st.lists(st.sampled_from(["n", "", "code", "中"]), min_size=4, max_size=4))
def test_indexed_columns_print_and_convert_as_lists_do(levels, rows, width, names):
    """A column given as its distinct values and each row's number prints, converts to CSV and to
    records exactly as the same column given as a list, whatever its values (counts, texts that
    fold, wide characters, trailing spaces, empty cells, None, floats), its width and its header;
    laid out as bytes (every column plain and fitting) in blocks smaller than the table, and cell
    by cell otherwise."""
    import numpy as np

    from qda.cli import table
    from qda.rows import IndexedColumn, Rows

    columns = [IndexedColumn(values, np.array([row % len(values) for row in rows], dtype=np.int64)) for values in levels]
    header = names[:len(columns)]
    indexed, listed = Rows.by_columns(header, columns), Rows.by_columns(header, [column.tolist() for column in columns])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table, "PIECE", 2)
        patch.setattr(table, "WRITE_LINES", 3)
        for terminal in (False, True):
            assert printed(indexed, width=width, terminal=terminal, height=10**6) == printed(
                listed, width=width, terminal=terminal, height=10**6)
    assert indexed.csv() == listed.csv() and indexed.records() == listed.records() and len(indexed) == len(rows)


def test_a_table_of_plain_indexed_columns_is_laid_out_as_bytes(monkeypatch):
    """The byte layout is taken for a table of plain cells, and gives format_rows' lines, across blocks."""
    import numpy as np

    from qda.cli import table
    from qda.cli.table import body_lines, format_rows

    laid = []
    monkeypatch.setattr(table, "PIECE", 4)
    monkeypatch.setattr(table, "WRITE_LINES", 5)
    original = table._indexed_lines
    monkeypatch.setattr(table, "_indexed_lines", lambda *args: laid.append(1) or original(*args))
    documents, counts = np.repeat(np.arange(9), 7), np.arange(63) % 5
    texts = [{n: f"P{n:02d}" for n in range(9)}, {n: str(n * 10) for n in range(5)}]
    lines = "\n".join(body_lines([documents, counts], [5, 3], [False, True], texts=texts)).split("\n")
    cells = [[texts[0][d], texts[1][c]] for d, c in zip(documents.tolist(), counts.tolist())]
    assert laid and lines == list(format_rows(["ref", "n"], iter(cells), [5, 3], [False, True]))[2:]
    assert len(lines) == 63 and lines[-1] == "P08     20"


def test_integers_of_any_range_index_themselves():
    import numpy as np

    from qda.rows import IndexedColumn

    for counts in ([0, 0, 3, 1, 3], [5, 10**9, 5, -2], [], [7]):
        column = IndexedColumn.of_integers(np.array(counts, dtype=np.int64))
        assert column.tolist() == counts and all(type(value) is int for value in column)
        assert [column.values[number] for number in column.held()] == sorted(set(counts))


# -- a text column is measured only until one of its lines is as wide as the table --------------------

_LONG_CELLS = st.lists(st.sampled_from(["la", "comisaría", "no", "vino", " ", " ", "\n", "x" * 30, "警察", "0.5"]),
                       max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_LONG_CELLS, st.sampled_from(["12", "7", "1,024"])), min_size=1, max_size=8),
       st.integers(min_value=4, max_value=90))
def test_a_text_column_measured_in_part_prints_as_measured_whole(cells, width):
    """``_longest`` stops at the first line as wide as the table (or TEXT_FLOOR, if wider): the widths
    fitted, and so every line, are those of the widest line measured over every cell."""
    from qda.cli import table
    from qda.rows import Rows

    rows = Rows(["text", "n"], cells)
    in_part = printed(rows, terminal=False, width=width)
    whole = table._longest
    table._longest = lambda different, enough: whole(different, sys.maxsize)
    try:
        assert printed(rows, terminal=False, width=width) == in_part
    finally:
        table._longest = whole


def test_printable_ascii_is_asked_of_a_whole_column():
    from qda.cli.folding import printable_ascii

    assert printable_ascii(["INTERVIEWER: ¿Y?".replace("¿", ""), "two\nlines", ""])
    assert not printable_ascii(["a tab\there"]) and not printable_ascii(["escape \x1b[2J"])
    assert not printable_ascii(["delete \x7f"]) and not printable_ascii(["comisaría"])


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_a_missing_text_prints_blank_whatever_pandas_holds_it_as(dtype):
    # pandas 2 holds a missing text as None in a column of objects; pandas 3's default string column holds
    # NaN and its "string" dtype pd.NA: each printed "nan" (pandas 3.1.1, 2026-12-01), as if it were a word
    frame = pd.DataFrame({"role": pd.Series(["judge", None, "police"], dtype=dtype), "codings": [1, 2, 3]})
    lines = printed(frame, terminal=False)
    assert [line.split() for line in lines[2:]] == [["judge", "1"], ["2"], ["police", "3"]]
    assert not any("nan" in line or "<NA>" in line for line in lines)


# -- one column measured (a listing's text), each row made whole: the lines of a cell at a time ---------

# fictional Spanish and Quechua words, one column a character (precomposed accents, « » ¿ ¡), in ASCII or not
_PROSE_WORDS = st.sampled_from(["la", "comisaría", "no", "vino", "«nadie»", "¿y", "después?", "¡ya!", "wawa",
                                "llaqta", "INTERVIEWER:", "P03:", "denuncia.", "x" * 9, "a", "ñ"])
_PROSE_LINES = st.lists(_PROSE_WORDS, max_size=14).map(" ".join)
_PROSE = st.lists(_PROSE_LINES, min_size=1, max_size=4).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PROSE, max_size=12), st.integers(min_value=4, max_value=40), st.sampled_from(["first", "middle", "last"]),
       st.booleans())
def test_a_column_of_prose_prints_the_lines_of_format_rows_wherever_it_stands(cells, width, place, ascii_only):
    """The quotes' text column (prose, blank lines, empty cells, words wider than the column) is the one
    column measured, before, between or after plain ones: its rows, each made whole at once, hold the
    lines format_rows makes a row at a time."""
    from qda.cli.table import body_lines, format_rows

    if ascii_only:
        cells = ["\n".join(" ".join(word for word in line.encode("ascii", "ignore").decode().split(" ") if word)
                           for line in cell.split("\n")) for cell in cells]
    refs, counts = [f"P{i:02d}:{i}" for i in range(len(cells))], [str(i * 7) for i in range(len(cells))]
    columns = {"first": [cells, refs, counts], "middle": [refs, cells, counts], "last": [refs, counts, cells]}[place]
    widths = [{id(cells): width, id(refs): 6, id(counts): 3}[id(column)] for column in columns]
    figures = [column is counts for column in columns]
    expected = list(format_rows([""] * 3, zip(*columns), widths, figures))[2:]
    assert lines_of(body_lines(columns, widths, figures)) == expected
