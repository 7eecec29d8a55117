"""The pack's V-Dem and COW NMC rows come from the publishers' files by the importers' rules (issue 12: official
values taken exactly).

Runs the build on ``fixtures/pack_values/`` (a few state-years in isard's ``cw_democracy`` and peacesciencer's
``cow_nmc`` layouts, written by its ``make_fixture.py``) into a copy of the small fixture pack.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from fairweather.errors import PackError, ReferenceFormatError
from fairweather.pack import validate_pack
from fairweather.sources import build_pack_values as build
from fairweather.sources import cow_nmc, vdem

FIX = Path(__file__).parent / "fixtures" / "pack_values"
SOURCE_ROWS = (f'{vdem.VDEM.source_id},"V-Dem v16 v2x_polyarchy via isard 0.2.0, test fixture",https://example.org/vdem,dataset,,\n'
               f'{cow_nmc.NMC.source_id},"COW NMC 7.0 via peacesciencer, test fixture",https://example.org/nmc,dataset,,\n')


@pytest.fixture
def pack(small_pack: Path) -> Path:
    """The small pack with its regime rows moved to ``state_facts/regime.csv`` and a V-Dem source row."""
    facts = pd.read_csv(small_pack / "state_facts.csv", dtype=str, keep_default_na=False)
    regime = facts["fact"] == "regime_polyarchy"
    facts[~regime].to_csv(small_pack / "state_facts.csv", index=False)
    (small_pack / "state_facts").mkdir()
    facts[regime].to_csv(small_pack / "state_facts" / "regime.csv", index=False)
    with (small_pack / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(SOURCE_ROWS)
    return small_pack


def _rows(pack: Path, state: str) -> pd.DataFrame:
    df = pd.read_csv(pack / "state_facts" / "regime.csv", dtype=str, keep_default_na=False)
    return df[df["state"] == state].reset_index(drop=True)


def test_values_are_the_files_and_dated_after_their_year(pack):
    build.build_pack_values(FIX, pack)
    isr = _rows(pack, "ISR")
    assert isr[["value", "valid_from", "valid_to", "note"]].values.tolist() == [["0.771", "1991-01-01", "", "value for 1990"]]
    usa = _rows(pack, "USA")
    assert usa[["value", "valid_from", "valid_to", "note"]].values.tolist() == [
        ["0.902", "1990-01-01", "1990-12-31", "value for 1989"],  # the pack starts in 1990: it sees 1989's value
        ["0.900", "1991-01-01", "", "value for 1990"],            # published precision kept, never "0.9"
    ]
    assert (usa["source_id"] == vdem.VDEM.source_id).all()
    irn = _rows(pack, "IRN")  # 1989 unknown: no row for 1990, never a 0
    assert irn[["value", "valid_from"]].values.tolist() == [["0.203", "1991-01-01"]]
    assert _rows(pack, "CHN").empty and _rows(pack, "PRK").empty  # no V-Dem values in the fixture, no curated rows
    assert validate_pack(pack) == []


def test_pack_rows_equal_the_importers_rows(pack):
    build.build_pack_values(FIX, pack)
    imported = vdem.read_polyarchy(FIX).tables["state_facts"]
    imp = imported[imported["state"] == "ISR"]
    row = _rows(pack, "ISR").iloc[0]
    assert (row["value"], row["valid_from"], row["note"]) == (imp["value"].iloc[0], str(imp["valid_from"].iloc[0]),
                                                               imp["note"].iloc[0])


def test_curated_rows_after_the_datasets_last_year_stay_and_say_so(pack):
    build.build_pack_values(FIX, pack)
    rus = _rows(pack, "RUS")
    built = rus[rus["source_id"] == vdem.VDEM.source_id]
    assert built["note"].tolist() == ["value for 1989", "value for 1990", "value for 1991"]
    assert built["valid_to"].iloc[-1] == "2014-12-31"  # closed the day before the first curated row
    curated = rus[rus["source_id"] != vdem.VDEM.source_id]
    assert curated["valid_from"].tolist() == ["2015-01-01", "2020-01-01"]
    assert curated["note"].str.contains("curated: after the last year of V-Dem").all()


def test_building_twice_gives_the_same_bytes(pack):
    path = pack / "state_facts" / "regime.csv"
    build.build_pack_values(FIX, pack)
    first = path.read_bytes()
    build.build_pack_values(FIX, pack)
    assert path.read_bytes() == first


def test_values_finer_than_the_published_precision_are_refused(pack, tmp_path):
    ref = tmp_path / "ref"
    ref.mkdir()
    df = pd.read_parquet(FIX / "isard_cw_democracy.parquet")
    df.loc[2, "v2x_polyarchy"] = 0.2504
    df.to_parquet(ref / "isard_cw_democracy.parquet", index=False)
    before = (pack / "state_facts" / "regime.csv").read_bytes()
    with pytest.raises(ReferenceFormatError) as err:
        build.build_pack_values(ref, pack)
    assert err.value.line == 3 and err.value.field == "v2x_polyarchy" and "isard_cw_democracy.parquet" in str(err.value)
    assert (pack / "state_facts" / "regime.csv").read_bytes() == before


def test_a_missing_source_row_is_named_before_anything_is_written(small_pack):
    with pytest.raises(PackError, match=vdem.VDEM.source_id):
        build.build_pack_values(FIX, small_pack)
    assert not (small_pack / "state_facts").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "regime.csv"
    path.write_text("old\n")
    with pytest.raises(KeyError):
        build.write_fact_rows(pd.DataFrame({"state": ["RUS"]}), path)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["regime.csv"]


def test_cli_and_module_entry_build_the_same_file(pack, tmp_path):
    from typer.testing import CliRunner

    from fairweather.cli import app

    assert build.main(["--reference", str(FIX), "--pack", str(pack)]) == 0
    by_module = (pack / "state_facts" / "regime.csv").read_bytes()
    other = tmp_path / "other"
    shutil.copytree(pack, other)
    res = CliRunner().invoke(app, ["data", "build-values", "--reference", str(FIX), "--pack", str(other)])
    assert res.exit_code == 0, res.output
    assert (other / "state_facts" / "regime.csv").read_bytes() == by_module


def test_curated_rows_of_a_state_the_dataset_lacks_stay_and_say_so(pack):
    with (pack / "state_facts" / "regime.csv").open("a", encoding="utf-8") as fh:
        fh.write("CHN,regime_polyarchy,0.07,2000-01-01,,s-data,value for 1999\n")
    build.build_pack_values(FIX, pack)
    chn = _rows(pack, "CHN")
    assert chn[["value", "note"]].values.tolist() == [["0.07", f"value for 1999; curated: V-Dem {vdem.VDEM.version} has no "
                                                                "value for this state"]]
    assert validate_pack(pack) == []


def _milex(pack: Path) -> pd.DataFrame:
    return pd.read_csv(pack / "state_facts" / "milex.csv", dtype=str, keep_default_na=False)


def test_spending_rows_are_nmc_values_exactly_and_dated_after_their_year(pack):
    build.build_pack_values(FIX, pack)
    milex = _milex(pack)
    assert (milex["source_id"] == cow_nmc.NMC.source_id).all() and (milex["fact"] == "milex_usd").all()
    rows = {s: g[["value", "valid_from", "valid_to", "note"]].values.tolist() for s, g in milex.groupby("state")}
    assert rows["USA"] == [["303.559", "1990-01-01", "1990-12-31", "value for 1989"],
                           ["306.17", "1991-01-01", "", "value for 1990"]]
    assert rows["IRN"] == [["0.00005", "1991-01-01", "", "value for 1990"]]  # 50 thousand USD, no exponent
    assert rows["ISR"] == [["0.0", "1991-01-01", "", "value for 1990"]]        # a published 0 stays 0
    assert "RUS" not in rows  # NMC has no value: unknown, never 0
    nmc = pd.read_parquet(FIX / "ps_cow_nmc.parquet").dropna(subset=["milex"])
    for v in milex["value"]:  # every value times 10^6 is one of the file's integers
        assert Decimal(v).scaleb(6) in {Decimal(int(x)) for x in nmc["milex"]}
    assert validate_pack(pack) == []


def test_two_cow_states_on_one_state_year_keep_the_successor():
    facts = cow_nmc.read_nmc_milex(FIX).tables["state_facts"]
    deu = facts[facts["state"] == "DEU"]
    # 1990: West Germany (260, ends) 40 bn and Germany (255, goes on) 41 bn; Germany's is kept
    assert deu[["value", "note"]].values.tolist() == [["41.0", "value for 1990"], ["42.0", "value for 1991"]]


def test_a_negative_spending_is_refused_naming_file_line_and_field(pack, tmp_path):
    ref = tmp_path / "ref"
    shutil.copytree(FIX, ref)
    df = pd.read_parquet(ref / "ps_cow_nmc.parquet")
    df.loc[3, "milex"] = -9.0
    df.to_parquet(ref / "ps_cow_nmc.parquet", index=False)
    with pytest.raises(ReferenceFormatError) as err:
        build.build_pack_values(ref, pack)
    assert err.value.line == 4 and err.value.field == "milex" and "ps_cow_nmc.parquet" in str(err.value)
    assert not (pack / "state_facts" / "milex.csv").exists()  # nothing written: regime is not half-built either
