"""Quotes for authors: the excerpts of a code, a subtree or a pair of codes, with citable references.

``quotes()`` selects them as a DataFrame; ``write_quotes()`` writes .docx,
.csv, .md or .jsonl.  A quote is a distinct coded passage (document, start,
end) of the chosen code: several coders' codings of the same passage make one
quote that lists them all.

**References.**  "P07:12" is the document's short name (``qda.references``:
P07 for P07_ngo_limanorte, never the rest of a file name) and the passage's
number in it.  The number counts every distinct coded passage
of the document, of every code and coder, in document order (by start, then
end), so filters never renumber a quote; adding or removing codings earlier in
a document does.

**Privacy.**  An export carries the quote, its context sentences, the speaker
label of the turn it starts in (pseudonymous in anonymised transcripts), its
position, the coders' names and the codes; memos, document names and document
attributes only when the caller asks for them (``public_quotes``).  Files are
created readable by their owner only unless the caller gives other permissions.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import QdaError
from ..files import PRIVATE, atomic_output
from ..references import short_names
from ..rows import Rows
from ..analysis.selection import check_attribute, check_coders, choose_documents, parse_where, read_documents, resolve_codes
from .quote_places import PLACE_COLUMNS, locate

if TYPE_CHECKING:
    import pandas as pd

QUOTE_FORMATS = (".docx", ".csv", ".md", ".jsonl")
BASE_COLUMNS = ["ref", "document", "number", "code", "code_path", "speaker", "paragraph", "line", "time", "coders",
                "codes", "memo", "text", "before", "after", "start", "end"]


def quotes(project, code: str | Sequence[str], with_code: str | Sequence[str] | None = None, where=None, coder=None,
           context: int = 0, subtree: bool = True, attributes: Sequence[str] = ()) -> pd.DataFrame:
    """The quotes of ``code`` (with its subtree unless ``subtree=False``), in document order per code.

    Parameters
    ----------
    code : a code path or unique name (or several).
    with_code : keep only quotes that share at least one character with a coding of this code (or its subtree).
    where : document attribute filter, e.g. "role=police".
    coder : only these coders' codings (also for ``with_code`` and the ``codes`` column).
    context : sentences of context before and after each quote.
    attributes : document attributes to add as columns (and to exports); none by default.

    Returns
    -------
    DataFrame, one row a quote under one code, columns ``BASE_COLUMNS`` then the attributes.
    ``paragraph`` and ``line`` count from 1; ``time`` is the subtitle time (HH:MM:SS) or "".
    The rows are those of ``quote_rows``.
    """
    return quote_rows(project, code, with_code, where, coder, context, subtree, attributes).frame()


def quote_rows(project, code: str | Sequence[str], with_code: str | Sequence[str] | None = None, where=None,
               coder=None, context: int = 0, subtree: bool = True, attributes: Sequence[str] = (),
               columns: Sequence[str] | None = None) -> Rows:
    """The quotes of ``quotes`` as plain rows, without pandas: the columns ``columns`` (default:
    ``BASE_COLUMNS`` then the attributes), and only what they need is read (a listing of references,
    speakers and texts reads no paragraph, line, time or codes met)."""
    codebook = project.codebook
    code_ids = resolve_codes(project, code, subtree=subtree)
    if not code_ids:
        raise QdaError("name the code whose quotes you want, e.g. --code \"Distrust of police\"")
    with_ids = resolve_codes(project, with_code) if with_code else None
    names = check_coders(project, coder)
    columns = list(columns) if columns is not None else BASE_COLUMNS + list(attributes)
    wanted = set(columns)
    documents = read_documents(project) if attributes or parse_where(where) else None
    for attribute in attributes:
        check_attribute(documents.columns, attribute, project)
    check_quote_attributes(attributes)
    pairs = list(zip(documents.ids, documents.names)) if documents is not None else project.document_names()
    ids, document_names = [d for d, _ in pairs], [name for _, name in pairs]
    position = {d: i for i, d in enumerate(ids)}
    kept = None
    if parse_where(where):
        kept = set(choose_documents(project, where, documents).ids)

    def chosen_codings(code_ids):
        from ..store.passages import codings_of_codes

        codings = codings_of_codes(project, code_ids)  # without memos: ``_memos`` reads them if asked
        if not names and kept is None:
            return codings
        return [c for c in codings if (not names or c[2] in names) and (kept is None or c[1] in kept)]

    order = {c: i for i, c in enumerate(code_ids)}
    with project.snapshot():  # every read here of one moment, whatever another connection commits meanwhile
        if with_ids is None and _many_codings(project, code_ids):
            keys, coders = _passages_at_once(project, code_ids, order, ids, names, kept)
        else:
            keys, coders = _passages(chosen_codings, code_ids, order, position, with_ids)
        if not keys:
            return Rows(columns)
        spans = [(ids[k[1]], k[2], k[3]) for k in keys]
        if len(order) > 1:  # a passage may be quoted under several codes: each passage once
            spans = list(dict.fromkeys(spans))
        from ..store.passages import by_document

        grouped = by_document(spans)
        found: dict[str, list] = {}
        if "codes" in wanted:  # first: many passages' codes met read the codings that number them too
            found["codes"] = _codes_met(project, spans, names, grouped)
        if wanted & {"ref", "number"}:
            from ..store.passages import passage_numbers_of

            found["number"] = passage_numbers_of(project, spans, grouped)
        if wanted & set(PLACE_COLUMNS):
            found.update(locate(project, spans, context, wanted, grouped))
        if len(spans) < len(keys):  # a passage quoted under several codes: each quote takes its passage's values
            span_index = {span: i for i, span in enumerate(spans)}
            at = [span_index[(ids[k[1]], k[2], k[3])] for k in keys]
            found = {name: [column[i] for i in at] for name, column in found.items()}
        paths, code_names = codebook.paths, {c.id: c.name for c in codebook.codes}
        makers = {
            "document": lambda: [document_names[k[1]] for k in keys],
            "code": lambda: [code_names[code_ids[k[0]]] for k in keys],
            "code_path": lambda: [paths[code_ids[k[0]]] for k in keys],
            "coders": lambda: coders,
            "memo": lambda: _memos(project, code_ids, names, kept, [(code_ids[k[0]], ids[k[1]], k[2], k[3]) for k in keys]),
            "start": lambda: [k[2] for k in keys],
            "end": lambda: [k[3] for k in keys],
            **{name: (lambda column=column: column) for name, column in found.items()},
        }
        if "ref" in wanted:
            short = short_names(document_names)
            shorts = [short[name] for name in document_names]
            makers["ref"] = lambda: [f"{shorts[k[1]]}:{number}" for k, number in zip(keys, found["number"])]
        for attribute in attributes:
            values = documents.attributes[attribute]
            makers[attribute] = lambda values=values: [values[k[1]] for k in keys]
        return Rows.by_columns(columns, [makers[c]() for c in columns])


def _passages(chosen_codings, code_ids: list[str], order: dict[str, int], position: dict[str, int],
              with_ids: list[str] | None) -> tuple[list[tuple[int, int, int, int]], list[str]]:
    """The quotes' keys, one a (code, passage): (the code's place in ``order``, the document's place in
    ``position``, start, end), sorted, so in the order of codes and documents and then by place; and each
    key's coders, joined by ", " in name order when several coders coded the passage.  ``chosen_codings``
    gives the codings of codes as (code id, document id, coder, start, end) tuples; ``with_ids``: keep only
    the codings that share a character with one of these codes' codings."""
    chosen = chosen_codings(code_ids)
    if with_ids is not None and chosen:
        partners = _span_index({(c[1], c[3], c[4]) for c in chosen_codings(with_ids)})
        chosen = [c for c in chosen if _meets(partners, c[1], c[3], c[4])]
    passages: dict[tuple[int, int, int, int], list[str]] = {}
    for code_id, document_id, who, start, end in chosen:
        passages.setdefault((order[code_id], position[document_id], start, end), []).append(who)
    keys = sorted(passages)
    return keys, [who[0] if len(who) == 1 else ", ".join(sorted(set(who))) for who in map(passages.__getitem__, keys)]


def _many_codings(project, code_ids: list[str]) -> bool:
    """Whether the codes have many codings (``qda.store.passages.MANY``): then they are read as arrays."""
    from ..store.passages import MANY, count_codings_of_codes

    return count_codings_of_codes(project, code_ids) >= MANY


def _passages_at_once(project, code_ids: list[str], order: dict[str, int], ids: list[str], names: list[str],
                      kept: set[str] | None) -> tuple[list[tuple[int, int, int, int]], list[str]]:
    """``_passages`` of the codes' codings read as arrays (``qda.store.passage_codings``),
    chosen by coder (``names``) and document (``kept``), and keyed, sorted and grouped by numpy: what a
    hundred thousand codings cost a tuple and a dictionary entry each otherwise.  ``ids``: the documents'
    ids in the order of their places."""
    import numpy as np

    from ..store.passage_codings import codings_of_codes, known_ids, labels_met, ordered_keys

    known = known_ids(project)
    codings = codings_of_codes(project, code_ids, known, many=True)
    if names:
        codings = codings.where(np.isin(codings.coder, [i for i, name in enumerate(known.coder_names) if name in names]))
    if kept is not None:
        codings = codings.where(np.array([d in kept for d in known.documents.ids] or [False], dtype=bool)[codings.document])
    if not len(codings):
        return [], []
    place = {d: i for i, d in enumerate(ids)}
    code = np.array([order.get(c, -1) for c in known.codes.ids], dtype=np.int64)[codings.code]
    document = np.array([place[d] for d in known.documents.ids], dtype=np.int64)[codings.document]
    key = ordered_keys(code * len(ids) + document, codings.start, codings.end)[0]  # by code, document, start, end
    by_key = np.argsort(key, kind="stable")  # a third of np.lexsort's time on the four columns
    key, code, document, start, end = key[by_key], code[by_key], document[by_key], codings.start[by_key], codings.end[by_key]
    first = np.ones(len(by_key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    at = np.flatnonzero(first)
    keys = list(zip(code[at].tolist(), document[at].tolist(), start[at].tolist(), end[at].tolist()))
    return keys, labels_met(np.cumsum(first) - 1, codings.coder[by_key], known.coder_names, len(keys), ", ")


def _memos(project, code_ids, names, kept, quotes: list[tuple[str, str, int, int]]) -> list[str]:
    """Each quote's memos: those of its codings (of its code, document, start and end: ``quotes``) by the
    coders chosen, by coder's name, one coder's in row order, each once, joined by " | "."""
    from ..store.passages import codings_of_codes

    memos: dict[tuple, list[tuple[str, str]]] = {}
    for code_id, document_id, who, first, last, memo in codings_of_codes(project, code_ids, memos=True):
        if (not names or who in names) and (kept is None or document_id in kept):
            memos.setdefault((code_id, document_id, first, last), []).append((who, memo))
    none: list = []
    return [" | ".join(dict.fromkeys(m for _, m in sorted(memos.get(key, none), key=lambda pair: pair[0])))
            for key in quotes]


def _codes_met(project, spans: list[tuple[str, int, int]], names: list[str], grouped: dict[str, list[int]]) -> list[str]:
    """Each passage's codes met: the paths of the codes of every coding (by ``names``, else by anyone)
    that shares a character with it, sorted, joined by "; ".  A few passages are looked up in the
    database (``codes_meeting``); many meet their documents' codings read at once (numpy)."""
    from ..store.passages import codes_meeting, many_passages

    paths = project.codebook.paths
    involved = many_passages(spans, grouped)
    if involved is None:
        return ["; ".join(sorted(paths[c] for c in met)) for met in codes_meeting(project, spans, names)]
    import numpy as np

    from ..store.passage_codings import codings_of_documents, known_ids, labels_met, meeting

    known = known_ids(project)
    every = codings_of_documents(project, involved, known, coders=bool(names))  # the coders only to choose by
    if names:
        every = every.where(np.isin(every.coder, [i for i, name in enumerate(known.coder_names) if name in names]))
    document, start, end = known.spans(spans)
    passage, coding = meeting(every, document, start, end)
    return labels_met(passage, every.code[coding], [paths[c] for c in known.codes.ids], len(spans), "; ")


def check_quote_attributes(attributes: Sequence[str]) -> None:
    """Refuse an attribute named like a column of the quotes (``BASE_COLUMNS``: "text", "code", "ref"...),
    whose values would otherwise take that column's place: quotes citing an attribute for their text."""
    for attribute in attributes:
        if attribute in BASE_COLUMNS:
            raise QdaError(f"the document attribute {attribute!r} is named like the quotes' own column {attribute!r}, "
                           "which it would replace; give the attribute another name (qda import --attributes) "
                           "to show it with quotes")


def _span_index(spans) -> dict[str, tuple[list[int], list[int]]]:
    """{document id: (the spans' starts, sorted; the largest end of the spans up to each)}."""
    by_document: dict[str, list[tuple[int, int]]] = {}
    for document_id, start, end in spans:
        by_document.setdefault(document_id, []).append((start, end))
    index = {}
    for document_id, found in by_document.items():
        found.sort()
        index[document_id] = ([s for s, _ in found], list(accumulate((e for _, e in found), max)))
    return index


def _meets(index: dict[str, tuple[list[int], list[int]]], document_id: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a character with a span of ``index`` (``_span_index``) in its document:
    of the spans starting before ``end``, the one reaching furthest must end after ``start``."""
    starts, reach = index.get(document_id, ((), ()))
    before = bisect_left(starts, end)
    return before > 0 and reach[before - 1] > start


def public_quotes(frame: pd.DataFrame, memos: bool = False, names: bool = False) -> pd.DataFrame:
    """The columns an export or a listing of quotes carries: every file format and standard output alike.

    Offsets are left out; memos (which often name people or places) and the
    document's full name (which may describe the participant) only when asked."""
    hidden = ["start", "end"] + ([] if memos else ["memo"]) + ([] if names else ["document"])
    return frame.drop(columns=[c for c in hidden if c in frame.columns])


def write_quotes(frame: pd.DataFrame, path: str | Path, codebook=None, title: str = "", subtitle: str = "",
                 memos: bool = False, names: bool = False, raw_csv: bool = False, mode: int = PRIVATE) -> Path:
    """Write quotes as .docx, .csv, .md or .jsonl (by the file's suffix), whole, with permissions ``mode``.

    A .csv is safe to open in a spreadsheet unless ``raw_csv`` (``qda.spreadsheet``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in QUOTE_FORMATS:
        raise QdaError(f"{path}: cannot write quotes as {suffix or 'a file without suffix'!r}; use .docx, .csv, .md or .jsonl")
    public = public_quotes(frame, memos=memos, names=names)
    if suffix == ".csv":
        from ..spreadsheet import write_csv

        return write_csv(public, path, raw=raw_csv, mode=mode)
    with atomic_output(path, mode) as temporary:
        if suffix == ".jsonl":
            import json  # here: listing quotes on screen needs no JSON

            with temporary.open("w", encoding="utf-8") as handle:
                for record in public.to_dict(orient="records"):
                    handle.write(json.dumps(_jsonable(record), ensure_ascii=False) + "\n")
        elif suffix == ".md":
            from .quotes_markdown import markdown

            temporary.write_text(markdown(public, codebook, title, subtitle), encoding="utf-8")
        else:
            from .quotes_docx import write_docx

            write_docx(public, temporary, codebook, title, subtitle)
    return path


def _jsonable(record: dict) -> dict:
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in record.items()}
