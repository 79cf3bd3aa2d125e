"""The files a REFI-QDA project's sources and notes name, found inside the .qdpx (or beside a bare
.qde) and decoded as ``qda import`` decodes transcripts; nothing outside is ever read."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import unquote

from ...errors import IngestError, QdaError
from ...ingest.encoding import decode, terminal_controls_mended
from .safety import DRIVE, Archive, RefiError


def find_member(archive: Archive, reference: str, what: str, project_xml: str) -> tuple[bytes | None, str]:
    """The file a source's path names, and a note when it was found elsewhere than it says.

    ``internal://x`` is ``sources/x`` (in any case) or ``x``; a path without a scheme (qc
    writes ``doc.txt`` for ``sources/doc.txt``) is looked up the same way, inside the
    archive; ``relative://x`` is looked up there too, since tools ship such files inside.
    Anything else (``absolute://``, ``file://``) lies outside: qda reads nothing outside
    the .qdpx (or the folder of a bare .qde).  None: not found, or the ``project_xml`` itself (a path
    naming it gave its XML as the source's text; ``missing_reason`` says so)."""
    name = member_name(archive, reference)
    if name is None or name == project_xml:
        return None, ""
    internal = reference.strip().lower().startswith("internal://")
    note = "" if internal else f"{what}: its path {reference.strip()!r} read as {name!r} inside the {archive.kind}"
    return archive.read(name), note


def member_name(archive: Archive, reference: str) -> str | None:
    """The name inside the archive of the file ``reference`` names (see ``find_member``); None: none."""
    reference = reference.strip()
    scheme, sep, rest = reference.partition("://")
    if not sep:
        scheme, rest = "", reference
    scheme = scheme.lower()
    if scheme not in ("", "internal", "relative"):
        return None
    rest = rest.replace("\\", "/").lstrip("/")
    if not rest or ".." in rest.split("/") or DRIVE.match(rest):
        return None
    decoded = unquote(rest)        # "my%20notes.txt", as a URL would write it
    for candidate in dict.fromkeys((f"sources/{rest}", rest, f"sources/{decoded}", decoded)):
        name = archive.name_in_any_case(candidate)
        if name is not None:
            return name
    return None


# Why a file cannot be had, in the closing count of sources left out: each cause by itself
MISSING_CAUSES = {"project XML": "name the project XML itself as their text",
                  "outside": "name a file outside the {kind}",
                  "absent": "name a file the {kind} does not hold"}


def missing_cause(archive: Archive, reference: str, project_xml: str) -> tuple[str, str]:
    """(the cause, a key of ``MISSING_CAUSES``; why the file cannot be had, and what would bring it in)."""
    if member_name(archive, reference) == project_xml:
        return "project XML", f"its file {reference.strip()!r} is the project XML ({project_xml}), not a text of its own"
    reference = reference.strip()
    scheme, sep, rest = reference.partition("://")
    scheme = scheme.lower() if sep else ""
    if scheme not in ("", "internal", "relative"):
        return "outside", f"its file {reference!r} lies outside the {archive.kind}; qda reads only files inside it"
    if scheme == "relative":
        return "absent", (f"its file {reference!r} is not in the {archive.kind} (a relative:// file lies beside the "
                          f"project on its author's machine: put it in sources/ as {rest.lstrip('/')!r} to import it)")
    return "absent", f"its file {reference!r} is not in the {archive.kind}"


def missing_reason(archive: Archive, reference: str, project_xml: str) -> str:
    """Why a file cannot be had, and what would bring it in."""
    return missing_cause(archive, reference, project_xml)[1]


def missing_summary(causes: dict[str, int], total: int, kind: str) -> str:
    """The closing line over sources left out, each cause counted: "3 source(s) of 9 NOT imported
    (see above): 1 name the project XML itself as their text; 2 name a file the archive does not hold"."""
    said = "; ".join(f"{count} {MISSING_CAUSES[cause].format(kind=kind)}"
                     for cause, count in sorted(causes.items(), key=lambda item: list(MISSING_CAUSES).index(item[0])))
    return f"{sum(causes.values())} source(s) of {total} NOT imported (see above): {said}"


def read_member(archive: Archive, reference: str, what: str, missing: list[str], project_xml: str) -> bytes | None:
    """A note's file (see ``find_member``); None, with a line in ``missing``, if it cannot be found."""
    data, _note = find_member(archive, reference, what, project_xml)
    if data is None:
        missing.append(f"{what}: {missing_reason(archive, reference, project_xml)}")
    return data


def decode_member(data: bytes, path: Path, what: str, adjusted: list[str]) -> str:
    """A text file of the archive, decoded as ``qda import`` decodes a transcript; an encoding
    other than the Unicode ones (UTF-8 as the standard asks, or marked by a BOM) is said in ``adjusted``."""
    if not data.strip():
        return ""          # an empty source is reported as such by its reader
    try:
        text, encoding = decode(data, path, wanted="its text in UTF-8, as REFI-QDA asks of a plain-text source")
    except IngestError as error:
        raise RefiError(path, f"{what}: {error.problem}") from error
    if encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        adjusted.append(f"{what}: not UTF-8 as the standard asks; read as {encoding}")
    notes: list[str] = []
    text = terminal_controls_mended(text, notes)  # one space a character: the selections' positions hold
    adjusted.extend(f"{what}: {note}" for note in notes)
    return text


def docx_text(data: bytes, path: Path, what: str) -> tuple[str, list[str]]:
    """A rich-text source's .docx as text, and what the .docx import says of it (tracked changes,
    hidden text, headers, comments, numbers left out): the other program counted its positions
    in its own plain text of this file, so each may be why a coding lands off its words."""
    from ...ingest.docx_reader import read_docx_text
    with tempfile.TemporaryDirectory(prefix="qda-refi-") as folder:
        target = Path(folder) / "source.docx"
        target.write_bytes(data)
        try:
            read = read_docx_text(target)
        except QdaError as error:
            raise RefiError(path, f"{what}: {getattr(error, 'problem', error)}") from error
        return read.text, read.warnings
