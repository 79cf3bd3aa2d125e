"""Agreement document by document (`qda agree --by-document`): which interviews two coders disagree on.

The team's figures for the whole project hid where the disagreement was: Ana and Luis agreed on the
shelter resident's interview and not on the prosecutor's.  Each document's row per code applied in it,
and its pooled "(all codes)" row, are the statistics the literature defines, computed on that document's
sentences alone; here they are checked against peer libraries on the present/absent vectors counted by
hand from the fixture:

* statsmodels (``statsmodels.stats.inter_rater.cohens_kappa``, ``fleiss_kappa``): Cohen's (1960) kappa on
  the 2x2 table, and Fleiss' (1971) kappa, which for two coders is Scott's (1955) pi;
* krippendorff (PyPI ``krippendorff``): Krippendorff's nominal alpha;
* irrCAC (PyPI ``irrcac``, Gwet's package): Gwet's AC1 and Brennan-Prediger."""

from __future__ import annotations

import json
import warnings

import krippendorff
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa

import qda
from qda.analysis.agreement import agreement
from qda.cli import main

irrCAC = pytest.importorskip("irrCAC.raw", reason="the README's test command installs irrcac (with --no-deps)")

FISCAL = ("FISCAL: La gente no denuncia. Tiene miedo. Hablan quechua. Nadie traduce. "
          "Dicen «manam yachanichu». Yo insisto.\n")
RESIDENTE = "RESIDENTE: Llegué sola. Nadie me creyó. En el albergue estoy bien. Aquí hay comida. Duermo tranquila.\n"
# present (1) or absent (0) on each sentence, by hand: {document: {code: (ana, luis)}}
CODED = {
    "P01_fiscal": {"Miedo": ((1, 1, 0, 0, 1, 0), (1, 0, 0, 0, 1, 1)), "Idioma": ((0, 0, 1, 0, 0, 0), (0, 0, 1, 0, 0, 0))},
    "P02_residente": {"Miedo": ((1, 0, 1, 0, 0), (0, 1, 1, 0, 0))},
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def project_path(tmp_path):
    for name, text in (("P01_fiscal", FISCAL), ("P02_residente", RESIDENTE)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    assert run("init", path).exit_code == 0
    assert run("import", path, tmp_path / "P01_fiscal.txt", tmp_path / "P02_residente.txt", "--language", "es").exit_code == 0
    for code in ("Miedo", "Idioma"):
        assert run("codebook", path, "--add", code).exit_code == 0
    with qda.open_project(path) as project:
        for document, codes in CODED.items():
            sentences = project.units(document, "sentence")
            assert len(sentences) == len(next(iter(codes.values()))[0]), [project.document(document).text[s.start:s.end]
                                                                          for s in sentences]
            for code, by_coder in codes.items():
                for coder, marks in zip(("ana", "luis"), by_coder):
                    project.add_codings([(document, code, s.start, s.end) for s, mark in zip(sentences, marks) if mark], coder)
    return path


def peers(ana: list[int], luis: list[int]) -> dict[str, float]:
    """The statistics of two coders' present/absent vectors by peer libraries."""
    table = np.zeros((2, 2))
    for a, b in zip(ana, luis):
        table[a, b] += 1
    counts = np.array([[2 - a - b, a + b] for a, b in zip(ana, luis)])  # units x (absent, present)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cac = irrCAC.CAC(pd.DataFrame({"ana": ana, "luis": luis}), categories=[0, 1], digits=15)
        ac1, bp = cac.gwet()["est"], cac.bp()["est"]
    return {"percent": float(np.mean(np.array(ana) == np.array(luis))), "cohen_kappa": cohens_kappa(table).kappa,
            "krippendorff_alpha": krippendorff.alpha(reliability_data=[ana, luis], level_of_measurement="nominal"),
            "gwet_ac1": ac1["coefficient_value"] if isinstance(ac1, dict) else ac1,
            "brennan_prediger": bp["coefficient_value"] if isinstance(bp, dict) else bp,
            "scott_pi": fleiss_kappa(counts)}  # Fleiss' kappa of two coders is Scott's pi


def test_each_document_has_the_statistics_of_its_own_units_by_code_and_pooled(project_path):
    with qda.open_project(project_path) as project:
        report = agreement(project, ["ana", "luis"], unit="sentence", by_document=True)
    table = report.by_document
    assert list(zip(table["document"], table["code"])) == [
        ("P01_fiscal", "Miedo"), ("P01_fiscal", "Idioma"), ("P01_fiscal", "(all codes)"), ("P02_residente", "Miedo"),
        ("P02_residente", "(all codes)")]
    for document, codes in CODED.items():
        pooled = ([], [])
        for code, (ana, luis) in codes.items():
            row = table[(table["document"] == document) & (table["code"] == code)].iloc[0]
            assert row["units"] == len(ana)
            assert row["disagreements"] == sum(a != b for a, b in zip(ana, luis))
            for name, value in peers(list(ana), list(luis)).items():
                assert float(row[name]) == pytest.approx(value, abs=1e-9), (document, code, name)
            pooled[0].extend(ana)
            pooled[1].extend(luis)
        row = table[(table["document"] == document) & (table["code"] == "(all codes)")].iloc[0]
        assert row["units"] == len(pooled[0])
        for name, value in peers(*pooled).items():
            assert float(row[name]) == pytest.approx(value, abs=1e-9), (document, "(all codes)", name)


def test_the_command_prints_the_table_and_writes_it_as_csv_and_json(project_path):
    shown = run("agree", project_path, "--coders", "ana,luis", "--by-document", "--names")
    assert shown.exit_code == 0, shown.output
    assert "document by document" in shown.output and "P02_residente" in shown.output

    csv = run("agree", project_path, "--coders", "ana,luis", "--by-document", "--names", "--format", "csv")
    assert csv.output.splitlines()[0].startswith("document,code,units,disagreements,percent,cohen_kappa")
    assert len(csv.output.splitlines()) == 1 + 5

    cited = run("agree", project_path, "--coders", "ana,luis", "--by-document", "--format", "json")
    rows = json.loads(cited.output)["by_document"]
    assert [row["document"] for row in rows] == ["P01"] * 3 + ["P02"] * 2  # cited by reference without --names
    assert [row["code"] for row in rows] == ["Miedo", "Idioma", "(all codes)", "Miedo", "(all codes)"]


def test_a_unit_it_cannot_break_down_is_refused_in_one_line(project_path):
    refused = CliRunner().invoke(main, ["agree", str(project_path), "--coders", "ana,luis", "--by-document",
                                        "--unit", "segment"])
    assert refused.exit_code == 2 and "--by-document" in refused.output
