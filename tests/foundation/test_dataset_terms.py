"""Official values taken exactly (issue 12): every dataset behind the regime and spending facts has its terms
recorded, built values come only from redistributable datasets, curated stand-ins say what they are, and a
value no file or page states (GDP) is not carried."""

from __future__ import annotations

import pandas as pd

from fairweather.pack import embedded_pack_path
from fairweather.pack.dataset_terms import DATASET_TERMS
from fairweather.sources.cow_nmc import NMC
from fairweather.sources.vdem import VDEM

FACTS = embedded_pack_path() / "state_facts"


def _rows(name: str) -> pd.DataFrame:
    return pd.read_csv(FACTS / name, dtype=str, keep_default_na=False)


def test_every_dataset_behind_regime_and_spending_has_its_terms_recorded() -> None:
    cited = set(_rows("regime.csv")["source_id"]) | set(_rows("milex.csv")["source_id"])
    assert cited <= set(DATASET_TERMS), sorted(cited - set(DATASET_TERMS))


def test_regime_rows_are_built_from_a_redistributable_dataset() -> None:
    regime = _rows("regime.csv")
    built = regime[regime["source_id"] == VDEM.source_id]
    assert DATASET_TERMS[VDEM.source_id].redistributable
    assert built["note"].str.fullmatch(r"value for \d{4}").all()
    curated = regime[regime["source_id"] != VDEM.source_id]
    assert curated["note"].str.contains("curated").all()


def test_spending_rows_are_all_built_from_cow_nmc_none_from_sipri() -> None:
    milex = _rows("milex.csv")
    assert DATASET_TERMS[NMC.source_id].redistributable
    assert (milex["source_id"] == NMC.source_id).all() and (milex["fact"] == "milex_usd").all()
    assert milex["note"].str.fullmatch(r"value for \d{4}").all()
    assert not DATASET_TERMS["sipri-milex-2025"].redistributable  # why SIPRI's own series is not carried


def test_no_state_fact_is_a_curated_gdp_approximation() -> None:
    """GDP has no redistributable file at hand, so the pack carries no GDP value rather than a hand estimate."""
    facts = pd.concat([_rows(p.name) for p in sorted(FACTS.glob("*.csv"))], ignore_index=True)
    assert not (facts["fact"] == "gdp_usd").any()
