"""What partners actually did in a crisis the pack codes: the recorded outcome beside a forecast.

A forecast of a past crisis is easier to judge with the record next to it.
:func:`recorded_outcomes` finds the curated crisis a scenario describes (same
target, at least one attacker in common, starting within
:data:`MATCH_DAYS` of the scenario date) and returns, for the partners asked
about, the level the pack records, its name, whether the partner sided with
the attacker, the evidence and the source. A partner the crisis does not code
gets no row. Crises imported from the datasets (COW MIDs, UCDP ESD) record
only who joined, so they are not used: a missing joiner there is "no material
help recorded", not a level.

Showing the record changes nothing in the forecast: the model never sees it,
and the 2020+ crises stay evaluation cases (never fitted or tuned on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from fairweather.pack.schema import SUPPORT_LEVELS
from fairweather.store import DateLike, Store, as_date

__all__ = ["LEVEL_NAMES", "MATCH_DAYS", "matching_crisis", "recorded_outcomes", "with_recorded"]

#: The support levels' names, 0..5, as the pack's schema defines them.
LEVEL_NAMES: tuple[str, ...] = tuple(SUPPORT_LEVELS[k][0] for k in sorted(SUPPORT_LEVELS))
#: How far (days) a scenario date may be from a crisis's start for the crisis to be the scenario's.
MATCH_DAYS = 7

_COLUMNS = ["partner", "crisis_id", "recorded_level", "recorded", "sided_with_attacker", "evidence", "source_id"]


def matching_crisis(store: Store, target: str, attackers: Sequence[str], date: DateLike) -> str | None:
    """The id of the curated crisis against ``target`` by any of ``attackers`` starting nearest ``date``
    (within :data:`MATCH_DAYS`), or ``None``."""
    from fairweather.sources.history import OBSERVES_FROM

    d = as_date(date, "scenario date")
    assert d is not None
    rows = store.con.execute(
        "SELECT crisis_id, start_date, attackers FROM crises WHERE target = ? AND start_date BETWEEN ? AND ? "
        "AND source_id NOT IN (SELECT unnest(?::VARCHAR[])) ORDER BY start_date, crisis_id",
        [target, d - dt.timedelta(days=MATCH_DAYS), d + dt.timedelta(days=MATCH_DAYS), list(OBSERVES_FROM)]).fetchall()
    att = set(attackers)
    hits = [(abs((sd - d).days), cid) for cid, sd, a in rows if att & {x.strip() for x in str(a).split(";")}]
    return min(hits)[1] if hits else None


def recorded_outcomes(store: Store, target: str, attackers: Sequence[str], date: DateLike,
                      partners: Sequence[str] | None = None) -> pd.DataFrame:
    """The pack's recorded response of each partner (all coded partners when ``partners`` is None).

    Columns: ``partner, crisis_id, recorded_level`` (0..5), ``recorded`` (e.g. ``"4 materiel"``),
    ``sided_with_attacker``, ``evidence``, ``source_id``. Empty when no curated crisis matches.
    """
    cid = matching_crisis(store, target, attackers, date)
    return pd.DataFrame(columns=_COLUMNS) if cid is None else _recorded(store, cid, partners)


def _recorded(store: Store, cid: str, partners: Sequence[str] | None) -> pd.DataFrame:
    r = store.responses(cid)
    if partners is not None:
        r = r[r["supporter"].isin(list(partners))]
    out = pd.DataFrame({
        "partner": r["supporter"].astype(str),
        "crisis_id": cid,
        "recorded_level": r["level"].astype(int),
        "recorded": [f"{int(v)} {LEVEL_NAMES[int(v)]}" for v in r["level"]],
        "sided_with_attacker": r["sided_with_attacker"].astype(bool),
        "evidence": r["evidence"].astype(str),
        "source_id": r["source_id"].astype(str),
    })
    return out[_COLUMNS].reset_index(drop=True)


def with_recorded(frame: pd.DataFrame, store: Store, target: str, attackers: Sequence[str],
                  date: DateLike) -> tuple[pd.DataFrame, str | None]:
    """A forecast frame (one row per ``partner``) with what each partner did, where the pack codes the crisis.

    Adds ``recorded_level`` (nullable integer), ``recorded`` (``"4 materiel"``; ``*`` marks a partner that
    sided with the attacker; ``"not coded"`` where the crisis does not code the partner), ``recorded_source``
    and ``recorded_crisis`` when a curated crisis matches (:func:`matching_crisis`), and returns the crisis
    id; otherwise the frame unchanged and ``None``.
    """
    cid = matching_crisis(store, target, attackers, date)
    if cid is None:
        return frame, None
    rec = _recorded(store, cid, list(frame["partner"])).set_index("partner")
    partners = list(frame["partner"])
    known = [p in rec.index for p in partners]
    out = frame.copy()
    out["recorded_level"] = pd.array([int(rec.at[p, "recorded_level"]) if k else None for p, k in zip(partners, known)],
                                     dtype="Int64")
    out["recorded"] = [(str(rec.at[p, "recorded"]) + ("*" if rec.at[p, "sided_with_attacker"] else "")) if k
                       else "not coded" for p, k in zip(partners, known)]
    out["recorded_source"] = [str(rec.at[p, "source_id"]) if k else None for p, k in zip(partners, known)]
    out["recorded_crisis"] = cid
    return out, cid
