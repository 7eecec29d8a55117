"""``fairweather saydo`` and ``fairweather events import`` through Typer's CliRunner."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from typer.testing import CliRunner

from fairweather.cli import app

runner = CliRunner()
WINDOW = ["--target", "IRN", "--attackers", "ISR,USA", "--from", "2025-06-13", "--to", "2025-06-24"]


def test_help_teaches_with_examples():
    res = runner.invoke(app, ["saydo", "--help"])
    assert res.exit_code == 0
    assert "fairweather saydo --target IRN" in res.output and "saydo_ratio" in res.output


def test_json_rows_have_the_documented_keys(fx):
    res = runner.invoke(app, ["saydo", *WINDOW, "--events", str(fx["gdelt2"]), "--partners", "RUS,CHN", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["partner"] for r in rows] == ["RUS", "CHN"]
    keys = {"partner", "verbal_support", "material_support", "verbal_hostility", "material_hostility", "saydo_ratio",
            "verbal_support_intensity", "verbal_support_norm", "events"}  # fmt: skip
    assert keys <= set(rows[0])
    rus = rows[0]
    assert (rus["verbal_support"], rus["material_support"], rus["verbal_hostility"], rus["saydo_ratio"]) == (1, 1, 1, 0.5)
    # the import problems of the fixture go to stderr, naming file, line and field
    assert "line 6, field 'SQLDATE'" in res.stderr


def test_names_resolve_and_csv_daily_output(fx):
    res = runner.invoke(app, ["saydo", "--target", "Iran", "--attackers", "Israel", "--from", "2025-06-13",
                              "--to", "2025-06-16", "-e", str(fx["plover"]), "-p", "Russia", "--daily",
                              "--format", "csv"])  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith("date,partner,verbal_support") and len(lines) == 1 + 4


def test_table_output_and_automatic_partners(fx):
    res = runner.invoke(app, ["saydo", *WINDOW, "--events", f"{fx['gdelt2']},{fx['plover']}"])
    assert res.exit_code == 0, res.output
    assert "RUS" in res.stdout and "partners from event volume" in res.stdout


def test_clear_errors(fx, tmp_path):
    res = runner.invoke(app, ["saydo", "--target", "Atlantis", "--events", str(fx["gdelt2"])])
    assert res.exit_code == 2 and "Unknown country 'Atlantis'" in res.stderr
    res = runner.invoke(app, ["saydo", *WINDOW[:4], "--from", "13/06/2025", "--events", str(fx["gdelt2"])])
    assert res.exit_code == 2 and "--from must be a date" in res.stderr
    res = runner.invoke(app, ["saydo", *WINDOW, "--events", str(tmp_path / "nothing.csv")])
    assert res.exit_code == 3 and "not found" in res.stderr  # exit 3: an input file is unreadable (issue 13)
    res = runner.invoke(app, ["saydo", "--events", str(fx["gdelt2"])])
    assert res.exit_code == 2 and "--crisis" in res.stderr


def test_events_import_writes_parquet(fx, tmp_path):
    out = tmp_path / "ev.parquet"
    res = runner.invoke(app, ["events", "import", str(fx["gdelt2"]), str(fx["icews"]), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert pq.read_table(out).num_rows == 7 + 4
    assert "Wrote 11 events" in res.stderr
    res = runner.invoke(app, ["saydo", *WINDOW, "--events", str(out), "-p", "RUS", "-f", "json"])
    assert json.loads(res.stdout)[0]["material_support"] == 1


def test_an_unknown_source_is_named_not_a_crash(fx):
    """Found by the type checker: --source xyz reached a dict lookup and ended in 'Internal error (KeyError)'."""
    res = runner.invoke(app, ["saydo", *WINDOW, "--events", str(fx["gdelt2"]), "--source", "xyz"])
    assert res.exit_code == 2, res.output
    assert "must be one of auto, gdelt, icews, plover, parquet; got 'xyz'" in res.stderr
