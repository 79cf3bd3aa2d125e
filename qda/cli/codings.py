"""Commands for coding work: codings (list, add, remove, recode, annotate), undo, redo, history, memo,
done and purge.

Each command imports the library modules it calls inside its function, so that
`qda --help` and a light command like `qda undo` start without pandas or rich."""

from __future__ import annotations

from pathlib import Path

import click

from ..cells import shorten
from ..errors import QdaError
from .common import emit, format_option, opened, project_argument, say
from .files import cited, names_option, output_option, wrote_table


@click.command()
@project_argument
@click.option("--add", "add_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Add codings from a CSV (document,code,start,end,coder[,memo]); all or nothing.")
@click.option("--remove", "remove_ids", multiple=True, metavar="ID", help="Remove a coding by id (repeatable).")
@click.option("--recode", nargs=2, metavar="ID CODE", help="Give a coding another code, keeping its memo.")
@click.option("--memo", nargs=2, metavar="ID TEXT", help="Set a coding's memo.")
@click.option("--document", help="Only codings of this document.")
@click.option("--code", "code_filter", help="Only codings of this code.")
@click.option("--coder", default="", help="Only this coder's codings; with --remove/--recode/--memo, who acts.")
@names_option
@output_option
@format_option
def codings(project: Path, add_path, remove_ids, recode, memo, document, code_filter, coder, names, output, raw_csv,
            mode, fmt) -> None:
    """List, add, remove, recode or annotate codings.

    \b
    Examples:
      qda codings study.qda --add codings.csv
      qda codings study.qda -o codings.csv
      qda codings study.qda --remove 5f0c... --coder ana
    """
    with opened(project) as opened_project:
        if add_path:
            from ..ingest.codings import read_codings_csv

            added = opened_project.add_codings(read_codings_csv(add_path, opened_project), coder or None,
                                               label=f"{add_path}: line", first=2)
            say(f"Added {len(added)} codings from {add_path}.")
            return
        acting = any((remove_ids, recode, memo))
        if acting and not coder:
            raise QdaError("say who makes the change with --coder NAME")
        if remove_ids:
            taken = opened_project.remove_codings(remove_ids, coder)
            say(f"Removed {taken}; `qda undo --coder {coder}` brings {'it' if taken.codings == 1 else 'them'} back.")
            return
        if recode:
            opened_project.recode(recode[0], recode[1], coder)
            say(f"Recoded {recode[0]} as {recode[1]}.")
            return
        if memo:
            opened_project.set_coding_memo(memo[0], memo[1], coder)
            say(f"Memo set on {memo[0]}.")
            return
        frame = opened_project.codings_table()
        if document:
            frame = frame[frame["document_id"] == opened_project.document_id(document)]
        if code_filter:
            frame = frame[frame["code_id"] == opened_project.code(code_filter).id]
        if coder:
            frame = frame[frame["coder"] == coder]
        frame = cited(frame, opened_project, names)
    frame = frame.drop(columns=["document_id", "code_id"])
    if wrote_table(frame, output, raw_csv, mode):
        return
    if fmt == "table":
        frame = frame.assign(text=[shorten(t, 80, "...") for t in frame["text"]])  # columns: CJK takes two
        frame = frame[["coding_id", "document", "code_path", "coder", "start", "end", "speaker", "text"]]
    emit(frame, fmt, title=f"{len(frame)} codings")


@click.command()
@project_argument
@click.option("--coder", required=True, help="Whose last action to undo.")
def undo(project: Path, coder: str) -> None:
    """Undo a coder's last action (codings, codes, memos), even after a restart.

    \b
    Example:
      qda undo study.qda --coder ana
    """
    _replay(project, coder, "undo")


@click.command()
@project_argument
@click.option("--coder", required=True, help="Whose undone action to redo.")
def redo(project: Path, coder: str) -> None:
    """Redo a coder's last undone action.

    \b
    Example:
      qda redo study.qda --coder ana
    """
    _replay(project, coder, "redo")


def _replay(project: Path, coder: str, verb: str) -> None:
    """Undo or redo ``coder``'s action and say what it did (an undo of several codings: how to redo it)."""
    with opened(project) as opened_project:
        action = getattr(opened_project, verb)(coder)
        summary = opened_project.said(action)
    again = f"; `qda redo --coder {coder}` puts it back" if verb == "undo" and action.codings_touched > 1 else ""
    say(f"{DONE[verb]}: {summary} ({action.effect}){again}")


DONE = {"undo": "Undone", "redo": "Redone"}


@click.command()
@project_argument
@click.option("--limit", type=int, default=50, show_default=True, help="How many entries, newest first (0: all).")
@format_option
def history(project: Path, limit: int, fmt: str) -> None:
    """The audit trail: who changed what, when.

    \b
    Example:
      qda history study.qda --limit 20
    """
    with opened(project, snapshot=True) as opened_project:
        trail = opened_project.history(limit or None)
    if fmt == "table":  # to the second, in UTC: the stored ISO time with microseconds folded an 80-column table
        trail = trail.assign(time=[_to_the_second(stamp) for stamp in trail["time"]]).rename(columns={"time": "time (UTC)"})
    emit(trail, fmt)


def _to_the_second(stamp: str) -> str:
    """An ISO 8601 time as "2026-12-02 01:57:50" in UTC; a text that is not one is left as it is."""
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@click.command()
@project_argument
@click.option("--document", help="The document the memo is on.")
@click.option("--code", "code_ref", help="The code the memo is on.")
@click.option("--text", help="The memo's text (empty removes it); without --text, print the memo.")
@click.option("--coder", required=True, help="Whose memo.")
def memo(project: Path, document, code_ref, text, coder) -> None:
    """Read or write a coder's memo on a document, a code or (with neither) the project.

    \b
    Example:
      qda memo study.qda --document P07_ngo_limanorte --coder ana --text "Strong on funding."
    """
    kind, target = ("document", document) if document else ("code", code_ref) if code_ref else ("project", "")
    with opened(project) as opened_project:
        if text is None:
            say(opened_project.memo(kind, target, coder))
        else:
            opened_project.set_memo(kind, target, text, coder)
            say(f"Memo saved on {kind} {target}".rstrip() + ".")


@click.command()
@project_argument
@click.argument("document")
@click.option("--coder", required=True, help="The coder who has finished the document.")
@click.option("--undone", is_flag=True, help="Unmark instead.")
def done(project: Path, document: str, coder: str, undone: bool) -> None:
    """Mark a document as fully coded by a coder (agreement and the document list read it).

    \b
    Example:
      qda done study.qda P07_ngo_limanorte --coder ana
    """
    with opened(project) as opened_project:
        opened_project.set_done(document, coder, not undone)
    say(f"{document}: {'not ' if undone else ''}done by {coder}.")


@click.command()
@project_argument
def purge(project: Path) -> None:
    """Remove deleted memo texts that the undo log still keeps, so that deleted means gone from the file.

    The actions that held them can no longer be undone.  Run it when no one else has the project open.

    \b
    Example:
      qda purge study.qda
    """
    with opened(project) as opened_project:
        changed = opened_project.forget_deleted()
    say(f"Purged deleted text from {changed} logged action(s) of {project}; they can no longer be undone.")


COMMANDS = [codings, undo, redo, history, memo, done, purge]
