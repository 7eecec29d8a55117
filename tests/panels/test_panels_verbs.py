"""The add_* verbs on the fixture slices: columns, never rows; NA outside a dataset's years; refusals by name."""

from __future__ import annotations

import pandas as pd
import pytest

from fairweather.errors import MissingReferenceError, PanelError, PanelUnitError
from fairweather.panels import (VERBS, add_atop_alliance, add_capital_distance, add_contiguity, add_cow_majors,
                                add_democracy, add_minimum_distance, add_nmc, add_sipri_arms, add_strategic_rivalries,
                                add_ucdp_acd, add_un_ideal_points, cite, create_dyad_years, create_state_years,
                                filter_politically_relevant)

COMBOS = [("state_year", "cow", None), ("dyad_year", "cow", True), ("dyad_year", "cow", False),
          ("state_year", "gw", None), ("dyad_year", "gw", True)]


def _panel(fx, unit, system, directed, years=range(1930, 2024)):
    if unit == "state_year":
        return create_state_years(system=system, years=years, reference=fx)
    return create_dyad_years(system=system, directed=directed, years=years, reference=fx)


@pytest.mark.parametrize("name", sorted(VERBS))
def test_every_verb_adds_columns_never_rows_or_refuses_by_name(fx, name) -> None:
    verb = VERBS[name]
    supported = 0
    for unit, system, directed in COMBOS:
        panel = _panel(fx, unit, system, directed)
        try:
            out = verb(panel)
        except PanelUnitError as exc:
            assert verb.__name__ in str(exc) and unit in str(exc) and system in str(exc)
            continue
        supported += 1
        assert len(out) == len(panel), f"{name} on {unit}/{system} changed the row count"
        assert out.table.select(list(panel.keys)).equals(panel.table.select(list(panel.keys))), "keys or order changed"
        assert len(out.columns) > len(panel.columns)
        assert out.columns[:len(panel.columns)] == panel.columns
        assert set(out.sources) > set(panel.sources)
    assert supported, f"{name} supports none of the panel kinds"


def test_chained_verbs_keep_rows_after_every_step(fx) -> None:
    panel = create_dyad_years(years=range(1930, 2024), reference=fx)
    n = len(panel)
    for verb in (add_atop_alliance, add_nmc, add_democracy, add_contiguity, add_cow_majors, add_minimum_distance,
                 add_capital_distance, add_strategic_rivalries, add_sipri_arms, add_un_ideal_points):
        panel = verb(panel)
        assert len(panel) == n, verb.__name__
    keys = panel.to_frame()[["ccode1", "ccode2", "year"]]
    assert not keys.duplicated().any()


def test_atop_is_zero_inside_its_years_and_missing_outside(fx) -> None:
    f = add_atop_alliance(create_dyad_years(years=range(1925, 2010), reference=fx)).to_frame().set_index(
        ["ccode1", "ccode2", "year"])
    assert f.loc[(2, 200, 1950), "atop_defense"] == 1          # NATO
    assert f.loc[(2, 365, 1950), "atop_defense"] == 0          # no ATOP row inside the slice's years
    assert pd.isna(f.loc[(2, 200, 2005), "atop_defense"])      # the slice ends in 2000: unknown, not 0
    assert pd.isna(f.loc[(2, 200, 1925), "atop_consul"])       # it begins in 1930


def test_nmc_and_democracy_values_and_missing_years(fx) -> None:
    p = add_democracy(add_nmc(create_dyad_years(years=range(1990, 2012), reference=fx)))
    f = p.to_frame().set_index(["ccode1", "ccode2", "year"])
    nmc = pd.read_parquet(fx / "ps_cow_nmc.parquet").set_index(["ccode", "year"])
    assert f.loc[(2, 365, 2000), "cinc1"] == nmc.loc[(2, 2000), "cinc"]
    assert f.loc[(2, 365, 2000), "cinc2"] == nmc.loc[(365, 2000), "cinc"]
    assert f.loc[(2, 365, 2000), "milex2"] == nmc.loc[(365, 2000), "milex"]
    assert pd.isna(f.loc[(2, 365, 2010), "cinc1"])               # the NMC slice ends in 2005
    dem = pd.read_parquet(fx / "isard_cw_democracy.parquet").set_index(["ccode", "year"])
    assert f.loc[(200, 290, 1995), "v2x_polyarchy2"] == dem.loc[(290, 1995), "v2x_polyarchy"]
    assert f.loc[(200, 290, 1995), "polity21"] == dem.loc[(200, 1995), "polity2"]


def test_state_year_columns_have_no_suffix(fx) -> None:
    f = add_cow_majors(add_nmc(create_state_years(years=range(2010, 2020), reference=fx))).to_frame()
    assert {"cinc", "milex", "cowmaj"} <= set(f.columns) and "cinc1" not in f.columns
    usa = f[f["ccode"] == 2].set_index("year")
    assert usa.loc[2016, "cowmaj"] == 1 and pd.isna(usa.loc[2017, "cowmaj"])   # the majors list ends in 2016
    pol = f[f["ccode"] == 290].set_index("year")
    assert pol.loc[2016, "cowmaj"] == 0


def test_contiguity_rivalry_and_the_politically_relevant_filter(fx) -> None:
    p = create_dyad_years(years=range(1950, 2020), reference=fx).pipe(add_contiguity).pipe(add_cow_majors)
    f = p.to_frame().set_index(["ccode1", "ccode2", "year"])
    assert f.loc[(290, 365, 2000), "conttype"] == 1 and f.loc[(210, 290, 2000), "conttype"] == 0
    assert pd.isna(f.loc[(290, 365, 2018), "conttype"])        # after COW contiguity's 2016
    r = add_strategic_rivalries(create_dyad_years(years=[1960], reference=fx)).to_frame().set_index(["ccode1", "ccode2"])
    assert r.loc[(2, 365), "tss_rivalry"] == 1 and r.loc[(365, 2), "tss_rivalry"] == 1
    assert r.loc[(2, 200), "tss_rivalry"] == 0 and pd.isna(r.loc[(2, 200), "tssr_id"])
    prd = filter_politically_relevant(p).to_frame()
    relevant = (prd["conttype"] == 1) | (prd["cowmaj1"] == 1) | (prd["cowmaj2"] == 1)
    assert relevant.all() and len(prd) < len(p)
    assert ((prd["ccode1"] == 210) & (prd["ccode2"] == 290)).sum() == 0      # neither contiguous nor a major
    with pytest.raises(PanelError, match="add_contiguity"):
        filter_politically_relevant(create_dyad_years(years=[1960], reference=fx))


def test_sipri_and_ideal_points(fx) -> None:
    f = add_un_ideal_points(add_sipri_arms(create_dyad_years(years=range(1946, 2023), reference=fx))).to_frame()
    f = f.set_index(["ccode1", "ccode2", "year"])
    tiv = pd.read_parquet(fx / "sipri_tiv_supplier_recipient_year.parquet")
    row = tiv.iloc[0]
    s, r, y = int(row["supplier_ccode"]), int(row["recipient_ccode"]), int(row["year"])
    total = tiv[(tiv.supplier_ccode == s) & (tiv.recipient_ccode == r) & (tiv.year == y)]["tiv_musd"].sum()
    assert f.loc[(s, r, y), "tiv_1to2"] == pytest.approx(total) and f.loc[(r, s, y), "tiv_2to1"] == pytest.approx(total)
    assert pd.isna(f.loc[(2, 200, 1946), "tiv_1to2"]) and pd.isna(f.loc[(2, 200, 2022), "tiv_1to2"])
    d = f.loc[(2, 365, 1980)]
    assert d["un_ideal_distance"] == pytest.approx(abs(d["un_ideal_point1"] - d["un_ideal_point2"]))
    assert pd.isna(f.loc[(2, 365, 2010), "un_ideal_point1"])   # the slice ends in 2000


def test_ucdp_state_years_in_gw_and_refused_in_cow(fx) -> None:
    f = add_ucdp_acd(create_state_years(system="gw", years=range(1940, 2024), reference=fx)).to_frame()
    assert pd.isna(f.loc[f["year"] == 1940, "ucdp_ongoing"]).all()
    assert set(f.loc[f["year"] >= 1946, "ucdp_ongoing"].dropna()) <= {0, 1}
    assert (f.loc[f["ucdp_ongoing"] == 0, "ucdp_conflicts"] == 0).all()
    assert f.loc[(f["gwcode"] == 2) & (f["year"] == 2003), "ucdp_ongoing"].item() == 1   # Iraq 2003


def test_ucdp_on_cow_panels_goes_through_the_crosswalk(fx, tmp_path) -> None:
    years = range(1946, 2006)
    gw = add_ucdp_acd(create_state_years(system="gw", years=years, reference=fx)).to_frame()
    cow = add_ucdp_acd(create_state_years(years=years, reference=fx)).to_frame()
    cols = ["year", "ucdp_ongoing", "ucdp_conflicts", "ucdp_maxintensity"]
    for c in (2, 365):   # the same number in both lists
        want = gw[gw["gwcode"] == c][cols].reset_index(drop=True)
        pd.testing.assert_frame_equal(cow[cow["ccode"] == c][cols].reset_index(drop=True), want)
    # united Germany (COW 255) is G-W 260 from 1990: it takes West Germany's G-W values
    g = cow.set_index(["ccode", "year"])
    assert g.loc[(255, 1995), "ucdp_ongoing"] == gw.set_index(["gwcode", "year"]).loc[(260, 1995), "ucdp_ongoing"]
    assert "miller2026isard" in cite(add_ucdp_acd(create_state_years(years=[1990], reference=fx)))
    # a COW state-year the crosswalk does not list is unknown (NA), never 0
    for name in ("ps_cow_states.csv", "ps_ucdp_acd.csv"):
        (tmp_path / name).write_bytes((fx / name).read_bytes())
    cw = pd.read_parquet(fx / "isard_cw_gw_panel.parquet")
    cw[cw["ccode"] != 290].to_parquet(tmp_path / "isard_cw_gw_panel.parquet")
    d = add_ucdp_acd(create_dyad_years(years=[1990], reference=tmp_path)).to_frame().set_index(["ccode1", "ccode2"])
    assert pd.isna(d.loc[(290, 2), "ucdp_interstate"]) and pd.isna(d.loc[(2, 290), "ucdp_interstate"])
    assert d.loc[(2, 365), "ucdp_interstate"] == 0


def test_atop_refuses_state_years_and_gw_by_name(fx) -> None:
    with pytest.raises(PanelUnitError, match=r"add_atop_alliance\(\) supports dyad_year \(cow\).*state_year"):
        add_atop_alliance(create_state_years(years=[1950], reference=fx))
    with pytest.raises(PanelUnitError, match="gw system"):
        add_atop_alliance(create_dyad_years(system="gw", years=[1950], reference=fx))


def test_adding_a_verb_twice_is_refused(fx) -> None:
    p = add_nmc(create_state_years(years=[1950], reference=fx))
    with pytest.raises(PanelError, match="overwrite"):
        add_nmc(p)


def test_a_missing_source_file_names_it_and_its_publisher(fx, tmp_path) -> None:
    (tmp_path / "ps_cow_states.csv").write_bytes((fx / "ps_cow_states.csv").read_bytes())
    p = create_state_years(years=[1950], reference=tmp_path)
    with pytest.raises(MissingReferenceError) as err:
        add_nmc(p)
    assert "ps_cow_nmc.parquet" in str(err.value) and "national-material-capabilities" in str(err.value)


def test_cite_lists_every_dataset_used(fx) -> None:
    p = create_dyad_years(years=[1950], reference=fx).pipe(add_atop_alliance).pipe(add_nmc).pipe(add_democracy)
    text = cite(p)
    for key in ("cow2017states", "leeds2002atop", "singer1972capability", "coppedge2026vdem", "marquez2016euds",
                "marshall2020polity5", "miller2026isard", "miller2022peacesciencer"):
        assert f"{{{key}," in text, key
    assert text.count("{leeds2002atop,") == 1


def test_parquet_and_csv_round_trip_with_missing_values(fx, tmp_path) -> None:
    p = add_atop_alliance(create_dyad_years(years=range(1995, 2006), reference=fx))
    back = pd.read_parquet(p.to_parquet(tmp_path / "out.parquet"))
    pd.testing.assert_frame_equal(back, p.to_frame(), check_dtype=False)
    csv = pd.read_csv(p.to_csv(tmp_path / "out.csv"))
    assert len(csv) == len(p) and csv["atop_defense"].isna().sum() == p.to_frame()["atop_defense"].isna().sum() > 0
    assert sorted(x.name for x in tmp_path.iterdir()) == ["out.csv", "out.parquet"]   # no temporary file left


def test_fp_similarity_equals_the_metrics_s_and_kappa(fx) -> None:
    from fairweather.metrics.portfolio import cohen_kappa, s_score
    from fairweather.panels.similarity import add_fp_similarity

    p = add_fp_similarity(create_dyad_years(years=[1960, 2005], reference=fx))
    f = p.to_frame().set_index(["ccode1", "ccode2", "year"])
    atop = pd.read_parquet(fx / "ps_atop_alliance.parquet")
    states = sorted(create_state_years(years=[1960], reference=fx).to_frame()["ccode"])
    a = atop[atop["year"] == 1960]

    def level(x, y):
        if x == y:
            return 3
        rows = a[((a.ccode1 == x) & (a.ccode2 == y)) | ((a.ccode1 == y) & (a.ccode2 == x))]
        if ((rows.atop_defense == 1) | (rows.atop_offense == 1)).any():
            return 3
        if ((rows.atop_neutral == 1) | (rows.atop_nonagg == 1)).any():
            return 2
        return 1 if (rows.atop_consul == 1).any() else 0

    x, y = [level(2, c) for c in states], [level(365, c) for c in states]
    assert f.loc[(2, 365, 1960), "fp_s_atop"] == pytest.approx(s_score(x, y))
    assert f.loc[(2, 365, 1960), "fp_kappa_atop"] == pytest.approx(cohen_kappa(x, y))
    assert f.loc[(2, 200, 1960), "fp_s_atop"] > f.loc[(2, 365, 1960), "fp_s_atop"]   # allies vs rivals
    assert pd.isna(f.loc[(2, 200, 2005), "fp_s_atop"])                              # the slice ends in 2000
    assert "signorino1999tau" in cite(p)
