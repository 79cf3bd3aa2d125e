"""Zoom's saved meeting chat: who wrote each message, and what the researcher should know of it.

Zoom saves a meeting's chat (``meeting_saved_chat.txt``) in two layouts, in the language of the
app (English ``From NAME to Everyone``, German ``Von NAME an Alle``; others are not read, and the
import warns that no speaker was found):

- the older, one line a message: ``10:21:37\\t From  Ana Ruiz : Hello all``, a message to one
  person ``From  Ana Ruiz  to  Julio Ccori(Privately) : ...``;
- the newer, the message indented below its header: ``10:21:37 From  Ana Ruiz  to  Everyone:``
  then ``\\tHello all``; a direct message ``... to  Julio Ccori(Direct Message):``, and the
  reactions and replies of Zoom's newer chat as messages of their own
  (``Reacted to "Hello all" with 👍``, ``Replying to "Hello all":`` above the reply).

Each message is a turn of its sender (``qda.ingest.speakers.find``); its words begin after the
header.  The recording's chat from Zoom's web portal (``00:58:04\\tAna Ruiz:\\tmessage``) is a
tab-separated transcript, read as such.
"""

from __future__ import annotations

import re

SPACE = r"[^\S\n]"
HEADER = re.compile(  # a message's header; the sender is "speaker", the receiver (if any) "to"
    rf"(?P<time>\d{{1,2}}:\d{{2}}:\d{{2}}){SPACE}+(?:From|Von){SPACE}+(?P<speaker>[^:\n]{{1,80}}?)"
    rf"(?:{SPACE}+(?:to|an){SPACE}+(?P<to>[^:\n]{{1,80}}?))?"
    rf"(?:{SPACE}+:{SPACE}+(?=\S)|{SPACE}*:{SPACE}*\n(?={SPACE}+\S))")
EVERYONE = {"everyone", "alle"}
REACTION = re.compile(rf"{SPACE}*(?:Reacted to \"|Removed a .{{1,20}} reaction from \")")
REPLY = re.compile(rf"{SPACE}*Replying to \"")


def summary(text: str) -> str | None:
    """A warning naming the chat's shape and what is kept as the file shows it (direct messages,
    replies quoting another's words, reactions), or None if ``text`` is not a Zoom chat (fewer
    than two headers, but one opening the text: a chat of one message)."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    headers = [match for start in starts if (match := HEADER.match(text, start))]
    if not headers or (len(headers) < 2 and headers[0].start() != len(text) - len(text.lstrip())):
        return None
    senders = {" ".join(match["speaker"].split()) for match in headers}
    direct = sum(1 for match in headers if match["to"] and match["to"].strip().lower() not in EVERYONE)
    lines = text.split("\n")
    replies = sum(1 for line in lines if REPLY.match(line))
    reactions = sum(1 for line in lines if REACTION.match(line))
    kept = [_count(direct, "direct message") + " (between two participants, not to everyone)" if direct else "",
            _count(replies, "reply", "replies") + " quoting the message it answers" if replies else "",
            _count(reactions, "reaction") if reactions else ""]
    kept = [part for part in kept if part]
    said = (f"; {', '.join(kept[:-1])} and {kept[-1]}" if len(kept) > 1 else f"; {kept[0]}") if kept else ""
    many = direct + replies + reactions > 1
    tail = (f" {'are' if many else 'is'} kept as the file shows {'them' if many else 'it'}, in "
            f"{'their' if many else 'its'} sender's turn{'s' if many else ''}") if kept else ""
    return (f"a Zoom chat: {_count(len(headers), 'message')} by {_count(len(senders), 'sender')}, "
            f"each a turn of its sender{said}{tail}")


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
