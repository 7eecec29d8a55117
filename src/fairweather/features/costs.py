"""Features of what helping would cost the partner (sanctions, wars under way, the attackers' strength), each defined once.

Each function is one feature's :data:`~fairweather.features.columns.Column`, read through the case's
:class:`~fairweather.features.columns.CaseView`. Sanctions are the fact ``sanctioned_by`` (the states
imposing broad sanctions on a state); wars are the facts ``at_war_with`` and ``intervening_in``; an
attacker that is not a state is an armed group (``UCDP:...``). Imports nothing from the rest of the
features package but its columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from fairweather.features.columns import Answers, CaseView, column, first_is_one

__all__ = ["sanctioned_by_attacker", "sanctions_target", "attacker_milex_ratio", "nuclear_attacker", "wars_elsewhere",
           "at_war_with_attacker", "armed_group_attacker", "backs_attacker_group"]


def sanctioned_by_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner is under broad sanctions imposed by an attacker on ``d``."""
    sanctioned = case.look.values("sanctioned_by")
    return column([float(any(a in by for a in case.attackers)) for by in (sanctioned.get(p, ()) for p in partners)])


def sanctions_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the target is under broad sanctions imposed by the partner on ``d``."""
    sanctioned = case.look.values("sanctioned_by")
    return column([float(p in sanctioned.get(case.t, ())) for p in partners])


def attacker_milex_ratio(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(sum of the attackers' milex_usd / the partner's) on ``d``; NaN if any is unknown (an armed group's is)."""
    milex = case.look.numbers("milex_usd")
    out = []
    for p in partners:
        mp = milex.get(p)
        ma = [milex.get(a) for a in case.attackers]
        ok = mp is not None and mp > 0 and all(m is not None for m in ma) and sum(ma) > 0
        out.append(math.log(sum(ma) / mp) if ok else math.nan)
    return column(out)


def nuclear_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 if any attacker has nuclear weapons on ``d`` (the same for every partner); the sentences get those attackers."""
    weapons = case.look.values("nuclear_weapons")
    out = []
    for p in partners:
        nukes = [a for a in case.attackers if first_is_one(weapons.get(a, ()))]
        case.note(p, "nuclear_attackers", nukes)
        out.append(float(bool(nukes)))
    return column(out)


def _wars(at_war_with: Answers, intervening_in: Answers, p: str) -> tuple[list[str], list[str]]:
    """The states ``p`` is at war with or intervening in, and those it is at war with, each sorted."""
    at_war = set(at_war_with.get(p, ()))
    return sorted(at_war | set(intervening_in.get(p, ()))), sorted(at_war)


def _war_facts(case: CaseView) -> tuple[Answers, Answers]:
    return case.look.values("at_war_with"), case.look.values("intervening_in")


def wars_elsewhere(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Number of states other than the target and the attackers that the partner is at war with or intervening in on
    ``d``; the sentences get the ``wars`` and those ``at_war``."""
    facts, out = _war_facts(case), []
    for p in partners:
        wars, at_war = _wars(*facts, p)
        case.note(p, "wars", wars)
        case.note(p, "at_war", at_war)
        out.append(float(len([w for w in wars if w not in case.attackers and w != case.t])))
    return column(out)


def at_war_with_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner is at war with (or intervening in) an attacker on ``d``."""
    facts = _war_facts(case)
    return column([float(any(w in case.attackers for w in _wars(*facts, p)[0])) for p in partners])


def armed_group_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 if an attacker is not a state (the same for every partner)."""
    return np.full(len(partners), float(len(case.states) < len(case.attackers)))


def backs_attacker_group(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner supported an attacking armed group in a year before ``d`` (fact ``supports_group``)."""
    groups = [a for a in case.attackers if a.startswith("UCDP:")]
    if not groups:
        return np.zeros(len(partners))
    supports = case.look.values("supports_group")
    return column([float(any(g in vals for g in groups)) for vals in (supports.get(p, ()) for p in partners)])
