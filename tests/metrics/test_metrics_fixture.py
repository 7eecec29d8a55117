"""Every metric on the small bloc pack, against values worked out by hand (see each test)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from fairweather.errors import CoverageError, UnknownStateError
from fairweather.metrics import (
    Bloc,
    bloc_members,
    cohesion,
    compare_blocs as cohesion_compare,
    commitment_density,
    cross_pressure,
    dependence_asymmetry,
    dependence_dyads,
    portfolios,
    reciprocity,
    resolve_bloc,
    revealed_support,
    s_score,
    value_similarity,
)
from fairweather.metrics.blocs import BLOC_ADVERSARIES, membership_panel

CRINK_2025 = ("CHN", "IRN", "PRK", "RUS")


def groups(members=CRINK_2025, year=2025, bloc="CRINK") -> pd.DataFrame:
    return pd.DataFrame([{"bloc": bloc, "year": year, "as_of": dt.date(year, 7, 1), "members": tuple(members)}])


def test_named_membership_is_dated(bloc_store) -> None:
    assert bloc_members("CRINK", "2022-02-23", bloc_store) == []
    assert bloc_members("crink", "2025-07-01", bloc_store) == list(CRINK_2025)
    assert bloc_members("NATO", "2023-07-01", bloc_store) == ["JPN", "USA"]
    assert bloc_members("NATO", "2024-01-01", bloc_store) == ["USA"]
    assert bloc_members("Union State", "2025-07-01", bloc_store) == ["BLR", "RUS"]
    with pytest.raises(CoverageError, match="no membership rows"):
        bloc_members("SCO", "2025-07-01", bloc_store)


def test_resolve_bloc_names_and_lists() -> None:
    assert resolve_bloc("union-state").name == "Union State"
    assert resolve_bloc("Russia, China ,Iran").states == ("CHN", "IRN", "RUS")
    assert resolve_bloc("CRINK").adversaries == BLOC_ADVERSARIES["CRINK"]
    with pytest.raises(CoverageError):
        resolve_bloc("Narnia")
    with pytest.raises(UnknownStateError):
        resolve_bloc("RUS,Narnia")
    with pytest.raises(CoverageError):
        resolve_bloc("RUS,RUS")


def test_commitment_density_by_hand(bloc_data) -> None:
    # 2025-07-01: CHN<->PRK defence (1), RUS<->PRK defence (1), CHN<->RUS consultation (0.5); IRN bound to none
    # (the RUS-IRN treaty enters into force 2025-10-02): 6 of 12 ordered pairs, strength (4 + 2*0.5)/12.
    r = commitment_density(bloc_data, groups()).iloc[0]
    assert r["density"] == pytest.approx(6 / 12)
    assert r["strength"] == pytest.approx(5 / 12)
    assert r["defense_share"] == pytest.approx(4 / 12)
    # 2024-07-01: the RUS-PRK treaty is not in force yet.
    r24 = commitment_density(bloc_data, groups(year=2024)).iloc[0]
    assert r24["strength"] == pytest.approx(3 / 12)
    # weights are changeable: consultation worth nothing leaves only the defence pairs
    r0 = commitment_density(bloc_data, groups(), weights={"consultation": 0, "nonaggression": 0}).iloc[0]
    assert r0["density"] == pytest.approx(4 / 12)


def test_one_sided_obligations_count_in_their_direction(bloc_data) -> None:
    ob = bloc_data.obligations(dt.date(2025, 7, 1))
    assert ob[("USA", "JPN")] == {"defense"} and ob[("JPN", "USA")] == {"consultation"}
    r = commitment_density(bloc_data, groups(("USA", "JPN"), bloc="x")).iloc[0]
    assert r["strength"] == pytest.approx((1 + 0.5) / 2)


def test_dependence_asymmetry_by_hand(bloc_data) -> None:
    # CHN-IRN energy: IRN sells 90% of its oil to CHN, CHN buys 13.6% of its crude from IRN -> 0.764.
    # CHN-RUS trade: 4% of CHN's trade vs 34% of RUS's -> 0.30. (CHN-IRN trade: IRN's side unknown -> skipped.)
    d = dependence_dyads(bloc_data, groups())
    energy = d[d["channel"] == "energy"].iloc[0]
    assert (energy["a"], energy["b"], energy["dep_ab"], energy["dep_ba"]) == ("CHN", "IRN", 13.6, 90.0)
    assert energy["more_dependent"] == "IRN"
    r = dependence_asymmetry(bloc_data, groups()).iloc[0]
    assert r["asymmetry"] == pytest.approx((0.764 + 0.30) / 2)
    assert r["dependence"] == pytest.approx((0.90 + 0.34) / 2)
    assert r["asymmetry_n"] == 2


def test_reciprocity_by_hand(bloc_data) -> None:
    # IRN->RUS drones +1, RUS->IRN undelivered Su-35 -1 (clipped to 0): min 0, max 1.
    # PRK->RUS shells +1, troops +1, level-5 response to the Kursk incursion +1 = 3; RUS->PRK aid +1: min 1, max 3.
    r = reciprocity(bloc_data, groups()).iloc[0]
    assert r["reciprocity"] == pytest.approx((0 + 1) / (1 + 3))
    assert r["help_events"] == 5 and r["help_pairs"] == 2
    # a window ending before any delivery: no help, reciprocity undefined
    assert math.isnan(reciprocity(bloc_data, groups(year=2021)).iloc[0]["reciprocity"])


def test_value_similarity_by_hand(bloc_data) -> None:
    # polyarchy CHN .1, IRN .2, PRK 0, RUS .2: pair distances .1 .1 .1 .2 0 .2 -> mean 0.7/6
    r = value_similarity(bloc_data, groups()).iloc[0]
    assert r["value_similarity"] == pytest.approx(1 - 0.7 / 6)
    assert r["regime_n"] == 4


def test_cross_pressure_by_hand(bloc_data) -> None:
    # CHN: adversaries USA 12.5 + JPN 7 = 19.5 vs RUS 4 + IRN 3 = 7 -> 19.5/26.5. RUS's trade with the
    # adversaries is not in the pack (unknown, not zero): RUS does not enter.
    r = cross_pressure(bloc_data, groups(), {"CRINK": BLOC_ADVERSARIES["CRINK"]}).iloc[0]
    assert r["cross_pressure"] == pytest.approx(19.5 / 26.5)
    assert r["cross_n"] == 1
    assert math.isnan(cross_pressure(bloc_data, groups(), {}).iloc[0]["cross_pressure"])


def test_revealed_support_by_hand(bloc_data) -> None:
    # Kursk 2024 (target RUS): PRK 5, CHN 1, IRN 0; Iran 2025 (target IRN): RUS 1, CHN 1, PRK 1.
    r = revealed_support(bloc_data, groups()).iloc[0]
    assert r["support_level"] == pytest.approx(9 / 6)
    assert r["support_share"] == pytest.approx(1 / 6)
    assert (r["support_n"], r["support_crises"]) == (6, 2)


def test_revealed_support_keeps_the_level_of_a_member_that_also_sided(bloc_data) -> None:
    import dataclasses

    # CODING.md: siding never erases a level. PRK sent troops for RUS (5); flagged as also backing the
    # attacker it still counts 5 (the old rule counted it 0: mean 4/6 instead of 9/6)
    resp = bloc_data.responses.copy()
    resp.loc[(resp["crisis_id"] == "rus-2024") & (resp["supporter"] == "PRK"), "sided_with_attacker"] = True
    flagged = dataclasses.replace(bloc_data, responses=resp, _cache={})
    r = revealed_support(flagged, groups()).iloc[0]
    assert r["support_level"] == pytest.approx(9 / 6)
    assert r["support_share"] == pytest.approx(1 / 6)


def test_portfolios_by_hand(bloc_data) -> None:
    p = portfolios(bloc_data, list(CRINK_2025), dt.date(2025, 7, 1))
    assert p.loc["CHN"].to_dict() == {"BLR": 0, "CHN": 3, "IRN": 0, "ISR": 0, "JPN": 0, "PRK": 3, "RUS": 2, "UKR": 0, "USA": 0}
    assert p.loc["RUS", "BLR"] == 3 and p.loc["RUS", "PRK"] == 3 and p.loc["IRN"].sum() == 3
    # CHN and PRK differ only towards RUS (2 vs 3): S = 1 - 2 * (1/3) / 9
    assert s_score(p.loc["CHN"], p.loc["PRK"]) == pytest.approx(1 - 2 / 27)


def test_cohesion_frame_and_profile(bloc_store) -> None:
    r = cohesion("CRINK", range(2021, 2026), store=bloc_store)
    f = r.to_frame()
    assert list(f["year"]) == [2021, 2022, 2023, 2024, 2025]
    assert list(f["members"]) == [0, 4, 4, 4, 4]
    assert math.isnan(f.iloc[0]["composite"]) and 0 <= f.iloc[-1]["composite"] <= 1
    assert f.iloc[-1]["strength"] == pytest.approx(5 / 12)
    prof = r.profile()
    assert {"bloc", "metric", "2025", "what it measures"} <= set(prof.columns)
    assert prof[prof["metric"] == "members"]["2025"].iloc[0] == 4
    text = " ".join(r.reading())
    assert "CRINK in 2025" in text and "defence" in text


def test_state_list_is_fixed_over_time(bloc_store) -> None:
    f = cohesion("RUS,CHN,IRN,PRK", [2021, 2025], store=bloc_store).to_frame()
    assert list(f["members"]) == [4, 4]
    assert f.iloc[0]["bloc"] == "CHN,IRN,PRK,RUS"


def test_weights_change_the_composite_only(bloc_store) -> None:
    a = cohesion("CRINK", [2025], store=bloc_store).to_frame()
    b = cohesion("CRINK", [2025], store=bloc_store, weights={"support": 10}).to_frame()
    assert a.drop(columns=["composite"]).equals(b.drop(columns=["composite"]))
    assert b.iloc[0]["composite"] < a.iloc[0]["composite"]  # support share 1/6 pulls it down
    only = cohesion("CRINK", [2025], store=bloc_store, weights={k: 0 for k in
                                                                ("asymmetry", "reciprocity", "values", "portfolio", "crosspressure", "support")})
    assert only.to_frame().iloc[0]["composite"] == pytest.approx(5 / 12)
    assert only.weights["density"] == 1.0


def test_bloc_object_is_accepted(bloc_store) -> None:
    b = Bloc("mine", None, ("CHN", "PRK"), ())
    assert cohesion(b, [2025], store=bloc_store).to_frame().iloc[0]["strength"] == 1.0


def test_membership_panel_uses_july_first(bloc_data) -> None:
    p = membership_panel(resolve_bloc("NATO"), [2023, 2024], bloc_data)
    assert list(p["as_of"]) == [dt.date(2023, 7, 1), dt.date(2024, 7, 1)]
    assert [len(m) for m in p["members"]] == [2, 1]


def test_compare_ranks_blocs_and_reports_sensitivity(bloc_store) -> None:
    r = cohesion_compare(["CRINK", "Union State", "RUS,PRK"], range(2024, 2026), store=bloc_store)
    assert [b.name for b in r.blocs] == ["CRINK", "Union State", "PRK,RUS"]
    s = r.sensitivity(draws=50, seed=1)
    assert set(s["bloc"]) == {"CRINK", "Union State", "PRK,RUS"}
    assert s.groupby("bloc")["dirichlet"].sum().round(9).eq(1).all()
    assert s.equals(r.sensitivity(draws=50, seed=1))
    w = r.weights_frame()
    assert list(w["component"]) == ["density", "asymmetry", "reciprocity", "values", "portfolio", "crosspressure", "support"]


def test_named_bloc_missing_from_the_pack_is_an_error(bloc_store) -> None:
    with pytest.raises(CoverageError, match="no membership rows for SCO"):
        cohesion("SCO", [2025], store=bloc_store)


def test_no_look_ahead(bloc_data) -> None:
    """A bloc-year only sees what was valid on its July 1: dropping every later row changes nothing."""
    from fairweather.metrics import CohesionData
    from fairweather.metrics.cohesion import measure

    cut = pd.Timestamp("2024-07-01")
    frames = {}
    for name in ("states", "state_facts", "commitments", "commitment_members", "ties", "bloc_members"):
        df = getattr(bloc_data, name)
        frames[name] = df[df["valid_from"] <= cut]
    frames["crises"] = bloc_data.crises[bloc_data.crises["start_date"] <= cut]
    frames["responses"] = bloc_data.responses[bloc_data.responses["crisis_id"].isin(frames["crises"]["crisis_id"])]
    past = CohesionData(sources=bloc_data.sources, **frames)
    blocs = [resolve_bloc("CRINK"), resolve_bloc("RUS,CHN,IRN,PRK,BLR")]
    full, _ = measure(bloc_data, blocs, [2023, 2024])
    trimmed, _ = measure(past, blocs, [2023, 2024])
    pd.testing.assert_frame_equal(full, trimmed)
    later, _ = measure(bloc_data, blocs, [2025])
    assert not later.drop(columns=["year", "as_of"]).equals(full[full["year"] == 2024].drop(columns=["year", "as_of"]).reset_index(drop=True))
