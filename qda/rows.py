"""A table as plain rows: what a listing prints, built without pandas.

Listings that answer at once (``qda quotes``, ``qda documents``, ``qda codebook``) read
rows from the project and print them; importing pandas alone would cost them more than
the rest of the work.  The library functions that return a DataFrame build it from the
same rows (``Rows.frame``), so the printed rows and the DataFrame never differ.
"""

from __future__ import annotations

from itertools import chain, islice, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    import pandas as pd


PIECE_ROWS = 1000  # rows of CSV or JSON made into one text at a time (``Rows.csv_pieces``)


class IndexedColumn:
    """A column of many rows and few distinct values, as pandas' categoricals hold one: ``values``
    (the distinct values: a list, a range or a dict by number) and ``index`` (a numpy integer array
    (rows,)): row ``i`` holds ``values[index[i]]``.  A table by document of 2,000,000 rows repeats a
    few hundred counts and names: printed from its values and index, its cells are never made one
    by one (``qda.cli.table``).  ``values`` may hold values that no row holds."""

    def __init__(self, values, index, held: list[int] | None = None):
        self.values, self.index = values, index
        self._held = held  # ``held()``, when known

    @classmethod
    def of_integers(cls, counts) -> "IndexedColumn":
        """The column of the integers ``counts`` (a numpy integer array), each value a Python int:
        counts of codings, documents or words, which are small and repeat."""
        import numpy as np

        counts = np.asarray(counts, dtype=np.int64)
        if not len(counts) or (0 <= int(counts.min()) and int(counts.max()) <= 2 * len(counts)):
            return cls(range(int(counts.max()) + 1 if len(counts) else 0), counts)  # each count its own number
        values, index = np.unique(counts, return_inverse=True)
        return cls(values.tolist(), index.reshape(-1))

    def map(self, function) -> "IndexedColumn":
        """The column of ``function`` of each value, worked out once a value that rows hold."""
        held = self.held()
        return IndexedColumn({number: function(self.values[number]) for number in held}, self.index, held)

    def held(self) -> list[int]:
        """The numbers of the values that some row holds, in order."""
        if self._held is None:
            import numpy as np

            self._held = np.flatnonzero(np.bincount(self.index)).tolist() if len(self.index) else []
        return self._held

    def tolist(self) -> list:
        return list(map(self.values.__getitem__, self.index.tolist()))

    def __len__(self) -> int:
        return len(self.index)

    def __iter__(self):
        return iter(self.tolist())


class Rows:
    """Named columns and rows of plain values (str, int, float, None), in order.

    Made from rows, or from the values of each column (``by_columns``): a table of millions of
    cells made column by column is printed from its columns, never turned into rows."""

    def __init__(self, columns: Sequence[str], rows: Iterable[Sequence[Any]] = ()):
        self.columns = list(columns)
        self._rows: list[tuple] | None = [tuple(row) for row in rows]
        self._values: list[list] | None = None
        self._given: list[list | IndexedColumn] | None = None

    @classmethod
    def by_columns(cls, columns: Sequence[str], values: Sequence[Sequence[Any]]) -> "Rows":
        """The table whose column ``columns[i]`` holds ``values[i]`` (lists of one length, or
        ``IndexedColumn``, kept as they are, not copied: a table by document has millions of cells)."""
        made = cls(columns)
        made._rows = None
        made._given = [column if type(column) in (list, IndexedColumn) else list(column) for column in values]
        return made

    @property
    def rows(self) -> list[tuple]:
        if self._rows is None:
            self._rows = list(zip(*self.values())) if self._given else []
        return self._rows

    def values(self) -> list[list]:
        """The values of each column, in the order of ``columns``."""
        if self._values is None:
            if self._given is not None:
                self._values = [column.tolist() if type(column) is IndexedColumn else column for column in self._given]
            else:
                self._values = columns_of(self._rows, len(self.columns))
        return self._values

    def given(self) -> list["list | IndexedColumn"]:
        """The values of each column as they were given (``by_columns``): lists or ``IndexedColumn``."""
        return self._given if self._given is not None else self.values()

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._given[0]) if self._given else 0

    def column(self, name: str) -> list:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def select(self, names: Sequence[str]) -> "Rows":
        """These columns only, in this order."""
        indexes = [self.columns.index(name) for name in names]
        return Rows(names, [tuple(row[i] for i in indexes) for row in self.rows])

    def drop(self, names: Iterable[str]) -> "Rows":
        gone = set(names)
        return self.select([c for c in self.columns if c not in gone])

    def insert(self, at: int, name: str, values: Sequence[Any]) -> "Rows":
        """A new column ``name`` at position ``at`` (a column of that name is replaced)."""
        columns = list(self.columns)
        if name in columns:
            index = columns.index(name)
            return Rows(columns, [row[:index] + (value,) + row[index + 1:] for row, value in zip(self.rows, values)])
        columns.insert(at, name)
        return Rows(columns, [row[:at] + (value,) + row[at:] for row, value in zip(self.rows, values)])

    def rename(self, names: dict[str, str]) -> "Rows":
        return Rows([names.get(c, c) for c in self.columns], self.rows)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def csv(self) -> str:
        """``csv_pieces`` joined: the whole text."""
        return "".join(self.csv_pieces())

    def json(self) -> str:
        """``json_pieces`` joined: the whole text."""
        return "".join(self.json_pieces())

    def csv_pieces(self, rows: int = PIECE_ROWS) -> Iterator[str]:
        """As ``DataFrame.to_csv(index=False, lineterminator="\\n")`` writes the same values (the csv
        module's minimal quoting: a field holding a comma, a double quote or a line break quoted, its
        quotes doubled; None empty; a float as ``repr``), written column by column: a hundred thousand
        quotes are quoted by a call a field and joined a row at a time in C, not passed through the
        csv module's writer one Python row at a time.  A bare carriage return is quoted, as CPython's
        csv module does from 3.11.9 (gh-67044), so that a reader does not end the row there.

        In pieces of ``rows`` rows, to be written as they are made: the whole text of 100,000 quotes
        (56 MB), and its encoding, cost a third of their writing in the kernel's page faults."""
        columns = [_csv_fields(self.columns)] + [_csv_fields(column) for column in self.values()]
        if len(self.columns) == 1:  # an empty record would be an empty line: the csv module writes ""
            columns = [[field or '""' for field in column] for column in columns]
        header, values = columns[0], columns[1:]
        if not values:
            yield "\n"
            return
        yield ",".join(header) + "\n"
        lines = map(",".join, zip(*values))
        while piece := list(islice(lines, rows)):
            yield "\n".join(piece) + "\n"

    def json_pieces(self, rows: int = PIECE_ROWS) -> Iterator[str]:
        """As ``json.dumps(records, ensure_ascii=False, indent=2) + "\n"`` writes ``records()`` with NaN
        as null (``qda.cli.common.json_records``).  When every value is a str, int, float, bool or None,
        the values are encoded column by column by the json module's own C functions, and every record's
        keys and values joined in one step (its pure-Python encoder, which ``indent`` takes, costs several
        times as long over a hundred thousand quotes; a template a record, ``%``, a third longer than the
        join): a record's items are separated by a line break and the indent, which a scalar's JSON text
        never holds.  In pieces of ``rows`` records, as ``csv_pieces``."""
        import json  # here, as csv above

        values = self.values()
        kinds = [set(map(type, column)) for column in values]  # each column's types, asked once
        if (not self.columns or len(set(self.columns)) < len(self.columns)
                or not all(types <= {str, int, float, bool, type(None)} for types in kinds)):
            yield json.dumps([{key: None if value != value else value for key, value in record.items()}
                              for record in self.records()], ensure_ascii=False, indent=2, default=_numpy_scalar) + "\n"
            return
        if not len(self):
            yield "[]\n"
            return
        string = json.encoder.encode_basestring  # what JSONEncoder(ensure_ascii=False) writes a str with
        keys = [string(key) + ": " for key in self.columns]
        laid = []  # before each value its key, as one iterable a column: each record is a row of them
        for key, column, types, first in zip(keys, values, kinds, [True] + [False] * (len(keys) - 1)):
            laid += [repeat(("{\n    " if first else ",\n    ") + key, len(self)),
                     _each_once(column, string if types == {str} else _json_scalar, types)]
        laid.append(chain(repeat("\n  },\n  ", len(self) - 1), ["\n  }\n]\n"]))
        texts = chain(["[\n  "], chain.from_iterable(zip(*laid)))
        while piece := "".join(islice(texts, rows * len(laid))):
            yield piece

    def frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns) if self.rows else pd.DataFrame(columns=self.columns)


def columns_of(rows: Sequence[Sequence], count: int) -> list[list]:
    """The ``count`` columns of ``rows`` (tuples), each a list: what ``zip(*rows)`` gives, without passing
    every row as an argument of its own, in a quarter of its time (a million rows of seven values:
    0.24 s against 0.92 s)."""
    return [list(map(itemgetter(index), rows)) for index in range(count)]


def _each_once(values: list, function, kinds: set[type] | None = None) -> list:
    """``function`` of each value, worked out once a distinct value when they are all str or all int
    and repeat (a column of codes, speakers or numbers; never across types or floats, where equal
    values such as 0, False and -0.0 are written apart), else once a value (a column of texts).
    ``kinds``: the values' types, if known."""
    kinds = kinds if kinds is not None else set(map(type, values))
    distinct = set(values) if kinds == {str} or kinds == {int} else values
    if 2 * len(distinct) > len(values):
        return list(map(function, values))
    return list(map({value: function(value) for value in distinct}.__getitem__, values))


def _csv_fields(values: list) -> list[str]:
    """The csv module's text of each value (None empty, a float by ``repr``, anything else by ``str``),
    quoted where it holds a comma, a double quote or a line break, its double quotes doubled."""
    kinds = set(map(type, values))
    if kinds - {str}:
        values, kinds = _each_once(values, _csv_text, kinds), {str}
    if not _csv_special("".join(values)):
        return values
    return _each_once(values, _csv_quoted, kinds)


def _csv_special(text: str) -> bool:
    """Whether ``text`` holds what makes the csv module quote a field (lineterminator "\\n"): four
    searches of ``str``, each several times faster than a regular expression's class [,"\\r\\n] (whose
    search costs 0.2 s over the codes met of 100,000 quotes, 30 MB that need no quotes)."""
    return "," in text or '"' in text or "\n" in text or "\r" in text


def _csv_text(value) -> str:
    return "" if value is None else repr(value) if type(value) is float else str(value)


def _csv_quoted(field: str) -> str:
    return f'"{field.replace(chr(34), chr(34) * 2)}"' if _csv_special(field) else field


def _numpy_scalar(value):
    """A numpy number as the Python number it holds, for the json module (which takes no numpy type):
    numpy 2 returns numpy integers where numpy 1 returned ints (``count_nonzero``), and one such value
    in a row made ``--format json`` fail."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _json_scalar(value) -> str:
    """The JSON text of a str, int, float, bool or None, as the json module's encoder writes it (a NaN
    as null, as ``json_records`` gives it)."""
    import json

    if value is None or value != value:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is str:
        return json.encoder.encode_basestring(value)
    if type(value) is float:
        return "Infinity" if value == float("inf") else "-Infinity" if value == float("-inf") else float.__repr__(value)
    return int.__repr__(value)
