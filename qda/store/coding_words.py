"""Each coding's span in words (schema 8): ``start_word`` and ``end_word``, the numbers of its document's
words (``qda.word_starts``) that begin before its start and before its end.

The words a coding covers are then ``end_word - start_word``, and the words of several codings of one
document the union of these integer ranges (a word begins inside a span exactly when its number is in
the span's range), so a count of words coded reads two numbers a coding and no word starts.  A
document's text never changes after import, so the numbers of a coding change only with its span.

Written with the coding wherever one is stored or its span changed (``qda.store.actions`` for every
logged change and its undo, ``qda.store.records`` for imports and merges, ``qda.store.transfer``
copies them), and filled by the migration for the codings of an older project.  A reader finds any
coding without them through the partial index ``codings_without_words`` and works them out
(``missing_word_numbers``): a count is never wrong for want of them, only slower.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Sequence

from ..errors import QdaError
from ..word_starts import unpack

Progress = Callable[[int, int], None]
READ_AT_ONCE = 500  # document ids a read names at once (SQLite allows at least 999 parameters)
FILL_AT_ONCE = 50_000  # codings numbered at once by the migration
ARRAYS_FROM = 20_000  # spans from which numpy numbers them (its import costs more than bisecting fewer)
WITHOUT_WORDS = "start_word IS NULL OR end_word IS NULL"  # the partial index's condition, repeated exactly
# The index on code (schema 7's) also holds the span in words, made again when they are filled (schema 8):
# a count reads every column it needs from it, in the order of code and document (``coding_rows``).
CODE_INDEX = ("CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id, start_offset, "
              "end_offset, start_word, end_word)")


def word_numbers(db, spans: Sequence[tuple[str, int, int]], blobs: dict[str, bytes] | None = None
                 ) -> list[tuple[int, int] | None]:
    """(start_word, end_word) of each (document id, start, end) span, in order; None for a span whose
    document has no stored word starts (a document that is not there: the insert that follows refuses it).
    ``blobs`` keeps the word starts read (document id -> blob) from one call to the next."""
    blobs = {} if blobs is None else blobs
    documents = [document_id for document_id in dict.fromkeys(span[0] for span in spans) if document_id not in blobs]
    for first in range(0, len(documents), READ_AT_ONCE):
        chunk = documents[first:first + READ_AT_ONCE]
        blobs.update(db.execute(f"SELECT document_id, starts FROM word_starts WHERE document_id IN "
                                f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    if len(spans) >= ARRAYS_FROM:
        return _numbered_with_arrays(spans, blobs)
    starts = {document_id: unpack(blob) for document_id, blob in blobs.items()}
    numbered: list[tuple[int, int] | None] = []
    for document_id, start, end in spans:
        found = starts.get(document_id)
        numbered.append(None if found is None else (bisect_left(found, start), bisect_left(found, end)))
    return numbered


def _numbered_with_arrays(spans: Sequence[tuple[str, int, int]], blobs: dict[str, bytes]) -> list:
    """``word_numbers`` of many spans: one ``searchsorted`` a document (a million codings of a bulk load)."""
    import numpy as np

    numbered: list = [None] * len(spans)
    rows_of: dict[str, list[int]] = {}
    for row, span in enumerate(spans):
        rows_of.setdefault(span[0], []).append(row)
    for document_id, rows in rows_of.items():
        blob = blobs.get(document_id)
        if blob is None:
            continue
        starts = np.frombuffer(blob, dtype="<u4")
        bounds = np.array([(spans[row][1], spans[row][2]) for row in rows], dtype=np.int64)
        found = np.searchsorted(starts, bounds).tolist()
        for row, pair in zip(rows, found):
            numbered[row] = tuple(pair)
    return numbered


def with_word_numbers(db, rows: list[tuple], document_at: int, start_at: int, end_at: int) -> list[tuple]:
    """Coding rows (tuples) with their (start_word, end_word) added at the end, for an insert."""
    numbered = word_numbers(db, [(row[document_at], row[start_at], row[end_at]) for row in rows])
    return [(*row, *(pair or (None, None))) for row, pair in zip(rows, numbered)]


def number_coding(db, key_column: str, key) -> None:
    """Store the word numbers of the coding whose ``key_column`` is ``key`` (its id, or its rowid), from its
    span as it is now: after an insert or an update of its span, inside the caller's transaction."""
    row = db.execute(f"SELECT document_id, start_offset, end_offset FROM codings WHERE {key_column} = ?",
                     (key,)).fetchone()
    if row is None:
        return
    (pair,) = word_numbers(db, [row])
    if pair is not None:
        db.execute(f"UPDATE codings SET start_word = ?, end_word = ? WHERE {key_column} = ?", (*pair, key))


def fill_coding_words(db, progress: Progress | None = None) -> int:
    """Store the word numbers of every coding that has none (the migration to schema 8), inside the
    caller's transaction, in the order of the rows (each page of the table rewritten once), then make
    the partial index of codings without them (empty: made after, it is not filled and emptied again)
    and the index on code again with them (``CODE_INDEX``); returns how many codings were numbered."""
    total = db.execute(f"SELECT COUNT(*) FROM codings WHERE {WITHOUT_WORDS}").fetchone()[0]
    blobs: dict[str, bytes] = {}
    done, after = 0, -1
    while done < total:
        rows = db.execute(f"SELECT rowid, document_id, start_offset, end_offset FROM codings WHERE rowid > ? AND "
                          f"({WITHOUT_WORDS}) ORDER BY rowid LIMIT {FILL_AT_ONCE}", (after,)).fetchall()
        if not rows:
            break
        numbered = word_numbers(db, [row[1:] for row in rows], blobs)
        db.executemany("UPDATE codings SET start_word = ?, end_word = ? WHERE rowid = ?",
                       [(*pair, row[0]) for row, pair in zip(rows, numbered) if pair is not None])
        done, after = done + len(rows), rows[-1][0]
        if progress:
            progress(done, total)
    db.execute(f"CREATE INDEX codings_without_words ON codings (document_id) WHERE {WITHOUT_WORDS}")
    db.execute("DROP INDEX codings_code_document_coder")
    db.execute(CODE_INDEX)
    return done


def missing_word_numbers(project) -> dict[int, tuple[int, int]] | None:
    """None while every coding has its word numbers (the partial index is empty: one step to know); else
    {rowid of each coding without them: (start_word, end_word)}, worked out from the word starts.
    Raises QdaError when a document has no stored word starts (a damaged file)."""
    db = project._db
    if db.execute(f"SELECT 1 FROM codings WHERE {WITHOUT_WORDS} LIMIT 1").fetchone() is None:
        return None
    rows = db.execute(f"SELECT rowid, document_id, start_offset, end_offset FROM codings WHERE {WITHOUT_WORDS}").fetchall()
    numbered = word_numbers(db, [row[1:] for row in rows])
    if None in numbered:
        raise QdaError(f"{project.path}: {numbered.count(None)} coding(s) are in documents that have no stored "
                       "word starts; the project file is damaged, restore it from a backup")
    return {row[0]: pair for row, pair in zip(rows, numbered)}
