"""V-Dem electoral democracy index (v2x_polyarchy), through isard's state-year democracy table.

Reads isard's ``cw_democracy`` (COW codes: ``ccode, year, euds, aeuds, polity2,
v2x_polyarchy``; peacesciencer's ``add_democracy()`` data). isard 0.2.0 (commit
46944ad) builds it with the ``vdemdata`` package v16 ("The Varieties of Democracy
data are version 16", ``R/rd-cw_democracy.R``), which is why it has values for 2025.
``v2x_polyarchy`` becomes the ``regime_polyarchy`` fact at V-Dem's published
precision (3 decimals; a finer value is refused, never rounded); the value for
year Y is valid through year Y+1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from fairweather.errors import ReferenceFormatError
from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, yearly_spells

__all__ = ["VDEM", "POLYARCHY_DECIMALS", "read_polyarchy"]

VDEM = Dataset("vdem-v16-isard", "vdem", "v16 (through isard 0.2.0)", "Coppedge, Michael et al. V-Dem Country-Year "
               "Dataset v16, electoral democracy index v2x_polyarchy; distributed in Miller, Steven V. isard R package 0.2.0.",
               "https://www.v-dem.net/data/the-v-dem-dataset/", "CC BY-SA 4.0 (V-Dem)", ("isard_cw_democracy.parquet",),
               None)

#: Decimals V-Dem publishes v2x_polyarchy with.
POLYARCHY_DECIMALS = 3


def check_published_precision(df: pd.DataFrame, column: str, decimals: int, path: Path) -> None:
    """Raise if a value of ``column`` has more than ``decimals`` decimals (writing it would round it)."""
    values = df[column].astype(float)
    finer = values.notna() & (np.round(values, decimals) != values)
    if finer.any():
        i = int(np.flatnonzero(finer.to_numpy())[0])
        raise ReferenceFormatError(f"has more than {decimals} decimals ({values.iloc[i]!r}); writing it at the "
                                   f"published precision would round it", file=str(path), line=i + 1, field=column)


def read_polyarchy(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    path = Path(folder) / VDEM.files[0]
    df = read_reference(path, {"ccode": "int", "year": "int", "v2x_polyarchy": "float?"})
    check_published_precision(df, "v2x_polyarchy", POLYARCHY_DECIMALS, path)
    df = df[df["year"] >= first_year].assign(state=lambda d: d["ccode"].map(cow_iso3))
    facts = yearly_spells(df.dropna(subset=["state"]), "state", "year", "v2x_polyarchy", "regime_polyarchy",
                          VDEM.source_id, fmt=f"{{:.{POLYARCHY_DECIMALS}f}}")
    return ImportedRows(VDEM, {"state_facts": facts}, rows_read=len(df))
