"""The names a user gives to choose codings: codes, coders and document attributes, resolved without pandas.

Shared by the analysis (``qda.analysis._select``, over DataFrames) and the listings that
answer at once (``qda.export.quotes``, over plain rows): each check raises a ``QdaError``
naming the unknown item and listing the known ones.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping, Sequence

from .errors import NotFoundError, QdaError

SET_KEY = "set"  # ``--where set=NAME``: the documents of a named document set (``qda.store.sets``)
# columns of a documents table that are not attributes ("language" is both: the text's language)
RESERVED = frozenset({"id", "name", "words", "language", "source", "imported", "codings", "speakers", "done_by"})


def as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if v]


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


def check_coders(project, coder) -> list[str]:
    names = as_list(coder)
    known = [c.name for c in project.coders()]
    for name in names:
        if name not in known:
            listed = ", ".join(known) if known else "none yet"
            raise NotFoundError(f"no coder {name!r} in {project.path} (coders: {listed})")
    return names


def check_attribute_name(columns: Sequence[str], name: str, project) -> None:
    """Refuse ``name`` unless it is a column of the documents table (``columns``) that holds an attribute."""
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


def chosen_documents(project, where, ids: Sequence[str], columns: Sequence[str],
                     column: Callable[[str], Sequence[str]]) -> list[bool]:
    """Which documents ``where`` keeps (values case-insensitive; ``set=NAME[,NAME]``: the documents of
    those document sets), one flag a document of ``ids``.  ``columns`` are the documents table's
    columns and ``column(name)`` a column's values, in the order of ``ids``.  Each condition
    narrows the documents the one before kept, and a value none of them has is an error."""
    kept = list(range(len(ids)))
    for name, values in parse_where(where).items():
        if name.casefold() == SET_KEY:
            members = documents_in_sets(project, values, columns)
            kept = [i for i in kept if ids[i] in members]
            continue
        check_attribute_name(columns, name, project)
        every = column(name)
        present = {i: str(every[i]) for i in kept}
        folded = {i: value.casefold() for i, value in present.items()}
        unknown = [v for v in values if v.casefold() not in set(folded.values())]
        if unknown:
            listed = ", ".join(sorted(set(present.values()) - {""}))
            raise QdaError(f"no document has {name} = {unknown[0]!r} (values of {name}: {listed})")
        wanted = {v.casefold() for v in values}
        kept = [i for i in kept if folded[i] in wanted]
    chosen = set(kept)
    return [i in chosen for i in range(len(ids))]


def documents_in_sets(project, names: Sequence[str], columns: Sequence[str] = ()) -> set[str]:
    """The ids of the documents in any of the sets ``names`` (matched exactly, else ignoring case).

    Refuses where the project has a document attribute called "set" (one of ``columns``),
    which would make ``set=NAME`` mean two things."""
    from .store.sets import set_document_ids, set_names

    if any(c.casefold() == SET_KEY for c in columns):
        raise QdaError(f"{project.path}: a document attribute is called 'set', which `--where set=NAME` reserves for "
                       "document sets; rename that attribute (qda import --attributes) to filter by sets")
    known = set_names(project)
    ids: set[str] = set()
    for name in names:
        found = name if name in known else next((k for k in known if k.casefold() == name.casefold()), name)
        ids.update(set_document_ids(project, found))
    return ids
