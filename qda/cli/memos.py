"""The memos command: every memo with what it is on, searched, listed or exported to .docx or Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from ..files import check_output_folder
from .common import emit, format_option, opened, project_argument, say
from .files import names_option, permissions_option

KINDS = ("project", "document", "code", "coding")  # qda.analysis.memos.KINDS, spelled out so --help stays light


@click.command()
@project_argument
@click.option("--search", metavar="TEXT",
              help="Only memos whose text, or what they are on, contains TEXT (case and accents ignored).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only memos on the project, documents, codes or codings (repeatable).")
@click.option("--coder", multiple=True, metavar="NAME", help="Only this coder's memos (repeatable).")
@click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write them to a .docx or .md file instead of printing them.")
@permissions_option
@names_option
@format_option
def memos(project: Path, search, kinds, coder, export_path, mode, names, fmt) -> None:
    """Every memo (on the project, a document, a code or a coding) with what it is on.

    Documents are cited by reference (P07; a coded passage P07:12, as quotes
    number them), also where a memo's text names a document's file; attributes
    are never shown.  See docs/analysis.md.

    \b
    Examples:
      qda memos study.qda
      qda memos study.qda --search impunidad --kind coding
      qda memos study.qda --export memos.docx
    """
    from ..analysis.memos import memos as memo_table

    if export_path is not None:
        check_output_folder(export_path)
    with opened(project, snapshot=True) as opened_project:
        table = memo_table(opened_project, search=search, kinds=list(kinds), coder=list(coder), names=names)
        name = opened_project.name
    if export_path is not None:
        from ..export.memos import write_memos

        filters = ([f"containing {search!r}"] if search else []) + [f"on {k}s" for k in kinds] + [f"by {c}" for c in coder]
        subtitle = f"{name}: {len(table)} memo{'s' * (len(table) != 1)}" + (f" ({', '.join(filters)})" if filters else "") + "."
        write_memos(table, export_path, title=f"Memos: {name}", subtitle=subtitle, mode=mode)
        say(f"Wrote {len(table)} memos to {export_path}.")
        return
    shown = table.drop(columns=["document_id", "code_id", "coding_id", "start", "end", "code"])
    if fmt == "table":
        shown = shown[["kind", "attached_to", "coder", "memo", "passage"]].assign(
            attached_to=[a if k != "coding" else a.replace(" · ", "\n", 1) for a, k in zip(shown["attached_to"], shown["kind"])])
    emit(shown, fmt, title=f"{len(table)} memos")


COMMANDS = [memos]
