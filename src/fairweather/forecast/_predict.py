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


def predict_cases(frame: pd.DataFrame, store: Any = None, model: SupportModel | None = None) -> pd.DataFrame:
    """Score rows of ``crisis_id, start_date, target, attackers, supporter`` (attackers separated by ';').

    States may be ISO3 codes or names. The input rows come back unchanged with
    ``p_ge_1..p_ge_5, expected_level`` and ``error``: a row with an unknown
    state, a bad date, a date outside the pack's coverage or a supporter that is
    the target or an attacker gets a message in ``error`` (and empty
    probabilities); the other rows are still scored.

    Raises
    ------
    ModelError
        If a required column is missing (the whole table is unusable).
    """
    from fairweather.actors import to_actor
    from fairweather.codes import to_iso3
    from fairweather.features import _rows, check_case, feature_inputs
    from fairweather.features import _COLUMNS
    from fairweather.forecast._params import check_pack_hash, load_model
    from fairweather.forecast._scenario import check_history_layer, default_store, predict_rows
    from fairweather.features.history import add_history_features
    from fairweather.features.registry import uses_history

    missing = [c for c in CASE_COLUMNS if c not in frame.columns]
    if missing:
        raise ModelError(f"The cases table lacks the columns {missing}; it needs {', '.join(CASE_COLUMNS)}.")
    store = store if store is not None else default_store()
    model = model if model is not None else load_model()
    check_pack_hash(model, store.pack_hash)
    check_history_layer(model, store)
    inp = feature_inputs(store)
    out = frame.copy().reset_index(drop=True)
    for c in OUT_COLUMNS:
        out[c] = np.nan if c != "error" else ""
    groups: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    resolved: dict[tuple[str, str], Any] = {}

    def resolve(fn: Any, kind: str, text: str) -> str:
        # WHY memoized: a cases table repeats its states on every row, and an unknown name's
        # suggestions (a fuzzy match over every name) cost milliseconds each
        key = (kind, text)
        if key not in resolved:
            try:
                resolved[key] = fn(text)
            except (FairweatherError, ValueError, LookupError) as exc:
                resolved[key] = exc
        hit = resolved[key]
        if isinstance(hit, Exception):
            raise hit
        return hit

    for i, row in enumerate(frame[list(CASE_COLUMNS)].itertuples(index=False)):
        try:
            cid, date, target, attackers, supporter = row
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
            t = resolve(to_iso3, "state", str(target).strip())
            if pd.isna(attackers) or not str(attackers).strip():
                raise FairweatherError("attackers is empty; list them separated by ';'.")
            atts = tuple(dict.fromkeys(resolve(to_actor, "actor", a.strip()) for a in str(attackers).split(";") if a.strip()))
            if not atts:
                raise FairweatherError(f"attackers {attackers!r} names no attacker; list them separated by ';'.")
            p = resolve(to_iso3, "state", str(supporter).strip())
            check_case(inp, t, atts, p, d)
        except (FairweatherError, ValueError, LookupError) as exc:
            out.at[i, "error"] = str(exc)
            continue
        groups[(str(cid), t, atts, d)].append((i, p))
    records: list[dict[str, Any]] = []
    index: list[int] = []
    for (cid, t, atts, d), items in groups.items():
        recs, _, _ = _rows(inp, cid, t, atts, d, [p for _, p in items])
        records.extend(recs)
        index.extend(i for i, _ in items)
    if records:
        feats = pd.DataFrame(records, columns=_COLUMNS)
        if uses_history(model):
            feats = add_history_features(inp, feats)
        pred, _ = predict_rows(model, feats, interval=False, reasons=0, explain=False)
        for c in OUT_COLUMNS[:-1]:
            out.loc[index, c] = pred[c].to_numpy()
    return out
