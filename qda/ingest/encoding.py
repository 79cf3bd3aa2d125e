"""Bytes to text: Unicode with or without a BOM, and legacy encodings detected and reported."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..controls import CONTROLS, one_of
from ..errors import IngestError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


WESTERN = ("cp1252", "cp850", "mac_roman")  # Windows "ANSI", DOS and old Mac code pages of Western Europe and the Americas
QUOTES_IN_WORDS = "’‘·-"
CJK = {"big5", "big5hkscs", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213", "euc_jp", "euc_kr", "gb18030",
       "gb2312", "gbk", "hz", "iso2022_jp", "iso2022_kr", "johab", "shift_jis", "shift_jis_2004", "shift_jisx0213"}


TRANSCRIPT = "a .txt, .md, .docx, .vtt or .srt transcript"


def unseen_breaks_mended(text: str, warnings: list[str]) -> str:
    """A transcript's text with the line breaks no reader sees as characters made ``\\n``: a
    byte-order mark inside it (files joined, each saved with one) is left out, with a warning
    naming its line, and the Unicode line and paragraph separators (U+2028, U+2029) end lines;
    in front of a speaker's label either would hide it and give their words to the speaker
    before.  For transcripts only: a REFI-QDA source's selections count these characters."""
    if "\ufeff" in text:
        lines = [text.count("\n", 0, mark.start()) + 1 for mark in re.finditer("\ufeff", text)]
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        warnings.append(f"line {lines[0]}{more} holds a byte-order mark inside the text (files joined "
                        "together?); left out")
        text = text.replace("\ufeff", "")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n")


# Every control character but tab and the line breaks a transcript is written with (LF, VT, FF, CR):
# no speech, but a terminal obeys them (ESC [2J clears the screen a concordance is read on, ESC ] 0
# retitles the window).
MENDED_ON_IMPORT = one_of(CONTROLS - set("\t\n\v\f\r"))


def terminal_controls_mended(text: str, warnings: list[str]) -> str:
    """A transcript's text with each control character a terminal would obey (escape codes from a
    screen capture; C1 controls from a wrong encoding) made a space, with a warning naming its line:
    the same length, so each offset still points at the character it did.  For transcripts only,
    like ``unseen_breaks_mended``."""
    found = MENDED_ON_IMPORT.search(text)
    if found is None:
        return text
    count = len(MENDED_ON_IMPORT.findall(text))
    line = text.count("\n", 0, found.start()) + 1
    warnings.append(f"line {line} holds a control character (U+{ord(found.group()):04X})"
                    + (f", {count:,} in all" if count > 1 else "")
                    + " (a terminal's escape codes, or a wrong encoding?); each made a space")
    return MENDED_ON_IMPORT.sub(" ", text)


def decode(raw: bytes, path: str | Path, encoding: str | None = None, wanted: str = TRANSCRIPT,
           warnings: list[str] | None = None) -> tuple[str, str]:
    """(text, encoding name).  Refuses empty and binary files, text that is UTF-8 but for a few
    damaged bytes, and legacy encodings it cannot tell with confidence, each with a clear reason
    (naming the line of the first byte that is not UTF-8).
    ``encoding``: the user's own answer (``--encoding``), which wins over every guess.
    ``wanted``: what a binary file should have been, for its message.
    ``warnings``: where to say what the researcher should check (NUL bytes padding the end)."""
    if not raw.strip():
        raise IngestError(path, "the file is empty")
    if encoding:
        return _without_nul_padding(_decode_as(raw, path, encoding), path, wanted, warnings), encoding
    for bom, name in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(name)
            except UnicodeDecodeError as error:
                raise IngestError(path, f"starts with a {name} byte-order mark but is not valid {name} ({error.reason})") from error
            return _without_nul_padding(text, path, wanted, warnings), name
    if b"\x00" in raw:
        if (unicode := _utf16_without_bom(raw)) is not None:
            return unicode
        kept = raw.rstrip(b"\x00")
        if b"\x00" in kept or not kept.strip() or warnings is None:
            raise IngestError(path, f"a binary file, not text (it contains NUL bytes); give {wanted}")
        # what a crash or a full disk leaves: the text may have been cut short there
        warnings.append(f"the file ends in {len(raw) - len(kept):,} NUL bytes (a save cut short?), left out; "
                        "check that the transcript ends where it should")
        return decode(kept, path, encoding, wanted, warnings=warnings)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(raw, path, error)
        first_bad = _first_bad_byte(raw, error)
    for name in WESTERN:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if plausible_latin(text):
            return text, name
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise IngestError(path, f"the text is not UTF-8 ({first_bad}) and its encoding could not be recognised; "
                                "save it as UTF-8, or give --encoding")
    text = str(best)
    if _looks_binary(text):
        raise IngestError(path, f"a binary file, not text ({first_bad}); give {wanted}")
    high = sum(1 for byte in raw if byte >= 0x80)
    if best.encoding in CJK:   # charset-normalizer measures no coherence for these; most bytes must be high
        weak = high < 0.2 * len(raw)
    else:
        weak = best.coherence < 0.2
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z") >= 0.7 * max(1, sum(1 for ch in text if ch.isalpha()))
    if latin and not plausible_latin(text):  # a Latin-script text the guess garbles ("SeŮora"): damaged bytes
        weak = True
    if weak or best.chaos > 0.1 or any("\x80" <= ch <= "\x9f" for ch in text):
        raise IngestError(path, f"the text is not UTF-8 ({first_bad}) and its encoding is uncertain (the best guess, {best.encoding}, "
                                f"is weak); save it as UTF-8, or give --encoding (--encoding {best.encoding} if the "
                                f"guess is right, else the one it was saved in, e.g. cp1252)")
    return text, best.encoding


def _without_nul_padding(text: str, path: str | Path, wanted: str, warnings: list[str] | None) -> str:
    """A decoded text (a BOM named its encoding, or the user did) checked for NUL characters as the
    bytes of other files are: at the end, padding left by a crash or a full disk, left out with a
    warning; anywhere else, a binary file, refused.  Before, such a file came in with its NULs."""
    if "\x00" not in text:
        return text
    kept = text.rstrip("\x00")
    if "\x00" in kept or not kept.strip() or warnings is None:
        raise IngestError(path, f"a binary file, not text (it contains NUL characters); give {wanted}")
    warnings.append(f"the file ends in {len(text) - len(kept):,} NUL characters (a save cut short?), left out; "
                    "check that the transcript ends where it should")
    return kept


def _first_bad_byte(raw: bytes, error: UnicodeDecodeError) -> str:
    """Where UTF-8 decoding first fails, for people: 'line 3 has byte 0xe9'."""
    line = raw[:error.start].count(b"\n") + 1
    return f"line {line} has byte 0x{raw[error.start]:02x}"


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark (iconv, older Java and Windows tools write it), told by its
    NUL bytes: every one of them the high byte of a code unit, none a low one.  In Latin script
    most high bytes are NUL; in Cyrillic, Greek or CJK only those of spaces, digits and line ends
    (``В центре.`` is ``12 04 … 20 00``), so the text must then be text throughout: no control
    character but the line's own, no unassigned, private or lone surrogate code point, which a
    binary file read so (a PDF, a picture) is full of.  None when the bytes are not shaped so."""
    if len(raw) % 2 or len(raw) < 4:
        return None
    even, odd = raw[0::2], raw[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if low.count(0) or not high.count(0):
            continue
        if high.count(0) < 0.7 * len(high) and _text_but_for_nuls(raw):
            return None  # "LUIS: Bue\0nas.": UTF-8 with a stray NUL, whose pairs of letters read as CJK
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            return None
        if _looks_binary(text) or (high.count(0) < 0.7 * len(high) and NOT_TEXT.search(text)):
            return None
        return text, name
    return None


def _text_but_for_nuls(raw: bytes) -> bool:
    """Is ``raw`` without its NUL bytes UTF-8 text with no control character but tab and line ends?
    UTF-16 of a non-Latin script is not: Cyrillic's, Greek's or Arabic's high bytes (04, 03, 06) are
    controls read so, and CJK's bytes run into 0x80-0xFF and below 0x20."""
    try:
        text = raw.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not NOT_TEXT.search(text)


NOT_TEXT = re.compile(  # in a text: controls but tab and line ends, private use, noncharacters, lone surrogates
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]")


def _decode_as(raw: bytes, path: str | Path, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        raise IngestError(path, f"unknown encoding {encoding!r} (try utf-8, cp1252, latin-1, utf-16)") from error
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise IngestError(path, f"line {line}: not valid {encoding} ({error.reason})") from error
    return text[1:] if text.startswith("\ufeff") else text


def _refuse_damaged_utf8(raw: bytes, path: str | Path, first: UnicodeDecodeError) -> None:
    """A file that is UTF-8 but for a few bytes (a cut-and-paste, a bad copy) is not read as some
    other encoding that happens to accept every byte: that would garble all its accents."""
    text = raw.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    good = sum(1 for ch in text if "\x80" <= ch != "\ufffd")
    if good >= damaged:
        line = raw[:first.start].count(b"\n") + 1
        raise IngestError(path, f"line {line}: not valid UTF-8 ({damaged} damaged byte sequence(s) in a UTF-8 text); "
                                f"repair the file, or give --encoding if it is not UTF-8")


def plausible_latin(text: str) -> bool:
    """True when ``text`` reads as a Western language: few letters outside ASCII, and none of the
    signs of a wrong code page (a symbol or a capital inside a lower-case word, ``¿`` after a letter)."""
    letters = ascii_letters = 0
    suspicious = 0
    previous = " "
    for position, char in enumerate(text):
        if char < "\x80":
            if char.isalpha():
                letters += 1
                ascii_letters += 1
            previous = char
            continue
        if char.isalpha():
            letters += 1
            if char.isupper() and previous.islower():
                suspicious += 1
        elif previous.isalpha() and text[position + 1:position + 2].isalpha() and char not in QUOTES_IN_WORDS:
            suspicious += 1
        elif char in "¿¡" and previous.isalpha():
            suspicious += 1
        elif "\x80" <= char <= "\x9f" or char in "¤¦¨¬¯´¸¹²³¼½¾" or "\u2500" <= char <= "\u25ff":  # box drawing: DOS misread
            suspicious += 1
        previous = char
    outside = letters - ascii_letters
    return ascii_letters > 0 and outside <= 0.3 * letters and suspicious <= 0.01 * max(outside, 1)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.01 * max(1, len(text[:4096]))

