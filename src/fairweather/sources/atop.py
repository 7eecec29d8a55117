"""ATOP member-level obligations (version 4.01): who promised whom what, with conditions.

Reads the ATOP member-level file (``atop4_member_level.csv``, the publisher's
``atop4_01m.csv``): one row per alliance x member x phase with entry and exit
dates and the member's obligations (``defense, offense, neutral, nonagg, consul``)
and conditions (``defcoadv`` with the named threats ``statthr1``/``statthr2``,
``defcoloc``, ``defcocon``, ``defconum``, ``defcodem``). Each alliance becomes a
``commitments`` row ``atop-<atopid>`` and each member phase a
``commitment_members`` row with its own obligations and conditions, so
one-sided pledges stay one-sided. An exit year of 0 means still a member when
ATOP 4.01 was coded (2016): the spell stays open.

The curated pack codes many of the same treaties itself (with ``atop_id``); the
store keeps the pack's coding and drops imported alliances whose id it already has.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, ymd

__all__ = ["ATOP", "read_atop"]

ATOP = Dataset("atop-4.01", "atop", "4.01 (member level)", "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin "
               "Mitchell & Andrew G. Long. 2002. Alliance Treaty Obligations and Provisions, 1815-1944. International "
               "Interactions 28: 237-260; ATOP member-level data.", "http://www.atopdata.org/data.html",
               "freely available for research with citation", ("atop4_member_level.csv",), "2018-01-01")

_FLAGS = {"defense": "defense", "offense": "offense", "neutral": "neutrality", "nonagg": "nonaggression",
          "consul": "consultation"}
_COLS = {"atopid": "int", "member": "int", "yrent": "int", "moent": "int?", "dayent": "int?", "yrexit": "int",
         "moexit": "int?", "dayexit": "int?", **{k: "int?" for k in _FLAGS},
         **{k: "int?" for k in ("defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "statthr1", "statthr2")}}


def _conditions(r: object) -> str | None:
    conds = []
    if getattr(r, "defcoadv") == 1:
        named = [cow_iso3(getattr(r, c)) for c in ("statthr1", "statthr2") if (getattr(r, c) or 0) > 0]
        conds += [f"adversary:{s}" for s in named if s] or ["adversary"]
    if getattr(r, "defcoloc") == 1:
        conds.append("region")
    if getattr(r, "defcocon") == 1:
        conds.append("conflict")
    if getattr(r, "defconum") == 1:
        conds.append("non_provocation")
    if getattr(r, "defcodem") == 1:
        conds.append("demand_compliance")
    return ";".join(conds) or None


def read_atop(folder: Path | str, first_year: int = 1946) -> ImportedRows:
    df = read_reference(Path(folder) / ATOP.files[0], _COLS)
    df = df[(df["yrexit"] == 0) | (df["yrexit"] >= first_year)]
    members, skipped = [], 0
    for r in df.itertuples(index=False):
        state = cow_iso3(r.member)
        if state is None:
            skipped += 1
            continue
        vf = ymd(r.yrent, r.moent, r.dayent)
        vt = None if int(r.yrexit) == 0 else ymd(r.yrexit, r.moexit, r.dayexit, end=True)
        if vt is not None and vf is not None and vt < vf:
            vt = vf
        obs = [name for col, name in _FLAGS.items() if getattr(r, col) == 1]
        members.append({"commitment_id": f"atop-{int(r.atopid)}", "atop_id": int(r.atopid), "state": state,
                        "obligations": ";".join(obs) or None,
                        "conditions": _conditions(r) if "defense" in obs else None,
                        "valid_from": vf, "valid_to": vt, "source_id": ATOP.source_id, "note": None})
    mem = pd.DataFrame(members)
    if mem.empty:
        return ImportedRows(ATOP, {"commitments": pd.DataFrame(), "commitment_members": mem}, rows_read=len(df))
    # two phases of one member starting the same day (a recoding) keep the later phase's terms
    mem = mem.drop_duplicates(["commitment_id", "state", "valid_from"], keep="last")
    coms = []
    for cid, g in mem.groupby("commitment_id", sort=True):
        flags = {name: any(isinstance(o, str) and name in o.split(";") for o in g["obligations"]) for name in _FLAGS.values()}
        open_ = g["valid_to"].isna().any()
        coms.append({"commitment_id": cid, "name": f"ATOP alliance {g['atop_id'].iloc[0]}", "signed": None,
                     "valid_from": min(g["valid_from"]), "valid_to": None if open_ else max(g["valid_to"]),
                     **{k: int(v) for k, v in flags.items()}, "partnership": 0, "conditions": None, "article": None,
                     "atop_id": int(g["atop_id"].iloc[0]), "source_id": ATOP.source_id,
                     "note": "imported from ATOP 4.01 member level; obligations are per member"})
    rows = ImportedRows(ATOP, {"commitments": pd.DataFrame(coms), "commitment_members": mem.drop(columns="atop_id")},
                        rows_read=len(df))
    if skipped:
        rows.skipped["member without a code"] = skipped
    return rows
