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


def test_regime_scores_are_vdems_values_exactly(store, shared_data) -> None:
    """Every covered state-year holds V-Dem's v2x_polyarchy at its published precision (issue 12)."""
    res = agreement.regime_agreement(store, ref.read_democracy(shared_data / "isard_cw_democracy.parquet"))
    print(res.name, res.figures, res.note)
    assert res.figures["state_years"] > 0
    assert res.disagreements.empty, res.disagreements.head(20).to_string()
    assert res.figures["share_exact"] == 1.0


def test_spending_is_plausible_against_sipri(store, shared_data) -> None:
    """The pack carries COW NMC's spending (SIPRI's terms forbid carrying SIPRI's): against SIPRI's file, plausibility."""
    res = agreement.milex_agreement(store, ref.read_sipri_milex(shared_data / "sipri_milex_country_year.csv"))
    print(res.name, res.figures, res.note)
    assert res.figures["state_years"] >= 3000
    assert res.figures["correlation"] >= 0.9
    assert res.figures["share_within_tolerance"] >= 0.8


def test_spending_is_cow_nmc_exactly(store, shared_data) -> None:
    """Every pack spending value is COW NMC 7.0's for the year before, to the dollar."""
    res = agreement.capabilities_agreement(store, ref.read_cow_nmc(shared_data / "ps_cow_nmc.parquet"))
    print(res.name, res.figures, res.disagreements.head().to_dict("records"))
    assert res.figures["state_years"] >= 4000
    assert res.figures["share_exact"] == 1.0, res.disagreements.head(10).to_dict("records")


def test_state_system_agrees_with_cow(store, shared_data) -> None:
    res = agreement.state_system_agreement(store, ref.read_cow_states(shared_data / "ps_cow_states.csv"))
    print(res.name, res.figures, res.disagreements.to_dict("records"))
    assert res.figures["share_agreeing"] >= 0.95


def test_arms_and_troops_responses_agree_with_ucdp_esd(store, shared_data) -> None:
    res = agreement.responses_agreement(store, ref.read_ucdp_esd(shared_data / "ucdp_esd_triad_year_18_1.csv"))
    print(res.name, res.figures, res.disagreements.to_dict("records"))
    assert res.figures["responses_compared"] >= 10
    assert res.figures["share_agreeing"] >= 0.8
