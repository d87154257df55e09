"""`ingest --engine` and `attach` refuse what they cannot do with one clear line, before any work."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def flat(s: str) -> str:
    return " ".join(s.split())


def test_the_ray_engine_needs_an_output_dataset(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--engine", "ray"])
    assert result.exit_code == 2
    assert "--engine ray writes a Parquet dataset: give -o DIR" in flat(result.output)


def test_output_and_address_belong_to_the_ray_engine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n")
    for extra in (["-o", str(tmp_path / "out")], ["--address", "auto"]):
        result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"), *extra])
        assert result.exit_code == 2
        assert "are for --engine ray" in flat(result.output)
    assert not (tmp_path / "s.duckdb").exists()


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--engine", "spark"])
    assert result.exit_code == 2 and "--engine must be local or ray" in flat(result.output)


def test_attach_refuses_a_folder_that_is_not_a_dataset(tmp_path: Path) -> None:
    result = runner.invoke(app, ["attach", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2
    assert "not a Parquet dataset written by `eventwire ingest --engine ray`" in flat(result.output)
    assert not (tmp_path / "s.duckdb").exists()
