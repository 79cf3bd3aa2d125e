"""Reads for counting codings, documents and words per code (``qda.analysis.tally``): only the columns
a count needs, the coders asked for chosen by the database.

A coding's coder is read only where the count needs it (grouped by coder, or rolled up, where a
passage is one coder's); otherwise every coding is read as its document, code and span, the read
co-occurrence makes too (``qda.store.coded_spans``, kept on the open project)."""

from __future__ import annotations

from .coding_arrays import CodingArrays


def coding_rows(project, coder_names=None, with_coder: bool = False) -> tuple[dict[str, str], list[tuple]]:
    """(each coder's id -> name, every coding of the coders ``coder_names`` (default all) as
    (code_id, document_id, start, end), with the coder's id fifth when ``with_coder``), in no
    particular order: a few thousand codings as tuples."""
    coders = dict(project._db.execute("SELECT id, name FROM coders").fetchall())
    where, params = "", []
    if coder_names:
        wanted = set(coder_names)
        ids = [i for i, name in coders.items() if name in wanted]
        where, params = f" WHERE coder_id IN ({', '.join('?' * len(ids))})" if ids else " WHERE 1 = 0", ids
    columns = "code_id, document_id, start_offset, end_offset" + (", coder_id" if with_coder else "")
    return coders, project._db.execute(f"SELECT {columns} FROM codings{where}", params).fetchall()


def document_rows(project) -> list[tuple[str, str, int]]:
    """(id, name, words) of every document, in import order: what a count needs of documents that
    it does not choose by attribute."""
    return project._db.execute("SELECT id, name, words FROM documents ORDER BY position").fetchall()


def word_start_blobs(project, document_ids: set[str]) -> list[tuple[str, bytes]]:
    """(document id, the blob of its word starts, ``qda.store.words``) of each of ``document_ids``: read
    in one pass without the documents' lengths (which a count of words needs not) when they are most
    of the project's documents, else by id (``stored_word_starts``)."""
    from .words import stored_word_starts

    if len(document_ids) * 2 <= project._db.execute("SELECT COUNT(*) FROM word_starts").fetchone()[0]:
        return [(document_id, blob) for document_id, blob, _ in stored_word_starts(project, document_ids)]
    return [row for row in project._db.execute("SELECT document_id, starts FROM word_starts").fetchall()
            if row[0] in document_ids]


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
