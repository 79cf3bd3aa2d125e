"""Every memo of a project in one table: on the project, a document, a code or a coding, with what it is on.

Memos are where a researcher thinks aloud, so they are found and read together:
``memos`` lists them (searched, by kind or coder), ``qda.export.memos`` writes
them to .docx or Markdown.

**Privacy.**  A document is cited by its short name (P07, ``qda.references``),
never by its file name, unless the caller asks for names; a full document name
written inside a memo's text is replaced by its short name too.  Document
attributes are never shown.  A memo on a coding carries the coded passage and
its citable reference (P07:12, numbered as quotes number passages).
"""

from __future__ import annotations

import pandas as pd

from ..references import cite_in_text, short_names
from ._select import as_list, check_coders

KINDS = ("project", "document", "code", "coding")
COLUMNS = ["kind", "ref", "attached_to", "code", "passage", "coder", "memo", "created", "modified",
           "document_id", "code_id", "coding_id", "start", "end"]


def memos(project, search: str | None = None, kinds=None, coder=None, names: bool = False) -> pd.DataFrame:
    """Every memo, on the project, its documents, its codes and its codings.

    Parameters
    ----------
    search : keep memos whose text, or what they are attached to (document, code, passage), contains
        this, ignoring case and accents ("policia" finds "Policía").
    kinds : only these kinds ("project", "document", "code", "coding").
    coder : only these coders' memos.
    names : attach memos to documents' full names instead of their short names (file names may
        identify participants; keep the default for anything you share).

    Returns
    -------
    DataFrame, columns ``COLUMNS``, one row a memo: project memos first, then documents' (in import
    order), codes' (in codebook order) and codings' (in document order).  ``ref`` is "P07" for a
    document and "P07:12" for a coded passage ("" otherwise); ``attached_to`` says what the memo is on
    in words; ``code`` is the code's path; ``passage`` the coded text of a coding's memo.
    """
    from ..errors import QdaError
    from ..store.queries import document_bodies, documents_table, memo_rows, passage_numbers

    kinds = as_list(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise QdaError(f"unknown memo kind {unknown[0]!r}: use {', '.join(KINDS)}")
    coders = check_coders(project, coder)
    documents = documents_table(project)
    order = {d: i for i, d in enumerate(documents["id"])}
    short = short_names(documents["name"])
    shown = {name: (name if names else short[name]) for name in documents["name"]}
    codebook = project.codebook
    paths = codebook.paths
    code_order = {code.id: i for i, (code, _) in enumerate(codebook.walk())}
    targets, codings = memo_rows(project)
    rows: list[dict] = []
    for _, kind, target_id, document, who, text, created, modified in targets:
        row = dict.fromkeys(COLUMNS, "")
        row.update(kind=kind, coder=who, memo=text, created=created, modified=modified, start=-1, end=-1)
        if kind == "project":
            row["attached_to"], row["_order"] = project.name, 0
        elif kind == "document":
            row.update(ref=short.get(document, document), attached_to=shown.get(document, document), document_id=target_id,
                       _order=order.get(target_id, 0))
        else:
            row.update(attached_to=paths.get(target_id, target_id), code=paths.get(target_id, ""), code_id=target_id,
                       _order=code_order.get(target_id, 0))
        rows.append(row)
    bodies = document_bodies(project, {row[1] for row in codings})
    numbers = passage_numbers(project, {row[1] for row in codings})
    for position, (coding_id, document_id, document, code_id, who, start, end, text, created) in enumerate(codings):
        number = numbers[(document_id, start, end)]
        rows.append({**dict.fromkeys(COLUMNS, ""), "kind": "coding", "ref": f"{short[document]}:{number}",
                     "attached_to": f"{shown[document]}:{number} · {paths[code_id]}",
                     "code": paths[code_id], "passage": bodies[document_id][start:end], "coder": who, "memo": text,
                     "created": created, "modified": created, "document_id": document_id, "code_id": code_id,
                     "coding_id": coding_id, "start": start, "end": end, "_order": position})
    frame = pd.DataFrame(rows, columns=COLUMNS + ["_order"])
    if not names and len(frame):
        frame["memo"] = [cite_in_text(text, short) for text in frame["memo"]]
    frame = frame.assign(_kind=frame["kind"].map({k: i for i, k in enumerate(KINDS)}))
    frame = frame.sort_values(["_kind", "_order", "created"], kind="stable").drop(columns=["_kind", "_order"])
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
    if coders:
        frame = frame[frame["coder"].isin(coders)]
    if search and search.strip():
        from .concordance import sort_key

        wanted = sort_key(search.strip())
        haystack = frame["memo"] + "\n" + frame["attached_to"] + "\n" + frame["passage"]
        frame = frame[[wanted in sort_key(text) for text in haystack]]
    return frame.reset_index(drop=True).astype({"start": int, "end": int})
