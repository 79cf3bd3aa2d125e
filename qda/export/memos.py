"""Memos for reading and sharing: every memo with what it is on, as .docx or Markdown.

Takes the table of ``qda.analysis.memos.memos`` (documents already cited by
short name unless the caller asked for names) and writes it whole, readable
by its owner only unless asked otherwise.  One section a kind (the project,
documents, codes, coded passages); each memo under a heading naming what it is
on, with its coder and date, and a coded passage's text quoted above its memo.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import QdaError
from ..files import PRIVATE, atomic_output
from .word import describe, new_document

MEMO_FORMATS = (".docx", ".md")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters a .docx cannot hold
SECTIONS = {"project": "On the project", "document": "On documents", "code": "On codes", "coding": "On coded passages"}


def write_memos(frame: pd.DataFrame, path: str | Path, title: str = "Memos", subtitle: str = "",
                mode: int = PRIVATE) -> Path:
    """Write the memos of ``frame`` to ``path`` (.docx or .md, by its suffix), whole, with permissions ``mode``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEMO_FORMATS:
        raise QdaError(f"{path}: cannot write memos as {suffix or 'a file without suffix'!r}; use .docx or .md")
    with atomic_output(path, mode) as temporary:
        if suffix == ".md":
            temporary.write_text(markdown(frame, title, subtitle), encoding="utf-8")
        else:
            _docx(frame, temporary, title, subtitle)
    return path


def _when(row) -> str:
    """"2026-11-30 15:18", and "(edited 2026-12-01 09:02)" when it was changed later."""
    created, modified = str(row.created)[:16].replace("T", " "), str(row.modified)[:16].replace("T", " ")
    return created + (f" (edited {modified})" if modified and modified != created else "")


def _sections(frame: pd.DataFrame):
    for kind, heading in SECTIONS.items():
        group = frame[frame["kind"] == kind]
        if len(group):
            yield heading, group


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def markdown(frame: pd.DataFrame, title: str = "Memos", subtitle: str = "") -> str:
    lines = [f"# {title}", ""]
    if subtitle:
        lines += [subtitle, ""]
    if frame.empty:
        lines += ["No memos match this selection.", ""]
    for heading, group in _sections(frame):
        lines += [f"## {heading}", ""]
        for row in group.itertuples(index=False):
            lines += [f"### {row.attached_to}", "", f"*{row.coder}, {_when(row)}*", ""]
            if row.passage:
                lines += ["> " + " ".join(f"“{row.passage}”".split()), ""]
            for paragraph in _paragraphs(row.memo):
                lines += [paragraph.replace("\n", "  \n"), ""]
    return "\n".join(lines)


def _docx(frame: pd.DataFrame, path: Path, title: str, subtitle: str) -> None:
    document = new_document({
        "Memo Meta": {"size": 9, "grey": 0x55, "space_after": 4},
        "Memo Passage": {"italic": True, "indent": 1.0, "space_after": 6},
    })

    document.add_heading(title, level=0)
    if subtitle:
        document.add_paragraph(subtitle)
    if frame.empty:
        document.add_paragraph("No memos match this selection.")
    def clean(text: str) -> str:
        return NOT_XML.sub(" ", text)

    for heading, group in _sections(frame):
        document.add_heading(heading, level=1)
        for row in group.itertuples(index=False):
            document.add_heading(clean(row.attached_to), level=2)
            document.add_paragraph(clean(f"{row.coder}, {_when(row)}"), style="Memo Meta")
            if row.passage:
                document.add_paragraph(clean(f"“{row.passage}”"), style="Memo Passage")
            for paragraph in _paragraphs(row.memo):
                document.add_paragraph(clean(paragraph))
    describe(document, title)
    document.save(path)
