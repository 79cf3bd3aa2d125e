"""Zoom's saved meeting chat (``meeting_saved_chat.txt``): a time and "From NAME to Everyone:" above
each message (indented on the lines below, the newer layout) or "From NAME : message" on one line
(the older), in English or German ("Von NAME an Alle"), with direct messages, replies and reactions
in the newer one (shapes from kjhealy/zoomchattr, bushong1/zoom-chat-parse's sample,
pstoeckle/Zoom-Chat-Anonymizer).  The newer came in as one text without a speaker or a warning; the
older made "From Marta Huamán" a speaker and folded a direct message into the turn before."""

from __future__ import annotations

from qda.ingest import parse_file

from test_shapes import SHAPES, sentences_of, turns_of


def test_the_newer_layout_a_turn_per_message_of_its_sender():
    parsed = parse_file(SHAPES / "zoom_chat.txt")
    assert parsed.text == (SHAPES / "zoom_chat.txt").read_text(encoding="utf-8")
    assert turns_of(parsed) == [
        ("Marta Huamán", "10:01:00 From  Marta Huamán  to  Everyone:\n\tGood morning, can everyone hear me?"),
        ("Julio Ccori", "10:01:12 From  Julio Ccori  to  Everyone:\n\tYes. We are in the community hall.\n"
                        "\tThe signal is weak here."),
        ("Rosa Quispe (she/her)", "10:01:30 From  Rosa Quispe (she/her)  to  Everyone:\n"
                                  "\tReplying to \"Good morning, can eve...\":\n\tYes, loud and clear."),
        ("Julio Ccori", "10:01:41 From  Julio Ccori  to  Everyone:\n\tReacted to \"Good morning, can eve...\" with 👍"),
        ("Rosa Quispe (she/her)", "10:02:05 From  Rosa Quispe (she/her)  to  Marta Huamán(Direct Message):\n"
                                  "\tCan I leave at eleven?"),
    ]
    assert "Good morning, can everyone hear me?" in sentences_of(parsed)
    assert not any("From" in sentence for sentence in sentences_of(parsed))
    assert parsed.warnings == [
        "a Zoom chat: 5 messages by 3 senders, each a turn of its sender; 1 direct message (between two "
        "participants, not to everyone), 1 reply quoting the message it answers and 1 reaction are kept as the "
        "file shows them, in their sender's turns"]


def test_the_older_layout_on_one_line():
    parsed = parse_file(SHAPES / "zoom_chat_one_line.txt")
    assert turns_of(parsed) == [
        ("Marta Huamán", "10:01:00\t From  Marta Huamán : Good morning, can everyone hear me?"),
        ("Julio Ccori", "10:01:12\t From  Julio Ccori : Yes: we are in the community hall."),
        ("Rosa Quispe", "10:02:05\t From  Rosa Quispe  to  Marta Huamán(Privately) : Can I leave at eleven?"),
    ]
    assert sentences_of(parsed)[0] == "Good morning, can everyone hear me?"
    assert any("1 direct message" in warning for warning in parsed.warnings)


def test_a_german_chat(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("10:01:00 Von Marta Huamán an Alle : Guten Morgen.\n"
                    "10:01:12 Von Julio Ccori an Alle : Hallo.\n", encoding="utf-8")
    assert [turn.speaker for turn in parse_file(path).turns] == ["Marta Huamán", "Julio Ccori"]


def test_a_chat_in_a_language_qda_does_not_read_is_said(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("10:01:00 De Marta Huamán a Todos:\n\tBuenos días.\n"
                    "10:01:12 De Julio Ccori a Todos:\n\tHola.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.turns == [] and any("no speaker label was recognised" in warning for warning in parsed.warnings)


def test_a_time_and_from_in_speech_make_no_sender(tmp_path):
    """One line that reads like a header, in a transcript with speakers: not a chat."""
    path = tmp_path / "talk.txt"
    path.write_text("ANA: When did you leave?\nJULIO: At night.\n10:21:37 From the station : we walked.\n",
                    encoding="utf-8")
    assert [turn.speaker for turn in parse_file(path).turns] == ["ANA", "JULIO"]


def test_one_direct_message_is_said_in_the_singular():
    parsed = parse_file(SHAPES / "zoom_chat_one_line.txt")
    assert parsed.warnings == [
        "a Zoom chat: 3 messages by 3 senders, each a turn of its sender; 1 direct message (between two "
        "participants, not to everyone) is kept as the file shows it, in its sender's turn"]
