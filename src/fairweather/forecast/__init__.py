"""Forecast crisis support: which partners help an attacked state, with what, and why.

An ordered logit of the support level (0-5) with a Gaussian prior, fitted on
crises that began before 2020-01-01 only; the fitted parameters ship as JSON
(``params/support_model.json``) and ``fairweather model fit`` is the one way to
rewrite them. Beside the model: baselines (base rate, treaty rule), an honest
backtest, what-ifs and batch scoring.

>>> from fairweather.forecast import Scenario, forecast           # doctest: +SKIP
>>> result = forecast(Scenario("IRN", ("ISR", "USA"), "2025-06-13"))  # doctest: +SKIP
>>> result.to_frame()[["partner", "p_ge_3", "expected_level"]]   # doctest: +SKIP
"""

from __future__ import annotations

from fairweather.forecast._backtest import METRICS, BacktestResult, backtest
from fairweather.forecast._history import (HistoryBacktestResult, censored_log_loss, choose_family,
                                           fit_history_params, history_backtest)
from fairweather.forecast._stacked import StackedSupportModel
from fairweather.forecast._baselines import BaseRate, TreatyRule, make_baselines
from fairweather.forecast._model import SupportModel, SupportResult
from fairweather.forecast._params import PARAMS_PATH, fit_params, load_model
from fairweather.forecast._predict import predict_cases
from fairweather.forecast._scenario import ForecastResult, Scenario, forecast

__all__ = [
    "Scenario",
    "forecast",
    "ForecastResult",
    "SupportModel",
    "SupportResult",
    "load_model",
    "fit_params",
    "PARAMS_PATH",
    "backtest",
    "BacktestResult",
    "METRICS",
    "predict_cases",
    "BaseRate",
    "TreatyRule",
    "make_baselines",
    "history_backtest",
    "HistoryBacktestResult",
    "censored_log_loss",
    "fit_history_params",
    "StackedSupportModel",
    "choose_family",
]

