"""``fairweather panel``: files written all or nothing, BibTeX beside them, errors that name the file."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from fairweather.cli import app

runner = CliRunner()


def test_dyad_years_to_parquet_with_bibtex(fx, tmp_path) -> None:
    out = tmp_path / "d.parquet"
    res = runner.invoke(app, ["panel", "dyad-years", "--years", "1946-1960", "--add", "atop,nmc,democracy",
                              "--reference", str(fx), "--out", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_parquet(out)
    assert set(f["year"]) == set(range(1946, 1961)) and {"atop_defense", "cinc1", "v2x_polyarchy2"} <= set(f.columns)
    bib = (tmp_path / "d.parquet.bib").read_text()
    assert "leeds2002atop" in bib and "singer1972capability" in bib


def test_state_years_to_csv_from_the_environment(fx, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAIRWEATHER_REFERENCE", str(fx))
    out = tmp_path / "s.csv"
    res = runner.invoke(app, ["panel", "state-years", "--years", "2000", "--add", "majors", "--out", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out)
    assert list(f.columns) == ["ccode", "year", "cowmaj"] and set(f["year"]) == {2000}


def test_a_missing_file_exits_3_and_writes_nothing(fx, tmp_path) -> None:
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "ps_cow_states.csv").write_bytes((fx / "ps_cow_states.csv").read_bytes())
    out = tmp_path / "o" / "d.parquet"
    res = runner.invoke(app, ["panel", "dyad-years", "--add", "atop", "--reference", str(ref), "--out", str(out)])
    assert res.exit_code == 3
    assert "ps_atop_alliance.parquet" in res.output and "atopdata.org" in res.output
    assert not out.exists() and not (tmp_path / "o" / "d.parquet.bib").exists()


def test_bad_options_are_usage_errors(fx, tmp_path) -> None:
    base = ["panel", "dyad-years", "--reference", str(fx)]
    for extra, needle in ((["--add", "cow_alliance"], "unknown verb"), (["--years", "2014-1946"], "ends before"),
                          (["--years", "1800-1900"], "1816-2024")):
        res = runner.invoke(app, [*base, *extra, "--out", str(tmp_path / "x.parquet")])
        assert res.exit_code == 2 and needle in res.output, (extra, res.output)
    res = runner.invoke(app, [*base, "--out", str(tmp_path / "x.json")])
    assert res.exit_code == 2 and ".parquet or .csv" in res.output


def test_help_teaches_with_an_example() -> None:
    res = runner.invoke(app, ["panel", "dyad-years", "--help"])
    assert res.exit_code == 0 and "--add" in res.output and "atop,nmc,democracy" in res.output
    res = runner.invoke(app, ["panel", "verbs"])
    assert "fp_similarity" in res.output and "add_atop_alliance" in res.output
