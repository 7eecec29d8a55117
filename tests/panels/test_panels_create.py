"""create_state_years / create_dyad_years on the fixture slices: the state system day by day."""

from __future__ import annotations

import pandas as pd
import pytest

from fairweather.errors import MissingReferenceError, PanelError, PanelUnitError, ReferenceFormatError
from fairweather.panels import Panel, cite, create_dyad_years, create_state_years, declare_panel


def _pairs(panel: Panel, year: int) -> set[tuple[int, int]]:
    f = panel.to_frame()
    f = f[f["year"] == year]
    return set(zip(f.iloc[:, 0], f.iloc[:, 1]))


def test_no_dyad_for_states_never_alive_on_the_same_day(fx) -> None:
    p = create_dyad_years(years=range(1940, 1992), reference=fx)
    # the Netherlands (210) returned on 1945-06-26, after Germany (255) ended on 1945-05-08
    assert (210, 255) not in _pairs(p, 1945) and (255, 210) not in _pairs(p, 1945)
    assert (210, 2) in _pairs(p, 1945) and (255, 2) in _pairs(p, 1945)
    # East Germany ended 1990-10-02, united Germany began 1990-10-03
    assert (255, 265) not in _pairs(p, 1990) and (265, 255) not in _pairs(p, 1990)
    assert (265, 2) in _pairs(p, 1990) and (255, 2) in _pairs(p, 1990)
    # Poland (290) ended 1939-09-27 and returned 1945-06-28: alive on no day of 1940-1944
    assert not any(290 in pair for y in range(1940, 1945) for pair in _pairs(p, y))


def test_directed_is_both_orders_of_the_non_directed(fx) -> None:
    d = create_dyad_years(years=range(1900, 2000), reference=fx).to_frame()
    n = create_dyad_years(directed=False, years=range(1900, 2000), reference=fx).to_frame()
    assert (n["ccode1"] < n["ccode2"]).all()
    flipped = n.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    both = pd.concat([n, flipped[["ccode1", "ccode2", "year"]]]).sort_values(["ccode1", "ccode2", "year"])
    assert both.reset_index(drop=True).equals(d.reset_index(drop=True))


def test_state_years_follow_the_spells_and_open_spells_run_to_2024(fx) -> None:
    s = create_state_years(reference=fx).to_frame()
    years = lambda c: set(s.loc[s["ccode"] == c, "year"])  # noqa: E731
    assert years(255) == set(range(1816, 1946)) | set(range(1990, 2025))
    assert years(265) == set(range(1954, 1991))
    assert max(years(2)) == 2024 and min(years(2)) == 1816
    assert not s.duplicated(["ccode", "year"]).any()
    assert list(s.columns) == ["ccode", "year"]


def test_through_carries_open_spells_further_and_bounds_the_years(fx) -> None:
    s = create_state_years(years=range(2020, 2026), reference=fx, through=2025).to_frame()
    assert set(s.loc[s["ccode"] == 2, "year"]) == set(range(2020, 2026))  # open at the list's end: carried to 2025
    assert 265 not in set(s["ccode"])                                      # ended in 1990: not carried
    d = create_dyad_years(years=[2025], reference=fx, through=2025).to_frame()
    assert len(d) > 0 and set(d["year"]) == {2025}
    with pytest.raises(PanelError, match="1816-2025; got 2020-2026"):
        create_state_years(years=range(2020, 2027), reference=fx, through=2025)
    with pytest.raises(PanelError, match="1816-2024"):
        create_state_years(years=[2025], reference=fx)


def test_gw_system_keys_and_spells(fx) -> None:
    p = create_dyad_years(system="gw", years=[1950], reference=fx)
    assert p.keys == ("gwcode1", "gwcode2", "year") and p.system == "gw"
    f = p.to_frame()
    assert set(f["year"]) == {1950} and len(f) > 0


def test_years_outside_the_system_and_bad_arguments_are_refused(fx) -> None:
    with pytest.raises(PanelError, match="1816-2024"):
        create_dyad_years(years=range(1800, 1900), reference=fx)
    with pytest.raises(PanelError, match="empty"):
        create_state_years(years=[], reference=fx)
    with pytest.raises(PanelError, match="'cow'"):
        create_state_years(system="un", reference=fx)  # type: ignore[arg-type]
    with pytest.raises(PanelUnitError, match="unit must be"):
        declare_panel(pd.DataFrame({"ccode": [2], "year": [1900]}), unit="leader_year")  # type: ignore[arg-type]


def test_a_gap_in_years_keeps_only_those_years(fx) -> None:
    f = create_state_years(years=[1900, 1950, 2000], reference=fx).to_frame()
    assert set(f["year"]) == {1900, 1950, 2000}


def test_missing_state_list_names_the_file_and_the_publisher(tmp_path) -> None:
    with pytest.raises(MissingReferenceError) as err:
        create_dyad_years(reference=tmp_path)
    assert "ps_cow_states.csv" in str(err.value) and "correlatesofwar.org" in str(err.value)


def test_no_reference_at_all_names_the_environment_variable() -> None:
    with pytest.raises(MissingReferenceError, match="FAIRWEATHER_REFERENCE"):
        create_state_years()


def test_reference_from_the_environment(fx, monkeypatch) -> None:
    monkeypatch.setenv("FAIRWEATHER_REFERENCE", str(fx))
    assert len(create_state_years(years=[1950])) == len(create_state_years(years=[1950], reference=fx))


def test_declare_panel_refuses_duplicate_keys() -> None:
    df = pd.DataFrame({"ccode1": [2, 2], "ccode2": [200, 200], "year": [1950, 1950]})
    with pytest.raises(PanelError, match="ccode1=2, ccode2=200, year=1950"):
        declare_panel(df, unit="dyad_year", system="cow", directed=True)


def test_cite_gives_bibtex_of_the_state_list_and_peacesciencer(fx) -> None:
    text = cite(create_state_years(years=[1950], reference=fx))
    assert "@misc{cow2017states," in text and "@article{miller2022peacesciencer," in text
    assert text.count("@") == 2
    with pytest.raises(PanelError, match="unknown dataset"):
        cite("cow_alliance")


def test_a_panel_answers_the_family_calls(fx, check_result) -> None:
    p = create_state_years(years=[1900, 1950, 2000], reference=fx)
    check_result(p, rows=len(p), title="state-year panel")
    s = p.summary()
    assert dict(s.info)["Years"] == "1900-2000" and dict(s.info)["System"] == "cow"
    cols = s.tables[0][1]
    assert list(cols["column"]) == p.columns and (cols["missing"] == [p.table.column(c).null_count for c in p.columns]).all()


def _states(tmp_path, rows: list[tuple]) -> None:
    head = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
    (tmp_path / "ps_cow_states.csv").write_text(head + "".join(f"X,{','.join(map(str, r))},2016\n" for r in rows))


def test_a_state_that_leaves_and_returns_within_a_year_gives_the_year_once(tmp_path) -> None:
    # state 2 leaves in March 1900 and returns in October; 20 and 40 live through it; 40 ends in June
    _states(tmp_path, [(2, "A", 1890, 1, 1, 1900, 3, 1), (2, "A", 1900, 10, 1, 1910, 12, 31),
                       (20, "B", 1890, 1, 1, 1910, 12, 31), (40, "C", 1899, 1, 1, 1900, 6, 30)])
    s = create_state_years(years=range(1890, 1911), reference=tmp_path).to_frame()
    assert not s.duplicated().any() and ((s["ccode"] == 2) & (s["year"] == 1900)).sum() == 1
    d = create_dyad_years(years=range(1890, 1911), reference=tmp_path).to_frame()
    assert not d.duplicated().any()
    assert ((d["ccode1"] == 2) & (d["ccode2"] == 20) & (d["year"] == 1900)).sum() == 1
    assert ((d["ccode1"] == 2) & (d["ccode2"] == 40) & (d["year"] == 1900)).sum() == 1   # they met in Jan-Mar
    assert list(d.itertuples(index=False)) == sorted(d.itertuples(index=False))         # sorted by the keys


def test_a_state_list_without_a_documented_column_is_named(tmp_path) -> None:
    (tmp_path / "ps_cow_states.csv").write_text("ccode,styear,stmonth,stday,endyear,endmonth\n2,1816,1,1,2016,12\n")
    with pytest.raises(ReferenceFormatError, match=r"ps_cow_states.csv.*endday"):
        create_dyad_years(reference=tmp_path)
