"""``fairweather cohesion`` through typer's CliRunner, on the small bloc pack."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.metrics import METRICS

BLOC_PACK = Path(__file__).parent / "fixtures" / "pack_blocs"

runner = CliRunner()
PACK = ["--pack", str(BLOC_PACK)]


def run(*args: str):
    return runner.invoke(app, ["cohesion", *args, *PACK])


def test_json_rows_have_bloc_year_every_metric_and_composite() -> None:
    res = run("CRINK", "--from", "2024", "--to", "2025", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [(r["bloc"], r["year"]) for r in rows] == [("CRINK", 2024), ("CRINK", 2025)]
    for r in rows:
        assert set(METRICS) <= set(r) and "composite" in r
    assert abs(rows[1]["strength"] - 5 / 12) < 1e-9


def test_compare_and_state_list_and_weights() -> None:
    res = run("RUS,CHN,IRN,PRK", "--compare", "CRINK,Union State", "--from", "2025", "--to", "2025",
              "--weights", "density=2,support=0", "-f", "json")
    assert res.exit_code == 0, res.output
    blocs = [r["bloc"] for r in json.loads(res.stdout)]
    assert blocs == ["CHN,IRN,PRK,RUS", "CRINK", "Union State"]


def test_table_output_prints_profile_reading_and_weights() -> None:
    res = run("CRINK", "--compare", "Union State", "--from", "2024", "--to", "2025")
    assert res.exit_code == 0, res.output
    for text in ("Cohesion of CRINK", "Cohesion of Union State", "Reading", "Composite weights", "Ranking by mean composite"):
        assert text in res.output


def test_csv_out_and_network_files(tmp_path) -> None:
    out, net_json, net_gml = tmp_path / "t.csv", tmp_path / "n.json", tmp_path / "n.graphml"
    res = run("CRINK", "--from", "2025", "--to", "2025", "--out", str(out), "--network", str(net_json), "-f", "csv")
    assert res.exit_code == 0, res.output
    assert pd.read_csv(out)["bloc"].tolist() == ["CRINK"]
    assert "composite" in res.stdout.splitlines()[0]
    assert {n["id"] for n in json.loads(net_json.read_text())["nodes"]} >= {"CHN", "IRN", "PRK", "RUS"}
    assert run("CRINK", "--from", "2025", "--to", "2025", "--network", str(net_gml)).exit_code == 0
    assert nx.read_graphml(net_gml).nodes["RUS"]["member"] is True


def test_bad_input_gets_a_clear_error() -> None:
    cases = [(["Narnia"], "neither a bloc"), (["CRINK", "--weights", "foo=1"], "Unknown composite weight"),
             (["CRINK", "--weights", "density"], "name=value"), (["CRINK", "--from", "2025", "--to", "2020"], "before --from"),
             (["RUS,Narnia"], "Unknown country"), (["CRINK", "--network", "x.png", "--from", "2025", "--to", "2025"], ".graphml")]
    for args, text in cases:
        res = run(*args)
        assert res.exit_code == 2, (args, res.output)
        assert text in res.output.replace("\n", " "), (args, res.output)


def test_help_teaches_with_examples() -> None:
    res = runner.invoke(app, ["cohesion", "--help"])
    assert res.exit_code == 0
    for text in ("Examples", "fairweather cohesion CRINK --compare NATO,CSTO", "--weights", "July 1"):
        assert text in res.output


def test_years_before_a_bloc_has_members_are_said_not_drawn() -> None:
    """Issue 14: the README's ``cohesion CRINK --from 2015`` printed seven columns of dashes."""
    from fairweather.metrics import cohesion
    from fairweather.store import Store

    frame = cohesion("CRINK", range(1990, 2026), store=Store.open(pack=BLOC_PACK)).to_frame()
    first = int(frame[frame["members"] > 0]["year"].min())
    assert first > 1990  # the fixture's CRINK begins after 1990, so there are empty years to leave out
    res = run("CRINK", "--from", "1990", "--to", "2025")
    assert res.exit_code == 0, res.output
    assert f"CRINK has no members before {first}" in res.stdout and f"1990-{first - 1} left out" in res.stdout
    header = next(line for line in res.stdout.splitlines() if "metric" in line)
    assert str(first) in header and str(first - 1) not in header
    js = json.loads(run("CRINK", "--from", "1990", "--to", "2025", "--format", "json").stdout)
    assert [r["year"] for r in js][0] == 1990  # machine output keeps every year
