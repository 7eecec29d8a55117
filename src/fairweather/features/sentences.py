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


@_says("defense_names_attacker")
def _defense_names_attacker(s: Said) -> str:
    return f"{s.p}'s defence obligation to {s.t} names {s.a} as the adversary" if s.v else f"no defence obligation aimed at {s.a}"


@_says("consultation")
def _consultation(s: Said) -> str:
    return (f"{s.p} is pledged to consult with or stay neutral for {s.t}" if s.v
            else f"no consultation or neutrality pledge to {s.t}")


@_says("partnership")
def _partnership(s: Said) -> str:
    return f"{s.p} and {s.t} have a strategic partnership" if s.v else f"no strategic partnership with {s.t}"


@_says("defense_to_attackers")
def _defense_to_attackers(s: Said) -> str:
    # WHY "one of": the feature says the partner owes defence to at least one attacker, not to each
    return f"{s.p} has a defence obligation to {s.one_of}" if s.v else f"no defence obligation to the attackers ({s.a})"


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


@_says("sanctions_target")
def _sanctions_target(s: Said) -> str:
    return f"{s.p} has sanctions on {s.t}" if s.v else f"{s.p} has no sanctions on {s.t}"


@_says("ideal_point_distance")
def _ideal_point_distance(s: Said) -> str:
    return "UN voting record unknown" if s.unknown else f"{s.p} and {s.t} are {s.v:.2f} apart in UN votes (ideal points)"


@_says("closer_to_target")
def _closer_to_target(s: Said) -> str:
    if s.unknown:
        return f"no UN-vote comparison of {s.t} and {s.a}"
    return (f"{s.p} votes {abs(s.v):.2f} closer to {s.t} than to {s.a} at the UN" if s.v >= 0
            else f"{s.p} votes {abs(s.v):.2f} closer to {s.a} than to {s.t} at the UN")


@_says("un_unknown")
def _un_unknown(s: Said) -> str:
    return "UN voting record unknown" if s.v else "UN voting record known"


# ---- costs --------------------------------------------------------------------------------------------------------

@_says("trade_with_attackers")
def _trade_with_attackers(s: Said) -> str:
    return f"{s.v:.1f}% of {s.p}'s trade is with the attackers' side"


@_says("trade_with_target_rivals")
def _trade_with_target_rivals(s: Said) -> str:
    return f"{s.v:.1f}% of {s.p}'s trade is with {s.t}'s rivals" if s.v else f"no recorded trade of {s.p} with {s.t}'s rivals"


@_says("sanctioned_by_attacker")
def _sanctioned_by_attacker(s: Said) -> str:
    return f"{s.p} is already under sanctions by {s.a}" if s.v else f"{s.p} is not under sanctions by {s.a}"


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


@_says("at_war_with_attacker")
def _at_war_with_attacker(s: Said) -> str:
    return f"{s.p} is already at war with {s.a}" if s.v else f"{s.p} is not at war with {s.a}"


@_says("distance")
def _distance(s: Said) -> str:
    return "distance unknown" if s.unknown else f"{s.v * 1000:,.0f} km between the capitals of {s.p} and {s.t}"


@_says("contiguous")
def _contiguous(s: Said) -> str:
    return f"{s.p} borders {s.t}" if s.v else f"{s.p} does not border {s.t}"


@_says("contiguous_attacker")
def _contiguous_attacker(s: Said) -> str:
    return f"{s.p} borders {s.one_of}" if s.v else f"{s.p} does not border {s.a}"


@_says("capability")
def _capability(s: Said) -> str:
    return f"{s.p}'s capability unknown" if s.unknown else f"{s.p} holds {100 * math.exp(s.v):.1f}% of world capability (COW CINC)"


@_says("attacker_cinc_ratio")
def _attacker_cinc_ratio(s: Said) -> str:
    return "capability ratio unknown" if s.unknown else f"{s.a} have {math.exp(s.v):.1f} times {s.p}'s capability (COW CINC)"


@_says("cinc_unknown")
def _cinc_unknown(s: Said) -> str:
    return f"{s.p}'s capability unknown" if s.v else f"{s.p}'s capability known"


@_says("rival_of_target")
def _rival_of_target(s: Said) -> str:
    return f"{s.p} and {s.t} are strategic rivals" if s.v else f"{s.p} is not a rival of {s.t}"


@_says("backs_attacker_group")
def _backs_attacker_group(s: Said) -> str:
    return f"{s.p} has backed {s.a} before (UCDP ESD)" if s.v else f"{s.p} is not recorded backing {s.a}"


@_says("armed_group_attacker")
def _armed_group_attacker(s: Said) -> str:
    return f"the attacker {s.a} is an armed group, not a state" if s.v else f"the attackers ({s.a}) are states"


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


@_says("unsc_permanent")
def _unsc_permanent(s: Said) -> str:
    return f"{s.p} is a permanent UNSC member" if s.v else f"{s.p} is not a permanent UNSC member"


@_says("major_power")
def _major_power(s: Said) -> str:
    return f"{s.p} is a major power" if s.v else f"{s.p} is not a major power"


@_says("curated_case")
def _curated_case(s: Said) -> str:
    return "a major crisis with every plausible partner considered" if s.v else "a dataset crisis"
