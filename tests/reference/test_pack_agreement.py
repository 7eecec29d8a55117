"""The embedded pack against the reference datasets in ../shared/data, as figures.

Skipped with a reason where ../shared/data is absent. The figures are printed
(run with ``-s``) and are also what ``fairweather data agreement`` prints.
"""

from __future__ import annotations

import pytest

from fairweather import agreement
from fairweather.sources import reference as ref
from fairweather.store import Store

pytestmark = pytest.mark.reference


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open()


def test_regime_scores_agree_with_vdem(store, shared_data) -> None:
    res = agreement.regime_agreement(store, ref.read_democracy(shared_data / "isard_cw_democracy.parquet"))
    print(res.name, res.figures)
    if res.figures["state_years"] == 0:
        pytest.skip("the pack has no regime_polyarchy facts")
    assert res.figures["correlation"] >= 0.9
    assert res.figures["share_within_tolerance"] >= 0.8


def test_military_spending_agrees_with_sipri(store, shared_data) -> None:
    res = agreement.milex_agreement(store, ref.read_sipri_milex(shared_data / "sipri_milex_country_year.csv"))
    print(res.name, res.figures)
    if res.figures["state_years"] == 0:
        pytest.skip("the pack has no milex_usd facts before 2019")
    assert res.figures["correlation"] >= 0.9
    assert res.figures["share_within_tolerance"] >= 0.8


def test_state_system_agrees_with_cow(store, shared_data) -> None:
    res = agreement.state_system_agreement(store, ref.read_cow_states(shared_data / "ps_cow_states.csv"))
    print(res.name, res.figures, res.disagreements.to_dict("records"))
    assert res.figures["share_agreeing"] >= 0.95


def test_military_spending_agrees_with_cow_nmc(store, shared_data) -> None:
    res = agreement.capabilities_agreement(store, ref.read_cow_nmc(shared_data / "ps_cow_nmc.parquet"))
    print(res.name, res.figures)
    if res.figures["state_years"] == 0:
        pytest.skip("the pack has no milex_usd facts")
    assert res.figures["correlation"] >= 0.9
    assert res.figures["share_within_tolerance"] >= 0.8


def test_arms_and_troops_responses_agree_with_ucdp_esd(store, shared_data) -> None:
    res = agreement.responses_agreement(store, ref.read_ucdp_esd(shared_data / "ucdp_esd_triad_year_18_1.csv"))
    print(res.name, res.figures, res.disagreements.to_dict("records"))
    assert res.figures["responses_compared"] >= 10
    assert res.figures["share_agreeing"] >= 0.8
