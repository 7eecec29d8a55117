"""Draw a seeded sample of the pack's dataset-derived rows and check each exactly against the publisher's file (issue 12).

    PYTHONPATH=src .venv/bin/python benchmarks/dataset_sample.py [--seed 20261204] [--reference ../shared/data] [--pack DIR]

Where :mod:`benchmarks.fact_sample` draws curated rows to check by hand, this
draws rows whose value a dataset gives and checks them by program: 3 V-Dem
polyarchy rows (``state_facts/regime.csv``, against ``v2x_polyarchy`` in
isard's ``cw_democracy``, to 3 decimals), 3 COW NMC spending rows
(``state_facts/milex.csv``, billions of USD times 10^6 against the file's
thousands), 2 SIPRI arms-import shares (``ties/arms.csv``, against the
register's share of the window's TIV at 1 decimal) and 2 commitments with an
ATOP 4.01 id (their five obligation flags against the alliance-level file).
``random.Random(seed)`` draws from each frame in file order, in that sequence,
so the same seed and pack give the same rows. Each line ends OK or MISMATCH.

The second audit of 2026-12-03 (seed 20261204) is in ``src/fairweather/pack/data/AUDIT.md``.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import pandas as pd

FLAGS = [("defense", "defense"), ("offense", "offense"), ("neutrality", "neutral"),
         ("nonaggression", "nonagg"), ("consultation", "consul")]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _numbered(frame: pd.DataFrame, keep) -> list[tuple[int, dict[str, str]]]:
    return [(i + 2, r) for i, r in enumerate(frame.to_dict("records")) if keep(r)]


def _year(note: str) -> int:
    return int(re.search(r"value for (\d{4})", note).group(1))


def main() -> None:
    from fairweather.pack import embedded_pack_path
    from fairweather.sources.reference import arms_import_shares, read_sipri_register

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--reference", type=Path, default=Path("../shared/data"))
    ap.add_argument("--pack", type=Path, default=None)
    args = ap.parse_args()
    pack, ref, rng = args.pack or embedded_pack_path(), args.reference, random.Random(args.seed)

    states = pd.concat([_read(p) for p in sorted((pack / "states").glob("*.csv"))])
    cow = dict(zip(states.iso3, states.cow_code.astype(int)))
    vdem = pd.read_parquet(ref / "isard_cw_democracy.parquet")
    nmc = pd.read_parquet(ref / "ps_cow_nmc.parquet")
    register = read_sipri_register(ref / "sipri_trade_register_deliveries_1990_2024.parquet")
    atop = pd.read_csv(ref / "atop4_alliance_level.csv")
    atop["atopid"] = atop.atopid.astype(str)

    regime = _numbered(_read(pack / "state_facts/regime.csv"), lambda r: r["source_id"] == "vdem-v16-isard")
    for line, r in rng.sample(regime, 3):
        y = _year(r["note"])
        v = vdem[(vdem.ccode == cow[r["state"]]) & (vdem.year == y)].v2x_polyarchy
        ok = len(v) == 1 and f"{float(v.iloc[0]):.3f}" == f"{float(r['value']):.3f}"
        print(f"regime.csv:{line} {r['state']} {y} pack {r['value']} V-Dem {list(v)} {'OK' if ok else 'MISMATCH'}")

    milex = _numbered(_read(pack / "state_facts/milex.csv"), lambda r: r["source_id"] == "cow-nmc-7.0")
    for line, r in rng.sample(milex, 3):
        y = _year(r["note"])
        v = nmc[(nmc.ccode == cow[r["state"]]) & (nmc.year == y)].milex
        ok = len(v) == 1 and round(float(r["value"]) * 1e6) == int(v.iloc[0])
        print(f"milex.csv:{line} {r['state']} {y} pack {r['value']} NMC thousands {list(v)} {'OK' if ok else 'MISMATCH'}")

    arms = _numbered(_read(pack / "ties/arms.csv"), lambda r: r["kind"] == "arms_import_share")
    for line, r in rng.sample(arms, 2):
        y0, y1 = map(int, re.search(r"(\d{4})-(\d{4})", r["note"]).groups())
        shares = arms_import_shares(register, y0, y1)
        v = shares[(shares.recipient == r["from_state"]) & (shares.supplier == r["to_state"])]
        ok = len(v) == 1 and f"{v.share.iloc[0]:.1f}" == f"{float(r['value']):.1f}"
        print(f"arms.csv:{line} {r['from_state']} from {r['to_state']} {y0}-{y1} pack {r['value']} "
              f"register {[round(x, 2) for x in v.share]} {'OK' if ok else 'MISMATCH'}")

    commitments = pd.concat([_read(p) for p in sorted((pack / "commitments").glob("*.csv"))])
    with_id = [(0, r) for r in commitments.to_dict("records") if r["atop_id"] in set(atop.atopid)]
    for _, r in rng.sample(with_id, 2):
        a = atop[atop.atopid == r["atop_id"]].iloc[0]
        pk, at = [int(r[p]) for p, _ in FLAGS], [int(a[q]) for _, q in FLAGS]
        print(f"commitment {r['commitment_id']} ATOP {r['atop_id']} pack {pk} ATOP 4.01 {at} "
              f"begins {int(a.begyr)}-{int(a.begmo):02d}-{int(a.begday):02d}, pack signed {r['signed']} "
              f"{'OK' if pk == at else 'MISMATCH'}")


if __name__ == "__main__":
    main()
