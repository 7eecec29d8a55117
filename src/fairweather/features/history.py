"""Learning from history: the features, candidate rule and training set that the field's datasets make possible.

The curated pack codes 58 crises before 2020; the publishers' files (COW MIDs
since 1946, UCDP ESD 1975-2017), once imported into the store
(:func:`fairweather.sources.history.import_reference`), add about 1,600 more.
This module builds, for every crisis that began before 2020-01-01, one row per
candidate partner, **as of the crisis date** through the same in-memory as-of
engine as the forecast (:func:`fairweather.features.feature_inputs`):

- pack crises keep their coded responses (every plausible partner, levels 0-5);
- dataset crises take the candidates of :func:`~fairweather.features.ranking.rank_candidates` (the same rule
  a forecast uses), a recorded response as the dataset codes it, and for a
  candidate with nothing recorded a *censored* outcome: below the lowest level
  the dataset observes (0..2 for MIDs and ESD), never a 0.

Features the datasets cannot know (trade and energy shares, troops and bases,
sanctions, nuclear status) are *unknown* (NaN) on dataset rows (wars under way come
from UCDP/PRIO's conflict-years there, and from the pack where it codes them),
so the model learns them from the pack rows only and imputes them elsewhere.

>>> sorted(HISTORY_FEATURES)[:3]
['armed_group_attacker', 'arms_patron_share', 'attacker_cinc_ratio']
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from fairweather.features._lookups import computed_values, row_case
from fairweather.features.inputs import FeatureInputs, feature_inputs
from fairweather.features.ranking import rank_candidates
from fairweather.features.registry import HISTORY_COLUMNS, HISTORY_FEATURES, MODEL_FEATURES, PACK_ONLY, TOP_CANDIDATES
from fairweather.features.sentences import describe_feature
from fairweather.features.table import _rows
from fairweather.split import EVALUATION_START
from fairweather.store import Store

__all__ = ["history_row", "history_training_set", "add_history_features", "describe_history"]


#: The order of :func:`history_row`'s values: a forecast's features frame has always shown them so
#: (``curated_case`` comes from the caller, last). The model reads them by name.
_ROW_ORDER = ("contiguous", "contiguous_attacker", "arms_patron_share", "forces_near_target", "trade_with_target_rivals",
              "ideal_point_distance", "closer_to_target", "un_unknown", "capability", "attacker_cinc_ratio", "cinc_unknown",
              "major_power", "rival_of_target", "armed_group_attacker", "backs_attacker_group", "past_material_help",
              "past_help_target")


def history_row(inp: FeatureInputs, p: str, t: str, attackers: Sequence[str], d: dt.date) -> dict[str, float]:
    """The :data:`HISTORY_FEATURES` of partner ``p`` for target ``t`` attacked by ``attackers`` on ``d`` (but
    ``curated_case``, which is the crisis's, not the case's): each its registry entry's column, for one partner."""
    computed = computed_values(row_case(inp, t, attackers, d), p, HISTORY_COLUMNS)
    return {name: computed[name] for name in _ROW_ORDER}


def history_training_set(store: Store, before: dt.date = EVALUATION_START, top: int = TOP_CANDIDATES,
                         observes_from: dict[str, int] | None = None, since: dt.date | None = None,
                         pack_only: bool = False) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, pd.DataFrame]:
    """``X`` (:data:`MODEL_FEATURES`), lowest and highest possible level, and ``meta`` for crises before ``before``.

    ``meta`` has ``crisis_id, partner, target, attackers, date, year, origin`` (``pack`` or the
    dataset's source id) and ``censored`` (the outcome is a range). Dataset crises that duplicate
    a pack crisis (same target, start within 180 days) are left out: the pack's coding wins.
    ``since`` keeps crises from that date on; ``pack_only`` keeps the pack's crises only (the 2020+
    evaluation cases are the pack's).
    """
    from fairweather.sources.history import OBSERVES_FROM

    observes_from = OBSERVES_FROM if observes_from is None else observes_from
    inp = feature_inputs(store)
    crises = store.con.execute(
        "SELECT crisis_id, target, attackers, start_date, source_id FROM crises WHERE start_date < ? AND start_date >= ? "
        "ORDER BY start_date, crisis_id", [before, since or dt.date(1, 1, 1)]).fetchall()
    resp: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for cid, sup, lvl, lmax in store.con.execute("SELECT crisis_id, supporter, level, level_max FROM responses").fetchall():
        resp[cid][sup] = (int(lvl), int(lmax) if lmax is not None else int(lvl))
    pack_targets: dict[str, list[dt.date]] = defaultdict(list)
    for cid, t, _, sd, src in crises:
        if src not in observes_from:
            pack_targets[t].append(sd)
    rows, lo, hi, meta = [], [], [], []
    for cid, t, att, sd, src in crises:
        attackers = tuple(a.strip() for a in att.split(";"))
        if src in observes_from and pack_only:
            continue
        if src in observes_from:
            if any(abs((sd - x).days) <= 180 for x in pack_targets.get(t, ())):
                continue
            cands = [p for p, _ in rank_candidates(inp, t, attackers, sd, top)]
            cap = observes_from[src] - 1
            outcomes = [resp[cid].get(p, (0, cap)) for p in cands]
        else:
            cands = sorted(resp[cid])
            outcomes = [resp[cid][p] for p in cands]
        if not cands:
            continue
        recs, _, _ = _rows(inp, cid, t, attackers, sd, cands)
        for p, rec, (a, b) in zip(cands, recs, outcomes):
            rec.update(history_row(inp, p, t, attackers, sd))
            rec["curated_case"] = float(src not in observes_from)
            if src in observes_from:
                for name in PACK_ONLY:
                    rec[name] = math.nan
            rows.append(rec)
            lo.append(a)
            hi.append(b)
            meta.append({"crisis_id": cid, "partner": p, "target": t, "attackers": ";".join(attackers), "date": sd,
                         "year": sd.year, "origin": "pack" if src not in observes_from else src, "censored": a < b})
    X = pd.DataFrame(rows).reindex(columns=list(MODEL_FEATURES)).astype(float)
    return X, np.asarray(lo, dtype=int), np.asarray(hi, dtype=int), pd.DataFrame(meta)


def add_history_features(inp: FeatureInputs, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows of :func:`fairweather.features._rows`) with the :data:`HISTORY_FEATURES` of each row.

    A forecast scenario is a major crisis whose partners are all considered: ``curated_case`` is 1.
    """
    if frame.empty:
        return frame.reindex(columns=[*frame.columns, *HISTORY_FEATURES])
    extra = [history_row(inp, r.partner, r.target, tuple(r.attackers.split(";")), r.date)
             for r in frame[["partner", "target", "attackers", "date"]].itertuples(index=False)]
    out = pd.concat([frame.reset_index(drop=True), pd.DataFrame(extra)], axis=1)
    out["curated_case"] = 1.0
    return out


#: The history features' sentences live with every feature's, in :mod:`fairweather.features.sentences`.
describe_history = describe_feature
