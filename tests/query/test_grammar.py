"""The query parser: the trees it builds, and the column it names for each kind of syntax error."""

from __future__ import annotations

import pytest

from qda.query.grammar import And, Code, Condition, Not, Or, Relation, SameUnit, QueryError, parse


def test_the_brief_example_parses_into_its_tree():
    query = parse('"Distrust of police" AND NOT "Familial framing" IN SAME TURN WHERE role = prosecutor AND site = Ayacucho')
    assert query.root == SameUnit("turn", And((Code("Distrust of police", 1), Not(Code("Familial framing", 30)))))
    assert query.conditions == (Condition("attribute", "role", ("prosecutor",), 68),
                                Condition("attribute", "site", ("Ayacucho",), 90))


def test_keywords_ignore_case_and_names_may_be_bare_or_quoted():
    query = parse("impunity or 'Police > Distrust' and not Framing")
    assert query.root == Or((Code("impunity", 1), And((Code("Police > Distrust", 13), Not(Code("Framing", 41))))))


def test_relations_read_left_to_right_with_their_distances():
    query = parse("A FOLLOWED BY B WITHIN 2 SENTENCES OF C")
    assert query.root == Relation("within_sentences", Relation("followed_by", Code("A", 1), Code("B", 15), 1), Code("C", 39), 2)
    assert parse("A FOLLOWED WITHIN 3 SENTENCES BY B").root == Relation("followed_by", Code("A", 1), Code("B", 34), 3)
    assert parse("A within 1 sentence of B").root.sentences == 1


def test_conditions_sets_and_coders():
    query = parse('A BY ana, luis WHERE SET IN (pilot, "Ayacucho prosecutors") AND CODER = ana AND role != judge')
    assert query.root == Code("A", 1, ("ana", "luis"))
    assert [c.kind for c in query.conditions] == ["set", "coder", "not_attribute"]
    assert query.conditions[0].values == ("pilot", "Ayacucho prosecutors")


@pytest.mark.parametrize("text, column, words", [
    ("A AND", 6, "ends too soon"),
    ("A AND (B OR C", 14, "ends too soon; expected )"),
    ("A B", 3, "unexpected 'B'"),
    ("A ENCLOSED C", 12, "expected BY"),
    ('"Distrust of police AND B', 1, "quotation mark that is never closed"),
    ("A WITHIN two SENTENCES OF B", 10, "unexpected 'two'"),
    ("A IN SAME chapter", 11, "unexpected 'chapter'"),
    ("A WHERE = x", 9, "unexpected '='"),
    ("(A OR B))", 9, "unexpected ')'"),
    ("A AND\n  B C", 5, "line 2, column 5: unexpected 'C'"),   # columns count from the start of their line
])
def test_syntax_errors_name_their_column(text, column, words):
    with pytest.raises(QueryError) as caught:
        parse(text)
    error = caught.value
    assert error.column == column, str(error)
    assert words in str(error)
    assert "\n" not in str(error)
    assert f"column {column}:" in str(error)
    assert error.caret().splitlines()[1] == " " * (column - 1) + "^"


@pytest.mark.parametrize("shape", ["({})", "NOT {}", "{} OVERLAPPING A", "(NOT {})", "({} AND B)"])
def test_a_query_nested_past_the_limit_is_refused_and_one_at_it_reads(shape):
    """Nested 1,000 deep, a query stopped with Python's RecursionError while its tree was built or run."""
    from qda.query.grammar import MAX_NESTING

    def nested(levels: int) -> str:
        text = "A"
        for _ in range(levels):
            text = shape.format(text)
        return text

    per_shape = 2 if shape == "(NOT {})" else 1
    parse(nested(MAX_NESTING // per_shape))
    with pytest.raises(QueryError, match=f"nests {MAX_NESTING + per_shape} levels deep"):
        parse(nested(MAX_NESTING // per_shape + 1))
    with pytest.raises(QueryError, match="nests 3000 levels deep"):
        parse(nested(3000 // per_shape))


def test_an_empty_query_says_what_to_write():
    with pytest.raises(QueryError, match="the query is empty"):
        parse("   ")


PARSE_IN_A_NEW_PROCESS = """
import sys
from qda.query.grammar import QueryError, parse
print(repr(parse('"Distrust of police" WITHIN 2 SENTENCES OF Impunity WHERE role = judge')))
try:
    parse("Impunity AND (Distrust OR")
except QueryError as error:
    print(error)
"""


def test_a_second_process_parses_from_the_cached_tables_alike(tmp_path):
    """lark keeps the parser's tables in the user's cache folder: the process that finds them there
    builds the same trees and names the same column of a syntax error as the one that built them."""
    import os
    import subprocess
    import sys

    environment = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    run = lambda: subprocess.run([sys.executable, "-c", PARSE_IN_A_NEW_PROCESS], env=environment,  # noqa: E731
                                 capture_output=True, text=True, check=True)
    first = run()
    cached = list((tmp_path / "cache" / "qda").glob("query-grammar-*.cache"))
    assert len(cached) == 1 and cached[0].stat().st_size > 0
    assert (tmp_path / "cache" / "qda").stat().st_mode & 0o077 == 0
    second = run()
    assert second.stdout == first.stdout and "Relation(kind='within_sentences'" in first.stdout
    assert "column 26: the query ends too soon; expected (, NOT, a code" in first.stdout
    cached[0].write_bytes(b"not a cache\n")  # damaged: lark builds the tables again
    assert run().stdout == first.stdout


def test_no_cache_in_a_folder_others_may_write_to(tmp_path, monkeypatch):
    """The cache is a pickle: read from a folder another user could write, it could run their code."""
    from qda.query import grammar

    (tmp_path / "qda").mkdir(mode=0o777)
    (tmp_path / "qda").chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert grammar._cache_file() is False
    (tmp_path / "qda").chmod(0o700)
    assert grammar._cache_file().startswith(str(tmp_path / "qda" / "query-grammar-"))


def test_no_cache_where_folders_have_no_owner_to_check(tmp_path, monkeypatch):
    """On Windows os.getuid does not exist and folder modes say nothing of who may write: no cache,
    the parser built in the process (and no AttributeError)."""
    import os

    from qda.query import grammar

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert grammar._cache_file()  # a folder of the user's own: cached
    monkeypatch.delattr(os, "getuid")
    assert grammar._cache_file() is False


def test_the_suite_keeps_the_cache_out_of_the_users_home():
    """tests/conftest.py points $XDG_CACHE_HOME at a temporary folder: a test run leaves no
    parser tables in the real ~/.cache/qda."""
    from pathlib import Path

    from qda.query import grammar

    cache = grammar._cache_file()
    assert cache and not Path(cache).is_relative_to(Path.home() / ".cache")
