"""Every feature said as a sentence a reader can check: the only place a feature's words live.

Yes/no and some/none features are two templates in :data:`_YES_NO`, measured ones a template and an "unknown" text in
:data:`_MEASURED`; a feature whose sentence needs more (counts, context, a direction) is a small function.

:func:`describe_feature` is what a forecast's reasons call; :data:`SENTENCES` maps each feature of
:mod:`fairweather.features.registry` (the pack features and the history features alike) to its
sentence, and a test checks that none is missing. Each function reads a :class:`Said`: the partner
``p``, target ``t``, attackers ``a`` (joined with ``+``), the value ``v``, the whole row and the
context the feature builders left (troop counts, rival names, wars).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Said", "SENTENCES", "describe_feature"]


@dataclass(frozen=True)
class Said:
    """What a sentence may speak of: one partner row's names, one feature's value and its context."""

    p: str
    t: str
    a: str
    v: Any
    row: dict[str, Any]
    ctx: dict[str, Any] = field(default_factory=dict)

    @property
    def unknown(self) -> bool:
        return self.v is None or (isinstance(self.v, float) and math.isnan(self.v))

    @property
    def one_of(self) -> str:
        """``"ISR"`` for one attacker, ``"one of the attackers (ISR+USA)"`` for several."""
        return f"one of the attackers ({self.a})" if "+" in self.a else self.a


SENTENCES: dict[str, Callable[[Said], str]] = {}


def _says(name: str) -> Callable[[Callable[[Said], str]], Callable[[Said], str]]:
    def register(fn: Callable[[Said], str]) -> Callable[[Said], str]:
        SENTENCES[name] = fn
        return fn
    return register


def describe_feature(feature: str, row: dict[str, Any], ctx: dict[str, Any] | None = None) -> str:
    """One sentence for ``feature`` of a partner row (``partner``, ``target``, ``attackers`` and the feature values).

    A feature without a sentence (none in the registry) is said as ``name = value``.
    """
    said = Said(row["partner"], row["target"], str(row["attackers"]).replace(";", "+"), row[feature], row, ctx or {})
    fn = SENTENCES.get(feature)
    return fn(said) if fn is not None else f"{feature} = {said.v}"


# ---- obligations --------------------------------------------------------------------------------------------------

@_says("defense")
def _defense(s: Said) -> str:
    if s.v:
        return f"{s.p} has a defence obligation to {s.t}"
    if s.ctx.get("defense_excluded"):
        return f"{s.p}'s defence obligation to {s.t} names another adversary, not {s.a}"
    return f"no defence obligation to {s.t}"


# ---- stake --------------------------------------------------------------------------------------------------------

@_says("trade_share_partner")
def _trade_share_partner(s: Said) -> str:
    return f"{s.v:.1f}% of {s.p}'s trade is with {s.t} vs {s.row['trade_with_attackers']:.1f}% with the attackers' side"


@_says("trade_share_target")
def _trade_share_target(s: Said) -> str:
    return f"{s.v:.1f}% of {s.t}'s trade is with {s.p}"


@_says("forces_in_target")
def _forces_in_target(s: Said) -> str:
    troops = s.ctx.get("troops", 0.0)
    return f"{s.p} has {troops:,.0f} troops in {s.t}" if troops else f"no {s.p} troops stationed in {s.t}"


@_says("forces_near_target")
def _forces_near_target(s: Said) -> str:
    n = round(math.expm1(s.v))
    return f"{s.p} has {n:,} troops in or next to {s.t}" if n else f"{s.p} has no troops recorded in or next to {s.t}"


@_says("rival_of_attacker")
def _rival_of_attacker(s: Said) -> str:
    return f"{s.p} is a rival of {', '.join(s.ctx.get('rivals', [])) or s.a}" if s.v else f"{s.p} is no rival of {s.a}"


@_says("closer_to_target")
def _closer_to_target(s: Said) -> str:
    if s.unknown:
        return f"no UN-vote comparison of {s.t} and {s.a}"
    return (f"{s.p} votes {abs(s.v):.2f} closer to {s.t} than to {s.a} at the UN" if s.v >= 0
            else f"{s.p} votes {abs(s.v):.2f} closer to {s.a} than to {s.t} at the UN")


# ---- costs --------------------------------------------------------------------------------------------------------

@_says("trade_with_attackers")
def _trade_with_attackers(s: Said) -> str:
    return f"{s.v:.1f}% of {s.p}'s trade is with the attackers' side"


@_says("nuclear_attacker")
def _nuclear_attacker(s: Said) -> str:
    nukes = ", ".join(s.ctx.get("nuclear_attackers", []))
    return f"nuclear-armed attacker ({nukes})" if s.v else "no nuclear-armed attacker"


@_says("wars_elsewhere")
def _wars_elsewhere(s: Said) -> str:
    others = [w for w in s.ctx.get("wars", []) if w not in s.row["attackers"].split(";") and w != s.t]
    at_war = [w for w in others if w in s.ctx.get("at_war", others)]
    fighting_in = [w for w in others if w not in at_war]
    parts = ([f"at war with {', '.join(at_war)}"] if at_war else []) + (
        [f"fighting in {', '.join(fighting_in)}"] if fighting_in else [])
    return f"{s.p} is {' and '.join(parts)}" if parts else f"{s.p} fights no other war"


# ---- reciprocity and record ---------------------------------------------------------------------------------------

@_says("reciprocity")
def _reciprocity(s: Said) -> str:
    n = int(round(math.expm1(s.v)))
    return f"{s.t} sent {s.p} arms or troops {n} time(s) before" if n else f"{s.t} never sent {s.p} arms or troops"


@_says("past_mean_level")
def _past_mean_level(s: Said) -> str:
    if s.unknown:
        return f"no record of {s.p} in earlier crises"
    return f"{s.p} averaged level {s.v:.1f} in {s.ctx.get('past_n', 0)} earlier crises"


@_says("past_level_target")
def _past_level_target(s: Said) -> str:
    if s.unknown:
        return f"no record of {s.p} helping {s.t} before"
    return f"{s.p} averaged level {s.v:.1f} for {s.t} in {s.ctx.get('past_target_n', 0)} earlier crises"


@_says("past_material_help")
def _past_material_help(s: Said) -> str:
    n = round(math.expm1(s.v))
    crises = "crises" if n > 1 else "crisis"
    return f"{s.p} gave material help in {n} earlier {crises}" if n else f"{s.p} gave no recorded material help in earlier crises"


@_says("past_help_target")
def _past_help_target(s: Said) -> str:
    return (f"{s.p} helped {s.t} materially in {s.v:.0%} of {s.t}'s earlier crises (shrunk: helps / (crises + 2))" if s.v
            else f"{s.p} never helped {s.t} materially before")


#: Yes/no (or some/none) features said by two templates (``{p}`` partner, ``{t}`` target, ``{a}`` attackers,
#: ``{one_of}`` "ISR" or "one of the attackers (ISR+USA)", ``{v}`` the value): the first when the value is true
#: (not 0), the second otherwise.
_YES_NO: dict[str, tuple[str, str]] = {
    "energy_share": ("energy dependence of {v:.0f}% between {p} and {t}",
                     "no recorded energy dependence between {p} and {t}"),
    "arms_supply_share": ("{p} supplies {v:.0f}% of {t}'s arms imports",
                          "{p} supplies none of {t}'s arms imports"),
    "arms_patron_share": ("{p} supplied {v:.0f}% of {t}'s arms imports in the last five years (SIPRI)",
                          "{p} supplied none of {t}'s recent arms imports (SIPRI)"),
    "bases_in_target": ("{p} has {v:.0f} base(s) in {t}",
                        "no {p} bases in {t}"),
    "trade_with_target_rivals": ("{v:.1f}% of {p}'s trade is with {t}'s rivals",
                                 "no recorded trade of {p} with {t}'s rivals"),
    "defense_names_attacker": ("{p}'s defence obligation to {t} names {a} as the adversary",
                               "no defence obligation aimed at {a}"),
    "consultation": ("{p} is pledged to consult with or stay neutral for {t}",
                     "no consultation or neutrality pledge to {t}"),
    "partnership": ("{p} and {t} have a strategic partnership",
                    "no strategic partnership with {t}"),
    # WHY "one of": the feature says the partner owes defence to at least one attacker, not to each
    "defense_to_attackers": ("{p} has a defence obligation to {one_of}",
                             "no defence obligation to the attackers ({a})"),
    "sanctions_target": ("{p} has sanctions on {t}",
                         "{p} has no sanctions on {t}"),
    "sanctioned_by_attacker": ("{p} is already under sanctions by {a}",
                               "{p} is not under sanctions by {a}"),
    "at_war_with_attacker": ("{p} is already at war with {a}",
                             "{p} is not at war with {a}"),
    "contiguous": ("{p} borders {t}",
                   "{p} does not border {t}"),
    "contiguous_attacker": ("{p} borders {one_of}",
                            "{p} does not border {a}"),
    "cinc_unknown": ("{p}'s capability unknown",
                     "{p}'s capability known"),
    "rival_of_target": ("{p} and {t} are strategic rivals",
                        "{p} is not a rival of {t}"),
    "backs_attacker_group": ("{p} has backed {a} before (UCDP ESD)",
                             "{p} is not recorded backing {a}"),
    "armed_group_attacker": ("the attacker {a} is an armed group, not a state",
                             "the attackers ({a}) are states"),
    "unsc_permanent": ("{p} is a permanent UNSC member",
                       "{p} is not a permanent UNSC member"),
    "major_power": ("{p} is a major power",
                    "{p} is not a major power"),
    "curated_case": ("a major crisis with every plausible partner considered",
                     "a dataset crisis"),
    "un_unknown": ("UN voting record unknown",
                   "UN voting record known"),
}


def _yes_no(yes: str, no: str) -> Callable[[Said], str]:
    return lambda s: (yes if s.v else no).format(p=s.p, t=s.t, a=s.a, one_of=s.one_of, v=s.v)


for _name, (_yes, _no) in _YES_NO.items():
    SENTENCES[_name] = _yes_no(_yes, _no)


#: Measured features said by their value, shown as ``{v}`` after ``how`` (log scales back to ratios and shares),
#: or by the first text when the value is unknown (NaN).
_MEASURED: dict[str, tuple[str, str, Callable[[float], float] | None]] = {
    "regime_similarity": ("regime similarity unknown",
                          "regime similarity {v:.2f} with {t} (1 = same polyarchy score)", None),
    "ideal_point_distance": ("UN voting record unknown",
                             "{p} and {t} are {v:.2f} apart in UN votes (ideal points)", None),
    "attacker_milex_ratio": ("military spending unknown",
                             "{a} spend {v:.1f}x {p}'s military budget", math.exp),
    "distance": ("distance unknown",
                 "{v:,.0f} km between the capitals of {p} and {t}", lambda v: v * 1000),
    "capability": ("{p}'s capability unknown",
                   "{p} holds {v:.1f}% of world capability (COW CINC)", lambda v: 100 * math.exp(v)),
    "attacker_cinc_ratio": ("capability ratio unknown",
                            "{a} have {v:.1f} times {p}'s capability (COW CINC)", math.exp),
}


def _measured(unknown: str, known: str, how: Callable[[float], float] | None) -> Callable[[Said], str]:
    def say(s: Said) -> str:
        text = unknown if s.unknown else known
        v = None if s.unknown else (how(s.v) if how is not None else s.v)
        return text.format(p=s.p, t=s.t, a=s.a, v=v)
    return say


for _name, (_unknown, _known, _how) in _MEASURED.items():
    SENTENCES[_name] = _measured(_unknown, _known, _how)
