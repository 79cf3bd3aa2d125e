"""A table of one unit (one segment, one document) shows every coefficient its data define.

With one unit that one coder coded and the other did not, Scott's pi (Fleiss' kappa of two coders on
the units both coded) is -1, as statsmodels' ``fleiss_kappa`` computes it, beside Cohen's kappa 0
(statsmodels' ``cohens_kappa``, as scikit-learn's ``cohen_kappa_score`` gives it too) and Krippendorff's alpha 0 (the ``krippendorff`` package);
qda printed "undefined: the data do not define it" for it (and for Conger's kappa of three coders),
because a standard error needs two units and the coefficient was withheld with it.  The standard
error stays undefined (``None``)."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

from qda.analysis.agreement import agreement
from qda.analysis.coefficients import table_statistics

from agreement_helpers import make_project


def test_one_segment_coded_by_one_coder(tmp_path):
    with make_project(tmp_path / "p.qda", {"d1": ["One here.", "Two here."]}, ["A"]) as project:
        project.add_codings([("d1", "A", 0, 9, "", "ana")])
        project.set_done("d1", "luis")
        for unit in ("segment", "document"):
            overall = agreement(project, "ana,luis", unit=unit).overall
            assert overall["units"] == 1
            assert overall["scott_pi"] == pytest.approx(fleiss_kappa(np.array([[1, 1]])), abs=1e-12) == -1
            with np.errstate(divide="ignore", invalid="ignore"):  # its z test is undefined here, not kappa
                peer_kappa = cohens_kappa(np.array([[0, 0], [1, 0]])).kappa  # rows ana's value, columns luis's
            assert overall["cohen_kappa"] == pytest.approx(peer_kappa, abs=1e-12)
            assert overall["krippendorff_alpha"] == pytest.approx(
                krippendorff.alpha(np.array([[1.0], [0.0]]), level_of_measurement="nominal", value_domain=[0, 1]),
                abs=1e-12)
            assert overall["cohen_kappa_se"] is None


@pytest.mark.parametrize("pattern", [[1, 0, 0], [1, 1, 0], [2, 0, 1]])
def test_one_unit_of_three_coders_matches_statsmodels(pattern):
    q = 3
    row = table_statistics(np.array([pattern]), np.ones((1, 1)), q)[0]
    table, _ = aggregate_raters(np.array([pattern]), n_cat=q)
    assert row["fleiss_kappa"] == pytest.approx(fleiss_kappa(table), abs=1e-12)
    assert isinstance(row["conger_kappa"], float)
    assert row["fleiss_kappa_se"] is None and row["conger_kappa_se"] is None
