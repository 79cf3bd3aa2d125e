"""Commands for inter-coder agreement: copy-for-coder, merge, agree."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from ..cells import shorten
from ..errors import QdaError
from ..files import check_output_folder
from .common import default_coder, emit, format_option, noting_older_sentences, opened, project_argument, say, working
from .files import file_options, names_option

# The choices of `qda agree`, spelled out so that `--help` need not import the statistics (numpy, pandas);
# tests/cli/test_startup.py checks they equal qda.analysis.agreement.UNITS and qda.analysis.reliability.LEVELS.
UNITS = ("sentence", "paragraph", "turn", "document", "character", "segment", "continuum")
LEVELS = ("nominal", "ordinal", "interval", "ratio")


@click.command("copy-for-coder")
@project_argument
@click.option("--coder", required=True, help="The coder the copy is for.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The new project file.")
def copy_for_coder(project: Path, coder: str, output: Path) -> None:
    """Copy a project for one coder: same documents and codebook, no one else's codings.

    \b
    Example:
      qda copy-for-coder study.qda --coder luis -o luis.qda
    """
    from ..store.merge import copy_for_coder as copy_project

    with opened(project, snapshot=True) as opened_project, working(f"Copying for {coder}"):
        copy = copy_project(opened_project, coder, output)
        documents, codes = len(copy.documents_frame()), len(copy.codebook)
        copy.close()
    say(f"Wrote {output} for {coder}: {documents} documents, {codes} codes.")


@click.command()
@project_argument
@click.argument("others", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--coder", default="", help="Whose undoable action the merge is (default: your login name); "
                                          "`qda undo --coder NAME` takes a file's merge back whole.")
def merge(project: Path, others: tuple[Path, ...], coder: str) -> None:
    """Bring coders' copies home: their codings, memos, new codes and documents; nothing overwritten.

    Documents match by their text, codes by id and then by path.  Each file is merged in
    one transaction; merging a file twice adds nothing the second time.

    \b
    Example:
      qda merge study.qda ana.qda luis.qda
    """
    from ..store.merge import merge as merge_projects

    with opened(project) as opened_project:
        for path in others:
            with working(f"Merging {path.name}"):
                (report,) = merge_projects(opened_project, [path], default_coder(coder))
            for line in report.lines():
                say(line)


def _cell(value) -> str:
    from ..analysis.reliability import Undefined

    if isinstance(value, Undefined):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


HEADERS = {"percent": "%", "cohen_kappa": "Cohen", "scott_pi": "Scott", "fleiss_kappa": "Fleiss",
           "conger_kappa": "Conger", "pabak": "PABAK", "prevalence_index": "PI", "bias_index": "BI",
           "brennan_prediger": "B-P", "gwet_ac1": "AC1", "krippendorff_alpha": "alpha", "kappa_linear": "kw lin",
           "kappa_quadratic": "kw quad", "gwet_ac2_linear": "AC2 lin", "gwet_ac2_quadratic": "AC2 quad",
           "alpha_low": "alpha low", "alpha_high": "alpha high"}


def _names(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def _print_table(table, statistics, report, title: str, lead: tuple[str, ...] = ()) -> None:
    """The table for people: three decimals, "n/a" for an undefined figure with its reasons said once below.
    Two coders' B-P equals PABAK, so the terminal shows it once; CSV and JSON carry both.  ``lead``: columns
    before the code (the document)."""
    from ..analysis.reliability import Undefined

    columns = [*lead, "code", "units", "disagreements", *[n for n in statistics if n != "pabak"],
               *[c for c in report.bootstrap_columns() if c in table]]
    shown = table[[c for c in columns if c in table]].copy()
    figures = shown.columns[3 + len(lead):]
    reasons = sorted({str(v).removeprefix("undefined: ") for c in figures for v in shown[c]
                      if isinstance(v, Undefined)})
    for column in figures:
        shown[column] = [_cell(v) for v in shown[column]]
    headers = {**HEADERS, **{c: c.replace("p_alpha_below_", "P(a<") + ")" for c in shown if c.startswith("p_alpha_below_")}}
    if "pabak" in statistics:
        headers["brennan_prediger"] = "PABAK/B-P"
    emit(shown.rename(columns=headers), "table", title=title)
    if reasons:
        say("n/a: " + "; ".join(reasons) + ".")


@click.command()
@project_argument
@click.option("--coders", required=True, help="Comma-separated coders to compare, e.g. ana,luis.")
@click.option("--unit", type=click.Choice(UNITS), default="sentence", show_default=True,
              help="What counts as one decision: a span unit, each character, each coded segment (MAXQDA), "
                   "or continuum: Krippendorff's unitizing alphas (u_alpha, cu_alpha per code; u_alpha, values_u_alpha, Cu_alpha overall).")
@click.option("--codes", "codes", multiple=True, metavar="SUBTREE", help="Only these codes and their subtrees (repeatable).")
@click.option("--variable", metavar="PARENT", help="Take the children of PARENT as the categories of one variable.")
@click.option("--level", type=click.Choice(LEVELS), default="nominal", show_default=True,
              help="With --variable: alpha's metric (ordinal: codebook order; interval/ratio: child names as numbers).")
@click.option("--threshold", type=float, default=0.9, show_default=True,
              help="With --unit segment: share of the longer span two codings must overlap to match.")
@click.option("--include-uncoded", is_flag=True, help="With --unit character: count characters nobody coded (inflates figures).")
@click.option("--bootstrap", type=int, default=0, show_default=True, help="Bootstrap samples for alpha's 95%% interval.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the bootstrap.")
@click.option("--min-alpha", "min_alpha", type=float, multiple=True, metavar="ALPHA",
              help="With --bootstrap: report the probability that alpha falls below ALPHA (repeatable; "
                   "default 0.667 and 0.8).")
@click.option("--show-disagreements", is_flag=True, help="Also list the disagreements with their text.")
@click.option("--by-document", is_flag=True,
              help="Also each document's figures, per code applied in it and pooled (csv: this table; "
                   ".docx: a table per document).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report: .docx (table, disagreements, methods paragraph) or .csv (the table).")
@names_option
@file_options
@format_option
def agree(project: Path, coders: str, unit: str, codes: tuple[str, ...], variable, level, threshold, include_uncoded,
          bootstrap, seed, min_alpha, show_disagreements, by_document, output, names, raw_csv, mode, fmt) -> None:
    """Inter-coder agreement per code and overall: percent, Cohen, Fleiss, Brennan-Prediger, Gwet AC1, alpha.

    Only documents every compared coder has coded (or marked done) count; the others are named.

    \b
    Examples:
      qda agree study.qda --coders ana,luis
      qda agree study.qda --coders ana,luis --unit paragraph --codes "Police" --bootstrap 1000
      qda agree study.qda --coders ana,luis --variable "Severity" --level ordinal
      qda agree study.qda --coders ana,luis --format json
      qda agree study.qda --coders ana,luis --by-document
      qda agree study.qda --coders ana,luis --unit continuum --variable "Severity"
      qda agree study.qda --coders ana,luis -o agreement.docx
    """
    if output is not None and output.suffix.lower() not in (".docx", ".csv"):
        raise QdaError(f"{output}: write the report as .docx or .csv")
    if output is not None:
        check_output_folder(output)
    from ..analysis.agreement import agreement
    from ..analysis.coefficients import PAIR, WEIGHTED
    from ..analysis.reliability import MINIMUM_ALPHAS

    with opened(project, snapshot=True) as opened_project, noting_older_sentences(opened_project, unit), \
            working("Computing agreement"):
        report = agreement(opened_project, coders, unit=unit, codes=list(codes) or None, variable=variable, level=level,
                           threshold=threshold, bootstrap=bootstrap, seed=seed, include_uncoded=include_uncoded,
                           min_alpha=min_alpha or MINIMUM_ALPHAS, by_document=by_document)
        report = _cited(report, opened_project, names)
        if output is not None:
            from ..export.agreement_report import write_report

            write_report(report, output, project_name=opened_project.name, raw_csv=raw_csv, mode=mode)
    for note in report.notes:
        say(f"Note: {note}", err=True)
    if output is not None:
        say(f"Wrote {output}.", err=fmt != "table")
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    table = report.table()
    if fmt == "csv":
        emit(report.by_document.drop(columns=["code_id"]) if by_document else table, "csv")
        return
    scope = f", {variable} ({level})" if variable else ""
    _print_table(table, list(dict.fromkeys([*report.statistics, *report.overall_statistics])), report,
                 f"Agreement of {_names(report.coders)} by {unit}{scope}: {_count(len(report.documents), 'document')}")
    if not report.pairs.empty:
        pair_statistics = [name for name in PAIR + WEIGHTED if name in report.pairs]
        for (first, second), pair in report.pairs.groupby(["coder_a", "coder_b"], sort=False):
            _print_table(pair.drop(columns=["coder_a", "coder_b", "code_id"]), pair_statistics, report,
                         f"{first} and {second} by {unit}{scope}")
    if by_document:
        _print_table(report.by_document.drop(columns=["code_id"]), list(report.statistics), report,
                     f"{_names(report.coders)} by {unit}, document by document", lead=("document",))
    if show_disagreements and not report.disagreements.empty:
        frame = report.disagreements.copy()
        frame["text"] = [shorten(t, 70, "...") for t in frame["text"]]  # columns: CJK takes two
        emit(frame, "table", title=_count(len(frame), "disagreement"))


def _cited(report, project, names: bool):
    """The report with documents named by their references (P07) unless ``names``: in its lists,
    its disagreements and its notes (a file name may describe the participant)."""
    if names:
        return report
    from ..references import cite_documents, cite_in_text, short_names
    from ..store.queries import documents_table

    short = short_names(documents_table(project)["name"].tolist())
    return replace(report, documents=[short.get(d, d) for d in report.documents],
                   excluded={short.get(k, k): v for k, v in report.excluded.items()},
                   disagreements=cite_documents(report.disagreements, list(short)),
                   conflicts=cite_documents(report.conflicts, list(short)),
                   by_document=cite_documents(report.by_document, list(short)),
                   notes=[cite_in_text(note, short) for note in report.notes])


COMMANDS = [copy_for_coder, merge, agree]
