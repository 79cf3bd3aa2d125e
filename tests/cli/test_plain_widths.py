"""Widths of what the CLI prints without rich, checked against rich (15, the peer, installed with
qda) for code names and cells of the world's scripts: CJK, emoji (skin tones, families joined by
zero-width joiners, symbols made emoji by U+FE0F, flags), accents as combining marks, Arabic and
Hebrew with their points and direction marks, and names longer than the terminal."""

from __future__ import annotations

import io
import unicodedata

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from qda.cli.project import codebook_tree
from qda.cli.folding import wrap_cells
from qda.cli.table import cell_width, print_table
from qda.model import Code, Codebook
from qda.rows import Rows

SHAPES = {
    "cjk": "警察の対応と不信感",
    "fullwidth": "ＡＢＣ",
    "emoji": "😀 alegría",
    "skin-tone": "apoyo 👍🏽",
    "zwj-family": "familia 👨\u200d👩\u200d👧",
    "emoji-style": "amor ❤\ufe0f",
    "keycap": "paso 1\ufe0f\u20e3",
    "flag": "Perú 🇵🇪",
    "combining": unicodedata.normalize("NFD", "Perú, señora, café"),
    "arabic-harakat": "مُحَمَّد والشرطة",
    "hebrew-points": "שָׁלוֹם שוטרים",
    "direction-marks": "\u200fالشرطة\u200f (policía)",
    "zero-width-space": "co\u200bdigo",
    "thai": "ตำรวจที่",
}
LONG = ("Distrust of police among women who reported violence at the comisaría of Lima Norte and were sent "
        "home without a record of the complaint")
LONG_CJK = "警察の対応と不信感" * 12
UNBROKEN = "https://example.org/" + "a" * 150


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_cell_width_is_rich_s(text):
    assert cell_width(text) == cell_len(text)


@pytest.mark.parametrize("width", [10, 17, 40])
@pytest.mark.parametrize("text", [LONG, LONG_CJK, UNBROKEN, *SHAPES.values()])
def test_wrapped_lines_are_rich_s(text, width):
    assert wrap_cells(text, width) == [line.plain.rstrip() for line in Text(text).wrap(Console(width=200), width)]


def _book() -> tuple[Codebook, dict[str, int]]:
    names = [*SHAPES.values(), LONG, LONG_CJK, UNBROKEN]
    codes = [Code("root", "Institutional response", colour="#1F4E79", position=0)]
    codes += [Code(f"c{i}", name, "root", position=i) for i, name in enumerate(names)]
    codes += [Code("deep", "警察 " * 30, "c15", position=0), Code("deeper", LONG, "deep", colour="#C00000", position=0),
              Code("last", "Familia 👨\u200d👩\u200d👧 y apoyo " * 5, position=1)]
    counts = {code.id: (index * 37) % 1200 for index, code in enumerate(codes)}
    return Codebook(name="Estudio 警察", codes=tuple(codes)), counts


def _rich_tree(book: Codebook, counts: dict[str, int], width: int) -> list[str]:
    """The same tree drawn by rich's Tree, labels as plain Text (a name is never markup)."""
    below = {code.id: sum(counts.get(i, 0) for i in book.subtree_ids(code.id)) - counts.get(code.id, 0)
             for code in book.codes}
    tree = Tree(Text(f"{book.name} ({len(book)} codes)"))
    nodes = {None: tree}
    for code, _ in book.walk():
        label = Text(f"{'■ ' if code.colour else ''}{code.name} {counts.get(code.id, 0)}")
        if below[code.id]:
            label += Text(f" (+{below[code.id]} below)")
        nodes[code.id] = nodes[code.parent_id].add(label)
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(tree)
    return [line.rstrip() for line in out.getvalue().rstrip("\n").split("\n")]


@pytest.mark.parametrize("width", [80, 120])
def test_the_codebook_tree_is_rich_s_tree_at_the_terminal_s_width(width):
    book, counts = _book()
    lines = codebook_tree(book, counts, book.name, width=width)
    assert lines == _rich_tree(book, counts, width)
    assert max(cell_len(line) for line in lines) <= width
    assert len(lines) > len(book.codes) + 1  # the long names did wrap


def test_a_styled_tree_wraps_as_the_plain_one():
    import re

    book, counts = _book()
    styled = codebook_tree(book, counts, book.name, styled=True, width=80)
    assert [re.sub("\x1b\\[[0-9;]*m", "", line) for line in styled] == codebook_tree(book, counts, book.name, width=80)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_table_of_wide_text_keeps_its_columns(width):
    """The count column's right edge is where rich measures it on every line, however the text folds."""
    rows = Rows(["code", "text", "codings"],
                [(name, text, 10 ** (index % 4)) for index, (name, text) in
                 enumerate([("警察", LONG_CJK), ("long", LONG), ("link", UNBROKEN), *SHAPES.items()])])
    out = io.StringIO()
    print_table(rows, out=out, width=width, terminal=False)
    lines = out.getvalue().rstrip("\n").split("\n")
    assert max(cell_len(line) for line in lines) <= width
    counted = [line for line in lines[2:] if line.rstrip()[-1:].isdigit()]
    assert len(counted) == 3 + len(SHAPES)  # each row's first line ends with its count
    assert len({cell_len(line.rstrip()) for line in counted}) == 1, lines


def test_kwic_hits_line_up_whatever_the_script_of_their_context(tmp_path, monkeypatch):
    """`qda kwic` cuts each context to the same number of terminal columns, so the hits stand in
    one column when the context before them holds wide characters, emoji or marks."""
    from click.testing import CliRunner

    import qda
    from qda.cli import main
    from qda.ingest.importer import import_files

    lines = [f"P01: {context} policía dijo que no\nINT: ¿Y luego?\n" for context in
             ["fui a la", "警察の対応と不信感 la", "familia 👨\u200d👩\u200d👧 y amor ❤\ufe0f la", "مُحَمَّد والشرطة la",
              "שָׁלוֹם la", "ตำรวจที่ la", "a plain and much longer context before the word, long enough to be cut, la"]]
    transcript = tmp_path / "P01.txt"
    transcript.write_text("".join(lines), encoding="utf-8")
    path = tmp_path / "kwic.qda"
    with qda.create_project(path) as project:
        import_files(project, [transcript])
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(main, ["kwic", str(path), "policía", "--context", "12"], catch_exceptions=False)
    hits = [line for line in result.output.splitlines() if " policía " in line]
    assert result.exit_code == 0 and len(hits) == len(lines), result.output
    assert len({cell_len(line[:line.index(" policía ")]) for line in hits}) == 1, result.output
