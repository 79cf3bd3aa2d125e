"""A schema-4 project made by the qda of 289b9ae (schema4_289b9ae.sql), opened by this qda: the
migration to schema 5 keeps every row, finds where the words begin as the word pattern does, and the
counts of words coded are the ones worked out by hand below.  (test_word_starts.py makes its version 4
by dropping the new table from a project of today; this file is what a researcher's older qda wrote.)

The documents, words counted by hand with docs/analysis.md's rule (a word is ``\\w+`` joined by
single hyphens or apostrophes; an emoji, a combining mark left over by NFC and punctuation are not
word characters, a run of CJK characters is one word):

    Interview 1  "INTERVIEWER: ¿Qué pasó? 😀 / P01: Fui a la comisaría 🚓 dos veces. / INTERVIEWER: ¿Y luego? /
                  P01: No me creyeron. El policía se rió. Familia primero."             3 + 7 + 3 + 10 = 23
    Interview 2  "INTERVIEWER: 你好。 / P02: 警察不相信我。 الشرطة لم تساعدني."           2 + 5 = 7
    Interview 3  empty                                                                  0
    combining    "INTERVIEWER: Café y niña? q̇ marks. / P04: La fiscalía archivó el caso.
                  well-known l’enfant."                                                6 + 8 = 14

Codings (union of spans a code, per document; words beginning inside):
    Distrust   I1: "Fui a la comisaría 🚓" (Ana) inside "Fui a la comisaría 🚓 dos veces." (Ben) = 6,
               "El policía se rió." = 4;  I2: "警察不相信我。" = 1;  combining: "La fiscalía archivó el caso." = 5
               -> 5 codings, 3 documents, 16 words
    Dismissal  I1: "INTERVIEWER: ¿Qué pasó? 😀" = 3, "No me creyeron." = 3;  I2: "الشرطة لم تساعدني." = 3
               -> 3 codings, 2 documents, 9 words
    Family     I1: "Familia primero." = 2;  I2: "警察不相信我。 الشرطة" = 2;  combining: the whole text
               (both turns) = 14  -> 3 codings, 3 documents, 18 words
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from pathlib import Path

import pytest

import qda
from qda.analysis import frequencies
from qda.store.schema import SCHEMA_VERSION

DUMP = Path(__file__).with_name("schema4_289b9ae.sql")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
WORDS = {"Interview 1": 23, "Interview 2": 7, "Interview 3": 0, "combining": 14}
COUNTS = {"Police": (0, 0, 0), "Police > Distrust": (5, 3, 16), "Police > Dismissal": (3, 2, 9), "Family": (3, 3, 18),
          "Never used": (0, 0, 0)}


def made_by_289b9ae(folder: Path) -> Path:
    path = folder / "older.qda"
    with sqlite3.connect(path) as db:
        db.executescript(DUMP.read_text(encoding="utf-8"))
        db.execute("PRAGMA application_id = 1363427633")  # "QDA1", as every qda project file
        db.execute("PRAGMA user_version = 4")
    db.close()
    path.chmod(0o600)
    return path


def tables(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {name: sorted(map(repr, db.execute(f'SELECT * FROM "{name}"'))) for name in names}
    db.close()
    return found


def coding_rows(path: Path) -> list[tuple]:
    """The codings with schema 4's columns, then the two of schema 8 (start_word, end_word)."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, document_id, code_id, coder_id, start_offset, end_offset, created, memo, "
                          "start_word, end_word FROM codings").fetchall()
    db.close()
    return rows


def documents(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, name FROM documents").fetchall()
    db.close()
    return rows


@pytest.mark.file_only
def test_the_migration_keeps_every_row_and_finds_the_words(tmp_path):
    path = made_by_289b9ae(tmp_path)
    before = tables(path)
    assert "word_starts" not in before and len(before["codings"]) == 11
    qda.open_project(path).close()
    after = tables(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # through 5 and every later one
        stored = {name: (body, list(array("I", blob))) for name, body, blob in db.execute(
            "SELECT d.name, d.body, w.starts FROM documents d JOIN word_starts w ON w.document_id = d.id")}
    db.close()
    after["codings"] = sorted(map(repr, (row[:-2] for row in coding_rows(path))))  # schema 8 added two columns
    made = ("word_starts", "unit_bounds", "coding_packs", "coding_pack_ids", "coding_pack_changes")  # schemas 5, 6, 9
    assert {name: rows for name, rows in after.items() if name not in made} == before
    assert after["coding_pack_changes"] == []  # the migration's packs taken in, none left to take
    assert len(after["coding_packs"]) == len({row[1] for row in coding_rows(path)})  # a packed row a coded document
    bodies = {document_id: stored[name][0] for document_id, name in documents(path)}
    for _, document_id, _, _, start, end, _, _, start_word, end_word in coding_rows(path):
        begins = [m.start() for m in WORD.finditer(bodies[document_id])]
        assert (start_word, end_word) == (sum(p < start for p in begins), sum(p < end for p in begins))
    assert {name: len(starts) for name, (_, starts) in stored.items()} == WORDS
    assert all(starts == [m.start() for m in WORD.finditer(body)] for body, starts in stored.values())
    body, starts = stored["combining"]
    q = body.index("q\u0307")
    assert q in starts and q + 1 not in starts and q + 2 not in starts  # the dot above starts no word
    assert body.index("well-known") in starts and body.index("known") not in starts
    assert body.index("l\u2019enfant") in starts and body.index("enfant") not in starts


def test_an_older_projects_words_coded_are_counted_as_by_hand(tmp_path, engine, request):
    path = made_by_289b9ae(tmp_path)
    if engine == "server":
        from qda.store.transfer import push

        url = request.getfixturevalue("server_url")
        push(path, url)  # opening the file to push it migrates it first
        path = url
    with qda.open_project(path) as project:
        counted = frequencies(project)
        by_document = frequencies(project, by="document", codes=["Family"])
    assert {row.path: (row.codings, row.documents, row.words) for row in counted.itertuples()} == COUNTS
    # Family over the whole of "combining", across its two turns: every one of its 14 words
    assert dict(zip(by_document["document"], by_document["words"])) == {
        "Interview 1": 2, "Interview 2": 2, "Interview 3": 0, "combining": 14}
