"""Small as-of lookups the history features and the candidate rule share, cached on the inputs."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from typing import Any

from fairweather.asof import date_or_none
from fairweather.features.inputs import FeatureInputs

__all__: list[str] = []


def _is_state(inp: FeatureInputs, s: str) -> bool:
    return s in inp.states


def _ideal(inp: FeatureInputs, s: str, d: dt.date) -> float | None:
    return inp.fact_float(s, "un_ideal_point", d)


def _contig(inp: FeatureInputs, a: str, b: str, d: dt.date) -> bool:
    v = inp.tie(a, b, "contiguity", d)
    return v is not None and 1 <= v <= 3


def _help_counts(inp: FeatureInputs) -> dict[str, list[tuple[dt.date, str]]]:
    """supporter -> [(crisis start, target)] of responses with level >= 3, cached on the inputs."""
    cached = getattr(inp, "_help_counts", None)
    if cached is None:
        cached = defaultdict(list)
        for sup, rows in inp.responses.items():
            for sd, lvl, cid, _ in rows:
                if lvl >= 3:
                    cached[sup].append((sd, inp.crisis_target.get(cid, "")))
        inp._help_counts = cached  # type: ignore[attr-defined]
    return cached


#: Pseudo-crises without help added to a target's earlier crises: the past record's share is shrunk towards 0,
#: so that one earlier crisis (1 of 1) weighs 1/3, not 1.
RECORD_PRIOR_CRISES = 2


def _target_crisis_dates(inp: FeatureInputs) -> dict[str, list[dt.date]]:
    """target -> the start dates of its crises in the store (every source), sorted; cached on the inputs."""
    cached = getattr(inp, "_target_crisis_dates", None)
    if cached is None:
        cached = defaultdict(list)
        for t, start in zip(inp.crises["target"], inp.crises["start_date"]):
            sd = date_or_none(start)
            if sd is not None:
                cached[str(t)].append(sd)
        for dates in cached.values():
            dates.sort()
        inp._target_crisis_dates = cached  # type: ignore[attr-defined]
    return cached


def _target_crises_before(inp: FeatureInputs, t: str, d: dt.date) -> int:
    """How many crises of target ``t`` began before ``d`` (one on ``d`` or later does not exist for it yet)."""
    return bisect.bisect_left(_target_crisis_dates(inp).get(t, ()), d)


def record_share(helps: int, crises: int) -> float:
    """The past record's shrunk share: ``helps / (crises + RECORD_PRIOR_CRISES)`` (0 when the target had none)."""
    return helps / (crises + RECORD_PRIOR_CRISES)


def _from_index(inp: FeatureInputs) -> dict[str, list[tuple[str, str]]]:
    idx = getattr(inp, "_from_index", None)
    if idx is None:
        idx = defaultdict(list)
        for (a, b, k) in inp.ties:
            idx[a].append((b, k))
        inp._from_index = idx  # type: ignore[attr-defined]
    return idx


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0
