"""Bars a journal prints in grey: each value of the attribute must differ from every other in shade or pattern.

Nine roles' bars were told apart by colour alone; printed in grey (luminance, ITU-R BT.601 weights, as a
greyscale conversion takes it) the palette fell into three or four shades, and CEM lawyer, CEM social
worker and family prosecutor were one dark grey.  The test reads each series' drawn bars (matplotlib's
bar containers): two series alike in shade (less than 0.15 apart on 0..1) must differ in hatch."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from qda.pictures import bars_figure

ROLES = ["abogada del CEM", "psicóloga del CEM", "trabajadora social del CEM", "personal de ONG", "jueza de familia",
         "fiscal de familia", "médica legista", "policía", "mujer en el albergue"]
CODES = ["Desconfianza en la policía", "Presión para reconciliarse", "Barreras lingüísticas «quechua»",
         "Demora de la fiscalía", "Vergüenza ante la comunidad"]
CM = 1 / 2.54


def grey(colour) -> float:
    red, green, blue = to_rgb(colour)
    return 0.299 * red + 0.587 * green + 0.114 * blue


def alike_pairs(figure) -> list[tuple[str, str]]:
    """Pairs of series (by label) that a grey print cannot tell apart: near in shade, same pattern."""
    axes = figure.axes[0]
    series = [(container.get_label(), grey(container.patches[0].get_facecolor()), container.patches[0].get_hatch() or "")
              for container in axes.containers]
    return [(a[0], b[0]) for a, b in itertools.combinations(series, 2) if abs(a[1] - b[1]) < 0.15 and a[2] == b[2]]


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
@pytest.mark.parametrize("stacked", [False, True])
def test_nine_roles_stay_apart_in_grey(centimetres, stacked):
    rng = np.random.default_rng(4)
    matrix = pd.DataFrame(rng.integers(0, 9, (len(CODES), len(ROLES))), index=CODES,
                          columns=pd.Index(ROLES, name="role"))
    matrix.attrs.update(measure="codings", project="equipo")
    figure = bars_figure(matrix, stacked=stacked, width=centimetres * CM)
    assert len(figure.axes[0].containers) == len(ROLES)
    assert alike_pairs(figure) == []
