"""What users type, read one way for every interface: dates and lists of states, with errors that name the field.

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
>>> split_list("ISR, USA;;usa ")
['ISR', 'USA', 'usa']
>>> parse_states("Israel,USA,ISR", "--attackers")
('ISR', 'USA')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import overload

from fairweather.errors import DateError, ScenarioError

__all__ = ["parse_date", "split_list", "parse_states"]

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


def split_list(value: str | Iterable[str] | None) -> list[str]:
    """The items of a list a user typed: ``"ISR,USA"`` or ``"ISR;USA"`` (both separators), or a list; stripped, empties dropped."""
    if value is None:
        return []
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    return [s.strip() for s in items if isinstance(s, str) and s.strip()]


def parse_states(value: str | Iterable[str] | None, field: str = "states", *, groups: bool = False,
                 max_items: int | None = None, max_chars: int | None = None) -> tuple[str, ...]:
    """ISO3 codes (or, with ``groups``, armed-group ids such as ``UCDP:…``) of the states a user listed.

    Names, codes and aliases resolve as :func:`fairweather.codes.to_iso3` (and
    :func:`fairweather.actors.to_actor`) resolve them; a repeated state is kept once, in first order.
    An unknown name raises the resolver's :class:`~fairweather.errors.UnknownStateError` (with the
    closest names); too many items or too long a name raise :class:`ScenarioError` naming ``field``.
    """
    items = split_list(value)
    if max_items is not None and len(items) > max_items:
        raise ScenarioError(f"{field} lists {len(items)} states; at most {max_items} are allowed.")
    if max_chars is not None:
        long = next((s for s in items if len(s) > max_chars), None)
        if long is not None:
            raise ScenarioError(f"{field}: a state name is at most {max_chars} characters; got one of {len(long)}.")
    if groups:
        from fairweather.actors import to_actor as resolve
    else:
        from fairweather.codes import to_iso3 as resolve
    return tuple(dict.fromkeys(resolve(s) for s in items))
