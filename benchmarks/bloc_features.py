"""Pre-2020 rolling-origin scores of the history model with and without a bloc feature it does not carry.

``ally_rival_of_attacker`` (issue 10, item 3: alignment with the target against the attacker, and the misses
of coalitions of many helpers): 1 when the partner has a defence obligation on D, either way, with a state
(other than the target and the partner) that is a strategic rival of an attacker on D (Thompson's rivalries, as
the rivalry ties of the store), else 0. The idea: a partner is drawn in by its allies' quarrels, the way the
members of a bloc join a coalition against their leader's rival. It is known for every row (no alliance or no
rivalry on D is a 0), so it needs no missing indicator.

It is computed here from the store's own as-of engine (``obligations_on``, the rivalry ties) and the model is
fitted without it, with it under its expected sign (+, as the registry would give it) and with its sign free,
each by :func:`fairweather.forecast._history.choose_family` on crises before 2020 only. The rule fixed before
the run (the one ``feature_variants.py`` used for alliance portfolios): the model carries the feature only if,
under its sign, the rolling-origin RPS is better by more than 0.001 and neither Brier skill is lower. Nothing
is written. Measured 2026-12-03 on the shipped layer (22,055 rows; the feature is 1 on 15.5% of them, 24.6% of
the pack's, and correlates -0.011 with the pack's level): without it RPS 0.1240, Brier skill 31.0% and 34.5%,
AUC 0.768 and 0.852; with it under its sign, the same to four decimals (its coefficient is 0); sign free, RPS
0.1243, skill 31.2% and 34.8%, AUC 0.768 and 0.857. It fails the rule, so the model does not carry it: the
bloc's pull is already in the partner's own rivalry and alignment terms. Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/bloc_features.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import numpy as np
import pandas as pd

from feature_variants import print_variants  # type: ignore[import-not-found]


def _rivals_on(rivalries: list[tuple[str, str, list]], d: dt.date) -> dict[str, set[str]]:
    """Every state's strategic rivals on ``d`` (either direction), from ``(a, b, spells)`` rivalry ties."""
    from fairweather.asof import valid_on

    out: dict[str, set[str]] = {}
    for a, b, spells in rivalries:
        if any(valid_on(vf, vt, d) for vf, vt, *_ in spells):
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
    return out


def ally_rival_of_attacker(inp, meta: pd.DataFrame) -> np.ndarray:
    """1.0 when a defence ally of the partner on D (not the target) is a rival of an attacker on D, else 0.0."""
    rivalries = [(a, b, spells) for (a, b, kind), spells in inp.ties.items() if kind == "rivalry"]
    out: list[float] = []
    day: tuple | None = None
    for p, t, atts, d in zip(meta["partner"], meta["target"], meta["attackers"], meta["date"]):
        d = pd.Timestamp(d).date()
        if day is None or day[0] != d:
            allies: dict[str, set[str]] = {}
            for (g, r), obs in inp.obligations_on(d).items():
                if "defense" in obs:
                    allies.setdefault(g, set()).add(r)
                    allies.setdefault(r, set()).add(g)
            day = (d, allies, _rivals_on(rivalries, d))
        _, allies, rivals = day
        foes = set().union(*(rivals.get(a, set()) for a in atts.split(";")))
        out.append(float(bool((allies.get(p, set()) - {t, p}) & foes)))
    return np.asarray(out, dtype=float)


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
    x = ally_rival_of_attacker(feature_inputs(store), meta)
    pack = (meta["origin"] == "pack").to_numpy()
    level = lo[pack]
    print(f"training set: {len(meta)} rows, {meta['crisis_id'].nunique()} crises before 2020; feature built in "
          f"{time.perf_counter() - t0:.0f} s; share 1: {x.mean():.3f} (pack rows {x[pack].mean():.3f}); "
          f"corr with the pack's level {np.corrcoef(x[pack], level)[0, 1]:+.3f}")
    with_it = X.assign(ally_rival_of_attacker=x)
    runs = {"without": (X, None), "with it (+)": (with_it, "+"), "with it, sign free": (with_it, "?")}
    print_variants("ally_rival_of_attacker", runs, lo, hi, meta, width=22)

if __name__ == "__main__":
    main()
