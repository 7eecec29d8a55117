"""Speed and memory of batch scoring: ``predict_cases`` on N (crisis, supporter) rows.

Target (issue 13): 100,000 rows in under 10 s and under 1 GiB. Run from the repository root:

    .venv/bin/python benchmarks/predict_speed.py [--rows 100000]

The rows are every pack crisis's target and attackers crossed with every state in the
pack, then the same crises again dated one, two, ... weeks earlier (new crisis ids) until
there are N rows: every row is a distinct (crisis, date, supporter), so nothing is computed
twice for a repeated row; scored by the shipped model on the default store (the pack plus
the history layer).
Prints the time of the warm store (opened and its inputs read before timing), the
seconds per 1,000 rows, the CPU seconds of the process over the same call (on a shared
machine the wall time includes waiting for a core) and the peak resident memory.
``--per-row`` times the row-by-row path the model's training reads, for comparison.
"""

from __future__ import annotations

import argparse
import resource
import time

import pandas as pd

TARGET_SECONDS, TARGET_GIB = 10.0, 1.0


def cases(store, n: int) -> pd.DataFrame:
    crises = store.con.execute("SELECT crisis_id, start_date, target, attackers FROM crises WHERE source_id NOT LIKE 'cow-%' "
                               "AND source_id NOT LIKE 'ucdp-%' ORDER BY crisis_id").df()
    states = [s for (s,) in store.con.execute("SELECT iso3 FROM states ORDER BY iso3").fetchall()]
    rows: list[tuple] = []
    week = 0
    while len(rows) < n:
        for c in crises.itertuples():
            day = (pd.Timestamp(c.start_date) - pd.Timedelta(weeks=week)).date().isoformat()
            rows.extend((f"{c.crisis_id}-{week}w", day, c.target, c.attackers, s)
                        for s in states if s != c.target and s not in c.attackers.split(";"))
        week += 1
    return pd.DataFrame(rows[:n], columns=["crisis_id", "start_date", "target", "attackers", "supporter"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--per-row", action="store_true", help="build the features row by row (the reference path)")
    args = ap.parse_args()
    from fairweather.features import feature_inputs
    from fairweather.forecast import load_model, predict_cases
    from fairweather.forecast._scenario import default_store

    store = default_store()
    model = load_model()
    feature_inputs(store)  # warm: the store's inputs are read once per process
    frame = cases(store, args.rows)
    t0, c0 = time.perf_counter(), time.process_time()
    out = predict_cases(frame, store=store, model=model, bulk=not args.per_row)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    scored = int(out["error"].eq("").sum())
    print(f"rows {len(frame):,} ({scored:,} scored, {len(frame) - scored:,} with an error), "
          f"{frame['crisis_id'].nunique()} crises")
    print(f"predict_cases          {secs:7.2f} s   ({1000 * secs / len(frame):.3f} s per 1,000 rows)   target < {TARGET_SECONDS:.0f} s: "
          f"{'met' if secs < TARGET_SECONDS else 'NOT met'}")
    print(f"  of which CPU           {cpu:7.2f} s   (this process; on a shared machine the wall time also counts the waits)")
    print(f"peak resident memory   {peak:7.2f} GiB   target < {TARGET_GIB:.0f} GiB: {'met' if peak < TARGET_GIB else 'NOT met'}")


if __name__ == "__main__":
    main()
