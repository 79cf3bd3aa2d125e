"""Start-up: `import qda`, `qda --help`, `--version` and every command's `--help` import no heavy library,
the everyday listings (quotes, documents, codebook) neither pandas nor numpy, and `qda cooccur` no pandas.

Each check runs in a fresh interpreter and reads ``sys.modules``: a module-level import
of pandas (or scipy, networkx, spaCy, matplotlib, Textual) anywhere on the path from
``qda`` or ``qda.cli`` to a command's definition fails it.  No clock is read here; the
times are in benchmarks/cli.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import qda

HEAVY = ("pandas", "numpy", "scipy", "networkx", "spacy", "matplotlib", "textual", "rich", "docx", "lxml")


def loaded_after(code: str) -> list[str]:
    """The heavy top-level packages in ``sys.modules`` after running ``code`` in a new interpreter."""
    script = (f"import sys\n{code}\n"
              f"print('\\n' + __import__('json').dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def cli(*args: str) -> str:
    return ("from qda.cli import main\n"
            f"try:\n    main({list(args)!r}, prog_name='qda')\nexcept SystemExit:\n    pass")


def commands() -> list[str]:
    from qda.cli import main

    return sorted(main.commands)


def test_import_qda_imports_no_heavy_library():
    assert loaded_after("import qda, qda.model, qda.errors") == []


def test_the_lazy_public_api_still_answers():
    assert loaded_after("import qda\nassert qda.Project.__name__ == 'Project' and callable(qda.import_files)") != []
    import qda

    assert set(qda.__all__) <= set(dir(qda))
    with pytest.raises(AttributeError):
        qda.no_such_name


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["stats"]], ids=" ".join)
def test_help_and_version_import_no_heavy_library(args):
    # `qda stats` without a project prints its usage error: still nothing heavy
    assert loaded_after(cli(*args)) == []


def test_every_command_help_imports_no_heavy_library():
    code = "\n".join(cli(name, "--help") for name in commands())
    assert loaded_after(code) == []


@pytest.mark.parametrize("args", [
    ["stats"], ["stats", "--format", "csv"], ["stats", "--by", "document", "--rollup"],
    ["stats", "--by", "role", "--where", "site=North", "--coder", "ana", "--codes", "Police", "--format", "json"],
    ["stats", "--by", "coder", "--where", "set=Pilot"],
    ["crosstab", "--cols", "role"], ["crosstab", "--rows", "document", "--cols", "code", "--measure", "words", "--percent"],
    ["crosstab", "--cols", "coder", "--measure", "documents", "--rollup", "--format", "csv"],
], ids=" ".join)
def test_stats_and_crosstab_compute_and_print_without_pandas_or_numpy(hand_path, args):
    """Counting codings, documents and words is SQL and plain Python (qda.analysis.tally); the table,
    CSV and JSON are written without pandas.  (The same numbers as the DataFrames: tests/analysis.)"""
    from qda.store.sets import create_set

    if "set=Pilot" in args:
        with qda.open_project(hand_path) as project:
            create_set(project, "Pilot", [project.documents()[0].name])
    script = (cli(args[0], str(hand_path), *args[1:]) +
              f"\nimport sys\nprint('\\n' + __import__('json').dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "Distrust" in result.stdout and not result.stderr  # it counted (an error would import nothing either)
    assert json.loads(result.stdout.splitlines()[-1]) == []


def test_the_agree_choices_spelled_out_in_the_cli_match_the_library():
    from qda.analysis.agreement import UNITS
    from qda.analysis.reliability import LEVELS
    from qda.cli import agreement

    assert agreement.UNITS == UNITS and agreement.LEVELS == LEVELS


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_listings_import_neither_pandas_nor_numpy(hand_path, fmt):
    # the everyday listings read rows and print them: pandas alone would cost more than the work
    project = str(hand_path)
    for args in (["quotes", project, "--code", "Police", "--context", "1", "--attribute", "role", "--where", "site=North"],
                 ["quotes", project, "--code", "Distrust", "--with", "Framing", "--coder", "ana", "--memos"],
                 ["documents", project], ["codebook", project]):
        code = ("from qda.cli import main\n"  # a command that fails (exit 2) fails the check as well
                f"try:\n    main({[*args, '--format', fmt]!r}, prog_name='qda')\n"
                "except SystemExit as exit:\n    assert not exit.code, exit.code")
        loaded = loaded_after(code)
        assert not {"pandas", "numpy"} & set(loaded), (args, loaded)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_and_kwic_print_without_pandas(hand_path, fmt):
    """`qda query` lists or counts its passages (qda.query.quotes) and `qda kwic` its lines (concordance_rows)
    as plain rows: numpy computes, pandas is never imported (the DataFrames of the library: tests/query,
    tests/words)."""
    project = str(hand_path)
    for args, shown in ((["query", project, "Distrust AND NOT Framing IN SAME TURN WHERE site = North", "--context", "1",
                          "--attribute", "role"], "Distrust"),
                        (["query", project, "Police WITHIN 1 SENTENCES OF Framing", "--memos", "--names"], "P01"),
                        (["query", project, "Police OR Framing", "--by", "role"], "police"),
                        (["query", project, "Distrust IN SAME PARAGRAPH WHERE CODER = ana", "--by", "document"], "P02"),
                        (["kwic", project, "report*", "--context", "3", "--sort", "right"], "report"),
                        (["kwic", project, "police", "--where", "site=North", "--names"], "police")):
        code = ("from qda.cli import main\n"  # a command that fails (exit 2) fails the check as well
                f"try:\n    main({[*args, '--format', fmt]!r}, prog_name='qda')\n"
                "except SystemExit as exit:\n    assert not exit.code, exit.code")
        script = f"import sys\n{code}\nprint('\\n' + str('pandas' in sys.modules))"
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        assert shown in result.stdout and result.stdout.splitlines()[-1] == "False", (args, result.stdout[-300:])


def test_the_command_table_names_each_module_s_commands():
    # running one command imports only its module (qda.cli.COMMAND_MODULES): the table must list each
    # module's commands exactly, or a command would be missing from `qda COMMAND` until --help loads all
    from importlib import import_module

    from qda.cli import COMMAND_MODULES

    for module, names in COMMAND_MODULES.items():
        assert [c.name for c in import_module(f"qda.cli.{module}").COMMANDS] == names, module


def test_running_one_command_imports_only_its_own_module(hand_path):
    script = (cli("codebook", str(hand_path)) +
              "\nimport sys\nprint('\\n' + __import__('json').dumps(sorted(m for m in sys.modules if m.startswith('qda.cli.'))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "qda.cli.project" in loaded and not loaded & {"qda.cli.analysis", "qda.cli.agreement", "qda.cli.words"}
    assert "Distrust" in result.stdout  # the tree was printed


def test_codebook_tree_is_drawn_without_rich(hand_path):
    assert "rich" not in loaded_after(cli("codebook", str(hand_path)))


@pytest.mark.parametrize("args", [
    ["--unit", "sentence"], ["--unit", "overlap", "--format", "csv"], ["--unit", "paragraph", "--format", "json"],
    ["--unit", "sentence", "--measure", "jaccard", "--top", "2", "--code", "Distrust", "--same-branch"],
    ["--unit", "turn", "--rollup", "--coder", "ana", "--where", "site=North", "--test", "shift"],
], ids=" ".join)
def test_cooccur_counts_and_prints_without_pandas(hand_path, args):
    """The pairs are counted with numpy arrays and printed as plain rows (``Pairs.rows``); the
    DataFrame of ``qda.analysis.cooccurrence`` is built from the same pairs (tests/analysis)."""
    script = (cli("cooccur", str(hand_path), *args) +
              f"\nimport sys\nprint('\\n' + __import__('json').dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "Distrust" in result.stdout and "Error" not in result.stderr  # it counted
    assert json.loads(result.stdout.splitlines()[-1]) == ["numpy"]
