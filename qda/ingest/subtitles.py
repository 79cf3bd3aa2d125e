"""WebVTT and SRT cues to a transcript: one paragraph per run of cues by one speaker.

The speaker of a cue comes from its ``<v Name>`` voice span (any case, any
number of voices in one cue: each is its own turn) or from a leading
``Name: `` shaped like a name (Zoom writes them so); a cue without either
continues the current speaker.  Cue numbers, identifiers (Teams writes
``3f6a…/12-0``), timestamps, NOTE blocks and markup never reach the text;
WebVTT character references (``&amp;``, ``&#39;``, ``&nbsp;``) are decoded as
the WebVTT specification does.  A blank line inside a cue (common in SRT
files edited by hand) does not end it.  A cue whose timing line is broken is
refused with its line number: skipping it would lose its words silently.

Rolling captions (YouTube's automatic captions, and roll-up captions saved as SRT) show each
line again above the next one being spoken, and hold a finished line alone in a 10 ms cue:
read cue by cue, every line would come in two or three times.  A file where most cues open
with the line(s) the cue before ended with is read as rolling: each cue keeps only what it
adds, with a warning.  A line carrying word timings (``<00:00:01.100><c> la</c>``) is being
spoken in that cue and is never dropped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IngestError
from ..model import Cue
from . import speakers

STAMP = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
TIMING = re.compile(rf"^\s*(?P<start>{STAMP})[ \t]*-->[ \t]*(?P<end>{STAMP})(?:[ \t]|$)")
BROKEN_TIMING = re.compile(r"-->|^\s*\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}\s*[-–—=>]")
VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>", re.IGNORECASE)
TAG = re.compile(r"<rt>.*?</rt>|</?[A-Za-z][^>]*>|<\d[\d:.]*>|\{\\[^{}]*\}", re.IGNORECASE)
CHANGE = re.compile(r"\n(?=[ \t]*[-–—][ \t]*\S)|[ \t]*>>[ \t]*")  # a line opening with a dash, or ">>": another voice
PREFIX = re.compile(r"^(?P<speaker>[^\W\d_][^:]{0,59}?):\s+(?=\S)")
VTT_BLOCKS = ("NOTE", "STYLE", "REGION")
WORD_TIMING = re.compile(r"<(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}>")  # a karaoke timestamp: the line is being spoken


@dataclass
class Subtitles:
    text: str
    cues: list[Cue] = field(default_factory=list)
    speakers: frozenset[str] = frozenset()
    warnings: list[str] = field(default_factory=list)


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return hours * 3600 + int(parts[-2]) * 60 + float(parts[-1])


def read_subtitles(text: str, path: Path, suffix: str) -> Subtitles:
    lines = unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    vtt = suffix == ".vtt"
    if vtt and not re.match(r"WEBVTT(?:[ \t]|$)", lines[0]):
        raise IngestError(path, "not WebVTT: the first line must be 'WEBVTT'")
    timings = [i for i, line in enumerate(lines) if TIMING.match(line)]
    for i, line in enumerate(lines):
        if not TIMING.match(line) and BROKEN_TIMING.search(line):
            raise IngestError(path, f"line {i + 1}: a cue's timing line is broken ({line.strip()[:60]!r}); "
                                    "mend it (like '00:00:01.000 --> 00:00:04.000') or delete the cue")
    if not timings:
        raise IngestError(path, "no subtitle cues found (lines like '00:00:01.000 --> 00:00:04.000')")
    bodies: list[tuple[float, float, str]] = []
    for number, i in enumerate(timings):
        match = TIMING.match(lines[i])
        start, end = _seconds(match["start"]), _seconds(match["end"])
        if end < start:
            raise IngestError(path, f"line {i + 1}: the cue ends before it starts")
        stop = timings[number + 1] if number + 1 < len(timings) else len(lines)
        if number + 1 < len(timings) and _is_identifier(lines, stop - 1, i):
            stop -= 1
        bodies.append((start, end, _body(lines, i + 1, stop, vtt, path)))
    warnings: list[str] = []
    bodies = _unrolled(bodies, vtt, warnings)
    segments = [(start, end, speaker, words, change)
                for start, end, body in bodies for speaker, words, change in _voices(body, vtt)]
    subtitles = _assemble(segments)
    subtitles.warnings = warnings
    return subtitles


def _unrolled(bodies: list[tuple[float, float, str]], vtt: bool, warnings: list[str]) -> list[tuple[float, float, str]]:
    """Each cue of rolling captions with only the lines it adds; the cues as they are otherwise.

    A cue repeats when its first lines are the last lines of the cue before (compared without
    markup and spacing; a line with word timings is new, never a repeat).  Rolling captions are
    a file where at least two cues and at least half of those after the first repeat: in
    subtitles that do not roll, a short line said twice ("No." / "No.") is a rare cue, and kept."""
    def key(line: str) -> str:
        words = TAG.sub("", line)
        return " ".join((html.unescape(words) if vtt else words).split())

    shown = [[line for line in body.split("\n") if key(line)] for _, _, body in bodies]
    repeats = [_repeated(lines, [key(line) for line in lines], [key(line) for line in before])
               for before, lines in zip(shown, shown[1:])]
    rolling = sum(1 for count in repeats if count)
    if rolling < 2 or 2 * rolling < len(repeats):
        return bodies
    warnings.append(f"rolling captions (YouTube's automatic captions): {rolling} of {len(bodies)} cues repeat the "
                    "line above the one being spoken; each line was imported once, with the time of the cue that "
                    "first shows it")
    kept = [bodies[0]]
    for (start, end, _), lines, count in zip(bodies[1:], shown[1:], repeats):
        if lines[count:]:
            kept.append((start, end, "\n".join(lines[count:])))
    return kept


def _repeated(lines: list[str], keys: list[str], before: list[str]) -> int:
    """How many of a cue's first lines repeat the last lines of the cue ``before`` (keys compared);
    a line with word timings is being spoken in this cue, so the repeat stops before it."""
    plain = next((i for i, line in enumerate(lines) if WORD_TIMING.search(line)), len(lines))
    for count in range(min(plain, len(before)), 0, -1):
        if keys[:count] == before[-count:]:
            return count
    return 0


def _is_identifier(lines: list[str], index: int, timing: int) -> bool:
    """Is the line just above a timing line that cue's number or identifier, rather than the
    previous cue's last words?  It is when a blank line stands above it or it is a bare number."""
    line = lines[index].strip()
    if not line or index <= timing:
        return False
    return line.isdigit() or not lines[index - 1].strip()


def _body(lines: list[str], first: int, stop: int, vtt: bool, path: Path) -> str:
    """A cue's lines, across blank lines; WebVTT NOTE blocks left out; a block that is a cue number
    with words but no timing line (SRT) is refused."""
    kept: list[str] = []
    block_start = True
    skipping = False
    for index in range(first, stop):
        line = lines[index].strip()
        if not line:
            block_start, skipping = True, False
            continue
        if block_start and index > first:
            if vtt and line.split(" ")[0] in VTT_BLOCKS:
                skipping = True
            elif not vtt and line.isdigit() and index + 1 < stop and lines[index + 1].strip():
                raise IngestError(path, f"line {index + 1}: cue {line} has no timing line; mend it "
                                        "(like '00:00:01,000 --> 00:00:04,000') or delete the cue")
        block_start = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def _voices(body: str, vtt: bool) -> list[tuple[str | None, str, bool]]:
    """(voice, words, change) of each voice span in a cue; (None, words, ...) for words before any
    voice.  Subtitlers mark a change of speaker without naming one by a line that opens with a
    dash (``- ¿Y usted?`` / ``- Nada.``) or by ``>>`` (captioners): each such part is its own
    voice (``change``), its dash kept as the file shows it, its ``>>`` left out."""
    result = []
    marks = list(VOICE.finditer(body))
    edges = [0] + [m.start() for m in marks] + [len(body)]
    names = [None] + [" ".join(html.unescape(m.group(1) or "").split()) or None for m in marks]
    for name, begin, end in zip(names, edges, edges[1:]):
        words = TAG.sub("", body[begin:end])
        if vtt:
            words = html.unescape(words)
        change = name is None and bool(re.match(r"[ \t]*(?:>>|[-–—][ \t]*\S)", words))
        for number, part in enumerate(CHANGE.split(words)):
            part = " ".join(part.split())
            if part:
                result.append((name, part, change or number > 0))
    return result


def _assemble(segments: list[tuple[float, float, str | None, str, bool]]) -> Subtitles:
    """Paragraphs "Speaker: words" (a run of one speaker's cues joined by spaces) and cue spans;
    a part marked as another voice (``change``) starts a paragraph, unnamed unless it names one."""
    prefixes = [PREFIX.match(words) if speaker is None else None for _, _, speaker, words, _ in segments]
    counts = Counter(m["speaker"].strip() for m in prefixes if m)
    labels = speakers.Labels(counts)
    dialogue = any(speaker for _, _, speaker, _, _ in segments) or any(
        label in labels.firm or labels.in_dialogue(label) for label in counts)

    def accepted(label: str) -> bool:  # a cue is speech, never a header: a one-word name anywhere in a dialogue
        return label in labels.firm or labels.in_dialogue(label) or (dialogue and labels.once_in_dialogue(label))

    paragraphs: list[str] = []
    cues: list[Cue] = []
    named: set[str] = set()
    offset = 0
    current: str | None = None
    for (start, end, speaker, words, change), prefix in zip(segments, prefixes):
        if prefix and accepted(prefix["speaker"].strip()):
            speaker, words = prefix["speaker"].strip(), words[prefix.end():]
        speaker = speaker or (None if change else current)
        if paragraphs and speaker == current and not (change and speaker is None):
            paragraphs[-1] += " " + words
            offset += 1
            cue_start = offset
        else:
            if paragraphs:
                offset += 2  # the blank line between paragraphs
            label = f"{speaker}: " if speaker else ""
            paragraphs.append(label + words)
            offset += len(label)
            cue_start = offset
            if speaker:
                named.add(speaker)
        offset += len(words)
        cues.append(Cue(cue_start, offset, start, end))
        current = speaker
    return Subtitles("\n\n".join(paragraphs), cues, frozenset(named))
