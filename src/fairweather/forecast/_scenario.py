"""Scenarios and their forecasts: who helps an attacked state, how much, why, and what if."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from fairweather.errors import ModelError, ScenarioError, UnknownStateError
from fairweather.features import FEATURES, FeatureInputs, _build, candidate_partners, check_case, feature_inputs, parse_assumption
from fairweather.features.history import add_history_features
from fairweather.features.sentences import describe_feature
from fairweather.features.ranking import rank_candidates
from fairweather.features.registry import CASE_TERMS, HISTORY_FEATURES, TOP_CANDIDATES, uses_history
from fairweather.forecast._model import N_LEVELS, SupportModel
from fairweather.forecast._warnings import check_history_layer, warn_data_age
from fairweather.results import Result, Summary

__all__ = ["Scenario", "ForecastResult", "forecast", "default_store", "predict_rows"]

LEVEL_COLS = [f"p_level_{k}" for k in range(N_LEVELS)]
GE_COLS = [f"p_ge_{k}" for k in range(1, N_LEVELS)]


def _iso(value: Any, role: str) -> str:
    from fairweather.codes import to_iso3

    try:
        return to_iso3(value)
    except UnknownStateError as exc:
        raise ScenarioError(f"The {role} {value!r} is not a known state: {exc}") from None


def _actor(value: Any, role: str) -> str:
    from fairweather.actors import to_actor

    try:
        return to_actor(value)
    except UnknownStateError as exc:
        raise ScenarioError(f"The {role} {value!r} is not a known state or armed group: {exc}") from None


def _states(value: Any, role: str, groups: bool = False) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        from fairweather.inputs import split_list

        value = split_list(value)
    parse = _actor if groups else _iso
    return tuple(dict.fromkeys(parse(v.strip() if isinstance(v, str) else v, role) for v in value))


@dataclass(frozen=True)
class Scenario:
    """A state attacked by others on a date: the question a forecast answers.

    Parameters
    ----------
    target
        The attacked state (ISO3 code or name).
    attackers
        The attacking states or armed groups (codes or names such as ``"Hamas"`` or ``"the Houthis"``,
        see :mod:`fairweather.actors`; a comma- or ';'-separated string also works).
    date
        The date of the attack; every feature is built as of this date.
    partners
        The partners to forecast; ``None`` chooses them automatically.
    assume
        What-if assumptions such as ``"RUS.at_war_with=none"`` (see ``fairweather forecast --help``).

    Raises
    ------
    ScenarioError
        Unknown states, the target among its attackers, no attackers, a bad date or assumption.
    """

    target: str
    attackers: tuple[str, ...]
    date: dt.date
    partners: tuple[str, ...] | None = None
    assume: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        target = _iso(self.target, "target")
        attackers = _states(self.attackers, "attacker", groups=True)
        if not attackers:
            raise ScenarioError("A scenario needs at least one attacker, e.g. attackers=('ISR', 'USA').")
        if target in attackers:
            raise ScenarioError(f"The target {target} cannot be one of its own attackers ({', '.join(attackers)}).")
        d = self.date
        if isinstance(d, dt.datetime):
            d = d.date()
        if not isinstance(d, dt.date):
            try:
                d = dt.date.fromisoformat(str(d))
            except ValueError:
                raise ScenarioError(f"The scenario date must be written YYYY-MM-DD, e.g. 2025-06-13; got {self.date!r}.") from None
        partners = None if self.partners is None else _states(self.partners, "partner")
        if partners is not None:
            bad = [p for p in partners if p == target or p in attackers]
            if bad:
                raise ScenarioError(f"The partners {', '.join(bad)} are the target or an attacker; leave them out.")
        assume = (self.assume,) if isinstance(self.assume, str) else tuple(self.assume or ())
        for a in assume:
            try:
                parse_assumption(a)
            except UnknownStateError as exc:
                raise ScenarioError(f"Unknown state in the assumption {a!r}: {exc}") from None
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "attackers", attackers)
        object.__setattr__(self, "date", d)
        object.__setattr__(self, "partners", partners)
        object.__setattr__(self, "assume", assume)


def _open_default(history: bool):
    from fairweather.store import Store

    return Store.default(history=history)


def default_store(history: bool | None = None):
    """The embedded pack's store, opened once per process.

    ``history=None`` loads the shipped history layer when the shipped model was fitted on it
    (its parameter file records the layer's hash), so its features see the imported facts.
    """
    if history is None:
        from fairweather.forecast._params import load_model

        try:
            history = bool(load_model().meta_.get("training", {}).get("history_hash"))
        except ModelError:
            history = False
    return _open_default(bool(history))


def predict_rows(model: SupportModel, frame: pd.DataFrame, ctxs: list[dict[str, Any]] | None = None,
                 interval: bool = True, reasons: int = 3, explain: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Probabilities, expected level, interval and contributions for feature rows.

    Returns the prediction frame (one row per input row) and the long contributions frame.
    ``explain=False`` skips the sentences (``reasons`` empty, the long frame without rows):
    batch scoring needs only the numbers, and describing every feature of every row was
    most of its time.
    """
    from fairweather._frames import row_dicts
    from fairweather.codes import try_iso3, name as state_name

    # one float matrix for the four calls below (each would select and convert the frame again)
    X = frame[list(model.feature_names_in_)].to_numpy(dtype=float)
    contrib = model.contributions(X)
    eta = model.intercept_ + contrib.sum(axis=1)
    proba = model.predict_proba(X)
    ge = model.predict_cumulative(X)
    partners = pd.Series(frame["partner"].to_numpy())
    names = {p: state_name(p) if try_iso3(p) else p for p in partners.unique()}
    cols: dict[str, Any] = {"partner": partners, "partner_name": partners.map(names)}
    for k in range(N_LEVELS):
        cols[LEVEL_COLS[k]] = proba[:, k]
    for k in range(1, N_LEVELS):
        cols[GE_COLS[k - 1]] = ge[:, k - 1]
    cols["expected_level"] = ge.sum(axis=1)
    if interval:
        cols["interval_low"], cols["interval_high"] = model.predict_interval(X)
    else:
        cols["interval_low"] = cols["interval_high"] = np.full(len(partners), np.nan)
    cols["most_likely_level"] = proba.argmax(axis=1)
    cols["linear_predictor"] = eta
    out = pd.DataFrame(cols)  # at once: one column at a time was a tenth of a dashboard forecast
    if not explain:
        out["reasons"] = ""
        return out, pd.DataFrame(columns=["partner", "feature", "label", "value", "contribution", "text"])
    ctxs = ctxs or [{} for _ in range(len(frame))]
    reason_texts, long_cols = _explained(model, row_dicts(frame), ctxs, contrib, reasons)
    out["reasons"] = reason_texts
    return out, pd.DataFrame(long_cols)


#: The columns of the long contributions frame, in order.
_LONG_COLUMNS = ("partner", "feature", "label", "value", "contribution", "text")


def _explained(model: SupportModel, records: list[dict[str, Any]], ctxs: list[dict[str, Any]], contrib: np.ndarray,
               reasons: int) -> tuple[list[str], dict[str, list[Any]]]:
    """Each row's top ``reasons`` as one text, and the long contributions as columns (one row per row and feature).

    WHY columns: building the long frame from a dict per (partner, feature) cost pandas a conversion of
    every value; lists per column give the same frame in one pass.
    """
    features = list(model.feature_names_in_)
    labels = [FEATURES[f].label if f in FEATURES else (HISTORY_FEATURES[f].label if f in HISTORY_FEATURES else f)
              for f in features]
    case_term = [f in CASE_TERMS for f in features]  # the same for every partner: context, not a partner's reason
    cols: dict[str, list[Any]] = {c: [] for c in _LONG_COLUMNS}
    reason_texts = []
    for i, rec in enumerate(records):
        row = contrib[i].tolist()
        texts = [describe_feature(f, rec, ctxs[i]) for f in features]
        cols["partner"] += [rec["partner"]] * len(features)
        cols["feature"] += features
        cols["label"] += labels
        cols["value"] += [rec[f] for f in features]
        cols["contribution"] += row
        cols["text"] += texts
        top = sorted(((abs(c), c, t) for c, t, case in zip(row, texts, case_term) if not case), key=lambda x: -x[0])[:reasons]
        reason_texts.append("; ".join(f"{t} ({c:+.2f})" for _, c, t in top))
    return reason_texts, cols


@dataclass
class ForecastResult(Result):
    """The forecast of one scenario: per partner, level probabilities, expected level, interval and reasons."""

    scenario: Scenario
    frame: pd.DataFrame
    contribution_frame: pd.DataFrame
    provenance_frame: pd.DataFrame
    features: pd.DataFrame
    base: pd.DataFrame | None = None
    partner_reasons: dict[str, list[str]] = field(default_factory=dict)
    model_info: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per partner: ``partner, partner_name, p_level_0..5, p_ge_1..5, expected_level,
        interval_low, interval_high, most_likely_level, linear_predictor, reasons``."""
        return self.frame.copy()

    def contributions(self) -> pd.DataFrame:
        """``partner, feature, label, value, contribution, text``; per partner the contributions sum to ``linear_predictor``."""
        return self.contribution_frame.copy()

    def provenance(self) -> pd.DataFrame:
        """The facts, ties, commitments and responses the features used, with ``source_id, citation, url``."""
        return self.provenance_frame.copy()

    def compare(self) -> pd.DataFrame:
        """Base vs assumed forecast per partner (only when the scenario has assumptions)."""
        if self.base is None:
            raise ScenarioError("This forecast has no assumptions to compare: give assume=(...) or --assume.")
        b = self.base.set_index("partner")
        a = self.frame.set_index("partner")
        out = pd.DataFrame({
            "partner": a.index,
            "expected_level_base": b.loc[a.index, "expected_level"].to_numpy(),
            "expected_level": a["expected_level"].to_numpy(),
        })
        out["delta"] = out["expected_level"] - out["expected_level_base"]
        out["p_ge_3_base"] = b.loc[a.index, "p_ge_3"].to_numpy()
        out["p_ge_3"] = a["p_ge_3"].to_numpy()
        return out.reset_index(drop=True)

    def __repr__(self) -> str:
        s = self.scenario
        return (f"<ForecastResult {s.target} attacked by {'+'.join(s.attackers)} on {s.date}: "
                f"{len(self.frame)} partners{', with assumptions' if s.assume else ''}>")

    def summary(self) -> Summary:
        """Per partner the chance of words (>= 1), material help (>= 3), arms or troops (>= 4) and the expected
        level with its interval; each partner's reasons as notes."""
        s = self.scenario
        info = [("Target", s.target), ("Attackers", ", ".join(s.attackers)), ("Date", s.date.isoformat()),
                ("Partners", str(len(self.frame))), ("Assumptions", "; ".join(s.assume) or "none"),
                ("Pack", str(self.model_info.get("pack_hash", ""))[:12])]
        through = self.model_info.get("data_through")
        if through:
            info.append(("Data through", ", ".join(f"{t} {d}" for t, d in sorted(through.items()))))
        cols = ["partner", "partner_name", "p_ge_1", "p_ge_3", "p_ge_4", "expected_level", "interval_low", "interval_high"]
        notes = [f"{r.partner}: {r.reasons}" for r in self.frame.itertuples(index=False) if r.reasons]
        return Summary(f"Forecast: {s.target} attacked by {'+'.join(s.attackers)} on {s.date}", info,
                       self.frame[cols].reset_index(drop=True), notes=notes, digits=2)


_PROVENANCE_COLUMNS = ["partner", "table", "subject", "object", "kind", "value", "valid_from", "source_id", "citation",
                       "url"]


def _provenance(provs: list[tuple], inp: FeatureInputs) -> pd.DataFrame:
    """The rows the features used, each once (first occurrence first), with their source's citation and link.

    WHY not ``drop_duplicates`` alone: most rows are read by several features, and building the frame
    of every repeat and hashing it back out was a sixth of a forecast. Exact repeats are dropped first,
    by Python's equality; only when a value does not equal itself (NaN, NaT: pandas counts two of them
    as equal, Python does not) are the rest left to pandas, which keeps the same first rows.
    """
    unique = list(dict.fromkeys(provs))
    if not unique:
        return pd.DataFrame([], columns=_PROVENANCE_COLUMNS).drop_duplicates(ignore_index=True)
    cols = dict(zip(_PROVENANCE_COLUMNS[:6] + ["valid_from", "source_id"], map(list, zip(*unique))))
    cited = [inp.sources.get(src, (src if str(src).startswith("assumption") else "", "")) for src in cols["source_id"]]
    cols["citation"] = [c for c, _ in cited]
    cols["url"] = [u for _, u in cited]
    frame = pd.DataFrame(cols, columns=_PROVENANCE_COLUMNS)
    if any(_unequal_to_itself(x) for row in unique for x in row if not isinstance(x, str)):
        frame = frame.drop_duplicates(ignore_index=True)
    return frame


def _unequal_to_itself(x: Any) -> bool:
    """True for NaN and NaT (and for a value whose equality has no truth value, such as ``pd.NA``)."""
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        return True


def forecast(scenario: Scenario, store: Any = None, model: SupportModel | None = None, top: int = TOP_CANDIDATES) -> ForecastResult:
    """Forecast the support each partner gives the scenario's target.

    Parameters
    ----------
    scenario
        Target, attackers, date, optional partners and what-if assumptions.
    store
        The store to read (default: the embedded pack, opened once per process).
    model
        A fitted :class:`SupportModel` (default: the shipped parameters, :func:`load_model`).
        If they were fitted on another pack, a :class:`~fairweather.errors.StaleParamsWarning` is issued once.
    top
        With a model fitted on history and no partners given: how many ranked candidates to forecast
        (:func:`fairweather.features.ranking.rank_candidates`, the rule the model was trained with).
    """
    from fairweather.forecast._params import check_pack_hash, load_model

    if not isinstance(scenario, Scenario):
        raise ScenarioError(f"forecast() takes a Scenario; got {type(scenario).__name__}.")
    store = store if store is not None else default_store()
    model = model if model is not None else load_model()
    check_pack_hash(model, store.pack_hash)
    check_history_layer(model, store)
    s = scenario
    inp = feature_inputs(store)
    check_case(inp, s.target, s.attackers, None, s.date)
    data_through = warn_data_age(store, s.date)
    why: dict[str, list[str]]
    hist = uses_history(model)
    if s.partners is None and hist:
        why = dict(rank_candidates(inp, s.target, s.attackers, s.date, top))
    elif s.partners is None:
        why = candidate_partners(store, s.target, s.attackers, s.date)
    else:
        why = {p: ["given"] for p in s.partners}
        for p in s.partners:
            check_case(inp, s.target, s.attackers, p, s.date)
    partners = list(why)
    if not partners:
        raise ScenarioError(f"No candidate partners for {s.target} on {s.date}; give them with partners=(...).")
    base_frame, base_ctx, base_prov = _build(inp, "scenario", s.target, s.attackers, s.date, partners)
    if hist:
        base_frame = add_history_features(inp, base_frame)
    base_pred, base_contrib = predict_rows(model, base_frame, base_ctx)
    if s.assume:
        inp2 = inp.with_assumptions(s.assume, s.date)
        feat, ctx, prov = _build(inp2, "scenario", s.target, s.attackers, s.date, partners)
        if hist:
            feat = add_history_features(inp2, feat)
        pred, contrib = predict_rows(model, feat, ctx)
        base = base_pred
    else:
        inp2, feat, prov, pred, contrib, base = inp, base_frame, base_prov, base_pred, base_contrib, None
    order = np.argsort(-pred["expected_level"].to_numpy(), kind="stable")
    pred = pred.iloc[order].reset_index(drop=True)
    pred["chosen_because"] = [", ".join(why[p]) for p in pred["partner"]]
    info = {"pack_hash": store.pack_hash, **getattr(model, "meta_", {})}
    if data_through:
        info["data_through"] = data_through
    return ForecastResult(s, pred, contrib, _provenance(prov, inp2), feat, base, why, info)
