"""A REFI-QDA source's selections count every character of its text, a byte-order mark inside it
and U+2028 among them: what ``qda import`` mends in a transcript (tests/ingest/test_unseen_characters.py)
is kept in a source, so each coding stays on the words it was made on."""

from __future__ import annotations

import qda

from refi_helpers import make_qdpx, positions, project_xml, run, selection, text_source

RAW = "INTERVIEWER: ¿Dónde trabaja?\n\ufeffROSA: En el centro.\u2028Hace seis años.\nINTERVIEWER: Gracias."


def test_a_sources_hidden_characters_keep_its_codings_on_their_words(tmp_path):
    start, end = positions(RAW, "Hace seis años", "codepoints")
    qdpx = make_qdpx(tmp_path / "joined.qdpx", project_xml(text_source(selection(start, end))),
                     {"sources/s1.txt": RAW.encode("utf-8")})
    result = run("init", tmp_path / "joined.qda", "--from", qdpx)
    assert result.exit_code == 0, result.output
    with qda.open_project(tmp_path / "joined.qda") as project:
        table = project.codings_table()
        assert list(table["text"]) == ["Hace seis años"]


def test_names_a_mac_tool_wrote_decomposed_are_found_as_typed(tmp_path):
    """Codes, sources and users named with decomposed accents (``i`` + U+0301, as tools on macOS may
    write them) come in NFC: ``--code "Desconfianza en la policía"`` finds the code."""
    import unicodedata

    raw = "INTERVIEWER: ¿Dónde trabaja?\nROSA: En el centro.\n"
    start, end = positions(raw, "En el centro", "codepoints")
    xml = unicodedata.normalize("NFD", project_xml(text_source(selection(start, end), name="Entrevista Señora"))
                                .replace('name="Distrust"', 'name="Desconfianza en la policía"')
                                .replace('name="Ana"', 'name="Ána"'))
    qdpx = make_qdpx(tmp_path / "mac.qdpx", xml, {"sources/s1.txt": raw})
    assert run("init", tmp_path / "mac.qda", "--from", qdpx).exit_code == 0
    with qda.open_project(tmp_path / "mac.qda") as project:
        table = project.codings_table()
        assert list(table["code_path"]) == ["Police > Desconfianza en la policía"]
        assert list(table["coder"]) == ["Ána"]
        assert [document.name for document in project.documents()] == ["Entrevista Señora"]
