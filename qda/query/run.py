"""Running a coding query on a project: its scope, each operator, the passages it finds.

``passages(project, text)`` is the library call: a DataFrame of the passages a
query finds (document_id, document, start, end), in document order.  The
meaning of each operator is in docs/queries.md; in short, a code stands for
its codings and its subtree's (one passage per distinct coded span), the
Boolean operators work on characters (their result is maximal runs of
characters), the relations keep the passages of their left operand, and
``IN SAME unit`` gives the units (sentences, paragraphs, turns, documents)
in which its Boolean expression holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..errors import NotFoundError
from . import spans as S
from .grammar import And, Code, Node, Not, Or, Query, QueryError, Relation, SameUnit, parse

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Scope:
    """The documents a query looks at, laid end to end (``qda.query.spans``), and the codings it may use."""

    ids: list[str]                     # document ids in import order
    names: list[str]
    bases: np.ndarray                  # (D,) where each document begins on the line
    lengths: np.ndarray                # (D,) characters
    coders: list[str]                  # coders of the WHERE clause (none: every coder)
    units: dict[str, tuple[S.Spans, np.ndarray]] = field(default_factory=dict)
    listing: object = None             # every document with its attributes, when the WHERE clause read them

    def documents(self, project):
        """Every document of the project with its attributes (``qda.analysis.selection.read_documents``),
        read once for the WHERE clause and the quotes or counts of its passages."""
        if self.listing is None:
            from ..analysis.selection import read_documents

            self.listing = read_documents(project)
        return self.listing

    def documents_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.bases, positions, side="right") - 1

    @property
    def whole(self) -> S.Spans:
        keep = self.lengths > 0
        return self.bases[keep], (self.bases + self.lengths)[keep]


def passages(project, query: str | Query) -> "pd.DataFrame":
    """The passages ``query`` finds: document_id, document, start, end (code points of the document's
    text), in document order.  Raises ``QueryError`` (naming the column) for an unknown code,
    attribute, value, set or coder, or a query that cannot be read."""
    return run(project, query)[0]


def run(project, query: str | Query) -> tuple["pd.DataFrame", "Scope"]:
    """``passages`` and the scope they were found in (the documents the WHERE clause keeps)."""
    import pandas as pd

    scope, document, starts, ends = found(project, query)
    return pd.DataFrame({
        "document_id": pd.Series(np.asarray(scope.ids, dtype=object)[document], dtype=object),
        "document": pd.Series(np.asarray(scope.names, dtype=object)[document], dtype=object),
        "start": starts, "end": ends,
    }), scope


def found(project, query: str | Query) -> tuple["Scope", np.ndarray, np.ndarray, np.ndarray]:
    """What ``passages`` computes, as arrays: (the scope, each passage's document as an index into
    ``scope.ids``, starts, ends), in document order; no pandas (for a one-shot command)."""
    query = parse(query) if isinstance(query, str) else query
    scope = _scope(project, query)
    spans = _evaluate(project, query, scope, query.root)
    document = scope.documents_of(spans[0])
    bases = scope.bases[document]
    return scope, document, spans[0] - bases, spans[1] - bases


# -- scope ----------------------------------------------------------------------------------------

def _scope(project, query: Query) -> Scope:
    """The documents the WHERE clause keeps (attributes, sets) and its coders; each condition is
    checked alone first, so that an unknown name is reported at its own column."""
    from ..store.query_spans import document_lengths

    ids, names, sizes = document_lengths(project)
    coders: list[str] = []
    every = None
    if query.conditions:
        from ..analysis.selection import read_documents

        every = read_documents(project)
        kept, coders = _where(project, query, every)
        chosen = [i for i, d in enumerate(ids) if d in kept]
        ids, names, sizes = [ids[i] for i in chosen], [names[i] for i in chosen], sizes[chosen]
    bases = np.concatenate([[0], np.cumsum(sizes + 1)[:-1]]).astype(np.int64) if len(ids) else sizes
    return Scope(ids, names, bases, sizes, coders, listing=every)


def _where(project, query: Query, every) -> tuple[set[str], list[str]]:
    """(the ids of the documents the WHERE clause keeps, its coders), without pandas; ``every`` is
    every document with its attributes (read once; each condition filters them)."""
    from ..analysis.selection import SET_KEY, check_attribute, check_coders, choose_documents
    from ..errors import QdaError

    coders: list[str] = []
    kept = [True] * len(every.ids)
    for condition in query.conditions:
        try:
            if condition.kind == "coder":
                coders += check_coders(project, list(condition.values))
                continue
            if condition.kind == "not_attribute":
                check_attribute(every.columns, condition.name, project)
                unwanted = {v.casefold() for v in condition.values}
                kept = [keep and str(value).casefold() not in unwanted
                        for keep, value in zip(kept, every.attributes[condition.name])]
                continue
            key = SET_KEY if condition.kind == "set" else condition.name
            chosen = set(choose_documents(project, {key: list(condition.values)}, every).ids)
            kept = [keep and document_id in chosen for keep, document_id in zip(kept, every.ids)]
        except QdaError as error:
            raise QueryError(query.text, condition.column, str(error)) from None
    return {document_id for document_id, keep in zip(every.ids, kept) if keep}, coders


def _on_line(scope: Scope, documents: list[str], document: np.ndarray, starts: np.ndarray,
             ends: np.ndarray) -> S.Spans:
    """Spans of the scope's documents moved onto the line; ``document`` indexes ``documents`` (ids),
    spans of documents outside the scope are dropped."""
    place = {d: i for i, d in enumerate(scope.ids)}
    lookup = np.array([place.get(d, -1) for d in documents], dtype=np.int64)
    index = lookup[document] if len(lookup) else np.zeros(0, dtype=np.int64)
    keep = index >= 0
    base = scope.bases[index[keep]]
    return base + starts[keep], base + ends[keep]


# -- evaluation -----------------------------------------------------------------------------------

def _evaluate(project, query: Query, scope: Scope, node: Node) -> S.Spans:
    if isinstance(node, Code):
        return _code(project, query, scope, node)
    if isinstance(node, Not):
        return S.difference(scope.whole, _evaluate(project, query, scope, node.operand))
    if isinstance(node, (And, Or)):
        combine = S.intersection if isinstance(node, And) else S.union
        result = _evaluate(project, query, scope, node.operands[0])
        for operand in node.operands[1:]:
            result = combine(result, _evaluate(project, query, scope, operand))
        return result
    if isinstance(node, Relation):
        return _relation(project, query, scope, node)
    if isinstance(node, SameUnit):
        units, _ = _units(project, scope, node.unit)
        return S.select(units, _unit_mask(project, query, scope, node.operand, units))
    raise AssertionError(node)  # pragma: no cover


def _code(project, query: Query, scope: Scope, node: Code) -> S.Spans:
    """The distinct coded spans of the code and its subtree, by the operand's coders (else the WHERE's)."""
    from ..analysis.selection import check_coders
    from ..store.query_spans import code_spans

    codebook = project.codebook
    code = codebook.by_id.get(node.name) or codebook.find(node.name)
    if code is None:
        same = [codebook.path(c.id) for c in codebook.codes if c.name.casefold() == node.name.casefold()]
        problem = (f"several codes are called {node.name!r} ({'; '.join(same)}): write the path of the one you mean"
                   if len(same) > 1 else f"no code {node.name!r} in the codebook (see `qda codebook {project.path}`)")
        raise QueryError(query.text, node.column, problem)
    coders = list(node.coders) or scope.coders
    if node.coders:
        try:
            check_coders(project, coders)
        except NotFoundError as error:
            raise QueryError(query.text, node.column, str(error)) from None
    coder_ids = None
    if coders:
        ids = {c.name: c.id for c in project.coders()}
        coder_ids = [ids[name] for name in coders if name in ids]
    documents, document, starts, ends = code_spans(project, codebook.subtree_ids(code.id), coder_ids)
    return S.distinct(*_on_line(scope, documents, document, starts, ends))


def _units(project, scope: Scope, unit: str) -> tuple[S.Spans, np.ndarray]:
    """The spans of ``unit`` in the scope's documents on the line, and the first unit of each document
    (D + 1,: unit indices of document d are ``first[d]:first[d + 1]``)."""
    if unit not in scope.units:
        if unit == "document":
            spans = (scope.bases.copy(), scope.bases + scope.lengths)
            document = np.arange(len(scope.ids))
        else:
            from ..store.query_spans import unit_starts_ends

            documents, counts, starts, ends = unit_starts_ends(project, unit)
            of = np.repeat(np.arange(len(documents), dtype=np.int64), counts)
            spans = _on_line(scope, documents, of, starts, ends)
            order = np.lexsort((spans[1], spans[0]))
            spans = (spans[0][order], spans[1][order])
            document = scope.documents_of(spans[0])
        first = np.searchsorted(document, np.arange(len(scope.ids) + 1), side="left")
        scope.units[unit] = (spans, first)
    return scope.units[unit]


def _unit_mask(project, query: Query, scope: Scope, node: Node, units: S.Spans) -> np.ndarray:
    """Which units hold ``node``: Boolean operators combine the units' masks; anything else holds in a
    unit that shares a character with one of its passages."""
    if isinstance(node, Not):
        return ~_unit_mask(project, query, scope, node.operand, units)
    if isinstance(node, (And, Or)):
        masks = [_unit_mask(project, query, scope, operand, units) for operand in node.operands]
        return np.logical_and.reduce(masks) if isinstance(node, And) else np.logical_or.reduce(masks)
    return S.overlapping(units, _evaluate(project, query, scope, node))


def _relation(project, query: Query, scope: Scope, node: Relation) -> S.Spans:
    left = _evaluate(project, query, scope, node.left)
    right = _evaluate(project, query, scope, node.right)
    if node.kind == "overlapping":
        return S.select(left, S.overlapping(left, right))
    if node.kind == "enclosing":
        return S.select(left, S.enclosing(left, right))
    if node.kind == "enclosed_by":
        return S.select(left, S.enclosed_by(left, right))
    low, high = _sentence_window(project, scope, left, node.sentences)
    if node.kind == "followed_by":
        return S.select(left, S.starts_within(left[1], high, right))
    return S.select(left, S.overlapping((low, high), right))          # within_sentences


def _sentence_window(project, scope: Scope, spans: S.Spans, n: int) -> tuple[np.ndarray, np.ndarray]:
    """For each span, from the start of the sentence ``n`` before its first to the end of the sentence ``n``
    after its last (clipped to its document).  A position belongs to the last sentence beginning at or
    before it (text before a document's first sentence to none: index -1)."""
    (starts, _ends), first = _units(project, scope, "sentence")
    n = min(n, len(starts) + 1)  # a wider window is the whole document; a larger n overflowed int64 (or wrapped)
    document = scope.documents_of(spans[0])
    lo_doc, hi_doc = first[document], first[document + 1]            # this document's sentences: [lo, hi)

    def sentence(positions: np.ndarray) -> np.ndarray:
        found = np.searchsorted(starts, positions, side="right") - 1
        return np.maximum(found, lo_doc - 1)

    begin = sentence(spans[0]) - n
    after = sentence(spans[1] - 1) + n + 1
    doc_start, doc_end = scope.bases[document], scope.bases[document] + scope.lengths[document]
    safe = max(len(starts) - 1, 0)
    low = np.where(begin >= lo_doc, starts[np.clip(begin, 0, safe)] if len(starts) else doc_start, doc_start)
    high = np.where(after < hi_doc, starts[np.clip(after, 0, safe)] if len(starts) else doc_end, doc_end)
    return low, high
