"""Transcripts kept in Word tables, one row a turn (``Speaker | Words`` or ``Time | Speaker | Words``),
in the shapes transcribers and services make them.  On main each of these lost every speaker of the
table, with no warning: a speaker cell merged down over the rows of one turn (``w:vMerge``) or left
empty for the speaker above to go on; a title or a note across the whole table (``w:gridSpan``);
a heading row in another language above a column of times (``Zeit | Sprecher | Text``); Teams'
``Surname, Name``.  A heading row Word repeats on each page (``w:tblHeader``) that qda did not know
(``Interlocutor | Intervención``) became a speaker.  Lines typed with a tab between the speaker and
the words (``INT<tab>...``, a hanging indent, no colon) found no speaker either.  Fictional
transcripts of those shapes, written as the XML Word writes."""

from __future__ import annotations

from qda.ingest import parse_file

from test_word import make_docx, p, r, turns_of


def cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{p(r(text)) if text else p()}</w:tc>"


def row(*cells: str, properties: str = "") -> str:
    return f"<w:tr>{properties}{''.join(cells)}</w:tr>"


def table(*rows: str) -> str:
    return "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" + "".join(rows) + "</w:tbl>"


def test_a_speaker_cell_merged_down_goes_on_to_the_next_row(tmp_path):
    body = table(row(cell("Marta Huamán", "<w:vMerge w:val=\"restart\"/>"), cell("Thank you for coming.")),
                 row(cell("", "<w:vMerge/>"), cell("Tell me about Monday.")),
                 row(cell("Rosa Quispe"), cell("I went to the station.")),
                 row(cell("Marta Huamán"), cell("And then?")))
    parsed = parse_file(make_docx(tmp_path / "merged.docx", body))
    assert turns_of(parsed) == [
        ("Marta Huamán", "Marta Huamán | Thank you for coming.\n\nTell me about Monday."),
        ("Rosa Quispe", "Rosa Quispe | I went to the station."), ("Marta Huamán", "Marta Huamán | And then?")]


def test_an_empty_speaker_cell_beside_a_time_goes_on_too(tmp_path):
    body = table(row(cell("00:00:03"), cell("Marta Huamán"), cell("Thank you for coming.")),
                 row(cell("00:00:07"), cell(""), cell("Tell me about Monday.")),
                 row(cell("00:00:12"), cell("Rosa Quispe"), cell("I went to the station.")),
                 row(cell("00:00:20"), cell("Marta Huamán"), cell("And then?")))
    parsed = parse_file(make_docx(tmp_path / "empty.docx", body))
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Rosa Quispe", "Marta Huamán"]
    assert turns_of(parsed)[0][1] == "00:00:03 | Marta Huamán | Thank you for coming.\n\n00:00:07 | Tell me about Monday."


def test_a_title_and_a_note_across_the_table_are_text_between_the_turns(tmp_path):
    span = "<w:gridSpan w:val=\"2\"/>"
    body = table(row(cell("Interview 3, 12 May 2025", span)),
                 row(cell("Marta Huamán"), cell("Thank you for coming.")),
                 row(cell("[recording paused]", span)),
                 row(cell("Rosa Quispe"), cell("I went to the station.")),
                 row(cell("Marta Huamán"), cell("And then?")))
    parsed = parse_file(make_docx(tmp_path / "spans.docx", body))
    assert parsed.text.startswith("Interview 3, 12 May 2025\n\nMarta Huamán | Thank you for coming.")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Rosa Quispe", "Marta Huamán"]


def test_a_heading_row_in_german_above_a_column_of_times(tmp_path):
    body = table(row(cell("Zeit"), cell("Sprecher"), cell("Text")),
                 row(cell("00:00:03"), cell("Marta Huamán"), cell("Danke, dass Sie gekommen sind.")),
                 row(cell("[Pause]", "<w:gridSpan w:val=\"3\"/>")),
                 row(cell("00:00:09"), cell("Rosa Quispe"), cell("Gern.")),
                 row(cell("00:00:15"), cell("Marta Huamán"), cell("Und dann?")))
    parsed = parse_file(make_docx(tmp_path / "de.docx", body))
    assert parsed.text.startswith("Zeit | Sprecher | Text\n\n")  # kept as text, in no turn
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Rosa Quispe", "Marta Huamán"]


def test_a_repeated_heading_row_is_no_speaker(tmp_path):
    body = table(row(cell("Interlocutor"), cell("Intervención"), properties="<w:trPr><w:tblHeader/></w:trPr>"),
                 row(cell("Marta Huamán"), cell("Gracias por venir.")),
                 row(cell("Rosa Quispe"), cell("De nada.")),
                 row(cell("Marta Huamán"), cell("¿Y luego?")))
    parsed = parse_file(make_docx(tmp_path / "heading.docx", body))
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Rosa Quispe", "Marta Huamán"]
    assert parsed.turns[0].start == len("Interlocutor | Intervención\n\n")


def test_teams_surname_comma_name_in_the_speaker_column(tmp_path):
    body = table(row(cell("Huamán, Marta"), cell("Thank you for coming.")),
                 row(cell("Quispe, Rosa"), cell("Thank you.")),
                 row(cell("Huamán, Marta"), cell("How did it go?")))
    parsed = parse_file(make_docx(tmp_path / "teams.docx", body))
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Huamán, Marta", "Quispe, Rosa", "Huamán, Marta"]


def test_a_table_of_figures_is_still_no_transcript(tmp_path):
    body = table(row(cell("Year"), cell("Cases")), row(cell("Lima"), cell("310")), row(cell("Lima"), cell("")),
                 row(cell("Cusco, total"), cell("20")))
    parsed = parse_file(make_docx(tmp_path / "figures.docx", body))
    assert parsed.turns == []


def test_a_tab_between_the_speaker_and_the_words(tmp_path):
    body = "".join(p(r(speaker), "<w:r><w:tab/></w:r>", r(words)) for speaker, words in [
        ("INT", "How did you come?"), ("P01", "By bus."), ("INT", "Alone?"), ("P01", "With my sister.")])
    parsed = parse_file(make_docx(tmp_path / "tabs.docx", body))
    assert turns_of(parsed)[:2] == [("INT", "INT\tHow did you come?"), ("P01", "P01\tBy bus.")]
    assert len(parsed.turns) == 4


def test_one_name_before_a_tab_is_not_a_speaker(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Budget\t300 soles for the trip.\nWe went by bus and came back at night.\n", encoding="utf-8")
    assert parse_file(path).turns == []


def test_a_time_span_before_the_speaker(tmp_path):
    body = table(row(cell("0:00:00.0 - 0:00:05.0"), cell("Marta Huamán"), cell("Thank you for coming.")),
                 row(cell("0:00:05.0 - 0:00:09.0"), cell("Rosa Quispe"), cell("I went to the station.")),
                 row(cell("0:00:09.0 - 0:00:15.0"), cell("Marta Huamán"), cell("And then?")))
    parsed = parse_file(make_docx(tmp_path / "spans.docx", body))
    assert turns_of(parsed)[1] == ("Rosa Quispe", "0:00:05.0 - 0:00:09.0 | Rosa Quispe | I went to the station.")
    assert len(parsed.turns) == 3


def test_nvivos_rows_with_the_speaker_last_and_a_row_number(tmp_path):
    """NVivo's transcript rows: an optional ID, the timespan, the content, the speaker (NVivo's help,
    "Import transcripts": a timespan column, and a speaker's name column in any order).  The name
    is put before the words in the line, as in the other layouts, so that the turn starts with it."""
    body = table(row(cell("ID"), cell("Timespan"), cell("Content"), cell("Speaker")),
                 row(cell("1"), cell("0:00:00.0 - 0:00:05.0"), cell("Thank you for coming."), cell("Marta Huamán")),
                 row(cell("2"), cell("0:00:05.0 - 0:00:09.0"), cell("I went to the station."), cell("Rosa Quispe")),
                 row(cell("3"), cell("0:00:09.0 - 0:00:15.0"), cell("And then?"), cell("Marta Huamán")))
    parsed = parse_file(make_docx(tmp_path / "nvivo.docx", body))
    assert parsed.text.startswith("ID | Timespan | Speaker | Content\n\n")
    assert turns_of(parsed)[1] == ("Rosa Quispe", "2 | 0:00:05.0 - 0:00:09.0 | Rosa Quispe | I went to the station.")
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Marta Huamán", "Rosa Quispe", "Marta Huamán"]


def test_words_then_a_name_without_times_are_left_as_they_are(tmp_path):
    body = table(row(cell("Yes, we went."), cell("Lima")), row(cell("No."), cell("Cusco")), row(cell("Maybe."), cell("Lima")))
    parsed = parse_file(make_docx(tmp_path / "places.docx", body))
    assert parsed.turns == [] and parsed.text.startswith("Yes, we went. | Lima")
