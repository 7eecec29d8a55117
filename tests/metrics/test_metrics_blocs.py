"""The embedded pack's bloc memberships: dates, sources and states, read straight from the CSV files.

Read from the files (not the store) so these checks hold while curators are
still filling other tables of the embedded pack.
"""

from __future__ import annotations

import pandas as pd
import pytest

from fairweather.metrics import BLOC_ADVERSARIES, BLOCS
from fairweather.metrics.blocs import BLOC_IDS
from fairweather.pack import embedded_pack_path

PACK = embedded_pack_path()


@pytest.fixture(scope="module")
def blocs() -> pd.DataFrame:
    df = pd.read_csv(PACK / "bloc_members" / "blocs.csv", dtype=str, keep_default_na=False)
    df["valid_from"] = pd.to_datetime(df["valid_from"])
    df["valid_to"] = pd.to_datetime(df["valid_to"].replace("", None))
    return df


def members(blocs: pd.DataFrame, bloc_id: str, day: str) -> set[str]:
    d = pd.Timestamp(day)
    b = blocs[(blocs["bloc_id"] == bloc_id) & (blocs["valid_from"] <= d) & (blocs["valid_to"].isna() | (blocs["valid_to"] >= d))]
    return set(b["state"])


def test_every_named_bloc_has_rows_and_one_name(blocs) -> None:
    for name in BLOCS:
        rows = blocs[blocs["bloc_id"] == BLOC_IDS[name]]
        assert not rows.empty, name
        assert set(rows["bloc_name"]) == {name}
    assert set(BLOC_ADVERSARIES) == set(BLOCS)


def test_sources_and_states_exist(blocs) -> None:
    sources = pd.concat([pd.read_csv(p, dtype=str) for p in sorted((PACK / "sources").glob("*.csv"))])
    assert set(blocs["source_id"]) <= set(sources["source_id"])
    states = pd.concat([pd.read_csv(p, dtype=str) for p in sorted((PACK / "states").glob("*.csv"))])
    assert set(blocs["state"]) <= set(states["iso3"])
    assert not blocs.duplicated(["bloc_id", "state", "valid_from"]).any()


@pytest.mark.parametrize("bloc_id,day,expected", [
    ("nato", "2023-04-03", 30), ("nato", "2023-04-04", 31), ("nato", "2024-03-07", 32),
    ("sco", "2017-06-08", 6), ("sco", "2017-06-09", 8), ("sco", "2023-07-04", 9), ("sco", "2024-07-04", 10),
    ("brics", "2010-07-01", 4), ("brics", "2011-07-01", 5), ("brics", "2024-01-01", 9), ("brics", "2025-01-06", 10),
    ("csto", "1998-07-01", 9), ("csto", "2000-07-01", 6), ("csto", "2008-07-01", 7), ("csto", "2013-07-01", 6),
    ("gcc", "1990-01-01", 6), ("quad", "2007-07-01", 4), ("quad", "2012-07-01", 0), ("quad", "2018-07-01", 4),
    ("aukus", "2021-09-14", 0), ("aukus", "2021-09-15", 3), ("union_state", "2000-07-01", 2),
    ("crink", "2021-07-01", 0), ("crink", "2022-07-01", 4),
])
def test_membership_counts_on_key_dates(blocs, bloc_id, day, expected) -> None:
    assert len(members(blocs, bloc_id, day)) == expected


def test_landmark_members(blocs) -> None:
    assert "FIN" in members(blocs, "nato", "2023-07-01") and "SWE" not in members(blocs, "nato", "2023-07-01")
    assert members(blocs, "crink", "2025-07-01") == {"CHN", "RUS", "IRN", "PRK"}
    assert {"EGY", "ETH", "IRN", "ARE"} <= members(blocs, "brics", "2024-07-01")
    assert "SAU" not in members(blocs, "brics", "2025-07-01")
    assert "UZB" in members(blocs, "csto", "2010-07-01") and "UZB" not in members(blocs, "csto", "2001-07-01")
    crink_note = blocs[blocs["bloc_id"] == "crink"]["note"].iloc[0]
    assert "analysts' label" in crink_note
