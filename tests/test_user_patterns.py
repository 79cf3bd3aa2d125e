"""A researcher's own regular expression runs within a bound, everywhere one is given
(qda/user_patterns.py): the app's search and auto-code (tests/tui/test_own_patterns.py) and
``qda import --speaker-pattern`` (here and in the hostile-input suite).

The slow patterns are the textbook cases of catastrophic backtracking (OWASP's "ReDoS" examples,
``(a|aa)+$``, ``(.*a){25}``; Python's own tracker, bpo-43075 and bpo-41104, shows such patterns in the
standard library too): over a run of a few hundred a's they would run past the age of the
universe, so any bound is met whatever the machine's load, and the tests assert the refusal,
never a time."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.errors import QdaError
from qda.ingest import import_files
from qda.ingest.segment import compile_speaker_pattern
from qda.navigation import compile_query, find_hits
from qda.user_patterns import PatternTooSlow

RUN = "a" * 300
SLOW = ["(a|aa)+$", "(a|a)+$", "(.*a){25}$"]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("slow", SLOW)
def test_a_search_that_backtracks_without_end_is_refused_naming_the_document(slow):
    text = f"P01: We waited. {RUN}! Nobody came.\n"
    with pytest.raises(PatternTooSlow) as refused:
        find_hits(text, compile_query(slow, regex=True), where="P01_held")
    assert str(refused.value).startswith(f"the pattern {slow!r} takes too long on P01_held; make it more specific")


def test_good_patterns_find_what_re_found():
    text = "ANA: Fuimos a la Comisaría.\nLUIS: ¿Y la fiscalía? ¡Nada!\n"
    assert find_hits(text, "comisar[ií]a", regex=True) == [(17, 26)]
    assert find_hits(text, r"^\w+(?=:)", regex=True) == [(0, 3)]  # no MULTILINE: as with re
    assert find_hits(text, r"\p{Lu}{3,}", regex=True, case=True) == [(0, 3), (28, 32)]  # regex's Unicode classes, a gain
    with pytest.raises(QdaError, match="not a valid regular expression"):
        compile_query("(unclosed", regex=True)


@pytest.mark.timeout(120)
def test_a_speaker_pattern_that_backtracks_without_end_imports_nothing_and_says_which_file(tmp_path):
    good, held = tmp_path / "P01_good.txt", tmp_path / "P02_held.txt"
    good.write_text("ANA: Hola.\nLUIS: Buenas.\n", encoding="utf-8")
    held.write_text(f"ANA: Hola.\n{RUN}!\nLUIS: Buenas.\n", encoding="utf-8")
    project = tmp_path / "study.qda"
    qda.create_project(project).close()
    pattern = r"^(?P<speaker>(a|aa)+|[A-Z]+):"
    result = CliRunner().invoke(main, ["import", str(project), str(good), str(held), "--speaker-pattern", pattern])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == (f"Error: {held}: the pattern {pattern!r} takes too long on this file; make it more specific "
                         "(a repeat inside a repeat, as (a|aa)+, tries every way of splitting a text)")
    with qda.open_project(project) as opened:
        assert len(opened.documents_frame()) == 0  # nor the good file: all or nothing


def test_a_speaker_group_that_took_no_text_is_no_label(tmp_path):
    """``(?P<speaker>...)?`` may match without its group: that ended the import with AttributeError."""
    path = tmp_path / "P03.txt"
    path.write_text("ANA: Hola.\n: nadie firmó\nLUIS: Buenas.\n", encoding="utf-8")
    with qda.create_project(tmp_path / "s.qda") as project:
        report = import_files(project, [path], speaker_pattern=r"^(?P<speaker>[A-Z]+)?:")
    assert [t.speaker for t in report.added[0].turns] == ["ANA", "LUIS"]


def test_a_speaker_pattern_without_its_group_or_broken_is_refused():
    with pytest.raises(QdaError, match=r"needs a named group \(\?P<speaker>"):
        compile_speaker_pattern(r"^[A-Z]+:")
    with pytest.raises(QdaError, match="speaker pattern '\\(\\?P<speaker>' is not a valid regular expression"):
        compile_speaker_pattern("(?P<speaker>")


@pytest.mark.timeout(120)
def test_a_pattern_slow_on_every_file_but_within_each_bound_is_stopped_for_the_whole_run(tmp_path, monkeypatch):
    """Each file costs the pattern a fifth of a second (a run of 28 a's: (a|aa)+ tries some
    500,000 splittings), under the 2 s bound of one file; over thousands of files that was hours.
    The run's bound is made small here so that four files pass it, whatever the machine's speed
    within a factor of two; a linear pattern over the same files stays far within it."""
    import qda.user_patterns as user_patterns

    monkeypatch.setattr(user_patterns, "RUN_SECONDS", 0.25)
    files = []
    for number in range(1, 5):
        path = tmp_path / f"P0{number}.txt"
        path.write_text(f"ANA: Hola, {number}.\n{'a' * 28}!\nLUIS: Buenas.\n", encoding="utf-8")
        files.append(str(path))
    project = tmp_path / "study.qda"
    qda.create_project(project).close()
    slow = r"^(?P<speaker>(a|aa)+|[A-Z]+):"
    result = CliRunner().invoke(main, ["import", str(project), *files, "--speaker-pattern", slow])
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"Error: the pattern {slow!r} takes too long on the first ") and " of 4 files (" in last
    assert "s of CPU in all, 0 s allowed); make it more specific" in last
    with qda.open_project(project) as opened:
        assert len(opened.documents_frame()) == 0
    linear = CliRunner().invoke(main, ["import", str(project), *files, "--speaker-pattern", r"^(?P<speaker>[A-Z]+):"])
    assert linear.exit_code == 0, linear.output
    with qda.open_project(project) as opened:
        assert len(opened.documents_frame()) == 4
