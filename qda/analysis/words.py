"""Word frequencies of the documents: by document or attribute, with stop words and lemmas.

A word is a run of letters and digits joined by inner hyphens or apostrophes
(``qda.text.WORD``, the rule behind every word count of qda), lower-cased; the
``"SPEAKER: "`` label that opens a turn is not a word of the interview.  Stop
words are spaCy's lists for each language (``spacy.lang.<code>.stop_words``,
which ship with spaCy) plus the user's own list.  Lemmas come from spaCy's
lookup tables (the ``spacy-lookups-data`` package, ``pip install 'qda[lemmas]'``):
with ``spacy.blank`` pipelines and no trained model there is no part-of-speech
tagger, so a table lookup of the lower-cased form is what the pipeline allows.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..errors import FileError, QdaError
from ..files import read_whole
from ..navigation import label_end
from ..text import WORD
from ._select import check_attribute, select_documents
from .speakers import check_speakers

STOP_DEFAULT = "auto"
BOTH = ("es", "en")  # the study's languages: the stop lists used for a document of undetermined language


def spoken_texts(project, document_ids: Iterable[str], skip_speakers: Iterable[str] = ()
                 ) -> Iterator[tuple[str, str, list[tuple[int, int]]]]:
    """(document id, text, spans to leave out) of each document: the ``"SPEAKER: "`` labels that open
    its turns, which are not words of the interview, and the whole turns of ``skip_speakers``."""
    from ..store.queries import iter_document_texts, turn_speakers

    ids = list(document_ids)
    turns = turn_speakers(project, ids)
    skipped = check_speakers(turns["speaker"], skip_speakers)
    by_document = {d: list(zip(g["start"], g["end"], g["speaker"])) for d, g in turns.groupby("document_id", sort=False)}
    for document_id, text in iter_document_texts(project, ids):
        spans = [(start, end if speaker.casefold() in skipped else label_end(text, start, speaker))
                 for start, end, speaker in by_document.get(document_id, [])]
        yield document_id, text, [(start, end) for start, end in spans if end > start]


def words_of(text: str, labels: list[tuple[int, int]] = ()) -> list[str]:
    """The lower-cased words of ``text`` outside the ``labels`` spans, in order."""
    if not labels:
        return WORD.findall(text.lower())
    pieces, position = [], 0
    for start, end in labels:
        pieces.append(text[position:start])
        position = max(position, end)
    pieces.append(text[position:])
    return WORD.findall("\n".join(pieces).lower())


def stop_words(languages: Iterable[str] = BOTH, extra: Iterable[str] = ()) -> frozenset[str]:
    """spaCy's stop words of ``languages`` (ISO 639-1 codes) and the words of ``extra``, lower-cased NFC."""
    words: set[str] = set()
    for language in languages:
        words |= _spacy_stop_words(language)
    words |= {unicodedata.normalize("NFC", w.strip().lower()) for w in extra if w.strip()}
    return frozenset(words)


@lru_cache(maxsize=None)
def _spacy_stop_words(language: str) -> frozenset[str]:
    from importlib import import_module

    try:
        module = import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        raise QdaError(f"spaCy has no stop words for language {language!r}; name another (es, en...) or use none") from None
    return frozenset(unicodedata.normalize("NFC", w.lower()) for w in module.STOP_WORDS)


def read_stop_list(path: str | Path) -> list[str]:
    """The words of a stop list file: UTF-8, one word a line, ``#`` starts a comment."""
    path = Path(path)
    try:
        text = read_whole(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise FileError(path, "no such stop list file") from None
    except UnicodeDecodeError as error:
        raise FileError(path, f"not UTF-8 text (byte {error.start}); save the stop list as UTF-8") from None
    except OSError as error:
        raise FileError(path, f"cannot be read ({error.strerror})") from None
    words = []
    for number, line in enumerate(text.splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if len(word.split()) > 1:
            raise FileError(path, f"line {number}: {word!r} is more than one word; write one word a line")
        words.append(word)
    return words


@lru_cache(maxsize=None)
def lemma_table(language: str):
    """spaCy's lookup table form -> lemma of ``language`` (a ``spacy.lookups.Table``), or None when
    spacy-lookups-data has none for it; a QdaError when the package is not installed."""
    try:
        import spacy_lookups_data  # noqa: F401
    except ImportError:
        raise QdaError("lemmas need spaCy's lookup tables: pip install 'qda[lemmas]' (spacy-lookups-data)") from None
    from spacy.lookups import load_lookups

    try:
        return load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, KeyError):
        return None


def document_languages(documents: pd.DataFrame) -> dict[str, str]:
    """Document id -> its language (ISO 639-1, "und" or "")."""
    return dict(zip(documents["id"], documents["language"].fillna("").astype(str)))


def choose_stop_words(stop: str | Iterable[str] | None, languages: Iterable[str], stop_list: Iterable[str]) -> frozenset[str]:
    """The stop words: ``"auto"`` takes the lists of the documents' languages (Spanish and English
    for a language qda could not tell), ``None`` or ``"none"`` none, else the named languages."""
    if stop is None or stop == "none":
        chosen: list[str] = []
    elif stop == STOP_DEFAULT:
        chosen = sorted({lang for language in languages for lang in ((language,) if _has_stop_words(language) else BOTH)})
    else:
        chosen = [s.strip() for s in ([stop] if isinstance(stop, str) else stop) for s in s.split(",") if s.strip()]
    return stop_words(chosen, stop_list)


def _has_stop_words(language: str) -> bool:
    try:
        _spacy_stop_words(language)
        return bool(language)
    except QdaError:
        return False


def document_word_counts(project, where=None, lemmas: bool = False, keep: frozenset[str] = frozenset(),
                         skip_speakers: Iterable[str] = ()) -> tuple[pd.DataFrame, dict[str, Counter], list[str]]:
    """(the selected documents, {document id: Counter of its words or lemmas}, names of documents whose
    language has no lemma table and were counted by word form).  Forms in ``keep`` (the stop words) are
    not lemmatised: a lookup table knows no context, and Spanish "para" would become "parir".  The turns
    of ``skip_speakers`` (labels, e.g. the interviewer's) are left out."""
    documents = select_documents(project, where)
    languages = document_languages(documents)
    counts: dict[str, Counter] = {}
    unlemmatised: list[str] = []
    names = dict(zip(documents["id"], documents["name"]))
    for document_id, text, labels in spoken_texts(project, documents["id"], skip_speakers):
        counter = Counter(words_of(text, labels))
        if lemmas:
            table = lemma_table(languages.get(document_id, ""))
            if table is None:
                unlemmatised.append(names[document_id])
            else:
                lemmatised: Counter = Counter()
                for form, count in counter.items():
                    lemmatised[form if form in keep else table.get(form, form)] += count
                counter = lemmatised
        counts[document_id] = counter
    return documents, counts, unlemmatised


def word_frequencies(project, by: str | None = None, where=None, stop: str | Iterable[str] | None = STOP_DEFAULT,
                     stop_list: Iterable[str] = (), lemmas: bool = False, min_count: int = 1,
                     skip_speakers: Iterable[str] = ()) -> pd.DataFrame:
    """How often each word (or lemma) occurs, overall or within each document or attribute value.

    Parameters
    ----------
    by : None for the whole selection, "document", or a document attribute (role, site...).
    where : document attribute filter, e.g. "role=police".
    stop : "auto" (spaCy's stop words of the documents' languages), "none", or languages ("es,en").
    stop_list : more words to leave out (see ``read_stop_list``).
    lemmas : count lemmas (spaCy lookup tables) instead of word forms.
    min_count : leave out words counted fewer times than this (within a group when ``by``).
    skip_speakers : speaker labels whose turns are left out (the interviewer's questions, say).

    Returns
    -------
    DataFrame, one row a word (within a group): [group column named after ``by``,] word, count,
    documents (how many documents of the group have it), per_10k (count per 10,000 words of the
    group, stop words included in that total); most frequent first.  ``attrs["words"]`` holds the
    total words of each group (or of all), ``attrs["unlemmatised"]`` the documents counted by form.
    """
    documents = select_documents(project, where)
    if by not in (None, "document"):
        check_attribute(documents, by, project)
    stops = choose_stop_words(stop, set(document_languages(documents).values()), stop_list)
    documents, counts, unlemmatised = document_word_counts(project, where, lemmas, stops, skip_speakers)
    group_of = _groups(documents, by)
    rows: list[tuple] = []
    totals: dict[str, int] = {}
    for group, ids in group_of.items():
        total: Counter = Counter()
        present: Counter = Counter()
        for document_id in ids:
            total.update(counts[document_id])
            present.update(counts[document_id].keys())
        size = sum(total.values())
        totals[group] = size
        rows += [(group, word, count, present[word], count / size * 10_000)
                 for word, count in total.items() if count >= min_count and word not in stops]
    frame = pd.DataFrame(rows, columns=["group", "word", "count", "documents", "per_10k"])
    order = {group: i for i, group in enumerate(group_of)}
    frame = (frame.assign(_group=frame["group"].map(order)).sort_values(["_group", "count", "word"], ascending=[True, False, True],
                                                                         kind="stable")
             .drop(columns="_group").reset_index(drop=True))
    if by is None:
        frame = frame.drop(columns="group")
    else:
        frame = frame.rename(columns={"group": by})
    frame.attrs["words"] = totals if by is not None else totals.get("", 0)
    frame.attrs["unlemmatised"] = unlemmatised
    return frame


def _groups(documents: pd.DataFrame, by: str | None) -> dict[str, list[str]]:
    """Group label -> document ids, in import order of the groups' first documents."""
    if by is None:
        return {"": list(documents["id"])}
    column = documents["name"] if by == "document" else documents[by].astype(str)
    groups: dict[str, list[str]] = {}
    for label, document_id in zip(column, documents["id"]):
        groups.setdefault(label, []).append(document_id)
    return groups
