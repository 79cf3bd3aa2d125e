"""The seeded synthetic corpus every analysis benchmark builds (benchmarks/analysis.py, benchmarks/cli.py).

A 200-code codebook of 4 levels (5 x 3 x 3 x 3); documents of alternating interviewer and
participant turns (one paragraph each, 3 to 5 sentences of 8 to 14 words); two coders, and
codings of 1 to 3 sentences whose codes follow a Zipf-like law over the 135 leaves and, for
one coding in ten, their parents.  The same seed gives the same corpus, so a project built
once can be reopened later (``build`` on an existing path reads it instead of writing it).
"""

from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qda  # noqa: E402
from qda.ingest.parsed import ParsedDocument  # noqa: E402
from qda.model import Code, Codebook, Span, Turn  # noqa: E402
from qda.store.queries import insert_codings_unlogged  # noqa: E402
from qda.text import sha256  # noqa: E402

WORDS = ("police report family court shelter woman fear help office case file judge protection order violence "
         "support money time night station prosecutor psychologist lawyer community neighbour children home street "
         "hospital evidence statement complaint hearing delay paper law programme training trust money bus").split()


def make_codebook(rng: np.random.Generator) -> Codebook:
    codes: list[Code] = []

    def add(name: str, parent: str | None, position: int) -> str:
        code_id = str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | len(codes)))
        colour = "#%02X%02X%02X" % tuple(int(v) for v in rng.integers(40, 220, 3))
        codes.append(Code(code_id, name, parent, f"Definition of {name}.", "", "", "", colour, position))
        return code_id

    for a in range(5):
        root = add(f"Theme {a + 1}", None, a)
        for b in range(3):
            child = add(f"Theme {a + 1}.{b + 1}", root, b)
            for c in range(3):
                grandchild = add(f"Theme {a + 1}.{b + 1}.{c + 1}", child, c)
                for d in range(3):
                    add(f"Theme {a + 1}.{b + 1}.{c + 1}.{d + 1}", grandchild, d)
    return Codebook("Synthetic", "200 codes in 4 levels", tuple(codes))


@dataclass
class Corpus:
    """A built corpus: the qda project, qc's sentence lines of each document, and the codings by sentence."""
    label: str
    path: Path
    documents: list[str]                     # names
    lines: list[list[str]]                   # qc's lines of each document (sentences and blank lines)
    sentence_lines: list[list[int]]          # each sentence's line number (0-based) in qc's file
    codings: list[tuple[int, int, int, str, str]]  # document index, first sentence, last sentence, code name, coder


def make_transcript(number: int, rng: np.random.Generator, turns: tuple[int, int]) -> tuple[ParsedDocument, list[str], list[int]]:
    """One transcript of ``turns`` (low, high) turns of 3 to 5 sentences of 8 to 14 words: the
    document for qda, its lines for qc (one sentence a line, a blank line after each turn) and
    the line of each sentence."""
    parts: list[str] = []
    turn_spans: list[Turn] = []
    sentences: list[Span] = []
    lines: list[str] = []
    sentence_lines: list[int] = []
    offset = 0
    label = f"P{number:05d}"
    for turn_index in range(int(rng.integers(*turns))):
        speaker = "INTERVIEWER" if turn_index % 2 == 0 else label
        head = f"{speaker}: "
        start = offset
        offset += len(head)
        pieces = [head]
        for s in range(int(rng.integers(3, 6))):
            words = [WORDS[i] for i in rng.integers(0, len(WORDS), int(rng.integers(8, 15)))]
            sentence = " ".join(words).capitalize() + "."
            if s:
                pieces.append(" ")
                offset += 1
            sentences.append(Span(offset, offset + len(sentence)))
            sentence_lines.append(len(lines))
            lines.append((head if s == 0 else "") + sentence)
            pieces.append(sentence)
            offset += len(sentence)
        lines.append("")
        turn_spans.append(Turn(speaker, start, offset))
        parts.append("".join(pieces))
        parts.append("\n\n")
        offset += 2
    text = "".join(parts)
    document = ParsedDocument(
        name=f"{label}_synthetic", text=text, sha256=sha256(text), words=len(text.split()), language="en",
        source=f"{label}.txt", turns=turn_spans, sentences=sentences, paragraphs=[Span(t.start, t.end) for t in turn_spans],
        attributes={"role": ["police", "ngo", "judge", "shelter"][number % 4], "site": ["Lima Norte", "Ayacucho"][number % 2]})
    return document, lines, sentence_lines


def build(label: str, path: Path, documents: int, turns: tuple[int, int], codings: int, seed: int) -> Corpus:
    """Build (or reopen, when ``path`` exists: the seed makes the same corpus) a corpus."""
    rng = np.random.default_rng(seed)
    codebook = make_codebook(rng)
    exists = path.exists()
    started = time.perf_counter()
    corpus = Corpus(label, path, [], [], [], [])
    project = qda.open_project(path) if exists else qda.create_project(path, codebook)
    with project:
        codebook: Codebook = project.codebook
        leaves = [c.id for c in codebook.codes if not codebook.children(c.id)]
        weights = 1.0 / np.arange(1, len(leaves) + 1) ** 0.8
        weights /= weights.sum()
        coders = {"ana": project.coder("ana").id, "ben": project.coder("ben").id} if not exists else {}
        batch: list[ParsedDocument] = []
        ids: list[str] = []
        spans: list[list[Span]] = []
        for number in range(1, documents + 1):
            document, lines, sentence_lines = make_transcript(number, rng, turns)
            corpus.documents.append(document.name)
            corpus.lines.append(lines)
            corpus.sentence_lines.append(sentence_lines)
            spans.append(document.sentences)
            if not exists:
                batch.append(document)
            if len(batch) == 500:
                ids += project.add_documents(batch)
                batch = []
        if batch:
            ids += project.add_documents(batch)
        parents = {c.id: c.parent_id for c in codebook.codes}
        rows = []
        per_document = codings // documents
        stamp = 0
        for index in range(documents):
            n = len(spans[index])
            first = rng.integers(0, n, per_document)
            length = rng.integers(1, 4, per_document)
            code_pick = rng.choice(len(leaves), per_document, p=weights)
            parent_pick = rng.random(per_document) < 0.1
            coder_pick = rng.integers(0, 2, per_document)
            for f, span_length, c, up, who in zip(first, length, code_pick, parent_pick, coder_pick):
                last = min(f + span_length - 1, n - 1)
                code = parents[leaves[c]] if up else leaves[c]
                coder = ("ana", "ben")[who]
                corpus.codings.append((index, int(f), int(last), codebook.by_id[code].name, coder))
                stamp += 1
                coding_id = str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | stamp))  # drawn always: same stream
                if not exists:
                    rows.append((coding_id, ids[index], code,
                                 coders[coder], spans[index][f].start, spans[index][last].end,
                                 f"2025-01-01T00:00:00.{stamp:09d}", ""))
        if rows:
            insert_codings_unlogged(project, rows)
    words = sum(len(" ".join(lines).split()) for lines in corpus.lines)
    print(f"{label}: {documents:,} documents, {words:,} words, {len(corpus.codings):,} codings"
          + ("" if exists else f"; built in {time.perf_counter() - started:.0f} s"), flush=True)
    return corpus
