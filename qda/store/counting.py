"""Reads for counting codings, documents and words per code (``qda.analysis.tally``): only the columns
a count needs, the coders asked for chosen by the database.

A coding's coder is read only where the count needs it (grouped by coder, or rolled up, where a
passage is one coder's); otherwise every coding is read as its document, code and span, the read
co-occurrence makes too (``qda.store.coded_spans``, kept on the open project)."""

from __future__ import annotations

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


def coding_arrays(project, coder_names=None, with_coder: bool = False) -> CodingArrays:
    """Every coding of the coders ``coder_names`` (default all) as numbers: hundreds of thousands of codings."""
    import numpy as np

    if not with_coder:
        from .coded_spans import coded_spans

        ids = None
        if coder_names:
            wanted = set(coder_names)
            ids = [coder.id for coder in project.coders() if coder.name in wanted]
        spans, _ = coded_spans(project, None, ids)
        return CodingArrays(spans.documents, spans.codes, [], spans.document, spans.code, None, spans.start, spans.end)
    from .queries import coding_arrays as every_coding

    starts, ends, ((document, documents), (code, codes), (coder, coders)) = every_coding(project)
    document, code, coder = (column.astype(np.int64) for column in (document, code, coder))
    if coder_names:
        chosen = np.array([name in set(coder_names) for name in coders] or [False], dtype=bool)[coder]
        document, code, coder, starts, ends = document[chosen], code[chosen], coder[chosen], starts[chosen], ends[chosen]
    return CodingArrays(documents, codes, coders, document, code, coder, starts, ends)


def codings_per_code(project) -> dict[str, int]:
    """Each code's number of codings (codes without codings left out), from the index on code alone:
    what the codebook's tree shows, without the distinct documents and coders ``code_count_rows``
    counts (a third of the time on 1,000,000 codings)."""
    return dict(project._db.execute("SELECT code_id, COUNT(*) FROM codings GROUP BY code_id").fetchall())
