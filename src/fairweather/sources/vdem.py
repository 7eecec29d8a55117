"""V-Dem electoral democracy index (v2x_polyarchy), through isard's state-year democracy table.

Reads isard's ``cw_democracy`` (COW codes: ``ccode, year, euds, aeuds, polity2,
v2x_polyarchy``; peacesciencer's ``add_democracy()`` data). ``v2x_polyarchy``
becomes the ``regime_polyarchy`` fact at V-Dem's published precision (3 decimals);
the value for year Y is valid through year Y+1.
"""

from __future__ import annotations

from pathlib import Path

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, yearly_spells

__all__ = ["VDEM", "read_polyarchy"]

VDEM = Dataset("vdem-v15-isard", "vdem", "v15 (through isard 0.2.0)", "Coppedge, Michael et al. V-Dem Country-Year "
               "Dataset v15, electoral democracy index v2x_polyarchy; distributed in Miller, Steven V. isard R package 0.2.0.",
               "https://www.v-dem.net/data/the-v-dem-dataset/", "CC BY-SA 4.0 (V-Dem)", ("isard_cw_democracy.parquet",),
               "2025-03-01")


def read_polyarchy(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    df = read_reference(Path(folder) / VDEM.files[0], {"ccode": "int", "year": "int", "v2x_polyarchy": "float?"})
    df = df[df["year"] >= first_year].assign(state=lambda d: d["ccode"].map(cow_iso3))
    facts = yearly_spells(df.dropna(subset=["state"]), "state", "year", "v2x_polyarchy", "regime_polyarchy",
                          VDEM.source_id, fmt="{:.3f}")
    return ImportedRows(VDEM, {"state_facts": facts}, rows_read=len(df))
