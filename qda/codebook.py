"""Codebooks as YAML files: read with validation that points at the line, write deterministically.

The format is documented in docs/codebook-format.md.  A file is a mapping with
``name``, ``description`` and ``codes``; each code is a mapping with ``name``
and optionally ``id``, ``definition``, ``when_to_use``, ``when_not_to_use``,
``example``, ``colour`` and ``children``.  Writing then reading a codebook
gives the same codebook, and writing it again gives the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import Path

import yaml

from .errors import CodebookError
from .files import PRIVATE, read_whole, refuse_database_in_use, write_private
from .model import COLOUR, Code, Codebook, control_in
from .spreadsheet import csv_bytes

TOP_KEYS = ("name", "description", "codes")
CODE_KEYS = ("id", "name", "definition", "when_to_use", "when_not_to_use", "example", "colour", "children")
TEXT_KEYS = ("definition", "when_to_use", "when_not_to_use", "example")


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a YAML codebook; errors name the file and line."""
    path = Path(path)
    refuse_database_in_use(path, "a codebook")
    try:
        raw = read_whole(path)
    except OSError as error:
        raise CodebookError(f"cannot read the file ({error.strerror})", path) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CodebookError("not UTF-8 text; save the codebook as UTF-8", path) from error
    return parse_codebook(text, path)


# libyaml's parser when PyYAML was built with it (the wheels are): the same events and nodes, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Deeper than any real codebook (a tree of 50 levels nests about 100 deep in YAML) and far
# below where Python's recursion would fail: a file nested deeper is refused before it is built.
MAX_NESTING = 200


def _check_structure(text: str, source) -> None:
    """Refuse, from the event stream and before any node is built, YAML that would hang or
    exhaust qda: nesting deeper than MAX_NESTING, and aliases of lists or mappings (a
    "billion laughs" of aliases doubling, or a code that contains itself).  An alias of
    plain text (``*definition``) is harmless and allowed."""
    _check_brackets(text, source)
    depth = 0
    collections: set[str] = set()
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                raise CodebookError(f"nested more than {MAX_NESTING} levels deep; a codebook is a tree of a few levels",
                                    source, event.start_mark.line + 1)
            if event.anchor:
                collections.add(event.anchor)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent) and event.anchor in collections:
            raise CodebookError(f"the alias *{event.anchor} repeats a list or mapping; write each code out "
                                "(aliases of lists and mappings are not allowed in a codebook)",
                                source, event.start_mark.line + 1)


def _check_brackets(text: str, source) -> None:
    """Flow lists and mappings (``[[[...]]]``) nested past MAX_NESTING, found in one pass over
    the text: PyYAML's scanner reads every opening bracket before its first token, at a cost
    that grows with the square of the depth.  Brackets inside text may be counted too; no
    real codebook comes near the limit."""
    depth = line = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise CodebookError(f"nested more than {MAX_NESTING} levels deep; a codebook is a tree of a few levels",
                                    source, line + 1)
        else:
            depth = max(depth - 1, 0)


_BRACKETS = re.compile(r"[\[\]{}\n]")


def parse_codebook(text: str, source: str | Path = "<codebook>") -> Codebook:
    # NFC, as qda keeps every text: an editor on macOS may save "í" as "i" + U+0301, and a name
    # kept so was listed but not found when typed in a command
    text = unicodedata.normalize("NFC", text)
    try:
        _check_structure(text, source)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise CodebookError(f"YAML syntax error: {error.problem or error.context}", source, line) from error
    except yaml.YAMLError as error:
        raise CodebookError(f"YAML syntax error: {error}", source) from error
    if root is None:
        raise CodebookError("the file is empty", source)
    top = _mapping(root, TOP_KEYS, source, "the codebook")
    codes_node = top.get("codes")
    if codes_node is None:
        raise CodebookError("no 'codes:' list", source, root.start_mark.line + 1)
    codes: list[Code] = []
    seen_ids: set[str] = set()
    _read_codes(codes_node, None, source, codes, seen_ids)
    return Codebook(
        name=_scalar(top.get("name"), source, "name"),
        description=_scalar(top.get("description"), source, "description"),
        codes=tuple(codes),
    )


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, allowed: tuple[str, ...], source, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise CodebookError(f"{what} must be a mapping of keys to values", source, _line(node))
    result: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in allowed:
            raise CodebookError(f"unknown key {key!r} in {what}; allowed: {', '.join(allowed)}", source, _line(key_node))
        if key in result:
            raise CodebookError(f"key {key!r} appears twice in {what}", source, _line(key_node))
        result[key] = value_node
    return result


def _scalar(node: yaml.Node | None, source, key: str) -> str:
    if node is None:
        return ""
    if not isinstance(node, yaml.ScalarNode):
        raise CodebookError(f"{key!r} must be text, not a list or mapping", source, _line(node))
    if node.tag == "tag:yaml.org,2002:null" and node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
        return ""
    return str(node.value).strip()


def _read_codes(node: yaml.Node, parent_id: str | None, source, out: list[Code], seen_ids: set[str]) -> None:
    if not isinstance(node, yaml.SequenceNode):
        raise CodebookError("'codes' and 'children' must be lists of codes (lines starting with '- ')", source, _line(node))
    siblings: dict[str, int] = {}
    for position, item in enumerate(node.value):
        fields = _mapping(item, CODE_KEYS, source, "a code")
        name = _scalar(fields.get("name"), source, "name")
        if not name:
            raise CodebookError("a code has no name", source, _line(item))
        if ">" in name:
            raise CodebookError(f"code name {name!r} may not contain '>', which separates the levels of a path", source, _line(item))
        if control := control_in(name):
            raise CodebookError(f"code name {name!r} may not contain a control character ({control})", source, _line(item))
        key = name.casefold()
        if key in siblings:
            raise CodebookError(f"duplicate code name {name!r} among siblings (first at line {siblings[key]})", source, _line(item))
        siblings[key] = _line(item)
        colour = _scalar(fields.get("colour"), source, "colour")
        if colour and not COLOUR.match(colour):
            raise CodebookError(f"colour {colour!r} of {name!r} is not of the form #RRGGBB", source, _line(fields["colour"]))
        code_id = _scalar(fields.get("id"), source, "id")
        if code_id:
            try:
                code_id = str(uuid.UUID(code_id))
            except ValueError as error:
                raise CodebookError(f"id {code_id!r} of {name!r} is not a UUID", source, _line(fields["id"])) from error
            if code_id in seen_ids:
                raise CodebookError(f"id {code_id} is used by two codes", source, _line(fields["id"]))
        else:
            code_id = str(uuid.uuid4())
        seen_ids.add(code_id)
        out.append(Code(
            id=code_id, name=name, parent_id=parent_id,
            colour=colour.upper(), position=position,
            **{k: _scalar(fields.get(k), source, k) for k in TEXT_KEYS},
        ))
        if "children" in fields:
            _read_codes(fields["children"], code_id, source, out, seen_ids)


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as people write YAML by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _code_dict(codebook: Codebook, code: Code) -> dict:
    entry: dict = {"id": code.id, "name": code.name}
    for key in (*TEXT_KEYS, "colour"):
        value = getattr(code, key)
        if value:
            entry[key] = value
    children = codebook.children(code.id)
    if children:
        entry["children"] = [_code_dict(codebook, child) for child in children]
    return entry


def dump_codebook(codebook: Codebook) -> str:
    """The codebook as YAML text, ids included so that identity survives a round trip."""
    data: dict = {}
    if codebook.name:
        data["name"] = codebook.name
    if codebook.description:
        data["description"] = codebook.description
    data["codes"] = [_code_dict(codebook, code) for code in codebook.roots]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "# qda codebook (format: docs/codebook-format.md)\n" + body


def write_codebook(codebook: Codebook, path: str | Path, raw_csv: bool = False, mode: int = PRIVATE) -> None:
    """Write YAML or CSV by the file's suffix; the file appears whole or not at all, with permissions ``mode``.

    A CSV is safe to open in a spreadsheet unless ``raw_csv`` (``qda.spreadsheet``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data = dump_codebook(codebook).encode("utf-8")
    elif suffix == ".csv":
        data = csv_bytes(*codebook_table(codebook), raw=raw_csv)
    else:
        raise CodebookError(f"cannot write a codebook as {suffix or 'a file without suffix'}; use .yaml or .csv", path)
    write_private(path, data, mode)


CSV_COLUMNS = ("path", "level", "name", *TEXT_KEYS, "colour", "id")


def codebook_table(codebook: Codebook) -> tuple[tuple[str, ...], list[list]]:
    """(header, rows) of qda's codebook CSV: one row a code, in tree order: path, level, name, the guidance
    fields, colour and id."""
    rows = [[codebook.path(code.id), depth + 1, code.name, *(getattr(code, k) for k in TEXT_KEYS), code.colour, code.id]
            for code, depth in codebook.walk()]
    return CSV_COLUMNS, rows
