"""Saturation on the hand-built documents, coded in an order that differs from import order."""

from __future__ import annotations

import numpy as np

import qda
from qda.analysis import draw_saturation, saturation


def test_hand_project(hand):
    table = saturation(hand)
    # P01 coded first: Refusal, Distrust, Framing are all new (3).  P02 then uses Distrust, Framing, Police:
    # only Police is new; 4 codes so far.  P03 has no codings and is left out.
    assert table["document"].tolist() == ["P01_police", "P02_ngo"]
    assert table["codes"].tolist() == [3, 3]
    assert table["new_codes"].tolist() == [3, 1]
    assert table["cumulative_codes"].tolist() == [3, 4]
    assert table["new"].tolist() == ["Police > Distrust; Police > Refusal; Family > Framing", "Police"]
    # ben alone: P01 b1 Distrust, b2 Refusal (2 new); P02 b3 Framing, b4 Police (2 new).
    assert saturation(hand, coder="ben")["new_codes"].tolist() == [2, 2]


def test_coding_order_not_import_order(hand_path):
    with qda.open_project(hand_path) as project:
        # P03 is imported last but now coded after P01 and P02 with a code nobody used: Services.
        project.add_coding("P03_ngo", "Services", 0, 11, "ana")
        table = saturation(project)
        assert table["document"].tolist() == ["P01_police", "P02_ngo", "P03_ngo"]
        assert table["new_codes"].tolist() == [3, 1, 1]
        # Coding P02 again changes nothing: the order is by each document's first coding.
        project.add_coding("P02_ngo", "Services", 0, 11, "ben")
        assert saturation(project)["new"].tolist()[1:] == ["Police; Services", ""]
        assert saturation(project, order="document")["document"].tolist() == ["P01_police", "P02_ngo", "P03_ngo"]


def test_curve(hand, tmp_path):
    import matplotlib.image as mpimg

    path = tmp_path / "curve.png"
    draw_saturation(saturation(hand), path, width=8, height=4, dpi=100)
    pixels = mpimg.imread(path)
    assert pixels.shape[:2] == (400, 800)
    assert (np.abs(pixels[..., :3] - 1.0).sum(axis=2) > 0.1).mean() > 0.01
