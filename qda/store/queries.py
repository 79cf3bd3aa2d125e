"""Read-only queries the analysis and exports need beyond the Project interface.

All SQL of qda lives in ``qda.store``; these take an open ``Project``."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterator

from ..rows import columns_of
from .connection import snapshot

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import numpy as np
    import pandas as pd


CHUNK = 500  # document ids a query names at once (SQLite allows at least 999 parameters)
MOST = 0.5  # a selection of more than this share of the documents reads every coding at once


def _rows_of_documents(project, sql: str, document_ids) -> list[tuple]:
    """The rows of ``sql`` for the named documents only: ``{ids}`` in ``sql`` takes the placeholders
    of a chunk of ids, so that a selection of a few documents reads only their rows (by primary key).
    Chunks go in id order, so rows ordered by document_id in ``sql`` are in that order overall."""
    ids = sorted(set(document_ids))
    rows: list[tuple] = []
    for first in range(0, len(ids), CHUNK):
        chunk = ids[first:first + CHUNK]
        rows += project._db.execute(sql.format(ids=", ".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _in_document_order(project, select: str, document_ids) -> list:
    """The rows of ``select`` (a table with document_id and idx) in document and index order, for every
    document or for ``document_ids`` only."""
    if document_ids is None:
        return project._db.execute(f"{select} ORDER BY document_id, idx").fetchall()
    return _rows_of_documents(project, f"{select} WHERE document_id IN ({{ids}}) ORDER BY document_id, idx",
                              document_ids)


def document_bodies(project, document_ids) -> dict[str, str]:
    """The texts of the named documents (by id); no other text is read."""
    return dict(iter_document_texts(project, document_ids))


def documents_table(project) -> pd.DataFrame:
    """One row a document in import order, without counts: id, name, words, language, and one
    column per attribute ("" where a document lacks it).  Cheaper than ``Project.documents_frame``.

    Kept on the open project while nothing changes (as ``coding_spans``); each call gets its own copy."""
    version = _version(project)
    table = _kept(project, "_qda_documents_table", version)
    if table is None:
        table = _keep(project, "_qda_documents_table", version, _documents_table(project))
    return table.copy()


def _documents_table(project) -> pd.DataFrame:
    return project.document_listing().frame()


def _version(project) -> tuple[int, int]:
    """Changes by this connection and commits by any other: equal versions, equal data."""
    return project._db.total_changes, project._db.execute("PRAGMA data_version").fetchone()[0]


def _kept(project, name: str, version=None):
    """What the open project keeps under ``name`` if nothing changed since it was read, else None.

    Kept values are stored with the version taken *before* they were read (``_keep``), so a
    commit landing during the read makes them stale, never current."""
    kept = getattr(project, name, None)
    if kept is None or kept[0] != (version if version is not None else _version(project)):
        return None
    return kept[1]


def _keep(project, name: str, version, value):
    setattr(project, name, (version, value))
    return value


def coding_spans(project) -> pd.DataFrame:
    """Every coding without text, speaker, names or time, for analyses over millions of codings:
    row (the coding's row number in the file), document_id, code_id, coder, start, end, memo;
    in row order.  ``document_id``, ``code_id`` and ``coder`` are categorical, their categories
    in the order of the ids (a coder's name stands for its id).

    Kept on the open project while nothing changes, so that a second analysis
    (another unit, another measure) does not read the file again; callers must not
    modify the frame they get."""
    version = _version(project)
    kept = _kept(project, "_qda_coding_spans", version)
    if kept is not None:
        return kept
    with snapshot(project._db) as db:
        coders = dict(db.execute("SELECT id, name FROM coders").fetchall())
        grouped = _grouped_coding_columns(db)
        if grouped is None:
            numbers, ids = _coding_columns(db, "", [])
        memos = dict(db.execute("SELECT rowid, memo FROM codings WHERE memo <> ''").fetchall())
    frame = _spans_frame(numbers, ids, coders) if grouped is None else _grouped_frame(*grouped, coders)
    frame["memo"] = frame["row"].map(memos).fillna("") if memos else ""
    return _keep(project, "_qda_coding_spans", version, frame)


def _groups(db, key: str, columns: tuple[str, ...], table: str = "codings") -> tuple[list[str], "np.ndarray", list["np.ndarray"]]:
    """(the values of ``key``, the rows of each, ``columns`` of the rows group after group as int64
    arrays): one row a group, each column of a group one text of numbers joined by commas.
    The aggregates of one row see the group's rows in the same order.  ``columns`` are integers (or
    integer expressions): SQLite writes the text of each itself, at two thirds of the cost of a CAST;
    PostgreSQL's STRING_AGG takes text only."""
    import sqlite3

    import numpy as np

    text = "{}" if isinstance(db, sqlite3.Connection) else "CAST({} AS TEXT)"
    aggregates = "".join(f", GROUP_CONCAT({text.format(column)}, ',')" for column in columns)
    rows = db.execute(f"SELECT {key}, COUNT(*){aggregates} FROM {table} GROUP BY {key}").fetchall()
    counts = np.array([row[1] for row in rows], dtype=np.int64)
    joined = [np.fromstring(",".join(row[2 + i] for row in rows), sep=",", dtype=np.int64) if rows
              else np.zeros(0, dtype=np.int64) for i in range(len(columns))]
    return [row[0] for row in rows], counts, joined


def _grouped_coding_columns(db):
    """Every coding's row number, start, end and the category numbers of its document, code and coder,
    in row order, read group by group from indexes alone (schema 4): by document (row, start, end), by
    code (row) and by coder (row), so that each id crosses from the database once a group, not once a
    coding.  Returns (numbers, [(category numbers, categories) of documents, codes, coders]), or None
    when the three reads do not hold the same codings (then the caller reads column by column)."""
    import numpy as np

    documents, per_document, (rows, starts, ends) = _groups(db, "document_id", ("rowid", "start_offset", "end_offset"))
    codes, per_code, (code_rows,) = _groups(db, "code_id", ("rowid",))
    coders, per_coder, (coder_rows,) = _groups(db, "coder_id", ("rowid",))
    total = int(per_document.sum())
    if not (len(rows) == len(starts) == len(ends) == total == len(code_rows) == len(coder_rows)
            == int(per_code.sum()) == int(per_coder.sum())):
        return None
    if total == 0:
        return [rows, starts, ends], [(np.zeros(0, np.int32), []) for _ in range(3)]
    place_of = _row_places(rows)
    if place_of is None:
        return None
    place = place_of(rows)

    def numbered(keys: list[str], counts, places) -> tuple:
        """Each coding's category number (categories: ``keys`` sorted), in row order."""
        if places is None:
            raise LookupError
        found = sorted(keys)
        rank = {key: number for number, key in enumerate(found)}
        in_order = np.full(total, -1, dtype=np.int32)
        in_order[places] = np.repeat(np.array([rank[key] for key in keys], dtype=np.int32), counts)
        if (in_order < 0).any():  # a row read twice, another never
            raise LookupError
        return in_order, found

    try:
        categorised = [numbered(documents, per_document, place), numbered(codes, per_code, place_of(code_rows)),
                       numbered(coders, per_coder, place_of(coder_rows))]
    except LookupError:
        return None
    numbers = []
    for column in (rows, starts, ends):
        in_order = np.empty(total, dtype=np.int64)
        in_order[place] = column
        numbers.append(in_order)
    return numbers, categorised


def _row_places(rows):
    """A function giving the place in row order of each of an array of row numbers (None for a number
    not among ``rows``), or None when ``rows`` (distinct row numbers, in any order) repeat one.

    Row numbers are nearly dense (1 to N less the deleted codings): a table of ranks over their
    range finds places in one pass; far sparser numbers are found by binary search."""
    import numpy as np

    low, high, total = int(rows.min()), int(rows.max()), len(rows)
    if high - low + 1 <= 4 * total:
        present = np.zeros(high - low + 1, dtype=bool)
        present[rows - low] = True
        if int(present.sum()) != total:
            return None
        rank = np.cumsum(present) - 1

        def place_of(numbers):
            inside = (numbers >= low) & (numbers <= high)
            if not inside.all() or not present[numbers - low].all():
                return None
            return rank[numbers - low]
        return place_of
    ordered = np.sort(rows)
    if (ordered[1:] == ordered[:-1]).any():
        return None

    def place_of(numbers):
        place = np.searchsorted(ordered, numbers)
        if len(place) and (place.max() >= total or (ordered[place] != numbers).any()):
            return None
        return place
    return place_of


def _grouped_frame(numbers: list, categorised: list[tuple], coders: dict[str, str]) -> pd.DataFrame:
    """The frame of ``coding_spans`` from what ``_grouped_coding_columns`` reads."""
    import pandas as pd

    frame = pd.DataFrame({"row": numbers[0]})
    for name, (codes, found) in zip(("document_id", "code_id", "coder"), categorised):
        names = [coders.get(i, i) for i in found] if name == "coder" else found
        frame[name] = pd.Categorical.from_codes(codes, categories=names)
    frame["start"], frame["end"] = numbers[1], numbers[2]
    return frame


CODING_COLUMNS = ("rowid", "start_offset", "end_offset", "document_id", "code_id", "coder_id")


def _coding_columns(db, where: str, params: list) -> tuple[list, list[list[str]]]:
    """The ``CODING_COLUMNS`` of the codings ``where`` selects, in row order: the numbers as
    int64 arrays (rowid, start, end), the ids as lists of str (document_id, code_id, coder_id).

    Each column comes as one text, the values joined by commas in one aggregate per column
    (every aggregate of one SELECT sees the rows of the same scan, in the same order): a
    million codings cost six values to Python instead of six million (about half the time
    of a row-wise read).  An id with a comma in it (never one qda makes) would cut its
    column wrongly; a column of the wrong length is then read again row by row."""
    import numpy as np

    aggregates = ", ".join(f"GROUP_CONCAT(CAST({column} AS TEXT), ',')" for column in CODING_COLUMNS)
    # In row order on both engines: a server's table scan follows its heap, not the row numbers.
    ordered = f"(SELECT {', '.join(CODING_COLUMNS)} FROM codings {where} ORDER BY rowid) AS c"
    count, *texts = db.execute(f"SELECT COUNT(*), {aggregates} FROM {ordered}", params).fetchone()
    if not count:
        return [np.zeros(0, dtype=np.int64)] * 3, [[], [], []]
    numbers = [np.fromstring(text, sep=",", dtype=np.int64) for text in texts[:3]]
    ids = [text.split(",") for text in texts[3:]]
    if any(len(column) != count for column in [*numbers, *ids]):
        rows = db.execute(f"SELECT {', '.join(CODING_COLUMNS)} FROM codings {where} ORDER BY rowid", params).fetchall()
        columns = columns_of(rows, len(CODING_COLUMNS))
        numbers = [np.array(column, dtype=np.int64) for column in columns[:3]]
        ids = [list(column) for column in columns[3:]]
    return numbers, ids


def _spans_frame(numbers: list, ids: list[list[str]], coders: dict[str, str]) -> pd.DataFrame:
    """The frame of ``coding_spans`` from the columns ``_coding_columns`` reads: the ids become
    categorical codes in the order of the ids, in one vectorised pass each."""
    import pandas as pd

    frame = pd.DataFrame({"row": numbers[0]})
    for name, values in zip(("document_id", "code_id", "coder"), ids):
        numbered, found = _numbered(values)
        names = [coders.get(i, i) for i in found] if name == "coder" else found
        frame[name] = pd.Categorical.from_codes(numbered, categories=names)
    frame["start"], frame["end"] = numbers[1], numbers[2]
    return frame


def _numbered(values: list[str]) -> tuple:
    """(each value's number (int32) among the distinct values sorted, the distinct values sorted)."""
    import numpy as np

    numbering: dict[str, int] = defaultdict()
    numbering.default_factory = numbering.__len__  # an id seen first gets the next number
    numbered = np.fromiter(map(numbering.__getitem__, values), dtype=np.int32, count=len(values))
    found = sorted(numbering)
    rank = np.array([numbering[i] for i in found], dtype=np.int64).argsort().astype(np.int32)
    return (rank[numbered] if found else numbered), found


def coding_arrays(project) -> tuple:
    """Every coding as numpy arrays, for counting a million codings without pandas:
    (starts, ends, [(category numbers (int32), categories) of document ids, code ids and coder names]),
    read as ``coding_spans`` reads them (grouped from the indexes, else column by column)."""
    with snapshot(project._db) as db:
        coders = dict(db.execute("SELECT id, name FROM coders").fetchall())
        grouped = _grouped_coding_columns(db)
        if grouped is None:
            numbers, ids = _coding_columns(db, "", [])
            categorised = [_numbered(values) for values in ids]
        else:
            numbers, categorised = grouped
    (documents, code_ids, (coder_numbers, coder_ids)) = categorised
    return numbers[1], numbers[2], [documents, code_ids, (coder_numbers, [coders.get(i, i) for i in coder_ids])]


def coding_count(project) -> int:
    return project._db.execute("SELECT COUNT(*) FROM codings").fetchone()[0]


def coding_spans_of_documents(project, document_ids) -> pd.DataFrame:
    """``coding_spans`` of the named documents only (every code and coder in them), read through the
    index on document_id: the quotes of one code need the codings of the documents it is in, not all.
    When they are most of the documents (``MOST``), every coding is read at once (and kept, as
    ``coding_spans`` keeps them) and the frame filtered."""
    wanted = sorted(set(document_ids))
    frame = _kept(project, "_qda_coding_spans")
    if frame is None and len(wanted) > MOST * _document_count(project):
        frame = coding_spans(project)  # most documents: one read of every coding costs less than many chunks
    if frame is not None:
        return frame[frame["document_id"].isin(set(wanted))].reset_index(drop=True)
    import numpy as np

    numbers: list[list] = [[], [], []]
    ids: list[list[str]] = [[], [], []]
    memos: dict[int, str] = {}
    with snapshot(project._db) as db:
        coders = dict(db.execute("SELECT id, name FROM coders").fetchall())
        for first in range(0, len(wanted), CHUNK):
            chunk = wanted[first:first + CHUNK]
            where = f"WHERE document_id IN ({', '.join('?' * len(chunk))})"
            chunk_numbers, chunk_ids = _coding_columns(db, where, chunk)
            for arrays, values in zip(numbers, chunk_numbers):
                arrays.append(values)
            for gathered, values in zip(ids, chunk_ids):
                gathered.extend(values)
            memos.update(db.execute(f"SELECT rowid, memo FROM codings {where} AND memo != ''", chunk).fetchall())
    numbers = [np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64) for arrays in numbers]
    frame = _spans_frame(numbers, ids, coders)
    frame["memo"] = frame["row"].map(memos).fillna("") if memos else ""
    return frame


def _document_count(project) -> int:
    return project._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def coding_created(project) -> pd.Series:
    """When each coding was made (ISO time), indexed by its row number (see ``coding_spans``)."""
    import pandas as pd

    rows = project._db.execute("SELECT rowid, created FROM codings").fetchall()
    return pd.Series(dict(rows), name="created")


def insert_codings_unlogged(project, rows) -> int:
    """Bulk-load codings ``(id, document_id, code_id, coder_id, start, end, created, memo)`` in one
    transaction, without checks and without an undo record.  For synthetic benchmark corpora only:
    a researcher's codings go through ``Project.add_codings``."""
    from .coding_packs import unjournalled
    from .coding_words import with_word_numbers

    rows = list(rows)
    with project._transaction(), unjournalled(project._db, (row[1] for row in rows)):
        cursor = project._db.executemany(
            "INSERT INTO codings (id, document_id, code_id, coder_id, start_offset, end_offset, created, memo, "
            "start_word, end_word) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            with_word_numbers(project._db, rows, 1, 4, 5))
    return cursor.rowcount


def unit_spans(project, unit: str) -> pd.DataFrame:
    """``Project.units_frame(unit)``, kept on the open project while nothing changes (as ``coding_spans``)."""
    version = _version(project)
    frames = _kept(project, "_qda_unit_spans", version)
    if frames is None:
        frames = _keep(project, "_qda_unit_spans", version, {})
    if unit not in frames:
        from .documents import UNIT_TABLES

        if unit in UNIT_TABLES:
            frame = _unit_columns(project._db, UNIT_TABLES[unit])
        else:
            frame = project.units_frame(unit)
            frame["document_id"] = frame["document_id"].astype("category")
        frames[unit] = frame
    return frames[unit]


def _unit_columns(db, table: str) -> pd.DataFrame:
    """Every span of a unit ``table``: document_id (categorical), idx, start, end, in document id and
    index order, as ``Project.units_frame`` has them, read a document at a time (each id sent once,
    see ``_groups``) and put in order by numpy rather than by the database."""
    import numpy as np
    import pandas as pd

    documents, counts, (idx, starts, ends) = _groups(db, "document_id", ("idx", "start_offset", "end_offset"), table)
    if not documents:
        return pd.DataFrame({"document_id": pd.Categorical([]), "idx": np.zeros(0, np.int64),
                             "start": np.zeros(0, np.int64), "end": np.zeros(0, np.int64)})
    categories = sorted(documents)
    rank = {document: number for number, document in enumerate(categories)}
    codes = np.repeat(np.array([rank[d] for d in documents], dtype=np.int64), counts)
    order = np.lexsort((idx, codes))
    return pd.DataFrame({"document_id": pd.Categorical.from_codes(codes[order], categories=categories),
                         "idx": idx[order], "start": starts[order], "end": ends[order]})


def turn_speakers(project, document_ids=None) -> pd.DataFrame:
    """Every speaker turn (or those of ``document_ids`` only): document_id, start, end, speaker
    (in document and turn order)."""
    import pandas as pd

    rows = _in_document_order(project, "SELECT document_id, start_offset, end_offset, speaker FROM turns", document_ids)
    return pd.DataFrame(rows, columns=["document_id", "start", "end", "speaker"])


def iter_document_texts(project, document_ids) -> Iterator[tuple[str, str]]:
    """(document id, text) of the named documents only, read 500 at a time: an analysis of a few
    documents reads no other text, and no more than 500 texts are held by the reader at once."""
    ids = list(dict.fromkeys(document_ids))
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        yield from project._db.execute(
            f"SELECT id, body FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)


def memo_rows(project) -> tuple[list[tuple], list[tuple]]:
    """Every memo, as (memos on a project, document or code, memos on codings).

    The first: (memo_id, kind, target_id, document name or "", coder, text, created, modified), where
    target_id is "" (project), a document id or a code id.  The second: (coding_id, document_id,
    document name, code_id, coder, start, end, text, created) of each coding with a memo."""
    targets = project._db.execute(
        "SELECT m.id, m.target_kind, m.target_id, COALESCE(d.name, ''), k.name, m.body, m.created, m.modified "
        "FROM memos m JOIN coders k ON k.id = m.coder_id LEFT JOIN documents d ON d.id = m.target_id "
        "ORDER BY m.created, m.id").fetchall()
    codings = project._db.execute(
        "SELECT c.id, c.document_id, d.name, c.code_id, k.name, c.start_offset, c.end_offset, c.memo, c.created "
        "FROM codings c JOIN documents d ON d.id = c.document_id JOIN coders k ON k.id = c.coder_id "
        "WHERE c.memo <> '' ORDER BY d.position, c.start_offset, c.end_offset, c.created").fetchall()
    return targets, codings


def passage_numbers(project, document_ids) -> dict[tuple[str, int, int], int]:
    """(document id, start, end) -> the passage's number in its document (from 1): every distinct coded
    passage of every code and coder, by start then end, as quotes number them (``qda.export.quotes``)."""
    rows = _rows_of_documents(project, "SELECT DISTINCT document_id, start_offset, end_offset FROM codings "
                                       "WHERE document_id IN ({ids})", document_ids)
    numbers: dict[tuple[str, int, int], int] = {}
    counters: dict[str, int] = {}
    for document_id, start, end in sorted(rows):
        counters[document_id] = counters.get(document_id, 0) + 1
        numbers[(document_id, start, end)] = counters[document_id]
    return numbers
