"""Batch scoring: many (crisis, supporter) cases from a table, bad rows reported rather than fatal."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

from fairweather.errors import FairweatherError, ModelError
from fairweather.forecast._model import SupportModel

__all__ = ["predict_cases", "CASE_COLUMNS"]

CASE_COLUMNS = ("crisis_id", "start_date", "target", "attackers", "supporter")
OUT_COLUMNS = [f"p_ge_{k}" for k in range(1, 6)] + ["expected_level", "error"]


def predict_cases(frame: pd.DataFrame, store: Any = None, model: SupportModel | None = None,
                  bulk: bool = True) -> pd.DataFrame:
    """Score rows of ``crisis_id, start_date, target, attackers, supporter`` (attackers separated by ';').

    States may be ISO3 codes or names. The input rows come back unchanged with
    ``p_ge_1..p_ge_5, expected_level`` and ``error``: a row with an unknown
    state, a bad date, a date outside the pack's coverage or a supporter that is
    the target or an attacker gets a message in ``error`` (and empty
    probabilities); the other rows are still scored.

    ``bulk=False`` builds the features row by row with the definitions the model was fitted on
    (:func:`fairweather.features.table._row`); the default computes the same values column by
    column over the rows of each case (:mod:`fairweather.features.bulk`), many times faster.

    Raises
    ------
    ModelError
        If a required column is missing (the whole table is unusable).
    """
    from fairweather.features import feature_inputs
    from fairweather.forecast._params import check_pack_hash, load_model
    from fairweather.forecast._scenario import default_store, predict_rows
    from fairweather.forecast._warnings import check_history_layer

    missing = [c for c in CASE_COLUMNS if c not in frame.columns]
    if missing:
        raise ModelError(f"The cases table lacks the columns {missing}; it needs {', '.join(CASE_COLUMNS)}.")
    store = store if store is not None else default_store()
    model = model if model is not None else load_model()
    check_pack_hash(model, store.pack_hash)
    check_history_layer(model, store)
    inp = feature_inputs(store)
    out = frame.copy().reset_index(drop=True)
    groups, errors = _CaseReader(inp).read(frame)
    feats, index = _features(inp, groups, model, bulk)
    for c in OUT_COLUMNS[:-1]:
        out[c] = np.nan
    out["error"] = errors
    if feats is not None:
        pred, _ = predict_rows(model, feats, interval=False, reasons=0, explain=False)
        for c in OUT_COLUMNS[:-1]:
            col = out[c].to_numpy(copy=True)
            col[index] = pred[c].to_numpy()
            out[c] = col
    return out


_Groups = dict[tuple[str, str, tuple[str, ...], dt.date], list[tuple[int, str]]]


def _features(inp: Any, groups: _Groups, model: SupportModel, bulk: bool) -> tuple[pd.DataFrame | None, list[int]]:
    """The feature rows of every case's partners and the input row of each (bulk or row by row)."""
    from fairweather.features import _COLUMNS, _rows
    from fairweather.features._asofday import bulk_ready
    from fairweather.features.bulk import bulk_frame
    from fairweather.features.history import add_history_features
    from fairweather.features.registry import uses_history

    history = uses_history(model)
    index: list[int] = []
    if bulk and bulk_ready(inp):
        keys = sorted(groups, key=lambda k: k[3])  # one as-of day per date
        for k in keys:
            index.extend(i for i, _ in groups[k])
        if not keys:
            return None, index
        return bulk_frame(inp, ((cid, t, atts, d, [p for _, p in groups[(cid, t, atts, d)]]) for cid, t, atts, d in keys),
                          history), index
    records: list[dict[str, Any]] = []
    for (cid, t, atts, d), items in groups.items():
        recs, _, _ = _rows(inp, cid, t, atts, d, [p for _, p in items])
        records.extend(recs)
        index.extend(i for i, _ in items)
    if not records:
        return None, index
    feats = pd.DataFrame(records, columns=_COLUMNS)
    return (add_history_features(inp, feats) if history else feats), index


class _CaseReader:
    """Reads the cases' rows into groups of one case (crisis, target, attackers, date) and per-row errors.

    WHY memoized: a cases table repeats each case on many rows (one per supporter) and each state on
    many cases; parsing and checking a case once, and a supporter once per date, keeps the reading
    of 100,000 rows to a fraction of a second. An unknown name's suggestions (a fuzzy match over every
    name) cost milliseconds each.
    """

    def __init__(self, inp: Any) -> None:
        self.inp = inp
        self.resolved: dict[tuple[str, str], Any] = {}
        self.cases: dict[tuple, Any] = {}   # a row's raw case -> its parsed case, or the error parsing it raised
        self.checks: dict[tuple, Exception | None] = {}  # a parsed case -> the error check_case raised, or None
        self.system: dict[dt.date, frozenset[str]] = {}  # date -> the states in the system on it

    def resolve(self, kind: str, text: str) -> str:
        from fairweather.actors import to_actor
        from fairweather.codes import to_iso3

        key = (kind, text)
        if key not in self.resolved:
            try:
                self.resolved[key] = (to_iso3 if kind == "state" else to_actor)(text)
            except (FairweatherError, ValueError, LookupError) as exc:
                self.resolved[key] = exc
        hit = self.resolved[key]
        if isinstance(hit, Exception):
            raise hit
        return hit

    def in_system(self, s: str, d: dt.date) -> bool:
        on = self.system.get(d)
        if on is None:
            from fairweather.features._asofday import tables

            on = self.system[d] = tables(self.inp).in_system_on(d)
        return s in on

    def read(self, frame: pd.DataFrame) -> tuple[_Groups, list[str]]:
        from fairweather.features.candidates import check_case, check_partner

        groups: _Groups = defaultdict(list)
        errors = [""] * len(frame)
        states = self.inp.states
        columns = [frame[c].tolist() for c in CASE_COLUMNS]  # lists: iterating an Arrow column is slow
        for i, (cid, date, target, attackers, supporter) in enumerate(zip(*columns)):
            try:
                key = self.cases.get((cid, date, target, attackers))
                if key is None or isinstance(key, Exception):
                    key = self.case((cid, date, target, attackers))
                hit = self.resolved.get(("state", supporter))
                p = hit if isinstance(hit, str) else self.resolve("state", str(supporter).strip())
                _, t, atts, d = key
                if self.checks[key] is not None:  # the case itself fails a check: the row's error is check_case's first
                    check_case(self.inp, t, atts, p, d)
                elif p == t or p in atts or p not in states or not self.in_system(p, d):
                    check_partner(self.inp, t, atts, p, d, self.in_system)
            except (FairweatherError, ValueError, LookupError) as exc:
                errors[i] = str(exc)
                continue
            groups[key].append((i, p))
        return groups, errors

    def case(self, raw: tuple) -> tuple[str, str, tuple[str, ...], dt.date]:
        """The case of a row (its crisis id, target, attackers and date), parsed and checked once per distinct text."""
        from fairweather.features.candidates import check_case

        hit = self.cases.get(raw)
        if hit is None:
            try:
                hit = self._parse(*raw)
            except (FairweatherError, ValueError, LookupError) as exc:
                hit = exc
            self.cases[raw] = hit
            if not isinstance(hit, Exception):
                try:
                    check_case(self.inp, hit[1], hit[2], None, hit[3])
                    self.checks[hit] = None
                except (FairweatherError, ValueError, LookupError) as exc:
                    self.checks[hit] = exc
        if isinstance(hit, Exception):
            raise hit
        return hit

    def _parse(self, cid: Any, date: Any, target: Any, attackers: Any) -> tuple[str, str, tuple[str, ...], dt.date]:
        if pd.isna(date) or str(date).strip() == "":
            raise FairweatherError("start_date is empty; write it YYYY-MM-DD.")
        try:
            text = str(date).strip()
            # a spreadsheet may add a midnight time ("2025-06-13 00:00:00"); anything else after the date is an error
            if len(text) > 10 and not re.fullmatch(r"[T ]00:00(:00(\.0+)?)?", text[10:]):
                raise ValueError(text)
            d = dt.date.fromisoformat(text[:10])
        except ValueError:
            raise FairweatherError(f"start_date {date!r} is not a date written YYYY-MM-DD.") from None
        t = self.resolve("state", str(target).strip())
        if pd.isna(attackers) or not str(attackers).strip():
            raise FairweatherError("attackers is empty; list them separated by ';'.")
        atts = tuple(dict.fromkeys(self.resolve("actor", a.strip()) for a in str(attackers).split(";") if a.strip()))
        if not atts:
            raise FairweatherError(f"attackers {attackers!r} names no attacker; list them separated by ';'.")
        return str(cid), t, atts, d
