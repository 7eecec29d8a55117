"""Speed of learning from history: import the publishers' files, build the training set, choose and fit the model.

Target (issue "learn from history"): rebuilding the training set and the shipped parameters
from the publishers' files takes under 2 minutes on 2 cores. Run from the repository root:

    .venv/bin/python benchmarks/history_build.py --reference ../shared/data

Prints the wall time of each step and the peak resident memory of the process. Measured on the
development machine (2 cores shared with five other sessions), 2026-12-03, three runs each, alternating:
before the faster COW MID, UCDP ACD and UCDP ESD readers, import and layer 20.4-22.0 s (median 21.6 s),
97-113 s in all (median 106.4 s); after them, import and layer 4.6-7.9 s (median 7.1 s), training set
9.0-16.4 s, choice and fit 68.8-85.1 s, 89.7-105.9 s in all (median 98.7 s; the fit's spread is the shared
machine's), peak RSS 0.61-0.63 GiB; the candidate rule's top 15 include 615 of the 1,181 helpers the
datasets record before 2020 (52.1%).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 120.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()

    from fairweather.forecast import fit_history_params
    from fairweather.features.history import history_training_set
    from fairweather.history_layer import write_history_layer
    from fairweather.sources.history import import_reference
    from fairweather.store import Store

    t0 = time.perf_counter()
    summary = import_reference(Store.open(), args.reference)
    with tempfile.TemporaryDirectory() as tmp:
        write_history_layer(summary.added, tmp)
        t1 = time.perf_counter()
        store = Store.open(history=Path(tmp))
        X, lo, hi, meta = history_training_set(store)
        t2 = time.perf_counter()
        model, _ = fit_history_params(store, Path(tmp) / "params.json", fit_date="2026-12-01")
        t3 = time.perf_counter()
        from fairweather.features.ranking import candidate_capture

        hit, n, ceiling = candidate_capture(store)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB on Linux
    total = t3 - t0
    print(f"import the publishers' files and write the layer  {t1 - t0:6.1f} s")
    print(f"open the layer and build the training set          {t2 - t1:6.1f} s   ({len(meta)} rows, {int(meta['censored'].sum())} censored)")
    print(f"choose the family and priors, fit, write the file  {t3 - t2:6.1f} s   ({model.meta_['alpha_selection']['family']})")
    print(f"total                                              {total:6.1f} s   target < {TARGET_SECONDS:.0f} s: "
          f"{'met' if total < TARGET_SECONDS else 'NOT met'}")
    print(f"candidate rule: top 15 include {hit} of {n} recorded helpers in pre-2020 dataset crises ({hit / n:.1%}; "
          f"a list of 15 could include at most {ceiling / n:.1%})")
    print(f"peak resident memory                               {peak:6.2f} GiB")


if __name__ == "__main__":
    main()
