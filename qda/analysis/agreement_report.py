"""What `qda agree` reports: the per-code table, the overall row, each pair of coders, as JSON and as a table.

Built by ``qda.analysis.agreement.agreement``; printed by the CLI, written by ``qda.export.agreement_report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .coefficients import PAIR, WEIGHTED
from .reliability import MINIMUM_ALPHAS, STATISTICS, Undefined


@dataclass
class AgreementReport:
    """What `qda agree` prints and exports.

    ``codes``: one row per code in play: code (path), code_id, units, disagreements, then one column
    per statistic of ``statistics`` (a float or an ``Undefined`` in words), the ``error_columns``
    (``<statistic>_se``, ``_low``, ``_high``, None where undefined) and, with a bootstrap, alpha_low,
    alpha_high and ``p_alpha_below_<minimum>``.  ``overall``: the same for the pool or the variable.
    ``pairs`` (three or more coders): coder_a, coder_b, code, units, disagreements and the two-coder
    statistics, a "(all codes)" row per pair.  ``disagreements``: code, document, start, end, text,
    coded_by, not_coded_by (for a variable: document, start, end, text and one column per coder with
    the category)."""

    unit: str
    coders: list[str]
    documents: list[str]
    excluded: dict[str, str]
    overall: dict[str, object]
    codes: pd.DataFrame
    disagreements: pd.DataFrame
    variable: str | None = None
    level: str = "nominal"
    threshold: float | None = None
    bootstrap: int = 0
    seed: int = 0
    min_alpha: tuple = MINIMUM_ALPHAS
    include_uncoded: bool = False
    conflicts: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[str] = field(default_factory=list)
    statistics: tuple = STATISTICS  # the per-code statistics (qda.analysis.coefficients); ``continuum``: u_alpha, cu_alpha
    overall_statistics: tuple = STATISTICS  # ``continuum``: u_alpha, values_u_alpha, Cu_alpha
    error_columns: list = field(default_factory=list)  # <statistic>_se, _low, _high (qda.analysis.precision)
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame)  # three or more coders: a table per pair
    by_document: pd.DataFrame = field(default_factory=pd.DataFrame)  # document, code, ... (qda.analysis.agreement_documents)

    def bootstrap_columns(self) -> list[str]:
        """With a bootstrap: alpha_low, alpha_high and the probability of alpha below each minimum."""
        return ["alpha_low", "alpha_high", *(below_column(m) for m in self.min_alpha)] if self.bootstrap else []

    def to_json(self) -> dict:
        """``{"unit", "coders", "documents", "overall": {statistic: value}, "codes": [{"code", "units", ...}]}``."""
        codes = []
        for row in self.codes.to_dict("records"):
            entry = {"code": row["code"], "units": _plain(row["units"]), "disagreements": _plain(row["disagreements"])}
            entry.update({name: _plain(row[name]) for name in self.statistics})
            entry.update(_errors_json(row, self.statistics))
            entry.update(self._bootstrap_json(row))
            codes.append(entry)
        overall = {name: _plain(self.overall[name]) for name in self.overall_statistics}
        overall.update(_errors_json(self.overall, self.overall_statistics))
        overall.update(self._bootstrap_json(self.overall))
        result = {"unit": self.unit, "coders": list(self.coders), "documents": list(self.documents), "overall": overall,
                  "codes": codes}
        if not self.pairs.empty:
            result["pairs"] = [{"coders": [row["coder_a"], row["coder_b"]], "code": row["code"],
                                "units": _plain(row["units"]), "disagreements": _plain(row["disagreements"]),
                                **{name: _plain(row[name]) for name in PAIR + WEIGHTED if name in row},
                                **_errors_json(row, PAIR)}
                               for row in self.pairs.to_dict("records")]
        if not self.by_document.empty:
            result["by_document"] = [{"document": row["document"], "code": row["code"], "units": _plain(row["units"]),
                                      "disagreements": _plain(row["disagreements"]),
                                      **{name: _plain(row[name]) for name in self.statistics}}
                                     for row in self.by_document.to_dict("records")]
        return result

    def _bootstrap_json(self, row) -> dict:
        """``krippendorff_alpha_ci``: [low, high]; ``krippendorff_alpha_below``: {"0.667": q, ...}."""
        if not self.bootstrap:
            return {}
        return {"krippendorff_alpha_ci": _interval(row.get("alpha_low"), row.get("alpha_high")),
                "krippendorff_alpha_below": {f"{m:g}": _plain(row.get(below_column(m))) for m in self.min_alpha}}

    def table(self) -> pd.DataFrame:
        """The per-code table with an "(all codes)" row (or the variable's row) last."""
        overall = {"code": self.variable or "(all codes)", "units": self.overall["units"],
                   "disagreements": self.overall["disagreements"], **{n: self.overall[n] for n in self.overall_statistics},
                   **{n: self.overall.get(n) for n in self.error_columns}}
        overall.update({name: self.overall.get(name) for name in self.bootstrap_columns()})
        frame = self.codes.drop(columns=["code_id"])
        table = pd.concat([frame, pd.DataFrame([overall])], ignore_index=True)
        if self.overall_statistics != self.statistics:  # a statistic of the codes only, or of the domain only
            table = table.astype(object).where(table.notna(), "")
        return table


def _plain(value):
    if isinstance(value, Undefined):
        return str(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


def _errors_json(row, statistics) -> dict:
    """``<name>_se`` and ``<name>_ci: [low, high]`` (null where undefined) for the statistics with errors."""
    result = {}
    for name in statistics:
        if f"{name}_se" in row:
            se, low, high = (row.get(f"{name}_{part}") for part in ("se", "low", "high"))
            defined = se is not None and not pd.isna(se)
            result[f"{name}_se"] = float(se) if defined else None
            result[f"{name}_ci"] = [float(low), float(high)] if defined else None
    return result


def _interval(low, high):
    if isinstance(low, str) or low is None:
        return str(low) if low is not None else None
    return [float(low), float(high)]


def below_column(minimum: float) -> str:
    """The table column of the probability that alpha falls below ``minimum``: ``p_alpha_below_0.667``."""
    return f"p_alpha_below_{minimum:g}"


def counted(number: int, noun: str) -> str:
    """``6 documents``, ``1 document``: a count in a note."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
