"""Shared machinery of the history importers: checked reading, COW codes, dates, imported rows.

Every importer of a publisher's file (ATOP, COW MID, UCDP ESD, COW NMC, V-Dem,
rivalries, contiguity, UN ideal points) reads it with :func:`read_reference`,
which checks that the documented columns are there and that each value parses,
and raises :class:`~fairweather.errors.ReferenceFormatError` naming the file,
the line and the field of the first bad value. An importer returns
:class:`ImportedRows`: rows in the shape of the store's own tables
(``states``, ``state_facts``, ``ties``, ``commitments``, ``commitment_members``,
``crises``, ``responses``) with the dataset as their source, so the one as-of
engine reads imported facts and curated facts alike.

Dates: a yearly value (a capability score, a regime score, an ideal point) for
year ``Y`` describes the whole of ``Y`` and is published after it, so it is
valid from ``Y+1``-01-01 to ``Y+1``-12-31; the last year a dataset has stays
valid (``valid_to`` empty) until newer data say otherwise. That way a crisis on
date D sees the latest value that was known on D, never a value of D's own year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fairweather.codes import cow_to_iso3, gw_to_iso3
from fairweather.errors import ReferenceFormatError, UnknownStateError

__all__ = [
    "Dataset",
    "ImportedRows",
    "read_reference",
    "cow_iso3",
    "state_iso3",
    "HISTORICAL_STATES",
    "ymd",
    "yearly_spells",
]

#: COW states since 1946 that have no modern ISO3 successor in fairweather's code table,
#: with the code the store uses for them (ISO 3166-3 where it has one, else the COW abbreviation).
HISTORICAL_STATES: dict[int, tuple[str, str]] = {
    265: ("DDR", "German Democratic Republic"),
    315: ("CSK", "Czechoslovakia"),
    511: ("ZAN", "Zanzibar"),
    680: ("YMD", "Yemen People's Republic"),
    817: ("RVN", "Republic of Vietnam"),
}


@dataclass(frozen=True)
class Dataset:
    """What an importer reads: the source row it cites and the files it needs."""

    source_id: str
    name: str
    version: str
    citation: str
    url: str
    licence: str
    files: tuple[str, ...]
    published: str | None = None

    def source_row(self, accessed: str | None = None) -> dict[str, object]:
        return {"source_id": self.source_id, "citation": f"{self.citation} Version {self.version}.", "url": self.url,
                "kind": "dataset", "published": self.published, "accessed": accessed}


@dataclass
class ImportedRows:
    """Rows of the store's tables imported from one dataset, and what was left out and why."""

    dataset: Dataset
    tables: dict[str, pd.DataFrame]
    rows_read: int = 0
    skipped: Counter = field(default_factory=Counter)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.tables.items()}

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={n}" for k, n in self.counts().items())
        return f"ImportedRows({self.dataset.source_id}: {parts}; read {self.rows_read}, skipped {sum(self.skipped.values())})"


def _line(path: Path, i: int) -> int:
    return i + 2 if path.suffix.lower() == ".csv" else i + 1


def read_reference(path: Path | str, columns: Mapping[str, str]) -> pd.DataFrame:
    """Read a publisher's CSV or Parquet file and check the documented ``columns``.

    Parameters
    ----------
    path
        The file.
    columns
        Column name -> ``int``, ``float``, ``str``, ``date`` (ISO ``YYYY-MM-DD``); a trailing ``?``
        allows missing values (``int?``). Other columns of the file are kept as read.

    Raises
    ------
    ReferenceFormatError
        The file is missing, unreadable, lacks a column, or a value does not parse
        (naming the file, the line and the field).
    """
    path = Path(path)
    if not path.is_file():
        raise ReferenceFormatError("the file does not exist; pass the folder that holds the publisher's files "
                                   "(e.g. --reference ../shared/data)", file=str(path))
    try:
        if path.suffix.lower() == ".parquet":
            df = pd.read_parquet(path)
        else:
            df = pd.read_csv(path, low_memory=False, dtype=str, keep_default_na=False, na_values=["", "NA"])
    except Exception as exc:  # pyarrow, csv and OS errors all mean the same thing here
        raise ReferenceFormatError(f"cannot be read as {path.suffix.lstrip('.').upper() or 'CSV'}: {exc}",
                                   file=str(path)) from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ReferenceFormatError(f"lacks the documented column(s) {', '.join(missing)}; "
                                   f"it has {', '.join(map(str, df.columns[:12]))}{' …' if len(df.columns) > 12 else ''}",
                                   file=str(path), field=missing[0])
    out = df.copy()
    for col, kind in columns.items():
        nullable = kind.endswith("?")
        kind = kind.rstrip("?")
        raw = df[col]
        if kind == "str":
            parsed = raw.astype("string")
        elif kind == "date":
            parsed = pd.to_datetime(raw, errors="coerce", format="%Y-%m-%d") if raw.dtype == object or \
                str(raw.dtype).startswith("string") else pd.to_datetime(raw, errors="coerce")
        else:
            parsed = pd.to_numeric(raw, errors="coerce")
            if kind == "int":
                frac = parsed.notna() & (parsed != np.floor(parsed.fillna(0)))
                if frac.any():
                    i = int(np.flatnonzero(frac.to_numpy())[0])
                    raise ReferenceFormatError(f"expected a whole number, got {raw.iloc[i]!r}",
                                               file=str(path), line=_line(path, i), field=col)
            finite = parsed.isna() | np.isfinite(parsed.astype(float))
            if not finite.all():
                i = int(np.flatnonzero(~finite.to_numpy())[0])
                raise ReferenceFormatError(f"expected a finite number, got {raw.iloc[i]!r}",
                                           file=str(path), line=_line(path, i), field=col)
        bad = parsed.isna() & raw.notna() & (raw.astype("string").str.strip() != "")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ReferenceFormatError(f"expected {'an ISO date' if kind == 'date' else 'a number'}, got {raw.iloc[i]!r}",
                                       file=str(path), line=_line(path, i), field=col)
        if not nullable and parsed.isna().any():
            i = int(np.flatnonzero(parsed.isna().to_numpy())[0])
            raise ReferenceFormatError("the value is missing", file=str(path), line=_line(path, i), field=col)
        out[col] = parsed
    return out


_ISO_CACHE: dict[tuple[str, int], str | None] = {}


def state_iso3(code: object, system: str = "cow") -> str | None:
    """The store's state code for a COW (``system="cow"``) or G-W (``"gw"``) state number, or None if unknown.

    The states of :data:`HISTORICAL_STATES` have the same number in both systems.
    """
    if code is None or (isinstance(code, float) and np.isnan(code)) or pd.isna(code):
        return None
    c = int(code)  # type: ignore[call-overload]  # a number once NaN and None are out
    key = (system, c)
    if key not in _ISO_CACHE:
        if c in HISTORICAL_STATES:
            _ISO_CACHE[key] = HISTORICAL_STATES[c][0]
        else:
            try:
                _ISO_CACHE[key] = cow_to_iso3(c) if system == "cow" else gw_to_iso3(c)
            except UnknownStateError:
                _ISO_CACHE[key] = None
    return _ISO_CACHE[key]


def cow_iso3(code: object) -> str | None:
    """The store's state code for a COW state number, or None for a state it does not know."""
    return state_iso3(code, "cow")


def ymd(year: object, month: object = None, day: object = None, *, end: bool = False) -> dt.date | None:
    """A date from COW-style year, month and day columns; ``-9`` or missing parts fall back.

    A missing month or day is the first (``end=False``) or last (``end=True``) possible one.
    A missing or non-positive year gives None.
    """
    def num(v: object) -> int | None:
        if v is None or pd.isna(v):
            return None
        n = int(float(v))  # type: ignore[arg-type]
        return n if n > 0 else None

    y, m, d = num(year), num(month), num(day)
    if y is None:
        return None
    if m is None or m > 12:
        m = 12 if end else 1
        d = None
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    if d is None or d > last:
        d = last if end else 1
    return dt.date(y, m, d)


def yearly_spells(frame: pd.DataFrame, state_col: str, year_col: str, value_col: str, fact: str,
                  source_id: str, fmt: str = "{:.6g}", last_open: bool = True) -> pd.DataFrame:
    """``state_facts`` rows from a state-year column: the value for year Y is valid through year Y+1.

    Rows with a missing value are left out (missing means unknown, never 0). The latest year
    of each state stays valid (``valid_to`` empty) when ``last_open`` is true.
    """
    df = frame[[state_col, year_col, value_col]].dropna()
    df = df.sort_values([state_col, year_col])
    years = df[year_col].astype(int)
    vf = [dt.date(y + 1, 1, 1) for y in years]
    vt: list[dt.date | None] = [dt.date(y + 1, 12, 31) for y in years]
    if last_open and len(df):
        last = (df[state_col] != df[state_col].shift(-1)).to_numpy()
        vt = [None if is_last else v for v, is_last in zip(vt, last)]
    return pd.DataFrame({
        "state": df[state_col].to_numpy(), "fact": fact, "value": [fmt.format(float(v)) for v in df[value_col]],
        "valid_from": vf, "valid_to": vt, "source_id": source_id,
        "note": [f"value for {y}" for y in years],
    })
