"""A query's passages as quotes, as plain rows (no pandas): what ``qda query`` lists and what
``qda.query.results.query_quotes`` makes its DataFrame of (the citation rules are in that module).

For each passage: the codes and coders of every coding that shares a character with it, the memos
of the codings that are exactly it, its number among its document's distinct coded passages when it
is one (as ``qda quotes`` numbers them), and its place and text (``qda.export.quotes.locate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..rows import Rows
from .grammar import Query, parse
from .run import found

if TYPE_CHECKING:  # imported where used
    import numpy as np


def query_quote_rows(project, query: str | Query, context: int = 0, attributes: Sequence[str] = (), label: str = "",
                     columns: Sequence[str] | None = None) -> Rows:
    """The rows of ``query_quotes``: ``columns`` (default ``BASE_COLUMNS`` then the attributes) of each
    passage in document order; ``number`` is None for a passage that is no coded passage."""
    from ..analysis.selection import check_attribute
    from ..export.quote_places import PLACE_COLUMNS, locate
    from ..export.quotes import BASE_COLUMNS, check_quote_attributes
    from ..references import short_names
    from ..store.passage_codings import codings_of_documents, known_ids, labels_met, meeting, passage_numbers

    query = parse(query) if isinstance(query, str) else query
    scope, document, starts, ends = found(project, query)
    documents = scope.documents(project)
    for attribute in attributes:
        check_attribute(documents.columns, attribute, project)
    check_quote_attributes(attributes)
    columns = list(columns) if columns is not None else BASE_COLUMNS + list(attributes)
    if not len(starts):
        return Rows(columns)
    import numpy as np

    wanted = set(columns)
    label = label or " ".join(query.text.split())
    spans = list(zip([scope.ids[i] for i in document.tolist()], starts.tolist(), ends.tolist()))
    known = known_ids(project)
    every = codings_of_documents(project, {d for d, _, _ in spans}, known)
    at = np.array([known.documents.of(d) for d in scope.ids], dtype=np.int64)[document]
    numbered, exact = passage_numbers(every, at, starts, ends)
    numbers = [n if coded else None for n, coded in zip(numbered.tolist(), exact.tolist())]
    passage, coding = meeting(every, at, starts, ends)
    paths = project.codebook.paths
    codes = labels_met(passage, every.code[coding], [paths[c] for c in known.codes.ids], len(spans), "; ")
    coders = labels_met(passage, every.coder[coding], known.coder_names, len(spans), ", ")
    memos = _memos(project, spans) if "memo" in wanted else [""] * len(spans)
    places = wanted & set(PLACE_COLUMNS) | ({"paragraph"} if "ref" in wanted else set())
    placed = locate(project, spans, context, places) if places else {}
    name_of = dict(zip(documents.ids, documents.names))
    short = short_names(documents.names)
    makers = {
        "document": lambda: [name_of[d] for d, _, _ in spans],
        "number": lambda: numbers,
        "code": lambda: [label] * len(spans),
        "code_path": lambda: [label] * len(spans),
        "codes": lambda: codes, "coders": lambda: coders, "memo": lambda: memos,
        "start": lambda: [s for _, s, _ in spans], "end": lambda: [e for _, _, e in spans],
        "ref": lambda: [f"{short[name_of[d]]}:{n}" if n is not None else f"{short[name_of[d]]}:¶{p}"
                        for (d, _, _), n, p in zip(spans, numbers, placed.get("paragraph", ()))],
        **{name: (lambda column=column: column) for name, column in placed.items()},
    }
    for attribute in attributes:
        values = dict(zip(documents.ids, documents.attributes[attribute]))
        makers[attribute] = lambda values=values: [values.get(d, "") for d, _, _ in spans]
    return Rows(columns, zip(*[makers[c]() for c in columns]))


def _memos(project, spans: list[tuple[str, int, int]]) -> list[str]:
    """Each passage's memos: those of the codings that are exactly it, in row order, each once, joined by " | "."""
    from ..store.passage_codings import memos_of_documents

    memos: dict[tuple[str, int, int], list[str]] = {}
    for document_id, start, end, memo in memos_of_documents(project, {d for d, _, _ in spans}):
        memos.setdefault((document_id, start, end), []).append(memo)
    none: list[str] = []
    return [" | ".join(dict.fromkeys(memos.get(span, none))) for span in spans]


def query_count_rows(project, query: str | Query, by: str = "document") -> Rows:
    """The rows of ``query_counts`` (its rules), without pandas: one a document of the query's scope in
    import order (its short name), or one a value of the attribute ``by`` (sorted, with ``in_scope``)."""
    import numpy as np

    from ..analysis.selection import check_attribute
    from ..references import short_names

    query = parse(query) if isinstance(query, str) else query
    scope, document, starts, ends = found(project, query)
    documents = scope.documents(project)
    if by != "document":
        check_attribute(documents.columns, by, project)
    first = np.searchsorted(document, np.arange(len(scope.ids) + 1), side="left")  # passages in document order
    with_passages = np.flatnonzero(first[1:] > first[:-1])
    words = _word_starts_on_line(project, scope, with_passages)
    base = scope.bases[document]
    inside = np.searchsorted(words, ends + base, side="left") - np.searchsorted(words, starts + base, side="left")

    def by_document(values: np.ndarray) -> list[int]:
        running = np.concatenate([[0], np.cumsum(values, dtype=np.int64)])
        return (running[first[1:]] - running[first[:-1]]).tolist()
    passages = (first[1:] - first[:-1]).tolist()
    counts = list(zip(passages, [int(n > 0) for n in passages], by_document(inside), by_document(ends - starts)))
    columns = ["passages", "documents", "words", "characters"]
    if by == "document":
        short = short_names(documents.names)
        return Rows(["document", *columns], [(short[name], *count) for name, count in zip(scope.names, counts)])
    value_of = dict(zip(documents.ids, documents.attributes[by]))
    grouped: dict[str, list[int]] = {}
    for document_id, count in zip(scope.ids, counts):
        total = grouped.setdefault(value_of[document_id], [0, 0, 0, 0, 0])
        for k, n in enumerate((*count, 1)):
            total[k] += n
    return Rows([by, *columns, "in_scope"], [(value, *grouped[value]) for value in sorted(grouped)])


def _word_starts_on_line(project, scope, chosen) -> "np.ndarray":
    """Where the words of the scope's documents ``chosen`` (indices, ascending) begin, moved onto the
    query's line (``qda.query.spans``) and so sorted: one binary search then counts a passage's words
    whatever its document."""
    import numpy as np

    from ..store.words import stored_word_starts

    place = {scope.ids[i]: int(i) for i in chosen}
    blobs = sorted((place[d], blob) for d, blob, _length in stored_word_starts(project, list(place)))
    if not blobs:
        return np.zeros(0, dtype=np.int64)
    sizes = np.array([len(blob) // 4 for _, blob in blobs], dtype=np.int64)
    starts = np.frombuffer(b"".join(bytes(blob) for _, blob in blobs), dtype="<u4").astype(np.int64)
    return starts + np.repeat(scope.bases[[i for i, _ in blobs]], sizes)
