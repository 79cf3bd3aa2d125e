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
    code_id ("" for the pooled row), units, disagreements and ``statistics``; documents in project order."""
    patterns = presence_patterns(coders)
    records = []
    for name, histogram in zip(names, histograms):
        chosen = np.flatnonzero(histogram[:, 1:].sum(axis=1) > 0)  # applied here by a compared coder
        if not len(chosen):
            continue
        rows = table_statistics(patterns, np.vstack([histogram[chosen], histogram[chosen].sum(axis=0, keepdims=True)]), 2)
        labels = [paths[i] for i in chosen] + ["(all codes)"]
        ids = [column_ids[i] for i in chosen] + [""]
        records += [{"document": name, "code": label, "code_id": code_id, **row}
                    for label, code_id, row in zip(labels, ids, rows)]
    return pd.DataFrame(records, columns=["document", "code", "code_id", "units", "disagreements", *statistics])
