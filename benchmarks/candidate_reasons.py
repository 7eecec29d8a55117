"""Pre-2020 capture and training rows of the candidate rule, with and without each of its newer reasons.

Capture (:func:`fairweather.features.ranking.candidate_capture`): the share of the helpers the datasets
record in crises before 2020 (COW MID side-B joiners, UCDP ESD supporters; not those siding with the
attacker) that the rule's top 15 include. Training rows: the rows of the history training set (crises
before 2020), which grows when a dataset crisis had fewer than 15 candidates. Only pre-2020 crises are read.
Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/candidate_reasons.py            # the shipped history layer
    PYTHONPATH=src .venv/bin/python benchmarks/candidate_reasons.py --layer /tmp/layer --weight 2
    PYTHONPATH=src .venv/bin/python benchmarks/candidate_reasons.py --scores   # also the model's rolling origin

``--scores`` also prints, for "neither" and "both", the history model's pre-2020 rolling-origin scores on
that training set (``benchmarks/feature_variants.py``'s ``rolling_scores``; nothing is written).
Each configuration sets the weights of the reasons examined (``--weight``, or the shipped weight) and leaves
the others as shipped; a reason left out is not a reason (:func:`~fairweather.features.ranking.rank_candidates`).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from unittest import mock

NEW = ("adversary of an attacker", "helped the target recently")


def configurations(weight: int | None) -> dict[str, dict[str, int]]:
    """Name -> weights of the new reasons in it (the others as shipped)."""
    from fairweather.features.ranking import CANDIDATE_WEIGHTS

    w = {r: (weight if weight is not None else CANDIDATE_WEIGHTS.get(r, 1)) for r in NEW}
    return {"neither": {}, **{f"+ {r}": {r: w[r]} for r in NEW}, "both": dict(w)}


def _weights(extra: dict[str, int]) -> dict[str, int]:
    from fairweather.features.ranking import CANDIDATE_WEIGHTS

    return {r: v for r, v in CANDIDATE_WEIGHTS.items() if r not in NEW} | extra


def measure(store, extra: dict[str, int]) -> tuple[int, int, int, int]:
    """``(included, recorded, ceiling, training rows)`` under the shipped weights less :data:`NEW`, plus ``extra``."""
    from fairweather.features import ranking
    from fairweather.features.history import history_training_set

    with mock.patch.dict(ranking.CANDIDATE_WEIGHTS, _weights(extra), clear=True):
        hit, n, ceiling = ranking.candidate_capture(store)
        _, _, _, meta = history_training_set(store)
    return hit, n, ceiling, len(meta)


def model_scores(store, extra: dict[str, int]) -> dict:
    """The history model's pre-2020 rolling-origin scores when the training set's candidates follow these weights."""
    import sys

    from fairweather.features import ranking
    from fairweather.features.history import history_training_set

    sys.path.insert(0, str(Path(__file__).parent))
    from feature_variants import rolling_scores

    with mock.patch.dict(ranking.CANDIDATE_WEIGHTS, _weights(extra), clear=True):
        X, lo, hi, meta = history_training_set(store)
    return rolling_scores(X, lo, hi, meta)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", type=Path, default=None, help="a history layer folder (default: the shipped one)")
    ap.add_argument("--weight", type=int, default=None, help="weight of the new reasons (default: the shipped one)")
    ap.add_argument("--scores", action="store_true", help="also the model's rolling-origin scores (about 3 minutes)")
    args = ap.parse_args()

    from fairweather.store import Store

    store = Store.open(history=args.layer if args.layer is not None else True)
    print(f"{'candidate reasons':40s} {'capture':>8s} {'included':>9s} {'helpers':>8s} {'ceiling':>8s} {'rows':>7s} {'s':>4s}")
    for name, extra in configurations(args.weight).items():
        t0 = time.perf_counter()
        hit, n, ceiling, rows = measure(store, extra)
        label = f"{name} ({', '.join(f'{v}' for v in extra.values())})" if extra else name
        print(f"{label:40s} {hit / n:8.1%} {hit:9d} {n:8d} {ceiling / n:8.1%} {rows:7d} {time.perf_counter() - t0:4.0f}")
    if args.scores:
        print("history model, pre-2020 rolling origin (pack rows):")
        for name in ("neither", "both"):
            r = model_scores(store, configurations(args.weight)[name])
            print(f"  {name:8s} {r['family']:26s} RPS {r['rps']:.4f}  Brier skill >=3 {r['skill_ge3']:.1%}, "
                  f">=4 {r['skill_ge4']:.1%}  AUC {r['auc_ge3']:.3f} / {r['auc_ge4']:.3f}")


if __name__ == "__main__":
    main()
