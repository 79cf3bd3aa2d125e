"""Words on screen are right and whole (issue 15, item 8): speaker labels, quotes, counts,
the co-occurrence numbers at 80x24."""

from __future__ import annotations

import re

import qda
from qda.ingest import import_files
from qda.tui.app import QdaApp
from qda.tui.counted import counted
from qda.tui.screens.cooccurrence import CooccurrenceScreen
from qda.tui.widgets.details import excerpt

from .coded_sample import press, run, settle

SPANISH = """ENTREVISTADORA: Gracias por recibirme. ¿Cuánto tiempo lleva trabajando en la comisaría de la zona?

P14: Casi seis años. Antes estuve en tránsito, y después me pasaron a la sección de familia porque faltaba gente.

ENTREVISTADORA: ¿Y cómo es un día normal en la sección de familia?

P14: No hay día normal. Llegan mujeres desde temprano, a veces con sus hijos, y esperan horas.
"""


def shown_rows(transcript) -> str:
    return "\n".join(str(transcript.render_line(y).text) for y in range(transcript.size.height))


def test_counts_agree_with_their_number():
    assert counted(1, "hit") == "1 hit" and counted(2, "hit") == "2 hits" and counted(0, "document") == "0 documents"
    assert counted(1, "passage would be coded") == "1 passage would be coded"
    assert counted(1200, "passage would be coded") == "1,200 passages would be coded"


def test_a_long_quote_is_shortened_between_words():
    words = ("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
             "diecisiete dieciocho diecinueve veinte").split()
    short = excerpt(" ".join(words))
    head, _, tail = short.partition(" … ")
    assert head and tail and len(short) < len(" ".join(words))
    assert set(head.split()) | set(tail.split()) <= set(words)  # every word shown is a whole word
    assert " ".join(words).startswith(head) and " ".join(words).endswith(tail)
    assert excerpt("pocas palabras") == "pocas palabras"


def test_long_speaker_labels_are_shown_whole(tmp_path):
    transcript = tmp_path / "P14_comisaria.txt"
    transcript.write_text(SPANISH, encoding="utf-8")
    path = tmp_path / "es.qda"
    with qda.create_project(path) as project:
        import_files(project, [transcript])
        project.add_code("Tiempo de espera")

    @run
    async def check():
        for size in ((120, 40), (80, 24)):
            app = QdaApp(path, "ana")
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                rows = shown_rows(app.transcript)
                assert rows.count("ENTREVISTADORA") == 2, (size, rows)
                assert not re.search(r"ENTREVISTAD(?!ORA)", rows)
    check()


@run
async def test_search_counts_one_hit_in_the_singular(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hits = {}
        app.notify = lambda message, **kwargs: hits.setdefault("message", message)
        await press(app, pilot, "slash", *"fourteen years", "enter")
        await settle(app, pilot)
        assert len(app.hits) == 1 and hits["message"].startswith("1 hit ·")


@run
async def test_cooccurrence_numbers_are_on_screen_at_80x24(coded_path):
    app = QdaApp(coded_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CooccurrenceScreen())
        await settle(app, pilot)
        table = app.screen.table
        assert str(list(table.columns.values())[0].label).startswith("count")
        # the rows as drawn (80 columns) start with each pair's count; long names end with "…"
        drawn = [str(table.render_line(y).text) for y in range(1, 12)]
        assert all(line.split()[0].isdigit() for line in drawn), drawn
        assert any("…" in line for line in drawn)
