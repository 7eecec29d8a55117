"""The `fairweather data` commands, through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fairweather.cli import app

runner = CliRunner()


def test_help_teaches() -> None:
    out = runner.invoke(app, ["data", "--help"])
    assert out.exit_code == 0
    assert "fairweather data show IRN --as-of 2025-06-13" in out.output


def test_summary_json(small_pack: Path) -> None:
    out = runner.invoke(app, ["data", "summary", "--pack", str(small_pack), "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = {r["table"]: r["rows"] for r in json.loads(out.stdout)}
    assert rows["responses"] == 3 and rows["crises from 2020 (evaluation)"] == 1


def test_show_state_by_name_with_sources(small_pack: Path) -> None:
    out = runner.invoke(app, ["data", "show", "Tehran", "--as-of", "2025-11-01", "--pack", str(small_pack), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["state"] == "IRN"
    (treaty,) = data["commitments"]
    assert treaty["mutual defence"] == "NO" and treaty["url"].startswith("https://")
    assert {t["kind"] for t in data["ties"]} >= {"oil_export_share", "crude_import_share"}


def test_show_bad_date_and_unknown_state(small_pack: Path) -> None:
    bad = runner.invoke(app, ["data", "show", "IRN", "--as-of", "2025-06-31", "--pack", str(small_pack)])
    assert bad.exit_code == 2 and "--as-of must be a date written YYYY-MM-DD" in bad.output
    unknown = runner.invoke(app, ["data", "show", "Irak-stan", "--pack", str(small_pack)])
    assert unknown.exit_code == 2 and "Did you mean" in unknown.output


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_writes_one_file_per_table(small_pack: Path, tmp_path: Path, fmt: str) -> None:
    out = runner.invoke(app, ["data", "export", "--format", fmt, "--out", str(tmp_path / "x"), "--pack", str(small_pack)])
    assert out.exit_code == 0, out.output
    names = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert f"states.{fmt}" in names and f"responses.{fmt}" in names and f"commitments.{fmt}" in names
    assert not [n for n in names if n.startswith(".")]  # no temporary folder left behind
    if fmt == "csv":
        assert len(pd.read_csv(tmp_path / "x" / "responses.csv")) == 3
    elif fmt == "parquet":
        assert len(pd.read_parquet(tmp_path / "x" / "crises.parquet")) == 1
    else:
        assert len(json.loads((tmp_path / "x" / "responses.json").read_text())) == 3


def test_coverage_reports_full_sourcing(small_pack: Path) -> None:
    out = runner.invoke(app, ["data", "coverage", "--pack", str(small_pack), "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = [r for r in json.loads(out.stdout) if r["table"] not in ("sources",)]
    assert all(r["sourced_pct"] == 100.0 for r in rows)
    by_state = runner.invoke(app, ["data", "coverage", "--by", "state", "--pack", str(small_pack), "--format", "json"])
    assert {r["state"] for r in json.loads(by_state.stdout)} == {"RUS", "IRN", "CHN", "ISR", "USA", "PRK"}


def test_embedded_pack_shows_russia_iran_treaty_without_defence() -> None:
    """The seed question: Iran's commitments as of the June 2025 strikes, with sources."""
    out = runner.invoke(app, ["data", "show", "IRN", "--as-of", "2025-06-13", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["commitments"], "Iran has commitments in the pack"
    assert all(c["url"] for c in data["commitments"] + data["ties"])
    treaties = {c["commitment"]: c for c in data["commitments"]}
    rus = [c for name, c in treaties.items() if "RUS" in c["partners"]]
    assert rus and all(c["mutual defence"] == "NO" for c in rus)


def test_version_and_short_help() -> None:
    """``--version`` prints the package's version; ``-h`` is ``--help`` on the top level and on commands (issue 14 item 10)."""
    from typer.testing import CliRunner

    from fairweather import __version__
    from fairweather.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"fairweather {__version__}"
    for args in (["-h"], ["forecast", "-h"], ["data", "show", "-h"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, args
        assert "Usage: fairweather" in res.output, args


def test_help_shows_value_words_not_python_types() -> None:
    """Every ``--help`` names the value to write (``STATE``, ``YYYY-MM-DD``, a choice), never a type tag
    such as ``<str>`` or ``<bool>`` (issue 14 item 10); flags, ``--help`` among them, show no value at all."""
    import re

    import typer.main

    def commands(cmd, path):
        yield path
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from commands(sub, [*path, name])

    paths = list(commands(typer.main.get_command(app), []))
    assert len(paths) > 20  # the walk reached the subcommands of data, model, events and panel
    for path in paths:
        res = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
        assert res.exit_code == 0, path
        tags = re.findall(r"<(?:bool|str|int|float|Path|list\[[^\]]*\]|[A-Za-z]+Format)>", res.output)
        assert not tags, (path, tags)
    forecast = runner.invoke(app, ["forecast", "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--date\s+-d\s+YYYY-MM-DD", forecast) and re.search(r"--format\s+-f\s+\[table\|json\|csv\]", forecast)


def test_help_prose_wraps_as_paragraphs() -> None:
    """Typer's Rich mode kept each docstring line break, so 80-column help left words alone on a line
    (a lone '+' in saydo --help); prose paragraphs are joined, the indented examples stay as written."""
    from fairweather.cli._help import reflow

    assert reflow("One line\nand its second.\n\nExamples:\n\n  fairweather a\n  fairweather b") == (
        "One line and its second.\n\nExamples:\n\n  fairweather a\n  fairweather b")
    out = runner.invoke(app, ["saydo", "--help"], env={"COLUMNS": "80"}).output
    assert "(verbal + material)" in " ".join(out.split()).replace("( ", "(")
    assert not [line for line in out.splitlines() if line.strip() == "+"]
