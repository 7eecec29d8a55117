"""Plain-words reasons: each feature value of a partner, said as a sentence a reader can check."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["describe"]


def _n(v: float) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _one_of(attackers: str) -> str:
    """``"ISR"`` for one attacker, ``"one of the attackers (ISR+USA)"`` for several."""
    return f"one of the attackers ({attackers})" if "+" in attackers else attackers


def describe(feature: str, row: dict[str, Any], ctx: dict[str, Any]) -> str:
    """One sentence for ``feature`` of a partner row (``partner, target, attackers`` and the feature values)."""
    p, t = row["partner"], row["target"]
    a = row["attackers"].replace(";", "+")
    v = row[feature]
    if feature == "defense":
        if v:
            return f"{p} has a defence obligation to {t}"
        if ctx.get("defense_excluded"):
            return f"{p}'s defence obligation to {t} names another adversary, not {a}"
        return f"no defence obligation to {t}"
    if feature == "defense_names_attacker":
        return f"{p}'s defence obligation to {t} names {a} as the adversary" if v else f"no defence obligation aimed at {a}"
    if feature == "consultation":
        return f"{p} is pledged to consult with or stay neutral for {t}" if v else f"no consultation or neutrality pledge to {t}"
    if feature == "partnership":
        return f"{p} and {t} have a strategic partnership" if v else f"no strategic partnership with {t}"
    if feature == "trade_share_partner":
        return f"{v:.1f}% of {p}'s trade is with {t} vs {row['trade_with_attackers']:.1f}% with the attackers' side"
    if feature == "trade_share_target":
        return f"{v:.1f}% of {t}'s trade is with {p}"
    if feature == "energy_share":
        return f"energy dependence of {v:.0f}% between {p} and {t}" if v else f"no recorded energy dependence between {p} and {t}"
    if feature == "arms_supply_share":
        return f"{p} supplies {v:.0f}% of {t}'s arms imports" if v else f"{p} supplies none of {t}'s arms imports"
    if feature == "forces_in_target":
        troops = ctx.get("troops", 0.0)
        return f"{p} has {troops:,.0f} troops in {t}" if troops else f"no {p} troops stationed in {t}"
    if feature == "bases_in_target":
        return f"{p} has {v:.0f} base(s) in {t}" if v else f"no {p} bases in {t}"
    if feature == "regime_similarity":
        return "regime similarity unknown" if _n(v) else f"regime similarity {v:.2f} with {t} (1 = same polyarchy score)"
    if feature == "rival_of_attacker":
        return f"{p} is a rival of {', '.join(ctx.get('rivals', [])) or a}" if v else f"{p} is no rival of {a}"
    if feature == "trade_with_attackers":
        return f"{v:.1f}% of {p}'s trade is with the attackers' side"
    if feature == "sanctioned_by_attacker":
        return f"{p} is already under sanctions by {a}" if v else f"{p} is not under sanctions by {a}"
    if feature == "sanctions_target":
        return f"{p} has sanctions on {t}" if v else f"{p} has no sanctions on {t}"
    if feature == "defense_to_attackers":
        # WHY "one of": the feature says the partner owes defence to at least one attacker, not to each
        return (f"{p} has a defence obligation to {_one_of(a)}" if v else
                f"no defence obligation to the attackers ({a})")
    if feature == "attacker_milex_ratio":
        return "military spending unknown" if _n(v) else f"{a} spend {math.exp(v):.1f}x {p}'s military budget"
    if feature == "nuclear_attacker":
        nukes = ", ".join(ctx.get("nuclear_attackers", []))
        return f"nuclear-armed attacker ({nukes})" if v else "no nuclear-armed attacker"
    if feature == "wars_elsewhere":
        others = [w for w in ctx.get("wars", []) if w not in row["attackers"].split(";") and w != t]
        at_war = [w for w in others if w in ctx.get("at_war", others)]
        fighting_in = [w for w in others if w not in at_war]
        parts = ([f"at war with {', '.join(at_war)}"] if at_war else []) + (
            [f"fighting in {', '.join(fighting_in)}"] if fighting_in else [])
        return f"{p} is {' and '.join(parts)}" if parts else f"{p} fights no other war"
    if feature == "at_war_with_attacker":
        return f"{p} is already at war with {a}" if v else f"{p} is not at war with {a}"
    if feature == "distance":
        return "distance unknown" if _n(v) else f"{v * 1000:,.0f} km between the capitals of {p} and {t}"
    if feature == "reciprocity":
        n = int(round(math.expm1(v)))
        return f"{t} sent {p} arms or troops {n} time(s) before" if n else f"{t} never sent {p} arms or troops"
    if feature == "past_mean_level":
        if _n(v):
            return f"no record of {p} in earlier crises"
        return f"{p} averaged level {v:.1f} in {ctx.get('past_n', 0)} earlier crises"
    if feature == "past_level_target":
        if _n(v):
            return f"no record of {p} helping {t} before"
        return f"{p} averaged level {v:.1f} for {t} in {ctx.get('past_target_n', 0)} earlier crises"
    if feature == "unsc_permanent":
        return f"{p} is a permanent UNSC member" if v else f"{p} is not a permanent UNSC member"
    return f"{feature} = {v}"
