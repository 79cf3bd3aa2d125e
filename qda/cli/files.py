"""Options that keep what a command writes or prints safe and private: raw CSV, permissions, document names.

The rules themselves live in ``qda.spreadsheet`` (CSV safe for spreadsheets),
``qda.files`` (whole files, private by default) and ``qda.references``
(documents cited by reference, not by file name)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from ..errors import QdaError
from ..files import PRIVATE, parse_mode, write_private
from .common import json_records, say

if TYPE_CHECKING:  # imported where used, so that `qda --help` starts without pandas
    import pandas as pd


def output_option(function: Callable) -> Callable:
    """-o/--output (a .csv or .json table) with --raw-csv and --permissions."""
    function = file_options(function)
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write the table to .csv (safe for spreadsheets) or .json instead of printing it.")(function)


def permissions_option(function: Callable) -> Callable:
    """--permissions, passed on as ``mode`` (int)."""
    return click.option(
        "--permissions", "mode", default=f"{PRIVATE:o}", show_default=True, metavar="OCTAL", callback=_mode,
        help="Permissions of the written file; the default lets only you read it, as the project.")(function)


def file_options(function: Callable) -> Callable:
    """--raw-csv and --permissions, passed on as ``raw_csv`` (bool) and ``mode`` (int)."""
    function = permissions_option(function)
    function = click.option(
        "--raw-csv", is_flag=True,
        help="Write a .csv exactly: no byte-order mark, no apostrophe before cells a spreadsheet "
             "would run as formulas (=, +, -, @); for scripts, not for Excel or LibreOffice.")(function)
    return function


def _mode(context: click.Context, parameter: click.Parameter, value: str) -> int:
    try:
        return parse_mode(value)
    except QdaError as error:
        raise click.BadParameter(str(error)) from error


def wrote_table(frame: "pd.DataFrame", path: Path | None, raw_csv: bool, mode: int) -> bool:
    """Write ``frame`` to ``path`` (if given) and say so on stderr; whether it did."""
    if path is None:
        return False
    write_table(frame, path, raw_csv, mode)
    say(f"Wrote {len(frame)} rows to {path}.", err=True)
    return True


def write_table(frame: "pd.DataFrame", path: Path, raw_csv: bool, mode: int, fmt: str | None = None) -> None:
    """A table to .csv (safe for spreadsheets unless ``raw_csv``) or .json (records), by ``fmt`` or the suffix."""
    suffix = f".{fmt}" if fmt else path.suffix.lower()
    if suffix == ".csv":
        from ..spreadsheet import write_csv

        write_csv(frame, path, raw=raw_csv, mode=mode)
    elif suffix == ".json":
        import json  # here: a command that prints its table need not import it

        text = json.dumps(json_records(frame), ensure_ascii=False, indent=2) + "\n"  # full precision
        write_private(path, text.encode("utf-8"), mode)
    else:
        raise QdaError(f"cannot write a table as {suffix or 'a file without suffix'!r}; use .csv or .json")


def names_option(function: Callable) -> Callable:
    return click.option("--names", is_flag=True,
                        help="Show documents' full names instead of their citable references (P07); "
                             "file names may identify participants.")(function)


def cited(frame: "pd.DataFrame", project, names: bool, headers: bool = False) -> "pd.DataFrame":
    """``frame`` with its ``document`` column (and, if ``headers``, document columns) as references unless ``names``."""
    if names:
        return frame
    from ..references import cite_documents
    from ..store.queries import documents_table

    return cite_documents(frame, documents_table(project)["name"].tolist(), headers=headers)
