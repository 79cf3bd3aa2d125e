"""Query commands: coding queries (`qda query`) and named document sets (`qda sets`).

The query language and what each operator finds are in docs/queries.md; the
library calls are ``qda.query`` and ``qda.store.sets``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QdaError
from ..files import check_output_folder
from .common import default_coder, emit, format_option, opened, project_argument, say, working
from .files import file_options, names_option

QUOTE_SUFFIXES = (".docx", ".csv", ".md", ".jsonl")
PICTURE_SUFFIXES = (".png", ".svg")


@click.command()
@project_argument
@click.argument("text", required=False, metavar="QUERY")
@click.option("--run", "runs", multiple=True, metavar="NAME", help="Run a saved query (repeatable: several make the "
              "rows of --by's matrix).")
@click.option("--save", metavar="NAME", help="Save QUERY under this name in the project (it replaces a query so named).")
@click.option("--description", default="", help="With --save: what the query is for.")
@click.option("--list", "listing", is_flag=True, help="List the saved queries.")
@click.option("--delete", metavar="NAME", help="Delete a saved query.")
@click.option("--by", metavar="document|ATTRIBUTE", help="Count the passages by document or by an attribute's values "
              "(with -o FILE.png|svg: a heat map of the queries by them).")
@click.option("--context", type=click.IntRange(min=0), default=0, show_default=True,
              help="Sentences of context before and after each passage (within its turn).")
@click.option("--attribute", "attributes", multiple=True, metavar="ATTRIBUTE",
              help="Add this document attribute to each passage (repeatable).")
@click.option("--memos", is_flag=True, help="Include the memos of the codings a passage is (left out by default).")
@names_option
@click.option("--coder", default="", metavar="NAME", help="Who saves or deletes (their undo stack); default $QDA_CODER "
              "or your login name.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the passages as quotes (.docx .csv .md .jsonl), or with --by the heat map (.png .svg).")
@click.option("--width", type=click.FloatRange(min=2.0, max=20.0), default=7.0, show_default=True, metavar="INCHES",
              help="Width of a heat map: 7 for two journal columns, 3.5 for one.")
@file_options
@format_option
def query(project: Path, text, runs, save, description, listing, delete, by, context, attributes, memos, names, coder,
          output, width, raw_csv, mode, fmt) -> None:
    """Passages found by a coding query: codes joined by AND, OR, NOT and relations.

    \b
    Operators (docs/queries.md): AND, OR, NOT, OVERLAPPING, ENCLOSING, ENCLOSED BY,
    FOLLOWED BY, FOLLOWED WITHIN n SENTENCES BY, WITHIN n SENTENCES OF,
    IN SAME SENTENCE|PARAGRAPH|TURN|DOCUMENT, a code's coders with BY, and
    WHERE attribute = value, attribute IN (...), SET = name, CODER = name.

    \b
    Examples:
      qda query study.qda '"Distrust of police" AND NOT "Familial framing" IN SAME TURN'
      qda query study.qda '"Distrust of police" WHERE role = prosecutor AND site = Ayacucho' -o distrust.docx
      qda query study.qda '"Cases shelved" WITHIN 2 SENTENCES OF Impunity' --save shelved-impunity
      qda query study.qda --run shelved-impunity --by site
      qda query study.qda --list
    """
    from ..store import sets as stored

    actions = sum(bool(a) for a in (listing, delete, save))
    if actions > 1:
        raise QdaError("use one of --list, --delete and --save at a time")
    if listing or delete:
        if text or runs:
            raise QdaError("--list and --delete take no query")
        with opened(project) as opened_project:
            if delete:
                stored.delete_query(opened_project, delete, coder=default_coder(coder))
                say(f"Deleted the saved query {delete!r}.")
                return
            emit(stored.saved_queries(opened_project), fmt, title="Saved queries")
        return
    if not text and not runs:
        raise QdaError("give a query (in quotes) or --run NAME; see `qda query --help`")
    if save and (runs or not text):
        raise QdaError("--save saves the QUERY given on the command line, not --run")
    if output is not None:
        check_output_folder(output)
        suffix = output.suffix.lower()
        allowed = PICTURE_SUFFIXES if by else QUOTE_SUFFIXES
        if suffix not in allowed:
            raise QdaError(f"{output}: with{'' if by else 'out'} --by, -o writes {' '.join(allowed)}, not "
                           f"{suffix or 'a file without suffix'!r}")
    from ..query import parse

    with opened(project) as opened_project:
        queries = {name: stored.saved_query(opened_project, name) for name in runs}
        if text:
            queries = {" ".join(text.split()): text, **queries}
        parsed = {name: parse(q) for name, q in queries.items()}
        listing = _listed_columns(fmt, names, memos, list(attributes)) if not by and output is None else None
        with opened_project.snapshot(), working("Running the query"):
            result = _result(opened_project, parsed, by, context, list(attributes), output, listing)
        if save:
            replaced = stored.save_query(opened_project, save, text, description, coder=default_coder(coder))
            say(f"{'Replaced' if replaced else 'Saved'} the query {save!r}.", err=True)
        book, project_name = opened_project.codebook, opened_project.name
    label = ", ".join(queries)
    if by:
        if output is not None:
            from ..pictures.figure import save_figure
            from ..pictures.heatmap import heatmap_figure

            with working("Drawing"):
                figure = heatmap_figure(result, width=width, title=f"Passages by {by}")
                save_figure(figure, output, mode=mode)
            say(f"Wrote the heat map of {len(result)} queries by {result.shape[1]} {by} columns to {output}.")
            return
        emit(result.reset_index() if len(queries) > 1 else result, fmt, title=f"Passages by {by}: {label}")
        return
    if output is not None:
        from ..export.quotes import write_quotes

        with working(f"Writing {output.name}"):
            write_quotes(result, output, book, title=f"Query: {label}", subtitle=f"{project_name}: {len(result)} passages.",
                         memos=memos, names=names, raw_csv=raw_csv, mode=mode)
        say(f"Wrote {len(result)} passages to {output}.")
        return
    emit(result, fmt, title=f"{len(result)} passages: {label}")


def _listed_columns(fmt: str, names: bool, memos: bool, attributes: list[str]) -> list[str]:
    """The columns ``qda query`` lists: a table's few for people; CSV and JSON those of an export
    (``qda.export.quotes.public_quotes``: no offsets, memos and document names only when asked)."""
    from ..export.quotes import BASE_COLUMNS

    if fmt == "table":
        return ["ref", *(["document"] if names else []), "speaker", "codes", "text", *(["memo"] if memos else []),
                *attributes]
    hidden = {"start", "end", "code", "code_path"} | (set() if memos else {"memo"}) | (set() if names else {"document"})
    return [c for c in BASE_COLUMNS + attributes if c not in hidden]


def _result(project, parsed: dict, by: str | None, context: int, attributes: list[str], output, listing=None):
    """Counts (--by, as rows) or a matrix (several queries), the quotes to write (-o), else the rows to
    list (``listing``: their columns); rows are read without pandas."""
    if listing is not None:
        from ..query.quotes import query_quote_rows
        from ..rows import Rows

        found = [query_quote_rows(project, q, context=context, attributes=attributes, label=name, columns=listing)
                 for name, q in parsed.items()]
        return Rows(listing, [row for rows in found for row in rows.rows])
    if by and len(parsed) == 1 and output is None:
        from ..query.quotes import query_count_rows

        return query_count_rows(project, next(iter(parsed.values())), by=by)
    from ..query import query_matrix, query_quotes

    if by:
        return query_matrix(project, parsed, by=by)
    frames = [query_quotes(project, q, context=context, attributes=attributes, label=name) for name, q in parsed.items()]
    if len(frames) == 1:
        return frames[0]
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


@click.command()
@project_argument
@click.argument("documents", nargs=-1, metavar="[DOCUMENTS]...")
@click.option("--add", metavar="NAME", help="Make a set of DOCUMENTS, of the documents --where keeps, or of those "
              "--query finds passages in.")
@click.option("--where", multiple=True, metavar="ATTRIBUTE=VALUE", help="With --add: the documents with this attribute "
              "value (repeatable; set=NAME for another set's documents).")
@click.option("--query", "query_text", metavar="QUERY", help="With --add: the documents in which this query finds a passage.")
@click.option("--description", default="", help="With --add: what the set is for.")
@click.option("--include", metavar="NAME", help="Add DOCUMENTS to the set NAME.")
@click.option("--exclude", metavar="NAME", help="Take DOCUMENTS out of the set NAME.")
@click.option("--delete", metavar="NAME", help="Delete the set NAME (its documents stay in the project).")
@click.option("--show", metavar="NAME", help="List the documents of the set NAME.")
@names_option
@click.option("--coder", default="", metavar="NAME", help="Whose action it is (their undo stack); default $QDA_CODER "
              "or your login name.")
@format_option
def sets(project: Path, documents, add, where, query_text, description, include, exclude, delete, show, names, coder,
         fmt) -> None:
    """Named document sets, usable wherever documents are filtered (--where set=NAME) and in queries (WHERE SET = NAME).

    \b
    Examples:
      qda sets study.qda --add "Ayacucho prosecutors" --where site=Ayacucho --where "role=family prosecutor"
      qda sets study.qda --add pilot P01_police_limanorte P02_fiscal_limanorte
      qda sets study.qda --add shelved --query '"Cases shelved"'
      qda sets study.qda --include pilot P03_cem_lawyer_limanorte
      qda stats study.qda --where set=pilot
      qda sets study.qda
    """
    from ..store import sets as stored

    chosen = [o for o in (add, include, exclude, delete, show) if o]
    if len(chosen) > 1:
        raise QdaError("use one of --add, --include, --exclude, --delete and --show at a time")
    if (where or query_text or description) and not add:
        raise QdaError("--where, --query and --description go with --add NAME")
    who = default_coder(coder)
    with opened(project) as opened_project:
        if add:
            members = _members(opened_project, list(documents), where, query_text)
            count = stored.create_set(opened_project, add, members, description, coder=who)
            say(f"Made the document set {add!r} of {count} document(s).")
        elif include or exclude:
            if not documents:
                raise QdaError("name the documents to add or take out")
            added, removed = stored.change_set(opened_project, include or exclude, add=documents if include else (),
                                               remove=documents if exclude else (), coder=who)
            say(f"Document set {include or exclude!r}: {added} added, {removed} taken out.")
        elif delete:
            stored.delete_set(opened_project, delete, coder=who)
            say(f"Deleted the document set {delete!r}.")
        elif show:
            import pandas as pd

            from ..references import short_names
            from ..store.queries import documents_table

            table = documents_table(opened_project)
            ids = stored.set_document_ids(opened_project, show)
            chosen_rows = table[table["id"].isin(ids)]
            short = short_names(table["name"])
            frame = pd.DataFrame({"ref": chosen_rows["name"].map(short), **({"name": chosen_rows["name"]} if names else {})})
            emit(frame.reset_index(drop=True), fmt, title=f"Document set {show!r}: {len(frame)} documents")
        else:
            if documents:
                raise QdaError("name documents with --add, --include or --exclude")
            emit(stored.document_sets(opened_project), fmt, title="Document sets")


def _members(project, documents: list[str], where, query_text: str | None) -> list[str]:
    """The documents a new set holds: those named, else those --where keeps or --query finds passages in."""
    if sum(bool(x) for x in (documents, where, query_text)) != 1:
        raise QdaError("make a set of named DOCUMENTS, of --where ATTRIBUTE=VALUE or of --query QUERY (one of them)")
    if documents:
        return documents
    if where:
        from ..analysis._select import select_documents

        return list(select_documents(project, list(where))["id"])
    from ..query import passages

    return list(dict.fromkeys(passages(project, query_text)["document_id"]))


COMMANDS = [query, sets]
