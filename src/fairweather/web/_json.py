"""Strict JSON for the dashboard's answers: dates as ISO strings, NaN and infinities as null, numpy as Python."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

__all__ = ["jsonable", "records"]


def jsonable(value: Any) -> Any:
    """A value as strict JSON: dates as ISO strings, NaN and infinities as null, numpy as Python."""
    t = type(value)  # the common cases first: a forecast answer holds tens of thousands of values
    if t is str or t is int or t is bool or value is None:
        return value
    if t is float:
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        # The store's DATE columns arrive as midnight timestamps: give them back as dates.
        return value.date().isoformat() if value.time() == dt.time() and value.tzinfo is None else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return jsonable(value.tolist())
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


#: Types a column's values may have to go out as they are (``jsonable`` returns each of them unchanged).
_AS_IS = frozenset({str, int, bool, type(None)})


def _column(values: list[Any]) -> list[Any]:
    """One column's values as strict JSON: a column of one plain type is converted once, not value by value."""
    kinds = set(map(type, values))
    if kinds <= _AS_IS:
        return values
    if kinds == {float}:
        return [v if math.isfinite(v) else None for v in values]
    return [jsonable(v) for v in values]


def records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Rows of a DataFrame as strict-JSON dicts.

    Column by column: each column is read once and converted by its type (a forecast's tables hold
    tens of thousands of values, and converting each row's dict value by value was most of the time of
    the JSON); the dicts are those of ``jsonable(row)`` for each row.
    """
    if frame is None:
        return []
    cols = list(frame.columns)
    if len(set(cols)) != len(cols) or not len(frame):
        from fairweather._frames import row_dicts

        return [jsonable(r) for r in row_dicts(frame)]  # a repeated column name: pandas' own rule for it
    keys = [str(c) for c in cols]
    values = [_column(frame[c].tolist()) for c in cols]
    return [dict(zip(keys, row)) for row in zip(*values)]


def _figure_json(fig: dict[str, Any]) -> dict[str, Any]:
    return jsonable(fig)


def _figure(fig: Any) -> dict[str, Any]:
    from fairweather.report.charts import figure_json

    return jsonable(figure_json(fig))
