"""A project's sentences split again by this qda's rules (``qda.model.SEGMENTER``).

Sentences are stored at import.  When the rules change (qda 1ed79b9: "¿", "¡", "«" start the sentence they
open instead of ending the one before), a project imported before keeps its old sentences, so co-occurrence,
agreement, queries and the app's ``s`` by sentence differ from a new import of the same file.  ``resegment``
splits each document's text again with its stored turns and paragraphs (a turn's words begin where its first
stored sentence does, as the importer ended each label: the file's own structure, Word's bold names or
WebVTT voices, is not needed again), says what changed for which document and stores the new sentences in
one transaction.  Codings are offsets of the text, which never changes: they stay, and only what a sentence
holds changes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

Progress = Callable[[str, int, int], None]  # (the document just split, how many are done, of how many)

from ..errors import QdaError
from ..model import Span
from . import segment, speakers


@dataclass(frozen=True)
class Resegmented:
    """One document's sentences before and after: ``before`` and ``after`` in text order; ``example``, the
    text of its first new sentence and of the old sentence its start was in ("" when none changed)."""

    document: str
    document_id: str
    before: tuple[Span, ...]
    after: tuple[Span, ...]
    example: tuple[str, str] = ("", "")

    @property
    def changed(self) -> int:
        """How many of the new sentences were not sentences before."""
        return len(set(self.after) - set(self.before))


def resegment(project, trained: str | None = None, write: bool = True, progress: Progress | None = None) -> list[Resegmented]:
    """Every document's sentences split again (by ``trained``, a spaCy pipeline; unnamed, the one the
    project records, ``Project.sentence_pipeline``); with ``write``, the changed ones stored and the project
    marked as split by this qda's rules and by ``trained``.  Returns each document's before and after, in
    import order.  ``progress`` is told of each document split (about 12 ms each: 1,000 transcripts take
    seconds)."""
    trained = trained or project.sentence_pipeline()
    results = [_split_again(project, document, trained) for document in _told(project.documents(), progress)]
    if write:
        changed = [result for result in results if result.changed or len(result.after) != len(result.before)]
        project.replace_sentences({result.document_id: list(result.after) for result in changed},
                                  f"sentences split again: {len(changed)} of {len(results)} documents changed, "
                                  f"{sum(result.changed for result in changed)} sentences new", trained)
    return results


def settle_pipeline(project, asked: str | None, progress: Progress | None = None) -> None:
    """Record the pipeline that split the sentences of a project made before qda kept the setting
    (``Project.pipeline_unrecorded``), so that an import does not record whatever it names over them.

    The rule an import would split by (``asked``, a trained pipeline; None, the built-in sentencizer) is
    recorded when it splits every stored document as it is stored: then it is the one that split them.
    Otherwise which rule did is unknown, and importing by ``asked`` would count one project's sentences
    by two rules: QdaError, naming the first document split otherwise and the command that splits them
    all again.  Costs one split of each document, once per such project (12.6 s of CPU for 1,000
    transcripts: ``progress`` is told of each); stops at the first that differs."""
    if not project.pipeline_unrecorded():
        return
    for document in _told(project.documents(), progress):
        again = _split_again(project, document, asked)
        if again.changed or len(again.after) != len(again.before):
            rule = f"the trained pipeline {asked!r}" if asked else "the built-in sentencizer"
            command = f"qda resegment {project.path}" + (f" --pipeline {asked}" if asked else "")
            raise QdaError(f"{project.path}: its documents were imported before qda recorded what split their "
                           f"sentences, and {rule} splits {document.name!r} otherwise, so an import would count "
                           f"sentences by two rules; split them all again first (codings stay): `{command}`")
    project.set_setting("pipeline", asked or "")


def _told(documents, progress: Progress | None):
    """``documents`` one by one, ``progress`` told of each once it is done with (the caller's work on it)."""
    documents = list(documents)
    for done, document in enumerate(documents, 1):
        yield document
        if progress is not None:
            progress(document.name, done, len(documents))


def _split_again(project, document, trained: str | None) -> Resegmented:
    """One document's stored sentences and those ``trained`` (None: the built-in sentencizer) splits now."""
    before = project.units(document, "sentence")
    after = segment.sentences(document.text, project.units(document, "paragraph"),
                              _label_ends(document.text, project.turns(document), before),
                              document.language, trained)
    return Resegmented(document.name, document.id, tuple(before), tuple(after), _example(document.text, before, after))


def _example(text: str, before: list[Span], after: list[Span]) -> tuple[str, str]:
    """(the first new sentence, the old sentence its start was in, or "") as text; ("", "") when none is new."""
    old = set(before)
    new = next((span for span in after if span not in old), None)
    if new is None:
        return ("", "")
    was = next((span for span in before if span.start <= new.start < span.end), None)
    return (text[new.start:new.end], text[was.start:was.end] if was else "")


def _label_ends(text: str, turns, sentences: list[Span]) -> dict[int, int]:
    """For each turn's start, where its words begin (its first stored sentence; its end when it holds
    none), and a transcription tool's lines as parts of their own, as ``segment.turns`` gives them."""
    starts = [sentence.start for sentence in sentences]
    ends: dict[int, int] = {}
    for turn in turns:
        i = bisect_left(starts, turn.start)
        ends[turn.start] = starts[i] if i < len(starts) and starts[i] < turn.end else turn.end
    for event, _ in speakers.tool_lines(text):
        ends.setdefault(event, event)
    return ends
