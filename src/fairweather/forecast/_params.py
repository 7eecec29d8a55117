"""Fitted parameters as JSON: written by ``fairweather model fit``, read by every forecast.

The file records the pack hash the parameters came from, the feature list, the
standardization, the posterior mode and its Laplace covariance, the seed and
the fit date, so a forecast needs no refit. ``fit_params`` is the single way
to produce it: same pack, same settings and same ``fit_date`` give the same
bytes (floats are written with 12 significant digits). ``fit_date`` defaults
to ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else today.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from fairweather._atomic import atomic_file
from fairweather.errors import ModelError, StaleParamsWarning
from fairweather.forecast._constraints import registry_model
from fairweather.forecast._model import SupportModel

__all__ = ["PARAMS_PATH", "load_model", "fit_params", "model_to_dict", "model_from_dict", "check_pack_hash"]

FORMAT = "fairweather.support_model/1"


def _default_path() -> Path:
    return Path(str(resources.files("fairweather.forecast") / "params" / "support_model.json"))


PARAMS_PATH = _default_path()


def _r(x: Any) -> Any:
    if isinstance(x, np.ndarray):
        return [_r(v) for v in x.tolist()]
    if isinstance(x, list):
        return [_r(v) for v in x]
    if isinstance(x, float):
        return float(f"{x:.12g}")
    return x


def model_to_dict(model: SupportModel, meta: dict[str, Any]) -> dict[str, Any]:
    """The JSON-ready record of a fitted model plus ``meta`` (pack hash, training span, fit date)."""
    model._check_fitted()
    return {
        "format": FORMAT,
        "model": "ordered_logit",
        **meta,
        "hyperparameters": {k: _r(v) for k, v in model.get_params().items()},
        "features": [str(f) for f in model.feature_names_in_],
        "mean": _r(model.mean_),
        "scale": _r(model.scale_),
        "coef": _r(model.coef_),
        "intercept": 0.0,
        "cutpoints": _r(model.cutpoints_),
        "theta": _r(model.theta_),
        "theta_cov": _r(model.cov_),
        "loglike": _r(model.loglike_),
        "n_iter": model.n_iter_,
        "converged": model.converged_,
        "nobs": model.nobs_,
        "level_counts": [int(c) for c in model.level_counts_],
        "bounds": [[lo, hi] for lo, hi in getattr(model, "bounds_", [])],
    }


def model_from_dict(d: dict[str, Any]) -> Any:
    """A fitted :class:`SupportModel` (or :class:`~fairweather.forecast._stacked.StackedSupportModel`) from its JSON record."""
    if d.get("format") != FORMAT:
        raise ModelError(f"Unknown parameter file format {d.get('format')!r}; expected {FORMAT!r}. Refit with `fairweather model fit`.")
    if d.get("model") == "stacked_ordered_logit":
        from fairweather.forecast._stacked import StackedSupportModel

        return StackedSupportModel.from_dict(d)
    hp = dict(d["hyperparameters"])
    if hp.pop("sign_constraints", False):  # files written before monotonic_cst: the registry's signs
        from fairweather.features.registry import monotonic_cst

        hp["monotonic_cst"] = monotonic_cst(d["features"])
    m = SupportModel(**hp)
    m.feature_names_in_ = np.asarray(d["features"], dtype=object)
    m.n_features_in_ = len(d["features"])
    m.mean_ = np.asarray(d["mean"], dtype=float)
    m.scale_ = np.asarray(d["scale"], dtype=float)
    m.coef_ = np.asarray(d["coef"], dtype=float)
    m.intercept_ = float(d["intercept"])
    m.theta_ = np.asarray(d["theta"], dtype=float)
    # The cutpoints are recomputed from theta so that draws and point estimates agree exactly.
    from fairweather.forecast._ologit import _cuts

    m.cutpoints_ = _cuts(m.theta_[m.n_features_in_:])
    m.cov_ = np.asarray(d["theta_cov"], dtype=float)
    m.loglike_ = float(d["loglike"])
    m.n_iter_ = int(d["n_iter"])
    m.converged_ = bool(d["converged"])
    m.nobs_ = int(d["nobs"])
    m.level_counts_ = np.asarray(d["level_counts"], dtype=int)
    m.bounds_ = [tuple(b) for b in d.get("bounds", [])]
    m.meta_ = {k: d[k] for k in ("pack_hash", "fit_date", "training", "alpha_selection") if k in d}
    return m


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> SupportModel:
    with open(path, encoding="utf-8") as fh:
        return model_from_dict(json.load(fh))


def load_model(path: Path | str | None = None) -> SupportModel:
    """The shipped fitted model (or the one at ``path``); cached, no refit.

    Raises
    ------
    ModelError
        If there is no parameter file yet: run ``fairweather model fit``.
    """
    p = Path(path) if path is not None else PARAMS_PATH
    if not p.is_file():
        raise ModelError(f"No fitted parameters at {p}. Run `fairweather model fit` to fit and write them.")
    return _load_cached(str(p), p.stat().st_mtime)


_WARNED: set[tuple[str, str]] = set()


def check_pack_hash(model: SupportModel, pack_hash: str) -> None:
    """Warn once per (params, pack) pair when the model was fitted on another pack."""
    fitted = getattr(model, "meta_", {}).get("pack_hash")
    if fitted is None or fitted == pack_hash:
        return
    key = (fitted, pack_hash)
    if key in _WARNED:
        return
    _WARNED.add(key)
    warnings.warn(
        f"The model parameters were fitted on pack {fitted[:12]} but the store holds pack {pack_hash[:12]}; "
        "forecasts still run with the shipped parameters. Run `fairweather model fit` to refit on this pack.",
        StaleParamsWarning, stacklevel=3,
    )


def _fit_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def check_out(out: Path | str | None) -> Path:
    """``out`` as a path; an error when it is None. The library never writes into the installed package by
    default (``fairweather model fit`` chooses the checkout's ``params`` folder when it runs from one)."""
    if out is None:
        from fairweather.errors import OutputFileError

        raise OutputFileError("Give the parameter file to write (out=PATH): the parameters are never written into "
                              f"the installed package by default (the shipped file is {PARAMS_PATH}).")
    return Path(out)


def write_params(record: dict[str, Any], out: Path | str) -> Path:
    """Write a parameter record as JSON to ``out`` (no default: :func:`check_out`), atomically."""
    path = check_out(out)
    text = json.dumps(record, indent=1, sort_keys=False) + "\n"
    with atomic_file(path) as fh:  # the shipped file is read by everyone: atomic_file leaves it 0644
        fh.write(text)
    _load_cached.cache_clear()
    return path


def fit_params(store: Any, out: Path | str, *, alpha: float | str = "auto", seed: int = 20250613,
               fit_date: str | None = None) -> tuple[SupportModel, Path]:
    """Fit the model on every crisis before 2020-01-01 and write the parameter file ``out`` atomically.

    ``alpha="auto"`` chooses the prior precision by rolling-origin ranked probability score on
    the pre-2020 crises only (:func:`~fairweather.forecast._backtest.select_alpha`); the 2020+
    evaluation crises play no part. Returns the fitted model and the path written.
    """
    from fairweather.split import EVALUATION_START
    from fairweather.features import training_table
    from fairweather.forecast._backtest import select_alpha

    check_out(out)
    X, y, meta = training_table(store, before=EVALUATION_START)
    if len(y) == 0:
        raise ModelError("The pack has no responses in crises before 2020-01-01: nothing to fit on.")
    selection = None
    if alpha == "auto":
        alpha, table = select_alpha(X, y, meta, seed=seed)
        selection = {"method": "rolling-origin RPS on crises before 2020-01-01",
                     "grid": [{"alpha": _r(float(a)), "rps": _r(float(r))} for a, r in zip(table["alpha"], table["rps"])]}
    model = registry_model(X, alpha=float(alpha), seed=seed).fit(X, y)
    info = {
        "pack_hash": store.pack_hash,
        "fit_date": fit_date or _fit_date(),
        "training": {
            "before": EVALUATION_START.isoformat(),
            "n_rows": int(len(y)),
            "n_crises": int(meta["crisis_id"].nunique()),
            "first_crisis": str(min(meta["date"])),
            "last_crisis": str(max(meta["date"])),
        },
        "alpha_selection": selection,
    }
    path = write_params(model_to_dict(model, info), out)
    _load_cached.cache_clear()
    model.meta_ = info
    return model, path
