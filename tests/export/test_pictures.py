"""Heat maps, frequency bars and a document's portrait: the numbers under each picture are worked by hand
on the hand-built project (tests/analysis/handmade.py), and the pictures are read back from their artists."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from qda.errors import QdaError
from qda.pictures import bars_figure, bars_table, heatmap_figure, heatmap_table, portrait_figure, portrait_table
from qda.pictures.heatmap import cluster_order

# Codings by document (handmade.py): P01 Refusal 2 (a1 b2), Distrust 4 (a7 a2 b1 a4), Framing 1 (a3);
# P02 Distrust 1 (a5), Framing 2 (a6 b3), Police 1 (b4); P03 none.
BY_DOCUMENT = {"Police": [0, 1, 0], "Police > Distrust": [4, 1, 0], "Police > Refusal": [2, 0, 0],
               "Family > Framing": [1, 2, 0]}


def test_heatmap_table_by_document_uses_short_names_and_leaves_out_uncoded_codes(hand):
    matrix = heatmap_table(hand, by="document")
    assert list(matrix.columns) == ["P01", "P02", "P03"]  # never the full names, which describe participants
    assert matrix.attrs["documents"] == ["P01_police", "P02_ngo", "P03_ngo"]
    assert {code: list(row) for code, row in matrix.iterrows()} == BY_DOCUMENT
    kept = heatmap_table(hand, by="document", keep_empty=True)
    assert list(kept.index) == ["Police", "Police > Distrust", "Police > Refusal", "Family", "Family > Framing",
                                "Services"]


def test_heatmap_table_by_attribute_in_percent(hand):
    # role police = P01 (7 codings), ngo = P02 + P03 (4): Distrust 4/7 and 1/4.
    matrix = heatmap_table(hand, by="role", percent=True)
    assert matrix.loc["Police > Distrust", "police"] == pytest.approx(57.1)
    assert matrix.loc["Police > Distrust", "ngo"] == pytest.approx(25.0)


def test_clustering_puts_alike_rows_together():
    # Rows 0, 2, 4 are one pattern and 1, 3 another: average linkage keeps each group contiguous.
    values = np.array([[9, 0, 8], [0, 7, 0], [8, 1, 9], [1, 8, 0], [9, 0, 9]], dtype=float)
    order = list(cluster_order(values))
    groups = ["a" if i in (0, 2, 4) else "b" for i in order]
    assert groups in (["a", "a", "a", "b", "b"], ["b", "b", "a", "a", "a"])


def test_heatmap_figure_draws_the_matrix(hand):
    matrix = heatmap_table(hand, by="document")
    figure = heatmap_figure(matrix, width=3.5)
    axes = figure.axes[0]
    image = axes.images[0]
    drawn = np.ma.filled(image.get_array(), 0)
    assert drawn.tolist() == matrix.to_numpy().tolist()
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Police", "Distrust", "Refusal", "Framing"]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["P01", "P02", "P03"]
    assert to_hex(image.cmap(image.norm(0)) if not np.ma.is_masked(image.get_array()[0, 0]) else "white") == "#ffffff"
    texts = [t.get_text() for t in figure.texts]
    assert "Codes by document: codings" in texts
    assert figure.axes[1].get_ylabel() == "codings"  # the colour bar says what a cell counts
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in axes.texts}
    assert cells[(1, 0)] == "4" and (0, 0) not in cells  # Distrust in P01; zero cells stay empty


def test_bars_are_the_table(hand):
    matrix = bars_table(hand, by="role")
    assert list(matrix.columns) == ["ngo", "police"]
    assert matrix.loc["Police > Distrust"].tolist() == [1, 4]
    figure = bars_figure(matrix)
    axes = figure.axes[0]
    for container, value in zip(axes.containers, matrix.columns):
        assert [bar.get_width() for bar in container] == matrix[value].tolist()
    legend = figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["ngo", "police"]
    stacked = bars_figure(matrix, stacked=True).axes[0]
    # stacked: the second value's bars start where the first's end
    assert [bar.get_x() for bar in stacked.containers[1]] == matrix["ngo"].tolist()


@pytest.mark.parametrize("width", [3.5, 7.0])
@pytest.mark.parametrize("stacked", [False, True])
def test_the_bars_legend_fits_the_width_and_clears_the_bars(width, stacked):
    """Nine roles at one journal column (3.5 in): in six columns the legend ran off both sides, and
    the values at its ends (two of the nine) were not in the picture at all."""
    import pandas as pd

    roles = ["CEM lawyer", "CEM psychologist", "CEM social worker", "NGO staff", "family judge",
             "family prosecutor", "forensic doctor", "police officer", "woman in shelter"]
    codes = ["Institutional response > Police > Distrust of police", "Institutional response > Refusal to take complaints",
             "Impunity > Cases shelved"]
    matrix = pd.DataFrame(np.arange(27).reshape(3, 9) % 5, index=codes, columns=roles)
    matrix.columns.name = "role"
    matrix.attrs = {"by": "role", "measure": "codings", "percent": False, "project": "study"}
    figure = bars_figure(matrix, stacked=stacked, width=width)
    renderer = figure.canvas.get_renderer()
    legend, axes = figure.legends[0], figure.axes[0]
    assert [t.get_text() for t in legend.get_texts()] == roles
    box = legend.get_window_extent(renderer)
    assert 0 <= box.x0 and box.x1 <= figure.bbox.width
    assert box.y0 > axes.get_window_extent(renderer).y1  # above the bars
    assert box.y1 < figure.texts[1].get_window_extent(renderer).y0  # below the subtitle
    assert figure.get_size_inches()[0] == width


def test_portrait_of_a_document(hand):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("handmade", Path(__file__).parents[1] / "analysis" / "handmade.py")
    handmade = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(handmade)
    table = portrait_table(hand, "P01")  # the short name finds P01_police
    assert table.attrs["document"] == "P01"
    text = handmade.P01
    expected = sorted((text.index(quote), text.index(quote) + len(quote), code)
                      for document, code, quote, _, _ in handmade.CODINGS if document == "P01_police")
    assert sorted(zip(table["start"], table["end"], [c.split(" > ")[-1] for c in table["code"]])) == expected
    assert table["start"].is_monotonic_increasing  # document order
    length = table.attrs["length"]
    assert table["start_share"].tolist() == pytest.approx([s / length for s in table["start"]])
    figure = portrait_figure(table, hand.codebook, width=3.5)
    axes = figure.axes[0]
    bars = [p for p in axes.patches if p.get_height() == pytest.approx(0.7)]
    assert sorted(round(b.get_x(), 6) for b in bars) == sorted(round(s / length * 100, 6) for s, _, _ in expected)
    # every bar wears its top-level code's codebook colour: Police #1F4E79, Family #C00000
    assert {to_hex(b.get_facecolor()).upper() for b in bars} == {"#1F4E79", "#C00000"}
    # P01 has two interviewer turns, shaded
    assert len(table.attrs["interviewer_turns"]) == 2
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Distrust", "Refusal", "Framing"]
    with pytest.raises(QdaError, match="no document 'P09'"):
        portrait_table(hand, "P09")
