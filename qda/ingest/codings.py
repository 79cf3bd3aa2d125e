"""Codings from a CSV file: ``document,code,start,end,coder[,memo]``.

``document`` is a document's name or its citable reference ("P01", as
``qda codings`` lists it), so a listing can be edited and added back.

Instead of ``start`` and ``end`` a row may give the coded ``quote``: the span
is where that exact text occurs in the document (it must occur exactly once,
or the row gives ``occurrence``, counted from 1).  All rows are checked
before any is added; the first bad one is named by its line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import IngestError, QdaError
from ..references import short_names
from ..store.queries import documents_table
from ..text import canonical
from .tables import read_table

REQUIRED = ("document", "code", "coder")


def read_codings_csv(path: str | Path, project) -> list[tuple]:
    """Rows ``(document, code, start, end, memo, coder)`` ready for ``Project.add_codings``."""
    path = Path(path)
    table = read_table(path)
    columns = table.columns
    missing = [c for c in REQUIRED if c not in columns]
    has_span = "start" in columns and "end" in columns
    if missing or not (has_span or "quote" in columns):
        missing = missing + ([] if has_span or "quote" in columns else ["start and end (or quote)"])
        raise table.missing(missing, "the header must name document, code, start, end, coder[, memo]")
    bodies: dict[str, str] = {}
    rows: list[tuple] = []
    names = documents_table(project)["name"].tolist()
    by_reference = {short: name for name, short in short_names(names).items() if short not in set(names)}
    for line, row in table.rows:
        try:
            if not row.get("document") or not row.get("code"):
                raise QdaError("document and code must not be empty")
            row["document"] = by_reference.get(row["document"], row["document"])
            if has_span and row.get("start") != "" and row.get("end") != "":
                start, end = row["start"], row["end"]
            else:
                start, end = _locate(project, bodies, row)
        except QdaError as error:
            raise IngestError(path, f"line {line}: {error}") from error
        rows.append((row["document"], row["code"], start, end, row.get("memo", ""), row.get("coder", "")))
    if not rows:
        raise IngestError(path, "no codings in the file")
    return rows


def _locate(project, bodies: dict[str, str], row: dict[str, str]) -> tuple[int, int]:
    quote = canonical(row.get("quote", ""))
    if not quote:
        raise QdaError("give start and end, or the quote")
    document = row["document"]
    if document not in bodies:
        bodies[document] = project.document(document).text
    body = bodies[document]
    occurrence = _occurrence(row.get("occurrence", ""))
    positions = []
    at = body.find(quote)
    while at != -1:
        positions.append(at)
        at = body.find(quote, at + 1)
    if not positions:
        raise QdaError(f"the quote {quote[:40]!r}... does not occur in {document}")
    if occurrence is None:
        if len(positions) > 1:
            raise QdaError(f"the quote {quote[:40]!r} occurs {len(positions)} times in {document}; add an occurrence column")
        occurrence = 1
    if not 1 <= occurrence <= len(positions):
        raise QdaError(f"occurrence {occurrence} asked, but the quote occurs {len(positions)} times")
    start = positions[occurrence - 1]
    return start, start + len(quote)


def _occurrence(cell: str) -> int | None:
    """The ``occurrence`` cell: empty, or a whole number from 1 ("2", "2.0" as spreadsheets write it)."""
    if not cell:
        return None
    try:
        number = float(cell)
    except ValueError:
        number = float("nan")
    if not number.is_integer() or number < 1:
        raise QdaError(f"occurrence {cell!r} is not a whole number from 1")
    return int(number)
