"""Importers on tiny self-made files in each publisher's format, malformed lines included."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import zipfile

import pyarrow as pa
import pytest

from fairweather.errors import EventFormatError
from fairweather.events.schema import EVENT_SCHEMA
from fairweather.sources import gdelt, gdelt_duckdb, icews, plover
from fairweather.sources.eventfiles import read_events, sniff_format


def issues(result):
    return {(i.line, i.field, i.severity) for i in result.report.issues}


def test_gdelt2_rows_and_report(fx):
    res = gdelt.read_gdelt(fx["gdelt2"], version="2")
    rep = res.report
    assert (rep.rows_read, rep.rows_imported, rep.rows_rejected, rep.rows_with_warnings) == (10, 7, 3, 1)
    assert issues(res) == {
        (5, None, "error"),  # wrong column count
        (6, "SQLDATE", "error"),
        (7, "Actor1CountryCode", "warning"),  # unknown actor, row kept
        (8, "EventCode", "error"),
    }
    assert res.table.schema == EVENT_SCHEMA
    df = res.to_frame().set_index("event_id")
    assert df.loc["1003", ["source_iso3", "target_iso3", "event_code", "root_code", "quad_class",
                           "support_class", "intensity", "mentions"]].tolist() == [
        "RUS", "IRN", "072", "07", 2, "material_support", 8.3, 10]  # fmt: skip
    assert df.loc["1002", "event_code"] == "0331"  # leading zero kept
    assert df.loc["1007", "source_actor"] == "XQZGOV" and df.loc["1007"].isna()["source_iso3"]
    assert df.loc["1009"].isna()["source_iso3"]  # EUR: a region, known, no ISO3, no warning
    assert df.loc["1010", "source_iso3"] == "ROU"  # CAMEO's ROM
    assert df.loc["1001", "date"] == dt.datetime(2025, 6, 14)
    assert "line 6, field 'SQLDATE'" in str(rep.issues[1])


def test_an_import_and_its_report_answer_the_family_calls(fx, check_result):
    res = gdelt.read_gdelt(fx["gdelt2"], version="2")
    check_result(res, rows=7, title="Imported events")
    by_class = dict(res.summary().tables[0][1].itertuples(index=False, name=None))
    assert sum(by_class.values()) == 7 and by_class["material_support"] == 1
    rep = res.report
    check_result(rep, rows=4, title="Event import")
    s = rep.summary()
    assert dict(s.info)["Rejected"] == "3" and s.tables[0][1]["count"].sum() == 4
    assert [n.startswith("  - ") for n in s.notes] == [True] * 4
    assert str(rep).startswith("1 file(s): 10 rows read, 7 imported, 3 rejected, 1 kept with warnings.")


def test_gdelt1_mixed_widths_and_strict_version(fx):
    auto = gdelt.read_gdelt(fx["gdelt1"])
    assert auto.report.rows_imported == 3 and auto.report.ok
    strict = gdelt.read_gdelt(fx["gdelt1"], version="1")
    assert strict.report.rows_imported == 2
    assert issues(strict) == {(3, None, "error")}
    assert "57 or 58" in strict.report.issues[0].reason
    assert gdelt.GDELT1_COLUMNS[-1] == "SOURCEURL" and len(gdelt.GDELT1_COLUMNS) == 58
    assert len(gdelt.GDELT2_COLUMNS) == 61


def test_zip_and_gzip_read_like_plain(fx, tmp_path):
    zpath = tmp_path / "20250616000000.export.CSV.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(fx["gdelt2"], arcname="20250616000000.export.CSV")
    gpath = tmp_path / "x.export.CSV.gz"
    with open(fx["gdelt2"], "rb") as src, gzip.open(gpath, "wb") as dst:
        shutil.copyfileobj(src, dst)
    plain = gdelt.read_gdelt(fx["gdelt2"])
    for path in (zpath, gpath):
        other = gdelt.read_gdelt(path)
        assert other.table.drop(["source_file"]).equals(plain.table.drop(["source_file"]))
        assert other.report.counts == plain.report.counts
    assert gdelt.read_gdelt(zpath).report.issues[0].file.endswith(".zip:20250616000000.export.CSV")


def test_icews_official_file(fx):
    res = icews.read_icews(fx["icews"])
    rep = res.report
    assert (rep.rows_read, rep.rows_imported, rep.rows_rejected) == (7, 4, 3)
    assert issues(res) == {(5, "Event Date", "error"), (6, "Target Country", "warning"),
                           (7, "CAMEO Code", "error"), (8, None, "error")}  # fmt: skip
    df = res.to_frame().set_index("event_id")
    assert df.loc["1", ["source_iso3", "target_iso3", "event_code"]].tolist() == ["RUS", "IRN", "0332"]
    assert df.loc["3", "event_code"] == "072"  # "72" lost its leading zero in the file
    assert df.loc["2", "source_actor"] == "Government (China)"


def test_icews_knowledge_graph_form(fx):
    res = icews.read_icews(fx["tkg"])
    assert (res.report.rows_imported, res.report.rows_rejected) == (3, 3)
    assert issues(res) == {(4, "event_text", "error"), (5, None, "error"), (6, "date", "error")}
    df = res.to_frame()
    assert df["event_code"].tolist() == ["0332", "040", "072"]
    assert df["source_iso3"].tolist()[:2] == ["RUS", "CHN"]
    assert df["target_iso3"].tolist() == ["IRN", "IRN", "IRN"]  # Government_(Iran) -> IRN
    assert df["intensity"].tolist() == [5.2, 1.0, 8.3]
    assert icews.icews_text_to_cameo("Make_an_appeal_or_request") == "020"


def test_plover_jsonl_records(fx):
    res = plover.read_plover(fx["plover"])
    rep = res.report
    assert (rep.rows_read, rep.rows_rejected, rep.rows_with_warnings) == (8, 3, 1)
    assert issues(res) == {(4, "date", "error"), (5, "actor", "warning"), (6, "event", "error"), (7, None, "error")}
    df = res.to_frame().set_index("event_id")
    # one record with two actors gives two rows
    assert df.loc[["P2#1", "P2#2"], "source_iso3"].tolist() == ["CHN", "RUS"]
    assert df.loc["P2#1", ["code_system", "event_code", "quad_class", "support_class", "intensity"]].tolist() == [
        "plover", "AID", 2, "material_support", 10.0]  # fmt: skip
    # 0.5 field names (source/target, event as a string) and old event names
    assert df.loc["P8", ["source_iso3", "event_code", "support_class"]].tolist() == ["CHE", "ACCUSE", "verbal_hostility"]


def test_polecat_weekly_file_latin1(fx):
    res = plover.read_plover(fx["polecat"])
    rep = res.report
    assert (rep.rows_read, rep.rows_rejected) == (5, 3)
    assert issues(res) == {(4, "Event Type", "error"), (5, "Event Date", "error"), (6, None, "error")}
    df = res.to_frame()
    assert df["source_actor"].iloc[0] == "Ministère des Affaires étrangères"
    assert df["event_code"].tolist() == ["SUPPORT", "AID", "AID"]
    assert df["source_iso3"].tolist() == ["RUS", "CHN", "RUS"]
    assert df["intensity"].tolist() == [5.0, 10.0, 10.0]  # file's Intensity where given, else the PLOVER score


def test_sniff_and_read_events_together(fx):
    kinds = {k: sniff_format(str(fx[k])) for k in ("gdelt2", "gdelt1", "icews", "tkg", "plover", "polecat")}
    assert kinds == {"gdelt2": "gdelt", "gdelt1": "gdelt", "icews": "icews", "tkg": "icews",
                     "plover": "plover", "polecat": "plover"}  # fmt: skip
    res = read_events([str(fx["dir"] / "*.CSV"), str(fx["plover"])])
    assert res.report.rows_imported == 7 + 3 + 6
    assert len(res.report.files) == 3
    assert set(res.report.counts) >= {"not a date written YYYYMMDD", "not a PLOVER event type"}


def test_parquet_round_trip(fx, tmp_path):
    res = gdelt.read_gdelt(fx["gdelt2"])
    out = tmp_path / "ev.parquet"
    res.write_parquet(str(out))
    back = read_events(str(out))
    assert back.table.equals(res.table)


def test_errors_name_the_file(tmp_path):
    with pytest.raises(EventFormatError, match="not found"):
        gdelt.read_gdelt(tmp_path / "missing.export.CSV")
    odd = tmp_path / "odd.txt"
    odd.write_text("a\tb\tc\n")
    with pytest.raises(EventFormatError, match="odd.txt, line 1"):
        read_events(str(odd))


def test_report_keeps_counting_beyond_its_cap(tmp_path):
    bad = tmp_path / "bad.export.CSV"
    bad.write_text("x\ty\n" * 1500)
    res = gdelt.read_gdelt(bad)
    assert res.report.rows_rejected == 1500 and len(res.report.issues) == 1000
    assert res.table.num_rows == 0 and isinstance(res.table, pa.Table)
    assert len(res.report.to_frame()) == 1000


def test_urls_are_streamed_to_a_temporary_file(fx, monkeypatch):
    """The URL path, with urllib replaced by a local stream (tests never touch the network)."""
    import io
    import urllib.request

    seen = []

    class FakeResponse(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()

    def fake_urlopen(url, timeout=None):
        seen.append(url)
        return FakeResponse(fx["gdelt2"].read_bytes())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    url = "http://data.gdeltproject.org/gdeltv2/20250616000000.export.CSV"
    res = gdelt.read_gdelt(url)
    assert seen == [url] and res.report.rows_imported == 7
    assert res.report.issues[0].file == url  # problems name the URL, not the temporary file


def test_failed_download_is_an_event_format_error(monkeypatch):
    import urllib.request

    def refuse(url, timeout=None):
        raise OSError("connection refused")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    with pytest.raises(EventFormatError, match="Could not download http://example.invalid/x.CSV"):
        gdelt.read_gdelt("http://example.invalid/x.CSV")


def test_pipeline_refuses_what_it_cannot_read(fx, tmp_path):
    from fairweather.events import pipeline as pl

    with pytest.raises(EventFormatError, match="read_events"):
        pl.events_table(str(fx["gdelt2"]))
    with pytest.raises(EventFormatError, match="unzip"):
        gdelt_duckdb.gdelt_csv_table(str(tmp_path / "20250616000000.export.CSV.zip"))


def test_duckdb_fast_path_matches_the_importer_and_lists_rejects(fx):
    from fairweather.events import pipeline as pl

    con = pl.connect()
    fast = gdelt_duckdb.gdelt_csv_table(str(fx["gdelt2"]), con=con).to_pandas().set_index("event_id").sort_index()
    checked = gdelt.read_gdelt(fx["gdelt2"]).to_frame().set_index("event_id").sort_index()
    # the fast path trusts codes and actors but leaves out rows of the wrong width or with impossible dates
    assert list(fast.index) == ["1001", "1002", "1003", "1004", "1007", "1008", "1009", "1010"]
    common = checked.index
    for col in ("source_iso3", "target_iso3", "event_code", "support_class", "quad_class", "intensity", "mentions"):
        assert fast.loc[common, col].astype(str).tolist() == checked[col].astype(str).tolist(), col
    rejects = gdelt_duckdb.gdelt_csv_rejects(con)
    assert sorted(rejects["line"].tolist()) == [5, 6]
