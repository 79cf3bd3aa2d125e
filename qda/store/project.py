"""The Project: the one object through which everything reads and writes a project file.

All SQL of qda lives in ``qda.store``.  Each method that changes the project
is one transaction; those a coder makes are logged as undoable actions
(``qda.store.actions``).  Methods accept documents by name or id and codes by
path, unique name or id, so scripts can use the names researchers see.
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from ..errors import CodebookError, CodingError, IngestError, NotFoundError, ProjectError, QdaError
from ..files import atomic_output
from ..model import COLOUR, Code, Codebook, Coder, Coding, Cue, Document, Span, Turn, join_path, split_path
from . import actions
from .actions import now
from .connection import create_file, database_problem, open_file, snapshot, transaction
from .location import ServerUrl, connect_string, is_server
from .queries import turn_speakers

if TYPE_CHECKING:
    from ..ingest.parsed import ParsedDocument

CODE_FIELDS = ("name", "definition", "when_to_use", "when_not_to_use", "example", "colour")
CODING_COLUMNS = ("id", "document_id", "code_id", "coder_id", "start_offset", "end_offset", "created", "memo")
DOCUMENT_COLUMNS = ("id", "name", "words", "text_language", "source", "imported", "codings", "speakers", "done_by")
UNIT_TABLES = {"sentence": "sentences", "paragraph": "paragraphs", "turn": "turns"}


def new_id() -> str:
    return str(uuid.uuid4())


def check_code_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise CodebookError("a code needs a name")
    if ">" in name:
        raise CodebookError(f"code name {name!r} may not contain '>', which separates the levels of a path")
    return name


def check_colour(colour: str) -> str:
    if colour and not COLOUR.match(colour):
        raise CodebookError(f"colour {colour!r} is not of the form #RRGGBB")
    return colour.upper()


def _named(error: ProjectError, temporary: Path, path: Path) -> ProjectError:
    """The error with the temporary file's name replaced by the name the user gave."""
    text = str(error).replace(str(temporary.absolute()), str(path)).replace(str(temporary), str(path))
    return ProjectError(text)


class Project:
    """An open project: a file, or a team's project on a PostgreSQL server (``postgresql://`` URL).
    Use ``qda.open_project`` or ``qda.create_project``.

    ``path`` names the project in messages (a server's URL without its password); ``location``
    is what opens it again (another connection of the app, a worker)."""

    def __init__(self, path: Path | str, connection: sqlite3.Connection, location: Path | str | None = None):
        self.path = path
        self.location = path if location is None else location
        self._db = connection

    @property
    def on_server(self) -> bool:
        return getattr(self._db, "engine", "sqlite") == "postgresql"

    # -- life cycle -------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, name: str = "", description: str = "") -> "Project":
        """A new, empty project at ``path``, open."""
        with cls.build(path, name, description):
            pass
        return cls.open(path)

    @classmethod
    @contextmanager
    def build(cls, path: str | Path, name: str = "", description: str = "") -> Iterator["Project"]:
        """A new project to fill inside the block, under a temporary name beside ``path``; when
        the block ends it is closed and renamed to ``path``, so that a kill or an error leaves
        no project, never a half-made one (see ``qda.files.atomic_output``).  On a server the
        whole build is one transaction: an error leaves the database as it was."""
        if is_server(path):
            with cls._build_on_server(connect_string(path), name, description) as project:
                yield project
            return
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: a file is already there; choose another name or remove it first")
        with atomic_output(path, replace=False, create=False) as temporary:
            try:
                connection = create_file(temporary)
            except ProjectError as error:
                raise _named(error, temporary, path) from error
            project = cls(path, connection)  # the name it will have, for messages
            try:
                with transaction(connection):
                    for key, value in (("name", name or path.stem), ("description", description), ("created", now())):
                        connection.execute("INSERT INTO project (key, value) VALUES (?, ?)", (key, value))
                yield project
            except ProjectError as error:
                raise _named(error, temporary, path) from error
            except sqlite3.DatabaseError as error:
                raise ProjectError(f"{path}: cannot be written ({database_problem(error, temporary)}); "
                                   "nothing was created") from error
            finally:
                project.close()

    @classmethod
    @contextmanager
    def _build_on_server(cls, url: str, name: str, description: str) -> Iterator["Project"]:
        from .server import create_server

        connection = create_server(url)  # inside its write transaction
        project = cls(ServerUrl(url), connection, url)
        try:
            for key, value in (("name", name or url.rstrip("/").rpartition("/")[2].partition("?")[0]),
                               ("description", description), ("created", now())):
                connection.execute("INSERT INTO project (key, value) VALUES (?, ?)", (key, value))
            yield project
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            project.close()

    @classmethod
    def open(cls, path: str | Path) -> "Project":
        if is_server(path):
            from .server import open_server

            return cls(ServerUrl(connect_string(path)), open_server(connect_string(path)), connect_string(path))
        path = Path(path)
        return cls(path, open_file(path))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self):
        return transaction(self._db)

    def snapshot(self):
        """A context in which every read sees the project at one moment (one read transaction),
        whatever other processes commit meanwhile: for reads of several tables that must agree
        (an export, a copy, an analysis).  Writes belong outside it."""
        return snapshot(self._db)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self._db.execute(sql, tuple(params)).fetchall()

    # -- project metadata ---------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT INTO project (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def name(self) -> str:
        return self.setting("name")

    # -- coders ---------------------------------------------------------------

    def coder(self, name: str) -> Coder:
        """The coder called ``name``, created on first use."""
        name = (name or "").strip()
        if not name:
            raise QdaError("a coder needs a name (use --coder NAME)")
        row = self._db.execute("SELECT id, name FROM coders WHERE name = ?", (name,)).fetchone()
        if row:
            return Coder(*row)
        with self._transaction():
            row = self._db.execute("SELECT id, name FROM coders WHERE name = ?", (name,)).fetchone()
            if row:
                return Coder(*row)
            coder = Coder(new_id(), name)
            self._db.execute("INSERT INTO coders (id, name, created) VALUES (?, ?, ?)", (coder.id, name, now()))
        return coder

    def coders(self) -> list[Coder]:
        return [Coder(*row) for row in self._rows("SELECT id, name FROM coders ORDER BY name")]

    def _coder_id(self, coder: str | Coder) -> str:
        return coder.id if isinstance(coder, Coder) else self.coder(coder).id

    # -- documents --------------------------------------------------------------

    def _document_row(self, ref: str) -> tuple:
        row = self._db.execute(
            "SELECT id, name, body, sha256, words, language, source, imported FROM documents WHERE id = ? OR name = ?",
            (ref, ref),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document {ref!r} in {self.path} (see `qda documents {self.path}`)")
        return row

    def document(self, ref: str | Document) -> Document:
        """A document with its text and attributes, by name or id."""
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
        if isinstance(ref, Document):
            return ref.id
        row = self._db.execute("SELECT id FROM documents WHERE id = ? OR name = ?", (ref, ref)).fetchone()
        if row is None:
            raise NotFoundError(f"no document {ref!r} in {self.path} (see `qda documents {self.path}`)")
        return row[0]

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

    def add_documents(self, parsed: Iterable["ParsedDocument"]) -> list[str]:
        """Store parsed documents in one transaction: all of them, or none if one fails."""
        with self._transaction():
            return [self._insert_document(document) for document in parsed]

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
        self._db.executemany(
            "INSERT INTO turns (document_id, idx, speaker, start_offset, end_offset) VALUES (?, ?, ?, ?, ?)",
            [(document_id, i, t.speaker, t.start, t.end) for i, t in enumerate(document.turns)],
        )
        for table, spans in (("sentences", document.sentences), ("paragraphs", document.paragraphs)):
            self._db.executemany(
                f"INSERT INTO {table} (document_id, idx, start_offset, end_offset) VALUES (?, ?, ?, ?)",
                [(document_id, i, s.start, s.end) for i, s in enumerate(spans)],
            )
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
        frame = pd.DataFrame(
            self._rows(
                "SELECT d.id, d.name, d.words, d.language, d.source, d.imported, "
                "(SELECT COUNT(*) FROM codings c WHERE c.document_id = d.id), "
                "(SELECT GROUP_CONCAT(name, ',') FROM (SELECT t.speaker AS name FROM turns t WHERE t.document_id = d.id "
                "  GROUP BY t.speaker ORDER BY MIN(t.idx)) AS s), "
                "(SELECT GROUP_CONCAT(name, ',') FROM (SELECT k.name FROM progress p JOIN coders k ON k.id = p.coder_id "
                "  WHERE p.document_id = d.id ORDER BY k.name) AS n) "
                "FROM documents d ORDER BY d.position"
            ),
            columns=list(DOCUMENT_COLUMNS),
        )
        frame["speakers"] = frame["speakers"].fillna("")
        frame["done_by"] = frame["done_by"].fillna("")
        attributes = self._all_attributes()
        names = sorted({name for values in attributes.values() for name in values})
        for name in names:
            frame[name] = [attributes.get(document_id, {}).get(name, "") for document_id in frame["id"]]
        return frame

    # -- codebook -----------------------------------------------------------------

    @property
    def codebook(self) -> Codebook:
        """The working codebook as it is now in the file."""
        codes = tuple(
            Code(*row)
            for row in self._rows(
                "SELECT id, name, parent_id, definition, when_to_use, when_not_to_use, example, colour, position FROM codes"
            )
        )
        return Codebook(self.setting("codebook_name"), self.setting("codebook_description"), codes)

    def code(self, ref: str | Code) -> Code:
        """A code by id, full path ("A > B"), or a name or path ending that is unique."""
        if isinstance(ref, Code):
            return ref
        codebook = self.codebook
        code = codebook.by_id.get(ref) or codebook.find(ref)
        if code is None:
            raise NotFoundError(f"no code {ref!r} in the codebook (see `qda codebook {self.path}`)")
        return code

    def _code_row(self, code: Code) -> dict[str, Any]:
        return {
            "id": code.id, "parent_id": code.parent_id, "name": code.name, "definition": code.definition,
            "when_to_use": code.when_to_use, "when_not_to_use": code.when_not_to_use, "example": code.example,
            "colour": code.colour, "position": code.position,
        }

    def _check_sibling_name(self, codebook: Codebook, parent_id: str | None, name: str, exclude: str | None = None) -> None:
        for sibling in codebook.children(parent_id):
            if sibling.id != exclude and sibling.name.casefold() == name.casefold():
                where = codebook.path(parent_id) if parent_id else "the top level"
                raise CodebookError(f"a code named {sibling.name!r} already exists under {where}")

    def add_code(self, name: str, parent: str | Code | None = None, coder: str | Coder | None = None, **fields: str) -> Code:
        """Create a code (at the end of its parent's children); undoable by ``coder``."""
        name = check_code_name(name)
        unknown = set(fields) - set(CODE_FIELDS)
        if unknown:
            raise CodebookError(f"unknown code field(s): {', '.join(sorted(unknown))}")
        codebook = self.codebook
        parent_id = self.code(parent).id if parent else None
        self._check_sibling_name(codebook, parent_id, name)
        siblings = codebook.children(parent_id)
        colour = check_colour(fields.get("colour", "")) or (codebook.by_id[parent_id].colour if parent_id else "")
        code = Code(
            id=new_id(), name=name, parent_id=parent_id,
            definition=fields.get("definition", ""), when_to_use=fields.get("when_to_use", ""),
            when_not_to_use=fields.get("when_not_to_use", ""), example=fields.get("example", ""),
            colour=colour, position=(max(s.position for s in siblings) + 1) if siblings else 0,
        )
        coder_id = self._coder_id(coder) if coder else None
        with self._transaction():
            actions.record(self._db, coder_id, "add_code", f"add code {join_path(self._path_names(codebook, parent_id) + [name])}",
                           [actions.insert("codes", self._code_row(code))])
        return code

    def _path_names(self, codebook: Codebook, code_id: str | None) -> list[str]:
        return split_path(codebook.path(code_id)) if code_id else []

    def update_code(self, code: str | Code, coder: str | Coder | None = None, **fields: str) -> Code:
        """Change a code's name, definition, guidance, example or colour; codings are untouched."""
        unknown = set(fields) - set(CODE_FIELDS)
        if unknown:
            raise CodebookError(f"unknown code field(s): {', '.join(sorted(unknown))}")
        current = self.code(code)
        codebook = self.codebook
        if "name" in fields:
            fields["name"] = check_code_name(fields["name"])
            self._check_sibling_name(codebook, current.parent_id, fields["name"], exclude=current.id)
        if "colour" in fields:
            fields["colour"] = check_colour(fields["colour"])
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            return current
        before = {k: getattr(current, k) for k in changed}
        with self._transaction():
            actions.record(self._db, self._coder_id(coder) if coder else None, "update_code",
                           f"change {', '.join(changed)} of {codebook.path(current.id)}",
                           [actions.update("codes", {"id": current.id}, before, changed)])
        return self.code(current.id)

    def rename_code(self, code: str | Code, name: str, coder: str | Coder | None = None) -> Code:
        return self.update_code(code, coder, name=name)

    def move_code(self, code: str | Code, parent: str | Code | None, coder: str | Coder | None = None) -> Code:
        """Move a code (with its subtree) under ``parent`` (None: the top level)."""
        current = self.code(code)
        codebook = self.codebook
        parent_id = self.code(parent).id if parent else None
        if parent_id and parent_id in codebook.subtree_ids(current.id):
            raise CodebookError(f"cannot move {codebook.path(current.id)} into its own subtree")
        if parent_id == current.parent_id:
            return current
        self._check_sibling_name(codebook, parent_id, current.name, exclude=current.id)
        siblings = codebook.children(parent_id)
        position = (max(s.position for s in siblings) + 1) if siblings else 0
        with self._transaction():
            actions.record(
                self._db, self._coder_id(coder) if coder else None, "move_code",
                f"move {codebook.path(current.id)} to {codebook.path(parent_id) if parent_id else 'the top level'}",
                [actions.update("codes", {"id": current.id},
                                {"parent_id": current.parent_id, "position": current.position},
                                {"parent_id": parent_id, "position": position})],
            )
        return self.code(current.id)

    def merge_codes(self, source: str | Code, target: str | Code, coder: str | Coder | None = None) -> int:
        """Fold ``source`` into ``target``: its codings and children move, then it goes.

        A coding that would duplicate one the target already has (same document,
        span and coder) is dropped rather than doubled.  Returns codings moved."""
        codebook = self.codebook
        source_code, target_code = self.code(source), self.code(target)
        if source_code.id == target_code.id:
            raise CodebookError("cannot merge a code into itself")
        if target_code.id in codebook.subtree_ids(source_code.id):
            raise CodebookError(f"cannot merge {codebook.path(source_code.id)} into its own subtree")
        target_children = {c.name.casefold() for c in codebook.children(target_code.id)}
        ops: list[actions.Op] = []
        position = max([c.position for c in codebook.children(target_code.id)] + [-1]) + 1
        for child in codebook.children(source_code.id):
            if child.name.casefold() in target_children:
                raise CodebookError(f"cannot merge: {codebook.path(target_code.id)} already has a child named {child.name!r}")
            ops.append(actions.update("codes", {"id": child.id}, {"parent_id": child.parent_id, "position": child.position},
                                      {"parent_id": target_code.id, "position": position}))
            position += 1
        existing = {(d, s, e, c) for d, s, e, c in self._rows(
            "SELECT document_id, start_offset, end_offset, coder_id FROM codings WHERE code_id = ?", (target_code.id,))}
        moved = 0
        for row in self._coding_rows("WHERE code_id = ?", (source_code.id,)):
            if (row["document_id"], row["start_offset"], row["end_offset"], row["coder_id"]) in existing:
                ops.append(actions.delete("codings", row))
            else:
                ops.append(actions.update("codings", {"id": row["id"]}, {"code_id": source_code.id}, {"code_id": target_code.id}))
                moved += 1
        ops.append(actions.delete("codes", self._code_row(source_code)))
        with self._transaction():
            actions.record(self._db, self._coder_id(coder) if coder else None, "merge_codes",
                           f"merge {codebook.path(source_code.id)} into {codebook.path(target_code.id)}", ops)
        return moved

    def delete_code(self, code: str | Code, coder: str | Coder | None = None) -> int:
        """Remove a code without children, and its codings; undoable.  Returns codings removed."""
        codebook = self.codebook
        current = self.code(code)
        if codebook.children(current.id):
            raise CodebookError(f"{codebook.path(current.id)} has child codes; move or merge them first")
        rows = self._coding_rows("WHERE code_id = ?", (current.id,))
        ops = [actions.delete("codings", row) for row in rows] + [actions.delete("codes", self._code_row(current))]
        with self._transaction():
            actions.record(self._db, self._coder_id(coder) if coder else None, "delete_code",
                           f"delete code {codebook.path(current.id)} and its {len(rows)} codings", ops)
        return len(rows)

    def import_codebook(self, incoming: Codebook, coder: str | Coder | None = None) -> dict[str, list[str]]:
        """Merge a codebook into the working one: match by id, then by path; add the rest.

        Codes the file lacks are kept (they may carry codings) and reported.
        Returns ``{"added": [...], "updated": [...], "kept": [...]}`` of paths."""
        current = self.codebook
        by_path = {path.casefold(): current.by_id[code_id] for code_id, path in current.paths.items()}
        mapping: dict[str, str] = {}  # incoming id -> project id
        ops: list[actions.Op] = []
        report: dict[str, list[str]] = {"added": [], "updated": [], "kept": []}
        planned_names: dict[str | None, dict[str, str]] = {}
        for code, _depth in incoming.walk():
            path = incoming.path(code.id)
            parent_id = mapping[code.parent_id] if code.parent_id else None
            match = current.by_id.get(code.id) or by_path.get(path.casefold())
            siblings = planned_names.setdefault(parent_id, {c.name.casefold(): c.id for c in current.children(parent_id)})
            if match is None:
                if code.name.casefold() in siblings:
                    raise CodebookError(f"the codebook adds {path!r}, but a sibling with that name already exists")
                new = Code(id=code.id if code.id not in current.by_id else new_id(), name=code.name, parent_id=parent_id,
                           definition=code.definition, when_to_use=code.when_to_use, when_not_to_use=code.when_not_to_use,
                           example=code.example, colour=code.colour, position=code.position)
                ops.append(actions.insert("codes", self._code_row(new)))
                siblings[code.name.casefold()] = new.id
                mapping[code.id] = new.id
                report["added"].append(path)
                continue
            mapping[code.id] = match.id
            wanted = {"name": code.name, "parent_id": parent_id, "definition": code.definition, "when_to_use": code.when_to_use,
                      "when_not_to_use": code.when_not_to_use, "example": code.example, "colour": code.colour,
                      "position": code.position}
            before = {k: getattr(match, k) for k in wanted}
            changed = {k: v for k, v in wanted.items() if before[k] != v}
            if changed:
                owner = siblings.get(code.name.casefold())
                if owner is not None and owner != match.id:
                    raise CodebookError(f"the codebook renames or moves a code to {path!r}, where another code already is")
                siblings[code.name.casefold()] = match.id
                ops.append(actions.update("codes", {"id": match.id}, {k: before[k] for k in changed}, changed))
                report["updated"].append(path)
        matched = set(mapping.values())
        report["kept"] = [current.path(c.id) for c, _ in current.walk() if c.id not in matched]
        with self._transaction():
            if ops:
                actions.record(self._db, self._coder_id(coder) if coder else None, "import_codebook",
                               f"import codebook: {len(report['added'])} added, {len(report['updated'])} updated", ops)
            for key, value in (("codebook_name", incoming.name), ("codebook_description", incoming.description)):
                if value:
                    self._db.execute("INSERT INTO project (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
        return report

    def code_counts(self) -> pd.DataFrame:
        """Per code id: codings, documents and coders that use it directly (not its subtree)."""
        return pd.DataFrame(self._rows(
            "SELECT code_id, COUNT(*), COUNT(DISTINCT document_id), COUNT(DISTINCT coder_id) FROM codings GROUP BY code_id"),
            columns=["code_id", "codings", "documents", "coders"])

    # -- codings ---------------------------------------------------------------------

    def _coding_rows(self, where: str = "", params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(zip(CODING_COLUMNS, row)) for row in self._rows(
            f"SELECT {', '.join(CODING_COLUMNS)} FROM codings {where}", params)]

    def _prepare_coding(self, document: str, code: str | Code, start: int, end: int, coder_id: str,
                        memo: str, lengths: dict[str, int], codebook: Codebook) -> dict[str, Any]:
        document_id = self.document_id(document)
        if document_id not in lengths:
            lengths[document_id] = self._db.execute("SELECT chars FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
        if isinstance(code, Code):
            code_obj = code
        else:
            code_obj = codebook.by_id.get(code) or codebook.find(code)
            if code_obj is None:
                raise NotFoundError(f"no code {code!r} in the codebook")
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError) as error:
            raise CodingError(f"start and end must be whole numbers, not {start!r} and {end!r}") from error
        if not 0 <= start < end <= lengths[document_id]:
            raise CodingError(f"span [{start}, {end}) is outside document {document!r}, which has {lengths[document_id]} characters")
        return {"id": new_id(), "document_id": document_id, "code_id": code_obj.id, "coder_id": coder_id,
                "start_offset": start, "end_offset": end, "created": now(), "memo": memo or ""}

    @staticmethod
    def _as_coding(row: Mapping[str, Any]) -> Coding:
        return Coding(row["id"], row["document_id"], row["code_id"], row["coder_id"], row["start_offset"],
                      row["end_offset"], row["created"], row["memo"])

    def add_coding(self, document: str | Document, code: str | Code, start: int, end: int,
                   coder: str | Coder, memo: str = "") -> Coding:
        """Code ``document[start:end]`` with ``code``: one durable, undoable action."""
        return self.add_codings([(document, code, start, end, memo)], coder)[0]

    def add_codings(self, rows: Iterable[tuple], coder: str | Coder | None = None, label: str = "row",
                    first: int = 1) -> list[Coding]:
        """Add many codings as one action: all of them or, if one is bad, none.

        Each row is ``(document, code, start, end[, memo[, coder]])``; a coder in the
        row overrides ``coder``.  An error names the row: ``label`` and its number, counted from ``first``."""
        codebook = self.codebook
        lengths: dict[str, int] = {}
        coder_ids: dict[str, str] = {}
        prepared: list[dict[str, Any]] = []
        # One transaction from the first check to the last insert: a coder named in a
        # bad batch is not created, and nothing is added unless every row is good.
        with self._transaction():
            for number, row in enumerate(rows, start=first):
                document, code, start, end, *rest = row
                memo = rest[0] if rest else ""
                who = rest[1] if len(rest) > 1 and rest[1] else coder
                try:
                    if who is None:
                        raise CodingError("no coder given")
                    key = who.id if isinstance(who, Coder) else who
                    if key not in coder_ids:
                        coder_ids[key] = self._coder_id(who)
                    doc_ref = document.id if isinstance(document, Document) else str(document)
                    prepared.append(self._prepare_coding(doc_ref, code, start, end, coder_ids[key], memo, lengths, codebook))
                except QdaError as error:
                    raise type(error)(f"{label} {number}: {error}") from error
            # One action per coder, so each can undo their own part of a shared file.
            for coder_id in dict.fromkeys(p["coder_id"] for p in prepared):
                own = [p for p in prepared if p["coder_id"] == coder_id]
                summary = f"code {self._span_label(own[0], codebook)}" if len(own) == 1 else f"add {len(own)} codings"
                actions.record(self._db, coder_id, "add_codings", summary, [actions.insert("codings", p) for p in own])
        return [self._as_coding(p) for p in prepared]

    def _span_label(self, row: Mapping[str, Any], codebook: Codebook) -> str:
        name = self._db.execute("SELECT name FROM documents WHERE id = ?", (row["document_id"],)).fetchone()[0]
        return f"{name} [{row['start_offset']}, {row['end_offset']}) as {codebook.path(row['code_id'])}"

    def coding(self, coding_id: str) -> Coding:
        rows = self._coding_rows("WHERE id = ?", (coding_id,))
        if not rows:
            raise NotFoundError(f"no coding {coding_id!r}")
        return self._as_coding(rows[0])

    def remove_coding(self, coding: str | Coding, coder: str | Coder) -> None:
        """Remove one coding; undoable by ``coder``."""
        coding_id = coding.id if isinstance(coding, Coding) else coding
        rows = self._coding_rows("WHERE id = ?", (coding_id,))
        if not rows:
            raise NotFoundError(f"no coding {coding_id!r}")
        with self._transaction():
            actions.record(self._db, self._coder_id(coder), "remove_coding",
                           f"remove {self._span_label(rows[0], self.codebook)}", [actions.delete("codings", rows[0])])

    def remove_codings(self, codings: Iterable[str | Coding], coder: str | Coder) -> int:
        """Remove several codings as one action."""
        ids = [c.id if isinstance(c, Coding) else c for c in codings]
        rows = [r for i in ids for r in self._coding_rows("WHERE id = ?", (i,))]
        if len(rows) != len(ids):
            raise NotFoundError("some of those codings no longer exist")
        if rows:
            with self._transaction():
                actions.record(self._db, self._coder_id(coder), "remove_codings", f"remove {len(rows)} codings",
                               [actions.delete("codings", row) for row in rows])
        return len(rows)

    def _update_coding(self, coding: str | Coding, coder: str | Coder, kind: str, changes: dict[str, Any],
                       summary: str = "") -> Coding:
        coding_id = coding.id if isinstance(coding, Coding) else coding
        rows = self._coding_rows("WHERE id = ?", (coding_id,))
        if not rows:
            raise NotFoundError(f"no coding {coding_id!r}")
        row = rows[0]
        changed = {k: v for k, v in changes.items() if row[k] != v}
        if changed:
            with self._transaction():
                actions.record(self._db, self._coder_id(coder), kind,
                               summary or f"{kind.replace('_', ' ')}: {self._span_label(row, self.codebook)}",
                               [actions.update("codings", {"id": coding_id}, {k: row[k] for k in changed}, changed)])
        return self.coding(coding_id)

    def recode(self, coding: str | Coding, code: str | Code, coder: str | Coder) -> Coding:
        """Give a coding another code, keeping its span, coder and memo."""
        new_code = self.code(code)
        coding_id = coding.id if isinstance(coding, Coding) else coding
        rows = self._coding_rows("WHERE id = ?", (coding_id,))
        codebook = self.codebook
        summary = (f"recode {self._span_label(rows[0], codebook).rpartition(' as ')[0]} "
                   f"from {codebook.path(rows[0]['code_id'])} to {codebook.path(new_code.id)}") if rows else ""
        return self._update_coding(coding, coder, "recode", {"code_id": new_code.id}, summary)

    def set_coding_memo(self, coding: str | Coding, memo: str, coder: str | Coder) -> Coding:
        return self._update_coding(coding, coder, "memo_coding", {"memo": memo or ""})

    def codings(self, document: str | Document | None = None, coder: str | Coder | None = None,
                code: str | Code | None = None) -> list[Coding]:
        """Codings in document order, optionally of one document, coder or code."""
        clauses, params = [], []
        if document is not None:
            clauses.append("document_id = ?")
            params.append(self.document_id(document))
        if coder is not None:
            row = self._db.execute("SELECT id FROM coders WHERE name = ? OR id = ?",
                                   (coder.name if isinstance(coder, Coder) else coder,) * 2).fetchone()
            if row is None:
                return []
            clauses.append("coder_id = ?")
            params.append(row[0])
        if code is not None:
            clauses.append("code_id = ?")
            params.append(self.code(code).id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [self._as_coding(r) for r in self._coding_rows(f"{where} ORDER BY document_id, start_offset, end_offset, created", params)]

    def codings_table(self, with_text: bool = True) -> pd.DataFrame:
        """Every coding as a DataFrame, in document order.

        Columns: coding_id, document, document_id, code, code_id, code_path, coder,
        start, end, text, speaker, created, memo.  ``text`` is exactly
        ``document.text[start:end]``; ``speaker`` is the turn the span starts in."""
        with self.snapshot():
            return self._codings_table(with_text)

    def _codings_table(self, with_text: bool) -> pd.DataFrame:
        codebook = self.codebook
        rows = self._rows(
            "SELECT c.id, d.name, c.document_id, c.code_id, k.name, c.start_offset, c.end_offset, c.created, c.memo "
            "FROM codings c JOIN documents d ON d.id = c.document_id JOIN coders k ON k.id = c.coder_id "
            "ORDER BY d.position, c.start_offset, c.end_offset, c.created"
        )
        frame = pd.DataFrame(rows, columns=["coding_id", "document", "document_id", "code_id", "coder", "start", "end", "created", "memo"])
        paths = codebook.paths
        frame.insert(3, "code", [codebook.by_id[c].name for c in frame["code_id"]])
        frame.insert(5, "code_path", [paths[c] for c in frame["code_id"]])
        frame["speaker"] = self._speakers_at(frame)
        if with_text:
            texts: list[str] = [""] * len(frame)
            for document_id, positions in frame.groupby("document_id", sort=False).indices.items():
                body = self._db.execute("SELECT body FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
                starts, ends = frame["start"].to_numpy()[positions], frame["end"].to_numpy()[positions]
                for position, start, end in zip(positions, starts, ends):
                    texts[position] = body[start:end]
            frame["text"] = texts
        else:
            frame["text"] = ""
        return frame[["coding_id", "document", "document_id", "code", "code_id", "code_path", "coder",
                      "start", "end", "text", "speaker", "created", "memo"]]

    def _speakers_at(self, frame: pd.DataFrame) -> list[str]:
        speakers = [""] * len(frame)
        if frame.empty:
            return speakers
        turns = turn_speakers(self)
        by_document = {d: g for d, g in turns.groupby("document_id", sort=False)}
        for document_id, positions in frame.groupby("document_id", sort=False).indices.items():
            group = by_document.get(document_id)
            if group is None:
                continue
            starts, ends, names = group["start"].to_numpy(), group["end"].to_numpy(), group["speaker"].to_numpy()
            offsets = frame["start"].to_numpy()[positions]
            index = np.searchsorted(starts, offsets, side="right") - 1
            for position, i, offset in zip(positions, index, offsets):
                if i >= 0 and offset < ends[i]:
                    speakers[position] = names[i]
        return speakers

    # -- memos, progress and state ---------------------------------------------------

    def memo(self, kind: str, target: str, coder: str | Coder) -> str:
        target_id = self._memo_target(kind, target)
        row = self._db.execute("SELECT body FROM memos WHERE target_kind = ? AND target_id = ? AND coder_id = ?",
                               (kind, target_id, self._coder_id(coder))).fetchone()
        return row[0] if row else ""

    def memos(self, kind: str | None = None) -> pd.DataFrame:
        rows = self._rows(
            "SELECT m.id, m.target_kind, m.target_id, k.name, m.body, m.created, m.modified FROM memos m "
            "JOIN coders k ON k.id = m.coder_id" + (" WHERE m.target_kind = ?" if kind else "") + " ORDER BY m.created",
            (kind,) if kind else ())
        return pd.DataFrame(rows, columns=["memo_id", "target_kind", "target_id", "coder", "text", "created", "modified"])

    def _memo_target(self, kind: str, target: str) -> str:
        if kind == "document":
            return self.document_id(target)
        if kind == "code":
            return self.code(target).id
        if kind == "project":
            return ""
        raise QdaError(f"memos are written on a project, a document or a code, not on {kind!r}")

    def set_memo(self, kind: str, target: str, text: str, coder: str | Coder) -> None:
        """Write (or, with empty text, remove) this coder's memo on a project, document or code."""
        target_id = self._memo_target(kind, target)
        coder_id = self._coder_id(coder)
        row = self._db.execute("SELECT id, target_kind, target_id, coder_id, body, created, modified FROM memos "
                               "WHERE target_kind = ? AND target_id = ? AND coder_id = ?", (kind, target_id, coder_id)).fetchone()
        stamp = now()
        if row is None:
            if not text:
                return
            ops = [actions.insert("memos", {"id": new_id(), "target_kind": kind, "target_id": target_id, "coder_id": coder_id,
                                            "body": text, "created": stamp, "modified": stamp})]
        elif not text:
            ops = [actions.delete("memos", dict(zip(("id", "target_kind", "target_id", "coder_id", "body", "created", "modified"), row)))]
        else:
            ops = [actions.update("memos", {"id": row[0]}, {"body": row[4], "modified": row[6]}, {"body": text, "modified": stamp})]
        with self._transaction():
            actions.record(self._db, coder_id, "memo", f"memo on {kind} {target}", ops)

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

    def state(self, coder: str | Coder, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM coder_state WHERE coder_id = ? AND key = ?", (self._coder_id(coder), key)).fetchone()
        return row[0] if row else default

    def set_state(self, coder: str | Coder, key: str, value: str) -> None:
        """Where a coder left off (document, position, quick keys): not an undoable action."""
        coder_id = self._coder_id(coder)
        with self._transaction():
            self._db.execute("INSERT INTO coder_state (coder_id, key, value) VALUES (?, ?, ?) "
                             "ON CONFLICT (coder_id, key) DO UPDATE SET value = excluded.value", (coder_id, key, value))

    # -- undo, redo and the audit trail -------------------------------------------------

    def undo(self, coder: str | Coder) -> actions.Action:
        """Undo ``coder``'s latest action; raises NotFoundError when there is none, or no such coder."""
        coder_id = self._known_coder_id(coder)
        with self._transaction():
            return actions.undo(self._db, coder_id)

    def redo(self, coder: str | Coder) -> actions.Action:
        coder_id = self._known_coder_id(coder)
        with self._transaction():
            return actions.redo(self._db, coder_id)

    def forget_deleted(self) -> int:
        """Remove from the file every memo text that was deleted (or replaced) but is still kept
        by the action log for undo; those actions can no longer be undone.  With secure_delete
        the old bytes are zeroed, and the write-ahead log is emptied afterwards, so the text is
        gone from the project's files.  Returns how many logged actions held such text."""
        with self._transaction():
            changed = actions.forget_deleted(self._db)
        busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise ProjectError(f"{self.path}: another process has the project open, so deleted text may remain in "
                               f"{self.path.name}-wal; run this again when no one else has it open")
        return changed

    def _known_coder_id(self, coder: str | Coder) -> str:
        """A coder's id, never creating one: a mistyped name is an error listing the coders."""
        if isinstance(coder, Coder):
            return coder.id
        row = self._db.execute("SELECT id FROM coders WHERE name = ? OR id = ?", (coder, coder)).fetchone()
        if row is None:
            names = ", ".join(c.name for c in self.coders()) or "none yet"
            raise NotFoundError(f"no coder {coder!r} in {self.path}; its coders: {names}")
        return row[0]

    def history(self, limit: int | None = None) -> pd.DataFrame:
        """The audit trail, newest first: seq, time, coder, kind, summary, state."""
        rows = self._rows(
            "SELECT a.seq, a.created, COALESCE(k.name, ''), a.kind, a.summary, a.state FROM actions a "
            "LEFT JOIN coders k ON k.id = a.coder_id ORDER BY a.seq DESC" + (f" LIMIT {int(limit)}" if limit else ""))
        names = dict(self._rows("SELECT id, name FROM documents UNION ALL SELECT id, name FROM coders"))
        names.update(self.codebook.paths)
        rows = [(*row[:4], actions.readable(row[4], names), row[5]) for row in rows]
        return pd.DataFrame(rows, columns=["seq", "time", "coder", "kind", "summary", "state"])

    def iter_document_bodies(self) -> Iterator[tuple[str, str]]:
        """(document id, text) pairs without holding every text at once."""
        for row in self._db.execute("SELECT id, body FROM documents ORDER BY position"):
            yield row[0], row[1]
