"""qda heatmap, bars and portrait: the data printed, pictures written, bad input refused in one line."""

from __future__ import annotations

import io

import matplotlib.image as mpimg
import pandas as pd
import pytest
from click.testing import CliRunner

from qda.cli import main


def run(*args):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(a) for a in args])


def test_heatmap_prints_the_matrix_and_draws_it(hand_path, tmp_path):
    result = run("heatmap", hand_path, "--format", "csv")
    assert result.exit_code == 0, result.output
    matrix = pd.read_csv(io.StringIO(result.stdout))
    assert list(matrix.columns) == ["code", "P01", "P02", "P03"]
    assert matrix.set_index("code").loc["Police > Distrust"].tolist() == [4, 1, 0]
    png = tmp_path / "heat.png"
    result = run("heatmap", hand_path, "--by", "role", "--percent", "--cluster", "-o", png, "--width", "3.5")
    assert result.exit_code == 0, result.output
    assert mpimg.imread(png).shape[1] == 3.5 * 300  # 3.5 inches at 300 dpi


def test_bars_and_portrait(hand_path, tmp_path):
    result = run("bars", hand_path, "--by", "role", "--stacked", "-o", tmp_path / "bars.svg")
    assert result.exit_code == 0 and (tmp_path / "bars.svg").read_text().startswith("<?xml")
    result = run("portrait", hand_path, "P02_ngo", "--format", "csv")
    table = pd.read_csv(io.StringIO(result.stdout))
    assert table["code"].tolist() == ["Police > Distrust", "Family > Framing", "Family > Framing", "Police"]
    result = run("portrait", hand_path, "P02", "-o", tmp_path / "p02.png")
    assert result.exit_code == 0 and result.output.startswith("Wrote the portrait of P02 (4 codings)")


@pytest.mark.parametrize("args, message", [
    (["heatmap", "{p}", "-o", "x.pdf"], "cannot draw a picture as 'pdf'"),
    (["bars", "{p}", "--by", "colour"], "no document attribute 'colour'"),
    (["portrait", "{p}", "P09"], "no document 'P09'"),
])
def test_bad_input_is_one_line(hand_path, args, message):
    result = run(*[a.replace("{p}", str(hand_path)) for a in args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
