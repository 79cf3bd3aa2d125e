"""Properties of the Boolean operators over random projects (hypothesis): A AND B is the intersection of
the characters of A and of B, A OR B their union, NOT A the complement within the documents, and every
Boolean result is maximal runs (disjoint, not touching); the relations (overlapping, enclosing,
enclosed by, followed by, within n sentences) keep exactly the left passages their definitions in
docs/queries.md select.  The reference is Python's own sets, computed from the codings directly."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qda
from qda.ingest.parsed import ParsedDocument
from qda.model import Span
from qda.query import passages
from qda.text import sha256

CODES = ("Alpha", "Beta", "Gamma")  # Gamma is a child of Alpha: Alpha stands for both


@st.composite
def projects(draw):
    lengths = draw(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=4))
    codings = []
    for number, length in enumerate(lengths):
        if length < 1:
            continue
        for _ in range(draw(st.integers(min_value=0, max_value=8))):
            start = draw(st.integers(min_value=0, max_value=length - 1))
            end = draw(st.integers(min_value=start + 1, max_value=length))
            codings.append((number, draw(st.sampled_from(CODES)), start, end, draw(st.sampled_from(("ana", "ben")))))
    return lengths, codings


def build(folder, lengths, codings):
    path = folder / f"random{len(list(folder.iterdir()))}.qda"
    project = qda.create_project(path)
    letters = string.ascii_lowercase + " "
    documents = []
    for number, length in enumerate(lengths):
        text = "".join(letters[(number * 7 + i * 3) % len(letters)] for i in range(length))
        sentences = [Span(s, min(s + 10, length)) for s in range(0, length, 10)]
        documents.append(ParsedDocument(name=f"D{number}", text=text, sha256=sha256(text), words=len(text.split()),
                                        language="en", source="", sentences=sentences, paragraphs=sentences))
    project.add_documents(documents)
    project.coder("ana"), project.coder("ben")
    project.add_code("Alpha")
    project.add_code("Beta")
    project.add_code("Gamma", parent="Alpha")
    project.add_codings([(f"D{d}", code, s, e, "", coder) for d, code, s, e, coder in codings])
    return project


def characters(codings, codes, coder=None) -> set[tuple[str, int]]:
    return {(f"D{d}", i) for d, code, s, e, who in codings if code in codes and (coder is None or who == coder)
            for i in range(s, e)}


def covered(frame) -> set[tuple[str, int]]:
    return {(row.document, i) for row in frame.itertuples() for i in range(row.start, row.end)}


def are_runs(frame) -> bool:
    for _, group in frame.groupby("document"):
        group = group.sort_values("start")
        if ((group["start"].to_numpy()[1:] <= group["end"].to_numpy()[:-1])).any():
            return False
    return True


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(projects())
def test_and_or_not_are_intersection_union_complement(tmp_path, drawn):
    lengths, codings = drawn
    alpha = characters(codings, ("Alpha", "Gamma"))
    beta = characters(codings, ("Beta",))
    everything = {(f"D{n}", i) for n, length in enumerate(lengths) for i in range(length)}
    with build(tmp_path, lengths, codings) as project:
        both = passages(project, "Alpha AND Beta")
        either = passages(project, "Alpha OR Beta")
        neither = passages(project, "NOT Alpha")
        alpha_not_beta = passages(project, "Alpha AND NOT Beta")
        by_ana = passages(project, "Alpha BY ana AND Beta BY ana")
    assert covered(both) == alpha & beta
    assert covered(either) == alpha | beta
    assert covered(neither) == everything - alpha
    assert covered(alpha_not_beta) == alpha - beta
    assert covered(by_ana) == characters(codings, ("Alpha", "Gamma"), "ana") & characters(codings, ("Beta",), "ana")
    assert all(are_runs(frame) for frame in (both, either, neither, alpha_not_beta))


@SETTINGS
@given(projects())
def test_relations_keep_left_passages_as_defined(tmp_path, drawn):
    lengths, codings = drawn
    alpha = {(f"D{d}", s, e) for d, code, s, e, _ in codings if code in ("Alpha", "Gamma")}
    beta = {(f"D{d}", s, e) for d, code, s, e, _ in codings if code == "Beta"}
    with build(tmp_path, lengths, codings) as project:
        results = {kind: {(r.document, r.start, r.end) for r in passages(project, f"Alpha {kind} Beta").itertuples()}
                   for kind in ("OVERLAPPING", "ENCLOSING", "ENCLOSED BY", "FOLLOWED BY", "WITHIN 1 SENTENCES OF",
                                "FOLLOWED WITHIN 0 SENTENCES BY")}
    same = lambda a, b: a[0] == b[0]  # noqa: E731
    assert results["OVERLAPPING"] == {a for a in alpha if any(same(a, b) and b[1] < a[2] and a[1] < b[2] for b in beta)}
    assert results["ENCLOSING"] == {a for a in alpha if any(same(a, b) and a[1] <= b[1] and b[2] <= a[2] for b in beta)}
    assert results["ENCLOSED BY"] == {a for a in alpha if any(same(a, b) and b[1] <= a[1] and a[2] <= b[2] for b in beta)}
    # sentences are [0, 10), [10, 20), ...: a position's sentence is its offset // 10
    first, last = (lambda span: span[1] // 10), (lambda span: (span[2] - 1) // 10)
    assert results["WITHIN 1 SENTENCES OF"] == {
        a for a in alpha if any(same(a, b) and last(b) >= first(a) - 1 and first(b) <= last(a) + 1 for b in beta)}
    for name, n in (("FOLLOWED BY", 1), ("FOLLOWED WITHIN 0 SENTENCES BY", 0)):
        assert results[name] == {a for a in alpha if any(same(a, b) and b[1] >= a[2] and first(b) <= last(a) + n
                                                         for b in beta)}
