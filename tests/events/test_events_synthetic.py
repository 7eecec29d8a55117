"""The synthetic GDELT 2.0 generator: exact format, realistic shares, seeded, same rows in Parquet."""

from __future__ import annotations

import datetime as dt
import importlib.util
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from fairweather.events import taxonomy as tx
from fairweather.sources.gdelt import read_gdelt

# the generator is a tool of the benchmarks, not of the package (users measure real events): load it from its file
_PATH = Path(__file__).parents[2] / "benchmarks" / "synthetic_gdelt.py"
_spec = importlib.util.spec_from_file_location("synthetic_gdelt", _PATH)
syn = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(syn)


def test_export_has_61_columns_and_imports_cleanly(tmp_path):
    path = tmp_path / "20250613000000.export.CSV"
    assert syn.write_gdelt_export(path, 5_000, seed=1, chunk_rows=1_000) == 5_000
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5_000 and all(line.count("\t") == 60 for line in lines)
    res = read_gdelt(path, version="2")
    assert res.report.ok and not res.report.counts and res.report.rows_imported == 5_000
    df = res.to_frame()
    # quad class and Goldstein always those of the code
    for code, quad, gold in df[["event_code", "quad_class", "intensity"]].drop_duplicates().itertuples(index=False):
        assert (quad, gold) == (tx.quad_class_of(code), tx.goldstein(code))
    assert df["date"].min() >= dt.datetime(2025, 6, 1) and df["date"].max() <= dt.datetime(2025, 6, 30)


def test_distributions_look_like_gdelt(tmp_path):
    path = tmp_path / "x.export.CSV"
    syn.write_gdelt_export(path, 20_000, seed=2)
    df = read_gdelt(path).to_frame()
    roots = df["root_code"].value_counts(normalize=True)
    assert roots["04"] > roots["07"] * 4 and roots["01"] > roots["19"] * 2 and roots["05"] > roots["20"] * 20
    actors = df["source_iso3"].value_counts()
    assert actors.index[0] == "USA" and actors.iloc[0] > 3 * actors.iloc[10]  # Zipf-like head
    assert 0.35 < df["source_iso3"].isna().mean() < 0.45


def test_seeded_and_the_same_rows_as_parquet(tmp_path):
    a, b, c = tmp_path / "a.CSV", tmp_path / "b.CSV", tmp_path / "c.CSV"
    syn.write_gdelt_export(a, 3_000, seed=5)
    syn.write_gdelt_export(b, 3_000, seed=5)
    syn.write_gdelt_export(c, 3_000, seed=6)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    syn.write_gdelt_parquet(tmp_path / "a.parquet", 3_000, seed=5)
    from_csv = read_gdelt(a).table.drop(["source_file"])
    assert pq.read_table(tmp_path / "a.parquet").drop(["source_file"]).equals(from_csv)


def test_zipped_15_minute_batches(tmp_path):
    paths = syn.write_gdelt_batches(tmp_path, 2_500, rows_per_file=1_000, seed=3, start=dt.datetime(2025, 6, 13))
    names = [p.rsplit("/", 1)[-1] for p in paths]
    assert names == ["20250613000000.export.CSV.zip", "20250613001500.export.CSV.zip", "20250613003000.export.CSV.zip"]
    with zipfile.ZipFile(paths[1]) as zf:
        assert zf.namelist() == ["20250613001500.export.CSV"]
        first = zf.read(zf.namelist()[0]).decode().splitlines()[0].split("\t")
    assert len(first) == 61 and first[59] == "20250613001500"
    res = read_gdelt(paths)
    assert res.report.rows_imported == 2_500 and res.report.ok
    assert res.to_frame()["date"].max() <= dt.datetime(2025, 6, 13)


def test_bad_window_is_a_date_error(tmp_path):
    from fairweather.errors import DateError

    with pytest.raises(DateError):
        syn.write_gdelt_export(tmp_path / "x.CSV", 10, start=dt.date(2025, 6, 2), end=dt.date(2025, 6, 1))
