"""Partner x crisis features, built as of the crisis date from the store.

Every feature is an observable quantity with a written definition, a rule for
missing values and the sign theory expects (the :data:`FEATURES` registry). A
row describes one *partner* P of an attacked *target* T in a crisis that
*attackers* A began on date D, and is built **as of D**: a fact, tie or
commitment counts only if it was valid on D, event ties (arms deliveries,
troops sent) only if they began before D, and the partner's record only from
crises that began before D. Nothing dated after D can change a row.

The store's tables are read once per store into memory (:class:`FeatureInputs`)
and every as-of lookup happens there, so a scenario with ten partners needs
no per-row SQL. What-if assumptions (:func:`parse_assumption`) edit a copy of
these inputs for one run.

>>> from fairweather.store import Store                          # doctest: +SKIP
>>> X, y, meta = training_table(Store.open())                    # doctest: +SKIP
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import pandas as pd

from fairweather.asof import Snapshot, Spell, date_or_none, snapshot, valid_on
from fairweather.errors import CoverageError, ScenarioError
from fairweather.pack.schema import FACT_KINDS, OBLIGATIONS, TIE_KINDS
from fairweather.store import DateLike, Store, as_date

__all__ = [
    "Feature",
    "FEATURES",
    "FEATURE_NAMES",
    "FeatureInputs",
    "Assumption",
    "parse_assumption",
    "feature_inputs",
    "build_features",
    "training_table",
    "candidate_partners",
    "coverage_window",
    "MAJOR_POWERS",
]

#: States always considered as candidate partners (the permanent UNSC members).
MAJOR_POWERS: tuple[str, ...] = ("USA", "RUS", "CHN", "GBR", "FRA")


@dataclass(frozen=True)
class Feature:
    """One feature: what it measures and how a missing value is treated.

    ``missing`` is ``"zero"`` when the pack records the quantity wherever it is
    non-zero (an absent defence pact or tie means none), or ``"train_mean"`` when
    absence means *unknown*: the value stays NaN here and the model imputes the
    training mean (a contribution of exactly 0).
    """

    name: str
    group: Literal["obligations", "stake", "costs", "reciprocity", "record"]
    label: str
    definition: str
    missing: Literal["zero", "train_mean"]
    sign: Literal["+", "-", "?"]


FEATURES: dict[str, Feature] = {f.name: f for f in [
    Feature("defense", "obligations", "defence obligation to the target",
            "1 if P has promised T active military support (ATOP `defense`) on D and no adversary condition "
            "excludes these attackers; else 0.", "zero", "+"),
    Feature("defense_names_attacker", "obligations", "defence obligation naming the attacker",
            "1 if P's defence obligation to T is limited to a named adversary (`adversary:ISO3`) that is among the attackers.",
            "zero", "+"),
    Feature("consultation", "obligations", "consultation or neutrality obligation",
            "1 if P has promised T consultation or neutrality on D.", "zero", "+"),
    Feature("partnership", "obligations", "strategic partnership", "1 if P and T have a treaty-level strategic partnership on D.",
            "zero", "+"),
    Feature("trade_share_partner", "stake", "share of the partner's trade with the target",
            "Tie P->T trade_share on D: % of P's goods trade that is with T; where the pack has no trade_share, "
            "the mean of P->T export_share and import_share (or the one recorded).", "zero", "+"),
    Feature("trade_share_target", "stake", "share of the target's trade with the partner",
            "Tie T->P trade_share on D (same fallback to export/import shares).", "zero", "+"),
    Feature("energy_share", "stake", "energy dependence between partner and target",
            "Largest of T's crude/gas import share from P, P's crude/gas import share from T and either side's "
            "oil export share to the other, on D (%).", "zero", "+"),
    Feature("arms_supply_share", "stake", "share of the target's arms imports supplied by the partner",
            "Tie T->P arms_import_share on D (%).", "zero", "+"),
    Feature("forces_in_target", "stake", "partner's troops in the target",
            "log(1 + personnel of P stationed in T on D) (tie P->T troops_stationed).", "zero", "+"),
    Feature("bases_in_target", "stake", "partner's bases in the target",
            "Number of military bases of P in T on D (tie P->T military_base).", "zero", "+"),
    Feature("regime_similarity", "stake", "regime similarity",
            "1 - |polyarchy(P) - polyarchy(T)| (V-Dem regime_polyarchy on D); NaN if either is unknown.", "train_mean", "+"),
    Feature("rival_of_attacker", "stake", "rival of an attacker (shares the target's rival)",
            "1 if P and an attacker are strategic rivals on D (tie `rivalry` either way).", "zero", "+"),
    Feature("trade_with_attackers", "costs", "share of the partner's trade with the attackers",
            "Sum over attackers A of P->A trade share on D (%), with the same fallback.", "zero", "-"),
    Feature("sanctioned_by_attacker", "costs", "already sanctioned by an attacker",
            "1 if P is under broad sanctions imposed by an attacker on D (fact sanctioned_by): it has less left to lose.",
            "zero", "+"),
    Feature("sanctions_target", "stake", "partner sanctions the target",
            "1 if T is under broad sanctions imposed by P on D (fact sanctioned_by).", "zero", "-"),
    Feature("defense_to_attackers", "costs", "defence obligation to an attacker",
            "1 if P has promised an attacker active military support on D.", "zero", "-"),
    Feature("attacker_milex_ratio", "costs", "attackers' military spending relative to the partner's",
            "log(sum of attackers' milex_usd / P's milex_usd) on D; NaN if unknown.", "train_mean", "-"),
    Feature("nuclear_attacker", "costs", "a nuclear-armed attacker", "1 if any attacker has nuclear weapons on D.", "zero", "-"),
    Feature("wars_elsewhere", "costs", "wars the partner is already fighting",
            "Number of states other than T and the attackers that P is at war with or intervening in on D.", "zero", "-"),
    Feature("at_war_with_attacker", "costs", "already at war with an attacker",
            "1 if P is at war with (or intervening in) an attacker on D.", "zero", "+"),
    Feature("distance", "costs", "distance between capitals",
            "Great-circle (haversine) distance between P's and T's capitals, in 1000 km.", "train_mean", "-"),
    Feature("reciprocity", "reciprocity", "help received from the target",
            "log(1 + number of arms deliveries and troop dispatches from T to P that began before D).", "zero", "+"),
    Feature("past_mean_level", "record", "mean support level in earlier crises",
            "Mean level of P's responses in crises that began before D; NaN if none.", "train_mean", "+"),
    Feature("past_level_target", "record", "mean support level for this target before",
            "Mean level of P's responses in earlier crises (begun before D) whose target was T; NaN if none.",
            "train_mean", "+"),
    Feature("unsc_permanent", "record", "permanent UNSC member", "1 if P is a permanent member of the UN Security Council on D.",
            "zero", "?"),
]}

FEATURE_NAMES: tuple[str, ...] = tuple(FEATURES)

def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Assumption:
    """One what-if: ``subject`` (``"RUS"`` or ``("CHN", "IRN")``), ``name`` and ``value`` (None = remove)."""

    text: str
    subject: tuple[str, ...]
    name: str
    value: str | None
    target: Literal["fact", "tie", "obligation", "feature"]


ASSUME_GRAMMAR = """\
An assumption overrides one fact for this run, as of the scenario date:
  STATE.FACT=VALUE         a state fact, e.g. RUS.at_war_with=none, RUS.milex_usd=60, IRN.nuclear_weapons=1
  FROM>TO.TIE=VALUE        a tie, e.g. CHN>IRN.trade_share=20, RUS>IRN.troops_stationed=5000
  GIVER>RECEIVER.FLAG=0|1  an obligation, e.g. RUS>IRN.defense=1 (flags: defense, consultation, neutrality, partnership, ...)
  PARTNER.FEATURE=VALUE    a feature directly, e.g. CHN.past_mean_level=3
VALUE 'none' removes the fact; lists of states are separated by ';' (RUS.at_war_with=UKR;SYR); event ties
(arms_delivery, troops_sent) take a count of events dated just before the scenario."""


def parse_assumption(text: str) -> Assumption:
    """Parse one what-if written in the small grammar of :data:`ASSUME_GRAMMAR`."""
    from fairweather.codes import to_iso3

    raw = text.strip()
    if "=" not in raw or "." not in raw.split("=", 1)[0]:
        raise ScenarioError(f"Cannot read the assumption {text!r}: write SUBJECT.NAME=VALUE, e.g. "
                            f"'RUS.at_war_with=none' or 'CHN>IRN.trade_share=20'.\n{ASSUME_GRAMMAR}")
    lhs, value = raw.split("=", 1)
    subj, name = lhs.rsplit(".", 1)
    name = name.strip()
    value = value.strip()
    states = tuple(to_iso3(s.strip()) for s in subj.split(">"))
    val: str | None = None if value.lower() in ("none", "null", "") else value
    if len(states) == 1:
        if name in FACT_KINDS:
            kind = "fact"
        elif name in FEATURES:
            kind = "feature"
        else:
            raise ScenarioError(f"Unknown fact {name!r} in the assumption {text!r}; facts: {', '.join(FACT_KINDS)}; "
                                f"features: {', '.join(FEATURES)}.")
        if kind == "fact" and val is not None and FACT_KINDS[name].value_type == "state":
            val = ";".join(to_iso3(v.strip()) for v in val.split(";") if v.strip()) or None
    elif len(states) == 2:
        if name in OBLIGATIONS:
            kind = "obligation"
            if val not in ("0", "1", None):
                raise ScenarioError(f"An obligation flag takes 0 or 1; got {value!r} in {text!r}.")
        elif name in TIE_KINDS:
            kind = "tie"
        elif name in FEATURES:
            kind = "feature"
        else:
            raise ScenarioError(f"Unknown tie or obligation {name!r} in {text!r}; ties: {', '.join(TIE_KINDS)}; "
                                f"obligations: {', '.join(OBLIGATIONS)}.")
    else:
        raise ScenarioError(f"The subject of {text!r} must be one state (RUS) or a pair (CHN>IRN).")
    if kind in ("fact", "tie", "feature") and val is not None:
        vt = FACT_KINDS[name].value_type if kind == "fact" else (TIE_KINDS[name].value_type if kind == "tie" else "float")
        if vt in ("float", "bool") or (kind == "tie" and TIE_KINDS[name].event):
            try:
                num = float(val)
            except ValueError:
                raise ScenarioError(f"{name} takes a number; got {value!r} in {text!r}.") from None
            _check_assumed_number(name, kind, vt, num, value, text)
    return Assumption(raw, states, name, val, kind)  # type: ignore[arg-type]


#: Tie kinds measured in percent: an assumed share must lie in 0..100.
_PERCENT = {k for k, t in TIE_KINDS.items() if t.unit == "%"}


def _check_assumed_number(name: str, kind: str, vt: str, num: float, value: str, text: str) -> None:
    """Refuse assumed values no data could hold (issue 13: 1e300, -500% and inf moved forecasts silently)."""
    if not math.isfinite(num):
        raise ScenarioError(f"{name} takes a finite number; got {value!r} in {text!r}.")
    if vt == "bool" and num not in (0.0, 1.0):
        raise ScenarioError(f"{name} takes 0 or 1; got {value!r} in {text!r}.")
    if num < 0 and kind != "feature":  # features such as log ratios may be negative; facts and ties may not
        raise ScenarioError(f"{name} cannot be negative; got {value!r} in {text!r}.")
    if kind == "tie" and name in _PERCENT and num > 100:
        raise ScenarioError(f"{name} is a share in percent (0-100); got {value!r} in {text!r}.")
    if kind == "fact" and FACT_KINDS[name].unit == "0-1" and num > 1:
        raise ScenarioError(f"{name} is a score from 0 to 1; got {value!r} in {text!r}.")
    if kind == "feature" and name in ("past_mean_level", "past_level_target") and num > 5:
        raise ScenarioError(f"{name} is a support level from 0 to 5; got {value!r} in {text!r}.")
    if num > 1e12:
        raise ScenarioError(f"{name} = {value} is out of any plausible range in {text!r}.")


@dataclass
class FeatureInputs(Snapshot):
    """A store's :class:`~fairweather.asof.Snapshot` plus a what-if overlay (one per store; copied for what-ifs)."""

    assumed_obligations: dict[tuple[str, str], dict[str, bool]] = field(default_factory=dict)
    feature_overrides: dict[tuple[str, ...], float] = field(default_factory=dict)
    assumptions: tuple[str, ...] = ()

    @classmethod
    def from_store(cls, store: Store) -> "FeatureInputs":
        """Read ``store`` afresh (not cached: :func:`feature_inputs` is the cached one)."""
        return cls.from_snapshot(Snapshot.from_store(store))

    @classmethod
    def from_snapshot(cls, snap: Snapshot) -> "FeatureInputs":
        """The snapshot's rows with no assumption (shared, not copied; so is the snapshot's memo)."""
        inp = cls(**{f.name: getattr(snap, f.name) for f in fields(Snapshot)})
        inp.__dict__["_memo"] = snap._memos()
        return inp

    def obligations(self, giver: str, receiver: str, d: dt.date, prov: list | None = None) -> tuple[dict[str, Any], list[str]]:
        """:meth:`Snapshot.obligations`, with assumed obligations (``obligation:...`` what-ifs) applied."""
        flags, conds = super().obligations(giver, receiver, d, prov)
        over = self.assumed_obligations.get((giver, receiver))
        if over:
            for o, v in over.items():
                flags[o] = v
                if o == "defense":
                    flags["_defense_conditions"] = [[]] if v else []
        return flags, conds

    # -- what-ifs ------------------------------------------------------------------
    def with_assumptions(self, assumptions: Sequence[str | Assumption], d: dt.date) -> "FeatureInputs":
        """A copy of these inputs with the assumptions applied as of ``d`` (the originals are untouched)."""
        if not assumptions:
            return self
        new = copy.copy(self)
        new.__dict__.pop("_memo", None)  # the copy's spells differ: its coverage and lookups are its own
        new.facts = dict(self.facts)
        new.ties = dict(self.ties)
        new.assumed_obligations = {k: dict(v) for k, v in self.assumed_obligations.items()}
        new.feature_overrides = dict(self.feature_overrides)
        texts = list(self.assumptions)
        for a in assumptions:
            a = parse_assumption(a) if isinstance(a, str) else a
            texts.append(a.text)
            src = f"assumption: {a.text}"
            if a.target == "fact":
                key = (a.subject[0], a.name)
                kept = [s for s in new.facts.get(key, ()) if not valid_on(s[0], s[1], d)]
                vals = [] if a.value is None else (a.value.split(";") if FACT_KINDS[a.name].multi else [a.value])
                new.facts[key] = kept + [Spell(d, d, v, src, None) for v in vals]
            elif a.target == "tie":
                key = (a.subject[0], a.subject[1], a.name)
                if TIE_KINDS[a.name].event:
                    kept = [s for s in new.ties.get(key, ()) if s[0] >= d]
                    n = 0 if a.value is None else int(float(a.value))
                    new.ties[key] = kept + [Spell(d - dt.timedelta(days=1), None, "1", src, f"assumed #{i + 1}") for i in range(n)]
                else:
                    kept = [s for s in new.ties.get(key, ()) if not valid_on(s[0], s[1], d)]
                    new.ties[key] = kept + ([] if a.value is None else [Spell(d, d, a.value, src, None)])
            elif a.target == "obligation":
                new.assumed_obligations.setdefault((a.subject[0], a.subject[1]), {})[a.name] = a.value == "1"
            else:
                new.feature_overrides[(*a.subject, a.name)] = float("nan") if a.value is None else float(a.value)
        new.assumptions = tuple(texts)
        return new


_CACHE: "weakref.WeakKeyDictionary[Store, FeatureInputs]" = weakref.WeakKeyDictionary()


def feature_inputs(store: Store) -> FeatureInputs:
    """The in-memory inputs of ``store``, read once and cached for the store's lifetime."""
    inp = _CACHE.get(store)
    if inp is None or inp.revision != getattr(store, "revision", 0):
        inp = _CACHE[store] = FeatureInputs.from_snapshot(snapshot(store))
    return inp


def coverage_window(inputs: FeatureInputs) -> tuple[dt.date, dt.date]:
    """Dates the pack covers: from Jan 1 of the first crisis year to Dec 31 of the latest dated row's year.

    Computed once per inputs (a scan of every spell: it was 90% of the time of ``predict`` when
    each row recomputed it); a what-if copy computes its own.
    """
    memos = inputs._memos()
    if "coverage" not in memos:
        memos["coverage"] = _coverage_window(inputs)
    return memos["coverage"]


def _coverage_window(inputs: FeatureInputs) -> tuple[dt.date, dt.date]:
    starts = [d for d in inputs.crises["start_date"]] if not inputs.crises.empty else []
    firsts = [min(s[0] for s in v) for v in inputs.ties.values() if v] + [min(s[0] for s in v) for v in inputs.facts.values() if v]
    lasts = [max(s[0] for s in v) for v in inputs.ties.values() if v] + [max(s[0] for s in v) for v in inputs.facts.values() if v]
    lo = min([date_or_none(x) for x in starts] + [dt.date(1990, 1, 1)]) if starts else (min(firsts) if firsts else dt.date(1946, 1, 1))
    hi_candidates = lasts + [date_or_none(x) for x in starts]
    hi = max(hi_candidates) if hi_candidates else dt.date.today()
    return dt.date(lo.year, 1, 1), dt.date(hi.year, 12, 31)


def _spec(crisis_or_scenario: Any, store: Store | None) -> tuple[str, str, tuple[str, ...], dt.date]:
    c = crisis_or_scenario
    if isinstance(c, str):
        if store is None:
            raise ScenarioError("A crisis id needs a store to look it up.")
        c = store.crisis(c)
    d = getattr(c, "start_date", None) or getattr(c, "date", None)
    cid = getattr(c, "crisis_id", None) or "scenario"
    return cid, c.target, tuple(c.attackers), as_date(d, "crisis date")  # type: ignore[return-value]


def _trade(inp: FeatureInputs, a: str, b: str, d: dt.date, prov: list) -> float:
    v = inp.tie(a, b, "trade_share", d, prov)
    if v is not None:
        return v
    parts = [x for x in (inp.tie(a, b, "export_share", d, prov), inp.tie(a, b, "import_share", d, prov)) if x is not None]
    return sum(parts) / len(parts) if parts else 0.0


def _row(inp: FeatureInputs, p: str, t: str, attackers: tuple[str, ...], d: dt.date) -> tuple[dict[str, float], dict[str, Any], list]:
    prov: list = []
    ctx: dict[str, Any] = {}
    f: dict[str, float] = {}
    flags, conds = inp.obligations(p, t, d, prov)
    dconds = flags.pop("_defense_conditions")
    names_attacker, applies = False, False
    for cl in dconds:
        advs = [c.split(":", 1)[1].strip() for c in cl if c.startswith("adversary:")]
        if not advs:
            applies = True
        elif any(a in attackers for a in advs):
            applies = names_attacker = True
    ctx["defense_excluded"] = bool(dconds) and not applies
    ctx["conditions"] = conds
    f["defense"] = float(applies)
    f["defense_names_attacker"] = float(names_attacker)
    f["consultation"] = float(flags["consultation"] or flags["neutrality"])
    f["partnership"] = float(flags["partnership"])
    f["trade_share_partner"] = _trade(inp, p, t, d, prov)
    f["trade_share_target"] = _trade(inp, t, p, d, prov)
    energy = [inp.tie(a, b, k, d, prov) for a, b in ((t, p), (p, t)) for k in ("crude_import_share", "gas_import_share", "oil_export_share")]
    f["energy_share"] = max([e for e in energy if e is not None], default=0.0)
    f["arms_supply_share"] = inp.tie(t, p, "arms_import_share", d, prov) or 0.0
    troops = inp.tie(p, t, "troops_stationed", d, prov) or 0.0
    ctx["troops"] = troops
    f["forces_in_target"] = math.log1p(max(troops, 0.0))
    f["bases_in_target"] = inp.tie(p, t, "military_base", d, prov) or 0.0
    pp, pt = inp.fact_float(p, "regime_polyarchy", d, prov), inp.fact_float(t, "regime_polyarchy", d, prov)
    f["regime_similarity"] = float("nan") if pp is None or pt is None else 1.0 - abs(pp - pt)
    rivals = [a for a in attackers if inp.tie(p, a, "rivalry", d, prov) is not None or inp.tie(a, p, "rivalry", d, prov) is not None]
    ctx["rivals"] = rivals
    f["rival_of_attacker"] = float(bool(rivals))
    f["trade_with_attackers"] = sum(_trade(inp, p, a, d, prov) for a in attackers)
    f["sanctioned_by_attacker"] = float(any(a in inp.fact_values(p, "sanctioned_by", d, prov) for a in attackers))
    f["sanctions_target"] = float(p in inp.fact_values(t, "sanctioned_by", d, prov))
    f["defense_to_attackers"] = float(any(inp.obligations(p, a, d, prov)[0]["defense"] for a in attackers))
    mp = inp.fact_float(p, "milex_usd", d, prov)
    ma = [inp.fact_float(a, "milex_usd", d, prov) for a in attackers]
    ok = mp is not None and mp > 0 and all(m is not None for m in ma) and sum(ma) > 0  # type: ignore[arg-type]
    f["attacker_milex_ratio"] = math.log(sum(ma) / mp) if ok else float("nan")  # type: ignore[arg-type, operator]
    nukes = [a for a in attackers if inp.fact_values(a, "nuclear_weapons", d, prov)[:1] == ["1"]]
    ctx["nuclear_attackers"] = nukes
    f["nuclear_attacker"] = float(bool(nukes))
    at_war = set(inp.fact_values(p, "at_war_with", d, prov))
    wars = sorted(at_war | set(inp.fact_values(p, "intervening_in", d, prov)))
    ctx["wars"] = wars
    ctx["at_war"] = sorted(at_war)
    f["wars_elsewhere"] = float(len([w for w in wars if w not in attackers and w != t]))
    f["at_war_with_attacker"] = float(any(w in attackers for w in wars))
    cp, ct = inp.capital(p, d), inp.capital(t, d)
    f["distance"] = _haversine_km(cp, ct) / 1000.0 if cp and ct and None not in (*cp, *ct) else float("nan")
    f["reciprocity"] = math.log1p(inp.events_before(t, p, ("arms_delivery", "troops_sent"), d, prov))
    past = [(lvl, cid, src) for sd, lvl, cid, src in inp.responses.get(p, ()) if sd < d]
    same = [lvl for sd, lvl, cid, src in inp.responses.get(p, ()) if sd < d and inp.crisis_target.get(cid) == t]
    ctx["past_target_n"] = len(same)
    f["past_level_target"] = sum(same) / len(same) if same else float("nan")
    ctx["past_n"] = len(past)
    f["past_mean_level"] = sum(x[0] for x in past) / len(past) if past else float("nan")
    for lvl, cid, src in past:
        prov.append(("responses", p, cid, "level", str(lvl), None, src))
    f["unsc_permanent"] = float(inp.fact_values(p, "unsc_permanent", d, prov)[:1] == ["1"])
    for (*subj, name), v in inp.feature_overrides.items():
        if subj[0] == p and (len(subj) == 1 or subj[1] == t):
            f[name] = v
    return f, ctx, prov


_COLUMNS = ["crisis_id", "partner", "target", "attackers", "date", *FEATURE_NAMES]


def _rows(inp: FeatureInputs, cid: str, target: str, attackers: tuple[str, ...], d: dt.date,
          partners: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple]]:
    rows, ctxs, provs = [], [], []
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
    ys, sided_all = [], []
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


def candidate_partners(store: Store, target: str, attackers: Sequence[str], date: DateLike,
                       max_trade: int = 3, max_neighbours: int = 3) -> dict[str, list[str]]:
    """Plausible partners of ``target`` on ``date``, each with why it was chosen.

    Treaty partners (any obligation to the target), strategic partners, arms patrons (any share of
    the target's arms imports), the major powers USA/RUS/CHN/GBR/FRA, the ``max_trade`` main trade
    partners and the ``max_neighbours`` nearest capitals; never the target or an attacker, and
    only states in the system on the date.
    """
    d = as_date(date, "scenario date")
    inp = feature_inputs(store)
    why: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(inp.by_state.get(target, ())):
        for m in inp.commitment_on(cid, d):
            if m.state != target:
                flags, _ = inp.obligations(m.state, target, d)
                if flags["partnership"]:
                    why[m.state].append("strategic partner")
                if any(flags[o] for o in OBLIGATIONS if o != "partnership"):
                    why[m.state].append("treaty partner")
    trade: list[tuple[float, str]] = []
    for (a, b, k), spells in inp.ties.items():
        if a != target:
            continue
        if k == "arms_import_share" and any(valid_on(s[0], s[1], d) for s in spells):
            why[b].append("arms patron")
        if k == "trade_share":
            v = inp.tie(a, b, k, d)
            if v is not None:
                trade.append((v, b))
    for v, b in sorted(trade, reverse=True)[:max_trade]:
        why[b].append("main trade partner")
    for p in MAJOR_POWERS:
        why[p].append("major power")
    ct = inp.capital(target, d)
    if ct:
        near = sorted((_haversine_km(ct, inp.capital(s, d)), s) for s in inp.states  # type: ignore[arg-type]
                      if s != target and inp.in_system(s, d))
        for _, s in near[:max_neighbours]:
            why[s].append("neighbour")
    excluded = {target, *attackers}
    return {p: list(dict.fromkeys(r)) for p, r in sorted(why.items()) if p not in excluded and inp.in_system(p, d)}


def check_case(inputs: FeatureInputs, target: str, attackers: Sequence[str], partner: str | None, d: dt.date) -> None:
    """Raise a clear error when a case is outside what the pack covers."""
    lo, hi = coverage_window(inputs)
    if not lo <= d <= hi:
        raise CoverageError(f"The date {d} is outside the pack's coverage ({lo}..{hi}).")
    for role, s in [("target", target), *[("attacker", a) for a in attackers], *([("partner", partner)] if partner else [])]:
        if role == "attacker" and s.startswith("UCDP:"):
            continue  # an armed group (fairweather.actors): no state spell to check
        if s not in inputs.states:
            raise CoverageError(f"The {role} {s} is not a state of the data pack.")
        if not inputs.in_system(s, d):
            raise CoverageError(f"The {role} {s} was not a state of the pack's system on {d}.")
    if target in attackers:
        raise ScenarioError(f"The target {target} cannot be one of its own attackers.")
    if partner is not None and (partner == target or partner in attackers):
        raise ScenarioError(f"The partner {partner} is the target or an attacker.")
