"""UCDP External Support Dataset 18.1 (triad-year): which states backed a government, and how.

Reads the ESD triad-year file (``ucdp-esd-ty-181``: one row per warring actor x
opponent x supporter x year, with support flags ``ext_x … ext_u``). A government
fighting an armed group (UCDP's intrastate conflicts; interstate cases come from
the MIDs) is a crisis from the first year ESD records the dyad, the government's
state its target and the group its attacker (``UCDP:<actor id>``, with its name in
the description). Dyads first recorded in 1975, ESD's first year, are left out:
their start is unknown.

Support in the crisis's first two years becomes ``responses``, as the ESD
codebook's types rank it: troops as a secondary warring party (X) or troop
presence (P) is level 5; access to infrastructure or joint operations (Y),
weapons (W), materiel and logistics (M), training (T), intelligence (I) or
access to territory (L) is 4; funding or economic support (F) is 3; other or
unknown support is 3 to 5. Alleged support and non-state supporters are left
out. ESD observes material support only: a candidate without a record is
censored below 3 (:data:`OBSERVES_FROM`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, read_reference
from fairweather.sources.reference import _government

__all__ = ["ESD", "read_esd", "read_group_support", "OBSERVES_FROM"]

ESD = Dataset("ucdp-esd-18.1", "ucdp_esd", "18.1 (triad-year)", "Meier, Vanessa, Niklas Karlén, Therése Pettersson & "
              "Mihai Croicu. 2023. External support in armed conflicts: Introducing the UCDP External Support Dataset "
              "(ESD), 1975-2017. Journal of Peace Research 60(3): 545-554.", "https://ucdp.uu.se/downloads/",
              "CC BY 4.0", ("ucdp_esd_triad_year_18_1.csv",), "2018-06-01")
OBSERVES_FROM = 3
FIRST_YEAR, LAST_YEAR = 1975, 2017
_FLAGS = ("ext_x", "ext_p", "ext_y", "ext_w", "ext_m", "ext_t", "ext_f", "ext_i", "ext_l", "ext_o", "ext_u")
_WHAT = {"ext_x": "troops as a secondary warring party", "ext_p": "troop presence", "ext_y": "access to infrastructure",
         "ext_w": "weapons", "ext_m": "materiel and logistics", "ext_t": "training", "ext_i": "intelligence",
         "ext_l": "access to territory", "ext_f": "funding", "ext_o": "other support", "ext_u": "unknown support"}


def _levels(row: pd.Series) -> tuple[int, int]:
    if row["ext_x"] == 1 or row["ext_p"] == 1:
        return 5, 5
    if any(row[k] == 1 for k in ("ext_y", "ext_w", "ext_m", "ext_t", "ext_i", "ext_l")):
        return 4, 4
    if row["ext_f"] == 1:
        return 3, 3
    return 3, 5


def read_esd(folder: Path | str, window_years: int = 2) -> ImportedRows:
    df = read_reference(Path(folder) / ESD.files[0], {
        "year": "int", "actor_id": "int", "actor_name": "str", "actor_nonstate": "int", "oppo_id": "int", "oppo_name": "str",
        "civil": "int?", "conflict_id": "int", "ext_name": "str?", "ext_nonstate": "int?", "ext_alleged": "int?", "ext_sup": "int?",
        **{k: "int?" for k in _FLAGS}})
    gov = df[df["actor_nonstate"] == 0]
    first = gov.groupby(["conflict_id", "actor_id", "oppo_id"])["year"].min().rename("y0").reset_index()
    crises, responses, skipped = [], [], 0
    gov = gov.merge(first, on=["conflict_id", "actor_id", "oppo_id"])
    for (conf, actor, oppo), g in gov.groupby(["conflict_id", "actor_id", "oppo_id"], sort=True):
        y0 = int(g["y0"].iloc[0])
        target = _government(g["actor_name"].iloc[0])
        if y0 <= FIRST_YEAR or target is None:
            skipped += target is None
            continue
        oppo_name = str(g["oppo_name"].iloc[0])
        if oppo_name.startswith("Government of "):
            continue  # interstate: the MIDs code these
        cid = f"esd-{int(conf)}-{int(actor)}-{int(oppo)}"
        attacker = f"UCDP:{int(oppo)}"
        crises.append({"crisis_id": cid, "name": f"{oppo_name} against the government of {target}",
                       "start_date": dt.date(y0, 1, 1), "end_date": None, "target": target, "attackers": attacker,
                       "kind": "insurgency", "description": f"UCDP conflict {int(conf)}: {oppo_name} (UCDP actor {int(oppo)}) "
                       f"fighting the government of {target}, first recorded by ESD 18.1 in {y0}.",
                       "source_id": ESD.source_id})
        win = g[(g["year"] < y0 + window_years) & (g["ext_nonstate"] == 0) & (g["ext_alleged"].fillna(0) == 0)
                & (g["ext_sup"].fillna(0) == 1)]
        best: dict[str, tuple[int, int, str]] = {}
        for _, r in win.iterrows():
            sup = _government(r["ext_name"])
            if sup is None or sup == target:
                continue
            lo, hi = _levels(r.fillna(0))
            what = ", ".join(_WHAT[k] for k in _FLAGS if r[k] == 1) or "support"
            ev = f"UCDP ESD 18.1: {what} to the government in {int(r['year'])}."
            if sup not in best or (lo, hi) > best[sup][:2]:
                best[sup] = (lo, hi, ev)
        for sup, (lo, hi, ev) in sorted(best.items()):
            responses.append({"crisis_id": cid, "supporter": sup, "level": lo, "level_max": None if hi == lo else hi,
                              "sided_with_attacker": 0, "evidence": ev, "source_id": ESD.source_id})
    rows = ImportedRows(ESD, {"crises": pd.DataFrame(crises), "responses": pd.DataFrame(responses)}, rows_read=len(df))
    if skipped:
        rows.skipped["recipient government without a code"] = skipped
    return rows


def read_group_support(folder: Path | str) -> ImportedRows:
    """States' support for armed groups: the fact ``supports_group`` = ``UCDP:<group id>`` of each state supporter.

    One spell per supporter, group and year of support (alleged support left out), valid through the
    calendar year after it (ESD codes a year once it has passed); the last year ESD codes (2017) stays valid.
    """
    df = read_reference(Path(folder) / ESD.files[0], {
        "year": "int", "actor_id": "int", "actor_nonstate": "int", "ext_name": "str?", "ext_nonstate": "int?",
        "ext_alleged": "int?", "ext_sup": "int?"})
    g = df[(df["actor_nonstate"] == 1) & (df["ext_nonstate"] == 0) & (df["ext_alleged"].fillna(0) == 0)
           & (df["ext_sup"].fillna(0) == 1)]
    rows = {}
    for name, actor, year in zip(g["ext_name"], g["actor_id"], g["year"]):
        sup = _government(name)
        if sup is None:
            continue
        rows[(sup, f"UCDP:{int(actor)}", int(year))] = True
    out = []
    for sup, group, year in sorted(rows):
        out.append({"state": sup, "fact": "supports_group", "value": group, "valid_from": dt.date(year + 1, 1, 1),
                    "valid_to": None if year >= LAST_YEAR else dt.date(year + 1, 12, 31), "source_id": ESD.source_id,
                    "note": f"ESD 18.1: supported {group} in {year}"})
    return ImportedRows(ESD, {"state_facts": pd.DataFrame(out)}, rows_read=len(df))
