"""A sentence keeps the marks that open it: Spanish "¿" and "¡", opening quotes and guillemets.

spaCy's sentencizer ends a sentence after the punctuation tokens that follow its stop, so in
"Buenos días. ¿Puede contarnos…?" the "¿" went with "Buenos días." and the question began at
"Puede": pressing ``s`` then a quick key coded "Buenos días. ¿", and agreement and co-occurrence by
sentence counted the mark in the wrong unit.  Fictional interview lines in the shapes Spanish
transcripts are written in (inverted marks, «», “”, straight quotes).
"""

from __future__ import annotations

import pytest

from qda.ingest import parse_file


@pytest.mark.parametrize("language", ["es", "en", "xx"])
def test_opening_marks_start_the_next_sentence(tmp_path, language):
    path = tmp_path / "comisaria.txt"
    path.write_text(
        "Entrevistadora: Buenos días. ¿Puede contarnos cómo recibe las denuncias? ¡Claro que sí! Pase.\n\n"
        "Oficial: Ella dijo que no. «Ya no vuelvo», me contó. “Nadie me escucha” repetía. "
        "Otra dijo: \"manam\". 'Así es' dijo el fiscal.\n",
        encoding="utf-8")
    parsed = parse_file(path, language=language)
    assert [parsed.text[s.start:s.end] for s in parsed.sentences] == [
        "Buenos días.", "¿Puede contarnos cómo recibe las denuncias?", "¡Claro que sí!", "Pase.",
        "Ella dijo que no.", "«Ya no vuelvo», me contó.", "“Nadie me escucha” repetía.",
        'Otra dijo: "manam".', "'Así es' dijo el fiscal.",
    ]


def test_a_closing_quote_stays_with_the_sentence_it_closes(tmp_path):
    path = tmp_path / "refugio.txt"
    path.write_text('Entrevistadora: ¿Y sus hijos?\n\nRosa: Mi hija dice "mamá, ya no llores." Eso me da fuerza. (risas) ¿Y usted?\n', encoding="utf-8")
    parsed = parse_file(path, language="es")
    assert [parsed.text[s.start:s.end] for s in parsed.sentences] == [
        "¿Y sus hijos?", 'Mi hija dice "mamá, ya no llores."', "Eso me da fuerza. (risas)", "¿Y usted?",
    ]
