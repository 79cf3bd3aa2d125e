"""What takes a project back to before schema 8 (``qda.store.coding_words``), for the tests that rewind a
project to an older schema and open it again: every migration after theirs then runs as on a real older file,
and the one of schema 8 would find its columns there already."""

BEFORE_CODING_WORDS = ("DROP INDEX codings_without_words", "DROP INDEX codings_code_document_coder",
                       "CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id, "
                       "start_offset, end_offset)",  # as schema 7 made it
                       "ALTER TABLE codings DROP COLUMN start_word", "ALTER TABLE codings DROP COLUMN end_word")


def before_coding_words(db) -> None:
    """Drop schema 8's index and columns through ``db`` (sqlite3, psycopg or a project's connection)."""
    for statement in BEFORE_CODING_WORDS:
        db.execute(statement)
