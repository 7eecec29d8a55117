"""Thompson, Sakuwa & Suhas (2021) strategic rivalries, 1494-2020.

Reads peacesciencer's ``tss_rivalries`` (``tssr_id, rivalry, ccode1, ccode2, start,
end, positional, spatial, ideological, interventionary``). Each rivalry becomes a
``rivalry`` tie in both directions, valid from January 1 of its first year to
December 31 of its last; a rivalry still running at the list's end (2020) stays
valid. The value names the rivalry's types (``positional;spatial``).

WHY the spells are read straight from the file and not through ``create_dyad_years |>
add_strategic_rivalries`` (issue 16), unlike the capabilities and regime scores: a rivalry is a
spell, and the dyad-years keep only the years both states were COW members on the same day, so the
spells rebuilt from them differ from the list's in 11 of the 185 rivalries since 1946 (measured on the
reference files, 2026-12-03). Three code Yemen 679 before unification (Saudi Arabia-Yemen 2, Jordan-Yemen,
Oman-S. Yemen; COW's 679 starts 1990-05-22), which a code crosswalk could mend; the other eight are the
state system itself, which no crosswalk mends: France-Germany (COW 255 ends 1945) and the two Germanys
(COW 260 from 1955), North Korea-South Korea (no common day in 1948), Croatia-Serbia (Croatia from 1992),
and Syria's four rivalries, which the panel cuts in 1959-1960 (the United Arab Republic).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference

__all__ = ["TSS", "read_rivalries"]

TSS = Dataset("tss-rivalries-2021", "tss_rivalries", "2021 (1494-2020)", "Thompson, William R., Kentaro Sakuwa & "
              "Prashant Hosur Suhas. 2021. Analyzing Strategic Rivalries in World Politics. Springer.",
              "https://link.springer.com/book/10.1007/978-981-16-6671-7", "free to use with citation (via peacesciencer, GPL-2)",
              ("ps_tss_rivalries.csv",), "2021-01-01")
_TYPES = ("positional", "spatial", "ideological", "interventionary")
LAST_YEAR = 2020


def read_rivalries(folder: Path | str, first_year: int = 1946) -> ImportedRows:
    df = read_reference(Path(folder) / TSS.files[0], {"tssr_id": "int", "rivalry": "str", "ccode1": "int", "ccode2": "int",
                                                      "start": "int", "end": "int",
                                                      **{t: "int?" for t in _TYPES}})
    df = df[df["end"] >= first_year]
    out, skipped = [], 0
    for r in df.itertuples(index=False):
        a, b = cow_iso3(r.ccode1), cow_iso3(r.ccode2)
        if a is None or b is None:
            skipped += 1
            continue
        kinds = ";".join(t for t in _TYPES if getattr(r, t) == 1) or "rivalry"
        vf = dt.date(max(int(r.start), first_year), 1, 1)
        vt = None if int(r.end) >= LAST_YEAR else dt.date(int(r.end), 12, 31)
        for x, y in ((a, b), (b, a)):
            out.append({"from_state": x, "to_state": y, "kind": "rivalry", "value": kinds, "unit": None,
                        "detail": None, "valid_from": vf, "valid_to": vt, "source_id": TSS.source_id,
                        "note": f"TSS rivalry {r.tssr_id} '{r.rivalry}' {r.start}-{r.end}"})
    rows = ImportedRows(TSS, {"ties": pd.DataFrame(out)}, rows_read=len(df))
    if skipped:
        rows.skipped["rivalry with a state without a code"] = skipped
    return rows
