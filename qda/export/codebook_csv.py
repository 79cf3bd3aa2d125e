"""Codebooks as CSV: qda's own columns, the columns Taguette imports, and flattened trees read back.

qda's CSV (``qda.codebook.codebook_table``) has ``path, level, name``, the
guidance fields, ``colour`` and ``id``.  Taguette cannot read it: its codebook
import (``taguette/import_codebook.py``) takes the tag from a column named
``tag``, ``name`` or ``path`` (case ignored) and refuses a header with more
than one of them ("Not sure which column to use for tag name"); it also reads
an optional ``description`` column, ignores the rest, and splits on commas
only.  Taguette tags are flat: a hierarchy lives in the tag itself, so the
Taguette CSV carries each code's path ("Police > Distrust of police") as its
tag and its guidance fields as one description.

Read back, a tree that went through a flat tool comes as one code per path,
named like ``Police › Distrust`` or ``Police > Distrust``.  ``unflatten`` puts
each such top-level code under its parents (made when the file lacks them) and
says so, code by code.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from ..codebook import TEXT_KEYS, codebook_table
from ..errors import CodebookError
from ..ingest.tables import read_table
from ..model import COLOUR, Code, Codebook
from ..files import PRIVATE, write_private
from ..spreadsheet import csv_bytes

TAGUETTE_COLUMNS = ("tag", "description")
FLATTENED = re.compile(r"\s*[>›]\s*")   # a level separator in a flattened name: qda's '>' or the '›' it becomes
NAME_COLUMNS = ("tag", "name", "code")   # a flat file's code column, first found wins
DESCRIPTION_COLUMNS = ("definition", "description")
LABELS = {"when_to_use": "When to use", "when_not_to_use": "When not to use", "example": "Example"}


def taguette_table(codebook: Codebook) -> tuple[tuple[str, ...], list[list[str]]]:
    """(header, rows) Taguette's codebook import accepts: the path as the tag, the guidance as the description."""
    rows = []
    for code, _ in codebook.walk():
        parts = [code.definition] + [f"{LABELS[k]}: {getattr(code, k)}" for k in LABELS if getattr(code, k)]
        rows.append([codebook.path(code.id), "\n\n".join(p for p in parts if p)])
    return TAGUETTE_COLUMNS, rows


def write_codebook_csv(codebook: Codebook, path: str | Path, style: str = "qda", raw: bool = False,
                       mode: int = PRIVATE) -> Path:
    """``style`` "qda" (every field, reads back losslessly) or "taguette" (tag, description)."""
    header, rows = taguette_table(codebook) if style == "taguette" else codebook_table(codebook)
    return write_private(path, csv_bytes(header, rows, raw), mode)


def read_codebook_csv(path: str | Path) -> tuple[Codebook, list[str]]:
    """A codebook from qda's CSV (a ``path`` column), Taguette's (``tag``) or any with a ``name`` or ``code``
    column; (codebook, notes on what was rebuilt).  CodebookError names the file and line of a fault."""
    path = Path(path)
    table = read_table(path)
    lower = {c.casefold(): c for c in table.columns}
    key = next((lower[c] for c in ("path", *NAME_COLUMNS) if c in lower), None)
    if key is None:
        raise CodebookError(f"no code column: name one 'path', 'tag', 'name' or 'code' "
                            f"(the header, read as separated by {table.separated_by}, has "
                            f"{', '.join(map(repr, table.columns)) or 'no column'})", path)
    by_path: dict[tuple[str, ...], Code] = {}
    codes: list[Code] = []
    ids: set[str] = set()
    for line, row in table.rows:
        cells = {k.casefold(): v for k, v in row.items()}
        parts = tuple(p.strip() for p in row[key].split(">")) if key == lower.get("path") else (row[key],)
        if not all(parts):
            raise CodebookError(f"a code without a name ({row[key]!r})", path, line)
        if tuple(p.casefold() for p in parts) in {tuple(q.casefold() for q in k) for k in by_path}:
            raise CodebookError(f"code {' > '.join(parts)!r} appears twice", path, line)
        parent = by_path.get(parts[:-1]) if len(parts) > 1 else None
        if len(parts) > 1 and parent is None:
            raise CodebookError(f"code {' > '.join(parts)!r} comes before its parent {' > '.join(parts[:-1])!r}",
                                path, line)
        colour = cells.get("colour") or cells.get("color") or ""
        if colour and not COLOUR.match(colour):
            raise CodebookError(f"colour {colour!r} is not of the form #RRGGBB", path, line)
        colour = colour.upper()
        code_id = cells.get("id", "")
        try:
            code_id = str(uuid.UUID(code_id)) if code_id else str(uuid.uuid4())
        except ValueError as error:
            raise CodebookError(f"id {code_id!r} is not a UUID", path, line) from error
        if code_id in ids:
            raise CodebookError(f"id {code_id} is used by two codes", path, line)
        ids.add(code_id)
        text = {k: cells.get(k, "") for k in TEXT_KEYS}
        text["definition"] = text["definition"] or next((cells[c] for c in DESCRIPTION_COLUMNS if cells.get(c)), "")
        siblings = sum(1 for c in codes if c.parent_id == (parent.id if parent else None))
        code = Code(id=code_id, name=parts[-1], parent_id=parent.id if parent else None, colour=colour,
                    position=siblings, **text)
        by_path[parts] = code
        codes.append(code)
    if not codes:
        raise CodebookError("no codes in the file", path)
    return unflatten(Codebook(codes=tuple(codes)))


def unflatten(codebook: Codebook) -> tuple[Codebook, list[str]]:
    """Top-level codes named like "Police › Distrust" moved under their parents; (codebook, one note a code).

    Only a flat codebook (no code has children: what a flat tool such as Taguette
    writes) is rebuilt; in a tree, "›" is part of a name.  A parent the codebook lacks
    is made (without guidance).  A code whose place is taken by a sibling of the same
    name keeps its flattened name, and the note says so."""
    if any(code.parent_id is not None for code in codebook.codes):
        return codebook, []
    codes = {code.id: code for code in codebook.codes}
    order = [code.id for code in codebook.codes]
    notes: list[str] = []

    def child(parent_id: str | None, name: str) -> Code | None:
        return next((c for c in codes.values() if c.parent_id == parent_id and c.name.casefold() == name.casefold()), None)

    def place(parent_id: str | None) -> int:
        return sum(1 for c in codes.values() if c.parent_id == parent_id)

    for code_id in list(order):
        code = codes[code_id]
        parts = FLATTENED.split(code.name)
        if len(parts) < 2:
            continue
        if not all(parts):
            notes.append(f"kept {code.name!r} as it is: a level of it has no name")
            continue
        parent_id: str | None = None
        made = []
        for name in parts[:-1]:
            found = child(parent_id, name)
            if found is None or found.id == code.id:
                found = Code(id=str(uuid.uuid4()), name=name, parent_id=parent_id, position=place(parent_id))
                codes[found.id] = found
                order.insert(order.index(code.id), found.id)
                made.append(name)
            parent_id = found.id
        if child(parent_id, parts[-1]) is not None:
            notes.append(f"kept {code.name!r} as it is: {' > '.join(parts)!r} is already a code")
            continue
        codes[code.id] = code.replace(name=parts[-1], parent_id=parent_id, position=place(parent_id))
        note = f"{code.name!r} read as the path {' > '.join(parts)!r}"
        notes.append(note + (f" (made {', '.join(map(repr, made))})" if made else ""))
    return Codebook(codebook.name, codebook.description, tuple(codes[i] for i in order)), notes
