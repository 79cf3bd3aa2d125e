"""Where each document's words begin, stored beside it (schema 5; ``qda.word_starts`` defines a word).

Written wherever a document is stored (``Documents._insert_document``: every import, a REFI-QDA
project, a merge; ``qda.store.transfer`` copies the table as it is), and filled by the migration
for the documents of an older project.  Read by the analyses that count words coded.
"""

from __future__ import annotations

import sys
from typing import Callable, Iterator

from ..word_starts import pack, scan, word_starts

Progress = Callable[[int, int], None]
READ_AT_ONCE = 500  # document ids a read names at once (SQLite allows at least 999 parameters)


def store_word_starts(db, document_id: str, text: str) -> None:
    """Store where the words of ``text`` begin, inside the caller's transaction."""
    db.execute("INSERT INTO word_starts (document_id, starts) VALUES (?, ?)", (document_id, pack(word_starts(text))))


def fill_word_starts(db, progress: Progress | None = None) -> int:
    """Find and store the word starts of every document that has none (the migration to schema 5),
    inside the caller's transaction; returns how many documents were done."""
    ids = [row[0] for row in db.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM word_starts) ORDER BY id").fetchall()]
    done = 0

    def texts() -> Iterator[tuple[str, str]]:
        for first in range(0, len(ids), READ_AT_ONCE):
            chunk = ids[first:first + READ_AT_ONCE]
            yield from db.execute(f"SELECT id, body FROM documents WHERE id IN ({', '.join('?' * len(chunk))})",
                                  chunk).fetchall()

    for document_id, starts in scan(texts()):
        db.execute("INSERT INTO word_starts (document_id, starts) VALUES (?, ?)", (document_id, pack(starts)))
        done += 1
        if progress and (done % 100 == 0 or done == len(ids)):
            progress(done, len(ids))
    return done


def terminal_progress(name: str, doing: str = "finding where words begin", items: str = "documents") -> Progress | None:
    """A progress line on stderr for a migration of ``name`` when stderr is a terminal, else None."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rqda: {name}: {doing}, {done:,} of {total:,} {items}", end=end,
              file=sys.stderr, flush=True)
    return show


STORED = "SELECT w.document_id, w.starts, d.chars FROM word_starts w JOIN documents d ON d.id = w.document_id"


def stored_word_starts(project, document_ids=None) -> Iterator[tuple[str, bytes, int]]:
    """(document id, blob of its word starts, its length in code points) of every document, or of
    ``document_ids`` only: read ``READ_AT_ONCE`` at a time, or all at once when they are most documents."""
    ids = None if document_ids is None else list(dict.fromkeys(document_ids))
    if ids is None or len(ids) > 0.5 * project._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
        wanted = None if ids is None else set(ids)
        yield from (row for row in project._db.execute(STORED) if wanted is None or row[0] in wanted)
        return
    for first in range(0, len(ids), READ_AT_ONCE):
        chunk = ids[first:first + READ_AT_ONCE]
        yield from project._db.execute(f"{STORED} WHERE w.document_id IN ({', '.join('?' * len(chunk))})", chunk)


def utf8_texts(project, document_ids) -> Iterator[tuple[str, bytes]]:
    """(document id, its text as UTF-8 bytes) of the named documents, in no order, read without decoding
    them and handed over one at a time: a concordance scans each and keeps only what it found (holding
    every text read, 140 MB over 20,000,000 words, cost a fresh process a tenth of a second in new memory).
    Reads every text once and passes the unnamed by when the named are most documents."""
    ids = list(dict.fromkeys(document_ids))
    if len(ids) > 0.5 * project._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
        wanted = set(ids)
        yield from (row for row in project._db.execute("SELECT id, CAST(body AS BLOB) FROM documents")
                    if row[0] in wanted)
        return
    for first in range(0, len(ids), READ_AT_ONCE):
        chunk = ids[first:first + READ_AT_ONCE]
        yield from project._db.execute(
            f"SELECT id, CAST(body AS BLOB) FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
