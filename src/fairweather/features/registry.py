"""The feature registry: one entry per feature, with its definition, missing rule and expected sign.

Every feature is an observable quantity with a written definition, a rule for missing values and the
sign theory expects. The history features (:mod:`fairweather.history_features`) add theirs to the
same kind of entry. Each feature's words for a reader (a forecast's reasons) are its function in
:data:`fairweather.features.sentences.SENTENCES`; a test checks that every entry here has one.

Each entry also carries its computation (``column``): one function of the module of its group
(:mod:`~fairweather.features.obligations`, :mod:`~fairweather.features.dependence`,
:mod:`~fairweather.features.geography`, :mod:`~fairweather.features.alignment`,
:mod:`~fairweather.features.costs`, :mod:`~fairweather.features.power`,
:mod:`~fairweather.features.record`), which the per-row path (:mod:`fairweather.features.table`,
one partner) and the bulk path (:mod:`fairweather.features.bulk`, a case's partners) both call
(:func:`computed_columns`). The one entry without a computation is ``curated_case``: it is the
crisis's kind (a pack crisis or a forecast: 1; a dataset's crisis: 0), which whoever builds the
crisis's rows sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from fairweather.features.alignment import (closer_to_target, ideal_point_distance, regime_similarity, rival_of_attacker,
                                            rival_of_target, un_unknown)
from fairweather.features.columns import Column
from fairweather.features.costs import (armed_group_attacker, at_war_with_attacker, attacker_milex_ratio, backs_attacker_group,
                                        nuclear_attacker, sanctioned_by_attacker, sanctions_target, wars_elsewhere)
from fairweather.features.dependence import (arms_patron_share, arms_supply_share, energy_share, reciprocity,
                                             trade_share_partner, trade_share_target, trade_with_attackers,
                                             trade_with_target_rivals)
from fairweather.features.geography import (bases_in_target, contiguous, contiguous_attacker, distance, forces_in_target,
                                            forces_near_target)
from fairweather.features.obligations import (consultation, defense, defense_names_attacker, defense_to_attackers,
                                              partnership)
from fairweather.features.power import attacker_cinc_ratio, capability, cinc_unknown, major_power, unsc_permanent
from fairweather.features.record import past_help_target, past_level_target, past_material_help, past_mean_level

__all__ = ["Feature", "FEATURES", "FEATURE_NAMES", "MAJOR_POWERS", "HISTORY_FEATURES", "CASE_TERMS", "PACK_ONLY",
           "MODEL_FEATURES", "TOP_CANDIDATES", "BASE_COLUMNS", "HISTORY_COLUMNS", "computed_columns", "feature_sign", "monotonic_cst", "uses_history"]

#: States always considered as candidate partners (the permanent UNSC members).
MAJOR_POWERS: tuple[str, ...] = ("USA", "RUS", "CHN", "GBR", "FRA")


@dataclass(frozen=True)
class Feature:
    """One feature: what it measures and how a missing value is treated.

    ``missing`` is ``"zero"`` when the pack records the quantity wherever it is
    non-zero (an absent defence pact or tie means none), or ``"train_mean"`` when
    absence means *unknown*: the value stays NaN here and the model imputes the
    training mean (a contribution of exactly 0).

    ``column`` is the feature's one computation: the function that gives its value for each partner
    of a case (:data:`fairweather.features.columns.Column`); only ``curated_case`` has none.
    """

    name: str
    group: Literal["obligations", "stake", "costs", "reciprocity", "record"]
    label: str
    definition: str
    missing: Literal["zero", "train_mean"]
    sign: Literal["+", "-", "?"]
    column: Column | None = field(default=None, compare=False, repr=False)


FEATURES: dict[str, Feature] = {f.name: f for f in [
    Feature("defense", "obligations", "defence obligation to the target",
            "1 if P has promised T active military support (ATOP `defense`) on D and no adversary condition "
            "excludes these attackers; else 0.", "zero", "+", column=defense),
    Feature("defense_names_attacker", "obligations", "defence obligation naming the attacker",
            "1 if P's defence obligation to T is limited to a named adversary (`adversary:ISO3`) that is among the attackers.",
            "zero", "+", column=defense_names_attacker),
    Feature("consultation", "obligations", "consultation or neutrality obligation",
            "1 if P has promised T consultation or neutrality on D.", "zero", "+", column=consultation),
    Feature("partnership", "obligations", "strategic partnership", "1 if P and T have a treaty-level strategic partnership on D.",
            "zero", "+", column=partnership),
    Feature("trade_share_partner", "stake", "share of the partner's trade with the target",
            "Tie P->T trade_share on D: % of P's goods trade that is with T; where the pack has no trade_share, "
            "the mean of P->T export_share and import_share (or the one recorded).", "zero", "+",
            column=trade_share_partner),
    Feature("trade_share_target", "stake", "share of the target's trade with the partner",
            "Tie T->P trade_share on D (same fallback to export/import shares).", "zero", "+", column=trade_share_target),
    Feature("energy_share", "stake", "energy dependence between partner and target",
            "Largest of T's crude/gas import share from P, P's crude/gas import share from T and either side's "
            "oil export share to the other, on D (%).", "zero", "+", column=energy_share),
    Feature("arms_supply_share", "stake", "share of the target's arms imports supplied by the partner",
            "Tie T->P arms_import_share on D (%).", "zero", "+", column=arms_supply_share),
    Feature("forces_in_target", "stake", "partner's troops in the target",
            "log(1 + personnel of P stationed in T on D) (tie P->T troops_stationed).", "zero", "+",
            column=forces_in_target),
    Feature("bases_in_target", "stake", "partner's bases in the target",
            "Number of military bases of P in T on D (tie P->T military_base).", "zero", "+", column=bases_in_target),
    Feature("regime_similarity", "stake", "regime similarity",
            "1 - |polyarchy(P) - polyarchy(T)| (V-Dem regime_polyarchy on D); NaN if either is unknown.", "train_mean", "+",
            column=regime_similarity),
    Feature("rival_of_attacker", "stake", "rival of an attacker (shares the target's rival)",
            "1 if P and an attacker are strategic rivals on D (tie `rivalry` either way).", "zero", "+",
            column=rival_of_attacker),
    Feature("trade_with_attackers", "costs", "share of the partner's trade with the attackers",
            "Sum over attackers A of P->A trade share on D (%), with the same fallback.", "zero", "-",
            column=trade_with_attackers),
    Feature("sanctioned_by_attacker", "costs", "already sanctioned by an attacker",
            "1 if P is under broad sanctions imposed by an attacker on D (fact sanctioned_by): it has less left to lose.",
            "zero", "+", column=sanctioned_by_attacker),
    Feature("sanctions_target", "stake", "partner sanctions the target",
            "1 if T is under broad sanctions imposed by P on D (fact sanctioned_by).", "zero", "-", column=sanctions_target),
    Feature("defense_to_attackers", "costs", "defence obligation to an attacker",
            "1 if P has promised an attacker active military support on D.", "zero", "-", column=defense_to_attackers),
    Feature("attacker_milex_ratio", "costs", "attackers' military spending relative to the partner's",
            "log(sum of attackers' milex_usd / P's milex_usd) on D; NaN if unknown.", "train_mean", "-",
            column=attacker_milex_ratio),
    Feature("nuclear_attacker", "costs", "a nuclear-armed attacker", "1 if any attacker has nuclear weapons on D.", "zero", "-",
            column=nuclear_attacker),
    Feature("wars_elsewhere", "costs", "wars the partner is already fighting",
            "Number of states other than T and the attackers that P is at war with or intervening in on D.", "zero", "-",
            column=wars_elsewhere),
    Feature("at_war_with_attacker", "costs", "already at war with an attacker",
            "1 if P is at war with (or intervening in) an attacker on D.", "zero", "+", column=at_war_with_attacker),
    Feature("distance", "costs", "distance between capitals",
            "Great-circle (haversine) distance between P's and T's capitals, in 1000 km.", "train_mean", "-",
            column=distance),
    Feature("reciprocity", "reciprocity", "help received from the target",
            "log(1 + number of arms deliveries and troop dispatches from T to P that began before D).", "zero", "+",
            column=reciprocity),
    Feature("past_mean_level", "record", "mean support level in earlier crises",
            "Mean level of P's responses in crises that began before D; NaN if none.", "train_mean", "+",
            column=past_mean_level),
    Feature("past_level_target", "record", "mean support level for this target before",
            "Mean level of P's responses in earlier crises (begun before D) whose target was T; NaN if none.",
            "train_mean", "+", column=past_level_target),
    Feature("unsc_permanent", "record", "permanent UNSC member", "1 if P is a permanent member of the UN Security Council on D.",
            "zero", "?", column=unsc_permanent),
]}

FEATURE_NAMES: tuple[str, ...] = tuple(FEATURES)

#: Default length of the ranked candidate list, in training and in forecasts.
TOP_CANDIDATES = 15

HISTORY_FEATURES: dict[str, Feature] = {f.name: f for f in [
    Feature("contiguous", "costs", "shares a border with the target",
            "1 if P and T are directly contiguous on D by land, river or at most 24 miles of water (COW contiguity "
            "types 1-3); else 0.", "zero", "+", column=contiguous),
    Feature("contiguous_attacker", "costs", "shares a border with an attacker",
            "1 if P is directly contiguous (types 1-3) to a state attacker on D.", "zero", "?", column=contiguous_attacker),
    Feature("arms_patron_share", "stake", "share of the target's recent arms imports from the partner",
            "Tie T->P arms_tiv_share on D: % of T's SIPRI TIV arms imports in the five years before D's year that came "
            "from P (0 when none).", "zero", "+", column=arms_patron_share),
    Feature("forces_near_target", "stake", "partner's troops in or next to the target",
            "log(1 + personnel of P stationed on D in T or in a state directly contiguous to T) (ties troops_stationed).",
            "zero", "+", column=forces_near_target),
    Feature("trade_with_target_rivals", "costs", "share of the partner's trade with the target's rivals",
            "Sum over T's strategic rivals R (ties rivalry) other than the attackers of P's trade share with R on D (%; "
            "the same fallback to export/import shares as trade_share_partner): China's Gulf trade when Iran is attacked.",
            "zero", "-", column=trade_with_target_rivals),
    Feature("ideal_point_distance", "stake", "distance from the target in UN votes",
            "|ideal point(P) - ideal point(T)| in the latest UNGA session known on D (Bailey, Strezhnev & Voeten); NaN if "
            "unknown.", "train_mean", "-", column=ideal_point_distance),
    Feature("closer_to_target", "stake", "closer to the target than to the attackers in UN votes",
            "Mean over state attackers A of |IP(P) - IP(A)| - |IP(P) - IP(T)|: positive when P votes more like T than "
            "like its attackers; NaN if unknown.", "train_mean", "+", column=closer_to_target),
    Feature("un_unknown", "stake", "UN voting record unknown", "1 if P's or T's ideal point is unknown on D.", "zero", "?",
            column=un_unknown),
    Feature("capability", "costs", "partner's capability to project force",
            "log of P's COW CINC score (share of world capability), latest year known on D; NaN if unknown.",
            "train_mean", "+", column=capability),
    Feature("attacker_cinc_ratio", "costs", "attackers' capability relative to the partner's",
            "log(sum of state attackers' CINC / P's CINC) on D; NaN if unknown or no state attacker.", "train_mean", "-",
            column=attacker_cinc_ratio),
    Feature("cinc_unknown", "costs", "capability unknown", "1 if P's CINC score is unknown on D.", "zero", "?",
            column=cinc_unknown),
    Feature("major_power", "record", "major power", "1 if P is a COW major power (or a permanent UNSC member) on D.",
            "zero", "+", column=major_power),
    Feature("rival_of_target", "costs", "rival of the target", "1 if P and T are strategic rivals on D.", "zero", "-",
            column=rival_of_target),
    Feature("backs_attacker_group", "costs", "backs the attacking armed group",
            "1 if P supported an attacking armed group in its war with a government in a year before D (UCDP ESD "
            "fact supports_group); else 0.", "zero", "-", column=backs_attacker_group),
    Feature("armed_group_attacker", "costs", "the attacker is an armed group",
            "1 if an attacker is not a state (an insurgent or armed group).", "zero", "?", column=armed_group_attacker),
    Feature("past_material_help", "record", "material help given in earlier crises",
            "log(1 + number of earlier crises (begun before D) in which P gave material help, level >= 3, to anyone).",
            "zero", "+", column=past_material_help),
    Feature("curated_case", "record", "a major crisis with every plausible partner coded",
            "1 for a crisis of the curated pack (and for a forecast scenario): a major crisis with every plausible "
            "partner's response coded; 0 for a crisis from a dataset (a MID, an ESD conflict), most of them minor, "
            "whose candidates come from the rule. It lets the levels' thresholds differ between the two kinds of case.",
            "zero", "?"),
    Feature("past_help_target", "record", "share of the target's earlier crises in which the partner helped it",
            "(number of T's crises begun before D in which P gave T material help, level >= 3) / (number of T's crises "
            "begun before D + 2): the share of T's earlier crises in which P helped, shrunk towards 0 by two "
            "pseudo-crises without help, so that one earlier crisis cannot dominate (1 of 1: 1/3; 1 of 2: 1/4).",
            "zero", "+", column=past_help_target),
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


def computed_columns(features: Iterable[Feature]) -> dict[str, Column]:
    """name -> computation of the ``features`` that carry theirs (``Feature.column``), in the given order.

    >>> [n for n in HISTORY_FEATURES if n not in computed_columns(HISTORY_FEATURES.values())]   # set by the rows' builder
    ['curated_case']
    """
    return {f.name: f.column for f in features if f.column is not None}


#: The computations of the base and of the history features that carry theirs, in registry order.
BASE_COLUMNS: dict[str, Column] = computed_columns(FEATURES.values())
HISTORY_COLUMNS: dict[str, Column] = computed_columns(HISTORY_FEATURES.values())


def feature_sign(name: str) -> str:
    """The expected sign of any registered feature (base or history)."""
    f = FEATURES.get(name) or HISTORY_FEATURES.get(name)
    return f.sign if f is not None else "?"


def monotonic_cst(names) -> dict[str, int]:
    """The signs theory expects for ``names``, as a model's ``monotonic_cst``: ``{name: 1 or -1}``.

    Features the registry gives no sign (``?``) or does not know are left out (free).
    """
    out = {}
    for n in names:
        s = feature_sign(str(n))
        if s in ("+", "-"):
            out[str(n)] = 1 if s == "+" else -1
    return out


def uses_history(model: object) -> bool:
    """True when a fitted model takes any of the :data:`HISTORY_FEATURES` (it needs the imported facts)."""
    names = getattr(model, "feature_names_in_", ())
    return any(str(n) in HISTORY_FEATURES for n in names)
