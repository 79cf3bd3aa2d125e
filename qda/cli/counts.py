"""What `qda stats` and `qda crosstab` print: the counts of ``qda.analysis.tally`` as a table, CSV
or JSON (or a file with -o), without pandas.

The click commands (``qda.cli.analysis``) pass their arguments on to these functions as they are."""

from __future__ import annotations

from itertools import chain, repeat
from pathlib import Path

from ..files import PRIVATE
from ..rows import IndexedColumn, Rows
from .common import emit, opened, without_cycle_collection, working


@without_cycle_collection()
def show_stats(project, by: str = "code", coder=(), codes=(), where=(), rollup: bool = False, names: bool = False,
               output: Path | None = None, raw_csv: bool = False, mode: int = PRIVATE, fmt: str = "table") -> None:
    """`qda stats`: code frequencies per code, or per code within each group of ``by``."""
    from ..analysis.frequencies import frequency_columns
    from ..analysis.tally import tally

    with opened(project, snapshot=True) as opened_project, working("Counting codings"):
        counted = tally(opened_project, by=by, coder=coder, codes=codes, where=where, rollup=rollup)
        header, values = frequency_columns(counted, by)
        short = _short_names(opened_project) if by == "document" and not names else {}
    # the table's rows are the codes (in codebook order) of each group in turn: a column that is the
    # same for each group is made a group's worth at a time (a table by document has millions of rows),
    # or, counted with arrays, each distinct value once (``IndexedColumn``)
    shown, groups = len(counted.codes), len(counted.groups)
    if short:  # each document by its reference
        values[0] = (values[0].map(lambda group: short.get(group, group)) if type(values[0]) is IndexedColumn else
                     list(chain.from_iterable(repeat(short.get(group, group), shown) for group in counted.groups)))
    title = f"Codes{' by ' + by if by != 'code' else ''}{' (rolled up)' if rollup else ''}"
    if fmt == "table" and output is None:  # reference, indented code, figures, share as a percentage
        paths, share = values[-7], values[-1]
        if type(paths) is IndexedColumn:
            code, percent = paths.map(indented), share.map(lambda value: f"{value:.0%}")
        else:
            shares = {value: f"{value:.0%}" for value in set(share)}
            code, percent = list(map(indented, paths[:shown])) * groups, list(map(shares.__getitem__, share))
        emit(Rows.by_columns([*header[:-7], "code", *header[-4:-1], "% documents"],
                             [*values[:-7], code, *values[-4:-1], percent]), fmt, title=title)
        return
    rows = list(zip(*values))
    if output is not None:
        _write_rows(header, rows, output, raw_csv, mode)
        return
    emit(Rows(header, rows), fmt, title=title)


@without_cycle_collection()
def show_crosstab(project, rows: str = "code", cols: str = "role", measure: str = "codings", percent: bool = False,
                  coder=(), codes=(), where=(), rollup: bool = False, names: bool = False, output: Path | None = None,
                  raw_csv: bool = False, mode: int = PRIVATE, fmt: str = "table") -> None:
    """`qda crosstab`: codings, documents or words of each code per value of an attribute, coder or document."""
    from ..analysis.crosstab import crosstab_rows

    with opened(project, snapshot=True) as opened_project, working("Cross-tabulating"):
        header, body = crosstab_rows(opened_project, rows=rows, cols=cols, measure=measure, percent=percent,
                                     coder=coder, codes=codes, where=where, rollup=rollup)
        if "document" in (rows, cols) and not names:
            short = _short_names(opened_project)
            header = [short.get(name, name) for name in header]
            if header[0] == "document":
                body = _cited(body, short)
    if output is not None:
        _write_rows(header, body, output, raw_csv, mode)
        return
    if fmt == "table" and header[0] == "path":
        header = ["code", *header[1:]]
        body = [(indented(row[0]), *row[1:]) for row in body]
    emit(Rows(header, body), fmt, title=f"{measure}{' (% of column)' if percent else ''} by {cols if rows == 'code' else rows}")


def indented(path: str) -> str:
    """"A > B > C" -> "    C": the tree shape of the codebook in a table's first column."""
    parts = path.split(" > ")
    return "  " * (len(parts) - 1) + parts[-1]


def _short_names(project) -> dict[str, str]:
    """Every document's name -> its citable reference (``qda.references``)."""
    from ..references import short_names

    return short_names(name for _, name in project.document_names())


def _cited(rows: list[tuple], short: dict[str, str]) -> list[tuple]:
    """Rows with the document name in their first cell replaced by its reference."""
    return [(short.get(row[0], row[0]), *row[1:]) for row in rows]


def _write_rows(header: list[str], rows: list[tuple], output: Path, raw_csv: bool, mode: int) -> None:
    """A table of rows to a .csv or .json file, as ``wrote_table`` writes a DataFrame."""
    import pandas as pd

    from .files import wrote_table

    wrote_table(pd.DataFrame(rows, columns=header), output, raw_csv, mode)


