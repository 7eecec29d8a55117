"""The library's fits: a :class:`SupportModel` constrained to the signs theory expects for its features.

The estimator takes monotone constraints as a hyperparameter (``monotonic_cst``, as scikit-learn's
estimators do); this is where the library's own fits get them, from the feature registry
(:func:`fairweather.features.registry.monotonic_cst`). A template's own ``monotonic_cst`` is kept.
"""

from __future__ import annotations

from typing import Any

from fairweather.features.registry import monotonic_cst
from fairweather.forecast._model import SupportModel

__all__ = ["registry_model"]


def registry_model(X: Any, **params: Any) -> SupportModel:
    """``SupportModel(**params)`` with ``monotonic_cst`` from the registry for ``X``'s columns unless given."""
    if params.get("monotonic_cst") is None:
        params["monotonic_cst"] = monotonic_cst(list(X.columns)) if hasattr(X, "columns") else None
    return SupportModel(**params)
