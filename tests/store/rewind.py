"""What takes a project back to before schema 8 (``qda.store.coding_words``) or 9 (``qda.store.coding_packs``),
for the tests that rewind a project to an older schema and open it again: every migration after theirs then runs
as on a real older file, and the one of schema 8 would find its columns there already."""

import sqlite3

from qda.store.coding_packs import JOURNAL_TRIGGERS

BEFORE_CODING_WORDS = ("DROP INDEX codings_without_words", "DROP INDEX codings_code_document_coder",
                       "CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id, "
                       "start_offset, end_offset)",  # as schema 7 made it
                       "ALTER TABLE codings DROP COLUMN start_word", "ALTER TABLE codings DROP COLUMN end_word")


def before_coding_packs(db) -> None:
    """Drop schema 9's triggers and tables through ``db`` (a file's; a server has none of them)."""
    if isinstance(db, sqlite3.Connection):
        for name in [*JOURNAL_TRIGGERS, "documents_drop_pack"]:
            db.execute(f"DROP TRIGGER {name}")
        for table in ("coding_packs", "coding_pack_ids", "coding_pack_changes"):
            db.execute(f"DROP TABLE {table}")


def before_coding_words(db) -> None:
    """Drop schema 9's triggers and tables, then schema 8's index and columns, through ``db`` (sqlite3,
    psycopg or a project's connection)."""
    before_coding_packs(db)
    for statement in BEFORE_CODING_WORDS:
        db.execute(statement)
