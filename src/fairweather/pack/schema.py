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

from fairweather.pack.vocabulary import (CONDITIONS, CRISIS_KINDS, FACT_KINDS, OBLIGATIONS, SOURCE_KINDS, SUPPORT_LEVELS,
                                          TIE_KINDS, UNIT_BOUNDS, FactKind, TieKind)

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
