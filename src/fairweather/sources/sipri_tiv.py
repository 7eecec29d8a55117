"""SIPRI Arms Transfers Database: supplier -> recipient trend-indicator values (TIV) by year, 1950-2021.

Reads the supplier-recipient-year table (``supplier, recipient, year, tiv_musd,
supplier_ccode, recipient_ccode``; the SIPRI TIV export as tidied by 360info).
For each recipient R and year Y, a supplier S's share of R's TIV imports over
the five years *before* Y (Y-5..Y-1) becomes the tie ``arms_tiv_share`` R -> S,
valid through year Y: a window is known only once it has closed, so a crisis on
a date in Y never sees deliveries of Y itself or later. The window after the
data's last year stays valid. Shares under 1% are left out; a recipient that
imported nothing in a window has no ties for it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference
from fairweather.sources.reference import _sipri_iso

__all__ = ["SIPRI_TIV", "read_tiv", "WINDOW"]

SIPRI_TIV = Dataset("sipri-tiv-2022", "sipri_tiv", "TIV 1950-2021 (360info tidy export)",
                    "SIPRI Arms Transfers Database, trend-indicator values, supplier-recipient-year; Stockholm "
                    "International Peace Research Institute; tidied by 360info (report-arms-trade).",
                    "https://www.sipri.org/databases/armstransfers", "free to use with attribution to SIPRI",
                    ("sipri_tiv_supplier_recipient_year.parquet",), "2022-03-14")
WINDOW = 5
MIN_SHARE = 1.0


def _code(ccode: object, name: object) -> str | None:
    iso = cow_iso3(ccode) if ccode is not None and not pd.isna(ccode) else None
    return iso or _sipri_iso(name)


def read_tiv(folder: Path | str, first_year: int = 1946) -> ImportedRows:
    df = read_reference(Path(folder) / SIPRI_TIV.files[0], {"supplier": "str", "recipient": "str", "year": "int",
                                                            "tiv_musd": "float", "supplier_ccode": "int?",
                                                            "recipient_ccode": "int?"})
    codes_s = {(c, n): _code(c, n) for c, n in set(zip(df["supplier_ccode"], df["supplier"]))}
    codes_r = {(c, n): _code(c, n) for c, n in set(zip(df["recipient_ccode"], df["recipient"]))}
    d = pd.DataFrame({"s": [codes_s[k] for k in zip(df["supplier_ccode"], df["supplier"])],
                      "r": [codes_r[k] for k in zip(df["recipient_ccode"], df["recipient"])],
                      "year": df["year"].astype(int), "tiv": df["tiv_musd"].astype(float)})
    skipped = int(d["r"].isna().sum())
    d = d.dropna(subset=["r"])
    d["s"] = d["s"].fillna("")  # an uncoded supplier still counts in the recipient's total
    d = d.groupby(["r", "s", "year"], as_index=False)["tiv"].sum()
    last = int(d["year"].max())
    out = []
    for y in range(max(first_year, int(d["year"].min()) + 1), last + 2):
        win = d[(d["year"] >= y - WINDOW) & (d["year"] <= y - 1)]
        if win.empty:
            continue
        by = win.groupby(["r", "s"], as_index=False)["tiv"].sum()
        total = by.groupby("r")["tiv"].transform("sum")
        by = by[(total > 0) & (by["s"] != "") & (by["s"] != by["r"])].assign(share=lambda x: 100 * x["tiv"] / total[x.index])
        by = by[by["share"] >= MIN_SHARE]
        vt = None if y == last + 1 else dt.date(y, 12, 31)
        for r, s, share in zip(by["r"], by["s"], by["share"]):
            out.append({"from_state": r, "to_state": s, "kind": "arms_tiv_share", "value": f"{share:.1f}", "unit": "%",
                        "detail": None, "valid_from": dt.date(y, 1, 1), "valid_to": vt, "source_id": SIPRI_TIV.source_id,
                        "note": f"share of TIV imported {y - WINDOW}-{y - 1}"})
    rows = ImportedRows(SIPRI_TIV, {"ties": pd.DataFrame(out)}, rows_read=len(df))
    if skipped:
        rows.skipped["transfer to a recipient that is not a state"] = skipped
    return rows
