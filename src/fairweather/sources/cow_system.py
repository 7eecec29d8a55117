"""COW State System Membership (v2016), COW capitals and COW major powers (v2016).

Reads ``states2016`` as peacesciencer ships it (``cow_states``: ``stateabb, ccode,
statenme, styear, stmonth, stday, endyear, endmonth, endday``), its capitals
table (``cow_capitals``: ``ccode, capital, stdate, enddate, lat, lng``) and
``majors2016`` (``cow_majors``: ``ccode, styear … endday``). States become
``states`` rows (from 1946 on, so the history's partners are known with their
capitals); major-power spells become ``major_power`` state facts.

The store keeps the curated pack's own rows for states it already has; only
states the pack lacks are added (see :meth:`fairweather.store.Store.import_rows`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, ymd

__all__ = ["STATES", "MAJORS", "read_states", "read_majors", "region_of"]

STATES = Dataset("cow-states-2016", "cow_states", "2016", "Correlates of War Project. State System Membership List, v2016.",
                 "https://correlatesofwar.org/data-sets/state-system-membership/", "free to use with citation",
                 ("ps_cow_states.csv", "ps_cow_capitals.csv"), "2017-01-01")
MAJORS = Dataset("cow-majors-2016", "cow_majors", "2016", "Correlates of War Project. Major Powers list, v2016 "
                 "(State System Membership).", "https://correlatesofwar.org/data-sets/state-system-membership/",
                 "free to use with citation", ("ps_cow_majors.csv",), "2017-01-01")

#: First year of the history: the post-1945 state system.
FIRST_YEAR = 1946


def region_of(ccode: int) -> str:
    """The pack's region of a COW state number (by COW's regional numbering)."""
    c = int(ccode)
    if c < 200:
        return "americas"
    if 365 <= c <= 373 or 701 <= c <= 705:
        return "post_soviet"
    if c < 400:
        return "europe"
    if c < 630:
        return "africa"
    if c < 700:
        return "middle_east"
    if c < 900:
        return "asia"
    return "oceania"


def read_states(folder: Path | str) -> ImportedRows:
    """State spells alive on or after 1946-01-01, with their capitals' coordinates."""
    folder = Path(folder)
    st = read_reference(folder / STATES.files[0], {"ccode": "int", "statenme": "str", "styear": "int", "stmonth": "int",
                                                   "stday": "int", "endyear": "int", "endmonth": "int", "endday": "int"})
    caps = read_reference(folder / STATES.files[1], {"ccode": "int", "capital": "str", "stdate": "date", "enddate": "date?",
                                                     "lat": "float", "lng": "float"})
    out: list[dict[str, Any]] = []
    skipped: dict[str, int] = {}
    for r in st.itertuples(index=False):
        vf, vt = ymd(r.styear, r.stmonth, r.stday), ymd(r.endyear, r.endmonth, r.endday, end=True)
        if vt is not None and vt < dt.date(FIRST_YEAR, 1, 1):
            continue
        iso = cow_iso3(r.ccode)
        if iso is None:
            skipped["state without a code"] = skipped.get("state without a code", 0) + 1
            continue
        # the spell's capital: the capital spell covering the state's start (or the latest before its end)
        c = caps[caps["ccode"] == r.ccode].sort_values("stdate")
        if c.empty:
            skipped["state without a capital"] = skipped.get("state without a capital", 0) + 1
            continue
        at = max(vf or dt.date(FIRST_YEAR, 1, 1), dt.date(FIRST_YEAR, 1, 1))
        cover = c[(c["stdate"].dt.date <= at) & (c["enddate"].isna() | (c["enddate"].dt.date >= at))]
        cap = (cover if not cover.empty else c).iloc[-1]
        out.append({"iso3": iso, "cow_code": int(r.ccode), "gw_code": int(r.ccode), "name": r.statenme,
                    "region": region_of(r.ccode), "capital": cap["capital"], "capital_lat": float(cap["lat"]),
                    "capital_lon": float(cap["lng"]), "valid_from": vf,
                    # COW's v2016 list closes every living state on 2016-12-31: that is the list's end, not the state's
                    "valid_to": None if (vt is None or vt >= dt.date(2016, 12, 31)) else vt,
                    "source_id": STATES.source_id})
    rows = ImportedRows(STATES, {"states": pd.DataFrame(out)}, rows_read=len(st))
    rows.skipped.update(skipped)
    return rows


def read_majors(folder: Path | str) -> ImportedRows:
    """COW major-power spells as ``major_power`` facts (value 1)."""
    df = read_reference(Path(folder) / MAJORS.files[0], {"ccode": "int", "styear": "int", "stmonth": "int", "stday": "int",
                                                         "endyear": "int", "endmonth": "int", "endday": "int"})
    out = []
    for r in df.itertuples(index=False):
        iso = cow_iso3(r.ccode)
        vt = ymd(r.endyear, r.endmonth, r.endday, end=True)
        if iso is None or (vt is not None and vt < dt.date(FIRST_YEAR, 1, 1)):
            continue
        out.append({"state": iso, "fact": "major_power", "value": "1", "valid_from": ymd(r.styear, r.stmonth, r.stday),
                    "valid_to": None if vt is None or vt >= dt.date(2016, 12, 31) else vt, "source_id": MAJORS.source_id,
                    "note": "COW major power; spells open at the list's end (2016) stay valid"})
    return ImportedRows(MAJORS, {"state_facts": pd.DataFrame(out)}, rows_read=len(df))
