"""Where words begin, stored with each document (schema 5), agrees with qda.text.WORD on every path a
document takes into a project: import, merge, push and pull, and the migration of an older project."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest

import qda
from qda.ingest.parsed import ParsedDocument
from qda.analysis import frequencies
from qda.store.merge import merge
from qda.store.schema import SCHEMA_VERSION
from qda.store.transfer import pull, push
from qda.text import WORD, canonical, sha256
from qda.word_starts import BATCH_CHARACTERS, pack, scan, unpack, word_starts
from rewind import before_coding_words

# Shapes that trip a word counter: hyphens and apostrophes inside, before and after words (straight and
# typographic), astral letters and emoji (a code point, two UTF-16 units), a combining accent that NFC
# composes and one it cannot (q + tilde), digits, underscores, other scripts, empty and one-letter texts.
TRICKY = [
    "ANA: well-known facts, the comisaría's door.\n\nLUIS: no",
    "-leading hyphen and trailing apostrophe' then 'quoted' words -- a--b a-'b",
    "",
    "x",
    "números 123 y 4,5 — ¿sí? 🙂 emoji-word rock'n'roll l’homme d’État",
    "\U0001d400\U0001d401-word and \U0001d400 alone, \U00020000\U00020001 (CJK extension B)",
    canonical("comisari\u0301a q\u0303 Jose\u0301 e\u0301\u0301"),
    "snake_case and __dunder__ 3-4 x'y'z ''a'' ‘single’ “double”",
    "警察は来なかった。 Полиция не пришла. الشرطة",
]


def expected(text: str) -> list[int]:
    return [match.start() for match in WORD.finditer(text)]


def stored(project) -> dict[str, list[int]]:
    """Each document's stored word starts, by name."""
    rows = project._db.execute("SELECT d.name, w.starts FROM word_starts w JOIN documents d ON d.id = w.document_id")
    return {name: list(unpack(blob)) for name, blob in rows}


def parsed(texts: list[str], prefix: str = "D") -> list[ParsedDocument]:
    return [ParsedDocument(name=f"{prefix}{i}", text=t, sha256=sha256(t), words=len(WORD.findall(t)), language="en",
                           source=f"{prefix}{i}.txt", turns=[], sentences=[], paragraphs=[], attributes={})
            for i, t in enumerate(texts)]


@pytest.mark.parametrize("text", TRICKY)
def test_scanned_starts_are_the_word_pattern(text):
    assert unicodedata.is_normalized("NFC", text)
    assert word_starts(text).tolist() == expected(text)
    assert list(unpack(pack(word_starts(text)))) == expected(text) == list(unpack(pack(expected(text))))


@pytest.mark.parametrize("batch", [1, 40, BATCH_CHARACTERS], ids=["a text a batch", "a few a batch", "one batch"])
def test_texts_scanned_together_are_cut_back_into_each_text(batch):
    found = dict(scan([(str(i), t) for i, t in enumerate(TRICKY)], batch))
    assert {key: starts.tolist() for key, starts in found.items()} == {str(i): expected(t) for i, t in enumerate(TRICKY)}


def test_imported_documents_carry_their_word_starts(hand):
    hand.add_documents(parsed(TRICKY))
    starts = stored(hand)
    assert {f"D{i}": expected(t) for i, t in enumerate(TRICKY)}.items() <= starts.items()
    documents = {d.name: d.text for d in hand.documents()}
    assert set(starts) == set(documents)
    assert all(starts[name] == expected(text) for name, text in documents.items())


def test_a_removed_documents_starts_go_with_it(hand):
    """ON DELETE CASCADE: no starts outlive their document (on both engines)."""
    (document_id,) = hand.add_documents(parsed(["one two"], prefix="gone"))
    with hand._transaction():
        hand._db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    assert hand._db.execute("SELECT COUNT(*) FROM word_starts WHERE document_id = ?", (document_id,)).fetchone()[0] == 0


def test_a_merged_project_brings_the_starts_of_its_new_documents(tmp_path):
    with qda.create_project(tmp_path / "ana.qda") as ana:
        ana.add_documents(parsed(TRICKY[:4]))
    with qda.create_project(tmp_path / "luis.qda") as luis:
        luis.add_documents(parsed(TRICKY[2:], prefix="L"))
    with qda.open_project(tmp_path / "ana.qda") as ana:
        merge(ana, [tmp_path / "luis.qda"])
        starts = stored(ana)
        texts = {d.name: d.text for d in ana.documents()}
    assert len(texts) > 4 and starts == {name: expected(text) for name, text in texts.items()}


@pytest.mark.file_only  # pushes the file to a server of its own
def test_push_and_pull_keep_the_starts(hand_path, server_url, tmp_path):
    with qda.open_project(hand_path) as project:
        before = stored(project)
    push(hand_path, server_url)
    with qda.open_project(server_url) as project:
        assert stored(project) == before
    pull(server_url, tmp_path / "back.qda")
    with qda.open_project(tmp_path / "back.qda") as project:
        assert stored(project) == before and len(before) > 1


def as_version_4(path) -> None:
    with sqlite3.connect(path) as db:
        before_coding_words(db)
        db.execute("DROP TABLE word_starts")
        db.execute("DROP TABLE unit_bounds")  # schema 6's
        db.execute("PRAGMA user_version = 4")


@pytest.mark.file_only
def test_the_migration_from_version_4_finds_every_documents_starts(coded_path):
    with qda.open_project(coded_path) as project:
        texts = {d.name: d.text for d in project.documents()}
        counted = frequencies(project)
    as_version_4(coded_path)
    with qda.open_project(coded_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert stored(project) == {name: expected(text) for name, text in texts.items()} and len(texts) == 12
        assert frequencies(project).equals(counted)


@pytest.mark.file_only  # the sample file, pushed to a server of its own
def test_the_migration_on_a_server_finds_every_documents_starts(coded_path, server_url):
    """The same migration from version 4 on PostgreSQL: the table made and filled in one transaction."""
    import psycopg

    push(coded_path, server_url)
    with qda.open_project(server_url) as project:
        texts = {d.name: d.text for d in project.documents()}
    with psycopg.connect(str(server_url), autocommit=True) as admin:
        before_coding_words(admin)
        admin.execute("DROP TABLE word_starts")
        admin.execute("DROP TABLE unit_bounds")  # schema 6's
        admin.execute("UPDATE schema_version SET version = 4")
    with qda.open_project(server_url) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert stored(project) == {name: expected(text) for name, text in texts.items()} and len(texts) == 12


@pytest.mark.file_only
def test_a_failed_migration_leaves_the_project_at_version_4(coded_path, monkeypatch):
    from qda.store import words

    as_version_4(coded_path)

    def broken(db, progress=None):
        db.execute("INSERT INTO word_starts (document_id, starts) SELECT id, X'00000000' FROM documents LIMIT 1")
        raise RuntimeError("stopped half-way")
    monkeypatch.setattr(words, "fill_word_starts", broken)
    with pytest.raises(RuntimeError, match="half-way"):
        qda.open_project(coded_path)
    with sqlite3.connect(coded_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 4
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'word_starts'").fetchall()


@pytest.mark.file_only
def test_the_migration_tells_its_progress_on_a_terminal(coded_path, monkeypatch, capsys):
    from qda.store import words

    as_version_4(coded_path)
    monkeypatch.setattr(words.sys.stderr, "isatty", lambda: True, raising=False)
    seen: list[tuple[int, int]] = []
    shown = words.terminal_progress(str(coded_path))
    monkeypatch.setattr(words, "terminal_progress", lambda name, *doing: lambda done, total: (
        seen.append((done, total)) if not doing else None, shown(done, total)))  # this step's own progress only
    qda.open_project(coded_path).close()
    assert seen and seen[-1] == (12, 12)
    assert "finding where words begin, 12 of 12 documents" in capsys.readouterr().err
