"""Every name and text a caller gives qda, in NFC: the form qda stores every name and text in.

A name typed or pasted decomposed (``n`` + U+0303 for ``ñ``, as macOS writes file names and a name
copied from one arrives) finds no code, document, coder or attribute value stored composed, and a
memo, a query or a code's name given so would be stored decomposed.  The command line makes its
text parameters NFC where click hands them over (``qda.cli.group.NamesInNfc``); a library caller
passes through the doors below instead: the ``Project``'s public methods
(``qda.store.project``), the functions of ``qda.analysis`` and of named sets and saved queries
(``qda.store.sets``).  Strings are made NFC, and those inside tuples, lists, sets and dicts (an
attribute table); other values (paths, DataFrames, iterators of rows) pass as they are.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable)


def nfc(value: Any) -> Any:
    """``value`` with its strings NFC: a string, or the strings inside tuples, lists, sets and dicts."""
    if isinstance(value, str):  # ASCII is NFC, and telling so costs a tenth of asking unicodedata
        return value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if type(value) in (tuple, list, set, frozenset):
        return type(value)(map(nfc, value))
    if type(value) is dict:
        return {nfc(key): nfc(item) for key, item in value.items()}
    return value


def nfc_arguments(function: F) -> F:
    """``function`` called with every argument made NFC (``nfc``)."""

    @functools.wraps(function)
    def called(*args, **kwargs):
        if kwargs:
            return function(*map(nfc, args), **{key: nfc(value) for key, value in kwargs.items()})
        return function(*map(nfc, args))

    return called  # type: ignore[return-value]


def nfc_methods(cls: type, exempt: frozenset[str] = frozenset()) -> type:
    """``cls`` with each public method it has (its own or inherited) taking its arguments in NFC,
    but those named in ``exempt``; properties, class and static methods are left as they are."""
    for name in dir(cls):
        if name.startswith("_") or name in exempt:
            continue
        attribute = next(vars(base)[name] for base in cls.__mro__ if name in vars(base))
        if callable(attribute) and not isinstance(attribute, (staticmethod, classmethod, type)):
            setattr(cls, name, nfc_arguments(attribute))
    return cls
