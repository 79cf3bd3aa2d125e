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

import json
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import QdaError
from ..files import PRIVATE, atomic_output
from ..references import short_names
from ..rows import Rows
from ..analysis.selection import check_attribute, check_coders, choose_documents, parse_where, read_documents, resolve_codes
from .word import describe, new_document

if TYPE_CHECKING:
    import pandas as pd

QUOTE_FORMATS = (".docx", ".csv", ".md", ".jsonl")
BASE_COLUMNS = ["ref", "document", "number", "code", "code_path", "speaker", "paragraph", "line", "time", "coders",
                "codes", "memo", "text", "before", "after", "start", "end"]
PLACE_COLUMNS = ("text", "speaker", "paragraph", "line", "time", "before", "after")  # what ``locate`` fills


def _timestamp(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


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

    chosen = chosen_codings(code_ids)
    if with_ids is not None and chosen:
        partners = _span_index({(c[1], c[3], c[4]) for c in chosen_codings(with_ids)})
        chosen = [c for c in chosen if _meets(partners, c[1], c[3], c[4])]
    if not chosen:
        return Rows(columns)

    # one quote a (code, passage), keyed by the code's and the document's places in their orders, so
    # that the keys sort as they are; several coders' codings of a passage are listed together
    order = {c: i for i, c in enumerate(code_ids)}
    passages: dict[tuple[int, int, int, int], list[str]] = {}
    for code_id, document_id, who, start, end in chosen:
        passages.setdefault((order[code_id], position[document_id], start, end), []).append(who)
    keys = sorted(passages)
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
        "coders": lambda: [who[0] if len(who) == 1 else ", ".join(sorted(set(who))) for who in map(passages.__getitem__, keys)],
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


def locate(project, spans: Sequence[tuple[str, int, int]], context: int = 0,
           wanted: set[str] | frozenset[str] = frozenset(PLACE_COLUMNS),
           grouped: dict[str, list[int]] | None = None) -> dict[str, list]:
    """For each passage (document id, start, end), the columns of ``PLACE_COLUMNS`` that are ``wanted``:
    its words (text), the speaker of the turn it starts in, its paragraph and line (from 1), its subtitle
    time, and up to ``context`` sentences around it within its turn (before, after).  Reads the texts and
    sentences of the passages' own documents only, and only what the columns need.  ``grouped``: the
    passages' indexes by document (``qda.store.passages.by_document``), if known."""
    from ..store.passages import by_document, places_of, sentences_of
    from ..store.queries import iter_document_texts

    grouped = grouped if grouped is not None else by_document(spans)
    context = context if wanted & {"before", "after"} else 0
    places = [place for place, needed in (("turn", "speaker" in wanted or context > 0),
                                          ("paragraph", "paragraph" in wanted), ("time", "time" in wanted)) if needed]
    found = places_of(project, spans, places, grouped) if places else {}
    n = len(spans)
    turns = found.get("turn", [(None, None, None)] * n)
    inside = [t_start is not None and start < t_end for (_, start, _), (_, t_start, t_end) in zip(spans, turns)]
    columns: dict[str, list] = {
        "text": [""] * n, "before": [""] * n, "after": [""] * n, "line": [0] * n,
        "speaker": [str(speaker) if within else "" for (speaker, _, _), within in zip(turns, inside)],
        "paragraph": [max(count, 1) for count in found.get("paragraph", [1] * n)],
        "time": ["" if time is None else _timestamp(float(time)) for time in found.get("time", [None] * n)],
    }
    if wanted & {"text", "line", "before", "after"}:
        sentences = sentences_of(project, grouped) if context > 0 else {}
        lines = "line" in wanted
        texts, line_of, start_of = columns["text"], columns["line"], [start for _, start, _ in spans]
        for document_id, body in iter_document_texts(project, grouped):
            s_start, s_end = sentences.get(document_id, ([], []))
            line, counted = 1, 0  # lines are counted on from the passage before (by start), not from the top
            for i in sorted(grouped[document_id], key=start_of.__getitem__) if lines else grouped[document_id]:
                _, start, end = spans[i]
                texts[i] = body[start:end]
                if lines:
                    line += body.count("\n", counted, start)
                    line_of[i], counted = line, start
                if s_start:
                    floor, ceiling = turns[i][1:] if inside[i] else (0, len(body))
                    columns["before"][i], columns["after"][i] = _context(body, s_start, s_end, start, end, context,
                                                                        floor, ceiling)
    return {name: column for name, column in columns.items() if name in wanted}


def locate_passages(project, grouped: pd.DataFrame, context: int = 0) -> pd.DataFrame:
    """``grouped`` (rows with document_id, start, end) with the columns text, speaker, paragraph, line, time,
    before and after filled in, as ``locate`` finds them."""
    grouped = grouped.copy()
    spans = list(zip(grouped["document_id"].astype(str), grouped["start"].astype(int), grouped["end"].astype(int)))
    for name, column in locate(project, spans, context).items():
        grouped[name] = column
    return grouped


def _context(body: str, s_start: list[int], s_end: list[int], start: int, end: int, context: int,
             floor: int, ceiling: int) -> tuple[str, str]:
    """Up to ``context`` sentences before and after ``[start, end)``, inside ``[floor, ceiling)`` (the turn)."""
    first = bisect_right(s_end, start)
    last = bisect_left(s_start, end) - 1
    lo = max(first - context, 0)
    hi = min(max(last, first - 1) + context, len(s_start) - 1)
    while lo < first and s_start[lo] < floor:
        lo += 1
    while hi > last and s_end[hi] > ceiling:
        hi -= 1
    has_before = lo < len(s_start) and floor <= s_start[lo] < start
    has_after = 0 <= hi and end < s_end[hi] <= ceiling
    return (_clean(body[s_start[lo]:start]) if has_before else "", _clean(body[end:s_end[hi]]) if has_after else "")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- writers ---------------------------------------------------------------------------------------

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
            with temporary.open("w", encoding="utf-8") as handle:
                for record in public.to_dict(orient="records"):
                    handle.write(json.dumps(_jsonable(record), ensure_ascii=False) + "\n")
        elif suffix == ".md":
            temporary.write_text(_markdown(public, codebook, title, subtitle), encoding="utf-8")
        else:
            _docx(public, temporary, codebook, title, subtitle)
    return path


def _jsonable(record: dict) -> dict:
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in record.items()}


def _columns(frame: pd.DataFrame) -> dict[str, list]:
    """The frame's columns as lists of Python values, by name: rows are read by column name, since
    ``itertuples`` renames a field that is no Python name (an attribute "age group" or "class")."""
    return {name: frame[name].tolist() for name in frame.columns}


def _attributes(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in BASE_COLUMNS]


def _sections(frame: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """(code path, the positions of its quotes in ``frame``), the paths in order of their first quote
    and without a missing path, as ``frame.groupby("code_path", sort=False)`` groups them."""
    sections: dict[str, list[int]] = {}
    for at, path in enumerate(frame["code_path"].tolist()):
        if path is not None and path == path:
            sections.setdefault(path, []).append(at)
    return list(sections.items())


def _citations(columns: dict[str, list], attributes: list[str], between: str) -> list[str]:
    """Each quote's "REF{between}speaker (attribute value, ...); paragraph P, line L[, time]; coded by CODERS"."""
    extras = ([", ".join(f"{a} {value}" for a, value in zip(attributes, values) if value)
               for values in zip(*(columns[a] for a in attributes))] if attributes else repeat(""))
    return [f"{ref}{between}{speaker or 'unknown speaker'}" + (f" ({extra})" if extra else "")
            + f"; paragraph {paragraph}, line {line}" + (f", {time}" if time else "") + f"; coded by {coders}"
            for ref, speaker, extra, paragraph, line, time, coders in zip(
                columns["ref"], columns["speaker"], extras, columns["paragraph"], columns["line"], columns["time"],
                columns["coders"])]


def _markdown(frame: pd.DataFrame, codebook, title: str, subtitle: str) -> str:
    columns = _columns(frame)
    citations = _citations(columns, _attributes(frame), ", ")
    texts, before, after = columns["text"], columns["before"], columns["after"]
    memos = columns.get("memo") or [""] * len(frame)
    lines = [f"# {title or 'Quotes'}", ""]
    if subtitle:
        lines += [subtitle, ""]
    for path, rows in _sections(frame):
        lines += [f"## {path}", ""]
        definition = _definition(codebook, path)
        if definition:
            lines += [f"*{definition}*", ""]
        for i in rows:
            quote = f"“{texts[i]}”"
            if before[i]:
                quote = f"[…] {before[i]} **{quote}**"
            if after[i]:
                quote = f"{quote} {after[i]} […]"
            lines.append("> " + " ".join(quote.split("\n")))
            lines.append(f"> — {citations[i]}")
            lines.append("")
            if memos[i]:
                lines += [f"Memo: {memos[i]}", ""]
    return "\n".join(lines)


def _definition(codebook, path: str) -> str:
    if codebook is None:
        return ""
    code = codebook.find(path)
    return code.definition if code is not None else ""


W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# characters XML 1.0 cannot hold (C0 controls but tab and line breaks; U+FFFE, U+FFFF), but for NUL,
# which ``_xml_texts`` joins texts by after taking it out of them
_NOT_XML_BUT_NUL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def _xml_texts(texts: list) -> list[str]:
    """The ``<w:t>`` elements of a run of each text: its characters XML cannot hold left out, ``&<>``
    escaped (as ``xml.sax.saxutils.escape``), each line break a ``<w:br/>`` between two ``<w:t>``.
    Done on the texts joined by a NUL (taken out of any text holding one): a hundred thousand quotes
    are escaped by a few passes over one string rather than by calls a quote."""
    joined = "\0".join(map(str, texts))
    if joined.count("\0") != max(len(texts) - 1, 0):
        joined = "\0".join(str(text).replace("\0", "") for text in texts)
    joined = _NOT_XML_BUT_NUL.sub("", joined).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    body = joined.replace("\n", _LINE_BREAK).split("\0") if texts else []
    return [f'<w:t xml:space="preserve">{text}</w:t>' for text in body]


def _xml_run(text: str, style_id: str | None = None) -> str:
    return _xml_runs([text], style_id)[0]


def _xml_runs(texts: list, style_id: str | None = None) -> list[str]:
    """A run ``<w:r>`` of each text, in the character style ``style_id`` if given."""
    properties = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    return [f"<w:r>{properties}{body}</w:r>" for body in _xml_texts(texts)]


def _xml_paragraph(style_id: str | None, runs: str) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    return f"<w:p>{properties}{runs}</w:p>"


def _append_xml(document, chunks: list[str]) -> None:
    """The paragraphs ``chunks`` (WordprocessingML) parsed at once and put at the end of the body, before
    its section properties, in one move."""
    from lxml import etree

    body = document.element.body
    wrapper = etree.fromstring(f'<w:body xmlns:w="{W_NAMESPACE}">{"".join(chunks)}</w:body>')
    anchor = body.sectPr
    at = body.index(anchor) if anchor is not None else len(body)
    body[at:at] = list(wrapper)


def _quote_paragraphs(frame: pd.DataFrame, ids: dict[str, str]) -> list[str]:
    """Each quote's two paragraphs, as WordprocessingML: the quote (with its context in the style
    "Quote Context") and its reference (with its memo, if the frame holds memos)."""
    columns = _columns(frame)
    before, after, memos = columns["before"], columns["after"], columns.get("memo") or [""] * len(frame)
    context = ids["Quote Context"]
    before_runs = _xml_runs([f"[…] {text} " if text else "" for text in before], context)
    after_runs = _xml_runs([f" {text} […]" if text else "" for text in after], context)
    quote_runs = _xml_runs([f"“{text}”" for text in columns["text"]])
    citations = _xml_runs([f"{citation}; codes: {codes}" for citation, codes in
                           zip(_citations(columns, _attributes(frame), " — "), columns["codes"])])
    memo_runs = _xml_runs([f"Memo: {memo}" if memo else "" for memo in memos])
    block = f'<w:p><w:pPr><w:pStyle w:val="{ids["Quote Block"]}"/></w:pPr>'
    reference = f'<w:p><w:pPr><w:pStyle w:val="{ids["Quote Reference"]}"/></w:pPr>'
    return [f"{block}{b if has_before else ''}{quote}{a if has_after else ''}</w:p>"
            f"{reference}{citation}{'<w:r><w:br/></w:r>' + memo if has_memo else ''}</w:p>"
            for b, quote, a, citation, memo, has_before, has_after, has_memo in zip(
                before_runs, quote_runs, after_runs, citations, memo_runs, before, after, memos)]


def _docx(frame: pd.DataFrame, path: Path, codebook, title: str, subtitle: str) -> None:
    """A heading per code with its definition; each quote an indented block with its reference and speaker.

    Paragraphs take their look from named styles made once, and the quotes are written as
    WordprocessingML column by column and parsed at once (python-docx's add_paragraph costs ~1 ms
    each, and a call a quote ~10 µs): a hundred thousand quotes write in a few seconds, most of
    them python-docx's serialising and compressing of the package."""
    document = new_document({
        "Quote Block": {"indent": 1.0, "space_after": 2, "keep_with_next": True},
        "Quote Reference": {"left_indent": 1.0, "space_after": 10, "size": 9, "grey": 0x44},
        "Code Definition": {"italic": True, "space_after": 8},
    }, {"Quote Context": {"grey": 0x77}})
    styles = document.styles

    document.add_heading(title or "Quotes", level=0)
    if subtitle:
        document.add_paragraph(subtitle)
    ids = {name: styles[name].style_id for name in ("Quote Block", "Quote Reference", "Quote Context", "Code Definition")}
    heading = styles["Heading 1"].style_id
    quotes = _quote_paragraphs(frame, ids)
    chunks: list[str] = []
    for code_path, rows in _sections(frame):
        chunks.append(_xml_paragraph(heading, _xml_run(code_path)))
        definition = _definition(codebook, code_path)
        if definition:
            chunks.append(_xml_paragraph(ids["Code Definition"], _xml_run(definition)))
        chunks += map(quotes.__getitem__, rows)
    if frame.empty:
        chunks.append(_xml_paragraph(None, _xml_run("No quotes match this selection.")))
    _append_xml(document, chunks)
    describe(document, title or "Quotes")
    document.save(path)
