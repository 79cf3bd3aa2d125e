"""Word commands: words (frequencies), keyness (keywords of one group against another), kwic (concordance).

Each parses its options, calls one function of ``qda.analysis`` and prints the result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import QdaError
from ..rows import Rows
from .common import default_coder, emit, format_option, opened, project_argument, say, without_cycle_collection, working
from .files import cited, names_option, output_option, wrote_table

if TYPE_CHECKING:
    import pandas as pd


def skip_speaker_option(function):
    return click.option("--skip-speaker", "skip_speakers", multiple=True, metavar="LABEL",
                        help="Leave out the turns of this speaker label, e.g. ENTREVISTADORA (repeatable; case "
                             "ignored).")(function)


def word_options(function):
    """--stop-words, --stop-list, --lemmas and --skip-speaker, shared by words and keyness."""
    function = skip_speaker_option(function)
    function = click.option("--lemmas", is_flag=True,
                            help="Count lemmas (familias -> familia) from spaCy's lookup tables; needs "
                                 "pip install 'qda[lemmas]'.")(function)
    function = click.option("--stop-list", "stop_lists", multiple=True, metavar="FILE",
                            type=click.Path(dir_okay=False, path_type=Path),
                            help="More words to leave out: a UTF-8 file, one word a line, # for comments "
                                 "(repeatable).")(function)
    function = click.option("--stop-words", "stop", default="auto", show_default=True, metavar="auto|none|LANGUAGES",
                            help="spaCy's stop words left out: of the documents' languages (auto), none, or "
                                 "named languages, e.g. es,en.")(function)
    return function


def _stop_list(paths) -> list[str]:
    from ..analysis.words import read_stop_list

    return [word for path in paths for word in read_stop_list(path)]


def _notes(frame: "pd.DataFrame") -> None:
    unlemmatised = frame.attrs.get("unlemmatised") or []
    if unlemmatised:
        say(f"Counted by word form, no lemma table for their language: {len(unlemmatised)} document(s).", err=True)


@click.command()
@project_argument
@click.option("--by", default=None, metavar="document|ATTRIBUTE",
              help="Count within each document or each value of a document attribute (role, site...).")
@click.option("--where", multiple=True, metavar="ATTRIBUTE=VALUE",
              help="Only documents with this attribute value, e.g. role=police (repeatable).")
@word_options
@click.option("--min", "min_count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only words counted at least this many times.")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Only the TOP most frequent words (of each group with --by); all by default.")
@names_option
@output_option
@format_option
def words(project: Path, by, where, stop, stop_lists, lemmas, skip_speakers, min_count, top, names, output, raw_csv, mode,
          fmt) -> None:
    """Word frequencies: how often each word (or lemma) is said, overall or by document or attribute.

    Speaker labels are not words; per_10k counts per 10,000 words of the group
    (stop words included in that total).  See docs/analysis.md.

    \b
    Examples:
      qda words study.qda --top 30
      qda words study.qda --by role --lemmas --top 20 --skip-speaker ENTREVISTADORA
      qda words study.qda --by document --stop-list my-stop-words.txt -o words.csv
    """
    from ..analysis.words import word_frequencies

    extra = _stop_list(stop_lists)
    with opened(project, snapshot=True) as opened_project, working("Counting words"):
        table = word_frequencies(opened_project, by=by, where=where, stop=stop, stop_list=extra, lemmas=lemmas,
                                 min_count=min_count, skip_speakers=skip_speakers)
        if top:
            table = table.groupby(by, sort=False).head(top) if by else table.head(top)
        if by == "document":
            table = cited(table.reset_index(drop=True), opened_project, names)
    _notes(table)
    if wrote_table(table, output, raw_csv, mode):
        return
    if fmt == "table":
        table = table.assign(per_10k=table["per_10k"].map(lambda v: f"{v:.1f}"))
    emit(table, fmt, title=f"Words{' by ' + by if by else ''}{' (lemmas)' if lemmas else ''}")


@click.command()
@project_argument
@click.argument("target", metavar="TARGET")
@click.option("--reference", metavar="ATTRIBUTE=VALUE",
              help="The documents to compare with, e.g. role=ngo; default every document not in TARGET.")
@word_options
@click.option("--min", "min_count", type=click.IntRange(min=1), default=3, show_default=True,
              help="Only words counted at least this many times in both groups together.")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Only the TOP words by G2.")
@output_option
@format_option
def keyness(project: Path, target, reference, stop, stop_lists, lemmas, skip_speakers, min_count, top, output, raw_csv,
            mode, fmt) -> None:
    """Keywords: the words TARGET documents (ATTRIBUTE=VALUE) use more or less than others.

    G2 is Dunning's log-likelihood as in Rayson & Garside (2000) (3.84: p < 0.05;
    15.13: p < 0.0001); log_ratio is Hardie's effect size (1: twice as frequent
    in the target); key + or -.  See docs/analysis.md.

    \b
    Examples:
      qda keyness study.qda role=police --top 30
      qda keyness study.qda site=Ayacucho --reference "site=Lima Norte" --lemmas
    """
    from ..analysis.keyness import keyness as keyness_table

    extra = _stop_list(stop_lists)
    with opened(project, snapshot=True) as opened_project, working("Comparing word frequencies"):
        table = keyness_table(opened_project, target, reference, stop=stop, stop_list=extra, lemmas=lemmas,
                              min_count=min_count, skip_speakers=skip_speakers)
    if top:
        table = table.head(top)
    _notes(table)
    if wrote_table(table, output, raw_csv, mode):
        return
    sizes = f"{table.attrs['size_target']} words against {table.attrs['size_reference']}"
    if fmt == "table":
        table = table.assign(**{c: table[c].map(lambda v: f"{v:.1f}") for c in ("per_10k_target", "per_10k_reference")},
                             g2=table["g2"].map(lambda v: f"{v:.2f}"), log_ratio=table["log_ratio"].map(lambda v: f"{v:.2f}"),
                             p=table["p"].map(lambda v: f"{v:.1e}" if v < 0.001 else f"{v:.3f}"))
    emit(table, fmt, title=f"Keywords of {target} against {reference or 'the rest'} ({sizes})")


@click.command()
@project_argument
@click.argument("query")
@click.option("--context", type=click.IntRange(min=0), default=8, show_default=True, help="Words of context each side.")
@click.option("--sort", type=click.Choice(["position", "left", "right"]), default="position", show_default=True,
              help="Document order, or by the words left of the hit (nearest first) or right of it.")
@click.option("--where", multiple=True, metavar="ATTRIBUTE=VALUE",
              help="Only documents with this attribute value, e.g. role=police (repeatable).")
@skip_speaker_option
@click.option("--code", "code_ref", metavar="CODE",
              help="Auto-code the hits with this code: shows what would be coded; --apply codes it.")
@click.option("--unit", type=click.Choice(["hit", "sentence", "turn", "paragraph"]), default="sentence",
              show_default=True, help="With --code: code each hit's sentence, turn or paragraph, or the hit only.")
@click.option("--apply", is_flag=True, help="With --code: code them, as one action that `qda undo` takes back.")
@click.option("--coder", default="", help="With --code: who codes (default $QDA_CODER or your login name).")
@names_option
@output_option
@format_option
@without_cycle_collection()  # the hits' lines and pieces are many lists and tuples, none in a cycle
def kwic(project: Path, query, context, sort, where, skip_speakers, code_ref, unit, apply, coder, names, output, raw_csv,
         mode, fmt) -> None:
    """Keyword in context: every occurrence of QUERY with the words around it.

    QUERY is a word (familia), a word with * (famili*) or a phrase; case is
    ignored, accents are not.  Each line is cited as document and paragraph
    (P07 ¶12); --format csv/json give the exact text and offsets.  See docs/analysis.md.

    \b
    Examples:
      qda kwic study.qda familia --context 8
      qda kwic study.qda "famili*" --sort right --where role=police
      qda kwic study.qda denuncia --code "Reporting" --unit sentence          # preview
      qda kwic study.qda denuncia --code "Reporting" --unit sentence --apply  # one undoable action
    """
    from ..analysis.concordance import concordance_rows, hits_by_document

    if apply and not code_ref:
        raise QdaError("--apply codes the hits: name the code with --code")
    with opened(project, snapshot=not code_ref) as opened_project, working("Finding the word"):
        table = concordance_rows(opened_project, query, context=context, where=where, sort=sort,
                                 skip_speakers=skip_speakers)
        if code_ref:
            _autocode(opened_project, table, hits_by_document, code_ref, unit, apply, default_coder(coder), names)
            return
    if output is None and fmt == "table":
        emit(_lines(table), fmt, title=f"{len(table)} hits of {query!r}" + (f", sorted by the {sort} context" if sort != "position" else ""))
        return
    left_out = {"document_id"} if names else {"document", "document_id"}  # column by column, not row by row
    table = Rows.by_columns([name for name in table.columns if name not in left_out],
                            [values for name, values in zip(table.columns, table.values()) if name not in left_out])
    if not wrote_table(table.frame() if output is not None else table, output, raw_csv, mode):
        emit(table, fmt)


def _lines(table: Rows) -> Rows:
    """The concordance for a terminal: whitespace shown as one space, the left context right-aligned
    and cut at the left, the right cut at the right, so the hits line up in one column; built and
    handed to the printer column by column (``Rows.by_columns``)."""
    import re

    from ..cells import cell_width, first_cells, is_narrow, last_cells, pad_left
    from .table import terminal_size  # terminal_size: as shutil's, without importing shutil

    spaces = re.compile(r"\s+")

    def flat(text: str) -> str:
        # every whitespace character but the space is unprintable: single spaces only, nothing to replace
        return text if text.isprintable() and "  " not in text else spaces.sub(" ", text)

    def narrow(texts: list[str]) -> bool:
        # every text printable, without two spaces running and of one column a character (is_narrow):
        # shown as it is, cut by slicing; the separator, a letter, neither joins spaces nor hides a character
        joined = "x".join(texts)
        return joined.isprintable() and "  " not in joined and is_narrow(joined)

    column = dict(zip(table.columns, table.values()))
    width = max(terminal_size().columns, 80)
    fixed = [max(map(cell_width, set(column[c])), default=0) for c in ("ref", "speaker", "hit")]
    side = max(12, (width - sum(fixed) - 8) // 2)
    lefts, hits, rights = column["left"], column["hit"], column["right"]
    left = ([text[-side:].rjust(side) for text in lefts] if narrow(lefts) else
            [pad_left(last_cells(flat(text), side), side) for text in lefts])
    right = [text[:side] for text in rights] if narrow(rights) else [first_cells(flat(text), side) for text in rights]
    return Rows.by_columns(["ref", "speaker", "left", "hit", "right"],
                           [column["ref"], column["speaker"], left, hits if narrow(hits) else list(map(flat, hits)), right])


def _autocode(project, table, hits_by_document, code_ref: str, unit: str, apply: bool, coder: str, names: bool) -> None:
    from ..autocode import apply_autocode, plan_autocode

    code = project.code(code_ref)
    coder_id = project.coder(coder).id if apply else next((c.id for c in project.coders() if c.name == coder), "")
    hits = hits_by_document(table)
    plan = plan_autocode(project, hits.items(), unit, code.id, coder_id, names=names)
    path = project.codebook.paths[code.id]
    if not apply:
        for line in plan.preview:
            say(line)
        if plan.note:
            say(plan.note)
        shown = f" (the first {len(plan.preview)} shown)" if len(plan.preview) < len(plan.spans) else ""
        say(f"{len(plan.spans)} passage(s) would be coded as {path} for {coder}{shown}; "
                   f"--apply codes them as one action.")
        return
    added = apply_autocode(project, plan, coder)
    say(f"Coded {len(added)} passage(s) as {path} for {coder}; `qda undo {project.path} --coder {coder}` "
               f"takes them all back.")


COMMANDS = [words, keyness, kwic]
