"""`qda stats` prints one table whichever way the codings were counted: one by one (a few thousand
codings) or with arrays, whose table is handed to the printer as indexed columns (qda.rows.IndexedColumn)
and laid out as bytes; the same bytes in every format, on both engines."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from qda.analysis import tally as tally_module
from qda.cli import main


def run(*args: str):
    return CliRunner(env={"COLUMNS": "120"}).invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("by", ["code", "document", "coder", "role"])
def test_stats_counted_with_arrays_prints_the_table_counted_one_by_one(coded_path, monkeypatch, by):
    for extra in ([], ["--rollup"], ["--names"], ["--format", "csv"], ["--format", "json"],
                  ["--where", "role=police officer,NGO staff", "--codes", "Police"]):
        outputs = []
        for many in (0, 10**9):
            monkeypatch.setattr(tally_module, "MANY", many)
            result = run("stats", coded_path, "--by", by, *extra)
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
        assert outputs[0] == outputs[1], extra
        assert len(outputs[0].splitlines()) > 3
