"""Learning from history: the features, candidate rule and training set that the field's datasets make possible.

The curated pack codes 58 crises before 2020; the publishers' files (COW MIDs
since 1946, UCDP ESD 1975-2017), once imported into the store
(:func:`fairweather.sources.history.import_reference`), add about 1,600 more.
This module builds, for every crisis that began before 2020-01-01, one row per
candidate partner, **as of the crisis date** through the same in-memory as-of
engine as the forecast (:func:`fairweather.features.feature_inputs`):

- pack crises keep their coded responses (every plausible partner, levels 0-5);
- dataset crises take the candidates of :func:`rank_candidates` (the same rule
  a forecast uses), a recorded response as the dataset codes it, and for a
  candidate with nothing recorded a *censored* outcome: below the lowest level
  the dataset observes (0..2 for MIDs and ESD), never a 0.

Features the datasets cannot know (trade and energy shares, troops and bases,
sanctions, nuclear status) are *unknown* (NaN) on dataset rows (wars under way come
from UCDP/PRIO's conflict-years there, and from the pack where it codes them),
so the model learns them from the pack rows only and imputes them elsewhere.

>>> sorted(HISTORY_FEATURES)[:3]
['attacker_cinc_ratio', 'capability', 'closer_to_target']
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from fairweather.asof import giver_obligations
from fairweather.features import (FEATURE_NAMES, FEATURES, MAJOR_POWERS, Feature, FeatureInputs, _haversine_km, _rows,
                                  _trade, feature_inputs)
from fairweather.split import EVALUATION_START
from fairweather.store import Store

__all__ = ["CASE_TERMS", "HISTORY_FEATURES", "MODEL_FEATURES", "PACK_ONLY", "history_row", "rank_candidates", "history_training_set",
           "TOP_CANDIDATES"]

#: Default length of the ranked candidate list, in training and in forecasts.
TOP_CANDIDATES = 15

HISTORY_FEATURES: dict[str, Feature] = {f.name: f for f in [
    Feature("contiguous", "costs", "shares a border with the target",
            "1 if P and T are directly contiguous on D by land, river or at most 24 miles of water (COW contiguity "
            "types 1-3); else 0.", "zero", "+"),
    Feature("contiguous_attacker", "costs", "shares a border with an attacker",
            "1 if P is directly contiguous (types 1-3) to a state attacker on D.", "zero", "?"),
    Feature("arms_patron_share", "stake", "share of the target's recent arms imports from the partner",
            "Tie T->P arms_tiv_share on D: % of T's SIPRI TIV arms imports in the five years before D's year that came "
            "from P (0 when none).", "zero", "+"),
    Feature("forces_near_target", "stake", "partner's troops in or next to the target",
            "log(1 + personnel of P stationed on D in T or in a state directly contiguous to T) (ties troops_stationed).",
            "zero", "+"),
    Feature("trade_with_target_rivals", "costs", "share of the partner's trade with the target's rivals",
            "Sum over T's strategic rivals R (ties rivalry) other than the attackers of P's trade share with R on D (%; "
            "the same fallback to export/import shares as trade_share_partner): China's Gulf trade when Iran is attacked.",
            "zero", "-"),
    Feature("ideal_point_distance", "stake", "distance from the target in UN votes",
            "|ideal point(P) - ideal point(T)| in the latest UNGA session known on D (Bailey, Strezhnev & Voeten); NaN if "
            "unknown.", "train_mean", "-"),
    Feature("closer_to_target", "stake", "closer to the target than to the attackers in UN votes",
            "Mean over state attackers A of |IP(P) - IP(A)| - |IP(P) - IP(T)|: positive when P votes more like T than "
            "like its attackers; NaN if unknown.", "train_mean", "+"),
    Feature("un_unknown", "stake", "UN voting record unknown", "1 if P's or T's ideal point is unknown on D.", "zero", "?"),
    Feature("capability", "costs", "partner's capability to project force",
            "log of P's COW CINC score (share of world capability), latest year known on D; NaN if unknown.",
            "train_mean", "+"),
    Feature("attacker_cinc_ratio", "costs", "attackers' capability relative to the partner's",
            "log(sum of state attackers' CINC / P's CINC) on D; NaN if unknown or no state attacker.", "train_mean", "-"),
    Feature("cinc_unknown", "costs", "capability unknown", "1 if P's CINC score is unknown on D.", "zero", "?"),
    Feature("major_power", "record", "major power", "1 if P is a COW major power (or a permanent UNSC member) on D.",
            "zero", "+"),
    Feature("rival_of_target", "costs", "rival of the target", "1 if P and T are strategic rivals on D.", "zero", "-"),
    Feature("backs_attacker_group", "costs", "backs the attacking armed group",
            "1 if P supported an attacking armed group in its war with a government in a year before D (UCDP ESD "
            "fact supports_group); else 0.", "zero", "-"),
    Feature("armed_group_attacker", "costs", "the attacker is an armed group",
            "1 if an attacker is not a state (an insurgent or armed group).", "zero", "?"),
    Feature("past_material_help", "record", "material help given in earlier crises",
            "log(1 + number of earlier crises (begun before D) in which P gave material help, level >= 3, to anyone).",
            "zero", "+"),
    Feature("curated_case", "record", "a major crisis with every plausible partner coded",
            "1 for a crisis of the curated pack (and for a forecast scenario): a major crisis with every plausible "
            "partner's response coded; 0 for a crisis from a dataset (a MID, an ESD conflict), most of them minor, "
            "whose candidates come from the rule. It lets the levels' thresholds differ between the two kinds of case.",
            "zero", "?"),
    Feature("past_help_target", "record", "material help given to this target before",
            "log(1 + number of earlier crises in which P gave material help (level >= 3) to T).", "zero", "+"),
]}

#: Terms that are the same for every partner of a case: shown in the contributions, never as a partner's reason.
CASE_TERMS: frozenset[str] = frozenset({"curated_case", "armed_group_attacker"})

#: Base features the datasets cannot know: unknown (NaN) on rows of dataset crises.
PACK_ONLY: tuple[str, ...] = ("partnership", "trade_share_partner", "trade_share_target", "energy_share",
                              "arms_supply_share", "forces_in_target", "bases_in_target", "trade_with_attackers",
                              "sanctioned_by_attacker", "sanctions_target", "attacker_milex_ratio",
                              "reciprocity", "nuclear_attacker", "forces_near_target",
                              "trade_with_target_rivals")

#: The history model's features: the base registry less its crude record terms, plus the new ones.
MODEL_FEATURES: tuple[str, ...] = tuple(f for f in FEATURE_NAMES if f not in ("past_mean_level", "past_level_target")) + \
    tuple(HISTORY_FEATURES)


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


def history_row(inp: FeatureInputs, p: str, t: str, attackers: Sequence[str], d: dt.date) -> dict[str, float]:
    """The :data:`HISTORY_FEATURES` of partner ``p`` for target ``t`` attacked by ``attackers`` on ``d``."""
    states = [a for a in attackers if _is_state(inp, a)]
    f: dict[str, float] = {}
    f["contiguous"] = float(_contig(inp, p, t, d))
    f["contiguous_attacker"] = float(any(_contig(inp, p, a, d) for a in states))
    f["arms_patron_share"] = inp.tie(t, p, "arms_tiv_share", d) or 0.0
    near = [b for b, k in _from_index(inp).get(t, ()) if k == "contiguity" and _contig(inp, t, b, d)]
    troops = sum(inp.tie(p, x, "troops_stationed", d) or 0.0 for x in sorted({t, *near}))
    f["forces_near_target"] = math.log1p(max(troops, 0.0))
    rivals = sorted({b for b, k in _from_index(inp).get(t, ()) if k == "rivalry" and inp.tie(t, b, k, d) is not None}
                    - set(attackers) - {p})
    f["trade_with_target_rivals"] = sum(_trade(inp, p, r, d, []) for r in rivals)
    ip, it = _ideal(inp, p, d), _ideal(inp, t, d)
    ia = [x for x in (_ideal(inp, a, d) for a in states) if x is not None]
    known = ip is not None and it is not None
    f["ideal_point_distance"] = abs(ip - it) if known else math.nan  # type: ignore[operator]
    f["closer_to_target"] = (float(np.mean([abs(ip - x) for x in ia])) - abs(ip - it)  # type: ignore[operator]
                             if known and ia else math.nan)
    f["un_unknown"] = float(not known)
    cp = inp.fact_float(p, "cinc", d)
    ca = [inp.fact_float(a, "cinc", d) for a in states]
    f["capability"] = math.log(cp) if cp and cp > 0 else math.nan
    ok = bool(cp and cp > 0 and states and all(c is not None for c in ca) and sum(ca) > 0)  # type: ignore[arg-type]
    f["attacker_cinc_ratio"] = math.log(sum(ca) / cp) if ok else math.nan  # type: ignore[arg-type, operator]
    f["cinc_unknown"] = float(not (cp and cp > 0))
    f["major_power"] = float(inp.fact_values(p, "major_power", d)[:1] == ["1"]
                             or inp.fact_values(p, "unsc_permanent", d)[:1] == ["1"])
    f["rival_of_target"] = float(inp.tie(p, t, "rivalry", d) is not None or inp.tie(t, p, "rivalry", d) is not None)
    f["armed_group_attacker"] = float(len(states) < len(attackers))
    groups = [a for a in attackers if a.startswith("UCDP:")]
    f["backs_attacker_group"] = float(bool(groups) and any(g in inp.fact_values(p, "supports_group", d) for g in groups))
    helped = [(sd, tg) for sd, tg in _help_counts(inp).get(p, ()) if sd < d]
    f["past_material_help"] = math.log1p(len(helped))
    f["past_help_target"] = math.log1p(sum(1 for _, tg in helped if tg == t))
    return f


def _from_index(inp: FeatureInputs) -> dict[str, list[tuple[str, str]]]:
    idx = getattr(inp, "_from_index", None)
    if idx is None:
        idx = defaultdict(list)
        for (a, b, k) in inp.ties:
            idx[a].append((b, k))
        inp._from_index = idx  # type: ignore[attr-defined]
    return idx


#: A defence pact with more members than this on the date is a regional pact: it ranks as a treaty partner does.
MULTILATERAL = 10

#: Weights of the candidate rule's reasons (the rank is their sum, ties broken by distance).
CANDIDATE_WEIGHTS: dict[str, int] = {"defence pact": 4, "regional defence pact": 2, "treaty partner": 2,
                                     "strategic partner": 1, "neighbour by border": 2, "rival of an attacker": 2,
                                     "major power": 3, "helped the target before": 4, "arms patron": 1,
                                     "main trade partner": 1, "near capital": 1, "former arms patron": 1}
#: Years back a "former arms patron" (a supplier of >= 5% of the target's arms in a five-year window) is remembered.
PATRON_MEMORY_YEARS = 20
# WHY these weights: among the states that the datasets record helping a target in crises before 2020
# (COW MID side-B joiners, UCDP ESD supporters; 1,181 responses), the top 15 of this rule include 52.1%;
# with every reason at weight 4/2/1 and regional pacts counted as defence pacts, 47.3% (benchmarks/history_build.py
# prints the figure; no list of 15 could include more than 69.3%, as 13 crises record more than 15 helpers).
# Adding the three states nearest the target in UN ideal point as a reason (weight 1 or 2) lowered it
# (51.5-51.8%), so it is not a reason; a supplier of >= 5% of the target's arms in a window known in the
# 20 years before (weight 1) raised it to 52.1% (10 years: 51.8%), so "former arms patron" is one.
# Only pre-2020 crises were used to compare them.


def _former_patron(inp: FeatureInputs, target: str, b: str, d: dt.date) -> bool:
    """``b`` supplied >= 5% of ``target``'s arms in a window known within :data:`PATRON_MEMORY_YEARS` before ``d``."""
    since = dt.date(d.year - PATRON_MEMORY_YEARS, d.month, min(d.day, 28))
    return any(since <= vf <= d and _num(v) >= 5.0 for vf, _, v, _, _ in inp.ties.get((target, b, "arms_tiv_share"), ()))


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def rank_candidates(inp: FeatureInputs, target: str, attackers: Sequence[str], d: dt.date,
                    top: int | None = TOP_CANDIDATES) -> list[tuple[str, list[str]]]:
    """The ranked candidate partners of ``target`` on ``d``, each with the reasons it was chosen.

    Reasons (weights in :data:`CANDIDATE_WEIGHTS`): an obligation to the target (a defence pact
    counts most), a shared border, rivalry with an attacker, major-power status, earlier material
    help to the target, arms supply, trade, and the three nearest capitals. Never the target, an
    attacker, or a state outside the system on ``d``. ``top=None`` keeps every candidate.
    """
    why: dict[str, list[str]] = defaultdict(list)
    excluded = {target, *attackers}
    # every member of a commitment valid on d, with the size of the smallest such commitment it gives defence in
    # (sorted iteration: the result must not depend on set order, i.e. on the hash seed)
    smallest_defence: dict[str, int] = {}
    members: set[str] = set()
    for cid in sorted(inp.by_state.get(target, ())):
        alive = inp.commitment_on(cid, d)
        if not any(m.state == target for m in alive):
            continue
        for m in alive:
            if m.state in excluded:
                continue
            members.add(m.state)
            if "defense" in giver_obligations(inp.commitments[cid], m)[0]:
                smallest_defence[m.state] = min(smallest_defence.get(m.state, len(alive)), len(alive))
    for p in sorted(members):
        flags, _ = inp.obligations(p, target, d)
        if flags["defense"]:
            why[p].append("defence pact" if smallest_defence.get(p, MULTILATERAL + 1) <= MULTILATERAL else "regional defence pact")
        elif any(flags[o] for o in flags if o not in ("partnership", "_defense_conditions")):
            why[p].append("treaty partner")
        elif flags["partnership"]:
            why[p].append("strategic partner")
    trade: list[tuple[float, str]] = []
    for b, k in _from_index(inp).get(target, ()):
        if k == "contiguity" and _contig(inp, target, b, d):
            why[b].append("neighbour by border")
        elif k == "arms_import_share" and inp.tie(target, b, k, d) is not None:
            why[b].append("arms patron")
        elif k == "arms_tiv_share" and (inp.tie(target, b, k, d) or 0.0) >= 5.0:
            why[b].append("arms patron")
        elif k == "arms_tiv_share" and PATRON_MEMORY_YEARS and _former_patron(inp, target, b, d):
            why[b].append("former arms patron")
        elif k == "trade_share":
            v = inp.tie(target, b, k, d)
            if v is not None:
                trade.append((v, b))
    for _, b in sorted(trade, reverse=True)[:3]:
        why[b].append("main trade partner")
    for a in attackers:
        for b, k in _from_index(inp).get(a, ()):
            if k == "rivalry" and inp.tie(a, b, k, d) is not None:
                why[b].append("rival of an attacker")
    for s in sorted(set(MAJOR_POWERS) | {s for s in inp.states if inp.fact_values(s, "major_power", d)[:1] == ["1"]}):
        why[s].append("major power")
    for sup, rows in sorted(_help_counts(inp).items()):
        if any(sd < d and tg == target for sd, tg in rows):
            why[sup].append("helped the target before")
    ct = inp.capital(target, d)
    dist: dict[str, float] = {}
    if ct:
        for s in inp.states:
            if s not in excluded and inp.in_system(s, d):
                cs = inp.capital(s, d)
                if cs and None not in cs:
                    dist[s] = _haversine_km(ct, cs)
        for s in sorted(dist, key=lambda s: (dist[s], s))[:3]:
            why[s].append("near capital")
    order = list(CANDIDATE_WEIGHTS)
    ranked = [(s, sorted(set(r), key=order.index)) for s, r in why.items() if s not in excluded and inp.in_system(s, d)]
    ranked.sort(key=lambda x: (-sum(CANDIDATE_WEIGHTS[r] for r in x[1]), dist.get(x[0], math.inf), x[0]))
    return ranked if top is None else ranked[:top]


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


def feature_sign(name: str) -> str:
    """The expected sign of any registered feature (base or history)."""
    f = FEATURES.get(name) or HISTORY_FEATURES.get(name)
    return f.sign if f is not None else "?"


def uses_history(model: object) -> bool:
    """True when a fitted model takes any of the :data:`HISTORY_FEATURES` (it needs the imported facts)."""
    names = getattr(model, "feature_names_in_", ())
    return any(str(n) in HISTORY_FEATURES for n in names)


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


def describe_history(feature: str, row: dict, ctx: dict | None = None) -> str:
    """One sentence for a history feature of a partner row, as :func:`fairweather.forecast._explain.describe` does."""
    p, t = row["partner"], row["target"]
    a = str(row["attackers"]).replace(";", "+")
    v = row[feature]
    unknown = v is None or (isinstance(v, float) and math.isnan(v))
    if feature == "contiguous":
        return f"{p} borders {t}" if v else f"{p} does not border {t}"
    if feature == "contiguous_attacker":
        one = f"one of the attackers ({a})" if "+" in a else a
        return f"{p} borders {one}" if v else f"{p} does not border {a}"
    if feature == "arms_patron_share":
        return f"{p} supplied {v:.0f}% of {t}'s arms imports in the last five years (SIPRI)" if v else \
            f"{p} supplied none of {t}'s recent arms imports (SIPRI)"
    if feature == "forces_near_target":
        n = round(math.expm1(v))
        return f"{p} has {n:,} troops in or next to {t}" if n else f"{p} has no troops recorded in or next to {t}"
    if feature == "trade_with_target_rivals":
        return f"{v:.1f}% of {p}'s trade is with {t}'s rivals" if v else f"no recorded trade of {p} with {t}'s rivals"
    if feature == "ideal_point_distance":
        return "UN voting record unknown" if unknown else f"{p} and {t} are {v:.2f} apart in UN votes (ideal points)"
    if feature == "closer_to_target":
        if unknown:
            return f"no UN-vote comparison of {t} and {a}"
        return (f"{p} votes {abs(v):.2f} closer to {t} than to {a} at the UN" if v >= 0
                else f"{p} votes {abs(v):.2f} closer to {a} than to {t} at the UN")
    if feature == "un_unknown":
        return "UN voting record unknown" if v else "UN voting record known"
    if feature == "capability":
        return f"{p}'s capability unknown" if unknown else f"{p} holds {100 * math.exp(v):.1f}% of world capability (COW CINC)"
    if feature == "attacker_cinc_ratio":
        return "capability ratio unknown" if unknown else f"{a} have {math.exp(v):.1f} times {p}'s capability (COW CINC)"
    if feature == "cinc_unknown":
        return f"{p}'s capability unknown" if v else f"{p}'s capability known"
    if feature == "major_power":
        return f"{p} is a major power" if v else f"{p} is not a major power"
    if feature == "rival_of_target":
        return f"{p} and {t} are strategic rivals" if v else f"{p} is not a rival of {t}"
    if feature == "backs_attacker_group":
        return f"{p} has backed {a} before (UCDP ESD)" if v else f"{p} is not recorded backing {a}"
    if feature == "armed_group_attacker":
        return f"the attacker {a} is an armed group, not a state" if v else f"the attackers ({a}) are states"
    if feature == "curated_case":
        return "a major crisis with every plausible partner considered" if v else "a dataset crisis"
    if feature == "past_material_help":
        n = round(math.expm1(v))
        return f"{p} gave material help in {n} earlier {'crises' if n > 1 else 'crisis'}" if n else f"{p} gave no recorded material help in earlier crises"
    if feature == "past_help_target":
        n = round(math.expm1(v))
        return f"{p} helped {t} materially in {n} earlier {'crises' if n > 1 else 'crisis'}" if n else f"{p} never helped {t} materially before"
    return f"{feature} = {v}"


def candidate_capture(store: Store, before: dt.date = EVALUATION_START,
                      top: int = TOP_CANDIDATES) -> tuple[int, int, int]:
    """How many of the helpers the datasets record (not siding with the attacker) the candidate rule's top ``top`` include.

    Returns ``(included, recorded, ceiling)`` over the dataset crises (COW MIDs, UCDP ESD) that began
    before ``before``; ``ceiling`` is the most any list of ``top`` could include (a crisis with more
    recorded helpers than ``top`` caps it).
    """
    from fairweather.sources.history import OBSERVES_FROM

    inp = feature_inputs(store)
    rows = store.con.execute(
        "SELECT r.crisis_id, r.supporter, c.target, c.attackers, c.start_date FROM responses r JOIN crises c USING (crisis_id) "
        "WHERE c.start_date < ? AND NOT r.sided_with_attacker AND c.source_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY r.crisis_id", [before, list(OBSERVES_FROM)]).fetchall()
    cache: dict[str, set[str]] = {}
    helpers: dict[str, int] = defaultdict(int)
    hit = 0
    for cid, sup, t, att, d in rows:
        if cid not in cache:
            cache[cid] = {p for p, _ in rank_candidates(inp, t, tuple(att.split(";")), d, top)}
        hit += sup in cache[cid]
        helpers[cid] += 1
    return hit, len(rows), sum(min(n, top) for n in helpers.values())
