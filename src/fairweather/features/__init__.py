"""Partner x crisis features, built as of the crisis date from the store.

The package's parts, lowest first:

- :mod:`~fairweather.features.registry`: one entry per feature (definition, missing rule, sign);
- :mod:`~fairweather.features.whatif`: the what-if grammar and its parser;
- :mod:`~fairweather.features.inputs`: a store's as-of snapshot plus a what-if overlay, cached per store;
- :mod:`~fairweather.features.candidates`: the pack's candidate partners, and the coverage check;
- :mod:`~fairweather.features.table`: feature rows as of a date, and the pack's training table.

>>> from fairweather.store import Store                          # doctest: +SKIP
>>> X, y, meta = training_table(Store.open())                    # doctest: +SKIP
"""

from __future__ import annotations

from fairweather.features.candidates import candidate_partners, check_case
from fairweather.features.inputs import FeatureInputs, coverage_window, feature_inputs, haversine_km
from fairweather.features.registry import FEATURE_NAMES, FEATURES, MAJOR_POWERS, Feature
from fairweather.features.table import _COLUMNS, _build, _rows, build_features, training_table  # noqa: F401 (the privates: history features, tests)
from fairweather.features.whatif import ASSUME_GRAMMAR, Assumption, parse_assumption

#: Former private name, kept for the history features and tests that import it.
_haversine_km = haversine_km

__all__ = [
    "Feature",
    "FEATURES",
    "FEATURE_NAMES",
    "FeatureInputs",
    "Assumption",
    "ASSUME_GRAMMAR",
    "parse_assumption",
    "feature_inputs",
    "build_features",
    "training_table",
    "candidate_partners",
    "check_case",
    "coverage_window",
    "MAJOR_POWERS",
]
