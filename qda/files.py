"""Files qda writes appear whole or not at all.

Every file qda creates (a project, a copy for a coder, a quote export, a
picture, a .qdpx) is written under a temporary name beside its final one,
flushed to disk and then renamed into place, so that a kill, a crash or a
full disk leaves either the complete file or nothing at its name.  Use::

    with atomic_output("quotes.csv") as temporary:
        frame.to_csv(temporary)

The temporary file is ``.<stem>.partial-<pid><suffix>`` (the suffix kept, so
that writers which choose a format by suffix still do).  One left behind by
a killed process is removed by the next write to the same name.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import FileError, QdaError

PRIVATE = 0o600  # exports hold interview text: owner only, like the project file
PARTIAL = ".partial-"
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_SIDE_FILES = {"-wal": "write-ahead log", "-shm": "shared-memory index", "-journal": "journal"}

_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file is too large for this file system",
    errno.ENAMETOOLONG: "the name is too long",
}


def describe(error: OSError) -> str:
    """What went wrong with a file, in words a researcher can act on."""
    return _PROBLEMS.get(error.errno, error.strerror or str(error))


_NOT_REGULAR = ((stat.S_ISDIR, "a folder, not a file"), (stat.S_ISFIFO, "a named pipe (FIFO), not a saved file"),
                (stat.S_ISCHR, "a device, not a saved file"), (stat.S_ISBLK, "a device, not a saved file"),
                (stat.S_ISSOCK, "a socket, not a saved file"))


def read_whole(path: str | Path) -> bytes:
    """The bytes of a file a researcher gives qda to read (a codebook, a table, a stop list, a transcript).

    Opened without waiting and refused unless it is a regular file: ``path.read_bytes()`` on a named
    pipe nobody writes to waited forever (``qda codebook --import`` of a FIFO never ended), and a
    device never ends.  Raises OSError, its ``strerror`` saying what the file is instead."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once for reading, writer or not
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        for kind, said in _NOT_REGULAR:
            if kind(mode):
                raise OSError(errno.EINVAL, said, str(path))
        return handle.read()


def refuse_database_in_use(path: Path, role: str, error: type[FileError] = FileError) -> None:
    """Raise ``error`` when ``path`` is an SQLite database in use (its -wal or -shm beside it: a
    qda project open here or elsewhere) or one of those files, judged by names alone.  ``role``
    says what the file was taken for ("a table to read").  Such a file is never to be read or
    replaced: closing a descriptor qda opened on it drops every POSIX lock SQLite holds on it in
    this process, after which another process deletes the write-ahead log still in use here
    (sqlite.org/howtocorrupt.html, section 2.2); writing over it destroys the project."""
    for side, kind in SQLITE_SIDE_FILES.items():
        base = path.name.removesuffix(side)
        if base not in ("", path.name) and path.with_name(base).is_file():
            raise error(path, f"SQLite's {kind} of {base}, not {role}")
    for side in ("-wal", "-shm"):
        if path.with_name(path.name + side).exists() and path.exists():
            raise error(path, f"a database in use ({path.name}{side} is beside it), not {role}")


def _is_database(path: Path) -> bool:
    """True when ``path`` is an SQLite file (a project named like an output: ``qda stats study.csv
    -o study.csv``).  Read only where no SQLite connection uses it (``refuse_database_in_use``)."""
    if not path.is_file():
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def check_output_folder(path: Path) -> None:
    """Raise FileError unless ``path`` can be written: its folder exists and is writable, it is not a folder."""
    folder = path.parent
    if not folder.is_dir():
        raise FileError(path, f"the folder {folder} does not exist")
    if path.is_dir():
        raise FileError(path, "is a folder; name a file")
    if not os.access(folder, os.W_OK):
        raise FileError(path, f"cannot write in the folder {folder} ({_folder_problem(folder)})")


def _folder_problem(folder: Path) -> str:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return describe(OSError(errno.EROFS, ""))
    except (OSError, AttributeError):
        pass
    return describe(OSError(errno.EACCES, ""))


def partial_name(path: Path, pid: int | None = None) -> Path:
    return path.with_name(f".{path.stem}{PARTIAL}{pid or os.getpid()}{path.suffix}")


def remove_with_side_files(path: Path) -> None:
    """Remove a file and SQLite's journal files beside it, if any."""
    for candidate in (path, *(path.with_name(path.name + side) for side in SQLITE_SIDE_FILES)):
        try:
            candidate.unlink(missing_ok=True)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_partials(path: Path) -> None:
    """Remove temporary files for ``path`` left by processes that no longer run."""
    prefix = f".{path.stem}{PARTIAL}"
    try:
        candidates = list(path.parent.glob(f".{_glob_escape(path.stem)}{PARTIAL}*{_glob_escape(path.suffix)}"))
    except OSError:
        return
    for candidate in candidates:
        pid = candidate.name[len(prefix):len(candidate.name) - len(path.suffix)]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            remove_with_side_files(candidate)


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is still atomic
    finally:
        os.close(fd)


@contextmanager
def atomic_output(path: str | Path, mode: int = PRIVATE, replace: bool = True, create: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error, the file
    written there is synced to disk and renamed to ``path``.  On any error it is removed
    and ``path`` is left as it was.

    ``mode``: the file's permissions (owner only unless asked otherwise: exports hold quotes).
    ``replace=False``: refuse (FileError) if a file appears at ``path`` meanwhile, instead
    of replacing it.  ``create=False``: the temporary file is not made in advance (for
    writers that insist on creating their file, like a new SQLite project).
    Errors of the file system (missing folder, no permission, full disk, read-only) are
    raised as one FileError naming ``path``."""
    path = Path(path)
    check_output_folder(path)
    refuse_database_in_use(path, "a file to write over")
    if replace and _is_database(path):
        raise FileError(path, "an SQLite database (a qda project?), not a file to write over; name another file")
    if not replace and path.exists():
        raise FileError(path, "a file is already there; choose another name or remove it first")
    sweep_partials(path)
    temporary = partial_name(path)
    remove_with_side_files(temporary)
    try:
        if create:
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode))
        yield temporary
        if not temporary.exists():
            raise FileError(path, "nothing was written")
        os.chmod(temporary, mode)
        _fsync(temporary)
        if replace:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
        _fsync_folder(path.parent)
    except OSError as error:
        remove_with_side_files(temporary)
        raise FileError(path, f"cannot write ({describe(error)}); nothing was written") from error
    except BaseException:
        remove_with_side_files(temporary)
        raise
    finally:
        for side in SQLITE_SIDE_FILES:
            temporary.with_name(temporary.name + side).unlink(missing_ok=True)


def _link_new(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` unless a file is there: a hard link fails on an
    existing name where a rename would replace it."""
    try:
        os.link(temporary, path)
    except FileExistsError as error:
        raise FileError(path, "a file is already there; choose another name or remove it first") from error
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():
            raise FileError(path, "a file is already there; choose another name or remove it first") from error
        os.replace(temporary, path)
        return
    temporary.unlink()


def write_private(path: str | Path, data: bytes, mode: int = PRIVATE) -> Path:
    """Write ``data`` to ``path`` whole, with permissions ``mode``."""
    path = Path(path)
    with atomic_output(path, mode) as temporary:
        temporary.write_bytes(data)
    return path


def parse_mode(text: str) -> int:
    """"600", "0640" or "0o644" -> the permission bits; QdaError for anything else."""
    digits = text.strip().lower().removeprefix("0o")
    if not digits or len(digits) > 4 or any(c not in "01234567" for c in digits):
        raise QdaError(f"permissions {text!r} are not octal like 600 or 644")
    return int(digits, 8) & 0o777
