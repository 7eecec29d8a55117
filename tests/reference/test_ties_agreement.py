"""Agreement of the pack's arms-import shares with the SIPRI trade register, 1990-2024.

Reads the pack CSVs directly (``ties/*.csv`` and ``reviewed_exceptions/ties.csv``)
with pandas, so that it does not depend on the store API, and recomputes every
``arms_import_share`` row from the SIPRI trade register of deliveries 1990-2024
(``sipri_trade_register_deliveries_1990_2024.parquet`` in the shared reference
folder).

Rules
-----
* A pack row (from_state=R, to_state=S, valid_from, valid_to) claims that S
  supplied ``value`` per cent of R's arms imports, in SIPRI trend-indicator
  values (TIV), over the delivery years ``valid_from.year .. valid_to.year``.
* The register's ``tiv_delivery_values`` are summed by supplier for every
  register row whose recipient maps to R and whose ``delivery_year`` is in the
  window; the share is the supplier's sum over the recipient's total, where the
  total keeps deliveries from unknown or unmapped suppliers.
* Names map to ISO3 with ``fairweather.codes.try_iso3``, except: "Soviet Union"
  is RUS (as the pack codes Soviet deliveries of 1990-91), "Yugoslavia" is SRB,
  and Czechoslovakia, East Germany, Northern Cyprus and the non-state or
  international recipients (names with ``*``) are not mapped.
* ``reviewed_exceptions/ties.csv`` (from_state, to_state, kind, valid_from,
  reason) lists reviewed disagreements; those rows are left out of the figures.
* Figures: Pearson correlation between pack and register shares, mean absolute
  difference, and the share of pack rows within 10 percentage points. The floors
  are a correlation of at least 0.9 and at least 90% of rows within 10 points.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.reference

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "src" / "fairweather" / "pack" / "data"
REGISTER = "sipri_trade_register_deliveries_1990_2024.parquet"
MIN_CORRELATION = 0.9
MIN_WITHIN_10PP = 0.9
SPECIAL_NAMES: dict[str, str | None] = {
    "Soviet Union": "RUS",
    "Yugoslavia": "SRB",
    "Czechoslovakia": None,
    "East Germany (GDR)": None,
    "Northern Cyprus": None,
}


def _shared_data() -> Path | None:
    env = os.environ.get("FAIRWEATHER_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    return path if path.is_dir() else None


def _pack_arms_shares() -> pd.DataFrame:
    files = sorted((PACK / "ties").glob("*.csv"))
    if not files:
        pytest.skip("the pack has no ties/*.csv files yet")
    ties = pd.concat(
        [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True
    )
    rows = ties[ties["kind"] == "arms_import_share"].copy()
    if rows.empty:
        pytest.skip("the pack has no arms_import_share rows yet")
    rows["value"] = rows["value"].astype(float)
    rows["year_from"] = rows["valid_from"].str[:4].astype(int)
    rows["year_to"] = rows["valid_to"].str[:4].astype(int)
    exceptions = PACK / "reviewed_exceptions" / "ties.csv"
    if exceptions.exists():
        exc = pd.read_csv(exceptions, dtype=str, keep_default_na=False)
        keys = set(zip(exc["from_state"], exc["to_state"], exc["kind"], exc["valid_from"]))
        keep = [
            (f, t, k, v) not in keys
            for f, t, k, v in zip(rows["from_state"], rows["to_state"], rows["kind"], rows["valid_from"])
        ]
        rows = rows[keep]
    return rows


def _iso3(name: str) -> str | None:
    from fairweather.codes import try_iso3

    if name in SPECIAL_NAMES:
        return SPECIAL_NAMES[name]
    if "*" in name or name.startswith("unknown"):
        return None
    return try_iso3(name)


def _register(shared: Path) -> pd.DataFrame:
    reg = pd.read_parquet(
        shared / REGISTER, columns=["supplier", "recipient", "delivery_year", "tiv_delivery_values"]
    )
    reg["year"] = pd.to_numeric(reg["delivery_year"], errors="coerce")
    reg["tiv"] = pd.to_numeric(reg["tiv_delivery_values"], errors="coerce").fillna(0.0)
    names = set(reg["supplier"]) | set(reg["recipient"])
    codes = {n: _iso3(n) for n in names}
    reg["sup_iso"] = reg["supplier"].map(codes)
    reg["rec_iso"] = reg["recipient"].map(codes)
    return reg.dropna(subset=["year", "rec_iso"])


def _register_share(reg: pd.DataFrame, recipient: str, supplier: str, y0: int, y1: int) -> float | None:
    window = reg[(reg["rec_iso"] == recipient) & (reg["year"] >= y0) & (reg["year"] <= y1)]
    total = window["tiv"].sum()
    if total <= 0:
        return None
    return 100.0 * window.loc[window["sup_iso"] == supplier, "tiv"].sum() / total


def test_arms_import_shares_agree_with_sipri_register() -> None:
    shared = _shared_data()
    if shared is None or not (shared / REGISTER).exists():
        pytest.skip(
            "reference data ../shared/data (SIPRI trade register) is absent; "
            "set FAIRWEATHER_SHARED_DATA to run this check"
        )
    pack = _pack_arms_shares()
    reg = _register(shared)

    computed: list[float | None] = [
        _register_share(reg, r.from_state, r.to_state, r.year_from, r.year_to)
        for r in pack.itertuples()
    ]
    pack = pack.assign(register=computed)
    no_data = pack[pack["register"].isna()]
    both = pack.dropna(subset=["register"])
    diff = (both["value"] - both["register"]).abs()
    corr = float(both["value"].corr(both["register"]))
    within = float((diff <= 10.0).mean())

    print(
        f"\narms_import_share rows: {len(pack)} compared: {len(both)} "
        f"(no register deliveries in the window: {len(no_data)})"
    )
    print(f"correlation pack vs SIPRI register: {corr:.3f}")
    print(f"mean absolute difference: {diff.mean():.2f} percentage points")
    print(f"rows within 10 percentage points: {within:.1%}")
    worst = both.assign(diff=diff).sort_values("diff", ascending=False).head(10)
    for r in worst.itertuples():
        print(
            f"  {r.from_state}<-{r.to_state} {r.year_from}-{r.year_to}: "
            f"pack {r.value:.1f} register {r.register:.1f}"
        )

    assert len(both) > 0, "no pack row could be compared with the register"
    assert corr >= MIN_CORRELATION, f"correlation {corr:.3f} < {MIN_CORRELATION}"
    assert within >= MIN_WITHIN_10PP, f"only {within:.1%} of rows within 10 points"
    assert no_data.empty, (
        "pack rows with no register deliveries in their window: "
        + ", ".join(f"{r.from_state}<-{r.to_state} {r.valid_from}" for r in no_data.itertuples())
    )
