"""Every picture at the widths a journal prints (8.5 cm, one column; 17.5 cm, two), with long Spanish code
names: no label runs off the picture, no two labels overlap.

At one column the heat map's row labels ran past the left edge ("esconfianza en la policía de Lima
Norte"), the bars' and the portrait's two-line labels ran into each other (rows were as tall as one line),
and the portrait's axis label ran past the right edge.  Label widths were guessed from a count of
characters; they are now measured, and rows are as tall as their labels' lines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qda.pictures.charts import bars_figure, portrait_figure
from qda.pictures.figure import overlapping
from qda.pictures.heatmap import heatmap_figure

PATHS = ["Respuesta institucional > Desconfianza en la policía de Lima Norte",
         "Respuesta institucional > Demora de la fiscalía y del atestado policial",
         "Respuesta institucional > Falta de recursos del Ministerio Público",
         "Respuesta institucional > Revictimización en la comisaría",
         "Barreras para buscar ayuda > Barreras lingüísticas: quechua sin traducción",
         "Barreras para buscar ayuda > Miedo a la represalia del agresor",
         "Barreras para buscar ayuda > Presión familiar para la reconciliación",
         "Barreras para buscar ayuda > Vergüenza ante la comunidad (p'enqay)",
         "Barreras para buscar ayuda > Dependencia económica de la pareja",
         "Apoyo que funciona > Apoyo del albergue y de las compañeras"]
CM = 1 / 2.54


def matrix(by: str) -> pd.DataFrame:
    values = np.random.default_rng(5).integers(0, 9, size=(len(PATHS), 3))
    frame = pd.DataFrame(values, index=pd.Index(PATHS, name="code"),
                         columns=pd.Index(["Ayacucho", "Lima", "Lima Norte"], name=by))
    frame.attrs = {"by": by, "measure": "codings", "percent": False, "project": "equipo"}
    return frame


def portrait() -> pd.DataFrame:
    starts = np.linspace(0.02, 0.9, len(PATHS))
    table = pd.DataFrame({"code": PATHS, "top": [p.split(" > ")[0] for p in PATHS], "coder": "ana",
                          "start": (starts * 1000).astype(int), "end": (starts * 1000 + 60).astype(int),
                          "start_share": starts, "end_share": starts + 0.06})
    table.attrs = {"document": "P01", "length": 1000, "interviewer_turns": [(0, 80)], "project": "equipo"}
    return table


PICTURES = {"heatmap": lambda width: heatmap_figure(matrix("site"), width=width),
            "bars": lambda width: bars_figure(matrix("site"), width=width),
            "portrait": lambda width: portrait_figure(portrait(), width=width)}


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
@pytest.mark.parametrize("picture", sorted(PICTURES))
def test_labels_stay_inside_the_picture_and_apart(picture, centimetres):
    figure = PICTURES[picture](centimetres * CM)
    figure.set_dpi(300)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    labels = [label for label in axes.get_yticklabels() if label.get_text()]
    assert len(labels) == len(PATHS)
    boxes = [label.get_window_extent(renderer) for label in labels]
    texts = boxes + [axes.xaxis.label.get_window_extent(renderer)] * bool(axes.get_xlabel())
    page = figure.bbox
    outside = [t.get_text() for t, b in zip(labels + [axes.xaxis.label], texts)
               if b.x0 < page.x0 or b.x1 > page.x1 or b.y0 < page.y0 or b.y1 > page.y1]
    assert outside == []
    assert overlapping(boxes) == [], [(labels[i].get_text(), labels[j].get_text()) for i, j in overlapping(boxes)]


def many_codes(rows: int) -> pd.DataFrame:
    """``rows`` codes of long Spanish names (each a PATHS name and a number) by three sites."""
    paths = [f"{PATHS[i % len(PATHS)]} ({i + 1})" for i in range(rows)]
    values = np.random.default_rng(rows).integers(0, 9, size=(rows, 3))
    frame = pd.DataFrame(values, index=pd.Index(paths, name="code"),
                         columns=pd.Index(["Ayacucho", "Lima", "Lima Norte"], name="site"))
    frame.attrs = {"by": "site", "measure": "codings", "percent": False, "project": "equipo"}
    return frame


@pytest.mark.parametrize("centimetres", [8.5, 17.5])
@pytest.mark.parametrize("rows", [30, 40, 50, 70, 90, 120, 200])
def test_a_heatmap_of_many_codes_labels_every_row_apart_in_type_of_four_points_or_more_or_none(rows, centimetres):
    """At one column, 50 codes of long Spanish names lost every label at once (the labels kept their 5.5-point
    type and took at most 45% of the width, so two lines a row did not fit), as did 90 at two.  Labels now
    take the largest type from 6.5 or 5.5 points down to 4 in which they stand apart, and up to 60% of the
    width when there are few columns: every row is labelled, apart and inside the picture, in type of 4
    points or more, or no row is and the axis says how many codes there are."""
    figure = heatmap_figure(many_codes(rows), width=centimetres * CM)
    figure.set_dpi(300)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    labels = [label for label in axes.get_yticklabels() if label.get_text()]
    assert labels or rows > 80, "up to 80 codes of these names fit in 4-point type at either width"
    if not labels:
        assert axes.get_ylabel() == f"{rows:,} codes"
        return
    assert len(labels) == rows
    assert min(label.get_fontsize() for label in labels) >= 4
    boxes = [label.get_window_extent(renderer) for label in labels]
    page = figure.bbox
    assert all(b.x0 >= page.x0 and b.y0 >= page.y0 and b.y1 <= page.y1 for b in boxes)
    assert overlapping(boxes) == [], [(labels[i].get_text(), labels[j].get_text()) for i, j in overlapping(boxes)][:3]
