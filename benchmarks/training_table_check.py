"""Write the history training table that `fairweather model fit --reference DIR` fits on, and its SHA-256.

Run it under two code trees and compare (the table must not change when only the join path does):

    PYTHONPATH=/old/src .venv/bin/python benchmarks/training_table_check.py --reference ../shared/data --out old.parquet
    PYTHONPATH=src      .venv/bin/python benchmarks/training_table_check.py --reference ../shared/data --out new.parquet \
        --compare old.parquet

The table is X (the model's features), the lowest and highest possible level and the rows' meta, built as
``model fit --reference`` builds it: the history layer written from the files, then loaded on the pack.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

import pandas as pd


def training_table(reference: Path) -> pd.DataFrame:
    from fairweather.features.history import history_training_set
    from fairweather.history_layer import write_history_layer
    from fairweather.sources.history import import_reference
    from fairweather.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        write_history_layer(import_reference(Store.open(), reference).added, tmp)
        store = Store.open(history=Path(tmp))
        X, lo, hi, meta = history_training_set(store)
    meta = meta.assign(date=meta["date"].astype(str), lo=lo, hi=hi)
    return pd.concat([meta.reset_index(drop=True), X.reset_index(drop=True).add_prefix("x_")], axis=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--compare", type=Path, help="a table written by this script under other code")
    args = ap.parse_args()
    t0 = time.perf_counter()
    table = training_table(args.reference)
    table.to_parquet(args.out, index=False)
    digest = hashlib.sha256(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes()).hexdigest()
    print(f"{len(table):,} rows x {table.shape[1]} columns, sha256 of the values {digest} ({time.perf_counter() - t0:.0f} s)")
    if args.compare is not None:
        other = pd.read_parquet(args.compare)
        same = other.shape == table.shape and list(other.columns) == list(table.columns) and other.equals(table)
        if same:
            print(f"identical to {args.compare}: every row, column and value (NaN where NaN)")
        else:
            print(f"DIFFERENT from {args.compare}: shapes {other.shape} vs {table.shape}")
            if other.shape == table.shape and list(other.columns) == list(table.columns):
                diff = ~((other == table) | (other.isna() & table.isna()))
                print(diff.sum()[diff.sum() > 0].to_string())
            raise SystemExit(1)


if __name__ == "__main__":
    main()
