"""Teams' transcript copied from its web page (Stream, or the meeting's Recap tab), a shape seen in
public repositories in English and German: each entry is the speaker's name on a line, then the
time read aloud glued to the clock (``0 minutes 4 seconds0:04``, ``52 Minuten 27 Sekunden52:27``),
then the name and the time read aloud again, then the words; each further paragraph of the entry
opens with ``Name 0 minutes 11 seconds``, and the initials Teams draws as the entry's picture
(``MH``) stand above the name or close the words before it.  qda found no speaker at all there and
said nothing: a whole interview imported as one speakerless text.  Fictional transcripts of that shape."""

from __future__ import annotations

from qda.ingest import parse_file

from test_shapes import sentences_of, turns_of

ENGLISH = """Transcript
Transcript. Use arrow keys to navigate between transcript entries.

Search

Quispe, Rosa
0 minutes 3 seconds0:03
Quispe, Rosa 0 minutes 3 seconds
Thank you for coming. How did the complaint go?
MH

Marta Huamán
0 minutes 9 seconds0:09
Marta Huamán 0 minutes 9 seconds
I went to the station on Monday.
Marta Huamán 0 minutes 14 seconds
Nobody took my statement. I waited 3 hours
there.

Quispe, Rosa
1 minute 2 seconds1:02
Quispe, Rosa 1 minute 2 seconds
And then?
MH
Marta Huamán
1 minute 5 seconds1:05
Marta Huamán 1 minute 5 seconds
I came back with my sister.
"""

GERMAN = """RQ
Rosa Quispe
0 Minuten 3 Sekunden0:03
Danke, dass Sie gekommen sind.
MH
Marta Huamán
0 Minuten 9 Sekunden0:09
Ich war am Montag auf der Wache.
RQ
Rosa Quispe
52 Minuten 27 Sekunden52:27
Und dann?
MH
Marta Huamán
1 Stunde 2 Minuten 5 Sekunden1:02:05
Ich kam mit meiner Schwester zurück.
"""


def test_the_english_web_copy_has_its_speakers_and_their_words(tmp_path):
    path = tmp_path / "web.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [
        ("Quispe, Rosa", "Quispe, Rosa\n0 minutes 3 seconds0:03\nQuispe, Rosa 0 minutes 3 seconds\n"
                         "Thank you for coming. How did the complaint go?"),
        ("Marta Huamán", "MH\n\nMarta Huamán\n0 minutes 9 seconds0:09\nMarta Huamán 0 minutes 9 seconds\n"
                         "I went to the station on Monday."),
        ("Marta Huamán", "Marta Huamán 0 minutes 14 seconds\nNobody took my statement. I waited 3 hours\nthere."),
        ("Quispe, Rosa", "Quispe, Rosa\n1 minute 2 seconds1:02\nQuispe, Rosa 1 minute 2 seconds\nAnd then?"),
        ("Marta Huamán", "MH\nMarta Huamán\n1 minute 5 seconds1:05\nMarta Huamán 1 minute 5 seconds\n"
                         "I came back with my sister."),
    ]
    assert sentences_of(parsed)[3:] == [  # after the page's header lines, speech only: no label, no initials
        "Thank you for coming.", "How did the complaint go?", "I went to the station on Monday.",
        "Nobody took my statement.", "I waited 3 hours\nthere.", "And then?", "I came back with my sister."]


def test_the_german_web_copy_with_hours_and_initials_above_each_name(tmp_path):
    path = tmp_path / "web.txt"
    path.write_text(GERMAN, encoding="utf-8")
    parsed = parse_file(path)
    assert [speaker for speaker, _ in turns_of(parsed)] == ["Rosa Quispe", "Marta Huamán", "Rosa Quispe", "Marta Huamán"]
    assert turns_of(parsed)[3] == ("Marta Huamán", "MH\nMarta Huamán\n1 Stunde 2 Minuten 5 Sekunden1:02:05\n"
                                                   "Ich kam mit meiner Schwester zurück.")
    assert sentences_of(parsed) == ["Danke, dass Sie gekommen sind.", "Ich war am Montag auf der Wache.", "Und dann?",
                                    "Ich kam mit meiner Schwester zurück."]


def test_a_time_read_aloud_in_someones_words_is_no_speaker(tmp_path):
    """Only a name an entry gave opens a further paragraph: "We waited 3 hours" / words is speech."""
    path = tmp_path / "web.txt"
    text = ("Marta Huamán\n0 minutes 9 seconds0:09\nWe went at night.\nWe waited 3 hours\nat the door.\n\n"
            "Rosa Quispe\n0 minutes 20 seconds0:20\nAnd then?\n")
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    assert turns_of(parsed) == [("Marta Huamán", "Marta Huamán\n0 minutes 9 seconds0:09\nWe went at night.\n"
                                                 "We waited 3 hours\nat the door."),
                                ("Rosa Quispe", "Rosa Quispe\n0 minutes 20 seconds0:20\nAnd then?")]
