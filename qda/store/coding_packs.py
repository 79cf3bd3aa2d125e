"""Each document's codings packed in one row (schema 9), for the reads of every coding of a project file.

Why: co-occurrence, frequencies and the numbers of quoted passages read every coding's document, code,
coder and span.  On 1,000,000 codings in 10,000 documents the index on code gave them in 0.5 to 0.65 s
(SQLite steps a million index entries and writes every number out as text, which numpy parses again);
10,000 packed rows give them in about 0.16 s (2026-12-02).

A row of ``coding_packs`` holds one document's codings as a little-endian uint32 array of ``FIELDS``
a coding, in the order of their spans (start, end); a coding's code and coder are numbered by their
places in ``coding_pack_ids``, a list of the ids of every code and coder ever packed, only ever added
to, so that a number once written names the same code for good (ids of codes since deleted stay
listed, a few dozen bytes each).

Kept exact by the database itself: triggers on codings (``TRIGGERS``) write every coding inserted,
deleted or changed, by whatever path (an action, its undo, an import, a merge, a copy), to the journal
``coding_pack_changes`` (+1 a coding added, -1 one taken away), and every write transaction on a file
applies the journal to the packs before it commits (``pack_changes``, called by
``qda.store.connection.transaction``): a coding added to a transcript of 5,000 codings rewrites its
pack from the one row and the journal, a fraction of a millisecond, where reading its codings again
cost 20 to 50 ms.  A document whose pack cannot take a change as it is (a coding taken away that it
does not hold, a span without its words) is packed again from the codings table, or left unpacked
(``codings`` NULL, found at once through a partial index).  A reader (``packed_codings``) reads the
packs only when nothing is unpacked and the journal is empty (as after every commit of qda's: a
file written by another program may hold either), else the codings table, never a stale pack.

Files only: a team server sends its codings numbered, in one row already (``coded_spans.server_codings``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence

Progress = Callable[[int, int], None]
FIELDS = ("code", "coder", "start", "end", "start_word", "end_word")  # a coding's numbers in a pack
PACK_AT_ONCE = 500  # documents whose packs are read and written at once
SEARCHES = 5_000_000  # codings taken away times codings held, past which a pack is made again from the table
CODING = "code_id, coder_id, start_offset, end_offset, start_word, end_word"  # a coding's columns a pack holds

# Migration 9.  A row's ``codings`` is NULL while it is unpacked; a document without codings has no row.
TABLE = """
CREATE TABLE IF NOT EXISTS coding_packs (
    document_id TEXT PRIMARY KEY,
    codings BLOB
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS coding_packs_unpacked ON coding_packs (document_id) WHERE codings IS NULL;
CREATE TABLE IF NOT EXISTS coding_pack_ids (
    kind TEXT PRIMARY KEY CHECK (kind IN ('code', 'coder')),
    ids TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coding_pack_changes (
    document_id TEXT NOT NULL,
    sign INTEGER NOT NULL CHECK (sign IN (1, -1)),
    code_id TEXT NOT NULL,
    coder_id TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    start_word INTEGER,
    end_word INTEGER
);
"""
APART = "\x1f"  # between the ids of ``coding_pack_ids``; a document whose codings name an id holding it stays unpacked


def _journal(row: str, sign: int) -> str:
    columns = ", ".join(f"{row}.{column.strip()}" for column in CODING.split(","))
    return f"INSERT INTO coding_pack_changes VALUES ({row}.document_id, {sign}, {columns});"


JOURNAL_TRIGGERS = {  # name: what it is made of
    "codings_journal_inserted": f"AFTER INSERT ON codings BEGIN {_journal('NEW', 1)} END",
    "codings_journal_deleted": f"AFTER DELETE ON codings BEGIN {_journal('OLD', -1)} END",
    "codings_journal_changed": "AFTER UPDATE OF document_id, code_id, coder_id, start_offset, end_offset, start_word, "
                               f"end_word ON codings BEGIN {_journal('OLD', -1)} {_journal('NEW', 1)} END",
}
TRIGGERS = "".join(f"CREATE TRIGGER IF NOT EXISTS {name} {body};\n" for name, body in {
    **JOURNAL_TRIGGERS,
    "documents_drop_pack": "AFTER DELETE ON documents BEGIN DELETE FROM coding_packs WHERE document_id = OLD.id; END",
}.items())
UNJOURNALLED_FROM = 1_000  # codings inserted at once from which they are packed from the table instead


def has_packs(db) -> bool:
    """Whether the file's schema has the packs (version 9 on): migrations before it run without them."""
    return db.execute("PRAGMA user_version").fetchone()[0] >= 9


@contextmanager
def unjournalled(db, document_ids: Iterable[str] | None = None) -> Iterator[None]:
    """Inside the caller's transaction, while many codings are inserted at once (``UNJOURNALLED_FROM``):
    the journal's triggers dropped, made again after, and the documents ``document_ids`` (None: every
    document with codings) marked unpacked, so that the commit packs them from the codings table.  A
    trigger a row doubled a bulk load's time (200,000 codings into one document: 8.7 s without, 18.5 s
    with, 2026-12-02).  A rollback restores the triggers with everything else; nothing else sees the
    file meanwhile."""
    if getattr(db, "engine", "sqlite") != "sqlite" or not has_packs(db):
        yield
        return
    for name in JOURNAL_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        for name, body in JOURNAL_TRIGGERS.items():
            db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    _mark_unpacked(db, document_ids)


def _mark_unpacked(db, document_ids: Iterable[str] | None = None) -> None:
    """Mark the rows of ``document_ids`` (None: of every document with codings) unpacked."""
    if document_ids is None:
        db.execute("INSERT OR REPLACE INTO coding_packs (document_id, codings) SELECT DISTINCT document_id, NULL "
                   "FROM codings")
    else:
        db.executemany("INSERT OR REPLACE INTO coding_packs (document_id, codings) VALUES (?, NULL)",
                       [(document_id,) for document_id in set(document_ids)])


def pack_changes(db, progress: Progress | None = None) -> int:
    """Apply the journal to the packs and pack every unpacked row, inside the caller's transaction, then
    empty the journal; returns how many documents were packed.  A document left without codings loses
    its row; one with a coding lacking its span in words, or naming an id that holds ``APART``, is left
    unpacked, for readers to read the table."""
    changes = db.execute(f"SELECT document_id, sign, {CODING} FROM coding_pack_changes ORDER BY rowid").fetchall()
    unpacked = [row[0] for row in db.execute("SELECT document_id FROM coding_packs WHERE codings IS NULL")]
    if not changes and not unpacked:
        return 0
    import numpy as np

    listed = {kind: _listed(db, kind) for kind in ("code", "coder")}
    numbers = {kind: {i: n for n, i in enumerate(ids)} for kind, ids in listed.items()}
    by_document: dict[str, list[tuple]] = {document_id: [] for document_id in unpacked}
    for change in changes:
        by_document.setdefault(change[0], []).append(change[1:])
    documents, repack, done = list(by_document), set(unpacked), 0
    for first in range(0, len(documents), PACK_AT_ONCE):
        chunk = [document_id for document_id in documents[first:first + PACK_AT_ONCE] if document_id not in repack]
        packs = dict(db.execute(f"SELECT document_id, codings FROM coding_packs WHERE document_id IN "
                                f"({', '.join('?' * len(chunk))})", chunk).fetchall()) if chunk else {}
        written, emptied = [], []
        for document_id in chunk:
            pack = _changed(np, packs.get(document_id, b""), by_document[document_id], numbers)
            if pack is None:
                repack.add(document_id)
            elif len(pack):
                written.append((document_id, pack))
            else:
                emptied.append((document_id,))
        db.executemany("INSERT OR REPLACE INTO coding_packs (document_id, codings) VALUES (?, ?)", written)
        db.executemany("DELETE FROM coding_packs WHERE document_id = ?", emptied)
        done += len(written)
    done += _repack(db, np, [document_id for document_id in documents if document_id in repack], numbers, progress)
    db.execute("DELETE FROM coding_pack_changes")
    for kind, ids in numbers.items():
        if len(ids) > len(listed[kind]):
            db.execute("INSERT OR REPLACE INTO coding_pack_ids (kind, ids) VALUES (?, ?)", (kind, APART.join(ids)))
    return done


def _record(coding: tuple, numbers: dict[str, dict[str, int]]) -> tuple | None:
    """A coding's numbers in a pack, from (code id, coder id, start, end, start word, end word), its code
    and coder listed if new; None when it cannot be packed (no words, an id holding ``APART``)."""
    code_id, coder_id, *spans = coding
    if None in spans or APART in code_id or APART in coder_id:
        return None
    codes, coders = numbers["code"], numbers["coder"]
    return (codes.setdefault(code_id, len(codes)), coders.setdefault(coder_id, len(coders)), *spans)


def _changed(np, pack: bytes, changes: list[tuple], numbers: dict[str, dict[str, int]]):
    """``pack`` (bytes of a document's codings) with the journal's ``changes`` ((sign, *coding) in order)
    applied, as bytes, in the order of spans; None when a change cannot be applied (a coding taken away
    that the pack does not hold, or one that cannot be packed) or costs more than packing the document
    again (``SEARCHES``).  A coding added and then changed in one transaction (inserted, then given its
    words) is journalled as added, taken away and added again: the first two cancel out."""
    added: dict[tuple, int] = {}  # coding: how many times
    removed: list[tuple] = []
    for sign, *coding in changes:
        coding = tuple(coding)
        if sign > 0:
            added[coding] = added.get(coding, 0) + 1
        elif added.get(coding):
            added[coding] -= 1
        else:
            removed.append(coding)
    held = np.frombuffer(pack, dtype="<u4").reshape(-1, len(FIELDS))
    if len(removed) * len(held) > SEARCHES:
        return None
    keep = np.ones(len(held), dtype=bool)
    for coding in removed:
        record = _record(coding, numbers)
        same = np.flatnonzero(keep & (held == np.array(record, dtype="<u4")).all(axis=1)) if record else []
        if not len(same):
            return None
        keep[same[0]] = False
    records = [_record(coding, numbers) for coding, times in added.items() for _ in range(times)]
    if None in records:
        return None
    codings = np.concatenate([held[keep], np.array(records, dtype="<u4").reshape(-1, len(FIELDS))])
    return codings[np.lexsort((codings[:, 3], codings[:, 2]))].tobytes()


def _repack(db, np, documents: list[str], numbers: dict[str, dict[str, int]], progress: Progress | None) -> int:
    """Pack ``documents`` again from the codings table; returns how many were packed."""
    packed = 0
    for first in range(0, len(documents), PACK_AT_ONCE):
        chunk = documents[first:first + PACK_AT_ONCE]
        rows = db.execute(f"SELECT document_id, {CODING} FROM codings WHERE document_id IN "
                          f"({', '.join('?' * len(chunk))}) ORDER BY document_id, start_offset, end_offset",
                          chunk).fetchall()
        by_document: dict[str, list[tuple]] = {document_id: [] for document_id in chunk}
        for row in rows:
            by_document[row[0]].append(row[1:])
        written, emptied, unpacked = [], [], []
        for document_id, codings in by_document.items():
            records = [_record(coding, numbers) for coding in codings]
            if not records:
                emptied.append((document_id,))
            elif None in records:
                unpacked.append((document_id,))
            else:
                written.append((document_id, np.array(records, dtype="<u4").tobytes()))
        db.executemany("INSERT OR REPLACE INTO coding_packs (document_id, codings) VALUES (?, ?)", written)
        db.executemany("INSERT OR REPLACE INTO coding_packs (document_id, codings) VALUES (?, NULL)", unpacked)
        db.executemany("DELETE FROM coding_packs WHERE document_id = ?", emptied)
        packed += len(written)
        if progress:
            progress(first + len(chunk), len(documents))
    return packed


def _listed(db, kind: str) -> list[str]:
    """The ids of ``coding_pack_ids`` of one kind ("code" or "coder"), in their places."""
    row = db.execute("SELECT ids FROM coding_pack_ids WHERE kind = ?", (kind,)).fetchone()
    return row[0].split(APART) if row else []


def fill_coding_packs(db, progress: Progress | None = None) -> int:
    """The migration to schema 9: every document with codings packed from the codings table."""
    _mark_unpacked(db)
    return pack_changes(db, progress)


def packed_codings(db, documents: Sequence[str], codes: Sequence[str], coders: Sequence[str]) -> tuple | None:
    """Every coding of a file as int64 arrays (M,): (document, code, coder, start, end, start_word,
    end_word), where document, code and coder index ``documents``, ``codes`` and ``coders`` (ids, in any
    order); in the order of the documents' ids (sorted), then of spans (start, end).  None when the packs
    cannot give them: a project on a server or of an older schema, a row unpacked or a change not yet
    packed (a file another program wrote), document ids of several
    widths, or an id not among those given (then the caller reads the codings table)."""
    import numpy as np

    from .query_spans import JoinedIds

    if getattr(db, "engine", "sqlite") != "sqlite":
        return None
    if (not has_packs(db) or db.execute("SELECT 1 FROM coding_packs WHERE codings IS NULL LIMIT 1").fetchone()
            or db.execute("SELECT 1 FROM coding_pack_changes LIMIT 1").fetchone()):
        return None
    rows = db.execute("SELECT document_id, codings FROM coding_packs").fetchall()
    try:
        document = JoinedIds(list(documents)).of_joined("".join(row[0] for row in rows), len(rows))
    except ValueError:
        return None
    counts = np.array([len(row[1]) for row in rows], dtype=np.int64) // (4 * len(FIELDS))
    numbers = np.frombuffer(b"".join(row[1] for row in rows), dtype="<u4").reshape(-1, len(FIELDS)).astype(np.int64)
    labels = []
    for kind, ids, at in (("code", codes, 0), ("coder", coders, 1)):
        place = {i: n for n, i in enumerate(ids)}
        of_listed = np.array([place.get(i, -1) for i in _listed(db, kind)] + [-1], dtype=np.int64)
        label = of_listed[np.minimum(numbers[:, at], len(of_listed) - 1)]  # past the list: the -1 at its end
        if len(label) and label.min() < 0:  # a number of no id listed, or of an id not among those given
            return None
        labels.append(label)
    return (np.repeat(document, counts), *labels, *(numbers[:, i] for i in range(2, len(FIELDS))))
