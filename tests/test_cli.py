"""The command line."""
from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

import ngotext
from ngotext.cli import app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"ngotext {ngotext.__version__}"


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "analyze" in result.output


def test_analyze_writes_parquet_frames(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("В Астане 300 волонтёров помогли НПО.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    back = ngotext.read_result(tmp_path / "out")
    assert back.articles["doc_id"].tolist() == ["a.txt"]
    assert back.tokens["text"].tolist() == ["В", "Астане", "300", "волонтёров", "помогли", "НПО", "."]


def test_analyze_writes_csv(tmp_path):
    (tmp_path / "a.txt").write_text("Фонд выделил гранты.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                                 "--format", "csv", "-q"])
    assert result.exit_code == 0, result.output
    tokens = pd.read_csv(tmp_path / "out" / "tokens" / "part-00000.csv")
    assert tokens["text"].tolist() == ["Фонд", "выделил", "гранты", "."]


def test_missing_path_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
