"""Scenario forecasts: output shape, explanations, what-ifs, provenance, stale-parameter warning."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest

from fairweather.errors import ScenarioError, StaleParamsWarning
from fairweather.forecast import ForecastResult, Scenario, forecast

IRN = dict(target="IRN", attackers=("ISR", "USA"), date="2025-06-13")


def test_scenario_validates_and_normalizes():
    s = Scenario("Iran", "Israel,USA", "2025-06-13", partners=["Russia", "CHN"])
    assert s.target == "IRN" and s.attackers == ("ISR", "USA") and s.date == dt.date(2025, 6, 13)
    assert s.partners == ("RUS", "CHN")
    with pytest.raises(ScenarioError, match="own attackers"):
        Scenario("IRN", ("IRN", "USA"), "2025-06-13")
    with pytest.raises(ScenarioError, match="not a known state"):
        Scenario("Narnia", ("USA",), "2025-06-13")
    with pytest.raises(ScenarioError, match="YYYY-MM-DD"):
        Scenario("IRN", ("USA",), "13/06/2025")
    with pytest.raises(ScenarioError):
        Scenario("IRN", ("USA",), "2025-06-13", assume=("RUS.nonsense=1",))
    with pytest.raises(ScenarioError, match="target or an attacker"):
        Scenario("IRN", ("USA",), "2025-06-13", partners=("USA",))


def test_forecast_frame_has_the_published_columns(synth_store, model):
    r = forecast(Scenario(**IRN, partners=("RUS", "CHN", "PRK")), store=synth_store, model=model)
    assert isinstance(r, ForecastResult)
    f = r.to_frame()
    cols = (["partner", "partner_name"] + [f"p_level_{k}" for k in range(6)] + [f"p_ge_{k}" for k in range(1, 6)]
            + ["expected_level", "interval_low", "interval_high", "most_likely_level", "reasons", "linear_predictor"])
    assert set(cols) <= set(f.columns)
    assert set(f["partner"]) == {"RUS", "CHN", "PRK"}
    P = f[[f"p_level_{k}" for k in range(6)]].to_numpy()
    assert np.allclose(P.sum(axis=1), 1)
    G = f[[f"p_ge_{k}" for k in range(1, 6)]].to_numpy()
    assert (np.diff(G, axis=1) <= 1e-12).all()
    assert (f["interval_low"] <= f["interval_high"]).all()
    assert all(isinstance(x, str) and x for x in f["reasons"])


def test_contributions_sum_to_the_linear_predictor(synth_store, model):
    r = forecast(Scenario(**IRN), store=synth_store, model=model)
    c = r.contributions()
    assert {"partner", "feature", "label", "value", "contribution"} <= set(c.columns)
    sums = c.groupby("partner")["contribution"].sum()
    lp = r.to_frame().set_index("partner")["linear_predictor"]
    assert np.allclose(sums.loc[lp.index].to_numpy() + model.intercept_, lp.to_numpy(), rtol=0, atol=1e-12)


def test_automatic_partners_exclude_target_and_attackers(synth_store, model):
    f = forecast(Scenario(**IRN), store=synth_store, model=model).to_frame()
    assert not {"IRN", "ISR", "USA"} & set(f["partner"])
    assert {"RUS", "CHN", "GBR", "FRA"} <= set(f["partner"])


@pytest.mark.parametrize("partner, target, attacker, day", [("RUS", "IRN", "ISR", "2025-06-13"), ("CHN", "UKR", "RUS", "2022-02-24"),
                                                           ("IND", "PAK", "USA", "2010-01-01"), ("FRA", "KOR", "PRK", "2018-05-01")])
def test_adding_a_defence_pact_never_lowers_help(synth_store, model, partner, target, attacker, day):
    assert model.coef_[list(model.feature_names_in_).index("defense")] >= 0  # sign constraint of the registry
    s = Scenario(target, (attacker,), day, partners=(partner,), assume=(f"{partner}>{target}.defense=1",))
    r = forecast(s, store=synth_store, model=model)
    cmp = r.compare()
    assert (cmp["expected_level"] >= cmp["expected_level_base"] - 1e-12).all()
    f, base = r.to_frame(), r.base
    assert f["p_ge_1"].iloc[0] >= base["p_ge_1"].iloc[0] - 1e-12


def test_compare_shows_what_moved(synth_store, model):
    s = Scenario(**IRN, partners=("RUS", "CHN"), assume=("CHN>IRN.trade_share=20", "IRN>CHN.trade_share=40"))
    cmp = forecast(s, store=synth_store, model=model).compare()
    assert list(cmp.columns) == ["partner", "expected_level_base", "expected_level", "delta", "p_ge_3_base", "p_ge_3"]
    row = cmp.set_index("partner")
    assert row.loc["CHN", "delta"] != 0 and row.loc["RUS", "delta"] == 0
    with pytest.raises(ScenarioError):
        forecast(Scenario(**IRN, partners=("RUS",)), store=synth_store, model=model).compare()


def test_provenance_lists_sources(synth_store, model):
    p = forecast(Scenario(**IRN, partners=("RUS",)), store=synth_store, model=model).provenance()
    assert {"source_id", "citation", "url", "table"} <= set(p.columns)
    assert (p["source_id"] == "synth-data").any() and p["citation"].str.len().gt(0).all()


def test_assumptions_are_cited_as_assumptions(synth_store, model):
    s = Scenario(**IRN, partners=("CHN",), assume=("CHN>IRN.trade_share=20",))
    p = forecast(s, store=synth_store, model=model).provenance()
    assert p["source_id"].str.startswith("assumption").any()


def test_stale_parameters_warn_once(synth_store, model):
    from fairweather.forecast._params import _WARNED

    _WARNED.clear()
    model.meta_ = {**model.meta_, "pack_hash": "0" * 64}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            forecast(Scenario(**IRN, partners=("RUS",)), store=synth_store, model=model)
            forecast(Scenario(**IRN, partners=("CHN",)), store=synth_store, model=model)
        stale = [w for w in caught if issubclass(w.category, StaleParamsWarning)]
        assert len(stale) == 1
    finally:
        model.meta_ = {**model.meta_, "pack_hash": synth_store.pack_hash}


def test_dates_outside_the_pack_are_refused(synth_store, model):
    from fairweather.errors import CoverageError

    with pytest.raises(CoverageError):
        forecast(Scenario("IRN", ("USA",), "1950-01-01"), store=synth_store, model=model)
