"""Importing transcripts and their attributes into a project.

Every file is read and segmented first (many files on every core); only if
all of them are good are they stored, in one transaction.  Re-importing a
file already in the project is a no-op that says so; a different text under
an existing name is refused unless the caller asks for it to come in as a new
document.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import IngestError
from ..model import NOT_IN_NAMES
from ..parallel import OrderedPool
from ..store.documents import DOCUMENT_COLUMNS
from ..text import canonical, count_words, free_name, sha256
from .. import user_patterns
from ..user_patterns import PatternTooSlow, RunBound
from . import chat, segment, speakers
from .language import guess_language, language_code
from .parsed import ParsedDocument
from .readers import SUFFIXES, read
from .resegment import settle_pipeline
from .tables import read_table

__all__ = ["ImportReport", "guess_language", "import_files", "language_code", "parse_file", "read_attributes"]

def parse_file(path: str | Path, name: str | None = None, language: str | None = None,
               speaker_pattern=None, trained: str | None = None,
               encoding: str | None = None) -> ParsedDocument:
    """Read, canonicalise and segment one transcript; what the researcher should check is in
    its ``warnings`` (tracked changes accepted, a dialogue without speakers found)."""
    path = Path(path)
    raw = read(path, encoding)
    text = canonical(raw.text)
    if not text.strip():
        raise IngestError(path, "the file holds no text")
    language = language or guess_language(text)
    spent = user_patterns.spent()
    try:
        turns, paragraphs, sentences = segment.segment(text, language, speaker_pattern, trained, raw.speakers)
    except PatternTooSlow as slow:
        raise IngestError(path, str(slow)) from None  # "... takes too long on this file; ..."
    spent = user_patterns.spent() - spent
    warnings = list(raw.warnings)
    if turns and (said := chat.summary(text)):
        warnings.append(said)
    written = [text[start:end].strip() for start, end in speakers.tool_lines(text)]
    for kept, whose in (([line for line in written if not speakers.page_chrome(line)], "the meeting's transcription tool wrote"),
                        ([line for line in written if speakers.page_chrome(line)], "of the web page copied with the transcript")):
        if kept:
            warnings.append(f"{len(kept)} line{'s' if len(kept) > 1 else ''} {whose} ({kept[0]!r}) "
                            "kept as text in no speaker's turn")
    if not turns and (lines := speakers.looks_like_dialogue(text)) >= 2:
        warnings.append(f"{lines} lines open like a speaker's turn, but no speaker label was recognised; "
                        "check the file, or give --speaker-pattern")
    return ParsedDocument(
        name=name or document_name(path), text=text, sha256=sha256(text), words=count_words(text), language=language,
        source=path.name, encoding=raw.encoding, turns=turns, sentences=sentences, paragraphs=paragraphs, cues=raw.cues,
        warnings=warnings, pattern_seconds=spent,
    )


def read_attributes(path: str | Path) -> dict[str, dict[str, str]]:
    """A CSV with a ``document`` column (name or file name) and one column per attribute:
    ``{document cell: {attribute: value}}``.  Delimiter, BOM and ragged rows: ``qda.ingest.tables``."""
    table = read_table(Path(path))
    if "document" not in table.columns:
        raise table.missing(["document"], "the first row must name the columns, one of them 'document'")
    clash = [c for c in table.columns if c in DOCUMENT_COLUMNS]
    if clash:
        raise IngestError(path, f"column(s) {', '.join(clash)} clash with qda's own document columns; rename them")
    result: dict[str, dict[str, str]] = {}
    for number, row in table.rows:
        name = row.pop("document")
        if not name:
            raise IngestError(path, f"line {number}: no document named")
        if name in result:
            raise IngestError(path, f"line {number}: document {name!r} appears twice")
        result[name] = row
    return result


def match_attributes(table: dict[str, dict[str, str]], names: Iterable[str],
                     path: str | Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """(``{document name: attributes}``, the cells that name no document).

    A cell names a document by its name ("P01.v2") or its file name ("P01.v2.txt"):
    it must match exactly one document, so a name with a dot never takes another's row."""
    names = set(names)
    matched: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    unmatched: list[str] = []
    for cell, values in table.items():
        candidates = {cell} & names
        stem, suffix = Path(cell).stem, Path(cell).suffix.lower()
        if suffix in SUFFIXES and stem in names:
            candidates.add(stem)
        if len(candidates) > 1:
            raise IngestError(path, f"document {cell!r} could be {' or '.join(sorted(map(repr, candidates)))}; "
                                    "name it exactly")
        if not candidates:
            unmatched.append(cell)
            continue
        name = candidates.pop()
        if name in owner:
            raise IngestError(path, f"rows {owner[name]!r} and {cell!r} both name document {name!r}")
        owner[name] = cell
        matched[name] = values
    return matched, sorted(unmatched)


def document_name(path: Path) -> str:
    """A transcript's document name: its file name without the suffix, NFC like every text in qda.
    macOS writes file names decomposed (``n`` + U+0303 for ``ñ``), and a zip or a copy from a Mac
    keeps them so: as it was, ``Entrevista_Señora`` matched no row of an attributes table typed
    elsewhere, nor the name typed in a command.  A control character (an escape code in a file name)
    is made a space: the name is printed in every table and message, where a terminal would obey it."""
    return NOT_IN_NAMES.sub(" ", unicodedata.normalize("NFC", path.stem))


@dataclass
class ImportReport:
    added: list[ParsedDocument] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    attributes_set: int = 0
    attributes_unmatched: list[str] = field(default_factory=list)


def import_files(project, paths: Iterable[str | Path], attributes: str | Path | None = None, language: str | None = None,
                 speaker_pattern: str | None = None, pipeline: str | None = None, as_new: bool = False,
                 progress: Callable[[str], None] | None = None, encoding: str | None = None,
                 checking: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Import transcripts (and attributes) into ``project``: all of them or none.

    ``progress`` is called with each file's name once it is read; ``encoding`` is the
    text files' encoding when the researcher knows it better than qda's guess.  ``checking`` is
    called with (document, done, total) as a project made before the ``pipeline`` setting has its stored
    documents split again, once, to find out what split them (``settle_pipeline``)."""
    pattern = segment.compile_speaker_pattern(speaker_pattern)
    settle_pipeline(project, pipeline, checking)  # a project made before the setting: find out what split it
    pipeline = project.sentence_pipeline(pipeline)  # the project's, so that its sentences split alike
    paths = [Path(path) for path in paths]
    for path in paths:
        if not path.is_file():
            raise IngestError(path, "no such file" if not path.exists() else "not a file")
    table, unmatched = {}, []
    if attributes:
        known = set(project.documents_frame()["name"]) | {document_name(path) for path in paths}
        table, unmatched = match_attributes(read_attributes(Path(attributes)), known, attributes)
    report = ImportReport()
    names_in_batch: set[str] = set()
    texts_in_batch: dict[str, str] = {}
    rows = [table.get(document_name(path), {}) for path in paths]
    bound = RunBound(pattern.pattern, len(paths)) if pattern is not None else None
    with OrderedPool(len(paths), prepare=segment.load_blank_pipelines) as pool:   # many files: read on every core
        for path, row in zip(paths, rows):
            doc_language = language or language_code(row.get("language", ""))
            pool.submit(parse_file, path, document_name(path), doc_language or None, pattern, pipeline, encoding)
        for path, row, parsed in zip(paths, rows, pool.finished(wait=True)):
            if bound:
                bound.add(parsed.pattern_seconds)  # nothing is stored yet: past the bound, nothing is
            if progress:
                progress(path.name)
            _admit(project, path, parsed, row, as_new, report, names_in_batch, texts_in_batch)
    if report.added:
        project.add_documents(report.added, pipeline)
    existing = {name for name in project.documents_frame()["name"]}
    pending = {name: values for name, values in table.items() if name in existing and name not in names_in_batch}
    report.attributes_unmatched = unmatched
    if pending:
        report.attributes_set = project.set_attributes(pending)
    report.attributes_set += sum(len(d.attributes) for d in report.added)
    return report


def _admit(project, path: Path, parsed: ParsedDocument, row: dict[str, str], as_new: bool, report: ImportReport,
           names_in_batch: set[str], texts_in_batch: dict[str, str]) -> None:
    """Add a parsed file to the report's documents, or to its skipped ones if its text is already there."""
    name = document_name(path)
    same_name, same_text = project.find_documents(name, parsed.sha256)
    if same_text is not None or parsed.sha256 in texts_in_batch:
        other = project.document(same_text).name if same_text else texts_in_batch[parsed.sha256]
        report.skipped.append((str(path), f"already imported as {other!r} (same text)"))
        return
    if same_name is not None or name in names_in_batch:
        if not as_new:
            raise IngestError(path, f"a different text named {name!r} is already in the project; "
                                    "import it with --as-new to keep both, or rename the file")
        parsed.name = free_name(name, set(project.documents_frame()["name"]) | names_in_batch)
    parsed.attributes = dict(row)
    names_in_batch.add(parsed.name)
    texts_in_batch[parsed.sha256] = parsed.name
    report.added.append(parsed)
