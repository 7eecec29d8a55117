"""COW National Material Capabilities 7.0: the composite index of national capability (CINC) and military spending.

Reads the NMC state-year file as peacesciencer ships it (``cow_nmc``: ``ccode, year,
milex, milper, irst, pec, tpop, upop, cinc``; the publisher's ``NMC-60-abridged``
CSV has the same columns). ``cinc`` becomes the ``cinc`` state fact, as a share of
the system total; ``milex`` (thousands of current USD) becomes ``milex_usd`` in
billions of current USD, the same number with the decimal point moved (838814000
-> ``838.814``), so that the value times 10^6 is the file's value exactly. The value
for year Y is valid through year Y+1 (known after Y). Missing values stay missing
(unknown), never 0; a published 0 stays 0.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from fairweather.errors import ReferenceFormatError
from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, yearly_spells

__all__ = ["NMC", "read_nmc", "nmc_facts", "read_nmc_milex"]

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


def read_nmc_milex(folder: Path | str, first_year: int = 1945) -> ImportedRows:
    """``milex_usd`` state facts (billions of current USD, exactly the file's thousands / 10^6), year Y valid in Y+1."""
    path = Path(folder) / NMC.files[0]
    df = read_reference(path, {"ccode": "int", "year": "int", "milex": "float?"})
    negative = df["milex"] < 0
    if negative.any():
        i = int(negative.to_numpy().nonzero()[0][0])
        raise ReferenceFormatError(f"a negative military expenditure ({df['milex'].iloc[i]!r}); NMC codes missing as "
                                   "empty, not as a negative number", file=str(path), line=i + 1, field="milex")
    df = df[df["year"] >= first_year].assign(state=lambda d: d["ccode"].map(cow_iso3),
                                            milex_bn=lambda d: d["milex"] / 1e6)
    df = _successor_only(df.dropna(subset=["state"]))
    # "{}" writes the shortest decimal that reads back as the float: thousands / 10^6, correctly rounded, prints
    # as the file's digits with the point moved (float(v) * 1e6 == milex holds for every value the file can hold)
    facts = yearly_spells(df, "state", "year", "milex_bn", "milex_usd", NMC.source_id, fmt="{}")
    facts["value"] = [format(Decimal(v), "f") for v in facts["value"]]  # 5e-05 -> 0.00005: no exponent in the pack
    return ImportedRows(NMC, {"state_facts": facts}, rows_read=len(df))


def _successor_only(df: pd.DataFrame) -> pd.DataFrame:
    """One row per state-year: where two COW states map to one code in a year (West Germany 260 and Germany 255
    in 1990, the two Yemens and Yemen 679), the state that goes on the next year, the successor, is kept."""
    goes_on = set(zip(df["ccode"], df["year"] - 1))
    df = df.assign(_next=[(c, y) in goes_on for c, y in zip(df["ccode"], df["year"])])
    df = df.sort_values(["state", "year", "_next", "ccode"]).drop_duplicates(["state", "year"], keep="last")
    return df.drop(columns="_next")
