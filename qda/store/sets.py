"""Named document sets and saved coding queries: what a researcher keeps to ask again.

A document set is a named group of documents (REFI-QDA's ``<Set>`` of
``<MemberSource>``), made by hand, from an attribute filter or from a query's
documents; every command that filters documents accepts ``set=NAME`` in
``--where``.  A saved query is a coding query's text under a name, run again
on the project as it is when asked (``qda.query``).  Both are changed by
undoable actions (``qda.store.actions``), one transaction each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..errors import NotFoundError, QdaError
from ..nfc import nfc_arguments
from . import actions
from .actions import now

if TYPE_CHECKING:  # imported where used: opening a project and listing import no pandas
    import pandas as pd


@dataclass(frozen=True)
class DocumentSet:
    """A set as records carry it between project files: its id, name, description and member document ids."""

    id: str
    name: str
    description: str = ""
    document_ids: tuple[str, ...] = field(default_factory=tuple)


def _check_name(name: str, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise QdaError(f"a {what} needs a name")
    return name


def _set_row(project, name: str) -> tuple[str, str, str, str]:
    row = project._db.execute("SELECT id, name, description, created FROM document_sets WHERE name = ?", (name,)).fetchone()
    if row is None:
        known = [r[0] for r in project._db.execute("SELECT name FROM document_sets ORDER BY name")]
        listed = ", ".join(known) if known else "none yet; make one with `qda sets PROJECT --add NAME`"
        raise NotFoundError(f"no document set {name!r} in {project.path} (sets: {listed})")
    return row


def document_sets(project) -> pd.DataFrame:
    """Every set: name, description, documents (how many), created; by name."""
    import pandas as pd

    rows = project._db.execute(
        "SELECT s.name, s.description, (SELECT COUNT(*) FROM document_set_members m WHERE m.set_id = s.id), s.created "
        "FROM document_sets s ORDER BY s.name").fetchall()
    return pd.DataFrame(rows, columns=["name", "description", "documents", "created"])


def set_names(project) -> list[str]:
    """The names of every set, in order."""
    return [row[0] for row in project._db.execute("SELECT name FROM document_sets ORDER BY name")]


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def set_document_ids(project, name: str) -> list[str]:
    """The ids of the documents in the set ``name``, in import order."""
    set_id = _set_row(project, name)[0]
    return [row[0] for row in project._db.execute(
        "SELECT d.id FROM document_set_members m JOIN documents d ON d.id = m.document_id "
        "WHERE m.set_id = ? ORDER BY d.position", (set_id,))]


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def create_set(project, name: str, documents: Iterable[str] = (), description: str = "", coder=None) -> int:
    """A new set of ``documents`` (names or ids), one undoable action; returns how many documents it holds."""
    name = _check_name(name, "document set")
    if project._db.execute("SELECT 1 FROM document_sets WHERE name = ?", (name,)).fetchone():
        raise QdaError(f"a document set called {name!r} already exists in {project.path}; add to it or choose another name")
    from .core import new_id

    ids = list(dict.fromkeys(project.document_id(d) for d in documents))
    set_id = new_id()
    ops = [actions.insert("document_sets", {"id": set_id, "name": name, "description": description, "created": now()})]
    ops += [actions.insert("document_set_members", {"set_id": set_id, "document_id": d}) for d in ids]
    with project._transaction():
        actions.record(project._db, _coder(project, coder), "create_set",
                       f"create document set {name!r} of {len(ids)} document(s)", ops)
    return len(ids)


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def change_set(project, name: str, add: Iterable[str] = (), remove: Iterable[str] = (), coder=None) -> tuple[int, int]:
    """Add and remove documents (names or ids) of a set in one undoable action: (added, removed)."""
    set_id = _set_row(project, name)[0]
    present = {row[0] for row in project._db.execute(
        "SELECT document_id FROM document_set_members WHERE set_id = ?", (set_id,))}
    adding = [d for d in dict.fromkeys(project.document_id(d) for d in add) if d not in present]
    removing = [d for d in dict.fromkeys(project.document_id(d) for d in remove) if d in present and d not in adding]
    ops = [actions.insert("document_set_members", {"set_id": set_id, "document_id": d}) for d in adding]
    ops += [actions.delete("document_set_members", {"set_id": set_id, "document_id": d}) for d in removing]
    if ops:
        with project._transaction():
            actions.record(project._db, _coder(project, coder), "change_set",
                           f"document set {name!r}: {len(adding)} added, {len(removing)} removed", ops)
    return len(adding), len(removing)


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def delete_set(project, name: str, coder=None) -> None:
    """Remove a set (its documents stay in the project), one undoable action."""
    set_id, name, description, created = _set_row(project, name)
    members = [row[0] for row in project._db.execute(
        "SELECT document_id FROM document_set_members WHERE set_id = ? ORDER BY document_id", (set_id,))]
    ops = [actions.delete("document_set_members", {"set_id": set_id, "document_id": d}) for d in members]
    ops.append(actions.delete("document_sets", {"id": set_id, "name": name, "description": description, "created": created}))
    with project._transaction():
        actions.record(project._db, _coder(project, coder), "delete_set", f"delete document set {name!r}", ops)


def all_sets(project) -> list[DocumentSet]:
    """Every set with its members, for exports and copies (ids included)."""
    members: dict[str, list[str]] = {}
    for set_id, document_id in project._db.execute(
            "SELECT m.set_id, m.document_id FROM document_set_members m JOIN documents d ON d.id = m.document_id "
            "ORDER BY d.position"):
        members.setdefault(set_id, []).append(document_id)
    return [DocumentSet(set_id, name, description, tuple(members.get(set_id, ())))
            for set_id, name, description in project._db.execute(
                "SELECT id, name, description FROM document_sets ORDER BY name")]


def insert_sets(db, sets: Iterable[DocumentSet]) -> None:
    """Write sets with their ids inside the caller's transaction (``qda.store.records``)."""
    stamp = now()
    sets = list(sets)
    db.executemany("INSERT INTO document_sets (id, name, description, created) VALUES (?, ?, ?, ?)",
                   [(s.id, s.name, s.description, stamp) for s in sets])
    db.executemany("INSERT INTO document_set_members (set_id, document_id) VALUES (?, ?)",
                   [(s.id, d) for s in sets for d in dict.fromkeys(s.document_ids)])


# -- saved queries ------------------------------------------------------------------------------


def saved_queries(project) -> pd.DataFrame:
    """Every saved query: name, query, description, modified; by name."""
    import pandas as pd

    rows = project._db.execute("SELECT name, query_text, description, modified FROM saved_queries ORDER BY name").fetchall()
    return pd.DataFrame(rows, columns=["name", "query", "description", "modified"])


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def saved_query(project, name: str) -> str:
    """The text of the saved query ``name``."""
    row = project._db.execute("SELECT query_text FROM saved_queries WHERE name = ?", (name,)).fetchone()
    if row is None:
        known = [r[0] for r in project._db.execute("SELECT name FROM saved_queries ORDER BY name")]
        listed = ", ".join(known) if known else "none yet; save one with `qda query PROJECT \"...\" --save NAME`"
        raise NotFoundError(f"no saved query {name!r} in {project.path} (saved: {listed})")
    return row[0]


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def save_query(project, name: str, text: str, description: str = "", coder=None) -> bool:
    """Save ``text`` as ``name``, replacing a query of that name; one undoable action.  True if it replaced one."""
    name = _check_name(name, "saved query")
    old = project._db.execute("SELECT name, query_text, description, created, modified FROM saved_queries WHERE name = ?",
                              (name,)).fetchone()
    stamp = now()
    if old is None:
        ops = [actions.insert("saved_queries", {"name": name, "query_text": text, "description": description,
                                                "created": stamp, "modified": stamp})]
    else:
        before = {"query_text": old[1], "description": old[2], "modified": old[4]}
        ops = [actions.update("saved_queries", {"name": name}, before,
                              {"query_text": text, "description": description, "modified": stamp})]
    with project._transaction():
        actions.record(project._db, _coder(project, coder), "save_query", f"save query {name!r}", ops)
    return old is not None


@nfc_arguments  # a set's or a query's name and text as stored (``qda.nfc``)
def delete_query(project, name: str, coder=None) -> None:
    saved_query(project, name)
    row = project._db.execute("SELECT name, query_text, description, created, modified FROM saved_queries WHERE name = ?",
                              (name,)).fetchone()
    op = actions.delete("saved_queries", dict(zip(("name", "query_text", "description", "created", "modified"), row)))
    with project._transaction():
        actions.record(project._db, _coder(project, coder), "delete_query", f"delete query {name!r}", [op])


def _coder(project, coder) -> str | None:
    return project._coder_id(coder) if coder else None
