"""The agreement report as a file: .csv (the per-code table, or the per-document one when asked) or .docx (table,
per pair and per document when asked, disagreements, methods paragraph)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis.agreement import AgreementReport, below_column
from ..analysis.coefficients import PAIR, WEIGHTED
from ..analysis.reliability import NAMES, REFERENCES, Undefined
from ..analysis.unitizing import REFERENCE as UNITIZING_REFERENCE
from ..errors import QdaError
from ..files import PRIVATE, atomic_output
from ..spreadsheet import write_csv

UNIT_WORDS = {
    "sentence": "sentences", "paragraph": "paragraphs", "turn": "speaker turns", "document": "whole documents",
    "character": "characters", "segment": "coded segments", "continuum": "the character continuum",
}
SHORT = {"percent": "%", "cohen_kappa": "Cohen's κ", "scott_pi": "Scott's π", "fleiss_kappa": "Fleiss' κ",
         "conger_kappa": "Conger's κ", "pabak": "PABAK", "prevalence_index": "PI", "bias_index": "BI",
         "brennan_prediger": "B-P κ", "gwet_ac1": "AC1", "krippendorff_alpha": "α", "kappa_linear": "κw linear",
         "kappa_quadratic": "κw quadr.", "gwet_ac2_linear": "AC2 linear", "gwet_ac2_quadratic": "AC2 quadr.",
         "u_alpha": "uα", "cu_alpha": "(k)uα", "Cu_alpha": "cuα", "values_u_alpha": "uα values", "se": "SE",
         "low": "95% CI low", "high": "95% CI high"}
GWET_2014 = "Gwet, K. L. (2014). Handbook of Inter-Rater Reliability (4th ed.). Advanced Analytics."
UNITIZING = ("u_alpha", "cu_alpha", "values_u_alpha", "Cu_alpha")  # per code: the first two; overall: all but cu_alpha


def write_report(report: AgreementReport, path: str | Path, project_name: str = "", raw_csv: bool = False,
                 mode: int = PRIVATE) -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":  # safe for spreadsheets unless raw_csv (qda.spreadsheet); by document, as --format csv
        table = report.by_document.drop(columns=["code_id"]) if not report.by_document.empty else report.table()
        write_csv(table, path, raw=raw_csv, mode=mode)
    elif suffix == ".docx":
        _docx(report, path, project_name, mode)
    else:
        raise QdaError(f"{path}: write the report as .docx or .csv")


def _value(value) -> str:
    if isinstance(value, Undefined):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def counted(number: int, noun: str) -> str:
    """A count as a paper prints it: words below ten, numerals from ten; the noun in the plural but for one.

    >>> counted(2, "coder"), counted(6, "document"), counted(1, "document"), counted(12, "document")
    ('two coders', 'six documents', 'one document', '12 documents')
    """
    word = NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"
    return f"{word} {noun}{'' if number == 1 else 's'}"


def _listed(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _every(coders: int) -> str:
    return "both coders" if coders == 2 else f"all {counted(coders, 'coder')}"


def _with_interval(report: AgreementReport, name: str) -> str:
    value = report.overall[name]
    if isinstance(value, Undefined):
        return f"{NAMES[name]} was undefined ({value.removeprefix('undefined: ')})"
    shown = f"{value:.1%}" if name == "percent" else f"{value:.3f}"
    low, high = report.overall.get(f"{name}_low"), report.overall.get(f"{name}_high")
    if low is not None and high is not None:
        shown += (f" (95% CI {low:.1%} to {high:.1%})" if name == "percent" else f" (95% CI {low:.3f} to {high:.3f})")
    return f"{NAMES[name] if name != 'percent' else 'percent agreement'} was {shown}"


def methods_paragraph(report: AgreementReport) -> str:
    """A paragraph for a paper's methods section: coders, unit, documents, statistics with values, intervals and references."""
    m = len(report.coders)
    who = f"{counted(m, 'coder')} ({_listed(report.coders)})"
    text = (f"{who[0].upper() + who[1:]} coded the material independently." if m < len(NUMBER_WORDS)
            else f"The material was coded independently by {who}.")
    text += (f" Agreement was assessed on {counted(len(report.documents), 'document')} that {_every(m)} had coded")
    if report.excluded:
        left = len(report.excluded)
        text += f" ({counted(left, 'further document')} {'was' if left == 1 else 'were'} not coded by {_every(m)} and left out)"
    if report.unit == "continuum":
        return text + _unitizing_methods(report)
    text += f", with {UNIT_WORDS[report.unit]} as the unit of analysis"
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
                 f"({overall['units']:,} units coded by at least two coders). ")
    else:
        text += (f"Statistics were computed for each of the {counted(len(report.codes), 'code')} that at least one coder "
                 f"applied, on the presence or absence of the code in each unit, and over those codes on the pooled "
                 f"decisions ({overall['units']:,} unit-code pairs). ")
    statistics = [n for n in report.overall_statistics if n not in ("prevalence_index", "bias_index")]
    text += "Overall, " + "; ".join(_with_interval(report, name) for name in statistics) + "."
    if "prevalence_index" in report.overall_statistics:
        text += (f" The prevalence index was {_value(overall['prevalence_index'])} and the bias index "
                 f"{_value(overall['bias_index'])} (Byrt, Bishop & Carlin, 1993).")
    if report.bootstrap and not isinstance(overall.get("alpha_low"), str):
        below = "; ".join(f"{overall[below_column(m)]:.3f} for {m:g}" for m in report.min_alpha)
        text += (f" A bootstrapped 95% confidence interval for alpha ({report.bootstrap:,} samples; Hayes & Krippendorff, "
                 f"2007) ran from {overall['alpha_low']:.3f} to {overall['alpha_high']:.3f}; the probability of alpha "
                 f"falling below a minimum was {below}.")
    if not report.pairs.empty:
        text += (f" Cohen's kappa and Scott's pi, defined for two coders, are reported for each of the "
                 f"{counted(m * (m - 1) // 2, 'pair')} of coders.")
    text += (" Standard errors and 95% confidence intervals follow Gwet (2014). The coefficients were computed with qda.")
    return text


def _unitizing_methods(report: AgreementReport) -> str:
    overall = report.overall
    text = (". The documents, laid end to end, formed one continuum of characters, which each coder divided into "
            "coded units and uncoded gaps; agreement was assessed with Krippendorff's alpha for unitizing "
            f"(Krippendorff, 1995; Krippendorff, Mathet, Bouvry & Widlöcher, 2016) over {overall['units']:,} characters. "
            "For each code, uα (whether and where the code was applied, against the gaps) and (k)uα (the code among the "
            "other codes of its domain, on the characters both coders coded) were computed")
    text += (f"; the domain was the child codes of {report.variable}. " if report.variable
             else f"; the domain was the {counted(len(report.codes), 'code')} compared. ")
    parts = [f"uα for any code of the domain against the gaps was {_value(overall['u_alpha'])}",
             f"uα with values (the domain's codes and the gap as values of one variable) was "
             f"{_value(overall['values_u_alpha'])}",
             f"cuα (which code of the domain, where both coders coded) was {_value(overall['Cu_alpha'])}"]
    return text + "Overall, " + "; ".join(parts) + ". The coefficients were computed with qda."


# Inches per character at 8 points: bold header letters and figures in the widest of the fonts a reader may
# see (Calibri in Word; LibreOffice without Calibri substitutes DejaVu Sans, which runs wider).
HEADER_CHAR_WIDTH, HEADER_CAPITAL_WIDTH, FIGURE_CHAR_WIDTH = 0.078, 0.1, 0.07
CELL_PADDING = 0.18  # inches of a cell's left and right margins in Word and LibreOffice
FIRST_COLUMN = 1.4  # inches at least for the code paths, which wrap between words


def _column_widths(frame, columns: list[str], headers: list[str], usable: float) -> list[float]:
    """Inches per column: each figure column as wide as its longest value or its longest header word (headers then
    break only between words), the first (code) column the rest, at least ``FIRST_COLUMN``."""
    widths = []
    for name, header in zip(columns[1:], headers[1:]):
        longest = max([max(_header_width(word) for word in header.split())]
                      + [len(_cell(v, name)) * FIGURE_CHAR_WIDTH for v in frame[name]])
        widths.append(longest + CELL_PADDING)
    return [max(FIRST_COLUMN, usable - sum(widths))] + widths


def _header_width(word: str) -> float:
    """Inches of a bold header word: capitals run wider than the other letters."""
    return sum(HEADER_CAPITAL_WIDTH if letter.isupper() else HEADER_CHAR_WIDTH for letter in word)


def _usable(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 914400


def _landscape(section) -> None:
    from docx.enum.section import WD_ORIENT

    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def _cell(value, name: str) -> str:
    if name == "percent" and isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, int) and name in ("units", "disagreements"):
        return f"{value:,}"
    return _value(value) if value is not None else ""


def _header(name: str, columns: list[str]) -> str:
    """The column's header; two coders' B-P is PABAK (Byrt et al. 1993), one column says both."""
    if name == "brennan_prediger" and "prevalence_index" in columns:
        return "B-P κ = PABAK"
    return SHORT.get(name, name)


def _shown(statistics) -> list[str]:
    """The statistics of a table in the report: PABAK is shown in the B-P column."""
    return [name for name in statistics if name != "pabak"]


def _fits_portrait(document, frame, columns: list[str]) -> bool:
    headers = [_header(name, columns) for name in columns]
    section = document.sections[-1]
    return sum(_column_widths(frame, columns, headers, _usable(section))) <= _usable(section) + 1e-6


def _grid(document, frame, columns: list[str]) -> None:
    """A table of ``frame``'s ``columns`` whose headers and figures fit their cells (checked in LibreOffice)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches, Pt

    headers = [_header(name, columns) for name in columns]
    section = document.sections[-1]
    widths = _column_widths(frame, columns, headers, _usable(section))
    if sum(widths) > _usable(section) + 1e-6 and section.orientation != WD_ORIENT.LANDSCAPE:  # a landscape section
        section = document.add_section()
        _landscape(section)
        widths = _column_widths(frame, columns, headers, _usable(section))
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Light Grid Accent 1"
    grid.autofit = False
    for cell, header in zip(grid.rows[0].cells, headers):
        cell.text = header
    for record in frame.to_dict("records"):
        for cell, name in zip(grid.add_row().cells, columns):
            cell.text = _cell(record[name], name)
    for column, width in zip(grid.columns, widths):  # Word reads cell widths, LibreOffice the grid's
        column.width = Inches(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Inches(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _docx(report: AgreementReport, path: Path, project_name: str, mode: int = PRIVATE) -> None:
    from docx import Document

    document = Document()
    table = report.table()
    unitizing = report.unit == "continuum"
    statistics = UNITIZING if unitizing else list(dict.fromkeys([*report.statistics, *report.overall_statistics]))
    columns = ["code", "units", "disagreements", *[n for n in _shown(statistics) if n in table]]
    if not _fits_portrait(document, table, columns):  # the whole report in landscape, the table beside its heading
        _landscape(document.sections[0])
    document.add_heading(f"Inter-coder agreement{': ' + project_name if project_name else ''}", level=1)
    document.add_paragraph(f"Coders: {', '.join(report.coders)}. Unit: {report.unit}. Documents: {len(report.documents)}"
                           + (f" ({len(report.excluded)} left out)" if report.excluded else "") + ".")
    document.add_heading("Methods", level=2)
    document.add_paragraph(methods_paragraph(report))
    document.add_heading("Agreement per code", level=2)
    _grid(document, table, columns)
    errors = [n for n in report.overall_statistics if f"{n}_se" in report.overall]
    if errors:
        document.add_heading("Precision of the overall figures", level=2)
        precision = pd.DataFrame([{"statistic": NAMES[n][0].upper() + NAMES[n][1:] if n != "percent" else "Percent agreement",
                                   "value": report.overall[n], "se": report.overall.get(f"{n}_se"),
                                   "low": report.overall.get(f"{n}_low"), "high": report.overall.get(f"{n}_high")}
                                  for n in errors])
        _grid(document, precision, ["statistic", "value", "se", "low", "high"])
    if not report.pairs.empty:
        document.add_heading("Agreement per pair of coders", level=2)
        pair_statistics = [n for n in _shown(PAIR + WEIGHTED) if n in report.pairs]
        for (first, second), pair in report.pairs.groupby(["coder_a", "coder_b"], sort=False):
            document.add_paragraph(f"{first} and {second}")
            _grid(document, pair, ["code", "units", "disagreements", *pair_statistics])
    if not report.by_document.empty:  # where the coders disagree: a table per document, as per pair
        document.add_heading("Agreement per document", level=2)
        document_statistics = [n for n in _shown(report.statistics) if n in report.by_document]
        for name, rows in report.by_document.groupby("document", sort=False):
            document.add_paragraph(str(name))
            _grid(document, rows, ["code", "units", "disagreements", *document_statistics])
    undefined = sorted({str(v) for frame in (table, report.pairs, report.by_document) for record in frame.to_dict("records")
                        for v in record.values() if isinstance(v, Undefined)})
    if undefined:
        document.add_paragraph("n/a: " + "; ".join(u.removeprefix("undefined: ") for u in undefined) + ".")
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
    if unitizing:
        references = [r.rstrip(".") + "." for r in UNITIZING_REFERENCE.split("; ")]
    else:
        shown = [*statistics, *(PAIR if not report.pairs.empty else ())]
        references = sorted({part.strip().rstrip(".") + "." for name in shown for part in REFERENCES.get(name, "").split("; ")
                             if part.strip()} | {GWET_2014})
    for reference in references:
        document.add_paragraph(reference)
    with atomic_output(path, mode) as target:
        document.save(target)
