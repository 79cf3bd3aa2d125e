"""Frequency charts: codes by a document attribute as grouped or stacked bars, and a document's portrait.

``bars_table`` is ``qda.analysis.crosstab`` (codes by the attribute's values,
codings, documents or words, counts or percentages) without codes never
coded; ``bars_figure`` draws each code as a horizontal row (long code names
stay readable) with one bar per value side by side, or stacked.  Colours are
Okabe and Ito's colour-blind-safe palette.

``portrait_table`` lists one document's codings with where they fall (start
and end as a share of the text); ``portrait_figure`` draws each code as a row
and each coding as a bar along the interview, coloured by its top-level code,
with the interviewer's turns shaded, so one sees at a glance where themes come
and go.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .figure import INK, MUTED, TWO_COLUMNS, fitted_labels, lines_of, new_figure, widest
from .network import PALETTE, wrap


def bars_table(project, by: str = "role", measure: str = "codings", percent: bool = False, coder=None, codes=None,
               where=None, rollup: bool = False) -> pd.DataFrame:
    """Codes (rows, by path, codebook order, uncoded codes left out) by the values of ``by`` (columns)."""
    from ..analysis import crosstab

    table = crosstab(project, rows="code", cols=by, measure=measure, percent=percent, coder=coder, codes=codes,
                     where=where, rollup=rollup)
    matrix = table.drop(columns=["total"]).set_index("path")
    matrix.index.name, matrix.columns.name = "code", by
    matrix = matrix[(matrix != 0).any(axis=1)]
    matrix.attrs = {"by": by, "measure": measure, "percent": percent, "project": str(project.name)}
    return matrix


def _row_labels(paths, font: float, width: float) -> list[str]:
    """The codes' names broken into lines that fit the label column (45 % of ``width``), measured."""
    return fitted_labels([p.split(" > ")[-1] for p in paths], font, width * 0.45 - 0.12)


def _figure_beside(labels: list[str], font: float, width: float, height: float, margins: float):
    """A figure ``width`` x ``height`` inches and its axes, with room on the left for the widest line
    of ``labels`` at ``font`` points (measured; at most 45 % of the width) and ``margins``
    inches of the height outside the axes: 0.45 below for the scale, the rest above for the title."""
    label_width = widest(labels, font)
    figure = new_figure(width, height, dpi=100)
    left = min(label_width + 0.12, width * 0.45) / width
    return figure, figure.add_axes((left, 0.45 / height, 0.97 - left, 1 - margins / height))


# A pattern beside each colour: printed in grey, nine roles' colours fell into three or four shades (CEM
# lawyer, CEM social worker and family prosecutor one dark grey), so bars told apart by colour alone were
# not told apart at all.  White lines (the bars' edge colour) over the colour; the first value plain.
HATCHES = ["", "////", "....", "xxxx", "\\\\\\\\", "++++", "oo", "----", "||||", "**", "OO", "//.."]


def bars_figure(matrix: pd.DataFrame, stacked: bool = False, width: float = TWO_COLUMNS, title: str | None = None):
    """Horizontal bars, one row a code, one colour a value of the attribute; grouped or ``stacked``.

    The legend of the values is measured once drawn: it takes fewer columns until it fits the
    width, and the picture grows taller until it clears the bars (nine roles at one journal
    column, 3.5 in, ran off both edges in six columns)."""
    columns, extra = min(matrix.shape[1], 6), 0.0
    while True:
        figure, legend = _bars(matrix, stacked, width, title, max(columns, 1), extra)
        too_wide, overlap = _legend_misfit(figure, legend)
        if too_wide and columns > 1:
            columns -= 1
        elif overlap > 0:
            extra += overlap + 0.05
        else:
            return figure


def _legend_misfit(figure, legend) -> tuple[bool, float]:
    """(whether the legend runs past the figure's sides, inches by which it comes down on the axes)."""
    renderer = figure.canvas.get_renderer()
    box = legend.get_window_extent(renderer)
    top = figure.axes[0].get_window_extent(renderer).y1
    return box.x0 < 0 or box.x1 > figure.bbox.width, (top + 0.08 * figure.dpi - box.y0) / figure.dpi


def _bars(matrix: pd.DataFrame, stacked: bool, width: float, title: str | None, columns: int, extra: float):
    """The bars picture with its legend in ``columns`` columns and ``extra`` inches more above the axes."""
    rows, groups = matrix.shape
    font = 6.5 if width >= 5 else 5.5
    labels = _row_labels(matrix.index, font, width)
    row_height = max(font * 1.6 if stacked else max(font * 1.6, groups * 2.2 + 3), font * 1.2 * lines_of(labels) + 2) / 72
    height = min(max(rows * row_height, 1.0), 8.0) + 1.5 + extra
    figure, axes = _figure_beside(labels, font, width, height, margins=1.45 + extra)
    positions = np.arange(rows)
    colours = [PALETTE[i % len(PALETTE)] for i in range(groups)]
    hatches = [HATCHES[i % len(HATCHES)] for i in range(groups)]
    values = matrix.to_numpy(dtype=float)
    names = [wrap(str(value), 30) for value in matrix.columns]
    if stacked:
        start = np.zeros(rows)
        for j in range(groups):
            axes.barh(positions, values[:, j], left=start, height=0.72, color=colours[j], label=names[j],
                      edgecolor="white", linewidth=0.3, hatch=hatches[j])
            start += values[:, j]
    else:
        thickness = 0.8 / max(groups, 1)
        for j in range(groups):
            axes.barh(positions - 0.4 + thickness * (j + 0.5), values[:, j], height=thickness, color=colours[j],
                      label=names[j], edgecolor="white", linewidth=0, hatch=hatches[j])
    axes.set_yticks(positions, labels)
    axes.tick_params(labelsize=font, colors=INK, length=2)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    axes.set_axisbelow(True)
    measure, percent = matrix.attrs.get("measure", "codings"), matrix.attrs.get("percent", False)
    axes.set_xlabel(f"% of the value's {measure}" if percent else measure, fontsize=font, color=INK)
    by = matrix.columns.name or matrix.attrs.get("by", "")
    axes.set_ylim(rows - 0.5, -0.5)
    legend = figure.legend(*axes.get_legend_handles_labels(), title=by, fontsize=font, title_fontsize=font,
                           frameon=False, loc="upper center",
                           bbox_to_anchor=(0.5, 1 - (0.2 + (font + 2.5) / 72 + font / 72) / height),
                           ncols=columns, handlelength=1.0, columnspacing=1.0)
    heading = title or f"Codes by {by}: {measure}{' (% of each value)' if percent else ''}"
    figure.text(0.5, 1 - 0.06 / height, heading, ha="center", va="top", fontsize=font + 2.5, weight="bold", color=INK)
    figure.text(0.5, 1 - (0.1 + (font + 2.5) / 72) / height,
                f"{matrix.attrs.get('project', '')} · {'stacked' if stacked else 'grouped'} bars", ha="center",
                va="top", fontsize=font, color=MUTED)
    return figure, legend


def portrait_table(project, document: str, coder=None, codes=None) -> pd.DataFrame:
    """One document's codings (``document``: its name or short name): code path, top-level code, colour, coder, start and end (code points and
    share of the text, 0-1), speaker; in document order.  ``attrs``: the document's short name,
    its length and its turns (start, end, speaker)."""
    from ..analysis._select import select_codings
    from ..errors import NotFoundError
    from ..references import short_names
    from ..store.queries import documents_table, turn_speakers, unit_spans

    documents = documents_table(project)
    short = short_names(documents["name"])
    found = documents[(documents["name"] == document) | (documents["name"].map(short) == document)]
    if found.empty:
        known = ", ".join(documents["name"].head(8))
        raise NotFoundError(f"no document {document!r} in {project.path} (documents: {known}...)")
    document_id = found["id"].iloc[0]
    spans = unit_spans(project, "document")
    length = int(spans.loc[spans["document_id"] == document_id, "end"].max() or 1)
    frame = select_codings(project, coder=coder, codes=codes)
    frame = frame[frame["document_id"] == document_id].sort_values(["start", "end"])
    paths = frame["code_id"].map(project.codebook.paths)
    table = pd.DataFrame({
        "code": paths.to_numpy(), "top": [p.split(" > ")[0] for p in paths], "coder": frame["coder"].to_numpy(),
        "start": frame["start"].to_numpy(), "end": frame["end"].to_numpy(),
        "start_share": frame["start"].to_numpy() / length, "end_share": frame["end"].to_numpy() / length})
    turns = turn_speakers(project)
    turns = turns[turns["document_id"] == document_id]
    asking = turns["speaker"].fillna("").str.fullmatch(INTERVIEWER, case=False)
    table.attrs = {"document": short[found["name"].iloc[0]], "length": length,
                   "interviewer_turns": [(int(s), int(e)) for s, e in zip(turns["start"][asking], turns["end"][asking])],
                   "project": str(project.name)}
    return table.reset_index(drop=True)


INTERVIEWER = r"(?:the\s+)?(?:interviewer|entrevistador[a]?|moderator|moderador[a]?|facilitator|i|q|e)\s*\d*"


def portrait_figure(table: pd.DataFrame, codebook=None, width: float = TWO_COLUMNS, title: str | None = None):
    """Each code a row (codebook order), each coding a bar from its start to its end along the interview
    (0-100 % of the text), coloured by its top-level code; the interviewer's turns shaded grey."""
    from .network import top_colours

    order = list(codebook.paths.values()) if codebook is not None else sorted(set(table["code"]))
    codes = sorted(set(table["code"]), key=lambda p: order.index(p) if p in order else len(order))
    font = 6.5 if width >= 5 else 5.5
    rows = len(codes)
    labels = _row_labels(codes, font, width)
    height = min(max(rows * max(font * 1.7, font * 1.2 * lines_of(labels) + 2) / 72, 0.8), 8.0) + 1.1
    figure, axes = _figure_beside(labels, font, width, height, margins=1.05)
    length = table.attrs.get("length", 1)
    for start, end in table.attrs.get("interviewer_turns", []):
        axes.axvspan(start / length * 100, end / length * 100, color="#EEEEEE", linewidth=0, zorder=0)
    colours = top_colours(table["top"], codebook)
    row_of = {code: i for i, code in enumerate(codes)}
    for row in table.itertuples(index=False):
        share = max((row.end_share - row.start_share) * 100, 0.35)  # a short coding stays visible
        axes.barh(row_of[row.code], share, left=row.start_share * 100, height=0.7, color=colours[row.top],
                  edgecolor="none", zorder=2)
    axes.set_yticks(range(rows), labels)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xlim(0, 100)
    room = axes.get_position().width * width  # one journal column is narrower than the sentence
    axes.set_xlabel(fitted_labels(["position in the interview (% of the text); grey: the interviewer's turns"], font,
                                  room)[0], fontsize=font, color=INK)
    axes.tick_params(labelsize=font, colors=INK, length=2)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#F2F2F2", linewidth=0.5)
    heading = title or f"Where each code falls in {table.attrs.get('document', 'the document')}"
    figure.text(0.5, 1 - 0.06 / height, heading, ha="center", va="top", fontsize=font + 2.5, weight="bold", color=INK)
    figure.text(0.5, 1 - (0.1 + (font + 2.5) / 72) / height,
                f"{table.attrs.get('project', '')} · {len(table)} codings of {rows} codes · colour: top-level code",
                ha="center", va="top", fontsize=font, color=MUTED)
    if table.empty:
        axes.text(50, 0, "No codings in this document", ha="center", va="center", fontsize=font + 2, color=MUTED)
    return figure
