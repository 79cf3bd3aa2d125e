"""Hostile and mistaken queries on a small fictional project, each answer counted by hand.

Two interviews (fictional), codes with Spanish names, some of which begin with an operator's letters
("Orden" with OR, "Notas" with NOT, "Andes" with AND) and one named like an operator ("NOT"):

    m01  ENTREVISTADORA: ¿Cómo fue la niñez?
         MARTA: [En los Andes la niñez era dura.]A,N [El orden lo ponía mi padre.]O,X [Nadie denunciaba.]X
    j02  ENTREVISTADORA: ¿Y después?
         JULIO: [Bajamos de los Andes.]A [Mi madre puso orden en casa.]O,T

A = Andes, N = Familia > Niñez, O = Familia > Orden, X = NOT (a code), T = Notas.  Every query either
answers as counted here or is refused in one line naming the column and the problem (exit 2)."""

from __future__ import annotations

import unicodedata

import pytest
from click.testing import CliRunner

import qda
from qda.cli import main
from qda.query import passages
from qda.query.grammar import QueryError

CODEBOOK = """name: Ficticio
codes:
  - name: Familia
    children:
      - name: Niñez
      - name: Orden
  - name: Andes
  - name: NOT
  - name: Notas
"""
TEXTS = {"m01.txt": "ENTREVISTADORA: ¿Cómo fue la niñez?\nMARTA: En los Andes la niñez era dura. El orden lo ponía mi "
                    "padre. Nadie denunciaba.\n",
         "j02.txt": "ENTREVISTADORA: ¿Y después?\nJULIO: Bajamos de los Andes. Mi madre puso orden en casa.\n"}
A_M = "En los Andes la niñez era dura."
O_M = "El orden lo ponía mi padre."
X_M = "Nadie denunciaba."
A_J = "Bajamos de los Andes."
O_J = "Mi madre puso orden en casa."
CODINGS = [("m01", A_M, "Andes", "ana"), ("m01", A_M, "Familia > Niñez", "ana"), ("m01", O_M, "Familia > Orden", "ana"),
           ("m01", O_M, "NOT", "luis"), ("m01", X_M, "NOT", "ana"), ("j02", A_J, "Andes", "ana"),
           ("j02", O_J, "Familia > Orden", "luis"), ("j02", O_J, "Notas", "ana")]


def run(*args):
    return CliRunner(env={"COLUMNS": "200", "QDA_CODER": "ana"}).invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile_queries")
    (folder / "cb.yaml").write_text(CODEBOOK, encoding="utf-8")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "f.qda"
    assert run("init", path, "--codebook", folder / "cb.yaml").exit_code == 0
    assert run("import", path, folder / "m01.txt", folder / "j02.txt").exit_code == 0
    rows = ["document,code,start,end,coder"]
    for document, passage, code, coder in CODINGS:
        start = TEXTS[f"{document}.txt"].index(passage)
        rows.append(f"{document},{code},{start},{start + len(passage)},{coder}")
    (folder / "codings.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run("codings", path, "--add", folder / "codings.csv").exit_code == 0
    with qda.open_project(path) as opened:
        yield opened


def found(project, query: str) -> list[tuple[str, str]]:
    texts = {d.name: d.text for d in project.documents()}
    return [(row.document, texts[row.document][row.start:row.end]) for row in passages(project, query).itertuples()]


@pytest.mark.parametrize("query, expected", [
    ("Andes", [("m01", A_M), ("j02", A_J)]),
    ('"NOT"', [("m01", O_M), ("m01", X_M)]),
    ("Familia", [("m01", A_M), ("m01", O_M), ("j02", O_J)]),
    ("Andes AND Familia", [("m01", A_M)]),
    ("Andes AND NOT Familia", [("j02", A_J)]),
    ("Andes FOLLOWED BY Orden", [("m01", A_M), ("j02", A_J)]),
    ('Andes WITHIN 1 SENTENCES OF "NOT"', [("m01", A_M)]),
    ('"NOT" BY luis', [("m01", O_M)]),
])
def test_answers_match_the_hand_count(project, query, expected):
    assert found(project, query) == expected


@pytest.mark.parametrize("query, expected", [
    # keywords are whole words now ("Andes ORDEN" was read as Andes OR "DEN"): names that begin with one stay names
    ("Andes OR Orden", [("m01", A_M), ("m01", O_M), ("j02", A_J), ("j02", O_J)]),
    ("Orden AND Notas", [("j02", O_J)]),
    ("Orden AND NOT Notas", [("m01", O_M)]),
    ("andes or ORDEN", [("m01", A_M), ("m01", O_M), ("j02", A_J), ("j02", O_J)]),
])
def test_a_code_that_begins_with_an_operator_is_one_name(project, query, expected):
    assert found(project, query) == expected


def test_andes_orden_without_an_operator_is_refused_not_read_as_or(project):
    with pytest.raises(QueryError) as error:
        passages(project, "Andes ORDEN")
    assert "column 7: unexpected 'ORDEN'" in str(error.value)
    assert "between two codes goes AND, OR or a relation" in str(error.value)


def test_an_operator_twice_is_named_where_it_stands(project):
    """`Andes AND AND Orden` said "unexpected 'Orden'" at column 15: the second AND was read as a code."""
    with pytest.raises(QueryError) as error:
        passages(project, "Andes AND AND Orden")
    assert str(error.value).startswith("query at column 11: unexpected 'AND'")
    assert 'in quotes: "AND"' in str(error.value)


@pytest.mark.parametrize("n", ["9223372036854775807", "99999999999999999999"])
def test_a_huge_sentence_window_is_the_whole_document(project, n):
    """n past int64 crashed (OverflowError); n = 2**63 - 1 wrapped round and found nothing."""
    assert found(project, f"Andes WITHIN {n} SENTENCES OF Orden") == [("m01", A_M), ("j02", A_J)]
    assert found(project, f"Andes FOLLOWED WITHIN {n} SENTENCES BY Orden") == [("m01", A_M), ("j02", A_J)]


def test_a_decomposed_name_finds_its_code_from_the_library(project):
    """`passages(project, "Niñez")` typed with a combining tilde said "no code 'Niñez'"."""
    assert found(project, unicodedata.normalize("NFD", "Niñez")) == [("m01", A_M)]
    assert found(project, unicodedata.normalize("NFD", '"Familia > Niñez" AND Andes')) == [("m01", A_M)]


def test_a_no_break_space_pasted_from_a_word_processor_separates_words(project):
    assert found(project, "Andes\u00a0AND\u00a0Familia") == [("m01", A_M)]


@pytest.mark.parametrize("query, column, words", [
    ("(Andes", 7, "the query ends too soon; expected )"),
    ("Andes)", 6, "unexpected ')'"),
    ("Andes OR (Orden AND", 20, "the query ends too soon"),
    ("Niñez OR Sentencia", 10, "no code 'Sentencia'"),
    ('"Distrust of polic"', 1, "no code 'Distrust of polic'"),
    ("AND", 1, "unexpected 'AND'"),
    ("Andes WHERE CODER = nadie", 13, "no coder 'nadie'"),
])
def test_mistakes_are_one_line_naming_the_column(project, query, column, words):
    with pytest.raises(QueryError) as error:
        passages(project, query)
    message = str(error.value)
    assert message.startswith(f"query at column {column}: ") and words in message and "\n" not in message


def test_the_cli_refuses_with_exit_2_and_one_line(project):
    result = run("query", project.path, "Andes ORDEN")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert "unexpected 'ORDEN'" in result.output
