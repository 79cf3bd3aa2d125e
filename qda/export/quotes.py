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
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from ..analysis._select import check_attribute, check_coders, parse_where, resolve_codes, select_documents
from ..errors import QdaError
from ..files import PRIVATE, atomic_output
from ..references import short_names
from ..spreadsheet import write_csv
from ..store.queries import (
    coding_spans_of_documents, cues_frame, document_bodies, documents_table, documents_with_codes, turn_speakers,
    units_of_documents,
)
from .word import describe, new_document

QUOTE_FORMATS = (".docx", ".csv", ".md", ".jsonl")
BASE_COLUMNS = ["ref", "document", "number", "code", "code_path", "speaker", "paragraph", "line", "time", "coders",
                "codes", "memo", "text", "before", "after", "start", "end"]


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
    """
    codebook = project.codebook
    code_ids = resolve_codes(project, code, subtree=subtree)
    if not code_ids:
        raise QdaError("name the code whose quotes you want, e.g. --code \"Distrust of police\"")
    with_ids = resolve_codes(project, with_code) if with_code else None
    names = check_coders(project, coder)
    all_documents = documents_table(project)
    for attribute in attributes:
        check_attribute(all_documents, attribute, project)
    documents = select_documents(project, where)
    short = short_names(all_documents["name"])
    position = {d: i for i, d in enumerate(all_documents["id"])}
    document_name = dict(zip(all_documents["id"], all_documents["name"]))
    columns = BASE_COLUMNS + list(attributes)

    table = coding_spans_of_documents(project, documents_with_codes(project, code_ids))  # all the quotes need
    table = table.astype({"document_id": str, "code_id": str, "coder": str})
    selected = table[table["document_id"].isin(set(documents["id"]))] if parse_where(where) else table
    by_coder = selected[selected["coder"].isin(names)] if names else selected
    chosen = by_coder[by_coder["code_id"].isin(code_ids)]
    if with_ids is not None and len(chosen):
        partners = by_coder[by_coder["code_id"].isin(with_ids)][["document_id", "start", "end"]].drop_duplicates()
        hit, _ = _sharing(chosen, partners, position)
        chosen = chosen.iloc[np.unique(hit)]
    if chosen.empty:
        return pd.DataFrame(columns=columns)

    # one quote a (code, passage); several coders' codings of it are listed together
    keys = ["code_id", "document_id", "start", "end"]
    chosen = chosen.sort_values(keys + ["coder"])
    grouped = chosen.drop_duplicates(keys)[keys].reset_index(drop=True)
    passage = np.cumsum(~chosen.duplicated(keys).to_numpy()) - 1  # each coding's row in ``grouped``
    grouped["coders"] = _listed(passage, chosen["coder"], ", ")  # several coders of one passage: all of them
    grouped["memo"] = _listed(passage, chosen["memo"], " | ")
    # numbering: every distinct passage of the document, whatever its code or coder
    involved = set(grouped["document_id"])
    passages = table[table["document_id"].isin(involved)][["document_id", "start", "end"]].drop_duplicates()
    passages = passages.assign(_pos=passages["document_id"].map(position)).sort_values(["_pos", "start", "end"])
    passages["number"] = passages.groupby("_pos").cumcount() + 1
    grouped = grouped.merge(passages[["document_id", "start", "end", "number"]], on=["document_id", "start", "end"])
    order = {c: i for i, c in enumerate(code_ids)}
    paths = codebook.paths
    grouped["_code"] = grouped["code_id"].map(order)
    grouped["_pos"] = grouped["document_id"].map(position)
    grouped = grouped.sort_values(["_code", "_pos", "start", "end"]).reset_index(drop=True)
    grouped["document"] = grouped["document_id"].map(document_name)
    grouped["code_path"] = grouped["code_id"].map(paths)
    grouped["code"] = grouped["code_id"].map({c.id: c.name for c in codebook.codes})
    grouped["ref"] = [f"{short[d]}:{n}" for d, n in zip(grouped["document"], grouped["number"])]

    # the codes each quote carries: every code (of the chosen coders) with a coding sharing a character with it
    spans = grouped[["document_id", "start", "end"]].drop_duplicates().reset_index(drop=True)
    quote, coding = _sharing(spans, by_coder, position)
    code = pd.Categorical(by_coder["code_id"])
    code_paths = [paths[c] for c in code.categories]
    rank = np.argsort(np.argsort(np.array(code_paths, dtype=object), kind="stable"), kind="stable")
    carried = code.codes[coding]
    order = np.lexsort((rank[carried], quote))  # by quote, then by path
    spans["codes"] = _listed(quote[order], pd.Series(np.array(code_paths, dtype=object)[carried[order]]), "; ",
                             len(spans))
    grouped = grouped.merge(spans, on=["document_id", "start", "end"], how="left")

    grouped = locate_passages(project, grouped, context)
    if attributes:
        values = all_documents.set_index("id")
        for attribute in attributes:
            grouped[attribute] = grouped["document_id"].map(values[attribute]).fillna("")
    return grouped[columns]


def locate_passages(project, grouped: pd.DataFrame, context: int = 0) -> pd.DataFrame:
    """``grouped`` (rows with document_id, start, end) with the columns text, speaker, paragraph, line, time,
    before and after filled in: the passage's words, the speaker of the turn it starts in, its paragraph and
    line (from 1), its subtitle time, and up to ``context`` sentences around it within its turn."""
    grouped = grouped.copy()
    involved = set(grouped["document_id"])
    bodies = document_bodies(project, involved)
    turns = turn_speakers(project, involved)
    paragraphs = units_of_documents(project, "paragraph", involved)
    sentences = units_of_documents(project, "sentence", involved) if context > 0 else None
    cues = cues_frame(project, involved)

    def arrays(frame, *names):
        if frame is None:
            return {}
        frame = frame.astype({"document_id": str})
        columns = [frame[n].to_numpy() for n in names]
        return {d: tuple(c[rows] for c in columns) for d, rows in frame.groupby("document_id").indices.items()}

    by_turns = arrays(turns, "start", "end", "speaker")
    by_paragraphs = arrays(paragraphs, "start")
    by_sentences = arrays(sentences, "start", "end")
    by_cues = arrays(cues, "start", "time_start")

    n = len(grouped)
    texts, speaker, paragraph_no, line_no = [""] * n, [""] * n, [0] * n, [0] * n
    times, before, after = [""] * n, [""] * n, [""] * n
    all_starts, all_ends = grouped["start"].to_numpy(), grouped["end"].to_numpy()
    for document_id, rows in grouped.groupby("document_id", sort=False).indices.items():
        body = bodies[document_id]
        starts = all_starts[rows]
        ends = all_ends[rows]
        t_start, t_end, t_speaker = by_turns.get(document_id, (np.zeros(0, np.int64),) * 2 + (np.zeros(0, object),))
        turn_of = np.searchsorted(t_start, starts, side="right") - 1
        paras = np.searchsorted(by_paragraphs.get(document_id, (np.zeros(0, np.int64),))[0], starts, side="right")
        cue = by_cues.get(document_id)
        cue_of = np.searchsorted(cue[0], starts, side="right") - 1 if cue is not None else None
        sent = by_sentences.get(document_id)
        for k, (row, start, end) in enumerate(zip(rows, starts, ends)):
            start, end = int(start), int(end)
            texts[row] = body[start:end]
            line_no[row] = body.count("\n", 0, start) + 1
            paragraph_no[row] = int(max(paras[k], 1))
            t = int(turn_of[k])
            inside_turn = t >= 0 and start < t_end[t]
            if inside_turn:
                speaker[row] = str(t_speaker[t])
            if cue_of is not None and cue_of[k] >= 0:
                times[row] = _timestamp(float(cue[1][cue_of[k]]))
            if sent is not None and len(sent[0]):
                floor, ceiling = (int(t_start[t]), int(t_end[t])) if inside_turn else (0, len(body))
                before[row], after[row] = _context(body, sent[0], sent[1], start, end, context, floor, ceiling)
    grouped["text"], grouped["speaker"], grouped["paragraph"], grouped["line"] = texts, speaker, paragraph_no, line_no
    grouped["time"], grouped["before"], grouped["after"] = times, before, after
    return grouped


def _sharing(first: pd.DataFrame, second: pd.DataFrame, position: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (row of ``first``, row of ``second``) of spans of one document that share a
    character; both frames have document_id, start and end, ``position`` numbers the documents.

    Spans are laid end to end on one axis (document by document); for each span of ``first``
    only the spans of ``second`` that start less than the longest of them before it are
    looked at, not every span of its document."""
    if first.empty or second.empty:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    stride = int(max(first["end"].max(), second["end"].max())) + 1

    def axis(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        base = frame["document_id"].map(position).to_numpy(np.int64) * stride
        return base + frame["start"].to_numpy(np.int64), base + frame["end"].to_numpy(np.int64)

    a_start, a_end = axis(first)
    b_start, b_end = axis(second)
    order = np.argsort(b_start, kind="stable")
    b_start, b_end = b_start[order], b_end[order]
    low = np.searchsorted(b_start, a_start - int((b_end - b_start).max()), side="right")
    high = np.searchsorted(b_start, a_end, side="left")
    count = np.maximum(high - low, 0)
    a = np.repeat(np.arange(len(a_start)), count)
    b = np.repeat(low, count) + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    meet = b_end[b] > a_start[a]
    return a[meet], order[b[meet]]


def _listed(groups: np.ndarray, values: pd.Series, separator: str, size: int | None = None) -> list[str]:
    """The distinct non-empty values of each group (numbered 0 to ``size`` - 1 in ``groups``,
    by default up to the largest), in the order they come, joined by ``separator``: one plain
    pass however many groups."""
    size = (int(groups[-1]) + 1 if len(groups) else 0) if size is None else size
    distinct: list[dict[str, None]] = [{} for _ in range(size)]
    for group, value in zip(groups.tolist(), values.tolist()):
        if value:
            distinct[group][value] = None
    return [separator.join(found) for found in distinct]


def _context(body: str, s_start: np.ndarray, s_end: np.ndarray, start: int, end: int, context: int,
             floor: int, ceiling: int) -> tuple[str, str]:
    """Up to ``context`` sentences before and after ``[start, end)``, inside ``[floor, ceiling)`` (the turn)."""
    first = int(np.searchsorted(s_end, start, side="right"))
    last = int(np.searchsorted(s_start, end, side="left")) - 1
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


def _position(row) -> str:
    parts = [f"paragraph {row.paragraph}", f"line {row.line}"]
    if row.time:
        parts.append(row.time)
    return ", ".join(parts)


def _extra(row, attributes: list[str]) -> str:
    return ", ".join(f"{a} {getattr(row, a)}" for a in attributes if getattr(row, a, ""))


def _attributes(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in BASE_COLUMNS]


def _memo(row) -> str:
    return getattr(row, "memo", "") or ""


def _sections(frame: pd.DataFrame):
    for path, group in frame.groupby("code_path", sort=False):
        yield path, group


def _markdown(frame: pd.DataFrame, codebook, title: str, subtitle: str) -> str:
    attributes = _attributes(frame)
    lines = [f"# {title or 'Quotes'}", ""]
    if subtitle:
        lines += [subtitle, ""]
    for path, group in _sections(frame):
        lines += [f"## {path}", ""]
        definition = _definition(codebook, path)
        if definition:
            lines += [f"*{definition}*", ""]
        for row in group.itertuples(index=False):
            quote = f"“{row.text}”"
            if row.before:
                quote = f"[…] {row.before} **{quote}**"
            if row.after:
                quote = f"{quote} {row.after} […]"
            lines.append("> " + " ".join(quote.split("\n")))
            reference = f"> — {row.ref}, {row.speaker or 'unknown speaker'}"
            extra = _extra(row, attributes)
            lines.append(reference + (f" ({extra})" if extra else "") + f"; {_position(row)}; coded by {row.coders}")
            lines.append("")
            if _memo(row):
                lines += [f"Memo: {_memo(row)}", ""]
    return "\n".join(lines)


def _definition(codebook, path: str) -> str:
    if codebook is None:
        return ""
    code = codebook.find(path)
    return code.definition if code is not None else ""


W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_NOT_XML.sub("", str(text)))


def _xml_run(text: str, style_id: str | None = None) -> str:
    properties = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    parts = str(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{_xml_text(part)}</w:t>' for part in parts)
    return f"<w:r>{properties}{body}</w:r>"


def _xml_paragraph(style_id: str | None, runs: str) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    return f"<w:p>{properties}{runs}</w:p>"


def _append_xml(document, chunks: list[str]) -> None:
    from lxml import etree

    body = document.element.body
    wrapper = etree.fromstring(f'<w:body xmlns:w="{W_NAMESPACE}">{"".join(chunks)}</w:body>')
    anchor = body.sectPr
    for element in list(wrapper):
        if anchor is not None:
            anchor.addprevious(element)
        else:
            body.append(element)


def _docx(frame: pd.DataFrame, path: Path, codebook, title: str, subtitle: str) -> None:
    """A heading per code with its definition; each quote an indented block with its reference and speaker.

    Paragraphs take their look from named styles made once, so that ten
    thousand quotes write in a few seconds."""
    document = new_document({
        "Quote Block": {"indent": 1.0, "space_after": 2, "keep_with_next": True},
        "Quote Reference": {"left_indent": 1.0, "space_after": 10, "size": 9, "grey": 0x44},
        "Code Definition": {"italic": True, "space_after": 8},
    }, {"Quote Context": {"grey": 0x77}})
    styles = document.styles

    document.add_heading(title or "Quotes", level=0)
    if subtitle:
        document.add_paragraph(subtitle)
    # The quotes are written as WordprocessingML in one string and parsed once:
    # python-docx's add_paragraph costs ~1 ms each, too slow for ten thousand quotes.
    ids = {name: styles[name].style_id for name in ("Quote Block", "Quote Reference", "Quote Context", "Code Definition")}
    heading = styles["Heading 1"].style_id
    attributes = _attributes(frame)
    chunks: list[str] = []
    for code_path, group in _sections(frame):
        chunks.append(_xml_paragraph(heading, _xml_run(code_path)))
        definition = _definition(codebook, code_path)
        if definition:
            chunks.append(_xml_paragraph(ids["Code Definition"], _xml_run(definition)))
        for row in group.itertuples(index=False):
            runs = []
            if row.before:
                runs.append(_xml_run(f"[…] {row.before} ", ids["Quote Context"]))
            runs.append(_xml_run(f"“{row.text}”"))
            if row.after:
                runs.append(_xml_run(f" {row.after} […]", ids["Quote Context"]))
            chunks.append(_xml_paragraph(ids["Quote Block"], "".join(runs)))
            extra = _extra(row, attributes)
            line = f"{row.ref} — {row.speaker or 'unknown speaker'}" + (f" ({extra})" if extra else "")
            line += f"; {_position(row)}; coded by {row.coders}; codes: {row.codes}"
            reference = _xml_run(line)
            if _memo(row):
                reference += "<w:r><w:br/></w:r>" + _xml_run(f"Memo: {_memo(row)}")
            chunks.append(_xml_paragraph(ids["Quote Reference"], reference))
    if frame.empty:
        chunks.append(_xml_paragraph(None, _xml_run("No quotes match this selection.")))
    _append_xml(document, chunks)
    describe(document, title or "Quotes")
    document.save(path)
