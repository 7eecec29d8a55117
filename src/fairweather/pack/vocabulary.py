"""The data pack's controlled vocabularies: support levels, obligations, conditions, crisis and source kinds,
the fact and tie kinds with their units, and each unit's bounds.

:mod:`fairweather.pack.schema` re-exports every name here: the tables' columns refer to these words, and the
validator, the store, the features and the documentation all read them from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SUPPORT_LEVELS", "OBLIGATIONS", "CONDITIONS", "CRISIS_KINDS", "SOURCE_KINDS", "FactKind", "FACT_KINDS",
           "TieKind", "TIE_KINDS", "UNIT_BOUNDS"]

#: Support levels of DESIGN.md: what a partner delivered to an attacked state.
SUPPORT_LEVELS: dict[int, tuple[str, str]] = {
    0: ("none", "silence, hedging, neutrality, or siding with the attacker (flagged)"),
    1: ("verbal", "sympathy, condemnation of the attacker, calls for de-escalation"),
    2: ("diplomatic", "UNSC veto or vote, demarches, sanctions on the attacker, mediation on its behalf"),
    3: ("economic", "aid, credit, energy or food lifelines, sanction-busting trade in support"),
    4: ("materiel", "weapons, ammunition, air defence, intelligence, training, logistics, access or bases"),
    5: ("military", "the partner's own forces in combat or deployed to defend the target"),
}

#: Obligation flags of a commitment, after ATOP (Leeds et al. 2002), plus partnership.
OBLIGATIONS: dict[str, str] = {
    "defense": "promise of active military support if a member is attacked (ATOP `defense`)",
    "offense": "promise of active military support in a member's offensive war (ATOP `offense`)",
    "neutrality": "promise not to aid an adversary of a member at war (ATOP `neutral`)",
    "nonaggression": "promise not to attack a member (ATOP `nonagg`)",
    "consultation": "promise to consult in a crisis that threatens a member (ATOP `consul`)",
    "partnership": "treaty-level strategic partnership or cooperation agreement without a military obligation",
}

#: Conditions that limit an obligation, as ATOP codes them (member-level `*coadv`, `*coloc`, ...).
#: A condition is written ``name`` or ``name:value``; several are joined with ``;``.
CONDITIONS: dict[str, str] = {
    "adversary": "only against a named adversary (`adversary:ISO3`; ATOP `defcoadv`)",
    "region": "only for attacks in a named region or location (`region:TEXT`; ATOP `defcoloc`)",
    "home_territory": "only for attacks on a member's own (home or administered) territory (ATOP `defcoloc`)",
    "conflict": "only in a named conflict (`conflict:TEXT`; ATOP `defcocon`)",
    "non_provocation": "only if the member did not provoke the attack (ATOP `defconum`)",
    "demand_compliance": "only if the adversary refuses a demand (ATOP `defcodem`)",
    "constitutional_process": "action 'in accordance with constitutional processes' (no automatic war)",
    "as_deemed_necessary": "each member takes 'such action as it deems necessary' (NATO Art. 5 wording)",
}

#: Kinds of crisis (how the target was attacked or coerced).
CRISIS_KINDS: dict[str, str] = {
    "invasion": "ground forces entered the target's territory",
    "air_strikes": "strikes by aircraft, missiles or drones without a ground invasion",
    "war": "a sustained interstate war with fighting on both sides",
    "blockade": "naval or economic blockade enforced by force",
    "threat": "an explicit threat of force, ultimatum or coercive military build-up",
    "border_clash": "armed clashes on a border",
    "intervention": "foreign military intervention in a civil conflict against the government",
    "insurgency": "an armed group fighting the government (attackers are armed groups, e.g. `UCDP:<actor id>`)",
}

SOURCE_KINDS: dict[str, str] = {
    "treaty": "the text of a treaty or official agreement",
    "dataset": "a published dataset with a version",
    "official": "a government or international-organisation statement or report",
    "report": "a think-tank, research-institute or NGO report",
    "news": "a news article or wire report",
    "academic": "a peer-reviewed article or book",
    "reference": "an encyclopaedia or reference work",
}


@dataclass(frozen=True)
class FactKind:
    """A kind of dated state attribute in ``state_facts``.

    ``value_type`` says how ``value`` parses; ``multi`` kinds may hold several
    values at once (one row each, e.g. one row per war opponent), single kinds
    must not overlap in time with a different value.
    """

    name: str
    value_type: Literal["float", "bool", "state", "text"]
    unit: str
    multi: bool
    description: str


FACT_KINDS: dict[str, FactKind] = {
    k.name: k
    for k in [
        FactKind("nuclear_weapons", "bool", "", False, "1 if the state possesses nuclear weapons."),
        FactKind("nuclear_warheads", "float", "warheads", False, "Estimated nuclear warhead inventory."),
        FactKind("unsc_permanent", "bool", "", False, "1 if a permanent member of the UN Security Council."),
        FactKind("regime_polyarchy", "float", "0-1", False, "V-Dem electoral democracy index (v2x_polyarchy)."),
        FactKind("regime_polity2", "float", "-10..10", False, "Polity5 polity2 score."),
        FactKind("milex_usd", "float", "USD bn, current", False, "Military expenditure (COW NMC 7.0 milex, which takes SIPRI's figures for recent years)."),
        FactKind("milex_gdp_share", "float", "%", False, "Military expenditure as a share of GDP (SIPRI)."),
        FactKind("gdp_usd", "float", "USD bn, constant 2015", False, "Gross domestic product (World Bank WDI)."),
        FactKind("population", "float", "million", False, "Population."),
        FactKind("at_war_with", "state", "", True, "At war (interstate, or intervening in combat) against this state."),
        FactKind("intervening_in", "state", "", True, "Its forces are in combat operations in this state's territory."),
        FactKind("sanctioned_by", "state", "", True, "Under broad economic sanctions imposed by this state."),
        FactKind("oil_export_share_gdp", "float", "%", False, "Oil exports as a share of GDP."),
        FactKind("cinc", "float", "share", False, "COW composite index of national capability (share of the system total)."),
        FactKind("un_ideal_point", "float", "", False, "UN General Assembly ideal point (Bailey, Strezhnev & Voeten)."),
        FactKind("major_power", "bool", "", False, "1 if a major power of the COW state system."),
        FactKind("supports_group", "text", "", True, "Gives support to this armed group (`UCDP:<actor id>`) in its war "
                 "with a government (UCDP ESD)."),
    ]
}


@dataclass(frozen=True)
class TieKind:
    """A kind of directed dyadic tie in ``ties``: what `from_state` has toward `to_state`.

    ``event`` kinds (deliveries, aid) may hold several rows for the same dyad
    and period, told apart by ``detail``; level kinds may not overlap in time.
    """

    name: str
    value_type: Literal["float", "text"]
    unit: str
    event: bool
    description: str


TIE_KINDS: dict[str, TieKind] = {
    k.name: k
    for k in [
        TieKind("trade_share", "float", "%", False, "Share of from's total goods trade (exports+imports) that is with to. A figure measures a period (a calendar year unless the note names another) and is valid from the day after that period closed, when it could be known, until the next figure."),
        TieKind("export_share", "float", "%", False, "Share of from's goods exports that go to to. A figure measures a period (a calendar year unless the note names another) and is valid from the day after that period closed, when it could be known, until the next figure."),
        TieKind("import_share", "float", "%", False, "Share of from's goods imports that come from to. A figure measures a period (a calendar year unless the note names another) and is valid from the day after that period closed, when it could be known, until the next figure."),
        TieKind("crude_import_share", "float", "%", False, "Share of from's crude-oil imports that come from to. A figure measures a period (a calendar year unless the note names another) and is valid from the day after that period closed, when it could be known, until the next figure."),
        TieKind("oil_export_share", "float", "%", False, "Share of from's crude-oil exports that go to to. A figure measures a period (a calendar year unless the note names another) and is valid from the day after that period closed, when it could be known, until the next figure."),
        TieKind("gas_import_share", "float", "%", False, "Share of from's natural-gas imports that come from to. A figure measures a period (a calendar year unless the note names another) and is valid from the day after that period closed, when it could be known, until the next figure."),
        TieKind("arms_import_share", "float", "%", False, "Share of from's arms imports (SIPRI TIV) in the five years before valid_from's year supplied by to; valid from the day after that window closed until the next window closes (a window is known only once it has closed)."),
        TieKind("troops_stationed", "float", "personnel", False, "Military personnel of from stationed in to."),
        TieKind("military_base", "float", "bases", False, "Military bases or facilities of from in to."),
        TieKind("arms_delivery", "text", "", True, "Wartime or major delivery of arms from from to to (detail says what)."),
        TieKind("arms_undelivered", "text", "", True, "Arms promised or ordered by to from from that were not delivered (detail says what)."),
        TieKind("troops_sent", "float", "personnel", True, "Combat troops from from sent to fight for to."),
        TieKind("aid", "float", "USD m", True, "Economic or military aid from from to to."),
        TieKind("rivalry", "text", "", False, "from and to are strategic rivals (Thompson, Sakuwa & Suhas)."),
        TieKind("arms_tiv_share", "float", "%", False, "Share of from's arms imports (SIPRI TIV) in the five years before valid_from's year supplied by to."),
        TieKind("contiguity", "float", "COW type", False, "Direct contiguity (COW): 1 land or river border; 2-5 at most 12, 24, 150 or 400 miles of water."),
    ]
}


#: Lowest and highest value a number in a unit can take (None: no bound). WHY: a regime score of 7 on a 0-1
#: scale or a negative troop count parses as a number but moves forecasts; the validator refuses it.
UNIT_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "0-1": (0.0, 1.0),
    "-10..10": (-10.0, 10.0),
    "%": (0.0, 100.0),
    "share": (0.0, 1.0),
    "warheads": (0.0, None),
    "USD bn, constant 2023": (0.0, None),
    "USD bn, current": (0.0, None),
    "USD bn, constant 2015": (0.0, None),
    "million": (0.0, None),
    "personnel": (0.0, None),
    "bases": (0.0, None),
    "USD m": (0.0, None),
    "COW type": (1.0, 5.0),
}
