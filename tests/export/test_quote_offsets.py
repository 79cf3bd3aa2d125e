"""A quote's words, line, paragraph and speaker are exact after astral characters (emoji, one code point
each in NFC text but two UTF-16 units) and combining marks that NFC cannot compose, on both engines:
offsets are code points (docs/design.md), and the database and Python must count them alike."""

from __future__ import annotations

import json
import unicodedata

import qda
from qda.cli import main
from qda.export.quotes import quote_rows, quotes
from qda.ingest import import_files

# fictional; q̇ (q + U+0307) has no precomposed form, so NFC keeps two code points; 👍🏽 is two astral ones
TEXT = ("INTERVIEWER: Hola 😀, ¿qué tal? 👍🏽\n\n"
        "P01: La vecina q̇uechua dijo: mi hijo 🧒 no volvió.\nLa comisaría no vino. 🙏\n\n"
        "INTERVIEWER: ¿Y después? 😢\n")
CODED = ["mi hijo 🧒 no volvió.", "La comisaría no vino. 🙏"]


def build(folder, engine, request):
    """The one-document project of ``TEXT`` with both passages of ``CODED`` coded, on ``engine``."""
    assert unicodedata.normalize("NFC", TEXT) == TEXT and "q\u0307" in TEXT
    (folder / "P01_vecina.txt").write_text(TEXT, encoding="utf-8")
    path = folder / "astral.qda"
    with qda.create_project(path) as project:
        project.add_code("Loss", None, "ana")
        import_files(project, [folder / "P01_vecina.txt"], language="es")
        text = project.document("P01_vecina").text
        assert text == TEXT
        project.add_codings([("P01_vecina", "Loss", text.index(q), text.index(q) + len(q), "", "ana") for q in CODED])
    if engine == "file":
        return path
    from qda.store.transfer import push

    url = request.getfixturevalue("server_url")
    push(path, url)
    return url


def test_quotes_after_emoji_and_combining_marks_are_exact(tmp_path, engine, request):
    location = build(tmp_path, engine, request)
    with qda.open_project(location) as project:
        frame = quotes(project, "Loss", context=1)
        # the narrow listing reads the same words through the same rows
        narrow = quote_rows(project, "Loss", columns=["ref", "speaker", "text"])
    assert frame["text"].tolist() == CODED
    assert frame["ref"].tolist() == ["P01:1", "P01:2"]
    assert frame["speaker"].tolist() == ["P01", "P01"]
    assert frame["line"].tolist() == [3, 4] and frame["paragraph"].tolist() == [2, 2]
    assert (frame["start"] - frame["end"]).abs().tolist() == [len(q) for q in CODED]
    assert narrow.rows == [("P01:1", "P01", CODED[0]), ("P01:2", "P01", CODED[1])]


def test_the_listing_prints_the_same_words(tmp_path, engine, request, capsys):
    location = build(tmp_path, engine, request)
    try:
        main(["quotes", str(location), "--code", "Loss", "--format", "json"], prog_name="qda")
    except SystemExit as exit:
        assert exit.code == 0
    printed = json.loads(capsys.readouterr().out)
    assert [row["text"] for row in printed] == CODED and [row["line"] for row in printed] == [3, 4]
