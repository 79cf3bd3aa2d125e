"""Commands for the project itself: init, sample, import, documents, resegment, codebook (coding work: ``qda.cli.codings``).

Each command imports the library modules it calls inside its function, so that
`qda --help` and a light command like `qda undo` start without pandas or rich."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import QdaError
from .common import (ProjectLocation, counted_steps, default_coder, emit, format_option, older_sentences, opened,
                     progress_bar, project_argument, say, step_progress, visible_on)
from .files import file_options


@click.command()
@project_argument
@click.option("--codebook", "codebook_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Start from this YAML codebook.")
@click.option("--name", default="", help="The project's name (default: the file name).")
@click.option("--from", "from_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Build the project from a REFI-QDA project (.qdpx, or its project XML alone) of NVivo, "
                   "ATLAS.ti, MAXQDA, QualCoder...")
def init(project: Path, codebook_path: Path | None, name: str, from_path: Path | None) -> None:
    """Create a project file, optionally with a starting codebook or from another tool's .qdpx.

    \b
    Examples:
      qda init study.qda --codebook codebooks/peru_vaw_state_response.yaml
      qda init study.qda --from colleague.qdpx
    """
    if isinstance(project, Path) and project.exists():  # before reading anything: a large .qdpx takes a while
        raise QdaError(f"{project}: a file is already there; choose another name or remove it first")
    if from_path is not None:
        from ..export.refi import read_qdpx
        from ..store.exchange import create_from_records
        from .exchange import print_read_report

        if codebook_path is not None:
            raise QdaError("give --codebook or --from, not both (a .qdpx brings its own codebook)")
        with step_progress() as progress:
            records, report = read_qdpx(from_path, progress=progress)
            if name:
                records.name = name
            progress(f"Storing {getattr(project, 'name', project)}", 0, None)
            with create_from_records(project, records, f"created from {from_path.name}", created=report.created):
                pass
        print_read_report(report, records)
        say(f"Created {project} from {from_path}.")
        return
    from .. import create_project

    with create_project(project, codebook_path, name=name) as created:
        codes = len(created.codebook)
    say(f"Created {project} with {codes} codes.")


def _import(project_path: Path, files, attributes, language, speaker_pattern, pipeline, as_new, encoding) -> None:
    from ..ingest import import_files

    with opened(project_path) as project, progress_bar() as bar:
        task = bar.add_task("Reading", total=len(files), item="")
        checked = counted_steps(bar, "Checking the stored sentences", instead_of=task)  # a project of before the setting
        report = import_files(project, files, attributes=attributes, language=language, speaker_pattern=speaker_pattern,
                              pipeline=pipeline, as_new=as_new, encoding=encoding,
                              progress=lambda name: bar.update(task, advance=1, item=name), checking=checked)
    for document in report.added:
        say(_imported_line(document))
        for warning in document.warnings:
            say(f"Warning: {document.source}: {warning}", err=True)
    for file, reason in report.skipped:
        say(f"Skipped {file}: {reason}")
    if attributes:
        say(f"Set {report.attributes_set} attribute values from {attributes}.")
        for name in report.attributes_unmatched:
            say(f"Warning: {attributes} names {name!r}, which is not in the project.", err=True)


def _imported_line(document) -> str:
    """One line per document: words, turns and the speakers found, sentences, language, encoding."""
    from ..model import names_apart

    found = list(dict.fromkeys(turn.speaker for turn in document.turns))
    shown = names_apart(found, first=6) + (f" and {len(found) - 6} more" if len(found) > 6 else "")
    who = f" by {len(found)} speaker{'s' if len(found) != 1 else ''} ({shown})" if found else ""
    language = "language unknown" if document.language == "und" else document.language
    note = f", encoding {document.encoding}" if document.encoding not in ("utf-8", "docx") else ""
    return (f"Imported {document.name}: {_count(document.words, 'word')}, {_count(len(document.turns), 'turn')}{who}, "
            f"{_count(len(document.sentences), 'sentence')} ({language}{note})")


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


@click.command("import")
@project_argument
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--attributes", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV with a 'document' column and one column per attribute (role, site, ...).")
@click.option("--language", help="Language code for sentence splitting (en, es, ...); default: the attributes' "
                                 "'language' column, else guessed.")
@click.option("--speaker-pattern", help="Regular expression with a (?P<speaker>...) group marking the start of a turn.")
@click.option("--pipeline", help="An installed trained spaCy pipeline to split sentences (e.g. es_core_news_sm); "
                                 "recorded at a project's first import, and used unnamed after.")
@click.option("--as-new", is_flag=True, help="Import a changed text under an existing name as a new document.")
@click.option("--encoding", help="The text files' encoding (utf-8, cp1252, latin-1, ...) when qda's guess is wrong or weak.")
def import_(project: Path, files: tuple[Path, ...], attributes, language, speaker_pattern, pipeline, as_new,
            encoding) -> None:
    """Import transcripts (.txt .md .docx .vtt .srt) and document attributes.

    All files are checked before any is stored: one bad file imports none.

    \b
    Example:
      qda import study.qda transcripts_sample/* --attributes transcripts_sample/participants.csv
    """
    files = [f for f in files if f.name != (attributes.name if attributes else None) and f.suffix.lower() != ".csv"]
    if not files and not attributes:
        raise QdaError("name transcript files to import, or --attributes")
    _import(project, files, attributes, language, speaker_pattern, pipeline, as_new, encoding)


@click.command()
@click.argument("project", type=ProjectLocation(), default="sample.qda")
def sample(project: Path) -> None:
    """Build a project from the bundled sample: the study's codebook, 12 interviews, their attributes
    and two coders' sample codings (ana: all interviews; luis: six, independently).

    \b
    Example:
      qda sample sample.qda && qda documents sample.qda
    """
    from ..sample import build_sample_project, sample_files

    files = sample_files()
    with progress_bar() as bar:
        task = bar.add_task("Building the sample", total=len(files.transcripts), item="")
        build_sample_project(project, progress=lambda name: bar.update(task, advance=1, item=name))
    with opened(project) as opened_project:
        _summary(opened_project)


def _summary(project) -> None:
    documents = project.documents_frame()
    say(f"\n{project.path}: {len(documents)} documents, {documents['words'].sum():,} words, "
               f"{len(project.codebook)} codes, {int(documents['codings'].sum())} codings.")


LISTING_COLUMNS = ("ref", "status")  # what ``qda documents`` adds to ``Project.document_rows``


@click.command()
@project_argument
@format_option
def documents(project: Path, fmt: str) -> None:
    """List documents: reference, name, words, speakers, attributes, codings and who has marked them done.

    Other listings and exports cite a document by its reference (P07), not its name.

    \b
    Example:
      qda documents study.qda --format csv > documents.csv
    """
    with opened(project, snapshot=True) as opened_project:
        rows = opened_project.document_rows().drop(["id", "imported"])
        note = older_sentences(opened_project)
    from ..references import short_names

    # an attribute may be called like a column the listing adds: it keeps its values under another name
    rows = rows.rename({name: f"{name} (attribute)" for name in LISTING_COLUMNS if name in rows.columns})

    short = short_names(rows.column("name"))
    rows = rows.insert(0, "ref", [short[name] for name in rows.column("name")])  # what listings and exports cite
    status = ["coded" if n else "uncoded" for n in rows.column("codings")]
    rows = rows.insert(rows.columns.index("codings") + 1, "status", status)
    if fmt == "table":  # the file and language columns are for scripts; keep the table narrow
        rows = rows.drop(["source", "text_language"])
    emit(rows, fmt, title=str(project))
    if note:
        say(note, err=True)


@click.command()
@project_argument
@click.option("--check", is_flag=True, help="Say what would change and write nothing.")
@click.option("--pipeline", help="A trained spaCy pipeline to split every document by, recorded for the next import "
                                 "(default: the project's, as `qda import --pipeline` recorded it).")
def resegment(project: Path, check: bool, pipeline: str | None) -> None:
    """Split every document's sentences again by this qda's rules and say what changed.

    A project imported by an older qda keeps the sentences it split then (before 2026-12-01, "¿", "¡"
    and "«" ended the sentence before the one they open), so co-occurrence, agreement, queries and
    the app's s by sentence differ from a new import of the same file.  Codings are offsets of the
    text and stay as they are; only what a sentence holds changes.  One transaction: all or nothing.

    \b
    Examples:
      qda resegment study.qda --check
      qda resegment study.qda
    """
    from ..cells import shorten
    from ..ingest.resegment import resegment as split_again

    with opened(project) as opened_project, progress_bar() as bar:
        trained = pipeline or opened_project.sentence_pipeline()
        results = split_again(opened_project, trained, write=not check, progress=counted_steps(bar, "Splitting sentences"))
    if trained:
        say(f"Split by the trained pipeline {trained}" + ("" if pipeline else ", the project's (recorded at its import)") + ".")
    changed = [result for result in results if result.changed or len(result.after) != len(result.before)]
    for result in changed:
        now, was = (shorten(" ".join(text.split()), 60) for text in result.example)
        say(f"{result.document}: {result.changed} of {len(result.after)} sentences new ({len(result.before)} before)"
            + (f", e.g. \u201c{now}\u201d" if now else "") + (f" (was \u201c{was}\u201d)" if was else ""))
    new = sum(result.changed for result in changed)
    if check and not changed:
        say(f"0 of {len(results)} documents would change: their sentences are already as this qda splits them; "
            f"`qda resegment {project}` records that, and the note that they are older goes.")
    elif check:
        say(f"{len(changed)} of {len(results)} documents would change ({new:,} sentences new); nothing was written: "
            f"run `qda resegment {project}` without --check to store them.")
    elif not changed:
        say(f"The sentences of all {len(results)} documents are already as this qda splits them: nothing changed.")
    else:
        say(f"Sentences split again in {len(results)} documents: {len(changed)} changed ({new:,} sentences new). "
            "Codings are untouched; co-occurrence, agreement and queries by sentence, and s in the app, "
            "now go by these sentences.")


@click.command()
@project_argument
@click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the working codebook to .yaml, .csv, .qdc or .docx.")
@click.option("--taguette", is_flag=True,
              help="With --export to .csv: the columns Taguette imports (tag = the code's path, description).")
@click.option("--import", "import_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Merge a .yaml, .qdc or .csv codebook (qda's, Taguette's, or any with a name column) into the "
                   "working one (match by id, then path; add the rest).")
@click.option("--add", "add_path", metavar="PATH", help='Add a code, e.g. --add "Police > Corruption".')
@click.option("--rename", nargs=2, metavar="CODE NAME", help="Rename a code; its codings follow.")
@click.option("--move", nargs=2, metavar="CODE PARENT", help='Move a code under another ("" for the top level).')
@click.option("--merge", nargs=2, metavar="SOURCE TARGET", help="Fold a code into another, with its codings.")
@click.option("--delete", "delete_path", metavar="CODE", help="Delete a code without children, its codings and memos (one undo brings them back).")
@click.option("--coder", default="", help="Who makes the change (recorded, undoable by them).")
@file_options
@format_option
def codebook(project: Path, export_path, taguette, import_path, add_path, rename, move, merge, delete_path, coder,
             raw_csv, mode, fmt) -> None:
    """Show the codebook tree with counts; export, import or change it.

    \b
    Examples:
      qda codebook study.qda
      qda codebook study.qda --export codebook.yaml
      qda codebook study.qda --import codebook.yaml
      qda codebook study.qda --export for-taguette.csv --taguette
      qda codebook study.qda --rename "Police > Distrust of police" "Mistrust of police" --coder ana
    """
    from ..export import read_codebook_file, write_codebook_file

    who = default_coder(coder)
    if taguette and (export_path is None or export_path.suffix.lower() != ".csv"):
        raise QdaError("--taguette writes a .csv: give it with --export, e.g. --export for-taguette.csv")
    with opened(project) as opened_project:
        if import_path:
            notes: list[str] = []
            said: list[str] = []
            report = opened_project.import_codebook(read_codebook_file(import_path, notes, said), who)
            for line in said:
                click.echo(line)
            for note in notes:
                say(f"Rebuilt: {note}")
            say(f"Imported {import_path}: {len(report['added'])} added, {len(report['updated'])} updated, "
                       f"{len(report['kept'])} kept that the file does not list.")
            return
        if export_path:
            write_codebook_file(opened_project.codebook, export_path, csv_style="taguette" if taguette else "qda",
                                raw_csv=raw_csv, mode=mode)
            say(f"Wrote {len(opened_project.codebook)} codes to {export_path}.")
            return
        if add_path:
            *parents, name = [p.strip() for p in add_path.split(">")]
            code = opened_project.add_code(name, " > ".join(parents) or None, who)
            say(f"Added {opened_project.codebook.path(code.id)}.")
            return
        if rename:
            code = opened_project.rename_code(rename[0], rename[1], who)
            say(f"Renamed to {opened_project.codebook.path(code.id)}.")
            return
        if move:
            code = opened_project.move_code(move[0], move[1] or None, who)
            say(f"Moved to {opened_project.codebook.path(code.id)}.")
            return
        if merge:
            moved = opened_project.merge_codes(merge[0], merge[1], who)
            say(f"Merged {merge[0]} into {merge[1]}: {moved} codings moved.")
            return
        if delete_path:
            deleted = opened_project.delete_code(delete_path, who)
            say(f"Deleted {deleted.path}, {deleted}; `qda undo --coder {who}` brings it all back.")
            return
        from ..store.counting import codings_per_code

        with opened_project.snapshot():  # the tree and its counts of one moment
            book = opened_project.codebook
            if fmt != "table":
                counts = {code_id: (codings, documents)
                          for code_id, codings, documents, _ in opened_project.code_count_rows().rows}
            else:
                codings = codings_per_code(opened_project)
    if fmt != "table":
        from ..rows import Rows

        emit(Rows(["path", "level", "codings", "documents", "colour", "id"],
                  [(book.path(code.id), depth + 1, *counts.get(code.id, (0, 0)), code.colour, code.id)
                   for code, depth in book.walk()]), fmt)
        return
    from .table import PIPED_WIDTH, show_lines, terminal_size

    terminal = sys.stdout.isatty()
    columns = terminal_size().columns
    lines = codebook_tree(book, codings, book.name or project.name, styled=terminal and "NO_COLOR" not in os.environ,
                          width=columns if terminal else max(columns, PIPED_WIDTH), terminal=terminal)
    show_lines(iter(lines), len(lines), terminal=terminal)


def codebook_tree(book, codings: dict[str, int], title: str, styled: bool = False,
                  width: int | None = None, terminal: bool = False) -> list[str]:
    """The codebook as a tree drawn with guide lines, as ``tree`` draws folders: each code with its
    codings (bold) and those of its subtree below it ("(+12 below)", dim), a colour swatch where the
    code has a colour.  ``styled``: with terminal colours and weights (ANSI), else plain text.
    ``width``: the terminal columns; a line longer is wrapped beside its guides, measured and broken
    as rich's Tree does (wide characters take two columns), so that the guides stay straight.
    ``terminal``: names and title shown as messages show them there (``say``: a control character a
    space), before the tree adds its own styles."""
    from ..model import COLOUR
    from .folding import wrap_spans

    def swatch(colour: str) -> list[tuple[str, str]]:
        if not colour:
            return []
        if not COLOUR.match(colour):  # never stored so (the store refuses it); drawn without its colour
            return [("■ ", "")]
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return [("■", f"38;2;{red};{green};{blue}"), (" ", "")]

    def drawn(pieces: list[tuple[str, str]], first: str, rest: str) -> None:
        """``pieces`` of (text, ANSI style) as lines after the guides ``first``, then ``rest``."""
        text = "".join(piece for piece, _ in pieces)
        spans = wrap_spans(text, max(width - len(first), MIN_LABEL)) if width else [(0, len(text))]
        for number, (start, end) in enumerate(spans):
            line, offset = [], 0
            for piece, code in pieces:
                part = piece[max(start - offset, 0):max(end - offset, 0)]
                offset += len(piece)
                if part:
                    line.append(f"\x1b[{code}m{part}\x1b[0m" if styled and code else part)
            lines.append((rest if number else first) + "".join(line))

    below = dict.fromkeys((code.id for code in book.codes), 0)
    for code, _ in reversed(list(book.walk())):  # children before their parents
        if code.parent_id is not None:
            below[code.parent_id] += below[code.id] + codings.get(code.id, 0)
    lines: list[str] = []
    drawn([(visible_on(title, terminal), "1"), (f" ({len(book)} codes)", "")], "", "")

    def add(parent_id: str | None, prefix: str) -> None:
        children = book.children(parent_id)
        for index, code in enumerate(children):
            last = index == len(children) - 1
            extra = [(f" (+{below[code.id]} below)", "2")] if below[code.id] else []
            drawn([*swatch(code.colour), (f"{visible_on(code.name, terminal)} ", ""), (str(codings.get(code.id, 0)), "1"),
                   *extra],
                  prefix + ("└── " if last else "├── "), prefix + ("    " if last else "│   "))
            add(code.id, prefix + ("    " if last else "│   "))

    add(None, "")
    return lines


MIN_LABEL = 12  # columns a code's name keeps beside the guides of a tree deeper than the terminal is wide


COMMANDS = [init, sample, import_, documents, resegment, codebook]
