"""Who can attack: states (ISO3, see :mod:`fairweather.codes`) and armed groups (UCDP actor ids).

A state is attacked by states or by armed groups (Hamas, the Houthis, IS...).
Armed groups carry the code ``UCDP:<actor id>`` of the UCDP actor list, the same
codes the history's UCDP ESD crises use as attackers, so one model reads both.
The list (``codes_data/armed_groups.csv``) names each group as UCDP does, with
common English aliases, and cites where the id is written.

>>> to_actor("the Houthis")
'UCDP:1091'
>>> to_actor("Tehran")
'IRN'
>>> actor_name("UCDP:209")
'Hamas'
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fairweather.codes import _norm, name, suggest, to_iso3
from fairweather.errors import UnknownStateError

__all__ = ["ArmedGroup", "armed_groups", "to_actor", "is_armed_group", "actor_name"]


@dataclass(frozen=True)
class ArmedGroup:
    """A non-state armed actor: its code, UCDP name and id, aliases and the source of the id."""

    code: str
    name: str
    ucdp_actor_id: int
    aliases: tuple[str, ...]
    source_id: str
    locator: str


@lru_cache(maxsize=1)
def armed_groups() -> dict[str, ArmedGroup]:
    """Every armed group fairweather knows, by code."""
    out = {}
    with (resources.files("fairweather") / "codes_data" / "armed_groups.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[r["code"]] = ArmedGroup(r["code"], r["name"], int(r["ucdp_actor_id"]),
                                        tuple(a for a in r["aliases"].split(";") if a), r["source_id"], r["locator"])
    return out


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names = {}
    for g in armed_groups().values():
        for n in (g.code, g.name, *g.aliases):
            names[_norm(n)] = g.code
    return names


def is_armed_group(code: str) -> bool:
    """True for an armed group's code (``UCDP:<id>``)."""
    return isinstance(code, str) and code.startswith("UCDP:")


def actor_name(code: str) -> str:
    """The name of a state or an armed group (the code itself for an unlisted UCDP actor)."""
    if is_armed_group(code):
        g = armed_groups().get(code)
        return g.name if g else code
    return name(code)


def to_actor(value: object) -> str:
    """A state's ISO3 code, or an armed group's ``UCDP:<id>`` code, from a code or a name.

    Raises
    ------
    UnknownStateError
        Neither a state nor a known armed group; the suggestions include both.
    """
    if isinstance(value, str):
        text = value.strip()
        if text.upper().startswith("UCDP:") and text[5:].isdigit():
            return f"UCDP:{int(text[5:])}"
        hit = _names().get(_norm(text))
        if hit:
            return hit
    try:
        return to_iso3(value)
    except UnknownStateError:
        pass
    text = str(value)
    close = difflib.get_close_matches(_norm(text), list(_names()), n=2, cutoff=0.6)
    groups = [f"{armed_groups()[_names()[c]].name} ({_names()[c]})" for c in close]
    raise UnknownStateError(value, list(dict.fromkeys(groups + suggest(text)))[:4])
