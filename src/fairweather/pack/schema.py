"""The data pack's schema: its tables, their columns, and the controlled vocabularies.

This module is the single definition that the loader, the validator, the store's
DDL and the documentation (``pack/data/README.md``) agree on. A table is stored
either as one file ``<table>.csv`` or as a folder ``<table>/`` of CSV files with
the same header (curators split large tables by topic, e.g. ``ties/trade.csv``
and ``ties/arms.csv``); both forms may be present and are concatenated.

Conventions for every file: UTF-8, comma separated, a header row, ``""`` or an
empty field means missing, dates are ISO ``YYYY-MM-DD``, booleans are ``0``/``1``,
states are ISO3 codes, lists are ``;``-separated. Every fact row carries
``valid_from``, ``valid_to`` (empty = still valid; inclusive last day) and
``source_id`` (a key of ``sources``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Column",
    "Table",
    "TABLES",
    "TABLE_ORDER",
    "FactKind",
    "FACT_KINDS",
    "TieKind",
    "TIE_KINDS",
    "OBLIGATIONS",
    "CONDITIONS",
    "SUPPORT_LEVELS",
    "CRISIS_KINDS",
    "SOURCE_KINDS",
    "UNIT_BOUNDS",
]

ColumnType = Literal["text", "date", "int", "float", "bool", "state", "states", "level"]


@dataclass(frozen=True)
class Column:
    """One column of a pack table.

    ``type`` is the logical type: ``state`` is an ISO3 code that must be in
    ``states``; ``states`` a ``;``-separated list of them; ``level`` an integer
    support level 0–5.
    """

    name: str
    type: ColumnType
    required: bool
    description: str


@dataclass(frozen=True)
class Table:
    """One pack table: its columns and its key."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    dated: bool = True
    sourced: bool = True
    date_columns: tuple[str, str] = ("valid_from", "valid_to")
    #: An optional table may be absent from a pack (it then loads empty), so
    #: packs written before the table existed stay valid.
    optional: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


_VALID = (
    Column("valid_from", "date", True, "First day the fact holds."),
    Column("valid_to", "date", False, "Last day the fact holds (inclusive); empty = still valid."),
    Column("source_id", "text", True, "Key of the row in `sources` that documents the fact."),
)
_NOTE = Column("note", "text", False, "Free-text remark for curators (how a value was read, caveats).")

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
        FactKind("milex_usd", "float", "USD bn, constant 2023", False, "Military expenditure (SIPRI)."),
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
        TieKind("trade_share", "float", "%", False, "Share of from's total goods trade (exports+imports) that is with to."),
        TieKind("export_share", "float", "%", False, "Share of from's goods exports that go to to."),
        TieKind("import_share", "float", "%", False, "Share of from's goods imports that come from to."),
        TieKind("crude_import_share", "float", "%", False, "Share of from's crude-oil imports that come from to."),
        TieKind("oil_export_share", "float", "%", False, "Share of from's crude-oil exports that go to to."),
        TieKind("gas_import_share", "float", "%", False, "Share of from's natural-gas imports that come from to."),
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
    "USD bn, constant 2015": (0.0, None),
    "million": (0.0, None),
    "personnel": (0.0, None),
    "bases": (0.0, None),
    "USD m": (0.0, None),
    "COW type": (1.0, 5.0),
}


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "sources",
            "Every publication, dataset or document that a fact cites.",
            (
                Column("source_id", "text", True, "Short stable key, e.g. `atop-5.1`, `treaty-rus-irn-2025`."),
                Column("citation", "text", True, "Full citation: author/publisher, title, version, date."),
                Column("url", "text", True, "Where the source can be read or downloaded."),
                Column("kind", "text", True, "One of " + ", ".join(SOURCE_KINDS) + "."),
                Column("published", "date", False, "Publication or release date."),
                Column("accessed", "date", False, "When the curator last checked it."),
            ),
            key=("source_id",),
            dated=False,
            sourced=False,
        ),
        Table(
            "states",
            "The states the pack covers, with their code in each system and their spell of independence.",
            (
                Column("iso3", "text", True, "ISO 3166-1 alpha-3 code (XKX for Kosovo)."),
                Column("cow_code", "int", True, "Correlates of War state number."),
                Column("gw_code", "int", True, "Gleditsch–Ward state number."),
                Column("name", "text", True, "Common English name."),
                Column("region", "text", True, "Region: europe, post_soviet, middle_east, asia, americas, africa, oceania."),
                Column("capital", "text", True, "Capital city (seat of government)."),
                Column("capital_lat", "float", True, "Latitude of the capital, decimal degrees."),
                Column("capital_lon", "float", True, "Longitude of the capital, decimal degrees."),
                *_VALID,
            ),
            key=("iso3", "valid_from"),
        ),
        Table(
            "state_facts",
            "Dated attributes of states (nuclear status, regime score, spending, wars). "
            "`fact` is one of FACT_KINDS.",
            (
                Column("state", "state", True, "ISO3 of the state."),
                Column("fact", "text", True, "Kind of fact (see FACT_KINDS)."),
                Column("value", "text", True, "The value; parsed by the fact kind's type."),
                *_VALID,
                _NOTE,
            ),
            key=("state", "fact", "value", "valid_from"),
        ),
        Table(
            "commitments",
            "One row per treaty or pact. Obligation flags follow ATOP; `conditions` limit them.",
            (
                Column("commitment_id", "text", True, "Short stable key, e.g. `nato`, `rus-prk-2024`."),
                Column("name", "text", True, "Name of the treaty."),
                Column("signed", "date", False, "Date of signature."),
                *_VALID[:2],
                Column("defense", "bool", True, OBLIGATIONS["defense"]),
                Column("offense", "bool", True, OBLIGATIONS["offense"]),
                Column("neutrality", "bool", True, OBLIGATIONS["neutrality"]),
                Column("nonaggression", "bool", True, OBLIGATIONS["nonaggression"]),
                Column("consultation", "bool", True, OBLIGATIONS["consultation"]),
                Column("partnership", "bool", True, OBLIGATIONS["partnership"]),
                Column("conditions", "text", False, "`;`-list of CONDITIONS that limit the obligations."),
                Column("article", "text", False, "Where the obligation stands, e.g. `Art. 4`."),
                Column("atop_id", "int", False, "ATOP alliance id, where ATOP codes this treaty."),
                Column("source_id", "text", True, "Key of the treaty text or its record."),
                _NOTE,
            ),
            key=("commitment_id",),
        ),
        Table(
            "commitment_members",
            "Membership spells in commitments. `obligations`/`conditions`, when given, override "
            "the commitment's for this member (one-sided obligations: e.g. the guarantor alone gives `defense`).",
            (
                Column("commitment_id", "text", True, "Key of the commitment."),
                Column("state", "state", True, "ISO3 of the member."),
                Column("obligations", "text", False, "`;`-list of OBLIGATIONS this member gives; empty = the commitment's."),
                Column("conditions", "text", False, "`;`-list of CONDITIONS for this member; empty = the commitment's."),
                *_VALID,
                _NOTE,
            ),
            key=("commitment_id", "state", "valid_from"),
        ),
        Table(
            "bloc_members",
            "Dated membership of named blocs (NATO, CSTO, SCO, BRICS, ...) used by the cohesion "
            "metrics. A bloc is a group of states, not a treaty: its obligations live in `commitments`.",
            (
                Column("bloc_id", "text", True, "Short stable key, e.g. `nato`, `sco`, `crink`."),
                Column("bloc_name", "text", True, "Name as users type it, e.g. `NATO`, `CRINK`."),
                Column("state", "state", True, "ISO3 of the member."),
                *_VALID,
                _NOTE,
            ),
            key=("bloc_id", "state", "valid_from"),
            optional=True,
        ),
        Table(
            "ties",
            "Dated directed dyadic measures in long format: what `from_state` has toward `to_state`.",
            (
                Column("from_state", "state", True, "ISO3 of the state the measure is about."),
                Column("to_state", "state", True, "ISO3 of the partner."),
                Column("kind", "text", True, "Kind of tie (see TIE_KINDS)."),
                Column("value", "text", True, "The value; a number for numeric kinds."),
                Column("unit", "text", False, "Unit; empty = the kind's unit."),
                Column("detail", "text", False, "What was delivered or promised, for event kinds."),
                *_VALID,
                _NOTE,
            ),
            key=("from_state", "to_state", "kind", "detail", "valid_from"),
        ),
        Table(
            "crises",
            "A state attacked, invaded, bombed, blockaded or under an explicit threat of force.",
            (
                Column("crisis_id", "text", True, "Short stable key, e.g. `irn-2025`."),
                Column("name", "text", True, "Common name."),
                Column("start_date", "date", True, "Start of the acute phase."),
                Column("end_date", "date", False, "End of the acute phase; empty = ongoing."),
                Column("target", "state", True, "ISO3 of the attacked state."),
                Column("attackers", "states", True, "`;`-list of ISO3 of the attackers."),
                Column("kind", "text", True, "One of " + ", ".join(CRISIS_KINDS) + "."),
                Column("description", "text", True, "One or two sentences on what happened."),
                Column("source_id", "text", True, "Key of the source."),
            ),
            key=("crisis_id",),
            date_columns=("start_date", "end_date"),
        ),
        Table(
            "responses",
            "What each plausible partner of the target delivered in the acute phase, including nothing.",
            (
                Column("crisis_id", "text", True, "Key of the crisis."),
                Column("supporter", "state", True, "ISO3 of the partner."),
                Column("level", "level", True, "Support level 0–5 (see SUPPORT_LEVELS); with `level_max`, the lowest level the evidence allows."),
                Column("sided_with_attacker", "bool", True, "1 if, in the window, it backed the attacker; `level` still records what it gave the target."),
                Column("evidence", "text", True, "One line of evidence for the level."),
                Column("source_id", "text", True, "Key of the source."),
                Column("level_max", "level", False, "Highest level the evidence allows, when it fixes only a range "
                       "(a dataset that records '4 or 5'); empty = exactly `level`."),
            ),
            key=("crisis_id", "supporter"),
            dated=False,
        ),
    ]
}

#: Load order: referenced tables first.
TABLE_ORDER: tuple[str, ...] = (
    "sources",
    "states",
    "state_facts",
    "commitments",
    "commitment_members",
    "bloc_members",
    "ties",
    "crises",
    "responses",
)
