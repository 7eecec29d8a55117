"""add_cow_mids / add_gml_mids: one dispute per dyad-year by peacesciencer's rule, 0 inside the data's years, NA outside."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fairweather.errors import MissingReferenceError, PanelError, PanelUnitError
from fairweather.panels import add_cow_mids, add_gml_mids, cite, create_dyad_years, create_state_years
from fairweather.panels._mids import DISPUTE_COLUMNS

# (year, dispnum, disponset, fatality, hostlev, mindur, maxdur, recip, stmon): two disputes of 2-200 a year, each year
# decided by the next step of the rule; the kept dispute is listed second so that file order cannot decide
RULE_CASES = {
    1900: [(1, 0, 6, 5, 900, 900, 1, 1), (2, 1, 0, 1, 1, 1, 0, 12)],      # a unique onset beats a continuing war
    1901: [(3, 1, 0, 5, 9, 9, 1, 1), (4, 1, -9, 1, 1, 1, 0, 12)],         # unknown fatality (-9) ranks above none
    1902: [(5, 1, 1, 3, 9, 9, 1, 1), (6, 1, 1, 4, 1, 1, 0, 12)],          # then the higher hostility level
    1903: [(7, 1, 1, 4, 5, 9, 1, 1), (8, 1, 1, 4, 6, 1, 0, 12)],          # then the longer minimum duration
    1904: [(9, 1, 1, 4, 6, 1, 1, 1), (10, 1, 1, 4, 6, 2, 0, 12)],         # then the longer maximum duration
    1905: [(11, 1, 1, 4, 6, 2, 0, 1), (12, 1, 1, 4, 6, 2, 1, 12)],        # then a reciprocated dispute
    1906: [(14, 1, 1, 4, 6, 2, 1, 5), (13, 1, 1, 4, 6, 2, 1, 3)],         # then the earlier start month
    1907: [(16, 1, 1, 4, 6, 2, 1, 3), (15, 1, 1, 4, 6, 2, 1, 3)],         # then the lower dispute number
}
KEPT = {1900: 2, 1901: 4, 1902: 6, 1903: 8, 1904: 10, 1905: 12, 1906: 13, 1907: 15}


@pytest.fixture
def rule_folder(fx, tmp_path):
    """A reference folder with the fixture states and made-up COW disputes of 2-200 that test each step of the rule."""
    shutil.copy(fx / "ps_cow_states.csv", tmp_path)
    dyad, disp = [], []
    for year, cases in RULE_CASES.items():
        for num, onset, fatality, hostlev, mindur, maxdur, recip, stmon in cases:
            for a, b in ((2, 200), (200, 2)):
                dyad.append({"dispnum": num, "ccode1": a, "ccode2": b, "year": year, "dispongoing": 1,
                             "disponset": onset, **{c: (1 if a == 2 else 0) if c == "sidea1" else 0
                                                    for c in DISPUTE_COLUMNS[1:13]}})
            disp.append({"dispnum": num, "styear": year, "stmon": stmon, "outcome": 1, "settle": 1,
                         "fatality": fatality, "mindur": mindur, "maxdur": maxdur, "hiact": 7, "hostlev": hostlev,
                         "recip": recip})
    pq.write_table(pa.Table.from_pylist(dyad), tmp_path / "ps_cow_mid_dirdisps.parquet")
    pd.DataFrame(disp).to_csv(tmp_path / "ps_cow_mid_disps.csv", index=False)
    return tmp_path


def test_one_dispute_per_dyad_year_by_peacesciencers_rule(rule_folder) -> None:
    f = add_cow_mids(create_dyad_years(years=range(1899, 1909), reference=rule_folder)).to_frame()
    f = f.set_index(["ccode1", "ccode2", "year"])
    for year, kept in KEPT.items():
        assert f.loc[(2, 200, year), "dispnum"] == kept, year
        assert f.loc[(200, 2, year), "dispnum"] == kept, year
    assert f.loc[(2, 200, 1900), "cowmidonset"] == 1 and f.loc[(2, 200, 1900), "hostlev"] == 1
    assert f.loc[(2, 200, 1901), "fatality"] == -9                # the code is kept as the data have it
    assert f.loc[(2, 200, 1902), "sidea1"] == 1 and f.loc[(200, 2, 1902), "sidea1"] == 0   # the panel's order


def test_no_dispute_is_0_inside_the_years_and_na_outside(rule_folder) -> None:
    f = add_cow_mids(create_dyad_years(years=range(1890, 1915), reference=rule_folder)).to_frame()
    f = f.set_index(["ccode1", "ccode2", "year"])
    assert f.loc[(2, 200, 1900), "cowmidongoing"] == 1
    # the made-up data cover 1900-1907: 2-200 in 1908 had no dispute there, 1899 and 1908 lie outside
    inside = [y for y in range(1900, 1908)]
    assert (f.loc[[(2, 210, y) for y in inside], ["cowmidongoing", "cowmidonset"]] == 0).all().all()
    assert f.loc[[(2, 210, y) for y in inside], "dispnum"].isna().all()
    assert f.loc[[(2, 200, y) for y in (1899, 1908)], ["cowmidongoing", "cowmidonset"]].isna().all().all()


def test_cow_mids_on_the_fixture_slices(fx) -> None:
    panel = create_dyad_years(years=range(1900, 2020), reference=fx)
    out = add_cow_mids(panel)
    assert len(out) == len(panel) and out.columns == [*panel.columns, "cowmidongoing", "cowmidonset", *DISPUTE_COLUMNS]
    f = out.to_frame()
    on = f[f["cowmidongoing"] == 1]
    assert len(on) > 0 and on["dispnum"].notna().all() and f.loc[f["cowmidongoing"] == 0, "dispnum"].isna().all()
    assert f.loc[f["year"] > 2014, "cowmidongoing"].isna().all()      # MID 5.0 ends in 2014
    assert (f["cowmidonset"].fillna(0) <= f["cowmidongoing"].fillna(0)).all()
    assert "palmer2022mid5" in cite(out)


def test_keep_chooses_the_dispute_columns_and_refuses_unknown_ones(fx) -> None:
    panel = create_dyad_years(years=range(1940, 1960), reference=fx)
    out = add_cow_mids(panel, keep=["dispnum", "hostlev"])
    assert out.columns[len(panel.columns):] == ["cowmidongoing", "cowmidonset", "dispnum", "hostlev"]
    with pytest.raises(PanelError, match="'hostility'.*choose from dispnum"):
        add_cow_mids(panel, keep=["hostility"])


def test_gml_initiation_follows_the_rule_in_directed_panels_only(fx) -> None:
    directed = create_dyad_years(years=range(1900, 2012), reference=fx)
    rules = {r: add_gml_mids(directed, init=r).to_frame() for r in ("sidea-orig", "sidea-with-joiners",
                                                                     "sidea-all-joiners")}
    for rule, f in rules.items():
        d = f[f["gmlmidongoing"] == 1]
        assert len(d) > 0 and d["init1"].notna().all() and f.loc[f["gmlmidongoing"] == 0, "init1"].isna().all()
        want = {"sidea-orig": (d["sidea1"] == 1) & (d["orig1"] == 1), "sidea-with-joiners": d["sidea1"] == 1,
                "sidea-all-joiners": (d["sidea1"] == 1) | (d["orig1"] == 0)}[rule]
        assert (d["init1"] == want.astype(int)).all(), rule
    assert f.loc[f["year"] > 2010, "gmlmidongoing"].isna().all()     # GML 2.2.1 ends in 2010
    nd = add_gml_mids(create_dyad_years(directed=False, years=range(1900, 2012), reference=fx))
    assert "init1" not in nd.columns and "gmlmidonset" in nd.columns
    with pytest.raises(PanelError, match="init"):
        add_gml_mids(directed, init="side-a")


def test_mids_refuse_state_years_and_gw_by_name_and_name_a_missing_file(fx, tmp_path) -> None:
    with pytest.raises(PanelUnitError, match=r"add_cow_mids\(\) supports dyad_year \(cow\).*state_year"):
        add_cow_mids(create_state_years(years=[1950], reference=fx))
    with pytest.raises(PanelUnitError, match=r"add_gml_mids\(\).*gw system"):
        add_gml_mids(create_dyad_years(system="gw", years=[1950], reference=fx))
    shutil.copy(fx / "ps_cow_states.csv", tmp_path)
    shutil.copy(fx / "ps_cow_mid_dirdisps.parquet", tmp_path)
    with pytest.raises(MissingReferenceError, match="ps_cow_mid_disps.csv"):
        add_cow_mids(create_dyad_years(years=[1950], reference=tmp_path))
