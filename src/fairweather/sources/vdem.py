"""V-Dem electoral democracy index (v2x_polyarchy), through isard's state-year democracy table.

Reads isard's ``cw_democracy`` (COW codes: ``ccode, year, euds, aeuds, polity2,
v2x_polyarchy``; peacesciencer's ``add_democracy()`` data). isard 0.2.0 (commit
46944ad) builds it with the ``vdemdata`` package v16 ("The Varieties of Democracy
data are version 16", ``R/rd-cw_democracy.R``), which is why it has values for 2025.
``v2x_polyarchy`` becomes the ``regime_polyarchy`` fact at V-Dem's published
precision (3 decimals; a finer value is refused, never rounded); the value for
year Y is valid through year Y+1.

The history reads it through the panel verbs (COW state-years through :data:`LAST_YEAR`
``|> add_democracy``: :func:`fairweather.sources.history.read_polyarchy_by_year`), which gives
the same rows; :func:`read_polyarchy` reads the file straight (the pack's build step).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from fairweather.errors import ReferenceFormatError
from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, yearly_spells

__all__ = ["VDEM", "POLYARCHY_DECIMALS", "LAST_YEAR", "read_polyarchy", "polyarchy_facts"]

VDEM = Dataset("vdem-v16-isard", "vdem", "v16 (through isard 0.2.0)", "Coppedge, Michael et al. V-Dem Country-Year "
               "Dataset v16, electoral democracy index v2x_polyarchy; distributed in Miller, Steven V. isard R package 0.2.0.",
               "https://www.v-dem.net/data/the-v-dem-dataset/", "CC BY-SA 4.0 (V-Dem)", ("isard_cw_democracy.parquet",),
               None)

#: Decimals V-Dem publishes v2x_polyarchy with.
POLYARCHY_DECIMALS = 3
#: The last year of isard 0.2.0's democracy table: it carries the 195 states of 2024 on to 2025.
LAST_YEAR = 2025


def check_published_precision(df: pd.DataFrame, column: str, decimals: int, path: Path,
                              keys: tuple[str, ...] = ()) -> None:
    """Raise if a value of ``column`` has more than ``decimals`` decimals (writing it would round it).

    The error names the file's line when ``df`` is the file's rows; a frame of other rows (a panel)
    names the offending row by its ``keys`` instead.
    """
    values = df[column].astype(float)
    finer = values.notna() & (np.round(values, decimals) != values)
    if finer.any():
        i = int(np.flatnonzero(finer.to_numpy())[0])
        at = "".join(f", {k} {df[k].iloc[i]}" for k in keys)
        raise ReferenceFormatError(f"has more than {decimals} decimals ({values.iloc[i]!r}{at}); writing it at the "
                                   f"published precision would round it", file=str(path),
                                   line=None if keys else i + 1, field=column)


def read_polyarchy(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    """The ``regime_polyarchy`` facts straight from the file, from ``first_year`` on."""
    path = Path(folder) / VDEM.files[0]
    df = read_reference(path, {"ccode": "int", "year": "int", "v2x_polyarchy": "float?"})
    check_published_precision(df, "v2x_polyarchy", POLYARCHY_DECIMALS, path)
    return polyarchy_facts(df[df["year"] >= first_year])


def polyarchy_facts(state_years: pd.DataFrame) -> ImportedRows:
    """``regime_polyarchy`` state facts from COW state-years (``ccode, year, v2x_polyarchy``), at V-Dem's precision.

    Year Y's value is valid through Y+1; a missing score is left out (unknown, never 0), and so is a
    state the codes do not know.
    """
    df = state_years.assign(state=state_years["ccode"].map(cow_iso3))
    facts = yearly_spells(df.dropna(subset=["state"]), "state", "year", "v2x_polyarchy", "regime_polyarchy",
                          VDEM.source_id, fmt=f"{{:.{POLYARCHY_DECIMALS}f}}")
    return ImportedRows(VDEM, {"state_facts": facts}, rows_read=len(df))
