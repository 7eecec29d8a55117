"""The pack's candidate partners of an attacked state and the check that a case is inside the pack."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from fairweather.asof import valid_on
from fairweather.errors import CoverageError, ScenarioError
from fairweather.features.inputs import FeatureInputs, coverage_window, feature_inputs, haversine_km as _haversine_km
from fairweather.features.registry import MAJOR_POWERS
from fairweather.pack.schema import OBLIGATIONS
from fairweather.store import DateLike, Store, as_date

__all__ = ["candidate_partners", "check_case", "check_partner"]


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
    for role, s in [("target", target), *[("attacker", a) for a in attackers]]:
        if role == "attacker" and s.startswith("UCDP:"):
            continue  # an armed group (fairweather.actors): no state spell to check
        _check_state(inputs, role, s, d, inputs.in_system)
    if partner is not None:
        _check_state(inputs, "partner", partner, d, inputs.in_system)
    if target in attackers:
        raise ScenarioError(f"The target {target} cannot be one of its own attackers.")
    if partner is not None:
        check_partner(inputs, target, attackers, partner, d)


def check_partner(inputs: FeatureInputs, target: str, attackers: Sequence[str], partner: str, d: dt.date,
                  in_system: Callable[[str, dt.date], bool] | None = None) -> None:
    """The partner's part of :func:`check_case`, for a case whose own part passed (batch scoring checks that once).

    ``in_system`` may be a memoized ``inputs.in_system``.
    """
    _check_state(inputs, "partner", partner, d, in_system or inputs.in_system)
    if partner == target or partner in attackers:
        raise ScenarioError(f"The partner {partner} is the target or an attacker.")


def _check_state(inputs: FeatureInputs, role: str, s: str, d: dt.date, in_system: Callable[[str, dt.date], bool]) -> None:
    if s not in inputs.states:
        raise CoverageError(f"The {role} {s} is not a state of the data pack.")
    if not in_system(s, d):
        raise CoverageError(f"The {role} {s} was not a state of the pack's system on {d}.")
