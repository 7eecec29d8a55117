"""add_capital_distance against peacesciencer's method: capital on the first day of the year, geosphere's sphere.

peacesciencer 1.2.9 (``R/add_capital_distance.R``) expands each capital spell to days, keeps a state's first day
of each year (``transsum = "first"``) and calls ``geosphere::distVincentySphere`` (radius 6,378,137 m). The check
below re-implements both independently of the verb: the day-level rule in pandas and Vincenty's sphere formula
(the atan2 form geosphere uses, not the verb's haversine).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from fairweather.panels import add_capital_distance, create_dyad_years
from fairweather.panels._geography import EARTH_KM, haversine_km


def vincenty_sphere_km(lat1, lng1, lat2, lng2, r=6378137.0):
    """geosphere::distVincentySphere, in km."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lng2 - lng1)
    x = math.sqrt((math.cos(p2) * math.sin(dl)) ** 2 + (math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) *
                  math.cos(dl)) ** 2)
    y = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return r * math.atan2(x, y) / 1000


def first_capital(spells: list[tuple], year: int) -> tuple[float, float] | None:
    """The capital on a state's first day of ``year`` that has one (peacesciencer's slice(1) of its days)."""
    jan1, dec31 = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    days = [(max(st, jan1), i, lat, lng) for i, (st, en, lat, lng) in enumerate(spells) if st <= dec31 and en >= jan1]
    return min(days)[2:] if days else None


def check(path, panel, sample) -> None:
    caps = pd.read_csv(path / "ps_cow_capitals.csv", parse_dates=["stdate", "enddate"])
    spells = {c: list(g[["stdate", "enddate", "lat", "lng"]].itertuples(index=False)) for c, g in caps.groupby("ccode")}
    f = add_capital_distance(panel).to_frame()
    rows = f.sample(n=min(sample, len(f)), random_state=16)
    checked = 0
    for a, b, year, got in rows[["ccode1", "ccode2", "year", "capdist"]].itertuples(index=False):
        ca, cb = first_capital(spells.get(a, []), year), first_capital(spells.get(b, []), year)
        if ca is None or cb is None:
            assert pd.isna(got), (a, b, year)
            continue
        assert got == pytest.approx(vincenty_sphere_km(*ca, *cb), rel=1e-9, abs=1e-6), (a, b, year)
        checked += 1
    assert checked > 0.9 * len(rows)


def test_capital_distance_follows_peacesciencers_rule_and_sphere(fx) -> None:
    check(fx, create_dyad_years(years=range(1900, 2020), reference=fx), sample=600)


def test_the_sphere_is_geospheres_and_distance_is_symmetric() -> None:
    quarter = haversine_km(*(pa.array([x]) for x in (0.0, 0.0, 0.0, 90.0))).to_pylist()[0]
    assert EARTH_KM == 6378.137 and quarter == pytest.approx(math.pi / 2 * 6378.137)
    antipode = haversine_km(*(pa.array([x]) for x in (10.0, 20.0, -10.0, -160.0))).to_pylist()[0]
    assert antipode == pytest.approx(math.pi * 6378.137)
    pts = np.random.default_rng(3).uniform([-90, -180, -90, -180], [90, 180, 90, 180], size=(50, 4))
    there = haversine_km(*(pa.array(pts[:, i]) for i in range(4))).to_pylist()
    back = haversine_km(*(pa.array(pts[:, i]) for i in (2, 3, 0, 1))).to_pylist()
    assert there == pytest.approx(back)
    assert there == pytest.approx([vincenty_sphere_km(*p) for p in pts], rel=1e-9)
    assert haversine_km(*(pa.array([x], pa.float64()) for x in (None, 0.0, 1.0, 1.0))).to_pylist() == [None]


@pytest.mark.reference
def test_capital_distance_on_the_full_cow_dyad_years(shared_data) -> None:
    check(shared_data, create_dyad_years(reference=shared_data), sample=1500)
