"""Country identity: names as news writes them, code systems, and helpful errors."""

from __future__ import annotations

import pytest

from fairweather import codes
from fairweather.errors import UnknownStateError


@pytest.mark.parametrize(
    "text, iso3",
    [
        ("Tehran", "IRN"), ("Moscow", "RUS"), ("Pyongyang", "PRK"), ("the Kremlin", "RUS"),
        ("Beijing", "CHN"), ("Iranian", "IRN"), ("IRN", "IRN"), ("irn", "IRN"), ("North Korea", "PRK"),
        ("South Korea", "KOR"), ("Russian Federation", "RUS"), ("United States", "USA"), ("the White House", "USA"),
        ("Israeli", "ISR"), ("Türkiye", "TUR"), ("Kyiv", "UKR"), ("Syria", "SYR"), ("Armenian", "ARM"),
        ("Democratic People's Republic of Korea", "PRK"), ("Islamic Republic of Iran", "IRN"),
    ],
)
def test_names_resolve(text: str, iso3: str) -> None:
    assert codes.to_iso3(text) == iso3


def test_numeric_codes_by_system() -> None:
    assert codes.to_iso3(630) == "IRN"
    assert codes.to_iso3("365") == "RUS"
    assert codes.iso3_to_cow("DEU") == 255 and codes.iso3_to_gw("DEU") == 260
    assert codes.iso3_to_cow("SRB") == 345 and codes.iso3_to_gw("SRB") == 340
    assert codes.to_iso3(678, system="gw") == "YEM"
    assert codes.cow_to_iso3(260) == "DEU"


def test_unknown_name_suggests_closest() -> None:
    with pytest.raises(UnknownStateError) as info:
        codes.to_iso3("Moskow")
    assert any("RUS" in s for s in info.value.suggestions[:1])
    assert "Did you mean" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_unknown_number_and_types() -> None:
    with pytest.raises(UnknownStateError):
        codes.to_iso3(99999)
    with pytest.raises(UnknownStateError):
        codes.to_iso3(None)  # type: ignore[arg-type]
    assert codes.try_iso3("Atlantis") is None


def test_codes_are_unique() -> None:
    states = codes.all_states()
    assert len({s.iso3 for s in states}) == len(states)
    assert len({s.cow_code for s in states}) == len(states)
    assert len({s.gw_code for s in states}) == len(states)


@pytest.mark.reference
def test_cow_codes_match_cow_state_list(shared_data) -> None:
    """Every COW number in codes_data matches the COW State System list (ps_cow_states.csv)."""
    import pandas as pd

    cow = pd.read_csv(shared_data / "ps_cow_states.csv")
    known = set(cow["ccode"])
    ours = {s.iso3: s.cow_code for s in codes.all_states()}
    missing = {iso: c for iso, c in ours.items() if c not in known and iso not in {"XKX", "SSD"}}
    # Kosovo (347) and South Sudan (626) joined after some releases; everything else must be there.
    assert not missing, f"COW codes not in the COW list: {missing}"


@pytest.mark.reference
def test_gw_codes_match_crosswalk(shared_data) -> None:
    """G-W numbers agree with the isard COW<->G-W crosswalk for 2015."""
    import pandas as pd

    panel = pd.read_parquet(shared_data / "isard_cw_gw_panel.parquet")
    p = panel[panel["year"] == 2015].dropna(subset=["gwcode", "ccode"])
    cw = dict(zip(p["ccode"].astype(int), p["gwcode"].astype(int)))
    bad = {s.iso3: (s.gw_code, cw[s.cow_code]) for s in codes.all_states() if s.cow_code in cw and cw[s.cow_code] != s.gw_code}
    assert not bad, f"G-W codes disagree with the crosswalk: {bad}"
