"""Does the history model forecast better from recent history only? Pre-2020 rolling origin with the history rows
cut to a window before each block.

The 2020+ evaluation crises receive more help than the pre-2020 crises predict (calibration intercepts about
+0.6), so one might give recent crises more weight. Before building sample weights into the estimator, this
checks the simplest form of the idea on crises before 2020 only: for each rolling-origin block, the pooled
"history + pack" model is fitted on the pack's earlier crises and on the datasets' crises of the last
``window`` years only (40, 30 or 20; ``None``: all), under three priors around the chosen one, and scored on
the block's pack crises as :func:`fairweather.forecast._history.choose_family` scores them. Nothing is written.

Measured 2026-12-03 on the shipped layer (RPS / Brier >= 3 / Brier >= 4 / AUC >= 3, prior 300, the chosen one):
all history 0.1240 / 0.0858 / 0.0658 / 0.768; 40 years 0.1240 / 0.0858 / 0.0658 / 0.757; 30 years
0.1237 / 0.0854 / 0.0657 / 0.761; 20 years 0.1239 / 0.0856 / 0.0665 / 0.755. Recency buys at most 0.0003 of
RPS and costs ranking, so the estimator takes no recency weights: before 2020 the crises' drift is not in
their age. Run from the repository root (about 4 minutes on 2 cores):

    PYTHONPATH=src .venv/bin/python benchmarks/training_window.py
"""

from __future__ import annotations

import pandas as pd


def main() -> None:
    from fairweather.features.history import history_training_set
    from fairweather.forecast._backtest import score_frame
    from fairweather.forecast._history import _blocks, _fit_family, _predict_frame
    from fairweather.store import Store

    X, lo, hi, meta = history_training_set(Store.open(history=True))
    pack = (meta["origin"] == "pack").to_numpy()
    years = meta["year"].to_numpy()
    blocks = [(a, tr, te & pack) for a, _, tr, te in _blocks(meta) if (tr & pack).sum() > 20 and (te & pack).any()]
    print(f"{'window':>7s} {'prior':>6s} {'RPS':>7s} {'Brier>=3':>9s} {'Brier>=4':>9s} {'AUC>=3':>7s}")
    for window in (None, 40, 30, 20):
        for alpha in (100.0, 300.0, 1000.0):
            frames = []
            for a, tr, te in blocks:
                keep = tr if window is None else tr & ((years >= a - window) | pack)
                m = _fit_family("model (history + pack)", alpha, 10.0, X[keep], lo[keep], hi[keep], pack[keep], 20250613)
                frames.append(_predict_frame("rolling origin", "model", m.predict_proba(X[te]), meta[te], lo[te]))
            s = score_frame(pd.concat(frames, ignore_index=True), extended=True).iloc[0]
            print(f"{str(window or 'all'):>7s} {alpha:6.0f} {s['rps']:7.4f} {s['brier_ge3']:9.4f} {s['brier_ge4']:9.4f} "
                  f"{s['auc_ge3']:7.3f}", flush=True)


if __name__ == "__main__":
    main()
