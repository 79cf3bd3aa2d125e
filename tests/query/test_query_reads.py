"""What a coding query reads (qda.store.query_spans), on both engines: only the codings of the codes it
names, by the coders it names; what the open project keeps is dropped when the project changes.

The expected passages are read off the hand-made project's picture (tests/analysis/handmade.py)."""

from __future__ import annotations

import pytest

import qda

from qda.query import passages
from qda.store.query_spans import code_spans, unit_starts_ends

pytestmark = pytest.mark.both_engines

S2 = "Some women never come back."
S5 = "They fear the police."
S1_S2 = "We take every report. Some women never come back."
T1 = "They say the police laugh at them."
T4 = "Nobody calls back."


def found(project, query: str) -> set[tuple[str, str]]:
    frame = passages(project, query)
    texts = {d.name: d.text for d in project.documents()}
    return {(row.document, texts[row.document][row.start:row.end]) for row in frame.itertuples()}


def spans(project, code_names, coder_names=()) -> list[tuple[str, int, int]]:
    codebook = project.codebook
    coders = {c.name: c.id for c in project.coders()}
    names = {d.id: d.name for d in project.documents()}
    documents, document, starts, ends = code_spans(project, [codebook.find(n).id for n in code_names],
                                                   [coders[n] for n in coder_names] or None)
    return sorted((names[documents[d]], int(s), int(e)) for d, s, e in zip(document, starts, ends))


def test_a_code_reads_its_codings_only_by_its_coders(hand):
    texts = {d.name: d.text for d in hand.documents()}
    quoted = lambda rows: sorted((d, texts[d][s:e]) for d, s, e in rows)  # noqa: E731
    # Refusal: a1 (ana, s2) and b2 (ben, s1-s2); Distrust by ben: b1 (s5) only
    assert quoted(spans(hand, ["Refusal"])) == [("P01_police", S2), ("P01_police", S1_S2)]
    assert quoted(spans(hand, ["Refusal"], ["ana"])) == [("P01_police", S2)]
    assert quoted(spans(hand, ["Distrust"], ["ben"])) == [("P01_police", S5)]
    # the parent code alone is b4 (t4); asked again with the coders the first answer is kept
    assert quoted(spans(hand, ["Police"])) == [("P02_ngo", T4)]
    assert quoted(spans(hand, ["Refusal"], ["ben"])) == [("P01_police", S1_S2)]


def test_units_are_every_documents_spans(hand):
    documents, counts, starts, ends = unit_starts_ends(hand, "sentence")
    names = {d.id: d.name for d in hand.documents()}
    assert {names[d]: int(n) for d, n in zip(documents, counts)} == {"P01_police": 8, "P02_ngo": 5, "P03_ngo": 2}
    assert len(starts) == len(ends) == 15 and (ends > starts).all()


def test_a_change_is_seen_by_the_next_query_on_the_open_project(hand):
    assert found(hand, "Services") == set()
    assert found(hand, "Refusal BY ana") == {("P01_police", S2)}
    text = next(d.text for d in hand.documents() if d.name == "P02_ngo")
    start = text.index(T1)
    hand.add_codings([("P02_ngo", "Services", start, start + len(T1), "", "ana"),
                      ("P02_ngo", "Refusal", start, start + len(T1), "", "ana")])
    assert found(hand, "Services") == {("P02_ngo", T1)}
    assert found(hand, "Refusal BY ana") == {("P01_police", S2), ("P02_ngo", T1)}
    assert found(hand, "Services WITHIN 1 SENTENCES OF Distrust") == {("P02_ngo", T1)}


def plainly(project, code_ids, coder_ids=None) -> list[tuple[str, int, int]]:
    """The same codings read row by row with plain SQL (the reference for ``code_spans``)."""
    where = f"code_id IN ({', '.join('?' * len(code_ids))})"
    if coder_ids:
        where += f" AND coder_id IN ({', '.join('?' * len(coder_ids))})"
    return sorted(project._db.execute(f"SELECT document_id, start_offset, end_offset FROM codings WHERE {where}",
                                      [*code_ids, *(coder_ids or ())]).fetchall())


def read_by_code_spans(project, code_ids, coder_ids=None) -> list[tuple[str, int, int]]:
    documents, document, starts, ends = code_spans(project, code_ids, coder_ids)
    return sorted((documents[d], int(s), int(e)) for d, s, e in zip(document.tolist(), starts, ends))


def test_every_codes_codings_are_those_plain_sql_reads(coded_path):
    """The sample project (12 documents, every code, two coders): each code, each coder, all codes at once."""
    with qda.open_project(coded_path) as project:
        codes = [c.id for c in project.codebook.codes]
        coders = [c.id for c in project.coders()]
        assert len(plainly(project, codes)) > 100 and len(coders) >= 2
        assert read_by_code_spans(project, codes) == plainly(project, codes)
        for code in codes:
            assert read_by_code_spans(project, [code]) == plainly(project, [code])
            for coder in coders:
                assert read_by_code_spans(project, [code], [coder]) == plainly(project, [code], [coder])


def test_documents_whose_ids_differ_in_width_are_read_pair_by_pair(hand):
    """Ids laid end to end cut apart only when every document's id is as wide as the others (qda's and
    REFI-QDA's are UUIDs); a document brought with an id of its own width is read one code and document
    at a time, with the same passages."""
    from qda.ingest.parsed import ParsedDocument
    from qda.model import Span
    from qda.store.query_spans import JoinedIds
    from qda.text import sha256

    text = "They fear the police. Nobody calls back."
    hand.add_documents([ParsedDocument(name="P04_short_id", text=text, sha256=sha256(text), words=7, language="en",
                                       source="P04.txt", turns=[], sentences=[Span(0, 21), Span(22, 40)],
                                       paragraphs=[Span(0, 40)], attributes={}, id="p04")])
    hand.add_codings([("P04_short_id", "Distrust", 0, 21, "", "ana"), ("P04_short_id", "Framing", 22, 40, "", "ben")])
    assert JoinedIds([d.id for d in hand.documents()]).width is None
    distrust = [c.id for c in hand.codebook.codes if c.name in ("Distrust", "Framing")]
    assert read_by_code_spans(hand, distrust) == plainly(hand, distrust)
    assert found(hand, "Distrust") >= {("P04_short_id", "They fear the police."), ("P01_police", S5)}
    assert found(hand, "Distrust FOLLOWED BY Framing") >= {("P04_short_id", "They fear the police.")}


def test_ids_of_one_width_cut_apart_into_their_documents():
    from qda.store.query_spans import JoinedIds

    ids = JoinedIds(["b2", "a1", "c3"])
    assert ids.width == 2
    assert ids.of_joined("a1a1c3b2b2a1", 6).tolist() == [1, 1, 2, 0, 0, 1]
    with pytest.raises(ValueError):
        ids.of_joined("a1zz", 2)  # an id that is no document's
    with pytest.raises(ValueError):
        ids.of_joined("a1c", 2)


def test_a_quotes_memos_are_those_of_the_codings_exactly_it_in_the_order_they_were_made(hand):
    from qda.query import query_quotes

    text = next(d.text for d in hand.documents() if d.name == "P01_police")
    start = text.index(S5)
    hand.add_codings([("P01_police", "Refusal", start, start + len(S5), "zeta note", "ben")])
    hand.add_codings([("P01_police", "Framing", start, start + len(S5), "alpha note", "ana")])
    hand.add_codings([("P01_police", "Framing", start, start + len(S5) + 1, "a longer span's note", "ana")])
    quotes = {row.text: row for row in query_quotes(hand, "Refusal").itertuples()}
    assert quotes[S5].memo == "fear, not distrust? | zeta note | alpha note"  # a2's memo (handmade.py) first
    assert quotes[S5].codes == "Family > Framing; Police > Distrust; Police > Refusal"
    assert quotes[S5].coders == "ana, ben"
    assert quotes[S2].memo == ""
