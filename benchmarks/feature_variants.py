"""Pre-2020 rolling-origin scores of the history model under variants of its features (the past record, alliances).

``past_help_target`` was ``log(1 + helps)``: the number of earlier crises in which the partner gave the
target material help. It is now the shrunk share ``helps / (the target's earlier crises + 2)``
(:func:`fairweather.features.record.record_share`), so that one earlier crisis cannot dominate. Both are
built as of each crisis date from the same training set (the new one by the package, the old one here, from
the same help lookup); everything else (the choice of priors and family, the folds, the baselines) is
:func:`fairweather.forecast._history.choose_family`'s, on crises before 2020 only. Nothing is written:
the shipped parameters are never touched. Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/feature_variants.py            # the shipped history layer
    PYTHONPATH=src .venv/bin/python benchmarks/feature_variants.py --layer /tmp/layer   # a layer built there

Three more rows measure a candidate history feature that the model does not carry, ``closer_in_alliances``
(issue 10, item 3): the partner's alliance-portfolio similarity to the target minus its mean similarity to the
state attackers, Signorino & Ritter's S (1999, eq. 4: unweighted, absolute distances; ties coded defence or
offence 3, neutrality or non-aggression 2, consultation or partnership 1, none 0, each state 3 with itself)
over every state of the system on D, from the commitments in force on D; NaN (imputed with the training mean)
when the partner, the target or every attacker has no alliance on D. It is computed here
(:func:`alliance_closeness`; it equals the package-side definition tried on the branch to 4e-16) and the
model is fitted without it, with it under its expected sign (+, as the registry would give it) and with its
sign free. Measured 2026-12-03 on the shipped layer: with the sign, no change at all (RPS 0.1240, Brier skill
31.0% and 34.5%, AUC 0.768 and 0.852 both ways; the fitted coefficient is exactly 0: on the pack's rows the
feature correlates -0.06 with the level); sign free, RPS 0.1239, skill 31.0% and 34.6%, AUC 0.769 and 0.855.
Neither passes the rule fixed beforehand (RPS better by 0.001, no Brier skill lower), so the model does not
carry it.

Prints, for each variant, the chosen family's rolling-origin RPS on the pack's pre-2020 crises, the
Brier skill against the pre-2020 base rate for level >= 3 and >= 4, and the AUC of both.
"""

from __future__ import annotations

import argparse
import contextlib
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


def _portfolios(inp, d) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Every allied state's S&R levels on ``d`` (``{state: {ally: 1..3}}``, strongest obligation either way)
    and the dimensions (the system's states on ``d`` and every allied state), sorted."""
    from fairweather.metrics.portfolio import alliance_level

    ties: dict[str, dict[str, int]] = {}
    for (g, r), obs in inp.obligations_on(d).items():
        lvl = alliance_level(obs)
        if lvl > ties.get(g, {}).get(r, 0):
            ties.setdefault(g, {})[r] = lvl
            ties.setdefault(r, {})[g] = lvl
    dims = sorted({*(s for s in inp.states if inp.in_system(s, d)), *ties})
    return ties, dims


def alliance_closeness(inp, meta: pd.DataFrame) -> np.ndarray:
    """``S(P, T) - mean over state attackers A of S(P, A)`` of alliance portfolios on D, for every row of ``meta``."""
    from fairweather.metrics.portfolio import s_score

    out: list[float] = []
    day: tuple | None = None
    for p, t, atts, d in zip(meta["partner"], meta["target"], meta["attackers"], meta["date"]):
        d = pd.Timestamp(d).date()
        if day is None or day[0] != d:
            ties, dims = _portfolios(inp, d)
            day = (d, ties, dims, {})
        _, ties, dims, vectors = day

        def vector(s: str) -> list[int]:
            if s not in vectors:
                vectors[s] = [3 if c == s else ties[s].get(c, 0) for c in dims]
            return vectors[s]

        allied = [a for a in atts.split(";") if a in inp.states and a in ties]
        if p not in ties or t not in ties or not allied:
            out.append(math.nan)
            continue
        x = vector(p)
        out.append(s_score(x, vector(t)) - float(np.mean([s_score(x, vector(a)) for a in allied])))
    return np.asarray(out, dtype=float)


@contextlib.contextmanager
def registered_sign(name: str, sign: str):
    """The registry gives ``name`` the expected ``sign`` (so the fits constrain its coefficient) while inside."""
    from fairweather.features.registry import HISTORY_FEATURES, Feature

    HISTORY_FEATURES[name] = Feature(name, "stake", name, "benchmark only", "train_mean", sign)
    try:
        yield
    finally:
        del HISTORY_FEATURES[name]


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


def print_variants(feature: str, runs: dict, lo: np.ndarray, hi: np.ndarray, meta: pd.DataFrame, width: int) -> None:
    """One line of :func:`rolling_scores` per variant ``name -> (X, sign of feature or None)``, under a header."""
    print(f"{'variant':{width}s} {'family':26s} {'n':>4s} {'RPS':>7s} {'Brier skill>=3':>15s} "
          f"{'>=4':>6s} {'AUC>=3':>7s} {'AUC>=4':>7s}")
    for name, (Xv, sign) in runs.items():
        with registered_sign(feature, sign) if sign else contextlib.nullcontext():
            r = rolling_scores(Xv, lo, hi, meta)
        print(f"{name:{width}s} {r['family']:26s} {r['n']:4d} {r['rps']:7.4f} {r['skill_ge3']:15.1%} {r['skill_ge4']:6.1%} "
              f"{r['auc_ge3']:7.3f} {r['auc_ge4']:7.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", type=Path, default=None, help="a history layer folder (default: the shipped one)")
    ap.add_argument("--alliances-only", action="store_true", help="only the rows without and with closer_in_alliances")
    args = ap.parse_args()

    from fairweather.features import feature_inputs
    from fairweather.features.history import history_training_set
    from fairweather.store import Store

    t0 = time.perf_counter()
    store = Store.open(history=args.layer if args.layer is not None else True)
    X, lo, hi, meta = history_training_set(store)
    variants = {"log(1 + helps) (former)": X.assign(past_help_target=old_record(feature_inputs(store), meta)),
                "helps / (crises + 2) (new)": X}
    with_alliances = X.assign(closer_in_alliances=alliance_closeness(feature_inputs(store), meta))
    alliances = {"without closer_in_alliances": (X, None), "with closer_in_alliances (+)": (with_alliances, "+"),
                 "with it, sign free": (with_alliances, "?")}
    runs = {**({} if args.alliances_only else {k: (v, None) for k, v in variants.items()}), **alliances}
    print(f"training set: {len(meta)} rows, {meta['crisis_id'].nunique()} crises before 2020 "
          f"({time.perf_counter() - t0:.0f} s)")
    print_variants("closer_in_alliances", runs, lo, hi, meta, width=30)


if __name__ == "__main__":
    main()
