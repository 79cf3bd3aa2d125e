"""Documents of a project: their text, speaker turns, sentence and paragraph units, cues,
attributes and done marks.  A document's text never changes after import."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from ..errors import IngestError, NotFoundError, QdaError
from ..model import SEGMENTER, Coder, Cue, Document, Span, Turn, names_apart
from ..rows import Rows
from . import actions
from .actions import now
from .core import ProjectCore, new_id
from .units import bounds_blob, store_unit_bounds
from .words import store_word_starts

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import pandas as pd
    from ..ingest.parsed import ParsedDocument

DOCUMENT_COLUMNS = ("id", "name", "words", "text_language", "source", "imported", "codings", "speakers", "done_by")
UNIT_TABLES = {"sentence": "sentences", "paragraph": "paragraphs", "turn": "turns"}


class Documents(ProjectCore):
    """The documents part of a Project (see ``qda.store.project``)."""

    def _document_row(self, ref: str) -> tuple:
        select = "SELECT id, name, body, sha256, words, language, source, imported FROM documents WHERE "
        row = self._db.execute(select + "id = ? OR name = ?", (ref, ref)).fetchone()
        if row is None:  # a reference ("P07"), or the error that names the project and the listing
            row = self._db.execute(select + "id = ?", (self.document_id(ref),)).fetchone()
        return row

    def document(self, ref: str | Document) -> Document:
        """A document with its text and attributes, by id, name or reference ("P07")."""
        row = self._document_row(ref.id if isinstance(ref, Document) else ref)
        return Document(*row, attributes=self.attributes(row[0]))

    def documents(self) -> list[Document]:
        """Every document with its text, in import order."""
        attributes = self._all_attributes()
        return [
            Document(*row, attributes=attributes.get(row[0], {}))
            for row in self._rows(
                "SELECT id, name, body, sha256, words, language, source, imported FROM documents ORDER BY position"
            )
        ]

    def document_id(self, ref: str | Document) -> str:
        """The id of the document ``ref`` names: its id, its name, or its reference ("P07", as listings and
        quotes cite it: ``qda.references``), which every command that takes a document accepts.
        Raises NotFoundError naming the project and the listing."""
        if isinstance(ref, Document):
            return ref.id
        row = self._db.execute("SELECT id FROM documents WHERE id = ? OR name = ?", (ref, ref)).fetchone()
        if row is None:
            row = self._document_by_reference(ref)
        if row is None:
            raise NotFoundError(f"no document {ref!r} in {self.path} (see `qda documents {self.path}` for names "
                                "and references)")
        return row[0]

    def _document_by_reference(self, ref: str) -> tuple[str] | None:
        """(id,) of the document whose reference is ``ref``, or None; references are unique in a project."""
        from ..references import short_names

        documents = self._db.execute("SELECT id, name FROM documents ORDER BY position").fetchall()
        short = short_names(name for _, name in documents)
        return next(((document_id,) for document_id, name in documents if short[name] == ref), None)

    def attributes(self, document_id: str) -> dict[str, str]:
        return dict(self._rows("SELECT name, value FROM document_attributes WHERE document_id = ? ORDER BY name", (document_id,)))

    def _all_attributes(self) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {}
        for document_id, name, value in self._rows("SELECT document_id, name, value FROM document_attributes ORDER BY name"):
            result.setdefault(document_id, {})[name] = value
        return result

    def set_attributes(self, values: Mapping[str, Mapping[str, str]]) -> int:
        """Set attributes of documents by name: ``{document: {attribute: value}}``, all or nothing."""
        clash = sorted({n for a in values.values() for n in a if n in DOCUMENT_COLUMNS})
        if clash:
            raise QdaError(f"attribute name(s) {', '.join(clash)} clash with qda's own document columns; rename them")
        with self._transaction():
            count = 0
            for ref, attributes in values.items():
                document_id = self.document_id(ref)
                for name, value in attributes.items():
                    self._db.execute(
                        "INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?) "
                        "ON CONFLICT (document_id, name) DO UPDATE SET value = excluded.value",
                        (document_id, name, str(value)),
                    )
                    count += 1
        return count

    def find_documents(self, name: str, sha256: str) -> tuple[str | None, str | None]:
        """(id of a document with this name, id of a document with this text)."""
        by_name = self._db.execute("SELECT id, sha256 FROM documents WHERE name = ?", (name,)).fetchone()
        by_text = self._db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return (by_name[0] if by_name else None, by_text[0] if by_text else None)

    def add_documents(self, parsed: Iterable["ParsedDocument"], pipeline: str | None = None) -> list[str]:
        """Store parsed documents in one transaction: all of them, or none if one fails.  ``pipeline`` is
        the trained spaCy pipeline their sentences were split by (None: the built-in sentencizer), recorded
        as the project's (``sentence_pipeline``) so that the next import and resegment split alike."""
        with self._transaction():
            added = [self._insert_document(document) for document in parsed]
            if added:
                self.set_setting("pipeline", pipeline or "")
            return added

    def sentence_pipeline(self, asked: str | None = None) -> str | None:
        """The trained spaCy pipeline to split this project's sentences by (None: the built-in sentencizer).

        ``asked`` is the one a command names (``--pipeline``).  Unnamed, the project's recorded one; named,
        it must be the recorded one while the project holds documents, for sentences split by two rules
        would count one text two ways (co-occurrence, agreement and queries by sentence).  A project of
        before the setting was kept has none recorded: then what is asked goes.  Raises QdaError."""
        recorded = self._db.execute("SELECT value FROM project WHERE key = 'pipeline'").fetchone()
        if recorded is None or self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
            return asked or None
        if asked is None or asked == recorded[0]:
            return recorded[0] or None
        were = f"the trained pipeline {recorded[0]!r}" if recorded[0] else "the built-in sentencizer"
        again = f"--pipeline {recorded[0]}" if recorded[0] else "no --pipeline"
        raise QdaError(f"{self.path}: its documents' sentences were split by {were}; import with {again}, or split "
                       f"them all by {asked!r} first: `qda resegment {self.path} --pipeline {asked}`")

    def pipeline_unrecorded(self) -> bool:
        """Whether this project holds documents but not the pipeline that split their sentences: it was
        made before qda kept the setting (``qda.ingest.resegment.settle_pipeline`` finds it out)."""
        return (self._db.execute("SELECT 1 FROM project WHERE key = 'pipeline'").fetchone() is None
                and self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None)

    def _insert_document(self, document: "ParsedDocument") -> str:
        """Insert one document with its units and attributes, inside the caller's transaction."""
        position = self._db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents").fetchone()[0]
        document_id = document.id or new_id()
        try:
            self._db.execute(
                "INSERT INTO documents (id, name, body, sha256, words, chars, language, source, imported, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, document.name, document.text, document.sha256, document.words, len(document.text),
                 document.language, document.source, document.imported or now(), position),
            )
        except sqlite3.IntegrityError as error:
            raise IngestError(document.source or document.name, f"a document named {document.name!r} already exists") from error
        if position == 1:  # the project's sentences are this qda's until it holds another's (``segmenter``)
            self.set_setting("segmenter", str(SEGMENTER))
        store_word_starts(self._db, document_id, document.text)
        self._db.executemany(
            "INSERT INTO turns (document_id, idx, speaker, start_offset, end_offset) VALUES (?, ?, ?, ?, ?)",
            [(document_id, i, t.speaker, t.start, t.end) for i, t in enumerate(document.turns)],
        )
        for table, spans in (("sentences", document.sentences), ("paragraphs", document.paragraphs)):
            self._db.executemany(
                f"INSERT INTO {table} (document_id, idx, start_offset, end_offset) VALUES (?, ?, ?, ?)",
                [(document_id, i, s.start, s.end) for i, s in enumerate(spans)],
            )
        store_unit_bounds(self._db, document_id, {"sentence": document.sentences, "paragraph": document.paragraphs,
                                                  "turn": document.turns})
        self._db.executemany(
            "INSERT INTO cues (document_id, idx, start_offset, end_offset, time_start, time_end) VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, i, c.start, c.end, c.time_start, c.time_end) for i, c in enumerate(document.cues)],
        )
        self._db.executemany(
            "INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?)",
            [(document_id, k, v) for k, v in document.attributes.items()],
        )
        actions.log(self._db, None, "import", f"imported {document.name} ({document.words} words) from {document.source}")
        return document_id

    def older_segmenter(self) -> int | None:
        """The number of the rules (``qda.model.SEGMENTER``) this project's sentences were split by when
        older than this qda's, else None: a project without the setting was made before it was kept (1)."""
        value = self.setting("segmenter")
        stored = int(value) if value.isdigit() else 1  # none, or not a number: the oldest
        if stored >= SEGMENTER or self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
            return None
        return stored

    def replace_sentences(self, sentences: Mapping[str, list[Span]], summary: str, pipeline: str | None = None) -> None:
        """Store documents' sentences split again (``{document id: spans in text order}``) and mark the
        project's sentences as this qda's, split by ``pipeline`` (None: the built-in sentencizer), in one
        transaction (``qda.ingest.resegment``).  Codings are offsets of the text: they stay as they are."""
        with self._transaction():
            for document_id, spans in sentences.items():
                self._db.execute("DELETE FROM sentences WHERE document_id = ?", (document_id,))
                self._db.executemany(
                    "INSERT INTO sentences (document_id, idx, start_offset, end_offset) VALUES (?, ?, ?, ?)",
                    [(document_id, i, span.start, span.end) for i, span in enumerate(spans)])
                self._db.execute("UPDATE unit_bounds SET bounds = ? WHERE document_id = ? AND unit = 'sentence'",
                                 (bounds_blob(spans), document_id))
            self.set_setting("segmenter", str(SEGMENTER))
            self.set_setting("pipeline", pipeline or "")
            actions.log(self._db, None, "resegment", summary)

    def turns(self, document: str | Document) -> list[Turn]:
        return [Turn(*row) for row in self._rows(
            "SELECT speaker, start_offset, end_offset FROM turns WHERE document_id = ? ORDER BY idx", (self.document_id(document),))]

    def units(self, document: str | Document, unit: str) -> list[Span]:
        """Spans of ``unit`` ("sentence", "paragraph", "turn" or "document") in document order."""
        document_id = self.document_id(document)
        if unit == "document":
            length = self._db.execute("SELECT chars FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
            return [Span(0, length)]
        if unit not in UNIT_TABLES:
            raise QdaError(f"unknown unit {unit!r}: use sentence, paragraph, turn or document")
        return [Span(*row) for row in self._rows(
            f"SELECT start_offset, end_offset FROM {UNIT_TABLES[unit]} WHERE document_id = ? ORDER BY idx", (document_id,))]

    def cues(self, document: str | Document) -> list[Cue]:
        return [Cue(*row) for row in self._rows(
            "SELECT start_offset, end_offset, time_start, time_end FROM cues WHERE document_id = ? ORDER BY idx",
            (self.document_id(document),))]

    def units_frame(self, unit: str) -> pd.DataFrame:
        """Every ``unit`` span of every document: columns document_id, idx, start, end."""
        import pandas as pd

        if unit == "document":
            rows = self._rows("SELECT id, 0, 0, chars FROM documents ORDER BY position")
        elif unit in UNIT_TABLES:
            rows = self._rows(f"SELECT document_id, idx, start_offset, end_offset FROM {UNIT_TABLES[unit]} ORDER BY document_id, idx")
        else:
            raise QdaError(f"unknown unit {unit!r}: use sentence, paragraph, turn or document")
        return pd.DataFrame(rows, columns=["document_id", "idx", "start", "end"])

    def documents_frame(self) -> pd.DataFrame:
        """One row a document (no text): the ``DOCUMENT_COLUMNS`` and one column per attribute.

        ``text_language`` is the language used to split sentences; an attribute
        may be called ``language`` too (the interview's language, say)."""
        return self.document_rows().frame()

    def document_rows(self) -> Rows:
        """The rows of ``documents_frame``, without pandas (for ``qda documents``)."""
        rows = self._rows(
            "SELECT d.id, d.name, d.words, d.language, d.source, d.imported, "
            "(SELECT COUNT(*) FROM codings c WHERE c.document_id = d.id), "
            "(SELECT GROUP_CONCAT(name, '\n') FROM (SELECT t.speaker AS name FROM turns t WHERE t.document_id = d.id "
            "  GROUP BY t.speaker ORDER BY MIN(t.idx)) AS s), "
            "(SELECT GROUP_CONCAT(name, '\n') FROM (SELECT k.name FROM progress p JOIN coders k ON k.id = p.coder_id "
            "  WHERE p.document_id = d.id ORDER BY k.name) AS n) "
            "FROM documents d ORDER BY d.position"
        )
        attributes = self._all_attributes()
        names = sorted({name for values in attributes.values() for name in values})
        return Rows(list(DOCUMENT_COLUMNS) + names,
                    [(*row[:7], _joined(row[7]), _joined(row[8]), *(attributes.get(row[0], {}).get(name, "") for name in names))
                     for row in rows])

    def document_names(self) -> list[tuple[str, str]]:
        """(id, name) of every document, in import order."""
        return self._rows("SELECT id, name FROM documents ORDER BY position")

    def document_listing(self) -> Rows:
        """One row a document in import order, without counts: id, name, words, language, and one column
        per attribute ("" where a document lacks it; an attribute named like one of the first four
        columns is left out, so ``language`` is the text's)."""
        rows = self._rows("SELECT id, name, words, language FROM documents ORDER BY position")
        attributes = self._all_attributes()
        columns = ["id", "name", "words", "language"]
        names = [n for n in sorted({n for values in attributes.values() for n in values}) if n not in columns]
        return Rows(columns + names, [(*row, *(attributes.get(row[0], {}).get(n, "") for n in names)) for row in rows])

    def set_done(self, document: str | Document, coder: str | Coder, done: bool = True) -> None:
        """Mark (or unmark) a document as fully coded by ``coder``; undoable."""
        document_id, coder_id = self.document_id(document), self._coder_id(coder)
        row = self._db.execute("SELECT done FROM progress WHERE document_id = ? AND coder_id = ?", (document_id, coder_id)).fetchone()
        if bool(row) == done:
            return
        progress_row = {"document_id": document_id, "coder_id": coder_id, "done": row[0] if row else now()}
        op = actions.insert("progress", progress_row) if done else actions.delete("progress", progress_row)
        with self._transaction():
            name = self._db.execute("SELECT name FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
            actions.record(self._db, coder_id, "progress", f"{'mark' if done else 'unmark'} {name} as done", [op])

    def done_documents(self, coder: str | Coder) -> set[str]:
        return {row[0] for row in self._rows(
            "SELECT p.document_id FROM progress p JOIN coders k ON k.id = p.coder_id WHERE k.name = ? OR k.id = ?",
            (coder.name if isinstance(coder, Coder) else coder,) * 2)}

    def iter_document_bodies(self) -> Iterator[tuple[str, str]]:
        """(document id, text) pairs without holding every text at once."""
        for row in self._db.execute("SELECT id, body FROM documents ORDER BY position"):
            yield row[0], row[1]


def _joined(names: str | None) -> str:
    """Names read one a line (a label or a coder's name holds no line break) joined by "," as listings
    always have, or by "; " when one of them holds a comma (``names_apart``)."""
    return names_apart(names.split("\n"), ",") if names else ""
