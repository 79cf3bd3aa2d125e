"""Where the words of a text begin: ``qda.text.WORD``'s matches, found with array operations.

A document's text never changes after import, so its word starts are found once, when
the document is stored (``qda.store.words``), and kept beside it as a blob of
little-endian unsigned 32-bit code-point offsets (``pack`` / ``unpack``): counting the
words a coding covers is then a binary search, never a scan of the text.

numpy is imported when a text is scanned, not when this module is.
"""

from __future__ import annotations

import sys
from array import array
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    import numpy as np

JOINERS = ("-", "'", "\u2019")
OTHER, WORD_CHARACTER, JOINER = 0, 1, 2
BATCH_CHARACTERS = 4_000_000  # texts scanned together: one pass of array operations, memory bounded

_CLASSES = None


def _classes() -> "np.ndarray":
    """For each code point of the Basic Multilingual Plane: a word character (regex ``\\w``), a joiner or other."""
    global _CLASSES
    if _CLASSES is None:
        import numpy as np

        classes = np.array([chr(c).isalnum() or c == 0x5F for c in range(0x10000)], dtype=np.uint8)
        classes[[ord(j) for j in JOINERS]] = JOINER
        _CLASSES = classes
    return _CLASSES


def word_starts(text: str) -> "np.ndarray":
    """Offsets (int64) where the words of ``qda.text.WORD`` begin in ``text``.

    A word begins at a word character not preceded by one, nor by a single
    hyphen or apostrophe that itself follows a word character ("well-known" is one word).
    A text of the Basic Multilingual Plane only (nearly every transcript) is read as
    UTF-16 code units, one a code point; one with astral characters as UTF-32."""
    import numpy as np

    if not text:
        return np.zeros(0, dtype=np.int64)
    encoded = text.encode("utf-16-le", "surrogatepass")
    if len(encoded) == 2 * len(text):  # no astral character: a code unit is a code point
        classes = _classes()[np.frombuffer(encoded, dtype=np.uint16)]
    else:
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        classes = _classes()[np.minimum(points, 0xFFFF)]
        astral = np.flatnonzero(points > 0xFFFF)
        classes[astral] = [chr(int(c)).isalnum() for c in points[astral]]
    word = classes == WORD_CHARACTER
    joiner = classes == JOINER
    begins = word.copy()
    begins[1:] &= ~word[:-1]
    begins[2:] &= ~(joiner[1:-1] & word[:-2])
    return np.flatnonzero(begins).astype(np.int64)


def scan(texts: Iterable[tuple[str, str]], batch_characters: int | None = None) -> Iterator[tuple[str, "np.ndarray"]]:
    """(key, word starts) of each (key, text), several texts scanned in one pass joined by NUL
    (no word character, so no word spans two texts) and cut back into each text's own offsets."""
    import numpy as np

    limit = BATCH_CHARACTERS if batch_characters is None else batch_characters
    batch: list[tuple[str, str]] = []
    size = 0

    def cut() -> Iterator[tuple[str, np.ndarray]]:
        lengths = np.array([len(body) for _, body in batch], dtype=np.int64)
        begins = np.cumsum(lengths + 1) - (lengths + 1)
        starts = word_starts("\x00".join(body for _, body in batch))
        cuts = np.searchsorted(starts, np.append(begins, begins[-1] + lengths[-1] + 1))
        for index, (key, _) in enumerate(batch):
            yield key, starts[cuts[index]:cuts[index + 1]] - begins[index]

    for key, body in texts:
        batch.append((key, body))
        size += len(body) + 1
        if size >= limit:
            yield from cut()
            batch, size = [], 0
    if batch:
        yield from cut()


def pack(starts) -> bytes:
    """Word starts (a numpy array or any integer sequence) as the stored blob: uint32, little-endian."""
    if hasattr(starts, "astype"):
        return starts.astype("<u4").tobytes()
    packed = array("I", starts)
    if packed.itemsize != 4:  # pragma: no cover - every platform Python supports has a 4-byte 'I'
        raise RuntimeError("array('I') is not 4 bytes wide here")
    if sys.byteorder == "big":  # pragma: no cover
        packed.byteswap()
    return packed.tobytes()


def unpack(blob: bytes):
    """The stored blob as a sequence of offsets that ``bisect`` searches: a view of the blob's bytes as
    unsigned 32-bit integers (no copy), or an ``array('I')`` byte-swapped on a big-endian machine."""
    if sys.byteorder == "little" and array("I").itemsize == 4:
        return memoryview(blob).cast("B").cast("I")
    starts = array("I")  # pragma: no cover
    starts.frombytes(bytes(blob))  # pragma: no cover
    if sys.byteorder == "big":  # pragma: no cover
        starts.byteswap()
    return starts  # pragma: no cover
