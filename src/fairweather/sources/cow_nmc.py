"""COW National Material Capabilities 7.0: the composite index of national capability (CINC).

Reads the NMC state-year file as peacesciencer ships it (``cow_nmc``: ``ccode, year,
milex, milper, irst, pec, tpop, upop, cinc``; the publisher's ``NMC-60-abridged``
CSV has the same columns). ``cinc`` becomes the ``cinc`` state fact, as a share of
the system total; the value for year Y is valid through year Y+1 (known after Y).
Missing values stay missing (unknown), never 0.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, yearly_spells

__all__ = ["NMC", "read_nmc", "nmc_facts"]

NMC = Dataset("cow-nmc-7.0", "cow_nmc", "7.0", "Singer, J. David, Stuart Bremer & John Stuckey. 1972. Capability "
              "Distribution, Uncertainty, and Major Power War, 1820-1965; COW National Material Capabilities v7.0.",
              "https://correlatesofwar.org/data-sets/national-material-capabilities/", "free to use with citation",
              ("ps_cow_nmc.parquet",), "2024-01-01")


def read_nmc(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    """The ``cinc`` facts straight from the file (the history reads them through the panel verbs instead:
    :func:`fairweather.sources.history.read_nmc_by_year`, which gives the same rows)."""
    df = read_reference(Path(folder) / NMC.files[0], {"ccode": "int", "year": "int", "cinc": "float?"})
    return nmc_facts(df[df["year"] >= first_year])


def nmc_facts(state_years: pd.DataFrame) -> ImportedRows:
    """``cinc`` state facts from COW state-years (``ccode, year, cinc``): year Y's value is valid through Y+1.

    A missing CINC is left out (unknown, never 0); a state the codes do not know is counted as skipped.
    """
    df = state_years.assign(state=state_years["ccode"].map(cow_iso3))
    unknown = int(df["state"].isna().sum())
    facts = yearly_spells(df.dropna(subset=["state"]), "state", "year", "cinc", "cinc", NMC.source_id, fmt="{:.6g}")
    rows = ImportedRows(NMC, {"state_facts": facts}, rows_read=len(df))
    if unknown:
        rows.skipped["state without a code"] = unknown
    return rows
