"""The agreement report as a file: .csv (the per-code table) or .docx (table, disagreements, methods paragraph)."""

from __future__ import annotations

from pathlib import Path

from ..analysis.agreement import AgreementReport
from ..analysis.reliability import NAMES, REFERENCES, STATISTICS, Undefined
from ..analysis.unitizing import REFERENCE as UNITIZING_REFERENCE
from ..errors import QdaError
from ..files import atomic_output

UNIT_WORDS = {
    "sentence": "sentences", "paragraph": "paragraphs", "turn": "speaker turns", "document": "whole documents",
    "character": "characters", "segment": "coded segments", "continuum": "the character continuum",
}
SHORT = {"percent": "%", "cohen_kappa": "Cohen's κ", "fleiss_kappa": "Fleiss' κ", "brennan_prediger": "B-P κ",
         "gwet_ac1": "Gwet's AC1", "krippendorff_alpha": "Krippendorff's α", "u_alpha": "uα", "cu_alpha": "(k)uα",
         "Cu_alpha": "cuα"}
UNITIZING = ("u_alpha", "cu_alpha", "Cu_alpha")  # per code: the first two; overall: the first and the last


def write_report(report: AgreementReport, path: str | Path, project_name: str = "") -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with atomic_output(path) as target:
            report.table().to_csv(target, index=False, lineterminator="\n")
    elif suffix == ".docx":
        _docx(report, path, project_name)
    else:
        raise QdaError(f"{path}: write the report as .docx or .csv")


def _value(value) -> str:
    if isinstance(value, Undefined):
        return "undefined"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def methods_paragraph(report: AgreementReport) -> str:
    """A paragraph for a paper's methods section: coders, unit, documents, statistics with values and references."""
    coders = report.coders
    who = f"{', '.join(coders[:-1])} and {coders[-1]}"
    unit = UNIT_WORDS[report.unit]
    text = (f"{len(coders)} coders ({who}) coded the material independently. Agreement was assessed on "
            f"{len(report.documents)} document(s) that every coder had coded")
    if report.excluded:
        text += f" ({len(report.excluded)} further document(s) were not coded by every coder and were left out)"
    if report.unit == "continuum":
        return text + _unitizing_methods(report)
    text += f", with {unit} as the unit of analysis"
    if report.unit in ("sentence", "paragraph", "turn", "document"):
        text += ": for each code, a unit counted as coded by a coder when any of that coder's codings of the code overlapped it"
    elif report.unit == "character":
        text += (": every character counted as a unit" + (", including characters no coder coded" if report.include_uncoded
                 else ", over the characters that at least one coder coded"))
    else:
        text += (f": a coding counted as matched when the other coder applied the same code to a span overlapping it by at "
                 f"least {report.threshold:.0%} of the longer span")
    text += ". "
    overall = report.overall
    if report.variable:
        text += (f"The child codes of {report.variable} were treated as the categories of one {report.level} variable "
                 f"({overall['units']} units coded by at least two coders). ")
    else:
        text += (f"Statistics were computed for each of {len(report.codes)} codes on the presence or absence of the code "
                 f"in each unit, and over all codes on the pooled decisions ({overall['units']} unit-code pairs). ")
    parts = []
    for name in STATISTICS:
        value = overall[name]
        if isinstance(value, Undefined):
            parts.append(f"{NAMES[name]} was {value}")
        else:
            parts.append(f"{NAMES[name]} was {value:.3f}" if name != "percent" else f"percent agreement was {value:.1%}")
    text += "Overall, " + "; ".join(parts) + "."
    if report.bootstrap and not isinstance(overall.get("alpha_low"), str):
        text += (f" A bootstrapped 95% confidence interval for alpha ({report.bootstrap} samples; Hayes & Krippendorff, "
                 f"2007) ran from {overall['alpha_low']:.3f} to {overall['alpha_high']:.3f}.")
    text += (" Coefficients follow Cohen (1960), Fleiss (1971), Brennan and Prediger (1981), Gwet (2008) and "
             "Krippendorff (2011); they were computed with qda.")
    return text


def _unitizing_methods(report: AgreementReport) -> str:
    overall = report.overall
    text = (". The documents, laid end to end, formed one continuum of characters, which each coder divided into "
            "coded units and uncoded gaps; agreement was assessed with Krippendorff's alpha for unitizing "
            f"(Krippendorff, 1995; Krippendorff, Mathet, Bouvry & Widlöcher, 2016) over {overall['units']:,} characters. "
            "For each code, uα (whether and where the code was applied, against the gaps) and (k)uα (the code among the "
            "other codes of its domain, on the characters both coders coded) were computed")
    text += (f"; the domain was the child codes of {report.variable}. " if report.variable
             else f"; the domain was the {len(report.codes)} codes compared. ")
    parts = [f"uα for any code of the domain against the gaps was {_value(overall['u_alpha'])}",
             f"cuα (which code of the domain, where both coders coded) was {_value(overall['Cu_alpha'])}"]
    return text + "Overall, " + "; ".join(parts) + ". The coefficients were computed with qda."


def _docx(report: AgreementReport, path: Path, project_name: str) -> None:
    from docx import Document
    from docx.shared import Inches, Pt

    document = Document()
    document.add_heading(f"Inter-coder agreement{': ' + project_name if project_name else ''}", level=1)
    document.add_paragraph(f"Coders: {', '.join(report.coders)}. Unit: {report.unit}. Documents: {len(report.documents)}"
                           + (f" ({len(report.excluded)} left out)" if report.excluded else "") + ".")
    document.add_heading("Methods", level=2)
    document.add_paragraph(methods_paragraph(report))
    document.add_heading("Agreement per code", level=2)
    table = report.table()
    unitizing = report.unit == "continuum"
    columns = ["code", "units", "disagreements", *(UNITIZING if unitizing else STATISTICS)]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Light Grid Accent 1"
    for cell, name in zip(grid.rows[0].cells, columns):
        cell.text = SHORT.get(name, name)
    for record in table.to_dict("records"):
        cells = grid.add_row().cells
        for cell, name in zip(cells, columns):
            cell.text = _value(record[name]) if name != "percent" or isinstance(record[name], str) else f"{record[name]:.1%}"
    # A wide first column keeps code paths readable; the figures need little room.
    grid.autofit = False
    widths = [Inches(2.1)] + [Inches(4.4 / (len(columns) - 1))] * (len(columns) - 1)
    for column, width in zip(grid.columns, widths):  # Word reads cell widths, LibreOffice the grid's
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    undefined = sorted({str(v) for record in table.to_dict("records") for v in record.values() if isinstance(v, Undefined)})
    if undefined:
        document.add_paragraph("“undefined”: " + "; ".join(u.removeprefix("undefined: ") for u in undefined) + ".")
    if report.excluded:
        document.add_heading("Documents left out", level=2)
        for name, why in report.excluded.items():
            document.add_paragraph(f"{name}: {why}", style="List Bullet")
    document.add_heading(f"Disagreements ({len(report.disagreements)})", level=2)
    for record in report.disagreements.to_dict("records"):
        if "coded_by" in record:
            head = f"{record['code']} — {record['document']} [{record['start']}, {record['end']}): coded by {record['coded_by']}, not by {record['not_coded_by']}"
        else:
            values = "; ".join(f"{c}: {record[c] or '(none)'}" for c in report.coders)
            head = f"{record['document']} [{record['start']}, {record['end']}): {values}"
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(head).bold = True
        paragraph.add_run("\n“" + record["text"].strip() + "”")
    document.add_heading("References", level=2)
    references = ([r.rstrip(".") + "." for r in UNITIZING_REFERENCE.split("; ")] if unitizing
                  else [REFERENCES[name] for name in STATISTICS if REFERENCES[name]])
    for reference in references:
        document.add_paragraph(reference)
    with atomic_output(path) as target:
        document.save(target)
