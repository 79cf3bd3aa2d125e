"""Picture commands: heatmap, bars, portrait.

Each prints its data as a table (or CSV, JSON) or, with ``-o FILE.png|svg``,
draws it with ``qda.pictures`` at a journal's width (``--width``: 7 inches for
two columns, 3.5 for one).  matplotlib is imported only when drawing."""

from __future__ import annotations

from pathlib import Path

import click

from .analysis import selection_options
from .common import emit, format_option, opened, project_argument, say, working
from .files import permissions_option


def picture_options(function):
    function = permissions_option(function)
    function = click.option("--width", type=click.FloatRange(min=2.0, max=20.0), default=7.0, show_default=True,
                            metavar="INCHES", help="Width of the picture: 7 for two journal columns, 3.5 for one.")(function)
    function = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                            help="Draw to this .png (300 dpi) or .svg; without it, print the data.")(function)
    return function


def count_options(each: str, share_of: str):
    """--measure and --percent of a picture of counts: what each ``each`` (cell, bar) counts, and as a
    percentage of what (``share_of``)."""
    def decorate(function):
        function = click.option("--percent", is_flag=True, help=f"Each {each} as a percentage of {share_of}.")(function)
        return click.option("--measure", type=click.Choice(["codings", "documents", "words"]), default="codings",
                            show_default=True, help=f"What each {each} counts.")(function)
    return decorate


def _draw(make_figure, output: Path, what: str, mode: int) -> None:
    """Draw with ``make_figure()`` (it imports matplotlib) and save to ``output``, each step shown."""
    from ..pictures.figure import save_figure

    with working("Drawing"):
        figure = make_figure()
    with working(f"Writing {output.name}"):
        save_figure(figure, output, mode=mode)
    say(f"Wrote {what} to {output}.")


def _check_suffix(output: Path | None) -> None:
    if output is not None:
        from ..pictures.figure import picture_format

        picture_format(output)


@click.command()
@project_argument
@click.option("--by", default="document", show_default=True, metavar="document|ATTRIBUTE|coder",
              help="The columns: each document (by its short name), or each value of an attribute.")
@count_options("cell", share_of="its column's total")
@click.option("--cluster", is_flag=True, help="Order the codes by hierarchical clustering of their rows (scipy).")
@selection_options
@picture_options
@format_option
def heatmap(project: Path, by, measure, percent, cluster, coder, codes, where, rollup, output, width, mode, fmt) -> None:
    """Codes by documents or by an attribute's values as a heat map (or its numbers).

    \b
    Examples:
      qda heatmap study.qda -o codes_by_document.png
      qda heatmap study.qda --by role --percent --cluster -o codes_by_role.svg
      qda heatmap study.qda --by site --format csv > matrix.csv
    """
    from ..pictures.heatmap import heatmap_table

    _check_suffix(output)
    with opened(project, snapshot=True) as opened_project, working("Counting codings"):
        matrix = heatmap_table(opened_project, by=by, measure=measure, percent=percent, coder=coder, codes=codes,
                               where=where, rollup=rollup, cluster=cluster)
    if output is not None:
        from ..pictures.heatmap import heatmap_figure

        _draw(lambda: heatmap_figure(matrix, width=width), output,
              f"the heat map of {len(matrix)} codes by {matrix.shape[1]} {by} columns", mode)
        return
    emit(matrix.reset_index(), fmt, title=f"Codes by {by}: {measure}{' (% of column)' if percent else ''}")


@click.command()
@project_argument
@click.option("--by", required=True, metavar="ATTRIBUTE|coder", help="A document attribute (role, site...) or coder.")
@count_options("bar", share_of="its value's total")
@click.option("--stacked", is_flag=True, help="Stack the values in one bar per code instead of side by side.")
@selection_options
@picture_options
@format_option
def bars(project: Path, by, measure, percent, stacked, coder, codes, where, rollup, output, width, mode, fmt) -> None:
    """Code frequencies by an attribute's values as grouped or stacked bars (or their numbers).

    \b
    Examples:
      qda bars study.qda --by role -o codes_by_role.png
      qda bars study.qda --by site --codes "Institutional response" --stacked -o site.svg --width 3.5
    """
    from ..pictures.charts import bars_table

    _check_suffix(output)
    with opened(project, snapshot=True) as opened_project, working("Counting codings"):
        matrix = bars_table(opened_project, by=by, measure=measure, percent=percent, coder=coder, codes=codes,
                            where=where, rollup=rollup)
    if output is not None:
        from ..pictures.charts import bars_figure

        _draw(lambda: bars_figure(matrix, stacked=stacked, width=width), output,
              f"the bars of {len(matrix)} codes by {by}", mode)
        return
    emit(matrix.reset_index(), fmt, title=f"Codes by {by}: {measure}{' (% of each value)' if percent else ''}")


@click.command()
@project_argument
@click.argument("document")
@click.option("--coder", multiple=True, metavar="NAME", help="Only this coder's codings (repeatable).")
@click.option("--codes", multiple=True, metavar="CODE", help="Only these codes and their subtrees (repeatable).")
@picture_options
@format_option
def portrait(project: Path, document: str, coder, codes, output, width, mode, fmt) -> None:
    """Where each code falls along one interview: a row per code, a bar per coding.

    The picture names the document by its short name (P07), never its full name.

    \b
    Examples:
      qda portrait study.qda P07_ngo_limanorte -o p07.png
      qda portrait study.qda P07_ngo_limanorte --coder ana --format csv
    """
    from ..pictures.charts import portrait_table

    _check_suffix(output)
    with opened(project, snapshot=True) as opened_project, working("Reading codings"):
        table = portrait_table(opened_project, document, coder=coder, codes=codes)
        codebook = opened_project.codebook
    if output is not None:
        from ..pictures.charts import portrait_figure

        _draw(lambda: portrait_figure(table, codebook, width=width), output,
              f"the portrait of {table.attrs['document']} ({len(table)} codings)", mode)
        return
    shown = table.assign(start_share=table["start_share"].round(3), end_share=table["end_share"].round(3))
    emit(shown, fmt, title=f"Codings of {table.attrs['document']} along the text")


COMMANDS = [heatmap, bars, portrait]
