"""What the pandas-free rewrite of the analyses (issue 20) must still count: cases found by running
every command and option of 289b9ae (before the rewrite) and of main side by side on varied projects.

An empty document is a real shape: NVivo and other tools export a source with no text, and qda's
REFI-QDA import keeps it (``its text is empty; kept as an empty document``).  Before the rewrite,
co-occurrence by sentence, paragraph or turn over a selection holding such a document stopped with
numpy's "'list' argument must have no negative elements".  Every figure below is worked out by hand.

    P01 (in the set "pilot")                        P02 (not in it)
    turn 1  INTERVIEWER: What happened at the station?   INTERVIEWER: And then?
    turn 2  P01: [The police laughed at me.]A             P02: [The police did nothing.]A
                 [My family said to forgive him.]F             [My family was silent.]F
    P03 (in "pilot"): empty, no units at all.
"""

from __future__ import annotations

import zipfile
from math import comb
from pathlib import Path

import pytest

import qda
from qda.analysis import cooccurrence

TEXTS = {
    "P01": "INTERVIEWER: What happened at the station?\nP01: The police laughed at me. My family said to forgive him.\n",
    "P02": "INTERVIEWER: And then?\nP02: The police did nothing. My family was silent.\n",
    "P03": "",
}
CODED = {"P01": ("The police laughed at me.", "My family said to forgive him."),
         "P02": ("The police did nothing.", "My family was silent.")}
USER = "11111111-1111-1111-1111-111111111111"
DISTRUST, FAMILY = "aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002"
A, F = "Distrust", "Family"


def _selection(number: int, text: str, target: str, code: str) -> str:
    start = text.index(target)
    return (f'<PlainTextSelection guid="cccccccc-0000-0000-0000-{number:012d}" startPosition="{start}" '
            f'endPosition="{start + len(target)}" creatingUser="{USER}" creationDateTime="2024-01-02T03:04:05Z">'
            f'<Coding guid="dddddddd-0000-0000-0000-{number:012d}" creatingUser="{USER}"><CodeRef targetGUID="{code}"/>'
            f'</Coding></PlainTextSelection>')


def _qdpx(path: Path) -> Path:
    sources, number = [], 0
    for index, (name, text) in enumerate(TEXTS.items(), start=1):
        selections = ""
        for target, code in zip(CODED.get(name, ()), (DISTRUST, FAMILY)):
            number += 1
            selections += _selection(number, text, target, code)
        sources.append(f'<TextSource guid="bbbbbbbb-0000-0000-0000-00000000000{index}" name="{name}" '
                       f'plainTextPath="internal://{name}.txt">{selections}</TextSource>')
    xml = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Empty source" '
           f'creationDateTime="2024-01-01T00:00:00Z"><Users><User guid="{USER}" name="Ana"/></Users><CodeBook><Codes>'
           f'<Code guid="{DISTRUST}" name="{A}" isCodable="true"/><Code guid="{FAMILY}" name="{F}" isCodable="true"/>'
           f'</Codes></CodeBook><Sources>{"".join(sources)}</Sources></Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for name, text in TEXTS.items():
            archive.writestr(f"sources/{name}.txt", text.encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def empty_source_template(tmp_path_factory) -> Path:
    from qda.export.refi import import_qdpx
    from qda.store.sets import create_set

    folder = tmp_path_factory.mktemp("empty_source")
    project, report = import_qdpx(_qdpx(folder / "empty.qdpx"), folder / "empty.qda")
    with project:
        assert any("kept as an empty document" in line for line in report.adjusted)
        ids = {d.name: d.id for d in project.documents()}
        create_set(project, "pilot", [ids["P01"], ids["P03"]], coder="Ana")
    return folder / "empty.qda"


@pytest.fixture
def with_empty(empty_source_template, tmp_path, engine, request):
    if engine == "file":
        path = tmp_path / "empty.qda"
        path.write_bytes(empty_source_template.read_bytes())
    else:
        from qda.store.transfer import push

        path = request.getfixturevalue("server_url")
        push(empty_source_template, path)
    with qda.open_project(path) as project:
        yield project


def _pair(frame) -> tuple:
    assert list(zip(frame["code_a"], frame["code_b"])) in ([(A, F)], [(F, A)])
    row = frame.iloc[0]
    return int(row["count"]), int(row["n_a"]), int(row["n_b"]), int(row["units"]), float(row["p"])


def _hypergeometric_tail(count: int, units: int, n_a: int, n_b: int) -> float:
    """P(X >= count), X ~ Hypergeometric(units, n_a, n_b), summed exactly."""
    return sum(comb(n_a, k) * comb(units - n_a, n_b - k) for k in range(count, min(n_a, n_b) + 1)) / comb(units, n_b)


def test_turns_of_a_selection_holding_an_empty_document(with_empty):
    # pilot = P01 (two turns, A and F both in its second) and P03 (no turn): N = 2, both codes in 1 turn.
    found = _pair(cooccurrence(with_empty, unit="turn", where="set=pilot"))
    assert found[:4] == (1, 1, 1, 2)
    assert found[4] == pytest.approx(_hypergeometric_tail(1, 2, 1, 1)) and found[4] == pytest.approx(1 / 2)


def test_turns_of_every_document_with_the_empty_one(with_empty):
    # P01 and P02 two turns each, P03 none: N = 4; A and F meet in the second turn of P01 and of P02.
    found = _pair(cooccurrence(with_empty, unit="turn"))
    assert found[:4] == (2, 2, 2, 4)
    assert found[4] == pytest.approx(1 / 6)  # C(2,2) C(2,0) / C(4,2)


def test_the_empty_document_is_a_unit_of_its_own(with_empty):
    # Documents: P01 and P03 in pilot, both codes in P01 only: N = 2.
    assert _pair(cooccurrence(with_empty, unit="document", where="set=pilot"))[:4] == (1, 1, 1, 2)
    assert _pair(cooccurrence(with_empty, unit="document"))[:4] == (2, 2, 2, 3)


@pytest.mark.parametrize("unit", ["sentence", "paragraph"])
def test_sentences_and_paragraphs_of_a_selection_holding_an_empty_document(with_empty, unit):
    """Counted again by a loop over the units' spans: a unit holds a code when a coding of it
    shares a character with the unit."""
    ids = {d.name: d.id for d in with_empty.documents()}
    units = [(name, span) for name in ("P01", "P03") for span in with_empty.units(ids[name], unit)]
    assert not with_empty.units(ids["P03"], unit)
    spans = {code: [(name, TEXTS[name].index(CODED[name][i]), TEXTS[name].index(CODED[name][i]) + len(CODED[name][i]))]
             for i, code in enumerate((A, F)) for name in ("P01",)}

    def holding(code):
        return {index for index, (name, span) in enumerate(units)
                for doc, start, end in spans[code] if doc == name and start < span.end and span.start < end}

    with_a, with_f = holding(A), holding(F)
    frame = cooccurrence(with_empty, unit=unit, where="set=pilot")
    if not with_a & with_f:
        assert frame.empty
        return
    count, n_a, n_b, total, p = _pair(frame)
    assert (count, n_a, n_b, total) == (len(with_a & with_f), len(with_a), len(with_f), len(units))
    assert p == pytest.approx(_hypergeometric_tail(count, total, n_a, n_b))
