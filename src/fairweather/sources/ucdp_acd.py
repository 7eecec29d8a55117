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
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

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


_COLUMNS = {"conflict_id": "int", "year": "int", "gwno_a": "int", "gwno_a_2nd": "int?", "gwno_b": "int?",
            "gwno_b_2nd": "int?", "type_of_conflict": "str", "start_date2": "str?", "ep_end": "int?",
            "ep_end_date": "str?"}


class _Row(NamedTuple):
    conflict_id: int
    year: int
    gwno_a: Any
    gwno_a_2nd: Any
    gwno_b: Any
    gwno_b_2nd: Any
    type_of_conflict: Any
    start_date2: Any
    ep_end: Any
    ep_end_date: Any


def _conflict_years(df: pd.DataFrame) -> list[tuple[tuple[int, int], list[_Row]]]:
    """The rows of each conflict-year, in the file's order, conflict-years in ascending (conflict, year).

    WHY plain tuples: selecting and concatenating each conflict-year's columns in pandas (about 2,700
    conflict-years) was nearly all of the reader's time; one pass over the columns costs a few ms.
    """
    groups: dict[tuple[int, int], list[_Row]] = {}
    for r in map(_Row._make, zip(*(df[c].tolist() for c in _COLUMNS))):
        groups.setdefault((int(r.conflict_id), int(r.year)), []).append(r)
    return sorted(groups.items(), key=lambda kv: kv[0])


def _spell(first: _Row, year: int) -> tuple[dt.date, dt.date]:
    """The conflict-year's spell: from the episode's start if it began that year, to its end if it ended that year."""
    start, end = _date(first.start_date2), _date(first.ep_end_date)
    vf = start if start is not None and start.year == year else dt.date(year, 1, 1)
    vt = end if (first.ep_end == 1 and end is not None and end.year == year) else dt.date(year, 12, 31)
    return vf, vt


def _states(codes: Iterable[Any]) -> set[str]:
    return {s for s in map(_iso, codes) if s}


def _conflict_year_facts(cid: int, year: int, g: list[_Row]) -> list[dict[str, Any]]:
    kind = str(g[0].type_of_conflict)
    vf, vt = _spell(g[0], year)
    note = f"UCDP conflict {cid} in {year} ({kind})"

    def fact(s: str, name: str, value: str) -> dict[str, Any]:
        return {"state": s, "fact": name, "value": value, "valid_from": vf, "valid_to": vt,
                "source_id": ACD.source_id, "note": note}

    out: list[dict[str, Any]] = []
    if kind == "interstate":
        a = _states([r.gwno_a for r in g] + [r.gwno_a_2nd for r in g])
        b = _states([r.gwno_b for r in g] + [r.gwno_b_2nd for r in g])
        for x, others in ((a, b), (b, a)):
            for s in sorted(x):
                out.extend(fact(s, "at_war_with", o) for o in sorted(others - {s}))
    elif kind == "II":
        host = _iso(g[0].gwno_a)
        helpers = _states([r.gwno_a_2nd for r in g] + [r.gwno_b_2nd for r in g])
        if host:
            out.extend(fact(s, "intervening_in", host) for s in sorted(helpers - {host}))
    return out


def read_acd(folder: Path | str) -> ImportedRows:
    df = read_reference(Path(folder) / ACD.files[0], _COLUMNS)
    out = [f for (cid, year), g in _conflict_years(df) for f in _conflict_year_facts(cid, year, g)]
    facts = pd.DataFrame(out)
    if not facts.empty:  # the same war can stand in two conflicts' rows in a year: one spell
        facts = facts.sort_values(["state", "fact", "value", "valid_from", "valid_to"]).drop_duplicates(
            ["state", "fact", "value", "valid_from"], keep="last")
    return ImportedRows(ACD, {"state_facts": facts}, rows_read=len(df))
