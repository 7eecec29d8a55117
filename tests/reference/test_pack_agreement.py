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


SPENDING = {
    # comparison: (agreement function, reader, reference file)
    "milex vs SIPRI": (agreement.milex_agreement, ref.read_sipri_milex, "sipri_milex_country_year.csv"),
    "milex vs COW NMC": (agreement.capabilities_agreement, ref.read_cow_nmc, "ps_cow_nmc.parquet"),
}


@pytest.mark.parametrize("comparison", list(SPENDING))
def test_spending_is_plausible_against_reference(store, shared_data, comparison) -> None:
    """The curated constant-dollar spending cannot be checked exactly against current dollars: only plausibility."""
    compare, read, filename = SPENDING[comparison]
    res = compare(store, read(shared_data / filename))
    print(res.name, res.figures, res.note)
    if res.figures["state_years"] == 0:
        pytest.skip(f"the pack has no facts to compare for {comparison}")
    assert res.figures["exact_comparable"] == 0
    assert res.figures["correlation"] >= 0.9
    assert res.figures["share_within_tolerance"] >= 0.8


def test_state_system_agrees_with_cow(store, shared_data) -> None:
    res = agreement.state_system_agreement(store, ref.read_cow_states(shared_data / "ps_cow_states.csv"))
    print(res.name, res.figures, res.disagreements.to_dict("records"))
    assert res.figures["share_agreeing"] >= 0.95


def test_arms_and_troops_responses_agree_with_ucdp_esd(store, shared_data) -> None:
    res = agreement.responses_agreement(store, ref.read_ucdp_esd(shared_data / "ucdp_esd_triad_year_18_1.csv"))
    print(res.name, res.figures, res.disagreements.to_dict("records"))
    assert res.figures["responses_compared"] >= 10
    assert res.figures["share_agreeing"] >= 0.8
