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

import bisect
import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from fairweather.pack.schema import SUPPORT_LEVELS
from fairweather.store import DateLike, Store, as_date

__all__ = ["LEVEL_NAMES", "MATCH_DAYS", "CuratedCrisisIndex", "curated_crisis_index", "matching_crisis", "recorded_outcomes",
           "with_recorded"]

#: The support levels' names, 0..5, as the pack's schema defines them.
LEVEL_NAMES: tuple[str, ...] = tuple(SUPPORT_LEVELS[k][0] for k in sorted(SUPPORT_LEVELS))
#: How far (days) a scenario date may be from a crisis's start for the crisis to be the scenario's.
MATCH_DAYS = 7

_COLUMNS = ["partner", "crisis_id", "recorded_level", "recorded", "sided_with_attacker", "evidence", "source_id"]


@dataclass(frozen=True)
class Response:
    """What one partner did in one curated crisis, as the pack records it."""

    level: int
    sided_with_attacker: bool
    source_id: str


class CuratedCrisisIndex:
    """The curated crises of a store by target, start dates sorted, and each crisis's responses by partner.

    WHY: every forecast asks which curated crisis it describes and what its partners did; two DuckDB
    queries (the crises in the date window, then the crisis's responses as a DataFrame) were a third
    of a dashboard forecast. Read once per store revision (:func:`curated_crisis_index`), a lookup is a
    bisect in the target's sorted start dates and a dict read.
    """

    def __init__(self, crises: Sequence[tuple[str, dt.date, str, str]],
                 responses: Sequence[tuple[str, str, int, bool, str]]) -> None:
        by_target: dict[str, list[tuple[dt.date, str, frozenset[str]]]] = {}
        for cid, start, target, attackers in crises:
            by_target.setdefault(target, []).append((start, cid, frozenset(x.strip() for x in attackers.split(";"))))
        self._starts: dict[str, list[dt.date]] = {}
        self._crises: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for target, rows in by_target.items():
            rows.sort(key=lambda r: (r[0], r[1]))
            self._starts[target] = [r[0] for r in rows]
            self._crises[target] = [(r[1], r[2]) for r in rows]
        self._responses: dict[str, dict[str, Response]] = {}
        for cid, supporter, level, sided, source_id in responses:
            self._responses.setdefault(cid, {})[supporter] = Response(int(level), bool(sided), str(source_id))

    @classmethod
    def read(cls, store: Store) -> "CuratedCrisisIndex":
        """The index of ``store``'s curated crises (those the datasets of ``OBSERVES_FROM`` did not add)."""
        from fairweather.sources.history import OBSERVES_FROM

        skip = list(OBSERVES_FROM)
        crises = store.con.execute(
            "SELECT crisis_id, start_date, target, attackers FROM crises "
            "WHERE source_id NOT IN (SELECT unnest(?::VARCHAR[]))", [skip]).fetchall()
        responses = store.con.execute(
            "SELECT r.crisis_id, r.supporter, r.level, r.sided_with_attacker, r.source_id FROM responses r "
            "JOIN crises c USING (crisis_id) WHERE c.source_id NOT IN (SELECT unnest(?::VARCHAR[]))", [skip]).fetchall()
        return cls(crises, responses)

    def matching(self, target: str, attackers: Sequence[str], d: dt.date) -> str | None:
        """The crisis against ``target`` by any of ``attackers`` starting nearest ``d`` (within :data:`MATCH_DAYS`;
        on a tie the smaller id), or ``None``."""
        starts = self._starts.get(target)
        if not starts:
            return None
        window = dt.timedelta(days=MATCH_DAYS)
        lo, hi = bisect.bisect_left(starts, d - window), bisect.bisect_right(starts, d + window)
        att = set(attackers)
        hits = [(abs((starts[i] - d).days), cid) for i, (cid, a) in zip(range(lo, hi), self._crises[target][lo:hi])
                if att & a]
        return min(hits)[1] if hits else None

    def responses(self, crisis_id: str) -> dict[str, Response]:
        """Each coded partner's response in ``crisis_id`` (empty for a crisis the index does not hold)."""
        return self._responses.get(crisis_id, {})


#: One index per store, with the store revision it was read at (an import bumps the revision).
_INDEX: "weakref.WeakKeyDictionary[Store, tuple[int, CuratedCrisisIndex]]" = weakref.WeakKeyDictionary()


def curated_crisis_index(store: Store) -> CuratedCrisisIndex:
    """The :class:`CuratedCrisisIndex` of ``store``, read once per store revision."""
    revision = getattr(store, "revision", 0)
    memo = _INDEX.get(store)
    if memo is None or memo[0] != revision:
        memo = _INDEX[store] = (revision, CuratedCrisisIndex.read(store))
    return memo[1]


def matching_crisis(store: Store, target: str, attackers: Sequence[str], date: DateLike) -> str | None:
    """The id of the curated crisis against ``target`` by any of ``attackers`` starting nearest ``date``
    (within :data:`MATCH_DAYS`), or ``None``."""
    d = as_date(date, "scenario date")
    assert d is not None
    return curated_crisis_index(store).matching(target, attackers, d)


def recorded_outcomes(store: Store, target: str, attackers: Sequence[str], date: DateLike,
                      partners: Sequence[str] | None = None) -> pd.DataFrame:
    """The pack's recorded response of each partner (all coded partners when ``partners`` is None).

    Columns: ``partner, crisis_id, recorded_level`` (0..5), ``recorded`` (e.g. ``"4 materiel"``),
    ``sided_with_attacker``, ``evidence``, ``source_id``. Empty when no curated crisis matches.
    """
    cid = matching_crisis(store, target, attackers, date)
    return pd.DataFrame(columns=_COLUMNS) if cid is None else _recorded(store, cid, partners)


def _label(level: int) -> str:
    """``"4 materiel"``: a level and its name."""
    return f"{level} {LEVEL_NAMES[level]}"


def _recorded(store: Store, cid: str, partners: Sequence[str] | None) -> pd.DataFrame:
    r = store.responses(cid)
    if partners is not None:
        r = r[r["supporter"].isin(list(partners))]
    out = pd.DataFrame({
        "partner": r["supporter"].astype(str),
        "crisis_id": cid,
        "recorded_level": r["level"].astype(int),
        "recorded": [_label(int(v)) for v in r["level"]],
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
    coded = curated_crisis_index(store).responses(cid)
    rec = [coded.get(p) for p in frame["partner"]]
    out = frame.copy()
    out["recorded_level"] = pd.array([r.level if r else None for r in rec], dtype="Int64")
    out["recorded"] = [_label(r.level) + ("*" if r.sided_with_attacker else "") if r else "not coded" for r in rec]
    out["recorded_source"] = [r.source_id if r else None for r in rec]
    out["recorded_crisis"] = cid
    return out, cid
