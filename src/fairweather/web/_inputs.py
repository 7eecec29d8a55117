"""The API's inputs: states, dates, blocs and year ranges, parsed by :mod:`fairweather.inputs` within the API's limits.

Each failure names its query field (:func:`fairweather.web.errors.at_field`), so it comes back as a 422 that says
which parameter to change.
"""

from __future__ import annotations

import datetime as dt

from fairweather.errors import CoverageError, DateError, ScenarioError
from fairweather.inputs import parse_date
from fairweather.web.errors import at_field

#: Most states in one list (attackers, partners, a custom bloc).
MAX_STATES = 30
#: Most what-if assumptions in one scenario.
MAX_ASSUMPTIONS = 10
#: Dates the API accepts: the state system of the data pack begins in 1816.
FIRST_DATE = dt.date(1816, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


def _states(value: str | list[str] | None, field: str, required: bool = False) -> tuple[str, ...]:
    """ISO3 codes of a comma-separated string or a list of states; errors name ``field``."""
    from fairweather.inputs import parse_states, split_list

    with at_field(field):
        if required and not split_list(value):
            raise ScenarioError(f"{field} needs at least one state, e.g. ISR,USA.")
        return parse_states(value, field, max_items=MAX_STATES, max_chars=60)


def _date(value: str | dt.date, field: str = "date") -> dt.date:
    """:func:`fairweather.inputs.parse_date` within the API's dates; an empty value is an error here."""
    d = parse_date(value, field, first=FIRST_DATE, last=LAST_DATE)
    if d is None:
        raise DateError(f"{field} must be a date written YYYY-MM-DD, e.g. 2025-06-13; got {value!r}.")
    return d


def _dated(value: str, field: str) -> dt.date:
    with at_field(field):
        return _date(value, field)


def _bloc(value: str, field: str = "bloc") -> str:
    """A bloc as the metrics take it: a named bloc of ``fairweather.metrics.BLOCS`` or a comma-separated list of states.

    A single word that is neither a bloc nor a state is refused with the closest
    bloc names; listed states are checked one by one, so an unknown one comes
    back with its own suggestions.
    """
    from fairweather.metrics import BLOCS, resolve_bloc

    text = value.strip()
    if "," not in text:
        with at_field(field):
            try:
                return resolve_bloc(text).name
            except CoverageError:
                import difflib

                names = [str(b) for b in BLOCS]
                close = difflib.get_close_matches(text.upper(), [n.upper() for n in names], n=3, cutoff=0.5)
                hint = f" Did you mean: {', '.join(n for n in names if n.upper() in close)}?" if close else ""
                raise ScenarioError(f"Unknown bloc {value!r}.{hint} Named blocs: {', '.join(names)}; "
                                    "or list two or more states, e.g. RUS,CHN,IRN.") from None
    states = _states(text, field, required=True)
    with at_field(field):
        return resolve_bloc(list(states)).name


def _years(start: int, end: int) -> range:
    if start > end:
        err = DateError(f"from ({start}) must not be after to ({end}).")
        err.field = "from"  # type: ignore[attr-defined]
        raise err
    return range(start, end + 1)
