"""Pre-2020 rolling-origin scores of the history model under two definitions of the past record for the target.

``past_help_target`` was ``log(1 + helps)``: the number of earlier crises in which the partner gave the
target material help. It is now the shrunk share ``helps / (the target's earlier crises + 2)``
(:func:`fairweather.features._lookups.record_share`), so that one earlier crisis cannot dominate. Both are
built as of each crisis date from the same training set (the new one by the package, the old one here, from
the same help lookup); everything else (the choice of priors and family, the folds, the baselines) is
:func:`fairweather.forecast._history.choose_family`'s, on crises before 2020 only. Nothing is written:
the shipped parameters are never touched. Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/feature_variants.py            # the shipped history layer
    PYTHONPATH=src .venv/bin/python benchmarks/feature_variants.py --layer /tmp/layer   # a layer built there

Prints, for each definition, the chosen family's rolling-origin RPS on the pack's pre-2020 crises, the
Brier skill against the pre-2020 base rate for level >= 3 and >= 4, and the AUC of both.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd


def old_record(inp, meta: pd.DataFrame) -> np.ndarray:
    """The former definition, ``log(1 + helps before D)``, for every row of ``meta``."""
    from fairweather.features._lookups import _help_counts

    helped = _help_counts(inp)
    out = []
    for p, t, d in zip(meta["partner"], meta["target"], meta["date"]):
        d = pd.Timestamp(d).date()
        out.append(math.log1p(sum(1 for sd, tg in helped.get(p, ()) if sd < d and tg == t)))
    return np.asarray(out, dtype=float)


def rolling_scores(X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray, meta: pd.DataFrame) -> dict[str, float | str]:
    """The chosen family's pre-2020 rolling-origin scores, and its Brier skill against the base rate."""
    from fairweather.forecast._backtest import score_frame
    from fairweather.forecast._baselines import make_baselines
    from fairweather.forecast._history import _predict_frame, choose_family

    choice = choose_family(X, lo, hi, meta)
    family = choice["family"]
    pack = (meta["origin"] == "pack").to_numpy()
    frames = list(choice["rolling"][family])
    base = next(b for b in make_baselines() if b.name == "base_rate")
    for _, _, tr, te in choice["blocks"]:
        frames.append(_predict_frame("rolling origin", "base_rate", base.fit(X[tr & pack], lo[tr & pack]).predict_proba(X[te]),
                                     meta[te], lo[te]))
    s = score_frame(pd.concat(frames, ignore_index=True), extended=True).set_index("method")
    m, b = s.loc[family], s.loc["base_rate"]
    return {"family": family, "n": int(m["n"]), "rps": float(m["rps"]),
            "skill_ge3": 1 - float(m["brier_ge3"]) / float(b["brier_ge3"]),
            "skill_ge4": 1 - float(m["brier_ge4"]) / float(b["brier_ge4"]),
            "auc_ge3": float(m["auc_ge3"]), "auc_ge4": float(m["auc_ge4"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", type=Path, default=None, help="a history layer folder (default: the shipped one)")
    args = ap.parse_args()

    from fairweather.features import feature_inputs
    from fairweather.features.history import history_training_set
    from fairweather.store import Store

    t0 = time.perf_counter()
    store = Store.open(history=args.layer if args.layer is not None else True)
    X, lo, hi, meta = history_training_set(store)
    variants = {"log(1 + helps) (former)": X.assign(past_help_target=old_record(feature_inputs(store), meta)),
                "helps / (crises + 2) (new)": X}
    print(f"training set: {len(meta)} rows, {meta['crisis_id'].nunique()} crises before 2020 "
          f"({time.perf_counter() - t0:.0f} s)")
    print(f"{'past_help_target':30s} {'family':26s} {'n':>4s} {'RPS':>7s} {'Brier skill>=3':>15s} "
          f"{'>=4':>6s} {'AUC>=3':>7s} {'AUC>=4':>7s}")
    for name, Xv in variants.items():
        r = rolling_scores(Xv, lo, hi, meta)
        print(f"{name:30s} {r['family']:26s} {r['n']:4d} {r['rps']:7.4f} {r['skill_ge3']:15.1%} {r['skill_ge4']:6.1%} "
              f"{r['auc_ge3']:7.3f} {r['auc_ge4']:7.3f}")


if __name__ == "__main__":
    main()
