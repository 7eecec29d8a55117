"""COW Direct Contiguity 3.2: land borders and short water crossings.

Reads peacesciencer's ``cow_contdir`` (``ccode1, ccode2, conttype, stdate, enddate``;
the publisher's ``contdird`` spells). Each spell becomes a ``contiguity`` tie in
both directions whose value is COW's type: 1 land or river border, 2-5 separated
by at most 12, 24, 150 or 400 miles of water; a type-0 spell (where an earlier
contiguity lapsed, e.g. Russia and Iran after 1991) is no tie. Spells open at the
dataset's end (December 2016) stay valid.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference

__all__ = ["CONTIGUITY", "read_contiguity"]

CONTIGUITY = Dataset("cow-contiguity-3.2", "cow_contiguity", "3.2", "Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, "
                     "Paul F. Diehl & Charles Gochman. 2002. The Correlates of War Project Direct Contiguity Data, Version 3. "
                     "Conflict Management and Peace Science 19(2): 58-66.",
                     "https://correlatesofwar.org/data-sets/direct-contiguity/", "free to use with citation",
                     ("ps_cow_contdir.csv",), "2017-01-01")
DATA_END = dt.date(2016, 12, 1)


def read_contiguity(folder: Path | str, first_year: int = 1946) -> ImportedRows:
    df = read_reference(Path(folder) / CONTIGUITY.files[0], {"ccode1": "int", "ccode2": "int", "conttype": "int",
                                                             "stdate": "date", "enddate": "date"})
    df = df[df["enddate"].dt.year >= first_year]
    out, skipped = [], 0
    for r in df.itertuples(index=False):
        a, b = cow_iso3(r.ccode1), cow_iso3(r.ccode2)
        if int(r.conttype) == 0:  # peacesciencer's spells also mark where contiguity lapsed (type 0): no tie
            continue
        if a is None or b is None or a == b:
            skipped += 1
            continue
        vf = max(r.stdate.date(), dt.date(first_year, 1, 1))
        vt = None if r.enddate.date() >= DATA_END else r.enddate.date()
        for x, y in ((a, b), (b, a)):
            out.append({"from_state": x, "to_state": y, "kind": "contiguity", "value": str(int(r.conttype)), "unit": None,
                        "detail": None, "valid_from": vf, "valid_to": vt, "source_id": CONTIGUITY.source_id, "note": None})
    frame = pd.DataFrame(out)
    if not frame.empty:  # the non-directed file lists each pair once; a few pairs appear twice (COW and successor codes)
        frame = frame.drop_duplicates(["from_state", "to_state", "kind", "valid_from"])
    rows = ImportedRows(CONTIGUITY, {"ties": frame}, rows_read=len(df))
    if skipped:
        rows.skipped["pair with a state without a code"] = skipped
    return rows
