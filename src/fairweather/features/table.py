"""Partner x crisis feature rows, built as of the crisis date, and the pack's training table.

A row describes one *partner* P of an attacked *target* T in a crisis that *attackers* A began on date D,
and is built **as of D**: a fact, tie or commitment counts only if it was valid on D, event ties (arms
deliveries, troops sent) only if they began before D, and the partner's record only from crises that
began before D. Nothing dated after D can change a row.

>>> from fairweather.store import Store                          # doctest: +SKIP
>>> X, y, meta = training_table(Store.open())                    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pandas as pd

from fairweather.asof import date_or_none
from fairweather.errors import ScenarioError
from fairweather.features._lookups import computed_values, row_case
from fairweather.features.inputs import FeatureInputs, feature_inputs
from fairweather.features.registry import BASE_COLUMNS, FEATURE_NAMES
from fairweather.store import DateLike, Store, as_date

__all__ = ["build_features", "training_table"]


def _spec(crisis_or_scenario: Any, store: Store | None) -> tuple[str, str, tuple[str, ...], dt.date]:
    c = crisis_or_scenario
    if isinstance(c, str):
        if store is None:
            raise ScenarioError("A crisis id needs a store to look it up.")
        c = store.crisis(c)
    d = getattr(c, "start_date", None) or getattr(c, "date", None)
    cid = getattr(c, "crisis_id", None) or "scenario"
    return cid, c.target, tuple(c.attackers), as_date(d, "crisis date")  # type: ignore[return-value]


def _row(inp: FeatureInputs, p: str, t: str, attackers: tuple[str, ...], d: dt.date) -> tuple[dict[str, float], dict[str, Any], list]:
    """One partner's features as of ``d``, the context its sentences need, and the provenance of every value read.

    Each feature is its registry entry's column (:data:`~fairweather.features.registry.BASE_COLUMNS`), read for
    this one partner in registry order (the provenance rows follow it); a what-if on a feature's value
    (``CHN.past_mean_level=3``) then replaces the value.
    """
    prov: list = []
    ctx: dict[str, Any] = {}
    f = computed_values(row_case(inp, t, attackers, d, prov, {p: ctx}), p, BASE_COLUMNS)
    for (*subj, name), v in inp.feature_overrides.items():
        if subj[0] == p and (len(subj) == 1 or subj[1] == t):
            f[name] = v
    return f, ctx, prov


_COLUMNS = ["crisis_id", "partner", "target", "attackers", "date", *FEATURE_NAMES]


def _rows(inp: FeatureInputs, cid: str, target: str, attackers: tuple[str, ...], d: dt.date,
          partners: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple]]:
    rows: list[dict[str, Any]] = []
    ctxs: list[dict[str, Any]] = []
    provs: list[tuple] = []
    for p in partners:
        f, ctx, prov = _row(inp, p, target, attackers, d)
        rows.append({"crisis_id": cid, "partner": p, "target": target, "attackers": ";".join(attackers), "date": d, **f})
        ctxs.append(ctx)
        provs.extend((p, *x) for x in prov)
    return rows, ctxs, provs


def _build(inp: FeatureInputs, cid: str, target: str, attackers: tuple[str, ...], d: dt.date,
           partners: Sequence[str]) -> tuple[pd.DataFrame, list[dict[str, Any]], list[tuple]]:
    rows, ctxs, provs = _rows(inp, cid, target, attackers, d, partners)
    return pd.DataFrame(rows, columns=_COLUMNS), ctxs, provs


def build_features(store: Store, crisis_or_scenario: Any, partners: Sequence[str],
                   assume: Sequence[str] = ()) -> pd.DataFrame:
    """Features of each partner for one crisis (a crisis id, a :class:`~fairweather.store.Crisis`) or a scenario.

    Parameters
    ----------
    store
        The store to read, as of the crisis date.
    crisis_or_scenario
        Anything with ``target``, ``attackers`` and ``start_date`` or ``date``; or a crisis id.
    partners
        ISO3 codes of the partners, one row each.
    assume
        What-if assumptions (see :func:`parse_assumption`) applied for this call only.

    Returns
    -------
    DataFrame
        ``crisis_id, partner, target, attackers, date`` and one column per feature of :data:`FEATURES`.
    """
    cid, target, attackers, d = _spec(crisis_or_scenario, store)
    inp = feature_inputs(store).with_assumptions(assume, d)
    return _build(inp, cid, target, attackers, d, list(partners))[0]


def training_table(store: Store, before: DateLike | None = None,
                   since: DateLike | None = None) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Features ``X``, levels ``y`` and ``meta`` for every recorded response in crises before ``before``.

    ``before`` defaults to :data:`fairweather.split.EVALUATION_START` (2020-01-01): crises from then
    on are evaluation cases and never enter a training table unless asked for explicitly with ``since``.
    ``meta`` holds ``crisis_id, partner, target, attackers, date, year, sided_with_attacker``.
    """
    from fairweather.split import EVALUATION_START

    before = as_date(before) if before is not None else EVALUATION_START
    since = as_date(since) if since is not None else None
    inp = feature_inputs(store)
    from fairweather.sources.history import OBSERVES_FROM

    # the pack's coded crises only: a dataset's crises (COW MIDs, UCDP ESD) record only who helped, so their
    # responses are not a training table's exact levels (fairweather.history_features builds those, censored)
    resp = store.con.execute(
        "SELECT r.crisis_id, r.supporter, r.level, r.sided_with_attacker FROM responses r JOIN crises c USING (crisis_id) "
        "WHERE c.start_date < $b AND c.source_id NOT IN (SELECT unnest($ds::VARCHAR[]))"
        + (" AND c.start_date >= $s" if since else "") + " ORDER BY c.start_date, r.crisis_id, r.supporter",
        {"b": before, "ds": list(OBSERVES_FROM), **({"s": since} if since else {})},
    ).fetchall()
    by_crisis: dict[str, list[tuple]] = defaultdict(list)
    for cid, sup, lvl, sided in resp:
        by_crisis[cid].append((sup, int(lvl), bool(sided)))
    records: list[dict[str, Any]] = []
    ys: list[int] = []
    sided_all: list[bool] = []
    crises = inp.crises.set_index("crisis_id")
    for cid, rows in by_crisis.items():
        c = crises.loc[cid]
        attackers = tuple(a.strip() for a in c["attackers"].split(";"))
        recs, _, _ = _rows(inp, cid, c["target"], attackers, date_or_none(c["start_date"]), [r[0] for r in rows])  # type: ignore[arg-type]
        records.extend(recs)
        ys.extend(r[1] for r in rows)
        sided_all.extend(r[2] for r in rows)
    full = pd.DataFrame(records, columns=_COLUMNS)
    meta = full[["crisis_id", "partner", "target", "attackers", "date"]].copy()
    meta["year"] = [d.year for d in meta["date"]]
    meta["sided_with_attacker"] = sided_all
    X = full[list(FEATURE_NAMES)].astype(float).reset_index(drop=True)
    y = pd.Series(ys, name="level", dtype=int)
    return X, y, meta
