"""The out-of-time split (DESIGN principle 3), in one place.

Model weights are fitted, tuned and chosen on crises that began before
:data:`EVALUATION_START` only; crises from that date on are evaluation cases:
scored, never fitted on. Every layer that needs the split (the store's
:attr:`~fairweather.store.Crisis.evaluation`, training tables, the backtests,
the parameter file, the dashboard's crisis list) reads it from here.

>>> import datetime as dt
>>> is_evaluation(dt.date(2019, 12, 31)), is_evaluation("2020-01-01")
(False, True)
"""

from __future__ import annotations

import datetime as dt

__all__ = ["EVALUATION_START", "is_evaluation"]

#: The first day of the evaluation period.
EVALUATION_START = dt.date(2020, 1, 1)


def is_evaluation(day: dt.date | str) -> bool:
    """True for a crisis that began on or after :data:`EVALUATION_START` (a date or an ISO string)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    elif isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return day >= EVALUATION_START
