"""The codings a listing of passages cites, as arrays: the codings of chosen codes, and each passage's
number among its document's coded passages and the codes and coders of the codings it meets.

Why: ``qda quotes`` of one code over 1,000,000 codings lists about 100,000 passages, and looking
each one up through the indexes (a ``VALUES`` list several at a time, a table row a coding met)
cost more than the rest of the listing.  Here codings are read set-wise, one row a code (from the
index on (code_id, document_id, coder_id, start_offset, end_offset) alone) or one row a document
(through the index on document_id): their documents, codes and coders as ids laid end to end
(``query_spans.JoinedIds``, UUIDs being of one width) and their spans as one text of numbers,
as ``query_spans`` reads a query's codes.  The rest is sorting and binary search with numpy.  A
project whose ids are of several widths is read one row a coding, with the same answers.

A passage is a (document, start, end) span; codings are given as ``CodingArrays`` (the array form
counting reads too) numbering ``Ids``' documents, codes and coders, and passages as parallel arrays
of document indexes (into ``Ids.documents.ids``), starts and ends.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..arrays import distinct
from ..rows import columns_of
from .queries import CHUNK, MOST, _rows_of_documents
from .coding_arrays import CodingArrays
from .coding_packs import packed_codings
from .query_spans import SPAN, JoinedIds, kept

FEW_CODERS = 8  # coders up to which a coding's coder is found by comparing with each coder's id
PAIRS_AT_ONCE = 4_000_000  # candidate (passage, coding) pairs ``meeting`` holds at once (32 MB an array)


class Ids:
    """A project's document ids (in import order: a document's index is its position), code ids and
    coders (ids and names), each able to find the indexes of ids laid end to end."""

    def __init__(self, project):
        db = project._db
        self.documents = JoinedIds([row[0] for row in db.execute("SELECT id FROM documents ORDER BY position")])
        self.codes = JoinedIds([row[0] for row in db.execute("SELECT id FROM codes")])
        coders = db.execute("SELECT id, name FROM coders").fetchall()
        self.coders = JoinedIds([row[0] for row in coders])
        self.coder_names = [row[1] for row in coders]

    def spans(self, spans: Sequence[tuple[str, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(document indexes, starts, ends) of (document id, start, end) spans, as int64 arrays; the
        documents found from their ids laid end to end when they are of one width."""
        document_ids, starts, ends = columns_of(spans, 3)
        try:
            document = self.documents.of_joined("".join(document_ids), len(document_ids))
        except ValueError:
            document = np.array([self.documents.of(d) for d in document_ids], dtype=np.int64)
        return document, np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def known_ids(project) -> Ids:
    """The project's ``Ids``, kept on the open project while nothing changes."""
    store = kept(project, "passage_codings")
    if "ids" not in store:
        store["ids"] = Ids(project)
    return store["ids"]


def codings_of_codes(project, code_ids: Sequence[str], ids: Ids | None = None, many: bool = False) -> CodingArrays:
    """Every coding of ``code_ids``, from the index on code_id alone (one row a code); when they are
    ``many`` (tens of thousands), chosen from every coding read from the packs (``qda.store.coding_packs``)
    where they can be, which the passages' numbers and codes met read next anyway."""
    ids = ids or known_ids(project)
    every = _every_packed(project, ids) if many else None
    if every is not None:
        chosen = np.zeros(len(ids.codes.ids), dtype=bool)
        chosen[[ids.codes.of(code_id) for code_id in set(code_ids)]] = True
        return every.where(chosen[every.code])
    codes = list(dict.fromkeys(code_ids))
    parts = [_by_code(project._db, ids, f"WHERE code_id IN ({', '.join('?' * len(chunk))})", chunk)
             for chunk in (codes[first:first + CHUNK] for first in range(0, len(codes), CHUNK))]
    return _joined(ids, parts)


def codings_of_documents(project, document_ids, ids: Ids | None = None, labels: bool = True,
                         coders: bool = True) -> CodingArrays:
    """Every coding of the named documents; without their codes and coders unless ``labels``, without
    their coders unless ``coders`` (then ``code`` or ``coder`` are -1, unless read from the packs).
    When the documents are most of the project's (``MOST``), every coding is read in one pass and kept
    on the open project while nothing changes (for the numbers, the codes met and the next listing):
    from the documents' packs (``qda.store.coding_packs``), else with labels the whole index on
    code_id, one row a code, and without them the index on document_id, in one row; when they are
    few, one row a document through the index on document_id (which holds the spans but not the codes
    and coders)."""
    ids = ids or known_ids(project)
    wanted = sorted(set(document_ids))
    store = kept(project, "passage_codings")
    reads = ["every"] if labels and coders else ["every", "every without coders"] + ([] if labels else ["every span"])
    every = next((store[read] for read in reads if read in store), None) if store.get("ids") is ids else None
    if every is None and len(wanted) > MOST * len(ids.documents.ids):
        every = _every_packed(project, ids)
        if every is None:
            every = _by_code(project._db, ids, "", [], coders) if labels else _spans_at_once(project._db, ids)
            if store.get("ids") is ids:
                store["every span" if not labels else "every" if coders else "every without coders"] = every
    if every is not None:
        if len(wanted) == len(ids.documents.ids):
            return every
        chosen = np.zeros(len(ids.documents.ids), dtype=bool)
        chosen[[ids.documents.of(d) for d in wanted]] = True
        return every.where(chosen[every.document])
    return _by_document(project, ids, wanted, labels, coders)


def _every_packed(project, ids: Ids) -> CodingArrays | None:
    """Every coding with its code and coder, from its document's pack (``qda.store.coding_packs``: a row a
    document), kept on the open project while nothing changes; None where the packs cannot give them."""
    store = kept(project, "passage_codings")
    if store.get("ids") is ids and "every" in store:
        return store["every"]
    packed = packed_codings(project._db, ids.documents.ids, ids.codes.ids, ids.coders.ids)
    every = None if packed is None else _labelled(ids, *packed[:5])
    if every is not None and store.get("ids") is ids:
        store["every"] = every
    return every


def _spans_at_once(db, ids: Ids) -> CodingArrays:
    """Every coding's document and span (code and coder -1), from the index on document_id, a group a
    document, the groups' texts joined by an outer aggregate into one row and parsed at once: for a
    million codings in 10,000 documents, 0.31 s of CPU against 0.39 to 0.41 s a row a document
    (2026-12-01).  The codings with their codes are read a group a code, a few hundred rows, whose
    one-row form cost more (0.61 to 0.72 s against 0.50 s: joining 72 MB of ids once more)."""
    count, owners, counts, spans = db.execute(
        "SELECT COUNT(*), GROUP_CONCAT(owner, ''), GROUP_CONCAT(CAST(n AS TEXT), ','), GROUP_CONCAT(spans, ',') "
        f"FROM (SELECT document_id AS owner, COUNT(*) AS n, GROUP_CONCAT({SPAN}, ',') AS spans FROM codings "
        "GROUP BY document_id) AS groups").fetchone()
    if not count:
        return _arrays(ids, [])
    counts = _numbers(counts)
    unknown = np.full(int(counts.sum()), -1, dtype=np.int64)
    try:
        document = np.repeat(ids.documents.of_joined(owners, count), counts)
    except (ValueError, KeyError):  # ids of several widths: one row a coding
        read = _by_coding(db, ids, "", [])
        return _labelled(ids, read.document, unknown, unknown, read.start, read.end)
    return _arrays(ids, [(document, unknown, unknown, _numbers(spans))])


def _by_code(db, ids: Ids, where: str, params: Sequence, coders: bool = True) -> CodingArrays:
    """The codings ``where`` selects, one row a code (their documents, and their coders if ``coders``,
    laid end to end; else the coders are -1)."""
    read = "GROUP_CONCAT(coder_id, '')" if coders else "COUNT(*)"
    rows = db.execute(f"SELECT code_id, COUNT(*), GROUP_CONCAT(document_id, ''), {read}, "
                      f"GROUP_CONCAT({SPAN}, ',') FROM codings {where} GROUP BY code_id", params).fetchall()
    try:
        parts = [(ids.documents.of_joined(documents, count), np.full(count, ids.codes.of(code), dtype=np.int64),
                  _coders_of(ids, joined, count) if coders else np.full(count, -1, dtype=np.int64), _numbers(spans))
                 for code, count, documents, joined, spans in rows]
    except (ValueError, KeyError):
        return _by_coding(db, ids, where, params)
    return _arrays(ids, parts)


def _by_document(project, ids: Ids, document_ids: list[str], labels: bool, coders: bool = True) -> CodingArrays:
    """The codings of the named documents, one row a document (their codes laid end to end if ``labels``,
    and their coders if ``coders`` too)."""
    coders = labels and coders
    read = ("GROUP_CONCAT(code_id, '')" if labels else "''") + (", GROUP_CONCAT(coder_id, '')" if coders else ", ''")
    select = f"SELECT document_id, COUNT(*), {read}, GROUP_CONCAT({SPAN}, ',') FROM codings"
    if len(document_ids) > MOST * len(ids.documents.ids):  # most documents: one pass over the index, no ids named
        wanted = set(document_ids)
        rows = [row for row in project._db.execute(f"{select} GROUP BY document_id") if row[0] in wanted]
    else:
        rows = _rows_of_documents(project, f"{select} WHERE document_id IN ({{ids}}) GROUP BY document_id", document_ids)
    try:
        if not labels:  # the spans of every document parsed at once, their documents repeated by count
            counts = np.array([row[1] for row in rows], dtype=np.int64)
            document = np.repeat(np.array([ids.documents.of(row[0]) for row in rows], dtype=np.int64), counts)
            unknown = np.full(len(document), -1, dtype=np.int64)
            return _arrays(ids, [(document, unknown, unknown, _numbers(",".join([row[4] for row in rows])))])
        unknown = np.full(max((row[1] for row in rows), default=0), -1, dtype=np.int64)
        parts = [(np.full(count, ids.documents.of(document), dtype=np.int64), ids.codes.of_joined(codes, count),
                  _coders_of(ids, joined, count) if coders else unknown[:count], _numbers(spans))
                 for document, count, codes, joined, spans in rows]
    except (ValueError, KeyError):
        parts = [_by_coding(project._db, ids, f"WHERE document_id IN ({', '.join('?' * len(chunk))})", chunk)
                 for chunk in (document_ids[first:first + CHUNK] for first in range(0, len(document_ids), CHUNK))]
        return _joined(ids, parts)
    return _arrays(ids, parts)


def _coders_of(ids: Ids, joined: str, count: int) -> np.ndarray:
    """``ids.coders.of_joined``: the coders of codings laid end to end, compared with each coder's id
    in turn when they are few (coders do not come in runs, which ``of_joined`` looks up once each)."""
    width = ids.coders.width
    if width is None or len(ids.coders.ids) > FEW_CODERS or len(joined) != count * width or not joined.isascii():
        return ids.coders.of_joined(joined, count)
    found = np.frombuffer(joined.encode(), dtype=f"S{width}")
    coder = np.full(count, -1, dtype=np.int64)
    for index, coder_id in enumerate(ids.coders.ids):
        coder[found == coder_id.encode()] = index
    if (coder < 0).any():
        raise ValueError("a coding by a coder not in the project")
    return coder


def _by_coding(db, ids: Ids, where: str, params: Sequence) -> CodingArrays:
    """The codings ``where`` selects, one row a coding: for ids of several widths."""
    rows = db.execute(f"SELECT document_id, code_id, coder_id, start_offset, end_offset FROM codings {where}",
                      params).fetchall()
    columns = columns_of(rows, 5)
    document, code, coder = ([of(i) for i in column] for of, column in
                             zip((ids.documents.of, ids.codes.of, ids.coders.of), columns[:3]))
    return _labelled(ids, *(np.array(column, dtype=np.int64) for column in (document, code, coder, columns[3], columns[4])))


def _arrays(ids: Ids, parts: list[tuple]) -> CodingArrays:
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return _labelled(ids, empty, empty, empty, empty, empty)
    document, code, coder, spans = (np.concatenate(column) for column in zip(*parts))
    return _labelled(ids, document, code, coder, spans >> 32, spans & 0xFFFFFFFF)


def _joined(ids: Ids, parts: list[CodingArrays]) -> CodingArrays:
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return _arrays(ids, [])
    return _labelled(ids, *(np.concatenate([getattr(p, name) for p in parts])
                            for name in ("document", "code", "coder", "start", "end")))


def _labelled(ids: Ids, document, code, coder, start, end) -> CodingArrays:
    """Codings numbering ``ids``' documents, codes and coders (by name)."""
    return CodingArrays(ids.documents.ids, ids.codes.ids, ids.coder_names, document, code, coder, start, end)


def _numbers(text: str) -> np.ndarray:
    return np.fromstring(text, sep=",", dtype=np.int64) if text else np.zeros(0, dtype=np.int64)


def ordered_keys(document: np.ndarray, start: np.ndarray, end: np.ndarray,
                 *others: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[np.ndarray]:
    """One int64 a span that orders spans by (document, start, end), for these spans and each triple of
    ``others`` alike: the span itself laid on one line when that fits 63 bits, else its rank."""
    triples = [(document, start, end), *others]
    stride = 1 + max((int(e.max()) for _, _, e in triples if len(e)), default=0)
    documents = 1 + max((int(d.max()) for d, _, _ in triples if len(d)), default=0)
    if documents * stride * stride < 2 ** 62:
        return [(d * stride + s) * stride + e for d, s, e in triples]
    packed = [(s << 32) | e for _, s, e in triples]  # a text holds under 2**30 characters on both engines
    values, rank = np.unique(np.concatenate(packed), return_inverse=True)
    cuts = np.cumsum([len(p) for p in packed])[:-1]
    return [d * len(values) + r for (d, _, _), r in zip(triples, np.split(rank.reshape(-1), cuts))]


def passage_numbers(codings: CodingArrays, document, start, end) -> tuple[np.ndarray, np.ndarray]:
    """(each passage's number in its document, whether it is itself a coded passage): how many distinct
    coded spans of ``codings`` (every code and coder) begin before it, or at its start and end no later,
    ordered by start then end; for a coded passage, its place among them from 1."""
    coded, wanted, first = ordered_keys(codings.document, codings.start, codings.end, (document, start, end),
                                        (document, np.zeros_like(start), np.zeros_like(end)))
    spans = distinct(coded)
    up_to = np.searchsorted(spans, wanted, side="right")
    exact = (up_to > 0) & (spans[np.maximum(up_to - 1, 0)] == wanted) if len(spans) else up_to > 0
    return up_to - np.searchsorted(spans, first, side="left"), exact


def meeting(codings: CodingArrays, document, start, end, at_once: int = PAIRS_AT_ONCE) -> tuple[np.ndarray, np.ndarray]:
    """(passage index, coding index) of each coding that shares a character with a passage: same
    document, coding start < passage end and coding end > passage start; in passage order.

    Codings are sorted by start; a passage's candidates are those of its document that start before
    its end and no earlier than its start less the longest coding of the document, taken
    ``at_once`` candidates at a time."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(codings) or not len(document):
        return empty, empty
    stride = 1 + max(int(codings.end.max()), int(end.max()))
    order = np.argsort(codings.document * stride + codings.start, kind="stable")
    line = (codings.document * stride + codings.start)[order]
    ends = codings.end[order]
    longest = np.zeros(1 + max(int(codings.document.max()), int(document.max())), dtype=np.int64)
    np.maximum.at(longest, codings.document, codings.end - codings.start)
    low = np.searchsorted(line, document * stride + np.maximum(start - longest[document], 0), side="left")
    high = np.searchsorted(line, document * stride + end, side="left")
    counts = high - low
    running = np.cumsum(counts)
    passages, found = [], []
    first = 0
    while first < len(document):
        past = int(running[first - 1]) if first else 0
        last = max(int(np.searchsorted(running, past + at_once, side="right")), first + 1)
        n = counts[first:last]
        total = int(n.sum())
        if total:
            passage = np.repeat(np.arange(first, last), n)
            candidate = np.arange(total) + np.repeat(low[first:last] - (np.cumsum(n) - n), n)
            meets = ends[candidate] > start[passage]
            passages.append(passage[meets])
            found.append(order[candidate[meets]])
        first = last
    if not passages:
        return empty, empty
    return np.concatenate(passages), np.concatenate(found)


def labels_met(passage: np.ndarray, label: np.ndarray, names: Sequence[str], passages: int, separator: str) -> list[str]:
    """For each of ``passages`` passages, the distinct ``names[label]`` of its pairs (``passage``,
    ``label`` parallel arrays, as ``meeting`` gives with a label a coding), sorted as Python sorts
    strings and joined by ``separator``; "" for a passage with none."""
    rank = sorted(range(len(names)), key=names.__getitem__)
    rank_of = np.empty(len(names), dtype=np.int64)
    rank_of[rank] = np.arange(len(names))
    keys = distinct(passage * len(names) + rank_of[label]) if len(passage) else passage
    sorted_names = [names[i] for i in rank]
    texts = [sorted_names[r] for r in (keys % max(len(names), 1)).tolist()]
    bounds = np.searchsorted(keys // max(len(names), 1), np.arange(passages + 1), side="left").tolist()
    return [separator.join(texts[a:b]) for a, b in zip(bounds, bounds[1:])]


def memos_of_documents(project, document_ids) -> list[tuple[str, int, int, str]]:
    """(document id, start, end, memo) of the codings of the named documents that have a memo, by
    document, start, end and row."""
    return _rows_of_documents(project, "SELECT document_id, start_offset, end_offset, memo FROM codings "
                                       "WHERE document_id IN ({ids}) AND memo <> '' "
                                       "ORDER BY document_id, start_offset, end_offset, rowid", document_ids)
