"""Build ``src/fairweather/text/data/armed_group_homes.csv``: each armed group UCDP records, with its home state.

The PLOVER gold standard codes a domestic armed group to the state it fights
in (Hamas PSE, Hezbollah LBN, LTTE LKA, SPLM/A SDN, UNITA AGO, MILF PHL) and a
transnational one as a non-state actor (al-Qaeda IMG). The coder follows it,
and takes each group's state from the UCDP External Support Dataset 18.1
actor-year file (CC BY 4.0): the government the group fights (``gwno_a``),
except where UCDP's ``location`` names the group's own territory
(``Israel: Palestine`` is Palestine, ``Israel: Southern Lebanon`` Lebanon).
Left out: groups UCDP records against more than one government (IS, AQIM,
IMU ...: transnational, or a home the file cannot tell) unless
:data:`_HOME_BY_LOCATION` picks one; names that are no name ("Military faction
(...)", "Forces of ...", "Republic of ...", "... insurgents"); names shorter than
three letters; and a name UCDP gives two groups of different states.

Run from the repository root::

    python tools/build_armed_group_homes.py ../shared/data/ucdp_esd_actor_year_18_1.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from fairweather.codes import try_iso3

from _table import run

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "armed_group_homes.csv"

#: UCDP locations that name the group's home rather than its opponent's state.
_LOCATION_HOME = {"Israel: Palestine": "PSE", "Israel: Southern Lebanon": "LBN"}
#: Groups UCDP records against several governments, whose home the location names (the group's own state).
_HOME_BY_LOCATION = {717: "Somalia: Government", 1051: "Nigeria: Government"}
#: Transnational groups: no state (the PLOVER gold codes al-Qaeda as IMG, an international militant group).
_TRANSNATIONAL = {234, 769}
_NO_NAME = ("Military faction", "Forces of", "Republic of", "Democratic Republic", "Autonomous Province", "Serbian Republic",
            "Croatian Republic", "Chechen Republic")
#: Generic words that UCDP uses as names, or names that mean something else more often in the news.
_GENERIC = {"Presidential guard", "Popular Front", "National Front", "Islamic Legion", "Parliamentary Forces",
            "Muslim Brotherhood", "Maidan", "Cobras", "Ninjas", "Lebanese Forces", "Contras", "Signed-in-Blood Battalion"}


def _home(rows: pd.DataFrame) -> tuple[str, str] | None:
    actor_id = int(rows["actor_id"].iloc[0])
    locations = sorted(set(rows["location"]))
    if actor_id in _TRANSNATIONAL:
        return None
    if actor_id in _HOME_BY_LOCATION:
        loc = _HOME_BY_LOCATION[actor_id]
        gw = rows.loc[rows["location"].str.contains(loc, regex=False), "gwno_a"].iloc[0]
        iso3 = try_iso3(int(str(gw).split(",")[0]), "gw")
        return (iso3, loc) if iso3 else None
    if len(set(rows["gwno_a"])) != 1:
        return None
    loc = locations[0]
    if loc in _LOCATION_HOME:
        return _LOCATION_HOME[loc], loc
    iso3 = try_iso3(int(str(rows["gwno_a"].iloc[0]).split(",")[0]), "gw")  # None for a state gone (South Yemen)
    return (iso3, loc) if iso3 else None


def build(esd_actor_year: Path) -> list[dict[str, str]]:
    df = pd.read_csv(esd_actor_year, usecols=["actor_id", "actor_name", "actor_nonstate", "location", "gwno_a"])
    df = df[df["actor_nonstate"] == 1]
    out = []
    for actor_id, rows in df.groupby("actor_id"):
        name = str(rows["actor_name"].iloc[0]).strip()
        if name.startswith(_NO_NAME) or name in _GENERIC or name.endswith(("insurgents", "irregulars")) \
                or len(name.replace(" ", "")) < 3:
            continue
        home = _home(rows)
        if home is None:
            continue
        iso3, loc = home
        out.append({"code": f"UCDP:{actor_id}", "name": name, "iso3": iso3,
                    "source": f"UCDP ESD 18.1 actor-year file, actor_id {actor_id} '{name}', location '{loc}'"})
    homes: dict[str, set[str]] = {}
    for r in out:
        homes.setdefault(r["name"], set()).add(r["iso3"])
    return sorted((r for r in out if len(homes[r["name"]]) == 1), key=lambda r: int(r["code"][5:]))


def main(argv: list[str]) -> int:
    return run(argv, __doc__, build, OUT, ["code", "name", "iso3", "source"],
               lambda rows: f"{len(rows)} groups")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
