"""Files qda writes for the user: whole or not at all, and as private as the project.

An export holds interview text, so it is created readable by its owner only
(0600, like the project file) unless the caller asks for other permissions.
It is written beside its final name and renamed into place, so a reader (or a
crash) never meets half a file.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import QdaError

PRIVATE = 0o600


def parse_mode(text: str) -> int:
    """"600", "0640" or "0o644" -> the permission bits; QdaError for anything else."""
    digits = text.strip().lower().removeprefix("0o")
    if not digits or len(digits) > 4 or any(c not in "01234567" for c in digits):
        raise QdaError(f"permissions {text!r} are not octal like 600 or 644")
    return int(digits, 8) & 0o777


@contextmanager
def written(path: str | Path, mode: int = PRIVATE) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; on leaving, it gets ``mode`` and replaces ``path``.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    OSError (missing folder, no permission, full disk) becomes a QdaError naming ``path``."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or ".")
    except OSError as error:
        raise QdaError(f"{path}: cannot write there ({error.strerror})") from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise QdaError(f"{path}: cannot write ({error.strerror})") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_private(path: str | Path, data: bytes, mode: int = PRIVATE) -> Path:
    """Write ``data`` to ``path`` whole, with permissions ``mode``."""
    path = Path(path)
    with written(path, mode) as temporary:
        temporary.write_bytes(data)
    return path
