"""The coding query language: its grammar, parsed by lark, into a small tree of dataclasses.

The grammar (docs/queries.md gives each operator's meaning)::

    query      := scoped [WHERE condition (AND condition)*]
    scoped     := boolean [IN SAME (SENTENCE | PARAGRAPH | TURN | DOCUMENT)]
    boolean    := and (OR and)*
    and        := not (AND not)*
    not        := NOT not | relation
    relation   := operand (relop operand)*           left to right
    relop      := OVERLAPPING | ENCLOSING | ENCLOSED BY | FOLLOWED BY
                | FOLLOWED WITHIN n SENTENCES BY | WITHIN n SENTENCES OF
    operand    := code [BY coder (, coder)*] | ( scoped )
    condition  := attribute = value | attribute != value | attribute IN (value, ...)
                | SET = name | SET IN (name, ...) | CODER = name | CODER IN (name, ...)

Keywords are case-insensitive and whole words: each terminal stops where a name's
characters stop, so "Orden" is a name, not OR then "den" ("Andes Orden" read as
"Andes OR den").  A code, attribute, value or name is a bare word that is no keyword
(``WORD`` leaves them out) or a quoted string ("Distrust of police", "NOT").  lark is imported
when a query is parsed, not when qda starts.  A syntax error is a ``QueryError`` naming
the column where the query stops making sense.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..errors import QdaError

GRAMMAR = r"""
?start: query
query: scoped where?
?scoped: boolean
       | boolean _IN _SAME UNIT              -> same_unit
?boolean: conj (_OR conj)*                   -> or_
?conj: negation (_AND negation)*             -> and_
?negation: _NOT negation                     -> not_
         | relation
?relation: operand (relop operand)*
relop: OVERLAPPING                           -> overlapping
     | ENCLOSING                             -> enclosing
     | ENCLOSED _BY                          -> enclosed_by
     | FOLLOWED _BY                          -> followed_by
     | FOLLOWED _WITHIN INT _SENTENCES _BY   -> followed_by
     | _WITHIN INT _SENTENCES _OF            -> within_sentences
?operand: code
        | "(" scoped ")"
code: name (_BY name ("," name)*)?
where: _WHERE condition (_AND condition)*
condition: name EQUALS name                  -> attribute_is
         | name NOTEQUALS name               -> attribute_is_not
         | name _IN "(" name ("," name)* ")" -> attribute_is
         | SET (EQUALS name | _IN "(" name ("," name)* ")")      -> in_set
         | CODER (EQUALS name | _IN "(" name ("," name)* ")")    -> by_coder
name: WORD | STRING

UNIT.2: /(SENTENCE|PARAGRAPH|TURN|DOCUMENT)(?![^\s()",'=!])/i
OVERLAPPING.2: /OVERLAPPING(?![^\s()",'=!])/i
ENCLOSING.2: /ENCLOSING(?![^\s()",'=!])/i
ENCLOSED.2: /ENCLOSED(?![^\s()",'=!])/i
FOLLOWED.2: /FOLLOWED(?![^\s()",'=!])/i
SET.2: /SET(?![^\s()",'=!])/i
CODER.2: /CODER(?![^\s()",'=!])/i
EQUALS: "="
NOTEQUALS: "!="
_IN.2: /IN(?![^\s()",'=!])/i
_SAME.2: /SAME(?![^\s()",'=!])/i
_OR.2: /OR(?![^\s()",'=!])/i
_AND.2: /AND(?![^\s()",'=!])/i
_NOT.2: /NOT(?![^\s()",'=!])/i
_BY.2: /BY(?![^\s()",'=!])/i
_WITHIN.2: /WITHIN(?![^\s()",'=!])/i
_SENTENCES.2: /SENTENCES?(?![^\s()",'=!])/i
_OF.2: /OF(?![^\s()",'=!])/i
_WHERE.2: /WHERE(?![^\s()",'=!])/i
INT: /[0-9]+/
WORD: /(?!(AND|OR|NOT|BY|IN|SAME|WHERE|WITHIN|SENTENCES?|OF|OVERLAPPING|ENCLOSING|ENCLOSED|FOLLOWED|SET|CODER|SENTENCE|PARAGRAPH|TURN|DOCUMENT)(?![^\s()",'=!]))[^\s()",'=!]+/i
STRING: /"[^"]*"/ | /'[^']*'/

%ignore /\s+/
"""

UNITS = ("sentence", "paragraph", "turn", "document")
RELATIONS = ("overlapping", "enclosing", "enclosed_by", "followed_by", "within_sentences")
RELATION_WORDS = {"overlapping": "OVERLAPPING", "enclosing": "ENCLOSING", "enclosed_by": "ENCLOSED BY",
                  "followed_by": "FOLLOWED BY", "within_sentences": "WITHIN n SENTENCES OF"}


class QueryError(QdaError):
    """A query that cannot be read or run: the message names the column (1-based) where it fails."""

    def __init__(self, query: str, column: int | None, problem: str, line: int = 1):
        self.query, self.column, self.problem, self.line = query, column, problem, line
        where = (f" at line {line}, column {column}" if line > 1 else f" at column {column}") if column else ""
        super().__init__(f"query{where}: {problem}")

    def caret(self) -> str:
        """The query's line with the error and a caret under the column (for a screen with room for two lines)."""
        lines = self.query.split("\n")
        text = lines[self.line - 1] if 0 < self.line <= len(lines) else self.query
        return f"{text}\n{' ' * (self.column - 1)}^" if self.column else text


# -- the tree -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Code:
    name: str
    column: int
    coders: tuple[str, ...] = ()


@dataclass(frozen=True)
class Not:
    operand: "Node"


@dataclass(frozen=True)
class And:
    operands: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    operands: tuple["Node", ...]


@dataclass(frozen=True)
class Relation:
    kind: str            # one of RELATIONS
    left: "Node"
    right: "Node"
    sentences: int = 1   # for followed_by and within_sentences


@dataclass(frozen=True)
class SameUnit:
    unit: str            # one of UNITS
    operand: "Node"


Node = Union[Code, Not, And, Or, Relation, SameUnit]


@dataclass(frozen=True)
class Condition:
    kind: str            # "attribute", "not_attribute", "set", "coder"
    name: str            # the attribute ("" for sets and coders)
    values: tuple[str, ...]
    column: int


@dataclass(frozen=True)
class Query:
    text: str
    root: Node
    conditions: tuple[Condition, ...] = ()


# -- parsing ------------------------------------------------------------------------------------

_PARSER = None


def _parser():
    global _PARSER
    if _PARSER is None:
        from lark import Lark

        _PARSER = Lark(GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False,
                       cache=_cache_file())
    return _PARSER


def _cache_file() -> str | bool:
    """Where lark keeps the parser's tables between processes (building them is most of a first query's
    parse, 0.07 s): a file in the user's own cache folder ($XDG_CACHE_HOME/qda or ~/.cache/qda), which
    lark reads back only when the grammar, its options and lark's version are the same (a hash on the
    file's first line); False (no cache) where that folder cannot be made or others may write there."""
    import os
    import sys
    from pathlib import Path

    import lark

    try:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qda"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except (OSError, RuntimeError):
        return False
    owner = getattr(os, "getuid", None)  # None on Windows, whose folders have no such mode bits: no cache
    if owner is None or status.st_uid != owner() or status.st_mode & 0o022:
        return False  # lark's cache is a pickle: read it only from a folder no one else may write to
    return str(folder / f"query-grammar-lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.cache")


EXPECTED = {
    "WORD": "a code", "STRING": "a code in quotes", "LPAR": "(", "RPAR": ")", "_NOT": "NOT", "_AND": "AND", "_OR": "OR",
    "UNIT": "sentence, paragraph, turn or document", "INT": "a whole number", "_WHERE": "WHERE", "_IN": "IN",
    "EQUALS": "=", "NOTEQUALS": "!=", "COMMA": ",", "_BY": "BY", "_OF": "OF", "_SENTENCES": "SENTENCES",
    "OVERLAPPING": "OVERLAPPING", "ENCLOSING": "ENCLOSING", "ENCLOSED": "ENCLOSED BY", "FOLLOWED": "FOLLOWED BY",
    "_WITHIN": "WITHIN", "_SAME": "SAME", "SET": "SET", "CODER": "CODER", "$END": "the end of the query",
}


KEYWORDS = {"UNIT", "OVERLAPPING", "ENCLOSING", "ENCLOSED", "FOLLOWED", "SET", "CODER", "_IN", "_SAME", "_OR", "_AND",
            "_NOT", "_BY", "_WITHIN", "_SENTENCES", "_OF", "_WHERE"}


def _expected(names) -> str:
    words = sorted({EXPECTED.get(n, n) for n in names})
    if len(words) > 6:
        return ""
    return "; expected " + (" or ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " or " + words[-1])


def parse(text: str) -> Query:
    """The query ``text`` as a tree; raises ``QueryError`` naming the column of a syntax error.  The text is
    read in NFC, as qda stores every name (``qda.nfc``): "Niñez" typed with a combining tilde finds the code."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

    from ..nfc import nfc

    text = nfc(text)

    if not (text or "").strip():
        raise QueryError(text or "", None, "the query is empty; write codes joined by operators, e.g. "
                                           "\"Distrust of police\" AND NOT \"Familial framing\"")
    try:
        tree = _parser().parse(text)
    except UnexpectedToken as error:
        token = error.token
        if token.type == "$END":
            end = len(text.rstrip())
            raise QueryError(text, _column(text, end), "the query ends too soon" + _expected(error.expected),
                             text.count("\n", 0, end) + 1) from None
        hint = ""
        if token.type in KEYWORDS and error.expected & {"WORD", "STRING"}:
            hint = f" (a name that is also a keyword goes in quotes: \"{token}\")"
        elif (token.type in ("WORD", "STRING") or token.type in KEYWORDS) and "_AND" in error.expected:
            hint = " (a name of several words goes in quotes; between two codes goes AND, OR or a relation)"
        raise QueryError(text, error.column, f"unexpected {str(token)!r}" + _expected(error.expected) + hint,
                         error.line) from None
    except UnexpectedCharacters as error:
        character = text[error.pos_in_stream] if error.pos_in_stream < len(text) else ""
        problem = ("a quotation mark that is never closed" if character in "\"'" else f"unexpected {character!r}")
        raise QueryError(text, error.column, problem + _expected(error.allowed or ()), error.line) from None
    except UnexpectedEOF as error:
        raise QueryError(text, _column(text, len(text)), "the query ends too soon" + _expected(error.expected)) from None
    except UnexpectedInput as error:  # pragma: no cover - lark's other syntax errors
        raise QueryError(text, getattr(error, "column", None), "cannot be read") from None
    nesting = _nesting(tree)
    if nesting > MAX_NESTING:
        raise QueryError(text, None, f"the query nests {nesting} levels deep (parentheses, NOT and relations "
                                     f"inside one another); qda reads at most {MAX_NESTING}")
    return _build(text, tree)


# Far deeper than any query a person writes, and shallow enough that building and running the
# tree (both recursive, two frames a level at most) stays well inside Python's recursion limit.
MAX_NESTING = 100


def _nesting(tree) -> int:
    """How deep a parsed query nests, as its writer counts: a level for each parenthesis (lark
    makes an ``or_`` of each, and one of the whole query), NOT, IN SAME and relation operator;
    measured with a stack, before anything recursive reads the tree."""
    deepest, stack = 0, [(tree, 0)]
    while stack:
        node, level = stack.pop()
        kind = node.data
        level += (1 if kind in ("or_", "not_", "same_unit") else
                  len(node.children) // 2 if kind == "relation" else 0)
        deepest = max(deepest, level)
        stack.extend((child, level) for child in node.children if hasattr(child, "data"))
    return deepest - 1


def _column(text: str, offset: int) -> int:
    line_start = text.rfind("\n", 0, offset) + 1
    return offset - line_start + 1


def _name(tree) -> tuple[str, int]:
    token = tree.children[0]
    value = str(token)
    if token.type == "STRING":
        value = value[1:-1]
    return value.strip(), token.column


def _build(text: str, tree) -> Query:
    conditions: list[Condition] = []
    root = None
    for child in tree.children:
        if getattr(child, "data", None) == "where":
            conditions = [_condition(c) for c in child.children]
        else:
            root = _node(child)
    return Query(text, root, tuple(conditions))


def _node(tree) -> Node:
    kind = tree.data
    if kind == "code":
        names = [_name(c) for c in tree.children]
        (name, column), coders = names[0], tuple(n for n, _ in names[1:])
        return Code(name, column, coders)
    if kind == "not_":
        return Not(_node(tree.children[0]))
    if kind in ("and_", "or_"):
        operands = tuple(_node(c) for c in tree.children)
        return operands[0] if len(operands) == 1 else (And if kind == "and_" else Or)(operands)
    if kind == "same_unit":
        return SameUnit(str(tree.children[1]).lower(), _node(tree.children[0]))
    if kind == "relation":
        node = _node(tree.children[0])
        for op, right in zip(tree.children[1::2], tree.children[2::2]):
            numbers = [int(t) for t in op.children if getattr(t, "type", "") == "INT"]
            node = Relation(op.data, node, _node(right), numbers[0] if numbers else 1)
        return node
    raise AssertionError(f"unknown node {kind}")  # pragma: no cover - the grammar makes no other


def _condition(tree) -> Condition:
    children = [c for c in tree.children if getattr(c, "data", None) == "name"]
    names = [_name(c) for c in children]
    if tree.data in ("in_set", "by_coder"):
        keyword = tree.children[0]
        return Condition("set" if tree.data == "in_set" else "coder", "", tuple(n for n, _ in names), keyword.column)
    (attribute, column), values = names[0], tuple(n for n, _ in names[1:])
    return Condition("attribute" if tree.data == "attribute_is" else "not_attribute", attribute, values, column)
