"""A DataFrame's rows as plain dicts, without pandas' per-row cost.

``frame.to_dict(orient="records")`` boxes every value through pandas' iterators, which for
the Arrow-backed strings of pandas 3 cost a dashboard forecast a fifth of its time. Reading
each column once (``Series.tolist()``: Python floats, ints, strings, Timestamps) and zipping
the lists gives the same dicts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["row_dicts"]


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts of Python values, as ``frame.to_dict(orient="records")`` gives them."""
    cols = list(frame.columns)
    if len(set(cols)) != len(cols) or not len(frame):
        return frame.to_dict(orient="records")  # a repeated column name: pandas' own rule for it
    values = [frame[c].tolist() for c in cols]
    return [dict(zip(cols, row)) for row in zip(*values)]
