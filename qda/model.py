"""The nouns of qda as frozen values (``Value``: what ``@dataclass(frozen=True)`` gives).

They carry data between the store, the analysis, the exports and the UI and
know nothing of SQL or screens.  Offsets are half-open ``[start, end)`` spans
of Unicode code points in a document's canonical text (see ``qda.text``).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import ClassVar, Iterator, Mapping

from .controls import CONTROLS, one_of

PATH_SEPARATOR = " > "

# The rules ``qda.ingest.segment`` splits sentences by, numbered: a project stores the number its documents'
# sentences were split by ("segmenter", absent in projects of before), and `qda resegment` splits them again.
# 1: spaCy's sentencizer, brackets and titles mended; 2 (1ed79b9, b9c5c98): the marks that open a sentence
# (¿ ¡ « “) start it, and a transcription tool's line is a sentence of its own.
SEGMENTER = 2


def split_path(path: str) -> list[str]:
    """``"A > B"`` -> ``["A", "B"]``; tolerant of spacing around ``>``."""
    return [part.strip() for part in path.split(">") if part.strip()]


def join_path(names: list[str] | tuple[str, ...]) -> str:
    return PATH_SEPARATOR.join(names)


def names_apart(names: list[str], plain: str = ", ", first: int | None = None) -> str:
    """People's names (speakers, coders; the ``first`` of them, if given) in one text: joined by ``plain``,
    or by "; " when any name holds a comma, as Teams writes speakers ("Huamán, Marta; Ccori, Julio"
    would otherwise read as four names)."""
    return ("; " if any("," in name for name in names) else plain).join(names[:first])


NOT_IN_NAMES = one_of(CONTROLS)  # every control character: names are printed where a terminal would obey one


def control_in(name: str) -> str | None:
    """The first control character of a name (a tab, a line break, a terminal's escape) as ``U+XXXX``,
    else None: names are printed in tables, trees and messages, where a terminal would obey it."""
    found = NOT_IN_NAMES.search(name)
    return f"U+{ord(found.group()):04X}" if found else None


COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")   # a code's colour: #RRGGBB

# Codes nested deeper than this in a file from outside are refused: real codebooks have a few
# levels, and a tree of thousands (a damaged or hostile export) would exhaust what reads it.
MAX_CODE_DEPTH = 100


class Value:
    """A frozen value: its fields are its ``__init__``'s parameters, set once; compared, hashed and
    shown by them, as ``@dataclass(frozen=True)`` would make it.  Written here rather than made by
    ``dataclasses``, which compiles each class's methods from source text in every process: the nine
    nouns cost every `qda` command 39 M instructions (~9 ms, a twentieth of a command on 1,000
    transcripts, 2026-12-01), where these methods come compiled from the .pyc."""

    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        code = cls.__init__.__code__
        cls.FIELDS = code.co_varnames[1:code.co_argcount]

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a {type(self).__name__}: it is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a {type(self).__name__}: it is frozen")

    def field_values(self) -> tuple:
        """The fields' values, in ``FIELDS`` order."""
        return tuple(self.__dict__[name] for name in self.FIELDS)

    def replace(self, **changes) -> "Value":
        """A copy with ``changes`` (field: value), as ``dataclasses.replace``."""
        return type(self)(**{**dict(zip(self.FIELDS, self.field_values())), **changes})

    def __eq__(self, other) -> bool:
        return self.field_values() == other.field_values() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        return hash(self.field_values())

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{name}={value!r}' for name, value in zip(self.FIELDS, self.field_values()))})"


class Code(Value):
    """A code of the codebook: its name, its parent's id (None at the top), its guidance and its place among siblings."""

    def __init__(self, id: str, name: str, parent_id: str | None = None, definition: str = "", when_to_use: str = "",
                 when_not_to_use: str = "", example: str = "", colour: str = "", position: int = 0) -> None:
        self.__dict__.update(id=id, name=name, parent_id=parent_id, definition=definition, when_to_use=when_to_use,
                             when_not_to_use=when_not_to_use, example=example, colour=colour, position=position)


class Codebook(Value):
    """A tree of codes, held flat with parent ids; siblings ordered by ``position``."""

    def __init__(self, name: str = "", description: str = "", codes: tuple[Code, ...] = ()) -> None:
        self.__dict__.update(name=name, description=description, codes=codes)

    @cached_property
    def by_id(self) -> dict[str, Code]:
        return {code.id: code for code in self.codes}

    @cached_property
    def _children(self) -> dict[str | None, list[Code]]:
        children: dict[str | None, list[Code]] = {}
        for code in self.codes:
            children.setdefault(code.parent_id, []).append(code)
        for siblings in children.values():
            siblings.sort(key=lambda c: (c.position, c.name))
        return children

    @cached_property
    def paths(self) -> dict[str, str]:
        """Code id -> path such as ``"Institutional response > Police"``."""
        paths: dict[str, str] = {}
        for code, _depth in self.walk():
            parent = paths.get(code.parent_id) if code.parent_id else None
            paths[code.id] = f"{parent}{PATH_SEPARATOR}{code.name}" if parent else code.name
        return paths

    @cached_property
    def _by_path(self) -> dict[str, Code]:
        return {path.casefold(): self.by_id[code_id] for code_id, path in self.paths.items()}

    def children(self, code_id: str | None = None) -> list[Code]:
        return list(self._children.get(code_id, []))

    @property
    def roots(self) -> list[Code]:
        return self.children(None)

    def walk(self, code_id: str | None = None, depth: int = 0) -> Iterator[tuple[Code, int]]:
        """Depth-first, in codebook order: (code, depth) pairs below ``code_id``.  A stack, not
        recursion: a tree however deep (a file of another tool, a script's codes) is walked."""
        stack = [(iter(self._children.get(code_id, ())), depth)]
        while stack:
            siblings, level = stack[-1]
            child = next(siblings, None)
            if child is None:
                stack.pop()
                continue
            yield child, level
            stack.append((iter(self._children.get(child.id, ())), level + 1))

    def subtree_ids(self, code_id: str) -> list[str]:
        """The code and all its descendants."""
        return [code_id] + [code.id for code, _ in self.walk(code_id)]

    def path(self, code_id: str) -> str:
        return self.paths[code_id]

    def find(self, path_or_name: str) -> Code | None:
        """A code by full path (case-insensitive), else by a unique name or path suffix."""
        wanted = PATH_SEPARATOR.join(split_path(path_or_name)).casefold()
        if wanted in self._by_path:
            return self._by_path[wanted]
        matches = [
            code
            for path, code in self._by_path.items()
            if path.endswith(PATH_SEPARATOR.casefold() + wanted)
        ]
        return matches[0] if len(matches) == 1 else None

    def ancestors(self, code_id: str) -> list[Code]:
        """From the root down to the parent of ``code_id``."""
        chain: list[Code] = []
        parent = self.by_id[code_id].parent_id
        while parent is not None:
            chain.append(self.by_id[parent])
            parent = self.by_id[parent].parent_id
        return chain[::-1]

    def depth(self, code_id: str) -> int:
        return len(self.ancestors(code_id))

    def __len__(self) -> int:
        return len(self.codes)


class Span(Value):
    """A half-open span ``[start, end)`` of a document's text, in code points."""

    def __init__(self, start: int, end: int) -> None:
        self.__dict__.update(start=start, end=end)


class Turn(Value):
    """A speaker's turn: the speaker's label and the span of the text they say."""

    def __init__(self, speaker: str, start: int, end: int) -> None:
        self.__dict__.update(speaker=speaker, start=start, end=end)


class Cue(Value):
    """A subtitle cue: a span of the text and its time in the recording (seconds)."""

    def __init__(self, start: int, end: int, time_start: float, time_end: float) -> None:
        self.__dict__.update(start=start, end=end, time_start=time_start, time_end=time_end)


class Document(Value):
    """An imported transcript: its canonical text (NFC, never changed after import), its hash and attributes."""

    def __init__(self, id: str, name: str, text: str, sha256: str, words: int = 0, language: str = "", source: str = "",
                 imported: str = "", attributes: Mapping[str, str] | None = None) -> None:
        self.__dict__.update(id=id, name=name, text=text, sha256=sha256, words=words, language=language, source=source,
                             imported=imported, attributes={} if attributes is None else attributes)


class Coder(Value):
    """Who made a coding, a memo or an action."""

    def __init__(self, id: str, name: str) -> None:
        self.__dict__.update(id=id, name=name)


class Coding(Value):
    """A span ``[start, end)`` of a document coded with a code by a coder, with its time and memo."""

    def __init__(self, id: str, document_id: str, code_id: str, coder_id: str, start: int, end: int, created: str,
                 memo: str = "") -> None:
        self.__dict__.update(id=id, document_id=document_id, code_id=code_id, coder_id=coder_id, start=start, end=end,
                             created=created, memo=memo)


class Memo(Value):
    """A coder's note on the project, a document or a code."""

    def __init__(self, id: str, target_kind: str, target_id: str, coder_id: str, text: str, created: str,
                 modified: str) -> None:
        """``target_kind``: "project", "document" or "code"."""
        self.__dict__.update(id=id, target_kind=target_kind, target_id=target_id, coder_id=coder_id, text=text,
                             created=created, modified=modified)
