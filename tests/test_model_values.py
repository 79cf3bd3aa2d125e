"""The nouns of ``qda.model`` behave as the frozen dataclasses they replaced (``qda.model.Value``): each is
checked against a twin made by the standard library's ``dataclasses.make_dataclass(frozen=True)`` with the
same fields and defaults, the peer whose behaviour every caller was written against."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from qda import model
from qda.store.actions import Action

NOUNS = [model.Code, model.Codebook, model.Span, model.Turn, model.Cue, model.Document, model.Coder, model.Coding,
         model.Memo, Action]


def twin(cls):
    """The frozen dataclass of ``cls``'s fields, with its defaults (a mapping default: a new dict each)."""
    defaults = dict(zip(reversed(cls.FIELDS), reversed(cls.__init__.__defaults__ or ())))
    fields = [name if name not in defaults else
              (name, object, dataclasses.field(default_factory=dict) if name == "attributes" else
               dataclasses.field(default=defaults[name])) for name in cls.FIELDS]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True)


def example(cls, marker: str) -> dict:
    """Values for the first field and every field without a default: text ``marker``, or a number for
    spans and counts."""
    required = cls.FIELDS[:max(1, len(cls.FIELDS) - len(cls.__init__.__defaults__ or ()))]
    numbers = {"start", "end", "seq", "time_start", "time_end"}
    return {name: (len(marker) if name in numbers else [marker] if name == "ops" else f"{name}-{marker}") for name in required}


@pytest.mark.parametrize("cls", NOUNS, ids=lambda cls: cls.__name__)
def test_each_noun_behaves_as_its_frozen_dataclass(cls):
    peer = twin(cls)
    ours, theirs = cls(**example(cls, "a")), peer(**example(cls, "a"))
    assert repr(ours) == repr(theirs)
    assert [getattr(ours, name) for name in cls.FIELDS] == [getattr(theirs, f.name) for f in dataclasses.fields(peer)]
    assert (ours == cls(**example(cls, "a"))) == (theirs == peer(**example(cls, "a"))) is True
    assert (ours == cls(**example(cls, "bb"))) == (theirs == peer(**example(cls, "bb"))) is False
    assert (ours == tuple(ours.field_values())) is False  # another type is never equal, as a dataclass
    if "ops" not in cls.FIELDS and "attributes" not in cls.FIELDS:  # a list or dict field is unhashable in both
        assert hash(ours) == hash(cls(**example(cls, "a"))) and len({ours, cls(**example(cls, "a"))}) == 1
    for name in cls.FIELDS[:1]:
        with pytest.raises(AttributeError):
            setattr(ours, name, "changed")
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(theirs, name, "changed")
        with pytest.raises(AttributeError):
            delattr(ours, name)
    changed = {cls.FIELDS[0]: "other"}
    assert repr(ours.replace(**changed)) == repr(dataclasses.replace(theirs, **changed))
    assert pickle.loads(pickle.dumps(ours)) == ours


def test_defaults_are_fresh_and_positional_order_is_the_fields():
    first, second = model.Document("d1", "P01", "texto", "sha"), model.Document("d2", "P02", "texto", "sha")
    assert first.attributes == {} and first.attributes is not second.attributes
    code = model.Code("c1", "Distrust of police", "c0", "", "", "", "", "#aa0000", 3)
    assert code.colour == "#aa0000" and code.position == 3 and model.Code.FIELDS[-1] == "position"
    codebook = model.Codebook("Violencia", "", (code, model.Code("c0", "Police")))
    assert codebook.paths["c1"] == "Police > Distrust of police"  # cached properties live beside frozen fields


@pytest.mark.file_only
def test_opening_a_project_makes_no_dataclass(hand_path):
    """Listing quotes imports the store and the model but not ``dataclasses``, which would compile the
    methods of every class it makes from source text at each start."""
    code = ("import sys\nfrom qda.cli import main\n"
            f"try:\n    main(['quotes', {str(hand_path)!r}, '--code', 'Police'], prog_name='qda')\n"
            "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print('\\n' + str('dataclasses' in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.splitlines()[-1] == "False"
