"""Inter-coder agreement of a project: units, per-code and overall coefficients, disagreements.

``agreement(project, ["ana", "luis"], unit="sentence")`` compares coders' independent codings:

- **Units.** For ``sentence``, ``paragraph``, ``turn`` and ``document``, each unit is, per code,
  present or absent for each coder: a coding marks every unit it overlaps.  ``character``
  compares coded characters, over the characters at least one coder coded (with any of the
  compared codes) unless ``include_uncoded``.  ``segment`` is MAXQDA's way: a coding counts as
  matched when the other coder has the same code on a span overlapping it by at least
  ``threshold`` of the longer of the two spans; each coding of either coder is a unit.
- **Documents.** Only documents every compared coder has coded (a coding in it, or marked done)
  count; the report names the others and why.
- **Statistics** (``qda.analysis.reliability``): per code on the binary present/absent data, over
  all codes on the pooled (unit, code) decisions, and with ``variable`` on the children of a
  parent code as the categories of one variable.

The report's ``disagreements`` list each unit where the coders differ, with its text.
``disagreement_units`` and ``resolve`` serve adjudication: the first lists disputed units with
each coder's codes; the second writes a decision as codings of a consensus coder.

What is compared (coders, codes, documents) is chosen in ``qda.analysis.agreement_scope``, the
units are made in ``qda.analysis.agreement_units``, the report is ``qda.analysis.agreement_report``.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..arrays import distinct
from ..errors import QdaError
from ..model import Codebook, Coding
from .coefficients import (
    PAIR, error_columns, presence_patterns, statistic_names, table_statistics, value_patterns,
)
from .agreement_documents import document_histograms, document_table
from .agreement_report import AgreementReport, below_column, counted
from .agreement_scope import code_columns, codes_in_play, compared_coders, compared_documents, named_codes
from .agreement_units import Units, character_units, mark_units, span_units
from .reliability import LEVELS, MINIMUM_ALPHAS, Undefined, alpha_bootstrap, compress, value_counts

UNITS = ("sentence", "paragraph", "turn", "document", "character", "segment", "continuum")
CONTINUUM_STATISTICS = ("u_alpha", "cu_alpha")  # per code; overall: u_alpha, values_u_alpha, Cu_alpha (qda.analysis.unitizing)
SPAN_UNITS = ("sentence", "paragraph", "turn", "document")


# -- the computation -----------------------------------------------------------------------------------------


def _count(value: float):
    return int(value) if float(value).is_integer() else float(value)


def _statistic_rows(histogram: np.ndarray, coders: int) -> list[dict]:
    """Every statistic per row of a (C, 2**M) histogram of presence patterns (bit i: coder i coded it)."""
    return table_statistics(presence_patterns(coders), histogram, 2)


def _pair_histogram(histogram: np.ndarray, first: int, second: int) -> np.ndarray:
    """(C, 2**M) presence patterns of M coders -> (C, 4) patterns of coders ``first`` and ``second``."""
    bits = np.arange(histogram.shape[1])
    pair = ((bits >> first) & 1) | (((bits >> second) & 1) << 1)
    result = np.zeros((len(histogram), 4))
    for b in bits:
        result[:, pair[b]] += histogram[:, b]
    return result


def _pairs_table(names: list[str], histogram: np.ndarray, in_play: np.ndarray, paths: list[str],
                 column_ids: list[str]) -> pd.DataFrame:
    """A table per pair of coders (three or more compared): each code in play, then "(all codes)"."""
    records = []
    for first, second in combinations(range(len(names)), 2):
        pair = _pair_histogram(histogram, first, second)
        rows = _statistic_rows(np.vstack([pair[in_play], pair[in_play].sum(axis=0, keepdims=True)]), 2)
        labels = [paths[i] for i in np.flatnonzero(in_play)] + ["(all codes)"]
        ids = [column_ids[i] for i in np.flatnonzero(in_play)] + [""]
        records += [{"coder_a": names[first], "coder_b": names[second], "code": label, "code_id": code_id, **row}
                    for label, code_id, row in zip(labels, ids, rows)]
    columns = ["coder_a", "coder_b", "code", "code_id", "units", "disagreements", *PAIR, *error_columns(PAIR)]
    return pd.DataFrame(records, columns=columns)


def agreement(project, coders: Sequence[str] | str, unit: str = "sentence", codes: str | Iterable[str] | None = None,
              variable: str | None = None, level: str = "nominal", threshold: float = 0.9, bootstrap: int = 0,
              seed: int = 1, include_uncoded: bool = False,
              min_alpha: Sequence[float] = MINIMUM_ALPHAS, by_document: bool = False) -> AgreementReport:
    """Agreement of ``coders`` on the project's codings; see the module's description.

    Parameters
    ----------
    coders : list of str or "ana,luis"
    unit : {"sentence", "paragraph", "turn", "document", "character", "segment"}
    codes : code path(s), optional
        Compare only these codes and their subtrees (default: every code).
    variable : code path, optional
        Take this code's children as the categories of one variable (a coding of a
        grandchild counts as its child).  ``level`` sets alpha's metric: ordinal reads the
        children's codebook order as ranks, interval and ratio read their names as numbers.
    threshold : float
        For ``segment``: the share of the longer span two codings must overlap to match.
    bootstrap : int
        Bootstrap samples for alpha's 95% interval (0: none), drawn with ``seed``, and the
        probability that alpha falls below each of ``min_alpha``.
    include_uncoded : bool
        For ``character``: count characters nobody coded (as agreement on absence).
    by_document : bool
        Also each document's own figures (``report.by_document``, ``qda.analysis.agreement_documents``):
        span and character units, codes compared one by one (no ``variable``).
    """
    if unit not in UNITS:
        raise QdaError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    if level not in LEVELS:
        raise QdaError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    if level != "nominal" and not variable:
        raise QdaError(f"--level {level} needs --variable PARENT: per code, presence and absence are nominal")
    if unit == "continuum" and (bootstrap or level != "nominal"):
        raise QdaError("--unit continuum computes nominal unitizing alphas without bootstrap intervals: "
                       "leave out --bootstrap and --level")
    if unit == "segment" and variable:
        raise QdaError("--unit segment compares codings one by one; use a span unit with --variable")
    if any(not -1 <= m <= 1 for m in min_alpha):
        raise QdaError(f"--min-alpha takes values from -1 to 1, not {', '.join(f'{m:g}' for m in min_alpha)}")
    if by_document and (unit in ("segment", "continuum") or variable):
        raise QdaError("--by-document gives each document's figures per code by a span unit or character; "
                       "leave out --variable, and use --unit sentence, paragraph, turn, document or character")
    if not 0 < threshold <= 1:
        raise QdaError(f"--threshold must be above 0 and at most 1, not {threshold}")
    names = compared_coders(project, coders)
    if unit == "segment" and len(names) != 2:
        raise QdaError("--unit segment matches one coder's codings against the other's: give exactly two coders")
    codebook = project.codebook
    column_ids, mapping = code_columns(codebook, codes, variable)
    all_codings = project.codings_table(with_text=False)
    documents, excluded = compared_documents(project, names, all_codings)
    lengths = documents["length"].to_numpy(np.int64)
    base = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64) if len(lengths) else np.zeros(0, np.int64)
    codings = all_codings
    coder_index = {name: i for i, name in enumerate(names)}
    doc_index = pd.Series(np.arange(len(documents)), index=documents["id"])
    codings = codings[codings["coder"].isin(coder_index) & codings["document_id"].isin(doc_index.index)
                      & codings["code_id"].isin(mapping)]
    c_doc = doc_index[codings["document_id"]].to_numpy(np.int64)
    c_column = codings["code_id"].map(mapping).to_numpy(np.int64)
    c_coder = codings["coder"].map(coder_index).to_numpy(np.int64)
    c_gstart = base[c_doc] + codings["start"].to_numpy(np.int64) if len(codings) else np.zeros(0, np.int64)
    c_gend = base[c_doc] + codings["end"].to_numpy(np.int64) if len(codings) else np.zeros(0, np.int64)
    report = AgreementReport(unit=unit, coders=names, documents=list(documents["name"]), excluded=excluded, overall={},
                             codes=pd.DataFrame(), disagreements=pd.DataFrame(), variable=None, level=level,
                             threshold=threshold if unit == "segment" else None, bootstrap=bootstrap, seed=seed,
                             min_alpha=tuple(float(m) for m in min_alpha),
                             include_uncoded=include_uncoded)
    bodies = _bodies(project, documents)
    paths = [codebook.path(code_id) for code_id in column_ids]
    if unit == "segment":
        texts = {documents["id"].iat[i]: body for i, body in bodies.items()}
        return _segment_agreement(report, codings, c_column, c_coder, paths, column_ids, bootstrap, seed, texts)
    if unit in SPAN_UNITS:
        units = span_units(project, unit, documents, base)
    else:
        units = character_units(documents, base, c_gstart, c_gend, include_uncoded and unit == "character")
    span_index, unit_index = mark_units(units.gstart, units.gend, c_gstart, c_gend)
    n_units, n_columns, n_coders = len(units.gstart), len(column_ids), len(names)
    # one presence pattern (bit per coder) per (column, unit) that anyone coded
    triples = distinct((c_column[span_index] * n_units + unit_index) * n_coders + c_coder[span_index])
    cells, inverse = np.unique(triples // n_coders, return_inverse=True)
    masks = np.bincount(inverse, weights=2.0 ** (triples % n_coders), minlength=len(cells)).astype(np.int64)
    cell_column, cell_unit = cells // n_units if n_units else cells, cells % n_units if n_units else cells
    histogram = np.zeros((n_columns, 2 ** n_coders))
    np.add.at(histogram, (cell_column, masks), units.weight[cell_unit])
    histogram[:, 0] = units.weight.sum() - histogram[:, 1:].sum(axis=1)
    in_play = codes_in_play(histogram, column_ids, named_codes(codebook, codes)) if not variable else np.ones(n_columns, bool)
    statistics = statistic_names(n_coders)
    report.statistics = report.overall_statistics = statistics
    report.error_columns = error_columns(statistics)
    rows = [{"code": paths[i], "code_id": column_ids[i], **row}
            for i, row in zip(np.flatnonzero(in_play), _statistic_rows(histogram[in_play], n_coders))]
    frame = pd.DataFrame(rows, columns=["code", "code_id", "units", "disagreements", *statistics, *report.error_columns])
    disputed = (masks != 0) & (masks != 2 ** n_coders - 1)
    report.disagreements = _disagreement_rows(cell_column[disputed], cell_unit[disputed], masks[disputed], units, documents,
                                              bodies, paths, names)
    if unit == "continuum":
        return _continuum(report, frame, documents, codings, c_doc, c_column, c_coder, column_ids, excluded,
                          variable and codebook.path((codebook.by_id.get(variable) or codebook.find(variable)).id))
    if variable:
        report.variable = codebook.path((codebook.by_id.get(variable) or codebook.find(variable)).id)
        _variable(report, project, codebook, column_ids, unit_index, span_index, c_column, c_coder, units, documents,
                  bodies, level, bootstrap, seed)
    else:
        pool = histogram[in_play].sum(axis=0)
        report.overall = _statistic_rows(pool[None], n_coders)[0]
        if n_coders > 2:
            report.pairs = _pairs_table(names, histogram, in_play, paths, column_ids)
        if by_document:
            histograms = document_histograms(len(documents), n_columns, n_coders, units.document, units.weight,
                                              cell_column, cell_unit, masks)
            report.by_document = document_table(histograms, list(documents["name"]), paths, column_ids, n_coders,
                                                statistics)
        if bootstrap:
            present = presence_patterns(n_coders).sum(axis=1)
            pattern_rows = np.stack([n_coders - present, present], axis=1)
            report.overall.update(_ci(pattern_rows, pool, "nominal", None, bootstrap, seed, report.min_alpha))
            cis = [_ci(pattern_rows, histogram[column_ids.index(code_id)], "nominal", None, bootstrap, seed, report.min_alpha)
                   for code_id in frame["code_id"]]
            for name in report.bootstrap_columns():
                frame[name] = [c[name] for c in cis]
    report.codes = frame
    if excluded:
        report.notes.append(f"{counted(len(excluded), 'document')} left out, not coded by every coder: "
                            + "; ".join(f"{name} ({why})" for name, why in excluded.items()))
    return report


def _continuum(report, frame, documents, codings, c_doc, c_column, c_coder, column_ids, excluded, variable_path):
    """Krippendorff's unitizing alphas (qda.analysis.unitizing): per code u_alpha and cu_alpha, overall the
    domain's u_alpha, values_u_alpha and Cu_alpha; the domain is the variable's children, else the compared codes."""
    from .unitizing import unitizing_arrays

    result = unitizing_arrays(documents["length"].to_numpy(np.int64), c_doc, c_coder, codings["start"].to_numpy(np.int64),
                              codings["end"].to_numpy(np.int64), c_column, len(report.coders), len(column_ids))
    position = {code_id: i for i, code_id in enumerate(column_ids)}
    rows = [position[code_id] for code_id in frame["code_id"]]
    report.codes = pd.DataFrame({"code": frame["code"], "code_id": frame["code_id"], "units": result.length,
                                 "disagreements": frame["disagreements"], "u_alpha": result.u_alpha[rows],
                                 "cu_alpha": result.cu_alpha[rows]},
                                columns=["code", "code_id", "units", "disagreements", *CONTINUUM_STATISTICS])
    report.variable = variable_path or None
    report.statistics, report.overall_statistics = CONTINUUM_STATISTICS, ("u_alpha", "values_u_alpha", "Cu_alpha")
    report.error_columns = []
    report.overall = {"units": result.length, "disagreements": _count(float(frame["disagreements"].sum())),
                      "u_alpha": result.domain_u_alpha, "values_u_alpha": result.values_u_alpha, "Cu_alpha": result.Cu_alpha}
    report.notes.append("continuum: units are the characters of the documents; disagreements count disputed characters")
    for name, characters in zip(report.coders, result.conflicts):
        if characters:
            report.notes.append(f"{name} applied two or more codes of the domain to {counted(int(characters), 'character')}; "
                                "there they count as uncoded in values_u_alpha, cu_alpha and Cu_alpha")
    if excluded:
        report.notes.append(f"{counted(len(excluded), 'document')} left out, not coded by every coder: "
                            + "; ".join(f"{name} ({why})" for name, why in excluded.items()))
    return report


def _ci(rows, weights, level, values, samples, seed, minimums) -> dict[str, object]:
    """alpha_low, alpha_high and one ``p_alpha_below_<minimum>`` per minimum (each an ``Undefined`` when alpha is)."""
    result = alpha_bootstrap(rows, weights, level, values, samples=samples, seed=seed, minimums=minimums)
    names = ["alpha_low", "alpha_high", *(below_column(m) for m in minimums)]
    if isinstance(result, Undefined):
        return dict.fromkeys(names, result)
    return {"alpha_low": result["alpha_low"], "alpha_high": result["alpha_high"],
            **{below_column(m): result["below"][float(m)] for m in minimums}}


def _bodies(project, documents: pd.DataFrame) -> dict[int, str]:
    wanted = {document_id: i for i, document_id in enumerate(documents["id"])}
    return {wanted[document_id]: body for document_id, body in project.iter_document_bodies() if document_id in wanted}


def _disagreement_rows(columns, unit_rows, masks, units: Units, documents, bodies, paths, names) -> pd.DataFrame:
    doc = units.document[unit_rows]
    starts, ends = units.start[unit_rows], units.end[unit_rows]
    every = np.arange(2 ** len(names))
    with_names = np.array([", ".join(n for i, n in enumerate(names) if m >> i & 1) for m in every], dtype=object)
    without = np.array([", ".join(n for i, n in enumerate(names) if not m >> i & 1) for m in every], dtype=object)
    frame = pd.DataFrame({
        "code": np.array(paths, dtype=object)[columns] if len(columns) else [],
        "document": documents["name"].to_numpy()[doc], "start": starts, "end": ends,
        "text": [bodies[d][s:e] for d, s, e in zip(doc.tolist(), starts.tolist(), ends.tolist())],
        "coded_by": with_names[masks], "not_coded_by": without[masks],
        "_order": doc,
    }, columns=["code", "document", "start", "end", "text", "coded_by", "not_coded_by", "_order"])
    frame = frame.sort_values(["_order", "start", "code"], kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)


def variable_values(codebook: Codebook, column_ids: list[str], level: str) -> np.ndarray:
    """The numbers of a variable's categories: ranks for nominal and ordinal, names for interval and ratio."""
    if level in ("nominal", "ordinal"):
        return np.arange(1, len(column_ids) + 1, dtype=float)
    values = []
    for code_id in column_ids:
        name = codebook.by_id[code_id].name
        try:
            values.append(float(name.replace(",", ".")))
        except ValueError:
            raise QdaError(f"--level {level} reads the child codes' names as numbers, but {codebook.path(code_id)!r} "
                           "is not a number; use --level ordinal or nominal") from None
    if level == "ratio" and min(values) < 0:
        raise QdaError("--level ratio needs child codes named by numbers of zero or more")
    return np.array(values)


def _variable(report, project, codebook, column_ids, unit_index, span_index, c_column, c_coder, units, documents, bodies,
              level, bootstrap, seed) -> None:
    names = report.coders
    n_coders = len(names)
    triples = distinct((unit_index * n_coders + c_coder[span_index]) * len(column_ids) + c_column[span_index])
    cell = triples // len(column_ids)
    category = triples % len(column_ids)
    cells, first, per_cell = np.unique(cell, return_index=True, return_counts=True)
    unit_of, coder_of = cells // n_coders, cells % n_coders
    touched, column = np.unique(unit_of, return_inverse=True)
    indices = np.full((n_coders, len(touched)), -1, np.int64)
    single = per_cell == 1
    indices[coder_of[single], column[single]] = category[first[single]]
    paths = [codebook.path(c) for c in column_ids]
    conflicts = []
    for c in np.flatnonzero(~single):
        u = unit_of[c]
        chosen = category[first[c]:first[c] + per_cell[c]]
        d = units.document[u]
        conflicts.append({"document": documents["name"].iat[d], "start": int(units.start[u]), "end": int(units.end[u]),
                          "coder": names[coder_of[c]], "codes": "; ".join(paths[k] for k in chosen),
                          "text": bodies[d][units.start[u]:units.end[u]]})
    report.conflicts = pd.DataFrame(conflicts, columns=["document", "start", "end", "coder", "codes", "text"])
    if conflicts:
        report.notes.append(f"{counted(len(conflicts), 'time')} a coder applied two or more categories of {report.variable} to one "
                            "unit; those values count as missing")
    values = variable_values(codebook, column_ids, level)
    q = len(column_ids)
    patterns, counts = value_patterns(indices, q)
    statistics = statistic_names(n_coders, q, level)
    report.overall_statistics, report.error_columns = statistics, error_columns(statistics)
    report.overall = table_statistics(patterns, counts[None], q, level, values)[0]
    if n_coders > 2:
        report.pairs = pd.DataFrame(
            [{"coder_a": names[a], "coder_b": names[b], "code": report.variable, "code_id": "",
              **table_statistics(patterns[:, [a, b]], counts[None], q, level, values)[0]}
             for a, b in combinations(range(n_coders), 2)],
            columns=["coder_a", "coder_b", "code", "code_id", "units", "disagreements",
                     *statistic_names(2, q, level), *error_columns(statistic_names(2, q, level))])
    if bootstrap:
        rows, weights = compress(value_counts(indices, len(column_ids)))
        report.overall.update(_ci(rows, weights, level, values, bootstrap, seed, report.min_alpha))
    # the disagreements of the variable: units whose coders gave different categories
    present = indices >= 0
    differing = (present.sum(axis=0) >= 2) & np.array([len(set(col[col >= 0])) > 1 for col in indices.T], bool) \
        if len(touched) else np.zeros(0, bool)
    records = []
    for j in np.flatnonzero(differing):
        u = touched[j]
        d = units.document[u]
        records.append({"document": documents["name"].iat[d], "start": int(units.start[u]), "end": int(units.end[u]),
                        "text": bodies[d][units.start[u]:units.end[u]],
                        **{name: (paths[indices[i, j]] if indices[i, j] >= 0 else "") for i, name in enumerate(names)}})
    report.disagreements = pd.DataFrame(records, columns=["document", "start", "end", "text", *names])


def _segment_agreement(report, codings, c_column, c_coder, paths, column_ids, bootstrap, seed, texts) -> AgreementReport:
    """MAXQDA's segment agreement for two coders, per code."""
    frame = codings.assign(column=c_column, who=c_coder)[["coding_id", "document", "document_id", "column", "who", "start", "end"]]
    first, second = frame[frame["who"] == 0], frame[frame["who"] == 1]
    pairs = first.merge(second, on=["document_id", "column"], suffixes=("_a", "_b"))
    overlap = np.minimum(pairs["end_a"], pairs["end_b"]) - np.maximum(pairs["start_a"], pairs["start_b"])
    longer = np.maximum(pairs["end_a"] - pairs["start_a"], pairs["end_b"] - pairs["start_b"])
    matched = pairs[(overlap > 0) & (overlap >= report.threshold * longer - 1e-9)]
    matched_ids = set(matched["coding_id_a"]) | set(matched["coding_id_b"])
    is_matched = frame["coding_id"].isin(matched_ids).to_numpy()
    own = np.where(frame["who"].to_numpy() == 0, 1, 2)
    masks = np.where(is_matched, 3, own)
    histogram = np.zeros((len(column_ids), 4))
    np.add.at(histogram, (frame["column"].to_numpy(np.int64), masks), 1)
    statistics = statistic_names(2)
    report.statistics = report.overall_statistics = statistics
    report.error_columns = error_columns(statistics)
    used = np.flatnonzero(histogram.sum(axis=1) > 0)
    rows = [{"code": paths[i], "code_id": column_ids[i], **row} for i, row in zip(used, _statistic_rows(histogram[used], 2))]
    report.codes = pd.DataFrame(rows, columns=["code", "code_id", "units", "disagreements", *statistics,
                                               *report.error_columns])
    report.overall = _statistic_rows(histogram.sum(axis=0, keepdims=True), 2)[0]
    if bootstrap:
        pattern_rows = np.array([[2, 0], [1, 1], [1, 1], [0, 2]])
        report.overall.update(_ci(pattern_rows, histogram.sum(axis=0), "nominal", None, bootstrap, seed, report.min_alpha))
        cis = [_ci(pattern_rows, histogram[column_ids.index(c)], "nominal", None, bootstrap, seed, report.min_alpha) for c in report.codes["code_id"]]
        for name in report.bootstrap_columns():
            report.codes[name] = [c[name] for c in cis]
    unmatched = frame[~is_matched]
    report.disagreements = pd.DataFrame({
        "code": [paths[c] for c in unmatched["column"]], "document": unmatched["document"].to_numpy(),
        "start": unmatched["start"].to_numpy(), "end": unmatched["end"].to_numpy(),
        "text": [texts[d][s:e] for d, s, e in zip(unmatched["document_id"], unmatched["start"], unmatched["end"])],
        "coded_by": [report.coders[w] for w in unmatched["who"]],
        "not_coded_by": [report.coders[1 - w] for w in unmatched["who"]],
    }, columns=["code", "document", "start", "end", "text", "coded_by", "not_coded_by"])
    report.notes.append("segment units: each coding is a unit and no unit is absent for both coders, so chance-corrected "
                        "coefficients are pessimistic; MAXQDA reports percent agreement and a free-marginal kappa")
    return report


# -- adjudication ---------------------------------------------------------------------------------------------


def disagreement_units(project, coders: Sequence[str] | str, unit: str = "sentence",
                       codes: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The units the coders disagree on, one row each, for adjudication.

    Columns: document, document_id, start, end, text, disputed (the code paths some but not
    all coders applied, "; "-separated), then one column per coder with the code paths that
    coder applied to the unit ("; "-separated), in document order.
    """
    if unit not in SPAN_UNITS + ("character",):
        raise QdaError(f"adjudication works on sentence, paragraph, turn, document or character units, not {unit!r}")
    report = agreement(project, coders, unit=unit, codes=codes)
    names = report.coders
    disputed = report.disagreements
    if disputed.empty:
        return pd.DataFrame(columns=["document", "document_id", "start", "end", "text", "disputed", *names])
    ids = dict(zip(project.documents_frame()["name"], project.documents_frame()["id"]))
    groups = disputed.groupby(["document", "start", "end"], sort=False)
    codings = project.codings_table(with_text=False)
    codings = codings[codings["coder"].isin(names)]
    _, mapping = code_columns(project.codebook, codes, None)
    codings = codings[codings["code_id"].isin(mapping)]
    records = []
    for (document, start, end), group in groups:
        here = codings[(codings["document"] == document) & (codings["start"] < end) & (codings["end"] > start)]
        row = {"document": document, "document_id": ids[document], "start": int(start), "end": int(end),
               "text": group["text"].iat[0], "disputed": "; ".join(dict.fromkeys(group["code"]))}
        for name in names:
            row[name] = "; ".join(dict.fromkeys(here.loc[here["coder"] == name, "code_path"]))
        records.append(row)
    return pd.DataFrame(records, columns=["document", "document_id", "start", "end", "text", "disputed", *names])


def resolve(project, document: str, start: int, end: int, codes: Iterable[str], consensus: str = "consensus") -> list[Coding]:
    """Record an adjudicated unit as codings of the ``consensus`` coder.

    Afterwards the consensus coder's codings on ``[start, end)`` of ``document`` are exactly
    ``codes`` (paths or ids; empty for "none of them"): codings of other codes lying within the
    span are removed (one undoable action), missing ones are added over the whole span (one
    undoable action).  Returns the codings added.  Undo with ``project.undo(consensus)``.
    """
    wanted = [project.code(ref).id for ref in codes]
    existing = [c for c in project.codings(document=document, coder=consensus) if c.start >= start and c.end <= end]
    stale = [c for c in existing if c.code_id not in wanted]
    if stale:
        project.remove_codings(stale, consensus)
    have = {c.code_id for c in existing if c.start == start and c.end == end and c.code_id in wanted}
    missing = [code_id for code_id in dict.fromkeys(wanted) if code_id not in have]
    if not missing:
        return []
    return project.add_codings([(document, code_id, start, end) for code_id in missing], consensus)
