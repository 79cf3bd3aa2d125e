"""Reads for counting codings, documents and words per code (``qda.analysis.tally``): only the columns
a count needs, the coders asked for chosen by the database.

A coding's coder is read only where the count needs it (grouped by coder, or rolled up, where a
passage is one coder's), its span in code points only where passages are told apart (rolled up);
a count of words reads each coding's span in words, never the word starts."""

from __future__ import annotations

from ..rows import columns_of
from .coding_arrays import CodingArrays


def coding_rows(project, coder_names=None, with_coder: bool = False, with_offsets: bool = False,
                in_order: bool = False) -> tuple[dict[str, str], list[tuple]]:
    """(each coder's id -> name, every coding of the coders ``coder_names`` (default all) as
    (code_id, document_id, start_word, end_word) (``qda.store.coding_words``), with the coder's id
    fifth when ``with_coder``, then the span's start and end in code points when ``with_offsets``):
    a few thousand codings as tuples, in no particular order, or ``in_order`` by code and document
    (the order of the index on code, which holds every column read, so no sort)."""
    from .coding_words import missing_word_numbers

    coders = dict(project._db.execute("SELECT id, name FROM coders").fetchall())
    where, params = "", []
    if coder_names:
        wanted = set(coder_names)
        ids = [i for i, name in coders.items() if name in wanted]
        where, params = f" WHERE coder_id IN ({', '.join('?' * len(ids))})" if ids else " WHERE 1 = 0", ids
    columns = ("code_id, document_id, start_word, end_word" + (", coder_id" if with_coder else "")
               + (", start_offset, end_offset" if with_offsets else ""))
    where += " ORDER BY code_id, document_id" if in_order else ""
    missing = missing_word_numbers(project)
    if missing is None:
        return coders, project._db.execute(f"SELECT {columns} FROM codings{where}", params).fetchall()
    rows = project._db.execute(f"SELECT rowid, {columns} FROM codings{where}", params).fetchall()
    return coders, [row[1:] if row[0] not in missing else (*row[1:3], *missing[row[0]], *row[5:]) for row in rows]


def document_rows(project) -> list[tuple[str, str, int]]:
    """(id, name, words) of every document, in import order: what a count needs of documents that
    it does not choose by attribute."""
    return project._db.execute("SELECT id, name, words FROM documents ORDER BY position").fetchall()


def coding_arrays(project, coder_names=None, with_coder: bool = False, with_offsets: bool = False) -> tuple:
    """(every coding of the coders ``coder_names`` (default all) as numbers, its span in words
    (``qda.store.coding_words``): a ``CodingArrays`` with ``coder`` None unless ``with_coder``; with
    ``with_offsets`` each coding's span in code points as start * 2**32 + end (M,), else None):
    hundreds of thousands of codings, read from their documents' packs (``qda.store.coding_packs``), else
    in one scan of the index on code (``codings_by_code``), or as ``coding_rows`` reads them where that
    cannot be (document ids of several lengths, codings without their span in words)."""
    import numpy as np

    from .coded_spans import codings_by_code, server_codings
    from .coding_packs import packed_codings
    from .coding_words import missing_word_numbers

    db = project._db
    documents, codes, coder_ids = ([row[0] for row in db.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()]
                                   for table in ("documents", "codes", "coders"))
    names = dict(db.execute("SELECT id, name FROM coders").fetchall())
    chosen = [i for i in coder_ids if names[i] in set(coder_names)] if coder_names else None
    coders = [names[i] for i in coder_ids] if with_coder else []
    packed = None if project.on_server else packed_codings(db, documents, codes, coder_ids)
    if packed is not None:  # schema 9's packs: every coding from a row a document
        document, code, coder, start, end, start_word, end_word = packed
        if chosen is not None:
            keep = np.isin(coder, [coder_ids.index(i) for i in chosen])
            document, code, coder, start, end, start_word, end_word = (
                column[keep] for column in (document, code, coder, start, end, start_word, end_word))
        return (CodingArrays(documents, codes, coders, document, code, coder if with_coder else None, start_word,
                             end_word), start * (1 << 32) + end if with_offsets else None)
    read = None
    if not project.on_server:
        values = ("start_word * 4294967296 + end_word",) + (("start_offset * 4294967296 + end_offset",)
                                                           if with_offsets else ())
        read = codings_by_code(db, documents, codes, chosen, values, coder_ids if with_coder else None)
    elif missing_word_numbers(project) is None:  # the server sends 32-bit numbers, none null
        spans = ("c.start_word", "c.end_word") + (("c.start_offset", "c.end_offset") if with_offsets else ())
        columns = list(server_codings(db, chosen, spans, with_coder))
        if not with_coder:
            columns.insert(2, None)
        packed = [columns[at] * (1 << 32) + columns[at + 1] for at in range(3, len(columns), 2)]
        read = (*columns[:3], *packed)
    if read is None:
        read = _numbered_rows(project, coder_names, with_coder, with_offsets, documents, codes, coder_ids)
    document, code, coder, words = read[:4]
    starts, ends = np.divmod(words, 1 << 32)
    return (CodingArrays(documents, codes, coders, document, code, coder, starts, ends),
            read[4] if with_offsets else None)


def _numbered_rows(project, coder_names, with_coder: bool, with_offsets: bool, documents: list[str],
                   codes: list[str], coder_ids: list[str]) -> tuple:
    """What ``codings_by_code`` reads for ``coding_arrays``, from ``coding_rows`` (the word spans a coding
    lacks worked out): (document, code, coder or None, span in words, span in code points or None)."""
    import numpy as np

    _, rows = coding_rows(project, coder_names, with_coder=True, with_offsets=with_offsets)
    places = [{i: n for n, i in enumerate(ids)} for ids in (codes, documents, coder_ids)]
    columns = columns_of(rows, 7 if with_offsets else 5)
    code, document, coder = (np.array(list(map(place.__getitem__, column)), dtype=np.int64)
                             for place, column in zip(places, (columns[0], columns[1], columns[4])))
    packed = [np.array(columns[a], dtype=np.int64) * (1 << 32) + np.array(columns[b], dtype=np.int64)
              for a, b in ((2, 3), (5, 6))[:1 + with_offsets]]
    return document, code, coder if with_coder else None, packed[0], packed[1] if with_offsets else None


def codings_per_code(project) -> dict[str, int]:
    """Each code's number of codings (codes without codings left out), from the index on code alone:
    what the codebook's tree shows, without the distinct documents and coders ``code_count_rows``
    counts (a third of the time on 1,000,000 codings)."""
    return dict(project._db.execute("SELECT code_id, COUNT(*) FROM codings GROUP BY code_id").fetchall())
