"""Named blocs, their dated membership, and the adversaries each bloc is measured against.

A *bloc* is any group of states. The named ones (:data:`BLOCS`) have dated,
sourced membership in the pack table ``bloc_members``; any comma-separated
list of states (``"RUS,CHN,IRN"`` or ``"Russia, China, Iran"``) works too and
is taken as fixed over time.

>>> resolve_bloc("nato").name
'NATO'
>>> resolve_bloc("RUS,CHN,IRN").states
('CHN', 'IRN', 'RUS')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from fairweather.errors import CoverageError
from fairweather.metrics._data import CohesionData, evaluation_date

if TYPE_CHECKING:
    from fairweather.store import DateLike, Store

__all__ = ["BLOCS", "BLOC_IDS", "BLOC_ADVERSARIES", "Bloc", "resolve_bloc", "bloc_members", "membership_panel"]

#: The named blocs, as users type them; membership is in the pack's ``bloc_members``.
BLOCS: tuple[str, ...] = ("NATO", "CSTO", "SCO", "GCC", "BRICS", "Quad", "AUKUS", "Union State", "CRINK")

#: Name -> ``bloc_id`` in the pack.
BLOC_IDS: dict[str, str] = {
    "NATO": "nato", "CSTO": "csto", "SCO": "sco", "GCC": "gcc", "BRICS": "brics",
    "Quad": "quad", "AUKUS": "aukus", "Union State": "union_state", "CRINK": "crink",
}

#: The states each named bloc is arrayed against, used by the cross-pressure
#: metric (members' ties to them) and the network (main adversaries). These are
#: analytical choices, stated here so they can be read and changed
#: (``cohesion(..., adversaries=[...])``):
#:
#: * NATO: Russia, whose attack on Ukraine NATO's 2022 Strategic Concept names
#:   "the most significant and direct threat", and Belarus, its co-belligerent host.
#: * CSTO and the Union State: the United States and the NATO members Russia's
#:   2021 National Security Strategy and 2023 Foreign Policy Concept name as
#:   threats (the largest, plus the front-line neighbours of Belarus); Turkey for CSTO.
#: * SCO and BRICS: the United States (the order both declare against); GCC: Iran.
#: * Quad and AUKUS: China.
#: * CRINK: the United States and its treaty allies in Europe and Asia plus
#:   Israel and Ukraine, the states the four confront, and Iran's Gulf rivals
#:   Saudi Arabia and the UAE (US security partners, and China's larger oil
#:   suppliers and trade partners in the Gulf).
BLOC_ADVERSARIES: dict[str, tuple[str, ...]] = {
    "NATO": ("RUS", "BLR"),
    "CSTO": ("USA", "GBR", "FRA", "DEU", "TUR"),
    "SCO": ("USA",),
    "GCC": ("IRN",),
    "BRICS": ("USA",),
    "Quad": ("CHN",),
    "AUKUS": ("CHN",),
    "Union State": ("USA", "POL", "LTU", "UKR"),
    "CRINK": ("USA", "GBR", "FRA", "DEU", "JPN", "KOR", "AUS", "ISR", "UKR", "SAU", "ARE"),
}


@dataclass(frozen=True)
class Bloc:
    """A bloc: a named one (membership from the pack, by date) or a fixed list of states."""

    name: str
    bloc_id: str | None = None
    states: tuple[str, ...] = ()
    adversaries: tuple[str, ...] = ()

    @property
    def named(self) -> bool:
        return self.bloc_id is not None

    def members(self, d: dt.date, data: CohesionData) -> list[str]:
        """Members on ``d``: from ``bloc_members`` for a named bloc, the fixed list otherwise."""
        if self.bloc_id is None:
            in_system = set(data.system(d))
            return sorted(s for s in self.states if s in in_system)
        return data.bloc_members_on(self.bloc_id, d)


def _lookup_name(text: str) -> str | None:
    key = text.strip().lower().replace("-", " ").replace("_", " ")
    for name, bid in BLOC_IDS.items():
        if key in (name.lower(), bid.replace("_", " "), name.lower().replace(" ", "")):
            return name
    return None


def resolve_bloc(bloc_or_states: str | Bloc | Sequence[str], adversaries: list[str] | None = None) -> Bloc:
    """A :class:`Bloc` from a bloc name (any case), a comma-separated list of states, or a list.

    Raises
    ------
    UnknownStateError
        When a listed state is unknown (with the closest names).
    CoverageError
        When fewer than two states are given.
    """
    from fairweather.codes import to_iso3

    if isinstance(bloc_or_states, Bloc):
        return bloc_or_states
    advs = tuple(to_iso3(a) for a in adversaries) if adversaries is not None else None
    if isinstance(bloc_or_states, str):
        name = _lookup_name(bloc_or_states)
        if name is not None:
            return Bloc(name, BLOC_IDS[name], (), advs if advs is not None else BLOC_ADVERSARIES.get(name, ()))
        parts = [p for p in bloc_or_states.split(",") if p.strip()]
    else:
        parts = list(bloc_or_states)
    if len(parts) == 1 and isinstance(bloc_or_states, str):
        raise CoverageError(
            f"{bloc_or_states!r} is neither a bloc ({', '.join(BLOCS)}) nor a list of at least two states; "
            "write states separated by commas, e.g. 'RUS,CHN,IRN'."
        )
    states = tuple(sorted({to_iso3(p.strip()) for p in parts}))
    if len(states) < 2:
        raise CoverageError(f"A bloc needs at least two different states; got {bloc_or_states!r}.")
    return Bloc(",".join(states), None, states, advs or ())


def bloc_members(bloc: str, as_of: "DateLike", store: "Store | None" = None) -> list[str]:
    """Members of a named bloc (or the states of a list) on ``as_of``, as ISO3 codes.

    Parameters
    ----------
    bloc
        A name of :data:`BLOCS` (any case) or a comma-separated list of states.
    as_of
        Date (``YYYY-MM-DD`` or a ``date``).
    store
        The store to read (default: the embedded pack, opened in memory).

    Examples
    --------
    >>> bloc_members("NATO", "2023-07-01")[-3:]          # doctest: +SKIP
    ['SVN', 'TUR', 'USA']
    >>> "SWE" in bloc_members("NATO", "2023-07-01")      # doctest: +SKIP
    False
    """
    from fairweather.store import Store, as_date

    store = store if store is not None else Store.default()
    data = CohesionData.from_store(store)
    b = resolve_bloc(bloc)
    d = as_date(as_of, "as_of")
    if b.named and data.bloc_members[data.bloc_members["bloc_id"] == b.bloc_id].empty:
        raise CoverageError(f"The data pack has no membership rows for {b.name}; add them to bloc_members/.")
    return b.members(d, data)


def membership_panel(bloc: Bloc, years: list[int], data: CohesionData) -> pd.DataFrame:
    """One row per year: ``bloc``, ``year``, ``as_of`` (July 1) and ``members`` (a sorted tuple)."""
    rows = []
    for y in years:
        d = evaluation_date(y)
        rows.append({"bloc": bloc.name, "year": int(y), "as_of": d, "members": tuple(bloc.members(d, data))})
    return pd.DataFrame(rows, columns=["bloc", "year", "as_of", "members"])
