"""Analysis of the codings: every result a pandas DataFrame or a networkx graph.

The CLI and the UI call these functions, so a notebook gets the same numbers::

    import qda
    from qda.analysis import frequencies, crosstab, cooccurrence, build_network, saturation
    from qda.analysis import word_frequencies, keyness, concordance, memos
    project = qda.open_project("study.qda")
    frequencies(project, by="role", rollup=True)

Every measure is defined in docs/analysis.md.
"""

from __future__ import annotations

from .concordance import concordance
from .cooccurrence import benjamini_hochberg, cooccurrence, cooccurrence_matrix
from .crosstab import crosstab
from .frequencies import frequencies
from .keyness import keyness
from .memos import memos
from .network import build_network, edges_frame, filter_network, nodes_frame
from .saturation import draw_saturation, saturation
from .words import word_frequencies

__all__ = ["benjamini_hochberg", "build_network", "concordance", "cooccurrence", "cooccurrence_matrix", "crosstab",
           "edges_frame", "draw_saturation", "filter_network", "frequencies", "keyness", "memos", "nodes_frame",
           "saturation", "word_frequencies"]
