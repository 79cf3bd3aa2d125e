"""Building small projects for agreement tests without spaCy: documents with given sentences."""

from __future__ import annotations

from pathlib import Path

import qda
from qda.ingest.parsed import ParsedDocument
from qda.model import Span
from qda.text import count_words, sha256


def parsed(name: str, sentences: list[str]) -> ParsedDocument:
    """A document whose sentences (and paragraphs and turns) are the given strings, one per line."""
    text = "\n".join(sentences) + "\n"
    spans, at = [], 0
    for sentence in sentences:
        spans.append(Span(at, at + len(sentence)))
        at += len(sentence) + 1
    return ParsedDocument(name=name, text=text, sha256=sha256(text), words=count_words(text), language="en",
                          source=f"{name}.txt", sentences=spans, paragraphs=list(spans))


def make_project(path: Path, documents: dict[str, list[str]], codes: list[str]):
    project = qda.create_project(path)
    project.add_documents([parsed(name, sentences) for name, sentences in documents.items()])
    for code in codes:
        *parents, name = [p.strip() for p in code.split(">")]
        project.add_code(name, " > ".join(parents) or None)
    return project
