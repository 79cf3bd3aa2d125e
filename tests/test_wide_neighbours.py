"""Text cut to a length elsewhere than the transcript, by columns and whole characters: the
auto-code preview (a CJK passage showed "…" alone: ``textwrap.shorten`` keeps no word wider than
the line, and CJK is written without spaces), the codings listing of ``qda codings`` and ``qda
agree --show-disagreements`` (cut at 80 or 70 characters: twice as many columns in CJK, and an
emoji family cut into another picture), long quotes and memos in the app.  rich's ``cell_len`` is
the peer for widths; ``textwrap.shorten`` for Latin text, whose preview stays as it was."""

from __future__ import annotations

import random
import textwrap

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

import qda
from qda.autocode import plan_autocode
from qda.cells import clusters, elide, shorten, shorten_words
from qda.cli import main
from qda.ingest import import_files
from qda.navigation import find_hits
from qda.tui.widgets.details import excerpt

CJK = "我们村子里的老人都说要先去找家人再去派出所报案才行可是没有人愿意陪她去一直等到第二天她才去了派出所结果警察说这是家务事让她回家"
FAMILY = "👨\u200d👩\u200d👧"


def whole(text: str, piece: str) -> bool:
    """``piece`` starts and ends where clusters of ``text`` do (searched as a substring)."""
    start = text.find(piece)
    bounds = {s for s, _, _ in clusters(text)} | {len(text)}
    return start >= 0 and start in bounds and start + len(piece) in bounds


def build(tmp_path):
    transcript = tmp_path / "P41.txt"
    transcript.write_text(f"LUCIA: {CJK}\n\nLUCIA: familia {FAMILY * 40} fin\n", encoding="utf-8")
    path = tmp_path / "wide.qda"
    with qda.create_project(path) as project:
        import_files(project, [transcript])
        code = project.add_code("Familia")
        document = project.documents()[0]
        start = document.text.index(CJK)
        project.add_coding(document, code, start, start + len(CJK), coder="ana")
        start = document.text.index("familia")
        project.add_coding(document, code, start, document.text.index(" fin"), coder="ana")
    return path


def test_the_auto_code_preview_of_a_cjk_passage_shows_its_start(tmp_path):
    path = build(tmp_path)
    with qda.open_project(path) as project:
        document = project.documents()[0]
        hits = find_hits(document.text, "派出所", regex=True)
        plan = plan_autocode(project, [(document.id, hits)], "turn", project.code("Familia").id, "")
    line = plan.preview[0]
    shown = line.split(") ", 1)[1]
    assert shown.endswith(" …") and CJK.startswith(shown[:-2]) and len(shown) > 40, line  # the turn without "LUCIA: "
    assert cell_len(shown) <= 110


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "familia", "de", "la", "comisaría", " ", "  ", "anti-violencia", "\n"]),
                max_size=60).map("".join), st.integers(8, 120))
def test_a_latin_preview_is_textwrap_s(text, width):
    assert shorten_words(text, width) == textwrap.shorten(text, width, placeholder=" …")


def test_cut_texts_keep_whole_characters_within_their_columns():
    rng = random.Random(7)
    pieces = ["a", " ", "日本", FAMILY, "n\u0331", "👍🏽", "ب\u064f"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        width = rng.randint(4, 60)
        for cut, placeholder in ((shorten(text, width, "..."), "..."), (shorten(text, width), "…")):
            assert cell_len(cut) <= width and whole(text, cut.removesuffix(placeholder))
        head, _, tail = elide(text, width, 8).partition(" … ")
        assert cell_len(elide(text, width, 8)) <= max(width, 13)
        assert whole(text, head) and (not tail or whole(text, tail))


def test_a_long_quote_without_spaces_keeps_its_start_and_end():
    short = excerpt(CJK, head=20, tail=10)
    head, _, tail = short.partition(" … ")
    assert head and tail and CJK.startswith(head) and CJK.endswith(tail)
    assert cell_len(head) <= 20 and cell_len(tail) <= 10


def test_the_codings_listing_cuts_text_by_columns(tmp_path):
    path = build(tmp_path)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["codings", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    result = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["codings", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    cjk = [line for line in lines if CJK[:4] in line]
    assert len(cjk) == 1, result.output  # a cell of at most 80 columns fits its column unfolded
    cell = cjk[0][cjk[0].index(CJK[:4]):].rstrip()
    assert cell.endswith("...") and CJK.startswith(cell[:-3]) and 70 <= cell_len(cell) <= 80
    family = next(line for line in lines if "familia" in line)
    cell = family[family.index("familia"):].rstrip()
    assert cell.endswith("...") and cell_len(cell) <= 80 and whole(f"familia {FAMILY * 40}", cell[:-3]), cell
