"""fairweather: will they come when called?

Alliance cohesion metrics and calibrated forecasts of crisis support, built on a
curated, dated and sourced data pack loaded into an embedded DuckDB store.

The public API is imported lazily so that ``import fairweather`` and the
command line stay fast:

>>> import fairweather as fw
>>> fw.to_iso3("Tehran")
'IRN'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # country identity
    "to_iso3": "fairweather.codes",
    "lookup": "fairweather.codes",
    # data pack and store
    "Store": "fairweather.store",
    "Obligations": "fairweather.store",
    "Crisis": "fairweather.store",
    "validate_pack": "fairweather.pack",
    "embedded_pack_path": "fairweather.pack",
    "SUPPORT_LEVELS": "fairweather.pack",
    "state_profile": "fairweather.catalog",
    "pack_summary": "fairweather.catalog",
    "export_tables": "fairweather.catalog",
    # errors
    "FairweatherError": "fairweather.errors",
    "FairweatherWarning": "fairweather.errors",
    "UnknownStateError": "fairweather.errors",
    "PackValidationError": "fairweather.errors",
}

_OPTIONAL: dict[str, str] = {
    # forecasts
    "Scenario": "fairweather.forecast",
    "forecast": "fairweather.forecast",
    "backtest": "fairweather.forecast",
    "SupportModel": "fairweather.forecast",
    "load_model": "fairweather.forecast",
    # cohesion
    "cohesion": "fairweather.metrics",
    "bloc_network": "fairweather.metrics",
}


def _available() -> dict[str, str]:
    out = dict(_EXPORTS)
    for name, mod in _OPTIONAL.items():
        spec = importlib.util.find_spec(mod)
        if spec is not None and spec.origin not in (None, "namespace"):  # a real package, not a bare folder
            out[name] = mod
    return out


import importlib.util  # noqa: E402

__all__ = sorted(_available())


def __getattr__(name: str) -> Any:
    mod = _available().get(name)
    if mod is None:
        raise AttributeError(f"module 'fairweather' has no attribute {name!r}")
    value = getattr(importlib.import_module(mod), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
