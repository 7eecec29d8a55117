"""The past record: the features computed from earlier crises, each defined once.

A partner's record is its responses in crises that began before the crisis date D (every source: the
pack's coded crises and the datasets' MIDs and ESD conflicts). :class:`RecordIndex` holds the
responses as start dates and running sums; each feature below is **one function** that gives the
feature's column for the partners of one case. The per-row path
(:func:`fairweather.features.table._row`, :func:`fairweather.features.history.history_row`) calls
it with one partner, the bulk path (:mod:`fairweather.features.bulk`) with all of a case's
partners, and the feature's registry entry points at it (``Feature.column`` in
:mod:`fairweather.features.registry`).

A response counts for a crisis only if its own crisis began *before* D: the responses of each
supporter are kept oldest first (:attr:`fairweather.asof.Snapshot.responses`), so those before D
are a prefix whose length is one bisection and whose sum of levels one subtraction (integers:
exact, the same float as summing the levels and dividing). Each function reads the case through
a :class:`~fairweather.features.columns.CaseView`.

This module imports nothing from the rest of the features package, so that the registry can
point at its functions; :func:`fairweather.features._lookups.record_index` builds the index of an
inputs and keeps it in their memo.

>>> import datetime as dt
>>> from fairweather.asof import PastResponse
>>> from fairweather.features.columns import CaseView
>>> rec = RecordIndex({"RUS": [PastResponse(dt.date(2015, 9, 30), 5, "SYR2015", "pack")]},
...                   {"SYR2015": "SYR"}, {"RUS": [(dt.date(2015, 9, 30), "SYR")]}, {"SYR": [dt.date(2015, 9, 30)]})
>>> def case(d): return CaseView("SYR", ("USA",), d, ("USA",), rec, look=None)  # the record reads no fact
>>> past_help_target(case(dt.date(2024, 12, 1)), ["RUS", "CHN"]).tolist()   # 1 of 1 crisis, shrunk: 1/3
[0.3333333333333333, 0.0]
>>> past_mean_level(case(dt.date(2015, 9, 30)), ["RUS"]).tolist()           # the crisis itself does not count
[nan]
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from fairweather.features.columns import CaseView

__all__ = ["RecordIndex", "RECORD_PRIOR_CRISES", "record_share", "past_mean_level",
           "past_level_target", "past_material_help", "past_help_target"]

#: Pseudo-crises without help added to a target's earlier crises: the past record's share is shrunk towards 0,
#: so that one earlier crisis (1 of 1) weighs 1/3, not 1.
RECORD_PRIOR_CRISES = 2


def record_share(helps: int, crises: int) -> float:
    """The past record's shrunk share: ``helps / (crises + RECORD_PRIOR_CRISES)`` (0 when the target had none)."""
    return helps / (crises + RECORD_PRIOR_CRISES)


def _before(dates: Sequence[dt.date] | None, d: dt.date) -> int:
    """How many of the sorted ``dates`` fall before ``d`` (a crisis on ``d`` or later does not exist for it yet)."""
    return bisect.bisect_left(dates, d) if dates else 0


def _running(levels: Sequence[int]) -> list[int]:
    out = [0]
    for x in levels:
        out.append(out[-1] + x)
    return out


class RecordIndex:
    """Past responses by supporter and by (supporter, target), as start dates and running sums.

    Parameters
    ----------
    responses
        supporter -> its responses ``(start, level, crisis_id, source_id)``, oldest first.
    crisis_target
        crisis_id -> its target.
    helped
        supporter -> ``(start, target)`` of its responses with material help (level >= 3), oldest first
        (:func:`fairweather.features._lookups._help_counts`).
    target_crises
        target -> the sorted start dates of its crises (every source).
    """

    def __init__(self, responses: Mapping[str, Sequence[Any]], crisis_target: Mapping[str, str],
                 helped: Mapping[str, Sequence[tuple[dt.date, str]]], target_crises: Mapping[str, Sequence[dt.date]]) -> None:
        self.dates: dict[str, list[dt.date]] = {}
        self.sums: dict[str, list[int]] = {}
        by_pair: dict[tuple[str, str], list[tuple[dt.date, int]]] = defaultdict(list)
        for p, rows in responses.items():
            self.dates[p] = [r[0] for r in rows]
            self.sums[p] = _running([r[1] for r in rows])
            for sd, lvl, cid, _ in rows:
                by_pair[(p, crisis_target.get(cid, ""))].append((sd, lvl))
        self.pair_dates = {k: [x[0] for x in v] for k, v in by_pair.items()}
        self.pair_sums = {k: _running([x[1] for x in v]) for k, v in by_pair.items()}
        help_pair: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        self.help_dates: dict[str, list[dt.date]] = {}
        for p, rows in helped.items():
            self.help_dates[p] = [sd for sd, _ in rows]
            for sd, tg in rows:
                help_pair[(p, tg)].append(sd)
        self.help_pair = dict(help_pair)
        self.target_crises = target_crises
        self.responses = responses

    def responses_before(self, p: str, d: dt.date) -> int:
        """How many responses ``p`` gave in crises begun before ``d``."""
        return _before(self.dates.get(p), d)

    def target_responses_before(self, p: str, t: str, d: dt.date) -> int:
        """How many responses ``p`` gave in crises of target ``t`` begun before ``d``."""
        return _before(self.pair_dates.get((p, t)), d)


def _mean_before(dates: Sequence[dt.date] | None, sums: Sequence[int] | None, d: dt.date) -> float:
    n = _before(dates, d)
    return sums[n] / n if n and sums is not None else math.nan


def past_mean_level(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Mean level of each partner's responses in crises begun before ``d``; NaN if none. The responses read go
    into the view's provenance, their number into the sentences' ``past_n``."""
    rec = case.records
    for p in partners:
        n = rec.responses_before(p, case.d)
        case.note(p, "past_n", n)
        if case.prov is not None:  # oldest first: the responses before d are a prefix
            case.prov.extend(("responses", p, cid, "level", str(lvl), None, src)
                             for _, lvl, cid, src in rec.responses.get(p, ())[:n])
    return np.asarray([_mean_before(rec.dates.get(p), rec.sums.get(p), case.d) for p in partners], dtype=float)


def past_level_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Mean level of each partner's responses in earlier crises (begun before ``d``) whose target was ``t``; NaN if none
    (their number: the sentences' ``past_target_n``)."""
    rec, t = case.records, case.t
    for p in partners:
        case.note(p, "past_target_n", rec.target_responses_before(p, t, case.d))
    return np.asarray([_mean_before(rec.pair_dates.get((p, t)), rec.pair_sums.get((p, t)), case.d) for p in partners],
                      dtype=float)


def past_material_help(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(1 + number of earlier crises in which each partner gave material help, level >= 3, to anyone)."""
    rec = case.records
    return np.asarray([math.log1p(_before(rec.help_dates.get(p), case.d)) for p in partners], dtype=float)


def past_help_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """The shrunk share (:func:`record_share`) of ``t``'s earlier crises in which each partner helped ``t`` materially."""
    rec, t, d = case.records, case.t, case.d
    crises = _before(rec.target_crises.get(t), d)
    return np.asarray([record_share(_before(rec.help_pair.get((p, t)), d), crises) for p in partners], dtype=float)
