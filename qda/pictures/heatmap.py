"""Codes by documents, or by the values of a document attribute, as a heat map.

``heatmap_table`` is the matrix (``qda.analysis.crosstab`` without its total:
codings, documents or words, counts or percentages of the column); columns
that are documents carry their short names (``P07``, as in quote references),
never the full names, which may describe a participant.  ``heatmap_figure``
draws it: white for zero, darker for more (matplotlib's sequential "Blues",
legible in grey), the values written in the cells when they fit, rows
optionally ordered by hierarchical clustering (scipy: average linkage on
Euclidean distances between the rows), and a title naming what a cell counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .figure import INK, MUTED, TWO_COLUMNS, fitted_labels, lines_of, new_figure, widest

BODY = 6.5  # inches the rows may take at most: with the headings, a picture at most 9 inches tall
SMALLEST = 4.0  # points: row labels in smaller type are left out
VALUE_NAMES = {"codings": "codings", "documents": "documents with the code", "words": "words coded"}


def heatmap_table(project, by: str = "document", measure: str = "codings", percent: bool = False, coder=None,
                  codes=None, where=None, rollup: bool = False, cluster: bool = False,
                  keep_empty: bool = False) -> pd.DataFrame:
    """Codes (rows, by path, in codebook order or clustered) by documents or attribute values (columns).

    Codes without any coding in the selection are left out unless ``keep_empty``.  ``attrs`` hold
    ``by``, ``measure``, ``percent``, ``clustered``, ``project`` and, for documents, ``documents``
    (the full names, in column order, for the coding app)."""
    from ..analysis import crosstab
    from ..references import short_names

    table = crosstab(project, rows="code", cols=by, measure=measure, percent=percent, coder=coder, codes=codes,
                     where=where, rollup=rollup)
    matrix = table.drop(columns=["total"]).set_index("path")
    matrix.index.name = "code"
    names = list(matrix.columns)
    if by == "document":
        short = short_names(names)
        matrix.columns = [short[n] for n in names]
    matrix.columns.name = by
    if not keep_empty:
        matrix = matrix[(matrix != 0).any(axis=1)]
    if cluster and len(matrix) > 2:
        matrix = matrix.iloc[cluster_order(matrix.to_numpy(dtype=float))]
    matrix.attrs = {"by": by, "measure": measure, "percent": percent, "clustered": bool(cluster and len(matrix) > 2),
                    "project": str(project.name)}
    if by == "document":
        matrix.attrs["documents"] = names
    return matrix


def cluster_order(values: np.ndarray) -> np.ndarray:
    """Row order of the leaves of an average-linkage tree on Euclidean distances (scipy.cluster.hierarchy)."""
    from scipy.cluster.hierarchy import leaves_list, linkage

    return leaves_list(linkage(values, method="average", metric="euclidean"))


def _labels(paths) -> list[str]:
    names = [p.split(" > ")[-1] for p in paths]
    counts = pd.Series(names).value_counts()
    return [name if counts[name] == 1 else path for name, path in zip(names, paths)]


def _row_labels(names: list[str], font: float, room: float) -> tuple[float | None, list[str]]:
    """(points, labels): the largest type from ``font`` down to ``SMALLEST`` in which every row's label,
    broken to ``room`` inches (measured), stands apart from its neighbours in rows that share ``BODY``
    inches; (None, []) when even the smallest does not fit (the axis then says how many codes).

    Before, labels kept ``font`` and rows were shortened below their lines past 80 codes, or every label
    was left out at once (50 long Spanish names at one column lost all of theirs)."""
    if not names:
        return None, []
    size = font
    while size >= SMALLEST:
        labels = fitted_labels(names, size, room * 0.97)  # measured at 72 dpi; at 300 a line is up to 3% wider
        if len(names) * _pitch(size, lines_of(labels)) <= BODY:
            return size, labels
        size -= 0.25
    return None, []


def _label_share(width: float, columns: int) -> float:
    """The share of the picture's width the row labels may take: 45%, or up to 60% what a few columns leave
    (each column 0.2 inches at least, and an inch for the colour bar), so long names keep to fewer lines."""
    return max(0.45, min(0.6, (width - 1.0 - 0.2 * columns) / width))


def _pitch(font: float, lines: int) -> float:
    """Inches a row labelled in ``lines`` lines of ``font``-point type takes: the label's drawn box (1.04 of
    the type size for one line, 1.3 more a line, as matplotlib's Agg renderer lays out DejaVu Sans) and a
    tenth of the type size between neighbours."""
    return font * (1.3 * lines + 0.1) / 72


def heatmap_figure(matrix: pd.DataFrame, width: float = TWO_COLUMNS, title: str | None = None):
    """The Figure of ``heatmap_table``'s matrix, ``width`` inches wide and as tall as its rows need
    (at most 9 inches; row labels are left out when they would be smaller than 4-point type)."""
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.ticker import MaxNLocator

    rows, columns = matrix.shape
    font = 6.5 if width >= 5 else 5.5
    label_share = _label_share(width, columns)
    label_font, row_labels = _row_labels(_labels(list(matrix.index)), font, width * label_share - 0.1)
    labelled_rows = label_font is not None
    pitch = _pitch(label_font, lines_of(row_labels)) if labelled_rows else _pitch(font, 1)  # unlabelled: as one line
    body_height = min(max(rows * pitch, 1.0), BODY)
    labelled_columns = 0 < columns <= 60
    label_width = widest(row_labels, label_font) if labelled_rows else 0.2
    column_label_height = (max((len(str(c)) for c in matrix.columns), default=3) * font * 0.6 / 72
                           if labelled_columns else 0.25)
    height = body_height + column_label_height + 1.0
    figure = new_figure(width, height, dpi=100)
    left = min(label_width + 0.1, width * label_share) / width
    right = 1 - 1.0 / width
    bottom = 0.15 / height
    top = 1 - (0.55 + column_label_height) / height
    axes = figure.add_axes((left, bottom, right - left, top - bottom))
    values = matrix.to_numpy(dtype=float)
    high = float(np.nanmax(values)) if values.size else 1.0
    shown = np.ma.masked_equal(values, 0) if values.size else np.ma.masked_all((1, 1))  # zero is white
    image = axes.imshow(shown, aspect="auto", cmap=colormaps["Blues"].with_extremes(bad="white"),
                        norm=Normalize(0, max(high, 1e-9)), interpolation="nearest")
    axes.xaxis.tick_top()
    axes.tick_params(length=0, labelsize=font, colors=INK, pad=2)
    if labelled_rows:
        axes.set_yticks(range(rows), row_labels, fontsize=label_font)
    else:
        axes.set_yticks([])
        axes.set_ylabel(f"{rows:,} codes", fontsize=font, color=INK)
    if labelled_columns:
        axes.set_xticks(range(columns), [str(c) for c in matrix.columns], rotation=90)
    else:
        axes.set_xticks([])
        axes.set_xlabel(f"{columns:,} {_plural(matrix.columns.name or 'column', columns)}", fontsize=font, color=INK)
        axes.xaxis.set_label_position("top")
    for spine in axes.spines.values():
        spine.set_visible(False)
    cell_w = (right - left) * width / max(columns, 1) * 72
    cell_h = (top - bottom) * height / max(rows, 1) * 72
    percent = matrix.attrs.get("percent", False)
    if rows * columns and cell_h >= font * 1.2 and cell_w >= font * (3.2 if percent else 2.2):
        for (i, j), value in np.ndenumerate(values):
            if value:
                axes.text(j, i, f"{value:.0f}", ha="center", va="center",
                          fontsize=font * 0.85, color="white" if value > high * 0.6 else INK)
    bar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02, aspect=30)
    measure = matrix.attrs.get("measure", "codings")
    what = VALUE_NAMES.get(measure, measure)
    bar.set_label(f"% of the column's {'codings' if measure == 'codings' else measure}" if percent else what,
                  fontsize=font, color=INK)
    bar.ax.tick_params(labelsize=font, length=2)
    if not percent:
        bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    bar.outline.set_visible(False)
    by = matrix.columns.name or matrix.attrs.get("by", "document")
    heading = title or f"Codes by {by}: {what}{' (% of column)' if percent else ''}"
    figure.text(0.5, 1 - 0.06 / height, heading, ha="center", va="top", fontsize=font + 2.5, weight="bold", color=INK)
    notes = [matrix.attrs.get("project", "")]
    notes.append("rows clustered (average linkage, Euclidean)" if matrix.attrs.get("clustered") else
                 matrix.attrs.get("rows", "rows in codebook order"))
    figure.text(0.5, 1 - (0.1 + (font + 2.5) / 72) / height, " · ".join(n for n in notes if n), ha="center", va="top",
                fontsize=font, color=MUTED)
    if rows == 0:
        axes.text(0.5, 0.5, "No codings in this selection", transform=axes.transAxes, ha="center", va="center",
                  fontsize=font + 2, color=MUTED)
    return figure


def _plural(word: str, count: int) -> str:
    return word if count == 1 else (word + "s" if not word.endswith("s") else word)
