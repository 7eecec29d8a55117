"""Features of the partner's promises (ATOP obligations), each defined once.

Each function is one feature's :data:`~fairweather.features.columns.Column`, read through the case's
:class:`~fairweather.features.columns.CaseView`: ``obligations_to(receiver).get(giver)`` is what the
giver promised the receiver on the date (the as-of engine's one derivation,
:meth:`fairweather.asof.Snapshot.obligations`; ``None``: nothing). A defence clause limited to named
adversaries (condition ``adversary:ISO3``) applies only when one of them is among the attackers.
Imports nothing from the rest of the features package but its columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from fairweather.features.columns import Answers, CaseView, column

__all__ = ["defense", "defense_names_attacker", "consultation", "partnership", "defense_to_attackers"]

_NOTHING: tuple[Mapping[str, Any], Sequence[str]] = ({}, [])


def _owed(owed: Answers, giver: str) -> tuple[Mapping[str, Any], Sequence[str]]:
    """The giver's obligation flags and conditions in ``owed`` (one receiver's ``obligations_to``)."""
    hit = owed.get(giver)
    return _NOTHING if hit is None else hit


def _defense_clauses(flags: Mapping[str, Any], attackers: Sequence[str]) -> tuple[bool, bool]:
    """Whether a defence clause applies to these attackers, and whether one that applies names one of them."""
    applies = names_attacker = False
    for clause in flags.get("_defense_conditions", ()):
        adversaries = [c.split(":", 1)[1].strip() for c in clause if c.startswith("adversary:")]
        if not adversaries:
            applies = True
        elif any(a in attackers for a in adversaries):
            applies = names_attacker = True
    return applies, names_attacker


def defense(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner promised the target active military support on ``d`` and no adversary condition
    excludes these attackers; the sentences get ``defense_excluded`` (a pact whose conditions exclude them)
    and ``conditions``."""
    owed, out = case.look.obligations_to(case.t), []
    for p in partners:
        flags, conds = _owed(owed, p)
        applies = _defense_clauses(flags, case.attackers)[0]
        case.note(p, "defense_excluded", bool(flags.get("_defense_conditions")) and not applies)
        case.note(p, "conditions", conds)
        out.append(float(applies))
    return column(out)


def defense_names_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner's defence obligation to the target is limited to a named adversary among the attackers."""
    owed = case.look.obligations_to(case.t)
    return column([float(_defense_clauses(_owed(owed, p)[0], case.attackers)[1]) for p in partners])


def consultation(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner promised the target consultation or neutrality on ``d``."""
    owed = case.look.obligations_to(case.t)
    return column([float(flags.get("consultation", False) or flags.get("neutrality", False))
                   for flags, _ in (_owed(owed, p) for p in partners)])


def partnership(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner and the target have a treaty-level strategic partnership on ``d``."""
    owed = case.look.obligations_to(case.t)
    return column([float(_owed(owed, p)[0].get("partnership", False)) for p in partners])


def defense_to_attackers(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner promised an attacker active military support on ``d`` (read attacker by attacker,
    up to the first such promise)."""
    owed = [case.look.obligations_to(a) for a in case.attackers]
    return column([float(any(_owed(o, p)[0].get("defense", False) for o in owed)) for p in partners])
