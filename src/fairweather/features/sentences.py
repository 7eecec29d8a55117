"""Every feature said as a sentence a reader can check: one small function per feature, the only place its words live.

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


@_says("energy_share")
def _energy_share(s: Said) -> str:
    return (f"energy dependence of {s.v:.0f}% between {s.p} and {s.t}" if s.v
            else f"no recorded energy dependence between {s.p} and {s.t}")


@_says("arms_supply_share")
def _arms_supply_share(s: Said) -> str:
    return f"{s.p} supplies {s.v:.0f}% of {s.t}'s arms imports" if s.v else f"{s.p} supplies none of {s.t}'s arms imports"


@_says("arms_patron_share")
def _arms_patron_share(s: Said) -> str:
    return (f"{s.p} supplied {s.v:.0f}% of {s.t}'s arms imports in the last five years (SIPRI)" if s.v
            else f"{s.p} supplied none of {s.t}'s recent arms imports (SIPRI)")


@_says("forces_in_target")
def _forces_in_target(s: Said) -> str:
    troops = s.ctx.get("troops", 0.0)
    return f"{s.p} has {troops:,.0f} troops in {s.t}" if troops else f"no {s.p} troops stationed in {s.t}"


@_says("forces_near_target")
def _forces_near_target(s: Said) -> str:
    n = round(math.expm1(s.v))
    return f"{s.p} has {n:,} troops in or next to {s.t}" if n else f"{s.p} has no troops recorded in or next to {s.t}"


@_says("bases_in_target")
def _bases_in_target(s: Said) -> str:
    return f"{s.p} has {s.v:.0f} base(s) in {s.t}" if s.v else f"no {s.p} bases in {s.t}"


@_says("regime_similarity")
def _regime_similarity(s: Said) -> str:
    return "regime similarity unknown" if s.unknown else f"regime similarity {s.v:.2f} with {s.t} (1 = same polyarchy score)"


@_says("rival_of_attacker")
def _rival_of_attacker(s: Said) -> str:
    return f"{s.p} is a rival of {', '.join(s.ctx.get('rivals', [])) or s.a}" if s.v else f"{s.p} is no rival of {s.a}"



@_says("ideal_point_distance")
def _ideal_point_distance(s: Said) -> str:
    return "UN voting record unknown" if s.unknown else f"{s.p} and {s.t} are {s.v:.2f} apart in UN votes (ideal points)"


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


@_says("trade_with_target_rivals")
def _trade_with_target_rivals(s: Said) -> str:
    return f"{s.v:.1f}% of {s.p}'s trade is with {s.t}'s rivals" if s.v else f"no recorded trade of {s.p} with {s.t}'s rivals"



@_says("attacker_milex_ratio")
def _attacker_milex_ratio(s: Said) -> str:
    return "military spending unknown" if s.unknown else f"{s.a} spend {math.exp(s.v):.1f}x {s.p}'s military budget"


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



@_says("distance")
def _distance(s: Said) -> str:
    return "distance unknown" if s.unknown else f"{s.v * 1000:,.0f} km between the capitals of {s.p} and {s.t}"




@_says("capability")
def _capability(s: Said) -> str:
    return f"{s.p}'s capability unknown" if s.unknown else f"{s.p} holds {100 * math.exp(s.v):.1f}% of world capability (COW CINC)"


@_says("attacker_cinc_ratio")
def _attacker_cinc_ratio(s: Said) -> str:
    return "capability ratio unknown" if s.unknown else f"{s.a} have {math.exp(s.v):.1f} times {s.p}'s capability (COW CINC)"


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


#: Yes/no features said by two templates (``{p}`` partner, ``{t}`` target, ``{a}`` attackers, ``{one_of}``
#: "ISR" or "one of the attackers (ISR+USA)"): the first when the value is true, the second otherwise.
_YES_NO: dict[str, tuple[str, str]] = {
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
    return lambda s: (yes if s.v else no).format(p=s.p, t=s.t, a=s.a, one_of=s.one_of)


for _name, (_yes, _no) in _YES_NO.items():
    SENTENCES[_name] = _yes_no(_yes, _no)
