"""Citable references for documents: "P07" for P07_ngo_limanorte, never the rest of a file name.

A document's file name often describes the participant (her name, her town,
her role), so exports and listings cite documents by a short name unless the
user asks for names.  The short name is the document name up to its first "_"
or space; when several documents share that prefix, each gets a letter after
it in import order (P07a, P07b).  Quotes add the passage's number: "P07:12".
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import pandas as pd


def short_names(names: Iterable[str]) -> dict[str, str]:
    """Document name (in import order) -> the short name used in references (see the module's doc)."""
    names = list(names)
    cut = re.compile(r"[_\s]")
    prefixes = [cut.split(name, maxsplit=1)[0] or name for name in names]
    counts = Counter(prefixes)
    taken = {p for p in prefixes if counts[p] == 1}
    result: dict[str, str] = {}
    letters: dict[str, int] = {}
    for name, prefix in zip(names, prefixes):
        if counts[prefix] == 1:
            result[name] = prefix
            continue
        short = prefix
        while short == prefix or short in taken:
            letters[prefix] = letters.get(prefix, 0) + 1
            short = prefix + _letters(letters[prefix])
        taken.add(short)
        result[name] = short
    return result


def _letters(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa": a spreadsheet's column letters, lower case."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def cite_documents(frame: pd.DataFrame, documents: Sequence[str], columns: Iterable[str] = ("document",),
                   headers: bool = False) -> pd.DataFrame:
    """``frame`` with document names in ``columns`` (and, if ``headers``, column labels) replaced by their
    short names; ``documents`` are every document name of the project in import order."""
    columns = [c for c in columns if c in frame.columns]
    if not columns and not headers:
        return frame
    short = short_names(documents)
    def cite(column: pd.Series) -> pd.Series:  # one look-up a distinct name, however many rows
        return column.map({name: short.get(name, name) for name in column.unique()})

    frame = frame.assign(**{c: cite(frame[c]) for c in columns})
    return frame.rename(columns=short) if headers else frame


def cite_in_text(text: str, short: dict[str, str]) -> str:
    """``text`` with every whole document name of ``short`` (name -> short name) replaced by its short name."""
    names = sorted((n for n in short if n != short[n]), key=len, reverse=True)
    if not names:
        return text
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern.sub(lambda match: short[match.group(1)], text)
