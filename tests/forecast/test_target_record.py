"""The past record for the target (``past_help_target``): the shrunk share of the target's earlier crises.

``past_help_target`` is helps / (the target's crises begun before D + 2), as of D, on the per-row path
(``history_row``) and the bulk path (``bulk_frame``) alike. The case is constructed: IRN attacked by ISR
in 2001 and 2005 (RUS helped in 2001 only; USA backed ISR in 2001), ISR attacked by IRN in 2003 (USA
armed ISR: help to the attacker of IRN's later crises), and IRN crises on D and after D in which RUS
helped (they do not exist as of D).
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from fairweather.features import feature_inputs
from fairweather.features.bulk import bulk_frame
from fairweather.features.history import history_row
from fairweather.store import Store

SMALL = Path(__file__).parents[1] / "fixtures" / "pack_small"
D = dt.date(2010, 1, 1)

CRISES = [  # crisis_id, start, target, attackers
    ("irn-2001", "2001-03-01", "IRN", "ISR"),
    ("isr-2003", "2003-03-01", "ISR", "IRN"),
    ("irn-2005", "2005-03-01", "IRN", "ISR"),
    ("irn-2010", D.isoformat(), "IRN", "ISR"),
    ("irn-2012", "2012-03-01", "IRN", "ISR"),
]
RESPONSES = [  # crisis_id, supporter, level, sided_with_attacker
    ("irn-2001", "RUS", 4, 0),
    ("irn-2001", "USA", 0, 1),
    ("isr-2003", "USA", 4, 0),
    ("irn-2005", "RUS", 1, 0),
    ("irn-2010", "RUS", 5, 0),
    ("irn-2012", "RUS", 5, 0),
    ("irn-2012", "CHN", 4, 0),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    pack = tmp_path_factory.mktemp("record") / "pack"
    shutil.copytree(SMALL, pack)
    with open(pack / "crises.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["crisis_id", "name", "start_date", "end_date", "target", "attackers", "kind", "description", "source_id"])
        for cid, start, t, a in CRISES:
            w.writerow([cid, f"{a} against {t}", start, "", t, a, "air_strikes", f"{a} struck {t}.", "s-data"])
    with open(pack / "responses.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["crisis_id", "supporter", "level", "sided_with_attacker", "evidence", "source_id"])
        for cid, sup, lvl, sided in RESPONSES:
            w.writerow([cid, sup, lvl, sided, f"{sup} gave level {lvl}.", "s-data"])
    store = Store.open(pack)
    yield feature_inputs(store)
    store.close()


def _record(inp, partner: str, target: str, attackers: tuple[str, ...], d: dt.date) -> float:
    return history_row(inp, partner, target, attackers, d)["past_help_target"]


def test_help_in_one_of_two_earlier_crises_is_a_quarter(inputs):
    assert _record(inputs, "RUS", "IRN", ("ISR",), D) == pytest.approx(1 / 4)


def test_one_earlier_crisis_cannot_dominate(inputs):
    # on 2003-01-01 IRN had one earlier crisis and RUS helped in it: 1 / (1 + 2), not 1
    assert _record(inputs, "RUS", "IRN", ("ISR",), dt.date(2003, 1, 1)) == pytest.approx(1 / 3)


def test_a_crisis_on_or_after_the_date_does_not_count(inputs):
    # irn-2010 begins on D and irn-2012 after it: neither is a help nor an earlier crisis of IRN (else 2/5 or 3/6)
    assert _record(inputs, "RUS", "IRN", ("ISR",), D) == pytest.approx(1 / 4)
    # the day after irn-2010 began, it is an earlier crisis and RUS's help in it counts: 2 / (3 + 2)
    assert _record(inputs, "RUS", "IRN", ("ISR",), D + dt.timedelta(days=1)) == pytest.approx(2 / 5)
    assert _record(inputs, "CHN", "IRN", ("ISR",), D) == 0.0  # CHN's only help is in 2012


def test_help_to_the_attacker_does_not_count(inputs):
    # USA sided with ISR in IRN's 2001 crisis and armed ISR when IRN attacked it in 2003: no help to IRN
    assert _record(inputs, "USA", "IRN", ("ISR",), D) == 0.0
    # ...while the 2003 help is ISR's record: 1 of ISR's 1 earlier crisis
    assert _record(inputs, "USA", "ISR", ("IRN",), D) == pytest.approx(1 / 3)


def test_the_bulk_path_gives_the_same_shares(inputs):
    partners = ["CHN", "PRK", "RUS", "USA"]
    for d in (dt.date(2003, 1, 1), D, D + dt.timedelta(days=1)):
        bulk = bulk_frame(inputs, [("case", "IRN", ("ISR",), d, partners)], history=True)
        assert bulk["past_help_target"].tolist() == [_record(inputs, p, "IRN", ("ISR",), d) for p in partners]
