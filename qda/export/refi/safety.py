"""Untrusted REFI-QDA files: the zip checked before anything is read, XML parsed defused.

A .qdpx or .qdc comes from someone else's machine.  Before a single member is
decompressed, every entry is checked: no absolute names, no ``..``, no links,
at most ``MAX_ENTRIES`` entries, at most ``MAX_TOTAL`` bytes uncompressed in
all and no entry that inflates more than ``MAX_RATIO`` times.  Members are
read into memory (never extracted to disk by their own names), and the sizes
the zip declares are enforced while reading.  XML is parsed with DTDs, entity
declarations and external references forbidden: a document in UTF-8 (or
ASCII, or Latin-1) with no ``<!DOCTYPE`` and no ``<!ENTITY`` anywhere in its
bytes cannot declare a DTD or an entity, so it goes to the standard library's
expat parser and C tree builder (several times faster); any other document
goes through defusedxml, which refuses those declarations as it meets them.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ...errors import FileError
from ...files import refuse_database_in_use

MAX_ENTRIES = 100_000
MAX_TOTAL = 2 * 1024**3          # 2 GiB uncompressed in all
MAX_RATIO = 200                  # uncompressed / compressed, per entry ...
RATIO_FLOOR = 1024 * 1024        # ... for entries larger than 1 MiB (tiny files compress well legitimately)
DRIVE = re.compile(r"^[A-Za-z]:")


class RefiError(FileError):
    """A REFI-QDA file that qda refuses or cannot read."""


@dataclass
class Archive:
    """The checked entries of a .qdpx, read on demand and only within the caps."""

    path: Path
    zip: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    _by_lower: dict[str, str] | None = field(default=None, repr=False)
    kind: str = "archive"                  # how messages name where members are looked for

    def names(self) -> list[str]:
        return list(self.entries)

    def name_in_any_case(self, name: str) -> str | None:
        """The entry called ``name`` in upper, lower or mixed case, if any."""
        if self._by_lower is None:
            self._by_lower = {entry.lower(): entry for entry in self.entries}
        return self._by_lower.get(name.lower())

    def read(self, name: str) -> bytes:
        info = self.entries[name]
        try:
            with self.zip.open(info) as member:
                data = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as error:
            raise RefiError(self.path, f"the entry {name!r} is damaged or truncated ({error})") from error
        except Exception as error:  # zlib.error and friends
            raise RefiError(self.path, f"the entry {name!r} cannot be decompressed ({error})") from error
        if len(data) != info.file_size:
            raise RefiError(self.path, f"the entry {name!r} is not the size the zip declares")
        return data

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_name(path: Path, name: str) -> None:
    if not name or "\x00" in name:
        raise RefiError(path, "refused: an entry has an empty name or a NUL byte in its name")
    if name.startswith(("/", "\\")) or DRIVE.match(name):
        raise RefiError(path, f"refused: the entry {name!r} has an absolute path")
    parts = re.split(r"[\\/]", name)
    if ".." in parts:
        raise RefiError(path, f"refused: the entry {name!r} points outside the archive ('..')")


def open_archive(path: str | Path, max_entries: int = MAX_ENTRIES, max_total: int = MAX_TOTAL,
                 max_ratio: int = MAX_RATIO) -> Archive:
    """Open and check a zip; raises RefiError before anything is decompressed if it is unsafe."""
    path = Path(path)
    if not path.is_file():
        raise RefiError(path, "no such file" if not path.exists() else "not a file")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise RefiError(path, f"not a readable zip archive (truncated or damaged: {error})") from error
    except OSError as error:
        raise RefiError(path, f"cannot read the file ({error.strerror})") from error
    try:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise RefiError(path, f"refused: {len(infos)} entries, more than the {max_entries} allowed")
        total = 0
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            check_name(path, info.filename)
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                raise RefiError(path, f"refused: the entry {info.filename!r} is a symbolic link")
            if info.flag_bits & 0x1:
                raise RefiError(path, f"refused: the entry {info.filename!r} is encrypted")
            if info.is_dir():
                continue
            total += info.file_size
            if total > max_total:
                raise RefiError(path, f"refused: more than {max_total // 1024**2} MiB once uncompressed (a zip bomb?)")
            if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
                raise RefiError(path, f"refused: the entry {info.filename!r} would inflate {info.file_size // max(info.compress_size, 1)} "
                                      f"times (more than {max_ratio}; a zip bomb?)")
            key = str(PurePosixPath(info.filename.replace("\\", "/")))
            if key in entries:
                raise RefiError(path, f"refused: the entry {info.filename!r} appears twice")
            entries[key] = info
        return Archive(path, archive, entries)
    except BaseException:
        archive.close()
        raise


class Folder:
    """A project XML given alone (``project.qde``, not zipped): the XML itself, and the files
    its sources name looked up in its folder (``sources/`` beside it, in any case), never
    outside that folder.  Same reading interface as ``Archive``."""

    def __init__(self, path: Path):
        self.path = path
        self.root = path.resolve().parent
        self.kind = f"folder {self.root} (beside the project XML)"

    def names(self) -> list[str]:
        return [self.path.name]

    def name_in_any_case(self, name: str) -> str | None:
        folder = self.root
        for part in PurePosixPath(name).parts:
            if part in ("", ".", "..") or not folder.is_dir():
                return None
            try:
                found = {child.name.lower(): child.name for child in folder.iterdir()}.get(part.lower())
            except OSError:
                return None
            if found is None:
                return None
            folder = folder / found
        if not folder.is_file() or folder.is_symlink() or self.root not in folder.resolve().parents:
            return None
        return str(folder.relative_to(self.root))

    def read(self, name: str) -> bytes:
        target = self.path if name == self.path.name else self.root / name
        refuse_database_in_use(target, "a source of the project", RefiError)
        try:
            if target.stat().st_size > MAX_TOTAL:
                raise RefiError(self.path, f"refused: {name} is larger than {MAX_TOTAL // 1024**2} MiB")
            return target.read_bytes()
        except OSError as error:
            raise RefiError(self.path, f"cannot read {name} ({error.strerror})") from error

    def close(self) -> None:
        pass

    def __enter__(self) -> "Folder":
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def open_project_file(path: str | Path) -> Archive | Folder:
    """A .qdpx as a checked ``Archive``, or a bare project XML (it starts with ``<``, after a
    BOM and blanks, or is UTF-16) as a ``Folder``."""
    path = Path(path)
    refuse_database_in_use(path, "a REFI-QDA project", RefiError)
    if path.is_file():
        try:
            with path.open("rb") as handle:
                head = handle.read(64)
        except OSError as error:
            raise RefiError(path, f"cannot read the file ({error.strerror})") from error
        body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        if body.lstrip().startswith(b"<") or body[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return Folder(path)
    return open_archive(path)


_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^?]*?\sencoding\s*=\s*["']([^"']*)["']""")
# Encodings expat reads natively in which "<!DOCTYPE" is those very bytes.
_FAST_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1", b"latin1"}
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")


def natively_encoded(data: bytes) -> bool:
    """True when ``data`` is XML in an ASCII-compatible encoding expat reads natively, in
    which ``<!DOCTYPE`` and ``<!ENTITY`` would be those very bytes."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body.startswith(b"<") or body[1:2] == b"\x00":      # UTF-16/32 or text before the root
        return False
    if body.startswith(b"<?xml"):
        end = body.find(b"?>", 0, 1024)
        if end < 0:
            return False
        declared = _DECLARED_ENCODING.match(body[:end])
        if declared and declared.group(1).strip().lower() not in _FAST_ENCODINGS:
            return False
    return True


def declares_nothing(data: bytes) -> bool:
    """True when ``data`` is natively encoded XML whose bytes hold no ``<!DOCTYPE`` or
    ``<!ENTITY``: then it has no DTD, so it can declare no entity, internal or external
    (expat refuses an undeclared one as not well-formed).  False says only "check the
    slow way" (a UTF-16 file, a DOCTYPE inside a comment...)."""
    return natively_encoded(data) and not any(marker in data for marker in _DECLARATIONS)


def parse_xml(data: bytes, path: str | Path, what: str, declares_none: bool = False) -> Element:
    """Parse untrusted XML: no DTD, no entity declarations, no external references.
    ``declares_none``: the caller has already found ``declares_nothing(data)`` true."""
    try:
        if declares_none or declares_nothing(data):
            parser = XMLParser(target=TreeBuilder())
            parser.feed(data)
            return parser.close()
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise RefiError(path, f"refused: {what} declares a DTD, entities or external references, "
                              f"which qda never reads ({type(error).__name__})") from error
    except ParseError as error:
        raise RefiError(path, f"{what} is not well-formed XML ({error})") from error
    except (ValueError, UnicodeError) as error:
        raise RefiError(path, f"{what} is not readable XML ({error})") from error
