"""Agreement document by document: which interviews the coders disagree on, and on which codes.

A team reads the project's figures and then needs to know where to look: each counted document's units
alone, per code applied there by any compared coder and pooled over those codes ("(all codes)").  The statistics are the project's own (``qda.analysis.coefficients``: percent
agreement, Cohen's and Fleiss' kappa, Brennan-Prediger, Gwet's AC1, Krippendorff's alpha on binary
present/absent data), computed on the document's presence histogram instead of the whole project's.  A
document's pooled row pools the codes applied in it, not every code of the project, for a code nobody
applied there would add units every coder "agrees" on by absence (the pooling rule of
``qda.analysis.agreement_scope.codes_in_play``)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from .coefficients import presence_patterns, table_statistics


def document_histograms(documents: int, codes: int, coders: int, unit_document: np.ndarray, unit_weight: np.ndarray,
                        cell_column: np.ndarray, cell_unit: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """(D, K, 2**M) weights of units per document, code and presence pattern (bit i: coder i coded it).

    ``unit_document`` and ``unit_weight`` are each unit's document (0..D-1) and weight (1 for a span unit,
    characters for ``character``); ``cell_column``, ``cell_unit``, ``masks`` the (code, unit) cells anyone
    coded and their patterns.  Pattern 0 (nobody coded it) is the rest of the document's weight."""
    histograms = np.zeros((documents, codes, 2 ** coders))
    np.add.at(histograms, (unit_document[cell_unit], cell_column, masks), unit_weight[cell_unit])
    totals = np.bincount(unit_document, weights=unit_weight, minlength=documents)
    histograms[:, :, 0] = totals[:, None] - histograms[:, :, 1:].sum(axis=2)
    return histograms


def document_table(histograms: np.ndarray, names: Sequence[str], paths: Sequence[str], column_ids: Sequence[str],
                   coders: int, statistics: Sequence[str]) -> pd.DataFrame:
    """One row per (document, code applied in it), then the document's "(all codes)" row: document, code,
    code_id ("" for the pooled row), units, disagreements and ``statistics``; documents in project order.
    Every row's statistics in one call (a call a document cost 10 s for 1,000 documents of 200 codes)."""
    applied = histograms[:, :, 1:].sum(axis=2) > 0  # (D, K): applied in the document by a compared coder
    pooled = (histograms * applied[:, :, None]).sum(axis=1)  # (D, 2**M)
    documents, codes = np.nonzero(applied)  # document by document, codes in order
    kept = np.flatnonzero(applied.any(axis=1))
    ends = np.cumsum(applied.sum(axis=1))[kept]  # each document's pooled row goes after its codes
    order = np.argsort(np.concatenate([np.arange(len(documents)), ends - 0.5]), kind="stable")
    row_document = np.concatenate([documents, kept])[order]
    row_code = np.concatenate([codes, np.full(len(kept), -1)])[order]
    weights = np.concatenate([histograms[documents, codes], pooled[kept]])[order]
    rows = table_statistics(presence_patterns(coders), weights, 2) if len(weights) else []
    labels = np.array([*paths, "(all codes)"], dtype=object)
    ids = np.array([*column_ids, ""], dtype=object)
    frame = pd.DataFrame(rows, columns=["units", "disagreements", *statistics])
    frame.insert(0, "code_id", ids[row_code])
    frame.insert(0, "code", labels[row_code])
    frame.insert(0, "document", np.array(names, dtype=object)[row_document])
    return frame
