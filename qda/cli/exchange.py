"""Exchange with other QDA tools: `qda export` writes a REFI-QDA project (.qdpx) or codebook (.qdc).

Reading a .qdpx is `qda init PROJECT --from FILE.qdpx`; codebooks go through
`qda codebook --export/--import FILE.qdc`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QdaError
from ..files import check_output_folder
from .common import opened, project_argument, say, step_progress


def counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{number} {name}" for name, number in counts.items())


def print_read_report(report, records) -> None:
    """What `init --from` read, how positions were taken, and what it adjusted or left out."""
    memos = len(records.memos) + sum(1 for c in records.codings if c.memo)
    say(f"Read {report.file}: " + counts_line({
        "sources": len(records.documents), "codes": len(records.codebook.codes), "coders": len(records.coders),
        "codings": len(records.codings), "memos": memos,
        "attribute values": sum(len(d.attributes) for d in records.documents)})
        + (f" ({report.missing} more source(s) NOT imported: see the warnings)." if report.missing else "."))
    conventions: dict[str, list[str]] = {}
    for document, convention in report.conventions.items():
        conventions.setdefault(convention, []).append(document)
    for convention, documents in conventions.items():
        shown = ", ".join(documents[:5]) + (f" and {len(documents) - 5} more" if len(documents) > 5 else "")
        say(f"Positions read as {convention}: {shown}.")
    for line in report.adjusted:
        say(f"Adjusted: {line}")
    for line in report.skipped:
        say(f"Left out: {line}")
    for line in report.warnings:
        say(f"Warning: {line}", err=True)


@click.command("export")
@project_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write: .qdpx (the whole project) or .qdc (the codebook).")
def export(project: Path, output: Path) -> None:
    """Export the project for NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA).

    Writes sources, codebook, coders, codings, memos and document attributes;
    the file validates against the REFI-QDA 1.0 schema.

    \b
    Examples:
      qda export study.qda -o study.qdpx
      qda export study.qda -o codes.qdc
    """
    from ..export.refi import write_qdc, write_qdpx

    suffix = output.suffix.lower()
    if suffix not in (".qdpx", ".qdc"):
        raise QdaError(f"{output}: export writes .qdpx (a project) or .qdc (a codebook), not {suffix or 'a file without suffix'}")
    check_output_folder(output)
    with opened(project, snapshot=True) as opened_project:
        if suffix == ".qdc":
            coded = set(opened_project.code_counts()["code_id"])
            report = write_qdc(opened_project.codebook, output, coded=coded)
        else:
            with step_progress() as progress:
                report = write_qdpx(opened_project, output, progress=progress)
    say(f"Wrote {output}: {counts_line(report.counts)}.")
    for line in report.adjusted:
        say(f"Adjusted: {line}")
    for line in report.left_out:
        say(f"Left out: {line}")


COMMANDS = [export]
