"""The dyad-year rule behind the ATOP comparison, on a self-made pack."""

from __future__ import annotations

import pandas as pd

from fairweather.agreement import defence_agreement, defence_dyad_years
from fairweather.store import Store


def test_defence_dyad_years_follow_spells(small_pack) -> None:
    with (small_pack / "commitment_members.csv").open("a") as fh:
        fh.write("chn-prk-1961,RUS,consultation,,2000-06-01,2001-03-01,s-treaty,\n")
    store = Store.open(small_pack)
    dy = defence_dyad_years(store, range(1999, 2003))
    got = set(map(tuple, dy.itertuples(index=False, name=None)))
    # CHN and PRK defend each other every year; RUS gives only consultation but
    # CHN and PRK give defence to every member, so RUS's dyads count in 2000-2001.
    assert {("CHN", "PRK", y) for y in range(1999, 2003)} <= got
    assert ("CHN", "RUS", 2000) in got and ("CHN", "RUS", 2001) in got and ("CHN", "RUS", 2002) not in got
    assert not any(d[2] < 1999 or d[2] > 2002 for d in got)


def test_recall_and_precision_arithmetic(small_pack) -> None:
    store = Store.open(small_pack)
    atop = pd.DataFrame({"state_a": ["CHN", "CHN", "RUS"], "state_b": ["PRK", "PRK", "IRN"], "year": [2000, 2001, 2000],
                         "defense": [1, 1, 1]})
    res = defence_agreement(store, atop, range(2000, 2003))
    # pack: CHN-PRK 2000..2002 (3); reference: CHN-PRK 2000, 2001 and RUS-IRN 2000 (3)
    assert res.figures["recall"] == 2 / 3 and res.figures["precision"] == 2 / 3
    assert set(res.disagreements["where"]) == {"reference only", "pack only"}
