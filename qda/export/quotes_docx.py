"""Quotes as a Word document (.docx): a heading a code, each quote an indented block with its reference,
written as WordprocessingML a column at a time."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .quote_citations import attributes_of, cited, columns_of, definition_of, sections
from .word import describe, new_document

if TYPE_CHECKING:
    import pandas as pd


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
    columns = columns_of(frame)
    before, after, memos = columns["before"], columns["after"], columns.get("memo") or [""] * len(frame)
    context = ids["Quote Context"]
    before_runs = _xml_runs([f"[…] {text} " if text else "" for text in before], context)
    after_runs = _xml_runs([f" {text} […]" if text else "" for text in after], context)
    quote_runs = _xml_runs([f"“{text}”" for text in columns["text"]])
    citations = _xml_runs([f"{citation}; codes: {codes}" for citation, codes in
                           zip(cited(columns, attributes_of(frame), " — "), columns["codes"])])
    memo_runs = _xml_runs([f"Memo: {memo}" if memo else "" for memo in memos])
    block = f'<w:p><w:pPr><w:pStyle w:val="{ids["Quote Block"]}"/></w:pPr>'
    reference = f'<w:p><w:pPr><w:pStyle w:val="{ids["Quote Reference"]}"/></w:pPr>'
    return [f"{block}{b if has_before else ''}{quote}{a if has_after else ''}</w:p>"
            f"{reference}{citation}{'<w:r><w:br/></w:r>' + memo if has_memo else ''}</w:p>"
            for b, quote, a, citation, memo, has_before, has_after, has_memo in zip(
                before_runs, quote_runs, after_runs, citations, memo_runs, before, after, memos)]


def write_docx(frame: pd.DataFrame, path: Path, codebook, title: str, subtitle: str) -> None:
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
    for code_path, rows in sections(frame):
        chunks.append(_xml_paragraph(heading, _xml_run(code_path)))
        definition = definition_of(codebook, code_path)
        if definition:
            chunks.append(_xml_paragraph(ids["Code Definition"], _xml_run(definition)))
        chunks += map(quotes.__getitem__, rows)
    if frame.empty:
        chunks.append(_xml_paragraph(None, _xml_run("No quotes match this selection.")))
    _append_xml(document, chunks)
    describe(document, title or "Quotes")
    document.save(path)
