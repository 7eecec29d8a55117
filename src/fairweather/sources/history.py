"""The history importers as one registry: the publishers' files a store can learn from.

>>> sorted(HISTORY)[:3]
['atop', 'cow_contiguity', 'cow_majors']

``import_reference(store, folder)`` reads every dataset of :data:`HISTORY` from
``folder`` (the folder holding the publishers' files, e.g. ``../shared/data``)
and adds the rows to the store in one transaction (see
:mod:`fairweather.store_import` for which rows win where pack and dataset meet).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fairweather.errors import ReferenceFormatError
from fairweather.sources import (atop, cow_contiguity, cow_mid, cow_nmc, cow_system, rivalries, sipri_tiv, ucdp_acd,
                                 ucdp_esd, un_ideal_points, vdem)
from fairweather.sources._reference_io import Dataset, ImportedRows

if TYPE_CHECKING:  # pragma: no cover
    from fairweather.store import Store

__all__ = ["HISTORY", "OBSERVES_FROM", "read_history", "import_reference", "history_datasets", "read_nmc_by_year",
           "read_polyarchy_by_year"]


def read_nmc_by_year(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    """The history's capabilities by year through the panel verbs: COW state-years ``|> add_nmc``, then CINC facts.

    WHY the verbs: one join of the NMC file onto state-years serves the researchers' panels and the
    training set alike (issue 16). Every NMC state-year is a COW state-year (checked on the reference
    files), so these are the file's own rows; a value outside the state system would not be kept.
    """
    from fairweather.panels import LAST_YEAR, add_nmc, create_state_years

    panel = create_state_years("cow", years=range(first_year, LAST_YEAR + 1), reference=folder).pipe(add_nmc)
    return cow_nmc.nmc_facts(panel.table.select(["ccode", "year", "cinc"]).to_pandas())


def read_polyarchy_by_year(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    """The history's regime scores by year through the panel verbs: COW state-years ``|> add_democracy``, then
    ``regime_polyarchy`` facts at V-Dem's published precision (a finer value is refused, never rounded).

    WHY ``through``: isard's table carries the states of 2024 on to 2025 (V-Dem v16 scores 2025), one
    year past the panels' default end; carried as far, every isard state-year since 1945 is a COW
    state-year (checked on the reference files), so these are the file's own rows.
    """
    from fairweather.panels import add_democracy, create_state_years

    panel = create_state_years("cow", years=range(first_year, vdem.LAST_YEAR + 1), reference=folder,
                               through=vdem.LAST_YEAR).pipe(add_democracy)
    frame = panel.table.select(["ccode", "year", "v2x_polyarchy"]).to_pandas()
    vdem.check_published_precision(frame, "v2x_polyarchy", vdem.POLYARCHY_DECIMALS, Path(folder) / vdem.VDEM.files[0],
                                   keys=("ccode", "year"))
    return vdem.polyarchy_facts(frame)

#: name -> (dataset, reader); the states come first so every later row finds its state.
HISTORY: dict[str, tuple[Dataset, Callable[[Path], ImportedRows]]] = {
    "cow_states": (cow_system.STATES, cow_system.read_states),
    "cow_majors": (cow_system.MAJORS, cow_system.read_majors),
    "cow_nmc": (cow_nmc.NMC, read_nmc_by_year),
    "vdem": (vdem.VDEM, read_polyarchy_by_year),
    "un_ideal_points": (un_ideal_points.IDEAL_POINTS, un_ideal_points.read_ideal_points),
    "tss_rivalries": (rivalries.TSS, rivalries.read_rivalries),
    "cow_contiguity": (cow_contiguity.CONTIGUITY, cow_contiguity.read_contiguity),
    "sipri_tiv": (sipri_tiv.SIPRI_TIV, sipri_tiv.read_tiv),
    "ucdp_acd": (ucdp_acd.ACD, ucdp_acd.read_acd),
    "atop": (atop.ATOP, atop.read_atop),
    "cow_mid": (cow_mid.MID, cow_mid.read_mids),
    "ucdp_esd": (ucdp_esd.ESD, ucdp_esd.read_esd),
    "ucdp_esd_groups": (ucdp_esd.ESD, ucdp_esd.read_group_support),
}

#: source_id of a crisis dataset -> the lowest level it observes. A candidate partner of one of its
#: crises with no recorded response is censored: its level is below this, the exact level unknown.
OBSERVES_FROM: dict[str, int] = {cow_mid.MID.source_id: cow_mid.OBSERVES_FROM, ucdp_esd.ESD.source_id: ucdp_esd.OBSERVES_FROM}


def history_datasets() -> list[Dataset]:
    """Each dataset the history reads, once (one dataset may feed several readers)."""
    return list({d.source_id: d for d, _ in HISTORY.values()}.values())


def read_history(folder: Path | str, names: Sequence[str] | None = None,
                 progress: Callable[[str, int, int], Any] | None = None) -> list[ImportedRows]:
    """Read the named datasets (default: all of :data:`HISTORY`) from ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ReferenceFormatError("is not a folder; pass the folder that holds the publishers' files "
                                   "(e.g. --reference ../shared/data)", file=str(folder))
    names = list(HISTORY) if names is None else list(names)
    unknown = [n for n in names if n not in HISTORY]
    if unknown:
        raise ReferenceFormatError(f"unknown dataset(s) {', '.join(unknown)}; known: {', '.join(HISTORY)}")
    out = []
    for i, n in enumerate(names):
        if progress is not None:
            progress(n, i, len(names))
        out.append(HISTORY[n][1](folder))
    if progress is not None:
        progress("", len(names), len(names))
    return out


def import_reference(store: "Store", folder: Path | str, names: Sequence[str] | None = None,
                     progress: Callable[[str, int, int], Any] | None = None) -> Any:
    """Read the history datasets from ``folder`` and add them to ``store``, all or nothing."""
    return store.import_rows(read_history(folder, names, progress))
