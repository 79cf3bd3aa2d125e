"""Codings, documents and words coded per code and group, counted in plain Python from the project's rows.

The one computation behind ``frequencies`` and ``crosstab`` (which make DataFrames of its rows)
and ``qda stats`` / ``qda crosstab`` (which print the same rows without importing pandas).
Definitions (docs/analysis.md):

* codings: the codings of a code in a group; with ``rollup`` each coding also counts for every
  ancestor of its code, a passage (document, coder, start, end) that several codes of a subtree
  carry once for their common ancestor;
* documents: the documents with at least one such coding;
* words: the words that begin inside the union of those codings' spans, document by document
  (``qda.word_starts`` stored with each document: a binary search a span, no text is read).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..errors import QdaError
from .selection import Documents, check_attribute, check_coders, choose_documents, resolve_codes

ALL = "all"  # the one group of ``by="code"``


@dataclass
class CodeRow:
    """A code of the codebook as tables show it."""

    code_id: str
    path: str
    name: str
    level: int  # 1 for a top-level code


@dataclass
class Tally:
    """Counts per (group, code id), the groups in the order tables show them, and per code over every group."""

    groups: list[str]
    codes: list[CodeRow]
    documents: Documents
    codings: Counter = field(default_factory=Counter)        # (group, code) -> codings
    with_code: Counter = field(default_factory=Counter)      # (group, code) -> documents
    words: Counter = field(default_factory=Counter)          # (group, code) -> words coded
    plain: Counter = field(default_factory=Counter)          # group -> codings of the shown codes, each once
    code_codings: Counter = field(default_factory=Counter)   # code -> codings in every group
    code_documents: Counter = field(default_factory=Counter)  # code -> documents in every group
    code_words: Counter = field(default_factory=Counter)     # code -> words coded in every group
    group_of_document: dict[str, str] | None = None          # document id -> group (None: by code or coder)


def code_rows(project, codes=None) -> list[CodeRow]:
    """The codes in codebook order (only ``codes`` and their subtrees when named)."""
    codebook = project.codebook
    wanted = resolve_codes(project, codes)
    chosen = None if wanted is None else set(wanted)
    paths = codebook.paths
    return [CodeRow(code.id, paths[code.id], code.name, depth + 1) for code, depth in codebook.walk()
            if chosen is None or code.id in chosen]


def tally(project, by: str = "code", coder=None, codes=None, where=None, rollup: bool = False) -> Tally:
    """Count the codings of the selection per code and per group of ``by``: "code" (one group),
    "document" (document names in import order), "coder" (names, sorted) or a document attribute
    (its values, sorted).  Raises QdaError for an unknown coder, code, attribute or value."""
    from ..store.queries import coding_rows

    documents = choose_documents(project, where)
    if by not in ("code", "document", "coder"):
        check_attribute(documents.columns, by, project)
    names = check_coders(project, coder)
    shown = code_rows(project, codes)
    if by == "document":
        group_of = dict(zip(documents.ids, documents.names))
    elif by in ("code", "coder"):
        group_of = None
    else:
        group_of = dict(zip(documents.ids, map(str, documents.attributes[by])))
    result = Tally([], shown, documents, group_of_document=group_of if by != "code" else None)
    selected = set(documents.ids)
    shown_ids = {row.code_id for row in shown}
    codebook = project.codebook
    chain = {code_id: [code_id] + ([a.id for a in codebook.ancestors(code_id) if a.id in shown_ids] if rollup else [])
             for code_id in shown_ids}
    passages: dict[tuple[str, str, str], list[tuple[int, int]]] = defaultdict(list)
    seen: set[tuple] = set()
    for code_id, document_id, coder_name, start, end in coding_rows(project, names):
        if document_id not in selected or code_id not in shown_ids:
            continue
        group = coder_name if by == "coder" else group_of[document_id] if group_of is not None else ALL
        result.plain[group] += 1
        for target in chain[code_id]:
            if rollup:
                passage = (document_id, coder_name, start, end, target)
                if passage in seen:
                    continue
                seen.add(passage)
            result.codings[group, target] += 1
            passages[group, target, document_id].append((start, end))
    by_code: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    starts = _word_starts(project, {document_id for _, _, document_id in passages})
    for (group, code_id, document_id), spans in passages.items():
        result.with_code[group, code_id] += 1
        result.words[group, code_id] += words_in_union(spans, starts[document_id])
        result.code_codings[code_id] += len(spans)
        by_code[code_id, document_id] += spans
    for (code_id, document_id), spans in by_code.items():
        result.code_documents[code_id] += 1
        result.code_words[code_id] += words_in_union(spans, starts[document_id])
    if by == "code":
        result.groups = [ALL]
    elif by == "document":
        result.groups = list(documents.names)
    elif by == "coder":
        result.groups = sorted({group for group, _ in result.codings}) or sorted(c.name for c in project.coders())
    else:
        result.groups = sorted(set(group_of.values()))
    return result


def _word_starts(project, document_ids: set[str]) -> dict:
    """Each named document's word starts (an ``array('I')``), read from where they are stored."""
    from ..store.words import stored_word_starts
    from ..word_starts import unpack

    if not document_ids:
        return {}
    found = {document_id: unpack(blob) for document_id, blob, _length in stored_word_starts(project, document_ids)}
    missing = document_ids - set(found)
    if missing:
        raise QdaError(f"{project.path}: {len(missing)} document(s) have no stored word starts; "
                       "the project file is damaged, restore it from a backup")
    return found


def words_in_union(spans: list[tuple[int, int]], starts) -> int:
    """Words beginning inside the union of ``spans`` ([start, end) code points), given the sorted
    word ``starts`` of their document."""
    spans = sorted(spans)
    total = 0
    low, high = spans[0]
    for start, end in spans[1:]:
        if start > high:
            total += bisect_left(starts, high) - bisect_left(starts, low)
            low, high = start, end
        elif end > high:
            high = end
    return total + bisect_left(starts, high) - bisect_left(starts, low)
