"""Choosing what an analysis counts, without pandas: documents by attribute or set, coders, codes.

The rules every analysis shares (``qda.analysis._select`` builds its DataFrames on them):
a filter names attributes, values, coders and codes a project has, or it is a ``QdaError``
naming the unknown item and what there is instead.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from ..errors import NotFoundError, QdaError

UNITS = ("overlap", "sentence", "paragraph", "turn", "document")  # where two codes may meet (co-occurrence)
SET_KEY = "set"  # ``--where set=NAME``: the documents of a named document set (``qda.store.sets``)
# Columns of the documents table that are not attributes ("language", the text's, may be grouped by).
RESERVED = {"id", "name", "words", "language", "source", "imported", "codings", "speakers", "done_by"}


def as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if v]


def check_unit(unit: str, allowed: Sequence[str] = UNITS) -> str:
    if unit not in allowed:
        raise QdaError(f"unknown unit {unit!r}: use one of {', '.join(allowed)}")
    return unit


def resolve_codes(project, refs: str | Iterable[str] | None, subtree: bool = True) -> list[str] | None:
    """Code ids named by path or unique name (with their subtrees); None when no code is named."""
    refs = as_list(refs)
    if not refs:
        return None
    codebook = project.codebook
    ids: list[str] = []
    for ref in refs:
        code = codebook.by_id.get(ref) or codebook.find(ref)
        if code is None:
            raise NotFoundError(f"no code {ref!r} in the codebook (see `qda codebook {project.path}`)")
        for code_id in (codebook.subtree_ids(code.id) if subtree else [code.id]):
            if code_id not in ids:
                ids.append(code_id)
    return ids


def check_attribute(columns: Iterable[str], name: str, project) -> None:
    """Refuse ``name`` unless it is an attribute among ``columns`` (a documents table's columns)."""
    columns = list(columns)
    if name not in columns or name in RESERVED - {"language"}:
        known = [c for c in columns if c not in RESERVED]
        listed = ", ".join(known) if known else "none; add them with `qda import --attributes`"
        raise QdaError(f"no document attribute {name!r} in {project.path} (attributes: {listed})")


def parse_where(where: str | Iterable[str] | Mapping[str, str | Sequence[str]] | None) -> dict[str, list[str]]:
    """``"role=police"`` or ``["role=police", "site=Ayacucho"]`` or a dict -> {attribute: [values]}."""
    if not where:
        return {}
    if isinstance(where, Mapping):
        return {k: as_list(v) if not isinstance(v, str) else [v] for k, v in where.items()}
    result: dict[str, list[str]] = {}
    for item in as_list(where):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QdaError(f"--where {item!r}: write ATTRIBUTE=VALUE, e.g. role=police")
        result.setdefault(name.strip(), []).extend(v.strip() for v in value.split(","))
    return result


def documents_in_sets(project, names: Sequence[str], columns: Iterable[str] = ()) -> set[str]:
    """The ids of the documents in any of the sets ``names`` (matched exactly, else ignoring case).

    Refuses where the project has a document attribute called "set" (among ``columns``), which
    would make ``set=NAME`` mean two things."""
    from ..store.sets import set_document_ids, set_names

    if any(c.casefold() == SET_KEY for c in columns):
        raise QdaError(f"{project.path}: a document attribute is called 'set', which `--where set=NAME` reserves for "
                       "document sets; rename that attribute (qda import --attributes) to filter by sets")
    known = set_names(project)
    ids: set[str] = set()
    for name in names:
        found = name if name in known else next((k for k in known if k.casefold() == name.casefold()), name)
        ids.update(set_document_ids(project, found))
    return ids


def check_coders(project, coder) -> list[str]:
    names = as_list(coder)
    known = [c.name for c in project.coders()]
    for name in names:
        if name not in known:
            listed = ", ".join(known) if known else "none yet"
            raise NotFoundError(f"no coder {name!r} in {project.path} (coders: {listed})")
    return names


class Documents:
    """Documents in import order, with their words and attributes ("" where one lacks a value).  A plain
    class, not a dataclass: every analysis command imports it (``qda.model.Value`` says what that costs)."""

    def __init__(self, ids: list[str], names: list[str], words: list[int],
                 attributes: dict[str, list[str]] | None = None) -> None:
        self.ids, self.names, self.words = ids, names, words
        self.attributes = {} if attributes is None else attributes  # name -> one value per document, "language" too

    @property
    def columns(self) -> list[str]:
        return ["id", "name", "words", *self.attributes]

    def keep(self, chosen: Sequence[bool]) -> "Documents":
        def kept(values: list) -> list:
            return [value for value, keep in zip(values, chosen) if keep]
        return Documents(kept(self.ids), kept(self.names), kept(self.words),
                         {name: kept(values) for name, values in self.attributes.items()})


def read_documents(project, attributes: bool = True) -> Documents:
    """Every document of ``project`` (``Project.document_listing``), as ``Documents``; without their
    ``attributes`` (a third of the time), where only ids, names and words are asked for."""
    if not attributes:
        from ..store.counting import document_rows

        rows = document_rows(project)
        return Documents([row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows])
    listing = project.document_listing()
    attributes = {name: listing.column(name) for name in listing.columns[3:]}  # "language" first
    return Documents(listing.column("id"), listing.column("name"), listing.column("words"), attributes)


def choose_documents(project, where=None, documents: Documents | None = None, attributes: bool = True) -> Documents:
    """``documents`` (else every document), narrowed to those whose attributes match ``where`` (values
    case-insensitive); ``set=NAME[,NAME]`` keeps the documents of those document sets.  Without
    ``attributes`` (read only for ``where``) when every document is chosen."""
    wanted = parse_where(where)
    documents = read_documents(project, attributes or bool(wanted)) if documents is None else documents
    for name, values in wanted.items():
        if name.casefold() == SET_KEY:
            members = documents_in_sets(project, values, documents.columns)
            documents = documents.keep([d in members for d in documents.ids])
            continue
        check_attribute(documents.columns, name, project)
        column = [str(value).casefold() for value in documents.attributes[name]]
        wanted = {v.casefold() for v in values}
        unknown = [v for v in values if v.casefold() not in set(column)]
        if unknown:
            present = ", ".join(sorted(set(map(str, documents.attributes[name])) - {""}))
            raise QdaError(f"no document has {name} = {unknown[0]!r} (values of {name}: {present})")
        documents = documents.keep([value in wanted for value in column])
    return documents
