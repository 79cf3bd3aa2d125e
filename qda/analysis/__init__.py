"""Analysis of the codings: every result a pandas DataFrame or a networkx graph.

The CLI and the UI call these functions, so a notebook gets the same numbers::

    import qda
    from qda.analysis import frequencies, crosstab, cooccurrence, build_network, saturation
    from qda.analysis import word_frequencies, keyness, concordance, memos
    project = qda.open_project("study.qda")
    frequencies(project, by="role", rollup=True)

Every measure is defined in docs/analysis.md.  The functions are imported when first named
(PEP 562), so that a command importing one module of this package (``qda stats`` imports
``qda.analysis.tally``) does not import pandas, scipy and networkx with the others.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

_WHERE = {"benjamini_hochberg": "cooccurrence", "build_network": "network", "concordance": "concordance",
          "cooccurrence": "cooccurrence", "cooccurrence_matrix": "cooccurrence", "crosstab": "crosstab",
          "edges_frame": "network", "draw_saturation": "saturation", "filter_network": "network",
          "frequencies": "frequencies", "keyness": "keyness", "memos": "memos", "nodes_frame": "network",
          "saturation": "saturation", "word_frequencies": "words"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'qda.analysis' has no attribute {name!r}")
    from ..nfc import nfc_arguments

    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    if name != "draw_saturation":  # whose path is used as typed, as every file path
        value = nfc_arguments(value)  # a code's, a document's or a coder's name given decomposed finds it (``qda.nfc``)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


class _Package(types.ModuleType):
    """The package, whose names of functions stay functions when a submodule of the same name
    (``qda.analysis.crosstab``) is imported, as the eager imports used to leave them."""

    def __setattr__(self, name: str, value) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
