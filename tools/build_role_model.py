"""Build ``src/fairweather/text/data/role_model.json``: the weights of the learned source/target choice.

Fitted on the DEVELOPMENT halves only (the split of ``benchmarks/coder_accuracy.py``: the first byte of a
record's SHA-256 even) of the PLOVER gold-standard sentences and the NGEC headlines in
``../shared/data/events/plover/``; the held-out halves are never read here. Each sentence gives one decision
per side: the candidates the coder sees for its first event's trigger (:func:`fairweather.text._coder.decisions`,
:func:`fairweather.text._rolemodel.candidates`) and which of them are right (a candidate is right where its state
is one of the gold's; where the gold names no state, any candidate without one, "no actor" included).

The two settings, the L2 penalty and how much more a PLOVER sentence counts than a headline (there are thirteen
headlines to one PLOVER sentence, and the headlines are templates), are chosen by five-fold cross-validation
within the development half (folds by the second byte of the SHA-256), on the PLOVER folds' actor accuracy (the
benchmark's reciprocal figure, the whole coder run with each fold's weights). The file records the grid, each
setting's cross-validated scores and those of the hand rules on the same folds (which were written reading
these very sentences, so theirs is no estimate of anything). The weights are rounded to four decimals; the
output is the same bytes on every run.

Run from the repository root::

    PYTHONPATH=src python tools/build_role_model.py            # fit, cross-validate, write the file
    PYTHONPATH=src python tools/build_role_model.py --check    # refit and compare with the shipped file
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from coder_accuracy import ngec_gold, plover_gold, score, shared_plover_dir  # noqa: E402

from fairweather.text import _rolemodel, code_text  # noqa: E402
from fairweather.text._coder import decisions  # noqa: E402

OUT = ROOT / "src" / "fairweather" / "text" / "data" / "role_model.json"
GRID_L2 = (1.0, 3.0, 10.0, 30.0)
GRID_PLOVER_WEIGHT = (1.0, 4.0, 16.0)
FOLDS = 5

Group = tuple[list[list[str]], list[bool], float]


def fold_of(key: str) -> int:
    return hashlib.sha256(key.encode()).digest()[1] % FOLDS


def _right(c: _rolemodel.Candidate | None, gold: set) -> bool:
    m = c.mention if c is not None else None
    return (m.iso3 if m is not None else None) in gold


def examples(gold: list[dict], weight: float) -> list[dict]:
    """Per sentence whose first event's roles the model picks (no construction of the rules decides them):
    its tokens, candidates, scene and the candidates in play, as the coder asks the model, and the gold sides."""
    blank: dict[str, dict[str, float]] = {"source": {}, "target": {}}
    out = []
    for g in gold:
        first = next(iter(decisions(g["text"])), None)
        if first is None:
            continue
        main = first[4]
        with _rolemodel.using(blank), _rolemodel.recording() as asked:
            code_text(g["text"])
        # the model's decision for the first event, if it was asked (its trigger's tokens, in that sentence)
        mine = next((a for a in asked if a[2].first == main.first and a[2].last == main.last
                     and a[0] == first[1]), None)
        if mine is None:
            continue
        tokens, cands, hit, scene, src_opts, tgt_opts = mine
        out.append({"tokens": tokens, "cands": cands, "hit": hit, "scene": scene, "src_opts": src_opts,
                    "tgt_opts": tgt_opts, "source": g["source"], "target": g["target"], "weight": weight})
    return out


def _source_groups(ex: list[dict]) -> list[Group]:
    groups = []
    for e in ex:
        if e["source"] is None:
            continue
        opts = e["src_opts"]
        feats = [_rolemodel.source_features(e["tokens"], e["cands"], k, e["hit"], e["scene"]) for k in opts]
        right = [_right(e["cands"][k] if k >= 0 else None, e["source"]) for k in opts]
        if any(right):
            groups.append((feats, right, e["weight"]))
    return groups


def _pick(table: dict[str, float], feats: list[list[str]]) -> int:
    scores = [sum(table.get(f, 0.0) for f in fs) for fs in feats]
    return max(range(len(scores)), key=scores.__getitem__)


def _target_groups(ex: list[dict], source_w: dict[str, float]) -> list[Group]:
    groups = []
    for e in ex:
        if e["target"] is None:
            continue
        src_opts, opts = e["src_opts"], e["tgt_opts"]
        src_feats = [_rolemodel.source_features(e["tokens"], e["cands"], k, e["hit"], e["scene"]) for k in src_opts]
        s = src_opts[_pick(source_w, src_feats)]
        feats = [_rolemodel.target_features(e["tokens"], e["cands"], k, e["hit"], e["scene"], s) for k in opts]
        right = [_right(e["cands"][k] if k >= 0 else None, e["target"]) for k in opts]
        if any(right):
            groups.append((feats, right, e["weight"]))
    return groups


def fit(groups: list[Group], l2: float) -> dict[str, float]:
    """A conditional logit over each group's candidates, maximizing the weighted log-probability of the right
    ones with an L2 penalty (L-BFGS); the weights rounded to four decimals, the zeros left out."""
    vocab: dict[str, int] = {}
    rows, cols, right, gid, gw = [], [], [], [], []
    r = 0
    for g, (feats, ok, w) in enumerate(groups):
        for fs, good in zip(feats, ok):
            for f in fs:
                rows.append(r)
                cols.append(vocab.setdefault(f, len(vocab)))
            right.append(good)
            gid.append(g)
            r += 1
        gw.append(w)
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(vocab)))
    ok_ = np.array(right, dtype=float)
    gid_ = np.array(gid)
    starts = np.flatnonzero(np.r_[True, gid_[1:] != gid_[:-1]])
    wg = np.array(gw)

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        s = X @ theta
        m = np.maximum.reduceat(s, starts)
        e = np.exp(s - m[gid_])
        z = np.add.reduceat(e, starts)
        zc = np.add.reduceat(e * ok_, starts)
        loss = -float(np.sum(wg * (np.log(zc) - np.log(z)))) + 0.5 * l2 * float(theta @ theta)
        p = e / z[gid_]
        q = e * ok_ / zc[gid_]
        return loss, X.T @ ((p - q) * wg[gid_]) + l2 * theta

    res = minimize(objective, np.zeros(len(vocab)), jac=True, method="L-BFGS-B",
                   options={"maxiter": 2000, "gtol": 1e-7})
    names = sorted(vocab, key=vocab.__getitem__)
    out = {n: round(float(res.x[vocab[n]]), 4) for n in names}
    return {n: v for n, v in sorted(out.items()) if v != 0.0}


def fit_model(ex: list[dict], l2: float) -> dict[str, dict[str, float]]:
    source = fit(_source_groups(ex), l2)
    return {"source": source, "target": fit(_target_groups(ex, source), l2)}


def _score(gold: list[dict], w: dict | None) -> dict[str, float]:
    with _rolemodel.using(w):
        res = score(gold)
    return {k: res[k] for k in ("actors", "source", "target", "actors_strict")}


def cross_validate(plover: list[dict], ngec: list[dict], l2: float, pw: float | None) -> dict[str, float]:
    """Micro-averaged fold scores: actor hits over actor slots of the PLOVER and of the NGEC folds."""
    hits = {"plover": [0.0, 0], "ngec": [0.0, 0]}
    for k in range(FOLDS):
        p_test = [g for g in plover if fold_of(g["id"]) == k]
        n_test = [g for g in ngec if fold_of(g["id"]) == k]
        if pw is None:
            w = None  # the hand rules
        else:
            train = examples([g for g in plover if fold_of(g["id"]) != k], pw) + \
                examples([g for g in ngec if fold_of(g["id"]) != k], 1.0)
            w = fit_model(train, l2)
        for name, test in (("plover", p_test), ("ngec", n_test)):
            slots = sum((g["source"] is not None) + (g["target"] is not None) for g in test)
            hits[name][0] += _score(test, w)["actors"] * slots
            hits[name][1] += slots
    return {f"{name}_actors": round(h / n, 4) for name, (h, n) in hits.items()}


def build(folder: Path) -> dict:
    plover, ngec = plover_gold(folder, "dev"), ngec_gold(folder, "dev")
    grid = []
    for l2 in GRID_L2:
        for pw in GRID_PLOVER_WEIGHT:
            cv = cross_validate(plover, ngec, l2, pw)
            grid.append({"l2": l2, "plover_weight": pw, **cv})
            print(f"l2 {l2:<4} plover weight {pw:<5} CV actors: PLOVER {cv['plover_actors']:.3f}  "
                  f"NGEC {cv['ngec_actors']:.3f}", file=sys.stderr)
    best = max(grid, key=lambda g: (g["plover_actors"], g["ngec_actors"], -g["l2"]))
    rules = cross_validate(plover, ngec, 0.0, None)
    ex = examples(plover, best["plover_weight"]) + examples(ngec, 1.0)
    return {
        "about": "Weights of fairweather.text._rolemodel, written by tools/build_role_model.py; fitted on the "
                 "development halves (sha256(id)[0] even) of the PLOVER gold sentences and NGEC headlines only.",
        "data": {"plover": "plover_gsr_cameo_examples.jsonl", "ngec": "ngec_synthetic_stories_2023-10-19.csv.gz",
                 "plover_sentences": len(plover), "ngec_headlines": len(ngec)},
        "chosen": {"l2": best["l2"], "plover_weight": best["plover_weight"]},
        "cross_validation": {"folds": FOLDS, "grid": grid,
                             "hand_rules_on_the_same_folds (tuned on them: no estimate)": rules},
        "weights": fit_model(ex, best["l2"]),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="refit and compare with the shipped file")
    args = ap.parse_args(argv)
    folder = shared_plover_dir()
    if folder is None:
        print("../shared/data/events/plover is absent (set FAIRWEATHER_SHARED_DATA)", file=sys.stderr)
        return 1
    text = json.dumps(build(folder), indent=1, sort_keys=True) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("role_model.json reproduces" if same else "role_model.json differs from a refit")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
