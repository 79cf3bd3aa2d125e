"""Two coders' actions that cross: what happens is defined (docs/team.md, "When two coders change
the same thing"), on a file and on a server alike.

Writers take turns (a file's write lock, a server's advisory lock), so two actions never
interleave their writes; what can cross is one coder's *reading* (an action prepared from the
codebook and codings as they were) and another's *commit*.  ``crossed`` makes that moment
happen deterministically: the other coder's action commits after the first has read and
before it writes.  The rule: an action prepared on rows another coder changed meanwhile is
refused whole (ConflictError, nothing changed) and can simply be repeated."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

import qda
from qda.errors import ConflictError, NotFoundError

DOCUMENT = "P03_cem_lawyer_limanorte"


@contextmanager
def crossed(project, other_action):
    """Within the block, ``project``'s next write transaction starts only after ``other_action``
    (another coder on another connection) has committed."""
    original = project._transaction
    pending = [other_action]

    def crossing():
        while pending:
            pending.pop()()
        return original()

    project._transaction = crossing
    try:
        yield
    finally:
        del project._transaction


@pytest.fixture
def two_coders(sample_project_path):
    with qda.open_project(sample_project_path) as ana, qda.open_project(sample_project_path) as luis:
        ana.coder("ana"), luis.coder("luis")
        ana.add_code("Fear", parent="Institutional response", coder="ana")
        ana.add_code("Dread", parent="Institutional response", coder="ana")
        ana.add_code("Anger", parent="Institutional response", coder="ana")
        yield ana, luis


def test_rename_against_delete_the_delete_first(two_coders):
    ana, luis = two_coders
    coding = ana.add_coding(DOCUMENT, "Fear", 10, 50, "ana")
    with crossed(ana, lambda: luis.delete_code("Fear", "luis")), pytest.raises(ConflictError):
        ana.rename_code("Fear", "Terror", "ana")
    assert ana.codebook.find("Fear") is None and ana.codebook.find("Terror") is None
    luis.undo("luis")  # the deleter's undo brings the code back as it was, with its coding
    assert ana.code("Fear").name == "Fear"
    assert [c.id for c in ana.codings(code="Fear")] == [coding.id]


def test_rename_against_delete_the_rename_first(two_coders):
    ana, luis = two_coders
    ana.add_coding(DOCUMENT, "Fear", 10, 50, "ana")
    with crossed(ana, lambda: luis.rename_code("Fear", "Terror", "luis")), pytest.raises(ConflictError):
        ana.delete_code("Fear", "ana")  # prepared on the code as it was before the rename
    assert ana.code("Terror").name == "Terror"
    assert len(ana.codings(code="Terror")) == 1  # the renamed code keeps its codings
    assert ana.delete_code("Terror", "ana").codings.codings == 1  # repeated on what is there now, it goes through


def test_merge_against_recode_the_recode_first(two_coders):
    ana, luis = two_coders
    first = ana.add_coding(DOCUMENT, "Fear", 10, 50, "ana")
    second = ana.add_coding(DOCUMENT, "Fear", 60, 90, "ana")
    with crossed(ana, lambda: luis.recode(first.id, "Anger", "luis")), pytest.raises(ConflictError):
        ana.merge_codes("Fear", "Dread", "ana")  # its plan moved both codings of Fear
    assert ana.coding(first.id).code_id == ana.code("Anger").id  # the recode stands
    assert ana.coding(second.id).code_id == ana.code("Fear").id  # and nothing of the merge happened
    assert ana.merge_codes("Fear", "Dread", "ana") == 1  # repeated: the one coding still in Fear moves
    assert ana.coding(first.id).code_id == ana.code("Anger").id


def test_merge_against_recode_the_merge_first(two_coders):
    ana, luis = two_coders
    coding = ana.add_coding(DOCUMENT, "Fear", 10, 50, "ana")
    with crossed(luis, lambda: ana.merge_codes("Fear", "Dread", "ana")), pytest.raises(ConflictError):
        luis.recode(coding.id, "Anger", "luis")
    assert ana.coding(coding.id).code_id == ana.code("Dread").id
    assert luis.recode(coding.id, "Anger", "luis").code_id == ana.code("Anger").id  # repeated, it applies


def test_a_coding_on_a_code_deleted_meanwhile_is_refused(two_coders):
    ana, luis = two_coders
    with crossed(ana, lambda: luis.delete_code("Fear", "luis")), pytest.raises(ConflictError):
        ana.add_coding(DOCUMENT, ana.code("Fear"), 10, 50, "ana")
    assert ana.codings() == []


def test_each_coder_undoes_only_their_own_actions(two_coders):
    ana, luis = two_coders
    mine = ana.add_coding(DOCUMENT, "Fear", 10, 50, "ana")
    luis.add_coding(DOCUMENT, "Fear", 60, 90, "luis")
    luis.add_coding(DOCUMENT, "Anger", 60, 90, "luis")
    ana.undo("ana")
    assert [c.coder_id for c in ana.codings()] == [luis.coder("luis").id] * 2
    assert mine.id not in {c.id for c in luis.codings()}
    luis.undo("luis")
    luis.undo("luis")
    assert ana.codings() == []
    with pytest.raises(NotFoundError):
        luis.undo("luis")  # luis's stack is empty; ana's undone coding is not his to touch
