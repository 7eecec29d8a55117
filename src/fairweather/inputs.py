"""What users type, read one way for every interface: dates (for now), with errors that name the field.

The command line, the dashboard's API and the library (``Store``, ``Scenario``) all read a date
with :func:`parse_date`, so ``2025-06-13`` means the same everywhere and a wrong one gets the same
message, naming the option, query parameter or argument it came in: ``--date must be a date
written YYYY-MM-DD, e.g. 2025-06-13; got '13/06/2025'.``

>>> parse_date("2025-06-13", "--date")
datetime.date(2025, 6, 13)
>>> parse_date(" 2025-06-13 ", "date")
datetime.date(2025, 6, 13)
>>> parse_date("", "--from") is None
True
"""

from __future__ import annotations

import datetime as dt
from typing import overload

from fairweather.errors import DateError

__all__ = ["parse_date"]

DateInput = dt.date | str


@overload
def parse_date(value: None, field: str = ..., *, first: dt.date | None = ..., last: dt.date | None = ...) -> None: ...
@overload
def parse_date(value: DateInput, field: str = ..., *, first: dt.date | None = ...,
               last: dt.date | None = ...) -> dt.date | None: ...


def parse_date(value: DateInput | None, field: str = "date", *, first: dt.date | None = None,
               last: dt.date | None = None) -> dt.date | None:
    """A ``datetime.date`` from a date, a datetime or an ISO string (``None`` or ``""``: ``None``).

    Parameters
    ----------
    value
        What the user gave.
    field
        How the user named it (``"--date"``, ``"as_of"``, ``"The scenario date"``): the error starts with it.
    first, last
        The dates accepted, inclusive (default: any).

    Raises
    ------
    DateError
        Naming ``field``, the form expected and what came in.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        try:
            d = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise DateError(f"{field} must be a date written YYYY-MM-DD, e.g. 2025-06-13; got {value!r}.") from None
    if (first is not None and d < first) or (last is not None and d > last):
        raise DateError(f"{field} must lie between {first or dt.date.min} and {last or dt.date.max}; got {d}.")
    return d
