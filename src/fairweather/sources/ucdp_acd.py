"""UCDP/PRIO Armed Conflict Dataset 25.1: the wars each state is already fighting.

Reads the conflict-year table as peacesciencer ships it (``ucdp_acd``, unnested: one row per
combination of the comma-separated ``gwno_*`` codes; ``conflict_id, year, gwno_a, gwno_a_2nd,
gwno_b, gwno_b_2nd, type_of_conflict, start_date2, ep_end, ep_end_date``). For each year of
an interstate conflict, every state on one side is ``at_war_with`` every state on the other;
for an internationalized intrastate conflict, each state fighting with troops for either side
(``gwno_*_2nd``) is ``intervening_in`` the government's state. A spell runs through the
conflict-year, from the episode's start when it began that year, to the episode's end when it
ended that year: a war is known while it is fought. Intrastate and extrasystemic conflicts
give no fact (no other state fights in them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, read_reference, state_iso3

__all__ = ["ACD", "read_acd"]

ACD = Dataset("ucdp-acd-25.1", "ucdp_acd", "25.1", "Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, "
              "Margareta Sollenberg & Håvard Strand. 2002. Armed Conflict 1946-2001: A New Dataset. Journal of Peace "
              "Research 39(5); Davies, Shawn et al. 2025. UCDP/PRIO Armed Conflict Dataset version 25.1.",
              "https://ucdp.uu.se/downloads/", "CC BY 4.0", ("ps_ucdp_acd.csv",), "2025-06-01")

def _iso(code: object) -> str | None:
    return state_iso3(code, "gw")


def _date(text: object) -> dt.date | None:
    return dt.date.fromisoformat(str(text)[:10]) if isinstance(text, str) and text else None


def read_acd(folder: Path | str) -> ImportedRows:
    df = read_reference(Path(folder) / ACD.files[0], {
        "conflict_id": "int", "year": "int", "gwno_a": "int", "gwno_a_2nd": "int?", "gwno_b": "int?", "gwno_b_2nd": "int?",
        "type_of_conflict": "str", "start_date2": "str?", "ep_end": "int?", "ep_end_date": "str?"})
    out: list[dict[str, Any]] = []
    for (cid, year), g in df.groupby(["conflict_id", "year"], sort=True):
        kind = str(g["type_of_conflict"].iloc[0])
        start, end = _date(g["start_date2"].iloc[0]), _date(g["ep_end_date"].iloc[0])
        vf = start if start is not None and start.year == year else dt.date(int(year), 1, 1)
        vt = end if (g["ep_end"].iloc[0] == 1 and end is not None and end.year == year) else dt.date(int(year), 12, 31)
        a = {s for s in map(_iso, pd.concat([g["gwno_a"], g["gwno_a_2nd"]])) if s}
        b = {s for s in map(_iso, pd.concat([g["gwno_b"], g["gwno_b_2nd"]])) if s}
        note = f"UCDP conflict {int(cid)} in {int(year)} ({kind})"
        if kind == "interstate":
            for x, others in ((a, b), (b, a)):
                for s in sorted(x):
                    out.extend({"state": s, "fact": "at_war_with", "value": o, "valid_from": vf, "valid_to": vt,
                                "source_id": ACD.source_id, "note": note} for o in sorted(others - {s}))
        elif kind == "II":
            host = _iso(g["gwno_a"].iloc[0])
            helpers = {s for s in map(_iso, pd.concat([g["gwno_a_2nd"], g["gwno_b_2nd"]])) if s}
            out.extend({"state": s, "fact": "intervening_in", "value": host, "valid_from": vf, "valid_to": vt,
                        "source_id": ACD.source_id, "note": note} for s in sorted(helpers - {host}) if host)
    facts = pd.DataFrame(out)
    if not facts.empty:  # the same war can stand in two conflicts' rows in a year: one spell
        facts = facts.sort_values(["state", "fact", "value", "valid_from", "valid_to"]).drop_duplicates(
            ["state", "fact", "value", "valid_from"], keep="last")
    return ImportedRows(ACD, {"state_facts": facts}, rows_read=len(df))
