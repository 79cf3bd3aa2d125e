"""Quotes as Markdown: a section a code, each quote a block quote with its citation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quote_citations import attributes_of, cited, columns_of, definition_of, sections

if TYPE_CHECKING:
    import pandas as pd


def markdown(frame: pd.DataFrame, codebook, title: str, subtitle: str) -> str:
    columns = columns_of(frame)
    citations = cited(columns, attributes_of(frame), ", ")
    texts, before, after = columns["text"], columns["before"], columns["after"]
    memos = columns.get("memo") or [""] * len(frame)
    lines = [f"# {title or 'Quotes'}", ""]
    if subtitle:
        lines += [subtitle, ""]
    for path, rows in sections(frame):
        lines += [f"## {path}", ""]
        definition = definition_of(codebook, path)
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
