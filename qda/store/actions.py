"""The action log: every user action as forward and inverse row operations.

An action is a list of operations on rows (insert, delete, update), stored as
JSON with its inverse in the ``actions`` table inside the same transaction as
the change itself.  Undo applies the inverse, redo the forward list again, so
both survive restarts, and the same table is the audit trail: who changed
what, when.  Each coder has their own undo stack.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from datetime import datetime, timezone
from typing import Any

from ..errors import ConflictError, NotFoundError, ProjectError
from ..model import Value
from .coding_words import number_coding, word_numbers

# The tables an action may touch, with their key columns.
KEYS: dict[str, tuple[str, ...]] = {
    "codings": ("id",),
    "codes": ("id",),
    "memos": ("id",),
    "progress": ("document_id", "coder_id"),
    "document_sets": ("id",),
    "document_set_members": ("set_id", "document_id"),
    "saved_queries": ("name",),
}

Op = dict[str, Any]
SPAN_COLUMNS = {"document_id", "start_offset", "end_offset"}  # what a coding's word numbers follow


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def insert(table: str, row: dict[str, Any]) -> Op:
    return {"op": "insert", "table": table, "row": row}


def delete(table: str, row: dict[str, Any]) -> Op:
    return {"op": "delete", "table": table, "row": row}


def update(table: str, key: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> Op:
    return {"op": "update", "table": table, "key": key, "before": before, "after": after}


def invert(ops: list[Op]) -> list[Op]:
    """The operations that undo ``ops``, in the order that undoes them."""
    inverse: list[Op] = []
    for op in reversed(ops):
        if op["op"] == "insert":
            inverse.append(delete(op["table"], op["row"]))
        elif op["op"] == "delete":
            inverse.append(insert(op["table"], op["row"]))
        else:
            inverse.append(update(op["table"], op["key"], op["after"], op["before"]))
    return inverse


def _where(table: str, values: dict[str, Any]) -> tuple[str, list[Any]]:
    columns = [column for column in KEYS[table]]
    clause = " AND ".join(f"{column} = ?" for column in columns)
    return clause, [values[column] for column in columns]


def apply(connection: sqlite3.Connection, ops: list[Op]) -> None:
    """Apply ``ops`` inside the caller's transaction; refuse (ConflictError) if a row changed meanwhile.

    A delete removes the row only as the action saw it, every column equal; an update only
    when the columns it changes still hold their ``before`` values; an insert only when what
    the row refers to (its code, document, coder) is still there.  So an action prepared on a
    project another coder changed in the same rows is refused whole, never half-applied."""
    blobs: dict[str, bytes] = {}  # documents' word starts, read once for the codings of all the ops
    for op in ops:
        table = op["table"]
        if table not in KEYS:
            raise ValueError(f"actions may not touch table {table!r}")
        try:
            _apply_one(connection, table, op, blobs)
        except sqlite3.IntegrityError as error:
            raise ConflictError(f"cannot apply: a row of {table} refers to something another action removed "
                                f"meanwhile, or is already there ({error})") from error


def _apply_one(connection: sqlite3.Connection, table: str, op: Op, blobs: dict[str, bytes]) -> None:
    if op["op"] == "insert":
        row = op["row"]
        if table == "codings":  # its span in words, from its span (a row logged before schema 8 has none)
            (pair,) = word_numbers(connection, [(row["document_id"], row["start_offset"], row["end_offset"])], blobs)
            row = {**row, **dict(zip(("start_word", "end_word"), pair or (None, None)))}
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    elif op["op"] == "delete":
        row = op["row"]
        clause, params = _where(table, row)
        others = [column for column in row if column not in KEYS[table]]
        guard = "".join(f" AND {column} IS ?" for column in others)
        params += [row[column] for column in others]
        if connection.execute(f"DELETE FROM {table} WHERE {clause}{guard}", params).rowcount != 1:
            _refused_by_server(connection, table, clause + guard, params)
            raise ConflictError(f"cannot apply: a row of {table} was removed or changed by another action meanwhile")
    else:
        clause, params = _where(table, op["key"])
        before = op["before"]
        guard = "".join(f" AND {column} IS ?" for column in before)
        assignments = ", ".join(f"{column} = ?" for column in op["after"])
        cursor = connection.execute(
            f"UPDATE {table} SET {assignments} WHERE {clause}{guard}",
            list(op["after"].values()) + params + list(before.values()),
        )
        if cursor.rowcount != 1:
            _refused_by_server(connection, table, clause + guard, params + list(before.values()))
            raise ConflictError(f"cannot apply: a row of {table} was changed by another action meanwhile")
        if table == "codings" and SPAN_COLUMNS & op["after"].keys():  # a span changed: its words with it
            number_coding(connection, "id", op["key"]["id"])


def _refused_by_server(connection: sqlite3.Connection, table: str, where: str, params: list[Any]) -> None:
    """Raise when the row is there as the action expects, yet the change touched nothing: on a
    server, row-level security kept this login from another coder's row (qda.store.roles)."""
    if getattr(connection, "engine", "") != "postgresql":
        return
    if connection.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0] == 1:
        singular = NOUNS.get(table, (table, table))[0]
        raise ProjectError(f"{getattr(connection, 'name', 'the server')}: the server refused: this {singular} is "
                           "another coder's, and your role changes only your own")


def record(
    connection: sqlite3.Connection, coder_id: str | None, kind: str, summary: str, ops: list[Op],
    applied: bool = False,
) -> int:
    """Apply ``ops`` and log them as one undoable action of ``coder_id``; returns its number.

    ``applied``: the caller has written the rows already (in bulk, in this transaction); only log them."""
    import json  # here, as in the other writers of the log: a command that only reads never imports it

    if not applied:
        apply(connection, ops)
    if coder_id is not None:
        # A new action ends this coder's redo stack; the undone actions stay in the audit trail.
        connection.execute(
            "UPDATE actions SET state = 'discarded' WHERE coder_id = ? AND state = 'undone'", (coder_id,)
        )
    return connection.execute(
        "INSERT INTO actions (coder_id, kind, summary, forward, inverse, state, created) "
        "VALUES (?, ?, ?, ?, ?, 'done', ?) RETURNING seq",
        (coder_id, kind, summary, json.dumps(ops), json.dumps(invert(ops)), now()),
    ).fetchone()[0]


def log(connection: sqlite3.Connection, coder_id: str | None, kind: str, summary: str, target: int | None = None) -> None:
    """An audit-only entry (imports, undo and redo themselves)."""
    connection.execute(
        "INSERT INTO actions (coder_id, kind, summary, forward, inverse, state, target_seq, created) "
        "VALUES (?, ?, ?, '[]', '[]', 'log', ?, ?)",
        (coder_id, kind, summary, target, now()),
    )


class Action(Value):
    """An action as undo or redo just applied it: ``ops`` are the operations applied."""

    def __init__(self, seq: int, kind: str, summary: str, ops: list[Op]) -> None:
        self.__dict__.update(seq=seq, kind=kind, summary=summary, ops=ops)

    @property
    def codings_touched(self) -> int:
        return sum(1 for op in self.ops if op["table"] == "codings")

    @property
    def effect(self) -> str:
        """What applying ``ops`` did, counted: "196 codings removed, 1 code added"."""
        return effect(self.ops)


NOUNS = {"codings": ("coding", "codings"), "codes": ("code", "codes"), "memos": ("memo", "memos"),
         "progress": ("done mark", "done marks")}
VERBS = {"insert": "added", "delete": "removed", "update": "changed"}


def effect(ops: list[Op]) -> str:
    """"196 codings removed, 1 code added": the rows ``ops`` insert, delete and update, per table."""
    counts = Counter((op["table"], op["op"]) for op in ops)
    parts = []
    for (table, verb), count in counts.items():
        singular, plural = NOUNS.get(table, (table, table))
        parts.append(f"{count} {singular if count == 1 else plural} {VERBS[verb]}")
    return ", ".join(parts) or "nothing changed"


UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def readable(summary: str, names: dict[str, str]) -> str:
    """A summary with the ids it holds (of documents, codes, coders) replaced by their names;
    an id no longer in the project stays as it is."""
    return UUID.sub(lambda match: names.get(match.group(0), match.group(0)), summary)


SPAN = re.compile(r"\[(\d+), (\d+)\)")  # a coding's span as summaries write it ("P01 [120, 180) as ...")


def quoted(summary: str, text: str, width: int = 40) -> str:
    """A summary with each span of ``text`` it names ("[120, 180)") replaced by its words, quoted and cut
    to about ``width`` columns: offsets say nothing to a researcher reading a message."""
    from ..cells import shorten_words, visible

    return SPAN.sub(lambda m: f"\u201c{shorten_words(visible(text[int(m[1]):int(m[2])]), width)}\u201d", summary)


def _replay(connection: sqlite3.Connection, coder_id: str, verb: str) -> Action:
    """Undo (apply the inverse of the latest done action) or redo (the earliest undone one)."""
    source, target, column, order = {
        "undo": ("done", "undone", "inverse", "DESC"),
        "redo": ("undone", "done", "forward", "ASC"),
    }[verb]
    row = connection.execute(
        f"SELECT seq, kind, summary, {column} FROM actions WHERE coder_id = ? AND state = ? ORDER BY seq {order} LIMIT 1",
        (coder_id, source),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"nothing to {verb}")
    seq, kind, summary, operations = row
    import json

    ops = json.loads(operations)
    try:
        apply(connection, ops)
    except ConflictError:
        raise ConflictError(_crossed(connection, verb, seq, summary, ops)) from None
    connection.execute("UPDATE actions SET state = ? WHERE seq = ?", (target, seq))
    log(connection, coder_id, verb, f"{verb}: {summary}", seq)
    return Action(seq, kind, summary, ops)


def _row_key(op: Op) -> tuple:
    table = op["table"]
    values = op.get("key") or op["row"]
    return (table, *(values[column] for column in KEYS.get(table, ())))


def _crossed(connection: sqlite3.Connection, verb: str, seq: int, summary: str, ops: list[Op]) -> str:
    """Why undoing (or redoing) action ``seq`` was refused, in the coder's words: which later action,
    whose, changed the rows it would put back ("Nothing was undone: your last action (…) touched a
    coding that luis has changed since (merge Fear into Dread); …").  The later action is looked for
    only here, when a refusal happened: the log is read back from ``seq``."""
    import json

    keys = {_row_key(op) for op in ops}
    names = dict(connection.execute("SELECT id, name FROM documents UNION ALL SELECT id, name FROM coders"))
    who, what, noun = "another coder", "", NOUNS.get(ops[0]["table"], ("row", "rows"))[0] if ops else "row"
    later = connection.execute(
        "SELECT COALESCE(k.name, ''), a.summary, a.forward FROM actions a LEFT JOIN coders k ON k.id = a.coder_id "
        "WHERE a.seq > ? AND a.state = 'done' ORDER BY a.seq DESC", (seq,))
    for coder, later_summary, forward in later:
        touched = [op for op in json.loads(forward) if _row_key(op) in keys]
        if touched:
            who, what = coder or "an import", f" ({readable(later_summary, names)})"
            noun = NOUNS.get(touched[0]["table"], (noun, noun))[0]
            break
    done = {"undo": "undone", "redo": "redone"}[verb]
    last = {"undo": "your last action", "redo": "the action you undid"}[verb]
    return (f"Nothing was {done}: {last} ({readable(summary, names)}) touched a {noun} that {who} has changed "
            f"since{what}, and {verb}ing it would overwrite that change. Look at the {noun} as it is now and "
            "change it by hand if it should still change")


def undo(connection: sqlite3.Connection, coder_id: str) -> Action:
    return _replay(connection, coder_id, "undo")


def redo(connection: sqlite3.Connection, coder_id: str) -> Action:
    return _replay(connection, coder_id, "redo")


# The free text a row of these tables carries: a memo's body, a coding's memo.
TEXT_FIELDS = {"memos": "body", "codings": "memo"}


def forget_deleted(connection: sqlite3.Connection) -> int:
    """Blank, in the action log, every memo text the project no longer holds, inside the
    caller's transaction; the actions so blanked can no longer be undone or redone (their
    state becomes 'discarded').  Returns how many actions were changed."""
    import json

    live = {row[0] for row in connection.execute("SELECT body FROM memos UNION SELECT memo FROM codings")}
    changed = 0
    rows = connection.execute("SELECT seq, forward, inverse, state FROM actions WHERE state != 'log'").fetchall()
    for seq, forward, inverse, state in rows:
        forward_ops, inverse_ops = json.loads(forward), json.loads(inverse)
        if _blank(forward_ops, live) | _blank(inverse_ops, live):
            connection.execute(
                "UPDATE actions SET forward = ?, inverse = ?, state = 'discarded' WHERE seq = ?",
                (json.dumps(forward_ops), json.dumps(inverse_ops), seq),
            )
            changed += 1
    return changed


def _blank(ops: list[Op], live: set[str]) -> bool:
    blanked = False
    for op in ops:
        field = TEXT_FIELDS.get(op["table"])
        for part in ("row", "before", "after"):
            values = op.get(part)
            if field and values and values.get(field) and values[field] not in live:
                values[field] = ""
                blanked = True
    return blanked
