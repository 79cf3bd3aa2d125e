"""Speaker labels in a transcript's text, in the shapes real transcripts use.

A label opens a line and names who speaks:

- inline, ``NAME: text`` (``INTERVIEWER: ``, ``P07: ``, ``Marta Huamán: `` as Zoom
  writes it, ``Спикер №1: ``, ``Dr. Ana Ruiz (she/her): ``, ``**Ana:** `` in Markdown,
  ``[00:01:02] Ana: ``, ``[Ana]: `` and ``Ana (00:01:02): `` as transcription services write them,
  ``#00:01:02-3# I: `` as f4transkript and MAXQDA mark times);
- on its own line above the words, with a timestamp or a colon
  (``Marta Huamán  0:03`` from Otter or a Teams .docx, ``Speaker 1 (00:00):`` from Rev),
  or below a cue's times (``0:0:0.0 --> 0:0:5.520`` then ``Huamán, Marta``, Teams' first transcripts),
  after a time (``00:00:04 Julio Ccori``, Sonix; ``[00:00:01.234] - Speaker 1``, Happy Scribe), above
  a time alone (``Marta Huamán`` / ``0:03``, Otter's copy), or alone above the words in a document
  made so (Otter's export without times);
- a Zoom chat's headers (``10:21:37 From  Ana Ruiz  to  Everyone:``, ``qda.ingest.chat``);
- before ``|`` in a Word table's row, when the reader found a speaker column.

A colon in speech must not make a speaker ("The officer said: come back tomorrow."), so
a label counts only when it is shaped like a name and the document supports it:

- always: an upper-case label (the long-standing default); a label a reader found in the
  file's structure (a WebVTT voice, a bold name opening a Word paragraph, a table's speaker
  column); a name that labels at least two lines; a name that says it is one (a title as in
  ``Dr. Ana Ruiz``, a note in brackets as in ``(she/her)``, a role such as ``Interviewer``,
  ``Entrevistadora``, ``Participant 3``); one of a numbered family (``Speaker 1``, ``Speaker 2``);
  a label that a timestamp, brackets or bold mark;
- in a document that has such speakers: a name of two or more words or with a number,
  anywhere; a one-word name used once (``Julio: Hi.``) after the first speaker, unless it is
  a word transcripts use for notes and headers (``Note:``, ``Date:``).

A header block (the opening lines up to the first blank line, when the first labelled one is a
header field such as ``Date:`` or ``Place:``) holds no turns: its ``Interviewer: R. Quispe`` says who interviewed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from .chat import HEADER as CHAT_HEADER

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
SPACE = r"[^\S\n]"  # a space on the line: also the no-break spaces text copied from the web or Word holds
F4_MARK = rf"#{TIME}(?:-\d{{1,3}})?#"  # f4transkript's and MAXQDA's time mark: "#00:01:02-3#"
INLINE = re.compile(  # tried at the start of each line; a letter may follow the colon at once ("ROSA:In Huamanga")
    rf"(?P<time>\[{TIME}(?:{SPACE}*(?:-->|-|–){SPACE}*{TIME})?\]{SPACE}+|{TIME}{SPACE}+|{F4_MARK}{SPACE}*)?(?P<mark>\*\*|__|\[)?(?P<speaker>[^\W\d_][^:\n*\[\]]{{0,59}}?)"
    rf"(?P<after>{SPACE}+[\[(]{TIME}[\])])?(?:\*\*|__|\])?{SPACE}*:(?:\*\*|__)?(?:{SPACE}+(?=\S)|(?=[^\W\d_]))",
)
OWN_LINE = re.compile(  # "Marta Huamán  0:03" (Otter), "Speaker 1 (00:00):" (Rev), "[Marta Huamán] 10:21:37" (Zoom's saved
    # captions), "Marta Huamán  00:00:03.120 --> 00:00:06.480" (Teams .docx)
    rf"(?:\*\*|__|\[)?(?P<speaker>[^\W\d_][^:\n*]{{0,59}}?)(?:\*\*|__|\])?"
    rf"(?:[ \t]+(?:-[ \t]+)?(?P<time>[\[(]?{TIME}(?:[ \t]*-->[ \t]*{TIME})?[\])]?)[ \t]*:?|[ \t]*:)(?:\*\*|__)?[ \t]*\n(?:[ \t]*\n)*"
    rf"(?=[ \t]*\S)",
)
UPPER = re.compile(r"[^\W\d_][\w .'’()#№/-]{0,39}")
TITLES = {"dr.", "dra.", "sr.", "sra.", "srta.", "mr.", "mrs.", "ms.", "prof.", "lic.", "ing.", "st.", "jr.", "mx."}
PARTICLES = {"de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von", "der", "den", "y", "e", "di", "du",
             "le", "el", "al", "bin", "ibn"}
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
ROLES = {"interviewer", "interviewee", "respondent", "participant", "moderator", "facilitator", "speaker",
         "translator", "interpreter", "entrevistador", "entrevistadora", "entrevistado", "entrevistada", "participante",
         "moderador", "moderadora", "facilitador", "facilitadora", "hablante", "traductor", "traductora", "intérprete",
         "investigador", "investigadora", "informante", "спикер", "интервьюер", "респондент", "участник", "участница"}
NOT_NAMES = {"note", "notes", "nota", "notas", "nb", "ps", "then", "so", "well", "also", "and", "but", "date", "fecha",
             "time", "hora", "place", "lugar", "location", "duration", "duración", "subject", "asunto", "title", "título",
             "transcript", "transcripción", "observation", "observación", "observaciones", "comment", "comments",
             "comentario", "comentarios", "example", "ejemplo", "summary", "resumen", "re", "fw", "tel", "email",
             "first", "second", "third", "finally", "primero", "segundo", "tercero", "finalmente", "después", "luego",
             "entonces", "bueno", "pues", "sí", "yes", "no", "ok", "okay", "remember", "imagine", "listen", "mira",
             "oiga", "oye"}  # words for notes, headers and the steps of speech: "Primero: fuimos a la comisaría."
TIME_FIRST = re.compile(  # "[00:00:03] Marta Huamán" or "00:00:03 - Speaker 1" on its own line, the words below
    rf"(?P<time>\[{TIME}\]|\({TIME}\)|{TIME})(?:{SPACE}*-)?{SPACE}+(?P<speaker>[^\W\d_][^:\n\t\[\]]{{0,59}}?){SPACE}*:?{SPACE}*"
    rf"\n(?:{SPACE}*\n)*(?={SPACE}*\S)")
NAME_THEN_TIME = re.compile(  # "Marta Huamán" / "0:03" / the words: Otter's copy of a transcript (as Word paragraphs too)
    rf"(?P<speaker>[^\W\d_][^:\n\t\[\]]{{0,59}}?){SPACE}*\n(?:{SPACE}*\n)*{SPACE}*(?P<time>[\[(]?{TIME}[\])]?){SPACE}*"
    rf"\n(?:{SPACE}*\n)*(?={SPACE}*\S)")
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
NAME_LINE = re.compile(rf"{SPACE}*(?P<speaker>[^\W\d_][^:\n\t\[\]]{{0,59}}?){SPACE}*\n(?={SPACE}*\S)")
TIME_OPENERS = frozenset("0123456789[(")  # what a line opening with a time starts with: other lines skip both
TAB_ROW = re.compile(  # "00:00:03<tab>Marta Huamán<tab>words": the tab-separated transcripts of Zoom and others
    rf"(?P<time>[\[(]?{TIME}[\])]?)\t+(?P<speaker>[^\W\d_][^:\n\t]{{0,59}}?){SPACE}*:?\t+(?=\S)")
TAB_LABEL = re.compile(  # "INT<tab>words", "Marta Huamán<tab>words": a typed transcript's hanging indent, no colon
    rf"(?P<speaker>[^\W\d_][^:\n\t]{{0,59}}?){SPACE}*\t+(?=\S)")
TIMED_BLOCK = re.compile(  # Teams' first transcripts (.docx, copied text): a cue's times, the name, then the words
    r"(?P<time>\d{1,2}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?[ \t]*-->[ \t]*\d{1,2}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)"
    r"[ \t]*\n(?:[ \t]*\n)*(?P<speaker>[^\W\d_][^\n:]{0,59}?)[ \t]*\n(?:[ \t]*\n)*(?=[ \t]*\S)(?![ \t]*\d+:\d+:\d+\S*[ \t]*-->)")
DURATION = r"\d{1,3}[^\S\n][^\W\d_]{1,12}(?:[^\S\n]\d{1,3}[^\S\n][^\W\d_]{1,12}){0,2}"  # "0 minutes 3 seconds"
WEB_ENTRY = re.compile(  # Teams' transcript copied from its web page: the name, then the time read aloud glued to the
    # clock ("0 minutes 3 seconds0:03", "52 Minuten 27 Sekunden52:27"), then the name and the time read aloud again
    rf"(?P<speaker>[^\W\d_][^:\n\t\[\]]{{0,59}}?){SPACE}*\n{SPACE}*{DURATION}{TIME}{SPACE}*\n"
    rf"(?:{SPACE}*(?P=speaker){SPACE}+{DURATION}{SPACE}*\n)?(?={SPACE}*\S)")
WEB_AGAIN = re.compile(  # the same copy: "Marta Huamán 0 minutes 14 seconds" opening each further paragraph of the entry
    rf"(?P<speaker>[^\W\d_][^:\n\t\[\]]{{0,59}}?){SPACE}+{DURATION}{SPACE}*\n(?={SPACE}*\S)")
TABLE_ROW = re.compile(  # a table row of a Word transcript: "Marta Huamán | words", "0:03 | Marta Huamán | words",
    # "12 | 0:00:03.0 - 0:00:05.0 | Marta Huamán | words" (a row number, a time span)
    rf"(?:(?:\d+|[\[(]?{TIME}[\])]?(?:[ \t]*-[ \t]*[\[(]?{TIME}[\])]?)?)[ \t]*\|[ \t]*){{0,2}}"
    rf"(?P<speaker>[^\W\d_][^|\n]{{0,59}}?)[ \t]*\|[ \t]*(?=\S)")


def is_upper_label(label: str) -> bool:
    """``INTERVIEWER``, ``P07``, ``ENTREVISTADORA 2``: every cased letter upper case."""
    return bool(UPPER.fullmatch(label)) and label == label.upper() and any(c.isupper() for c in label)


def name_tokens(label: str) -> list[str] | None:
    """The words of ``label`` if it is shaped like a name (``Dr. Ana Ruiz (she/her)``,
    ``María de la Cruz``, ``Спикер №1``, ``Speaker 2``), else None (``The officer said``)."""
    words = BRACKETED.sub(" ", label).split()
    if not words or len(words) > 6 or any(c in label for c in '?!,;"“”«»'):
        return None
    for position, word in enumerate(words):
        if any(c.isdigit() for c in word):
            continue
        if word.lower() in PARTICLES and 0 < position < len(words) - 1:
            continue
        first = next((c for c in word if c.isalpha()), "")
        if not first or first.islower():
            return None
        if word.endswith(".") and word.lower() not in TITLES and len(word.rstrip(".")) > 1:
            return None
    return words


class Labels:
    """Which of a document's candidate labels name speakers, given how often each opens a line
    (``counts``) and the labels its structure marks (``hints``); the rules are the module's."""

    def __init__(self, counts: Counter, hints: frozenset[str] = frozenset()):
        self.shapes = {label: name_tokens(label) for label in counts}
        family = _numbered_family(self.shapes)
        self.firm = {label for label, count in counts.items() if label in hints or is_upper_label(label) or (
            self.shapes[label] is not None and (count >= 2 or label in family or _says_it_is_a_name(label, self.shapes[label])))}

    def in_dialogue(self, label: str) -> bool:
        """A name of two or more words, or with a number: a speaker anywhere in a dialogue."""
        shape = self.shapes[label]
        return shape is not None and (len(shape) >= 2 or any(c.isdigit() for c in label))

    def once_in_dialogue(self, label: str) -> bool:
        """A one-word name (``Julio``): a speaker after a dialogue's first, unless a word for notes."""
        return self.shapes[label] is not None and label.lower().rstrip(".") not in NOT_NAMES


def _says_it_is_a_name(label: str, words: list[str]) -> bool:
    """``Dr. Ana Ruiz``, ``Interviewer``, ``Participant 3``, ``Ana Ruiz (she/her)`` or
    ``Rosa (entrevistadora)``: a title or a role first, or pronouns or a role in brackets."""
    if words[0].lower() in TITLES or words[0].lower() in ROLES:
        return True
    return any("/" in note or ROLES & set(note.strip("()[]").lower().split()) for note in BRACKETED.findall(label))


def _numbered_family(shapes: dict[str, list[str] | None]) -> set[str]:
    """Labels that differ only in their number (``Speaker 1``, ``Speaker 2``; ``Спикер №1``, ``Спикер №2``)."""
    members: dict[tuple[str, ...], set[str]] = {}
    for label, words in shapes.items():
        if words and any(c.isdigit() for c in label):
            key = tuple(word for word in words if not any(c.isdigit() for c in word))
            members.setdefault(key, set()).add(label)
    return {label for group in members.values() if len(group) >= 2 for label in group}


def find(text: str, hints: frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """``(speaker, start, words_start)`` for every accepted label, in text order: the turn
    starts at ``start``; its words begin at ``words_start``, after the label.  ``hints``: labels
    the file's structure names (only these may be followed by `` | `` instead of a colon)."""
    hints = frozenset(" ".join(hint.split()) for hint in hints)  # spaced as the labels found below
    candidates: dict[int, tuple[str, int]] = {}
    marked: set[int] = set()
    timed: set[int] = set()
    time_first: set[int] = set()
    chat: set[int] = set()
    name_time: set[int] = set()
    web: set[int] = set()  # Teams' web copy: the start of each entry's name line
    web_again: set[int] = set()
    web_words = -1  # where the last such entry's words begin
    tabbed: set[int] = set()  # "Marta Huamán<tab>words"
    position, size = 0, len(text)
    while position < size:  # line by line: 2.5 times faster than finditer with ^ in MULTILINE mode
        line_end = text.find("\n", position)
        line_end = size if line_end < 0 else line_end
        match = None
        if text[position:position + 1].isdigit() and (match := CHAT_HEADER.match(text, position)):
            chat.add(position)  # "10:21:37 From  Ana Ruiz  to  Everyone:", a Zoom chat's message
        elif hints and text.find("|", position, line_end) >= 0:
            match = TABLE_ROW.match(text, position)
            if match and " ".join(match.group("speaker").split()) not in hints:
                match = None
        elif text.find("-->", position, line_end) >= 0:
            match = TIMED_BLOCK.match(text, position)
            if match and name_tokens(match.group("speaker").replace(",", " ")) is None:
                match = None  # the cue's words, not a name: "Thank you for joining."
            elif match:
                timed.add(position)  # "Smith, Ana" is a name here, after a cue's times
        if match:
            marked.add(position)
        elif match := INLINE.match(text, position):
            if match.group("time") or match.group("mark") or match.group("after"):
                marked.add(position)
        elif match := OWN_LINE.match(text, position):
            if match.group("time"):
                marked.add(position)
        elif line_end - position <= 64 and (match := NAME_THEN_TIME.match(text, position)):
            if name_tokens(match.group("speaker")) is None:
                match = None  # words above a time: "We left." / "0:10"
            else:
                name_time.add(position)
        elif line_end - position <= 64 and (match := WEB_ENTRY.match(text, position)):
            if name_tokens(match.group("speaker").replace(",", " ")) is None:
                match = None
            else:
                web.add(position)
                web_words = match.end()
        elif web and position >= web_words and (match := WEB_AGAIN.match(text, position)):
            web_again.add(position)  # kept below only where an entry above gave the name
        elif text[position:position + 1] in TIME_OPENERS and (
                match := TIME_FIRST.match(text, position) or TAB_ROW.match(text, position)):
            if name_tokens(match.group("speaker")) is None:
                match = None  # the words, not a name: "00:12 Thank you."
            else:
                time_first.add(position)
        elif text.find("\t", position, line_end) >= 0 and (match := TAB_LABEL.match(text, position)):
            if name_tokens(match.group("speaker")) is None and not is_upper_label(match.group("speaker")):
                match = None  # words before a tab: "We went there\tand back"
            else:
                tabbed.add(position)
        if match:
            candidates[position] = (" ".join(match.group("speaker").split()), match.end())  # "Marta\xa0Huamán" too
        position = line_end + 1
    web_starts: set[int] = set()
    if web:
        candidates, web_starts = _web_copy(text, candidates, web, web_again)
        marked |= web_starts
    opening = len(text) - len(text.lstrip())
    for shape in (chat, name_time):  # a Zoom chat's headers, Otter's names above times: two make the shape
        if len(shape) >= 2 or (shape == {opening} and (shape is chat or _opens_as_speaker(candidates[opening][0]))):
            marked |= shape  # one alone, opening the document: a chat of one message, a transcript of one turn
        else:  # one alone elsewhere is a title above a time ("Transcript" / "00:00:03") or a line of speech
            candidates = {start: found for start, found in candidates.items() if start not in shape}
            marked -= shape
    if not candidates:
        candidates = _names_above_words(text)
        marked = set(candidates)
    if time_first:  # a time, then a name: speakers when some name opens two such lines or every one is
        # shaped as a name ("Marta Huamán", "Speaker 1", "Interviewer"), else words ("00:12 Okay")
        timed_names = Counter(candidates[start][0] for start in time_first)
        shapes = Labels(timed_names)
        if max(timed_names.values()) >= 2 or (len(time_first) >= 2 and all(
                name in shapes.firm or shapes.in_dialogue(name) for name in timed_names)):
            marked |= time_first
        else:
            candidates = {start: found for start, found in candidates.items() if start not in time_first}
    if tabbed and max(Counter(candidates[start][0] for start in tabbed).values()) < 2:
        # a name before a tab is a speaker when some name opens two such lines: one alone is a table's cell
        candidates = {start: found for start, found in candidates.items() if start not in tabbed}
    header = _header_end(text, candidates)
    candidates = {start: found for start, found in candidates.items() if start >= header}
    if not candidates:
        return []
    if timed and max(Counter(candidates[start][0] for start in timed).values()) < 2:
        timed = set()  # no name opens two cues: a one-word cue ("Okay") is no speaker
    labels = Labels(Counter(label for label, _ in candidates.values()), hints)
    firm_starts = timed | web_starts | {start for start in marked if start in candidates and labels.shapes[candidates[start][0]] is not None}
    first = min((start for start, (label, _) in candidates.items() if label in labels.firm or start in firm_starts),
                default=None)
    result = []
    for start in sorted(candidates):
        label, words_start = candidates[start]
        if label in labels.firm or start in firm_starts or (
                first is not None and (labels.in_dialogue(label) or (start > first and labels.once_in_dialogue(label)))):
            result.append((label, _time_above(text, start), words_start))
    return result


def _web_copy(text: str, candidates: dict[int, tuple[str, int]], web: set[int],
              web_again: set[int]) -> tuple[dict[int, tuple[str, int]], set[int]]:
    """Teams' transcript copied from its web page (``Marta Huamán`` / ``0 minutes 9 seconds0:09`` /
    ``Marta Huamán 0 minutes 9 seconds`` / the words, each further paragraph opening ``Marta Huamán 0
    minutes 14 seconds``): each entry's name is a speaker, spelled as Teams spells it (``Quispe, Rosa``);
    a further paragraph's line is a turn of the entry's speaker only.  The initials Teams draws
    as the entry's picture (``MH``, on the line above the name or closing the words before it) open
    the entry: they are not the words of the speaker above.  (The candidates, the starts of these turns.)"""
    names = {candidates[start][0] for start in web}
    result, starts = {}, set()
    for start, (name, words_start) in candidates.items():
        if start in web_again and name not in names:
            continue  # "I waited 3 hours" in someone's words
        if start in web or start in web_again:
            start = _initials_above(text, start, name)
            starts.add(start)
        result[start] = (name, words_start)
    return result, starts


def _initials_above(text: str, start: int, name: str) -> int:
    """The start of the line above ``start`` (blank lines between too) when it holds only the initials
    of ``name`` as Teams draws them (``MH`` for ``Marta Huamán``, ``QR`` for ``Quispe, Rosa``); else ``start``."""
    initials = "".join(word[0] for word in name.replace(",", " ").split()).upper()
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    line_start = text.rfind("\n", 0, end) + 1
    return line_start if end - line_start <= 8 and text[line_start:end].strip() == initials else start


HEADINGS = {"interview", "entrevista", "meeting", "reunión", "recording", "grabación", "session", "sesión", "chapter",
            "capítulo", "part", "parte", "section", "sección", "introduction", "introducción", "results", "resultados"}


def _opens_as_speaker(label: str) -> bool:
    """A name above a time opening a document is Otter's one turn (``Marta Huamán`` / ``0:03``,
    ``Speaker 1``, ``Interviewer``) when it is shaped as a name of two or more words, with a number,
    or that says it is one; not a title (``Transcript``, ``Interview Transcript``, ``Chapter Two``)."""
    words = name_tokens(label)
    if words is None or {word.lower().strip(".") for word in words} & (NOT_NAMES | HEADINGS):
        return False
    return len(words) >= 2 or any(c.isdigit() for c in label) or _says_it_is_a_name(label, words)


TIME_ALONE = re.compile(rf"{SPACE}*[\[(]?{TIME}[\])]?{SPACE}*")


def _time_above(text: str, start: int) -> int:
    """Where the turn of the label at ``start`` begins: at a time alone on the line above it (blank
    lines between too), as Google Meet's transcript and others put each turn's time
    (``00:00:09`` / ``Julio Ccori: Yes.``); else at the label.  Without it the time closed the turn before."""
    line_start = start
    while line_start > 0:
        above = text.rfind("\n", 0, line_start - 1) + 1
        end = first = line_start - 1
        first = above
        while first < end and text[first].isspace():
            first += 1
        if first < end:  # the line above holds something: a time alone, or words
            short = end - first <= 20 and text[first] in TIME_OPENERS
            return above if short and TIME_ALONE.fullmatch(text, above, end) else start
        line_start = above
    return start


def _names_above_words(text: str) -> dict[int, tuple[str, int]]:
    """Otter's .txt exported without timestamps: each paragraph opens with a line that is only the
    speaker's name (``Speaker 1``, ``Unknown Speaker``, ``Marta Huamán``), the words below it.
    Taken only when the document is made so: every paragraph but one (a title, Otter's closing
    "Transcribed by" line) opens so, with at least two, and a name opens two of them; an essay's
    headings, each used once, are not speakers.  ``{start: (name, words_start)}``, or empty."""
    found: dict[int, tuple[str, int]] = {}
    paragraphs = missed = 0
    for start in itertools.chain([len(text) - len(text.lstrip())], (m.end() for m in PARAGRAPH_BREAK.finditer(text))):
        if start >= len(text):
            break
        paragraphs += 1
        match = NAME_LINE.match(text, start)
        if match and name_tokens(match.group("speaker")) is not None and not match.group("speaker").endswith("."):
            found[start] = (" ".join(match.group("speaker").split()), match.end())
        else:
            missed += 1
            if missed > 1:  # prose: stop at its second paragraph
                return {}
    counts = Counter(name for name, _ in found.values())
    if len(found) < 2 or max(counts.values()) < 2:
        return {}
    return found


def _header_end(text: str, candidates: dict[int, tuple[str, int]]) -> int:
    """Where a header block ends: the document's opening lines, up to the first blank line, when
    the first labelled one is a header field (``Date: 12 May``, ``Place: …``).  Its ``Interviewer:
    R. Quispe`` names who interviewed, not a turn; 0 when the document opens otherwise."""
    blank = re.search(r"\n[ \t]*\n", text)
    if blank is None:
        return 0
    opening = [start for start in candidates if start < blank.start()]
    if opening and candidates[min(opening)][0].lower().rstrip(".") in NOT_NAMES:
        return blank.start()
    return 0


AI_NOTICE = (  # Microsoft 365's notice under what its AI wrote, in the wordings seen in public files (Word's
    # automatic alt text, Copilot's panes and interface strings) in English, German, French, Italian and Dutch
    "AI-generated content may be incorrect", "KI-generierte Inhalte können fehlerhaft sein",
    "KI-generierte Inhalte können falsch sein", "Le contenu généré par l['’]IA peut être incorrect",
    "Il contenuto generato dall['’]IA potrebbe non essere corretto", "Door AI gegenereerde inhoud kan onjuist zijn")
PAGE_CHROME = (  # what Teams' web page shows around a transcript, copied with it (the question seen in English only)
    r"Is this transcript useful\?|(?:" + "|".join(AI_NOTICE) + r")\.?")
AI_NOTICE_KEYS = ("AI-generated", "KI-generierte", "généré par l", "generato dall", "AI gegenereerde")

TOOL_LINE = re.compile(  # a line the meeting or transcription tool wrote, in the languages seen in real files
    rf"^{SPACE}*(?:(?P<who>[^\W\d_][^\n]{{0,79}}?){SPACE}+(?:started transcription|stopped transcription|"
    r"inició la transcripción|detuvo la transcripción|hat die Transkription (?:gestartet|gestoppt)|"
    rf"começou a transcrição|iniciou a transcrição|parou a transcrição|a commencé la transcription|"
    rf"a arrêté la transcription)\.?|Transcribed by https://otter\.ai|{PAGE_CHROME}){SPACE}*$", re.MULTILINE)


def page_chrome(line: str) -> bool:
    """Whether ``line`` (one of ``tool_lines``) is the web page's, not the meeting's."""
    return re.fullmatch(rf"{SPACE}*(?:{PAGE_CHROME}){SPACE}*", line) is not None


def tool_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line a tool wrote into the transcript: Teams' when someone starts or
    stops the transcription (``Ana Quispe stopped transcription``, ``Quispe, Ana detuvo la
    transcripción``, ``Ana Quispe hat die Transkription gestartet``, ``Ana Quispe parou a transcrição`` (Brazil: ``iniciou``),
    ``Marie Dubois a commencé la transcription``)
    and Otter's closing ``Transcribed by https://otter.ai``, and the lines of Teams' web page copied with
    its transcript (``Is this transcript useful?`` below the last entry, ``AI-generated content may be
    incorrect.``, ``KI-generierte Inhalte können fehlerhaft sein.``).  Not words of the speaker above, so each
    ends that speaker's turn (``segment.turns``).  Only a name-shaped subject counts: ``I think she
    stopped transcription`` is speech."""
    if "ranscri" not in text and "ranskri" not in text and not any(key in text for key in AI_NOTICE_KEYS):
        return []
    return [match.span() for match in TOOL_LINE.finditer(text)
            if match.group("who") is None or name_tokens(match.group("who").replace(",", " ")) is not None]


DIALOGUE_LINE = re.compile(rf"^(?:(?P<label>[^\W\d_][^:\n]{{0,40}}):(?:{SPACE}|(?=[^\W\d_]))|[-–—]{SPACE}*\S)", re.MULTILINE)


TIME_LINE = re.compile(  # a time alone, before words and a colon, before a short line of words ("00:12 Okay"),
    # or a time or timespan before a tab (a tab-separated table: NVivo's "[1<tab>]0:00:00.0 - 0:00:05.0<tab>words<tab>name")
    rf"^{SPACE}*(?:\d+\t)?[\[(]?{TIME}[\])]?(?:{SPACE}*-{SPACE}*{TIME})?{SPACE}*"
    rf"(?:$|(?<=\t)|{SPACE}[^\W\d_][^:\n]{{0,80}}:|(?:-{SPACE}+)?[^\W\d_][^:\n.!?]{{0,40}}$)",
    re.MULTILINE)


def looks_like_dialogue(text: str) -> int:
    """How many lines open like a turn (a name-shaped ``Someone: ``, or a dash ``— ``) or are a
    time alone or a time before words and a colon (a transcription service's or a chat's layout qda
    does not know, as ``10:01:00 De Ana a Todos:``): two or more in a file where
    no speaker was found deserve a warning.  ``The officer said: `` does not."""
    return len(TIME_LINE.findall(text)) + sum(1 for match in DIALOGUE_LINE.finditer(text)
                                              if match.group("label") is None or name_tokens(match.group("label")) is not None)
