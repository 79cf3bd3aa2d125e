"""What the written forms of quotes (.md, .docx) cite of each quote, and how they group quotes by
code: the frame's columns by name, its attributes, its sections and each quote's citation."""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING

from .quotes import BASE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd


def columns_of(frame: pd.DataFrame) -> dict[str, list]:
    """The frame's columns as lists of Python values, by name: rows are read by column name, since
    ``itertuples`` renames a field that is no Python name (an attribute "age group" or "class")."""
    return {name: frame[name].tolist() for name in frame.columns}


def attributes_of(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in BASE_COLUMNS]


def sections(frame: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """(code path, the positions of its quotes in ``frame``), the paths in order of their first quote
    and without a missing path, as ``frame.groupby("code_path", sort=False)`` groups them."""
    sections: dict[str, list[int]] = {}
    for at, path in enumerate(frame["code_path"].tolist()):
        if path is not None and path == path:
            sections.setdefault(path, []).append(at)
    return list(sections.items())


def cited(columns: dict[str, list], attributes: list[str], between: str) -> list[str]:
    """Each quote's "REF{between}speaker (attribute value, ...); paragraph P, line L[, time]; coded by CODERS"."""
    extras = ([", ".join(f"{a} {value}" for a, value in zip(attributes, values) if value)
               for values in zip(*(columns[a] for a in attributes))] if attributes else repeat(""))
    return [f"{ref}{between}{speaker or 'unknown speaker'}" + (f" ({extra})" if extra else "")
            + f"; paragraph {paragraph}, line {line}" + (f", {time}" if time else "") + f"; coded by {coders}"
            for ref, speaker, extra, paragraph, line, time, coders in zip(
                columns["ref"], columns["speaker"], extras, columns["paragraph"], columns["line"], columns["time"],
                columns["coders"])]



def definition_of(codebook, path: str) -> str:
    if codebook is None:
        return ""
    code = codebook.find(path)
    return code.definition if code is not None else ""
