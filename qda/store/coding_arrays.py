"""Codings as parallel int64 arrays: the one array form of codings that counting reads
(``qda.store.counting``, for ``qda.analysis.tally``) and that quotes' passages are numbered and
labelled from (``qda.store.passage_codings``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class CodingArrays:
    """Codings as parallel int64 arrays (M,), one element a coding, in no particular order: ``document``,
    ``code`` and ``coder`` number ``documents`` (ids), ``codes`` (ids) and ``coders`` (names); ``coder``
    is None when it was not read, and a read without labels holds -1 for codes and coders.
    (A plain class: a dataclass costs a millisecond to make at import.)"""

    def __init__(self, documents: list[str], codes: list[str], coders: list[str], document: "np.ndarray",
                 code: "np.ndarray", coder: "np.ndarray | None", start: "np.ndarray", end: "np.ndarray"):
        self.documents, self.codes, self.coders = documents, codes, coders
        self.document, self.code, self.coder, self.start, self.end = document, code, coder, start, end

    def __len__(self) -> int:
        return len(self.document)

    def where(self, keep: "np.ndarray") -> "CodingArrays":
        """The codings where the boolean array ``keep`` (M,) is true."""
        return CodingArrays(self.documents, self.codes, self.coders, self.document[keep], self.code[keep],
                            None if self.coder is None else self.coder[keep], self.start[keep], self.end[keep])
