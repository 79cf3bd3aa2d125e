"""Analysis commands: stats, crosstab, cooccur, quotes, saturation.

Each parses its options, calls one function of ``qda.analysis`` or
``qda.export`` and prints the result with ``emit``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QdaError
from ..files import check_output_folder
from ..rows import Rows
from .common import (emit, format_option, noting_older_sentences, opened, project_argument, say,
                     without_cycle_collection, working)
from .counts import show_crosstab, show_stats
from .files import cited, file_options, names_option, output_option, write_table

UNIT_CHOICE = click.Choice(["overlap", "sentence", "paragraph", "turn", "document"])


def selection_options(function):
    """--coder, --codes, --where and --rollup, shared by every analysis command."""
    function = click.option("--rollup", is_flag=True, help="Count each parent code with its whole subtree.")(function)
    function = click.option("--where", multiple=True, metavar="ATTRIBUTE=VALUE",
                            help="Only documents with this attribute value, e.g. role=police (repeatable; "
                                 "role=a,b for either).")(function)
    function = click.option("--codes", multiple=True, metavar="CODE",
                            help="Only these codes and their subtrees (path or unique name; repeatable).")(function)
    function = click.option("--coder", multiple=True, metavar="NAME",
                            help="Only this coder's codings (repeatable); default every coder.")(function)
    return function


def _short(paths: list[str]) -> list[str]:
    """Code names where the name alone is unambiguous, else the full path."""
    names = [p.split(" > ")[-1] for p in paths]
    owners: dict[str, set[str]] = {}
    for name, path in zip(names, paths):
        owners.setdefault(name, set()).add(path)
    return [name if len(owners[name]) == 1 else path for name, path in zip(names, paths)]


@click.command()
@project_argument
@click.option("--by", default="code", show_default=True, metavar="code|document|coder|ATTRIBUTE",
              help="One row a code, or a code within each document, coder or attribute value.")
@selection_options
@names_option
@output_option
@format_option
def stats(**arguments) -> None:
    """Code frequencies: codings, documents, words coded and the share of documents.

    Codes without codings are listed with 0.  See docs/analysis.md for the definitions.

    \b
    Examples:
      qda stats study.qda
      qda stats study.qda --by role --codes "Institutional response" --rollup
      qda stats study.qda --coder ana -o frequencies.csv
    """
    show_stats(**arguments)


@click.command()
@project_argument
@click.option("--rows", default="code", show_default=True, help="code, or a document attribute, coder or document.")
@click.option("--cols", default="role", show_default=True, help="A document attribute (role, site...), coder or document; or code.")
@click.option("--measure", type=click.Choice(["codings", "documents", "words"]), default="codings", show_default=True,
              help="What each cell counts.")
@click.option("--percent", is_flag=True, help="Each cell as a percentage of its column's total.")
@selection_options
@names_option
@output_option
@format_option
def crosstab(**arguments) -> None:
    """Codes against a document attribute: codings, documents or words per value.

    \b
    Examples:
      qda crosstab study.qda --rows code --cols role
      qda crosstab study.qda --cols site --measure documents --percent
      qda crosstab study.qda --rows code --cols role -o by-role.csv
    """
    show_crosstab(**arguments)


NETWORK_FORMATS = ("graphml", "gexf", "png", "svg")


@click.command()
@project_argument
@click.option("--unit", type=UNIT_CHOICE, default="overlap", show_default=True,
              help="Where two codes must meet: overlapping codings, or the same sentence, paragraph, turn or document.")
@click.option("--measure", type=click.Choice(["count", "jaccard", "c", "lift"]), default="count", show_default=True,
              help="The measure that ranks pairs and weighs the network's edges.")
@click.option("--min", "min_count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only pairs that co-occur in at least this many units.")
@click.option("--top", type=click.IntRange(min=1), help="Only the TOP strongest pairs (by --measure).")
@click.option("--code", "around", metavar="CODE", help="Only the pairs of this code (its neighbourhood).")
@click.option("--same-branch", is_flag=True,
              help="Keep pairs of a code and its own ancestor (left out by default: a child co-occurs with its parent "
                   "because it is part of it).")
@click.option("--test", type=click.Choice(["fisher", "shift"]), default="fisher", show_default=True,
              help="p by Fisher's exact test (units taken as independent) or by shifting codes round each document "
                   "(sentence, paragraph and turn units).")
@selection_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", *NETWORK_FORMATS]), default=None,
              help="table (default), csv or json of the pairs; graphml, gexf, png or svg of the network "
                   "(default: the suffix of -o).  With -o, csv writes the network's nodes and edges.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--width", type=click.FloatRange(min=2.0, max=20.0), default=7.0, show_default=True, metavar="INCHES",
              help="Width of a .png or .svg picture: 7 for two journal columns, 3.5 for one.")
@file_options
def cooccur(project: Path, unit, measure, min_count, top, around, same_branch, test, coder, codes, where, rollup, fmt,
            output, width, raw_csv, mode) -> None:
    """Which codes occur together, with counts, Jaccard, c-coefficient, lift and a test against chance.

    p is the one-sided Fisher exact (hypergeometric) test of each pair, or with
    --test shift a test that turns each code round its documents; p_adjusted is
    Benjamini-Hochberg over every pair of codes present.  Pairs of a code and its
    own ancestor are left out unless --same-branch.  A picture (-o .png/.svg)
    shows the 40 strongest pairs unless --top says otherwise.  See docs/analysis.md.

    \b
    Examples:
      qda cooccur study.qda --unit sentence --min 3
      qda cooccur study.qda --unit paragraph --measure jaccard --top 20
      qda cooccur study.qda --unit overlap -o network.png
      qda cooccur study.qda --code "Distrust of police" -o distrust.gexf
    """
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in (*NETWORK_FORMATS, "csv", "json") else "table"
    if fmt in NETWORK_FORMATS and output is None:
        raise QdaError(f"--format {fmt} writes a file: name it with -o, e.g. -o network.{fmt}")
    if output is not None:
        check_output_folder(output)
    with opened(project, snapshot=True) as opened_project, noting_older_sentences(opened_project, unit), \
            working(f"Co-occurrence by {unit}"):
        if fmt in NETWORK_FORMATS or (fmt == "csv" and output is not None):
            from ..analysis.network import build_network, filter_network
            from ..export.network_files import write_network

            graph = build_network(opened_project, unit=unit, measure=measure, coder=coder, codes=codes, where=where,
                                  rollup=rollup, min_count=min_count, same_branch=same_branch, test=test)
            if fmt in ("png", "svg") and top is None:
                top = PICTURE_TOP
            if top or around:
                graph = filter_network(graph, top=top, code=around, project=opened_project)
            written = write_network(graph, output, fmt=fmt, codebook=opened_project.codebook,
                                    raw_csv=raw_csv, mode=mode, **({"width": width} if fmt in ("png", "svg") else {}))
            shown = graph.graph.get("pairs_shown", graph.number_of_edges())
            say(f"Wrote {graph.number_of_nodes()} codes and {shown} pairs to {', '.join(map(str, written))}"
                       + (f" (the {shown} strongest of {graph.graph['pairs_total']}; --top to change)."
                          if shown < graph.graph.get("pairs_total", shown) else "."))
            return
        from ..analysis.cooccurrence import cooccurring_pairs

        pairs = cooccurring_pairs(opened_project, unit=unit, coder=coder, codes=codes, where=where, rollup=rollup,
                                  min_count=min_count, same_branch=same_branch, test=test)
        if around:
            pairs = pairs.around(opened_project.code(around).id)
    if measure != "count":
        pairs = pairs.ranked(measure)
    if top:
        pairs = pairs.take(slice(0, top))
    notes = pair_notes(pairs, unit)
    shown = [c for c in pairs.columns if c not in ("code_a_id", "code_b_id")]
    if fmt == "table":
        units = int(pairs.columns["units"][0]) if len(pairs) else 0
        rows = pairs.rows(["code_a", "code_b", "count", "jaccard", "c", "lift", "p", "p_adjusted"])
        capped = pairs.columns["c_capped"].tolist()
        rows = Rows(["code_a", "code_b", "count", "jaccard", "c", "lift", "p", "p_adj"],
                    [(a, b, count, _figure(jaccard), f"{_figure(c)}*" if cap else _figure(c), _figure(lift), _figure(p),
                      _figure(p_adjusted))
                     for (a, b, count, jaccard, c, lift, p, p_adjusted), cap in zip(rows.rows, capped)])
        rows = rows.insert(0, "code_a", _short(rows.column("code_a"))).insert(1, "code_b", _short(rows.column("code_b")))
        emit(rows, fmt, title=f"Co-occurrence by {unit}: {len(rows)} pairs in {units} units")
        for note in notes:
            say(note)
        return
    if output is not None:
        write_table(pairs.rows(shown), output, raw_csv, mode, fmt=fmt)
        say(f"Wrote {len(pairs)} pairs to {output}.")
        for note in notes:
            say(note, err=True)
        return
    emit(pairs.rows(shown), fmt, title=f"Co-occurrence by {unit}: {len(pairs)} pairs")
    for note in notes:
        say(note, err=True)


def _figure(value: float, digits: int = 2) -> str:
    """A measure as a table shows it: ``digits`` decimals, or two significant figures when smaller (4.4e-13)."""
    return f"{value:.1e}" if abs(value) < 10 ** -digits and value else f"{value:.{digits}f}"


PICTURE_TOP = 40


def pair_notes(pairs, unit: str) -> list[str]:
    """What a reader of the pairs (``qda.analysis.cooccurrence.Pairs``) must know: pairs left out,
    capped c values, what p assumes."""
    notes = []
    left_out = pairs.attrs.get("branch_pairs_left_out", 0)
    if left_out:
        notes.append(f"Left out: {left_out} pair{'s' * (left_out != 1)} of a code and its own ancestor "
                     f"(one branch of the code tree); --same-branch keeps them.")
    if len(pairs) and pairs.columns["c_capped"].any():
        notes.append("c*: the c-coefficient reached its cap of 1 (quotations spanning several units); "
                     "read jaccard for these pairs.")
    if pairs.attrs.get("test", "fisher") == "fisher" and unit != "document":
        what = {"overlap": "coded regions", "turn": "speaker turns"}.get(unit, unit + "s")
        notes.append(f"p: Fisher's test takes the {what} as independent draws, which {what} of one interview are "
                     f"not; read p as a screening figure"
                     + (", or use --test shift (docs/analysis.md)." if unit != "overlap" else " (docs/analysis.md)."))
    elif pairs.attrs.get("test") == "shift":
        notes.append("p: each code turned round each document by every offset, keeping its units and runs "
                     "(docs/analysis.md).")
    return notes


@click.command()
@project_argument
@click.option("--code", "code_refs", multiple=True, required=True, metavar="CODE",
              help="The code whose quotes you want (path or unique name; its subtree too unless --no-subtree).")
@click.option("--with", "with_code", metavar="CODE", help="Only quotes that overlap a coding of this code as well.")
@click.option("--where", multiple=True, metavar="ATTRIBUTE=VALUE", help="Only documents with this attribute value (repeatable).")
@click.option("--coder", multiple=True, metavar="NAME", help="Only this coder's codings (repeatable).")
@click.option("--context", type=click.IntRange(min=0), default=0, show_default=True,
              help="Sentences of context before and after each quote (within the speaker's turn).")
@click.option("--attribute", "attributes", multiple=True, metavar="ATTRIBUTE",
              help="Show this document attribute with each quote (repeatable); none by default.")
@click.option("--no-subtree", is_flag=True, help="Only the code itself, not its children.")
@click.option("--memos", is_flag=True, help="Include the coders' memos (left out by default: memos often name people).")
@click.option("--names", is_flag=True, help="Include each document's full name (left out by default: it may describe "
                                            "the participant).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write .docx, .csv, .md or .jsonl; without it, print the quotes.")
@file_options
@format_option
@without_cycle_collection()  # 100,000 quotes are lists and tuples, none in a cycle: 0.15-0.25 s of collections
def quotes(project: Path, code_refs, with_code, where, coder, context, attributes, no_subtree, memos, names, output,
           raw_csv, mode, fmt) -> None:
    """Quotes of a code, a subtree or a pair of codes, with citable references such as P07:12.

    The reference is the document's short name and the passage's number in
    the document (every coded passage counted, in order), so filters never renumber it.
    Files and --format csv/json carry the same columns.

    \b
    Examples:
      qda quotes study.qda --code "Distrust of police" -o distrust.docx
      qda quotes study.qda --code "Distrust of police" --with "Familial framing" --where role=police --context 1 -o pair.md
      qda quotes study.qda --code Police --coder ana --attribute role --format csv
    """
    from ..export.quotes import BASE_COLUMNS, quote_rows

    if output is not None:
        check_output_folder(output)  # before the work, not after it
    label = " and ".join(code_refs) + (f" with {with_code}" if with_code else "")
    selection = {"with_code": with_code, "where": where, "coder": coder, "context": context,
                 "subtree": not no_subtree, "attributes": list(attributes)}
    if output is not None:
        from ..export.quotes import quotes as select_quotes, write_quotes

        with opened(project, snapshot=True) as opened_project, working("Selecting quotes"):
            frame = select_quotes(opened_project, list(code_refs), **selection)
            book = opened_project.codebook
            name = opened_project.name
        filters = [f"where {w}" for w in where] + [f"coder {c}" for c in coder]
        subtitle = f"{name}: {len(frame)} quotes" + (f" ({', '.join(filters)})" if filters else "") + "."
        with working(f"Writing {output.name}"):
            write_quotes(frame, output, book, title=f"Quotes: {label}", subtitle=subtitle, memos=memos, names=names,
                         raw_csv=raw_csv, mode=mode)
        say(f"Wrote {len(frame)} quotes to {output}.")
        return
    # only the columns printed are read (``public_quotes`` leaves out the same ones from files)
    if fmt == "table":
        columns = ["ref", *(["document"] if names else []), "code_path", "speaker", "coders", "text",
                   *(["memo"] if memos else []), *attributes]
    else:
        hidden = {"start", "end"} | (set() if memos else {"memo"}) | (set() if names else {"document"})
        columns = [c for c in BASE_COLUMNS + list(attributes) if c not in hidden]
    with opened(project, snapshot=True) as opened_project, working("Selecting quotes"):
        shown = quote_rows(opened_project, list(code_refs), columns=columns, **selection)
    if fmt == "table":  # each code by its own name, the last step of its path, column by column
        values = shown.values()
        at = shown.columns.index("code_path")
        own_name = {path: path.split(" > ")[-1] for path in set(values[at])}
        values[at] = list(map(own_name.__getitem__, values[at]))
        shown = Rows.by_columns(["code" if c == "code_path" else c for c in shown.columns], values)
    emit(shown, fmt, title=f"{len(shown)} quotes: {label}")


@click.command()
@project_argument
@click.option("--coder", multiple=True, metavar="NAME", help="Only this coder's codings (repeatable).")
@click.option("--codes", multiple=True, metavar="CODE", help="Only these codes and their subtrees (repeatable).")
@click.option("--where", multiple=True, metavar="ATTRIBUTE=VALUE", help="Only documents with this attribute value (repeatable).")
@click.option("--order", type=click.Choice(["coding", "document"]), default="coding", show_default=True,
              help="coding: when each document was first coded; document: import order.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the curve (.png or .svg).")
@names_option
@format_option
def saturation(project: Path, coder, codes, where, order, output, names, fmt) -> None:
    """New codes per document in coding order: when do new interviews stop adding codes?

    \b
    Examples:
      qda saturation study.qda
      qda saturation study.qda --coder ana -o saturation.png
    """
    from ..analysis.saturation import draw_saturation, saturation as saturation_table

    if output is not None and output.suffix.lower() not in (".png", ".svg"):
        raise QdaError(f"cannot draw the curve as {output.suffix or 'a file without suffix'!r}; use .png or .svg")
    if output is not None:
        check_output_folder(output)
    with opened(project, snapshot=True) as opened_project, working("Counting new codes"):
        table = cited(saturation_table(opened_project, coder=coder, codes=codes, where=where, order=order),
                      opened_project, names)
        name = opened_project.name
    if output is not None:
        draw_saturation(table, output, title=f"{name}: new codes per document")
        say(f"Wrote the curve of {len(table)} documents to {output}.", err=fmt != "table")
    shown = table.assign(first_coded=table["first_coded"].str.slice(0, 16)) if fmt == "table" else table
    emit(shown, fmt, title=f"Saturation ({order} order)")


COMMANDS = [stats, crosstab, cooccur, quotes, saturation]
