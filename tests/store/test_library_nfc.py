"""A library caller's names and texts given decomposed (NFD: ``n`` + U+0303 for ``ñ``, as macOS
writes file names and a name copied from one arrives).  The command line made its parameters NFC
(``qda.cli.group.NamesInNfc``), but ``qda.open_project(...)`` callers found no code, document, coder
or attribute value by such a name, and the memos, queries and names they stored were stored
decomposed, so that the command line then found them no more.  The library's doors make them NFC
(``qda.nfc``).  On both engines: the store is where names are looked up.  Fictional names."""

from __future__ import annotations

import unicodedata

from qda import import_files
from qda.analysis import frequencies
from qda.store import sets

CODE, DOCUMENT, CODER, SITE = "Señora", "Entrevista_Señora", "Zoë", "Huamanga-Ñuñoa"


def nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    return decomposed


def composed(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def with_names(project, tmp_path) -> None:
    transcript = tmp_path / f"{DOCUMENT}.txt"
    transcript.write_text("ANA: ¿Fue a la comisaría?\nROSA: Sí, con mi señora madre.\n", encoding="utf-8")
    import_files(project, [transcript])
    project.set_attributes({DOCUMENT: {"site": SITE}})
    project.add_code(CODE, None, CODER)


def test_lookups_by_decomposed_names_find_the_stored_ones(sample_project, tmp_path):
    with_names(sample_project, tmp_path)
    assert sample_project.code(nfd(CODE)).name == CODE
    assert sample_project.document(nfd(DOCUMENT)).name == DOCUMENT
    assert sample_project.coder(nfd(CODER)).name == CODER
    coding = sample_project.add_coding(nfd(DOCUMENT), nfd(CODE), 0, 4, nfd(CODER), memo=nfd("Señal"))
    assert coding.memo == "Señal"
    (row,) = sample_project.add_codings([(nfd(DOCUMENT), nfd(CODE), 5, 9, "", nfd(CODER))])
    assert row.coder_id == coding.coder_id
    assert len(sample_project.codings(document=nfd(DOCUMENT), coder=nfd(CODER))) == 2
    counts = frequencies(sample_project, codes=[nfd(CODE)], where={"site": nfd(SITE)})
    assert counts["codings"].sum() == 2


def test_names_and_texts_given_decomposed_are_stored_composed(sample_project, tmp_path):
    with_names(sample_project, tmp_path)
    sample_project.add_code(nfd("Comisaría"), nfd(CODE), nfd("Inés"))
    sample_project.rename_code(nfd(CODE), nfd("Señoras"), CODER)
    sample_project.set_memo("code", nfd("Señoras"), nfd("Qué pasó en la comisaría"), nfd(CODER))
    sample_project.set_attributes({nfd(DOCUMENT): {nfd("región"): nfd("Ayacucho-Ñuñoa")}})
    sets.save_query(sample_project, nfd("Señoras"), f'"{nfd("Señoras")}"', coder=CODER)
    sets.create_set(sample_project, nfd("Señoras"), [nfd(DOCUMENT)], coder=CODER)
    assert sample_project.code("Señoras > Comisaría").name == "Comisaría"
    assert sample_project.memo("code", "Señoras", CODER) == "Qué pasó en la comisaría"
    assert sample_project.attributes(sample_project.document_id(DOCUMENT))["región"] == "Ayacucho-Ñuñoa"
    assert [coder.name for coder in sample_project.coders() if coder.name == "Inés"] == ["Inés"]
    assert sets.saved_query(sample_project, "Señoras") == '"Señoras"'
    assert sets.set_document_ids(sample_project, "Señoras") == [sample_project.document_id(DOCUMENT)]
