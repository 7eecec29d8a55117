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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

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


_COLUMNS = {"year": "int", "actor_id": "int", "actor_name": "str", "actor_nonstate": "int", "oppo_id": "int",
            "oppo_name": "str", "civil": "int?", "conflict_id": "int", "ext_name": "str?", "ext_nonstate": "int?",
            "ext_alleged": "int?", "ext_sup": "int?", **{k: "int?" for k in _FLAGS}}
_DYAD = ("conflict_id", "actor_id", "oppo_id")


class _Support(NamedTuple):
    """One supporter's support in one year, as the file flags it (``flags`` in the order of :data:`_FLAGS`)."""

    year: int
    ext_name: Any
    flags: tuple[Any, ...]

    def flag(self, k: str) -> bool:
        return bool(self.flags[_FLAGS.index(k)] == 1)


@dataclass
class _Dyad:
    """A government fighting an opponent in one conflict: its first ESD year and its first row's names."""

    y0: int
    actor_name: Any
    oppo_name: Any
    support: list[_Support] = field(default_factory=list)


def _levels(r: _Support) -> tuple[int, int]:
    if r.flag("ext_x") or r.flag("ext_p"):
        return 5, 5
    if any(r.flag(k) for k in ("ext_y", "ext_w", "ext_m", "ext_t", "ext_i", "ext_l")):
        return 4, 4
    if r.flag("ext_f"):
        return 3, 3
    return 3, 5


def _government_dyads(df: pd.DataFrame, window_years: int) -> list[tuple[tuple[int, int, int], _Dyad]]:
    """Each government-opponent dyad of a conflict, in ascending key order, with its state support of the first
    ``window_years`` years (alleged and non-state support left out), rows in the file's order.

    WHY plain values: selecting each dyad's rows and walking them with ``iterrows`` (about 500 dyads)
    was nearly all of the reader's time; one pass over the columns costs a few ms.
    """
    gov = df[df["actor_nonstate"] == 0]
    y0 = gov.groupby(list(_DYAD))["year"].transform("min")
    window = ((gov["year"] < y0 + window_years) & (gov["ext_nonstate"] == 0) & (gov["ext_alleged"].fillna(0) == 0)
              & (gov["ext_sup"].fillna(0) == 1))
    dyads: dict[tuple[int, int, int], _Dyad] = {}
    columns = zip(*(gov[c].tolist() for c in _DYAD), y0.tolist(), gov["actor_name"].tolist(),
                  gov["oppo_name"].tolist(), window.tolist(), gov["year"].tolist(), gov["ext_name"].tolist(),
                  zip(*(gov[k].tolist() for k in _FLAGS)))
    for conf, actor, oppo, first, actor_name, oppo_name, inside, year, ext_name, flags in columns:
        key = (int(conf), int(actor), int(oppo))
        if key not in dyads:
            dyads[key] = _Dyad(int(first), actor_name, oppo_name)
        if inside:
            dyads[key].support.append(_Support(int(year), ext_name, tuple(flags)))
    return sorted(dyads.items(), key=lambda kv: kv[0])


def _crisis(key: tuple[int, int, int], d: _Dyad, target: str) -> dict[str, Any]:
    conf, _, oppo = key
    oppo_name = str(d.oppo_name)
    return {"crisis_id": "esd-{}-{}-{}".format(*key), "name": f"{oppo_name} against the government of {target}",
            "start_date": dt.date(d.y0, 1, 1), "end_date": None, "target": target, "attackers": f"UCDP:{oppo}",
            "kind": "insurgency", "description": f"UCDP conflict {conf}: {oppo_name} (UCDP actor {oppo}) "
            f"fighting the government of {target}, first recorded by ESD 18.1 in {d.y0}.",
            "source_id": ESD.source_id}


def _best_support(d: _Dyad, target: str) -> dict[str, tuple[int, int, str]]:
    """Each supporter's highest-ranked support in the window, with the evidence of its first year at that rank."""
    best: dict[str, tuple[int, int, str]] = {}
    for r in d.support:
        sup = _government(r.ext_name)
        if sup is None or sup == target:
            continue
        lo, hi = _levels(r)
        what = ", ".join(_WHAT[k] for k in _FLAGS if r.flag(k)) or "support"
        ev = f"UCDP ESD 18.1: {what} to the government in {r.year}."
        if sup not in best or (lo, hi) > best[sup][:2]:
            best[sup] = (lo, hi, ev)
    return best


def read_esd(folder: Path | str, window_years: int = 2) -> ImportedRows:
    df = read_reference(Path(folder) / ESD.files[0], _COLUMNS)
    crises, responses, skipped = [], [], 0
    for key, d in _government_dyads(df, window_years):
        target = _government(d.actor_name)
        if d.y0 <= FIRST_YEAR or target is None:
            skipped += target is None
            continue
        if str(d.oppo_name).startswith("Government of "):
            continue  # interstate: the MIDs code these
        crisis = _crisis(key, d, target)
        crises.append(crisis)
        for sup, (lo, hi, ev) in sorted(_best_support(d, target).items()):
            responses.append({"crisis_id": crisis["crisis_id"], "supporter": sup, "level": lo,
                              "level_max": None if hi == lo else hi, "sided_with_attacker": 0, "evidence": ev,
                              "source_id": ESD.source_id})
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
