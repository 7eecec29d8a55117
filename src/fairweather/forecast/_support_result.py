"""The statsmodels-style results of a fitted :class:`~fairweather.forecast._model.SupportModel`."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from fairweather.forecast._levels import N_LEVELS
from fairweather.results import Result, Summary

if TYPE_CHECKING:  # pragma: no cover
    from fairweather.forecast._model import SupportModel

__all__ = ["SupportResult"]

class SupportResult(Result):
    """statsmodels-style results of a fitted :class:`SupportModel`: ``params``, ``bse``, ``conf_int()``, ``summary()``.

    Coefficients are on the standardized scale (per training standard deviation);
    standard errors are from the Laplace approximation of the posterior.
    """

    def __init__(self, model: SupportModel, info: dict[str, str] | None = None) -> None:
        self.model = model
        self.info = dict(info or {})
        p = model.n_features_in_
        names = [str(n) for n in model.feature_names_in_] + [f"cut {k}|{k + 1}" for k in range(N_LEVELS - 1)]
        self.params = pd.Series(np.concatenate([model.coef_, model.cutpoints_]), index=names, name="params")
        J = np.zeros((N_LEVELS - 1, N_LEVELS - 1))
        tc = model.theta_[p:]
        J[:, 0] = 1.0
        for k in range(1, N_LEVELS - 1):
            J[k, 1:k + 1] = np.exp(tc[1:k + 1])
        cov = model.cov_
        cov_c = J @ cov[p:, p:] @ J.T
        var = np.concatenate([np.diag(cov)[:p], np.diag(cov_c)])
        self.bse = pd.Series(np.sqrt(np.maximum(var, 0.0)), index=names, name="bse")
        self.nobs = model.nobs_
        self.llf = model.loglike_

    @property
    def tvalues(self) -> pd.Series:
        return (self.params / self.bse).rename("z")

    @property
    def pvalues(self) -> pd.Series:
        return self.tvalues.abs().map(lambda z: math.erfc(z / math.sqrt(2))).rename("pvalues")

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Normal (Laplace) intervals of the parameters at level ``1 - alpha``."""
        from statistics import NormalDist

        z = NormalDist().inv_cdf(1 - alpha / 2)
        return pd.DataFrame({"lower": self.params - z * self.bse, "upper": self.params + z * self.bse})

    def to_frame(self) -> pd.DataFrame:
        """One row per parameter: ``coef``, ``std err``, ``z``, ``P>|z|`` and the 95% interval (the summary's table)."""
        ci = self.conf_int()
        return pd.DataFrame({"coef": self.params, "std err": self.bse, "z": self.tvalues, "P>|z|": self.pvalues,
                             "[0.025": ci["lower"], "0.975]": ci["upper"]})

    def summary(self) -> Summary:
        m = self.model
        table = self.to_frame()
        info = [("Model", "ordered logit"), ("Prior", f"N(0, 1/{m.alpha:g})"), ("Observations", str(self.nobs)),
                ("Log-likelihood", f"{self.llf:.2f}"), ("Converged", str(m.converged_)), ("Iterations", str(m.n_iter_)),
                ("Levels 0..5", " ".join(str(int(c)) for c in m.level_counts_)), ("Seed", str(m.seed))]
        if getattr(m, "n_censored_", 0):
            info.append(("Censored rows", str(m.n_censored_)))
        bounds = getattr(m, "bounds_", None) or []
        if any(b != (None, None) for b in bounds):
            at = sum(1 for (lo, hi), c in zip(bounds, m.coef_) if (lo == 0.0 or hi == 0.0) and abs(c) < 1e-9)
            info.append(("Coefs at sign bound", str(at)))
        info += list(self.info.items())
        return Summary("Support level: ordered logit (standardized coefficients)", info, table)
