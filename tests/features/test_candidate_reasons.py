"""The candidate rule's reasons "adversary of an attacker" and "helped the target recently", on a constructed case.

IRN is attacked by ISR on D (2010-06-01). PRK was ISR's rival until 1995 (within 20 years of D), CHN until
1985 (not), USA is its rival on D; ISR attacked RUS in 2000 and CHN in 2011 (after D); when ISR attacked SYR
in 2006, TUR armed SYR and IRQ only spoke. RUS gave IRN arms
in a crisis of 2009-09 (within a year of D), CHN in 2005 (not recent); PRK only spoke in 2009. IRQ, SYR
and TUR are there so that the three capitals nearest Tehran are theirs.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from fairweather.features import feature_inputs
from fairweather.features.ranking import CANDIDATE_WEIGHTS, rank_candidates
from fairweather.store import Store

SMALL = Path(__file__).parents[1] / "fixtures" / "pack_small"
D = dt.date(2010, 6, 1)
ADVERSARY, RECENT = "adversary of an attacker", "helped the target recently"

STATES = [("IRQ", 645, "Iraq", "Baghdad", 33.31, 44.37), ("SYR", 652, "Syria", "Damascus", 33.51, 36.29),
          ("TUR", 640, "Turkey", "Ankara", 39.93, 32.86)]
RIVALRIES = [("ISR", "PRK", "1980-01-01", "1995-12-31"), ("ISR", "CHN", "1960-01-01", "1985-12-31"),
             ("ISR", "USA", "2005-01-01", "")]
CRISES = [("irn-2005", "2005-03-01", "IRN", "IRQ"), ("rus-2000", "2000-03-01", "RUS", "ISR"),
          ("irn-2009", "2009-09-01", "IRN", "IRQ"), ("chn-2011", "2011-03-01", "CHN", "ISR"),
          ("syr-2006", "2006-07-01", "SYR", "ISR")]
RESPONSES = [("irn-2005", "CHN", 4), ("irn-2009", "RUS", 4), ("irn-2009", "PRK", 1), ("syr-2006", "TUR", 4),
             ("syr-2006", "IRQ", 1)]


def _append(path: Path, rows: list[list]) -> None:
    with open(path, "a", newline="") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    pack = tmp_path_factory.mktemp("reasons") / "pack"
    shutil.copytree(SMALL, pack)
    _append(pack / "states.csv", [[iso, cow, cow, name, "middle_east", cap, lat, lon, "1946-01-01", "", "s-data"]
                                  for iso, cow, name, cap, lat, lon in STATES])
    _append(pack / "ties.csv", [[a, b, "rivalry", "positional", "", "", vf, vt, "s-data", ""] for x, y, vf, vt in RIVALRIES
                                for a, b in ((x, y), (y, x))])
    _append(pack / "crises.csv", [[cid, f"{a} against {t}", sd, "", t, a, "air_strikes", f"{a} struck {t}.", "s-data"]
                                  for cid, sd, t, a in CRISES])
    _append(pack / "responses.csv", [[cid, sup, lvl, 0, f"{sup} gave level {lvl}.", "s-data"] for cid, sup, lvl in RESPONSES])
    store = Store.open(pack)
    yield feature_inputs(store)
    store.close()


def _reasons(inp, weights=None, d: dt.date = D) -> dict[str, list[str]]:
    return dict(rank_candidates(inp, "IRN", ("ISR",), d, top=None, weights=weights))


def test_a_rival_or_enemy_of_an_attacker_within_twenty_years_is_an_adversary(inputs):
    why = _reasons(inputs)
    assert why["PRK"] == [ADVERSARY]               # ISR's rival until 1995: its only reason
    assert ADVERSARY in why["RUS"]                 # attacked by ISR in 2000
    assert ADVERSARY not in why["CHN"]             # rivalry ended 1985; the 2011 crisis is after D
    assert "rival of an attacker" in why["USA"] and ADVERSARY not in why["USA"]  # counted once, as a rival
    assert ADVERSARY in why["SYR"]                 # attacked by ISR in 2006
    assert ADVERSARY in why["TUR"] and ADVERSARY not in why["IRQ"]  # armed SYR against ISR; IRQ only spoke


def test_an_adversary_is_forgotten_after_twenty_years(inputs):
    assert "PRK" not in _reasons(inputs, d=dt.date(2016, 6, 1))  # 1995-12-31 is more than 20 years before


def test_material_help_in_the_last_year_is_recent(inputs):
    why = _reasons(inputs)
    assert {"helped the target before", RECENT} <= set(why["RUS"])  # arms in 2009-09
    assert "helped the target before" in why["CHN"] and RECENT not in why["CHN"]  # 2005
    assert RECENT not in why["PRK"]                                 # words only
    assert RECENT not in _reasons(inputs, d=dt.date(2010, 9, 2))["RUS"]  # a year and a day later


def test_a_reason_left_out_of_the_weights_is_no_reason(inputs):
    weights = {r: w for r, w in CANDIDATE_WEIGHTS.items() if r not in (ADVERSARY, RECENT)}
    why = _reasons(inputs, weights)
    assert "PRK" not in why
    assert RECENT not in why["RUS"] and ADVERSARY not in why["RUS"]
    full = dict(rank_candidates(inputs, "IRN", ("ISR",), D, top=None))
    score = {p: sum(CANDIDATE_WEIGHTS[r] for r in rs) for p, rs in full.items()}
    assert score["RUS"] == sum(weights[r] for r in why["RUS"]) + CANDIDATE_WEIGHTS[ADVERSARY] + CANDIDATE_WEIGHTS[RECENT]
