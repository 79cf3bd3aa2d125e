"""Walking a parsed REFI-QDA tree: local names, children by name, text."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from .common import split_tag
from .safety import RefiError


def strip_namespaces(root: Element, pattern: re.Pattern[str], path: Path, what: str) -> None:
    """Check the root's namespace against ``pattern`` (any urn:QDA-XML version), then give
    every element its local name, so that the readers need not know the version."""
    ns, local = split_tag(root.tag)
    if not pattern.match(ns):
        raise RefiError(path, f"the root element is {{{ns}}}{local}, not a REFI-QDA {what} (namespace urn:QDA-XML:{what}:1.0)")
    local_names: dict[str, str] = {}
    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str) and tag.startswith("{"):
            local = local_names.get(tag)
            if local is None:
                local = local_names[tag] = tag.rpartition("}")[2]
            element.tag = local


def kids(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [child for child in element if child.tag == name]


def kid(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for child in element:
        if child.tag == name:
            return child
    return None


def text_of(element: Element | None) -> str:
    return "" if element is None or element.text is None else element.text
