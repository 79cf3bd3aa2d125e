"""Keywords: the words one group of documents uses more (or less) than another.

Significance is Dunning's log-likelihood G2 in the two-cell form of Rayson &
Garside (2000), "Comparing corpora using frequency profiling" (the statistic of
Lancaster's UCREL log-likelihood calculator and Wmatrix):

    E1 = N1 (a + b) / (N1 + N2),  E2 = N2 (a + b) / (N1 + N2)
    G2 = 2 (a ln(a / E1) + b ln(b / E2))          (a term with a zero count is 0)

where a, b are the word's counts in the target and the reference and N1, N2
their sizes in words.  p is that of chi-squared with one degree of freedom
(G2 > 3.84: p < 0.05; > 15.13: p < 0.0001).  Effect size is Hardie's (2014)
Log Ratio, the binary log of the ratio of relative frequencies,
log2((a / N1) / (b / N2)), a zero count taken as 0.5 so that it stays finite:
1 means twice as frequent in the target, -1 half as frequent.
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import QdaError
from ._select import parse_where, select_documents
from .words import STOP_DEFAULT, document_languages, choose_stop_words, document_word_counts

ZERO = 0.5  # the count a zero becomes in Log Ratio (Hardie 2014)


def log_likelihood(a, b, size_a, size_b) -> np.ndarray:
    """G2 of counts ``a`` and ``b`` (arrays of one length) in corpora of ``size_a`` and ``size_b`` words
    (Rayson & Garside 2000; see the module's doc)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    expected_a = size_a * (a + b) / (size_a + size_b)
    expected_b = size_b * (a + b) / (size_a + size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        term_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        term_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return 2 * (term_a + term_b)


def log_ratio(a, b, size_a, size_b) -> np.ndarray:
    """Hardie's Log Ratio: log2 of the ratio of relative frequencies, zero counts taken as 0.5."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.log2((np.where(a > 0, a, ZERO) / size_a) / (np.where(b > 0, b, ZERO) / size_b))


def chi2_p(g2) -> np.ndarray:
    """p of chi-squared with one degree of freedom: erfc(sqrt(G2 / 2))."""
    return np.array([math.erfc(math.sqrt(max(value, 0.0) / 2)) for value in np.atleast_1d(g2)])


def keyness(project, target, reference=None, stop: str | Iterable[str] | None = STOP_DEFAULT,
            stop_list: Iterable[str] = (), lemmas: bool = False, min_count: int = 3,
            skip_speakers: Iterable[str] = ()) -> pd.DataFrame:
    """Each word's keyness in the ``target`` documents against the ``reference`` documents.

    Parameters
    ----------
    target : a document attribute filter, e.g. "role=police" (as ``where`` elsewhere).
    reference : another filter, e.g. "role=ngo"; None for every document not in the target.
    stop, stop_list, lemmas, skip_speakers : as ``qda.analysis.words.word_frequencies``; stop words are left out of
        the list but counted in the sizes N1 and N2.
    min_count : leave out words counted fewer times than this in both groups together.

    Returns
    -------
    DataFrame, one row a word: word, count_target, count_reference, per_10k_target, per_10k_reference,
    g2, p, log_ratio, key ("+" more frequent in the target, "-" less); by g2, largest first.
    ``attrs`` holds ``size_target`` and ``size_reference`` (words) and ``unlemmatised`` documents.
    """
    if not parse_where(target):
        raise QdaError("name the target documents, e.g. role=police")
    targets = select_documents(project, target)
    if reference is None:
        everyone = select_documents(project)
        references = everyone[~everyone["id"].isin(set(targets["id"]))]
    else:
        references = select_documents(project, reference)
    overlap = set(targets["id"]) & set(references["id"])
    if overlap:
        raise QdaError(f"{len(overlap)} document(s) are in both the target and the reference; choose groups apart")
    if targets.empty or references.empty:
        raise QdaError(f"the {'target' if targets.empty else 'reference'} has no documents")
    languages = set(document_languages(pd.concat([targets, references])).values())
    stops = choose_stop_words(stop, languages, stop_list)
    documents, counts, unlemmatised = document_word_counts(project, None, lemmas, stops, skip_speakers)
    a, b = _summed(counts, targets["id"]), _summed(counts, references["id"])
    size_a, size_b = sum(a.values()), sum(b.values())
    if not size_a or not size_b:
        raise QdaError(f"the {'target' if not size_a else 'reference'} documents have no words")
    words = sorted(w for w in set(a) | set(b) if w not in stops and a.get(w, 0) + b.get(w, 0) >= min_count)
    count_a = np.array([a.get(w, 0) for w in words], dtype=np.int64)
    count_b = np.array([b.get(w, 0) for w in words], dtype=np.int64)
    g2 = log_likelihood(count_a, count_b, size_a, size_b)
    frame = pd.DataFrame({
        "word": words, "count_target": count_a, "count_reference": count_b,
        "per_10k_target": count_a / size_a * 10_000, "per_10k_reference": count_b / size_b * 10_000,
        "g2": g2, "p": chi2_p(g2) if len(words) else np.array([]),
        "log_ratio": log_ratio(count_a, count_b, size_a, size_b),
    })
    frame["key"] = np.where(frame["per_10k_target"] >= frame["per_10k_reference"], "+", "-")
    frame = frame.sort_values(["g2", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)
    involved = set(targets["id"]) | set(references["id"])
    frame.attrs.update(size_target=size_a, size_reference=size_b,
                       unlemmatised=[n for i, n in zip(documents["id"], documents["name"]) if i in involved and n in unlemmatised])
    return frame


def _summed(counts: dict, document_ids) -> dict:
    from collections import Counter

    total: Counter = Counter()
    for document_id in document_ids:
        total.update(counts[document_id])
    return total
