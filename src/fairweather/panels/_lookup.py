"""Keyed lookups: find each panel row's row in a small reference table, then gather its columns in the panel's order.

WHY not a DuckDB join per verb: a hash join returns its rows in no fixed order,
so every verb had to sort (or gather back) two million rows, and converting the
wide result to Arrow cost more than the join (measured: a single five-join query
over the directed COW dyad-years took 0.57 s, 0.3 s of it the Arrow result). A
verb's right side is small (NMC is 17,000 state-years, ATOP 270,000 dyad-years),
so its keys are encoded once as integers and each panel row finds its match by
position: a dense table when the keys' ranges are small, a binary search
otherwise. The new columns are then gathered in the panel's own order, so no
row can be lost, repeated or moved, and nothing is sorted.

A key that appears twice in a reference table would make a join repeat rows;
:class:`Keyed` refuses such a table when it is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fairweather.errors import PanelError

__all__ = ["Keyed", "Match", "Gather", "gather", "gather_many", "as_arrow", "THREADS"]

#: Key ranges up to this many cells use a dense position table (int32: 16 MiB at most), larger ones a binary search.
DENSE_CELLS = 1 << 22
#: Columns are gathered on this many threads (NumPy releases the GIL while it gathers): the target machine has 2 cores.
THREADS = 2


def _ints(col: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return np.asarray(col.to_numpy(zero_copy_only=False))


class _Codes:
    """Integer keys as one integer code: each column offset by its minimum, scaled by the spans after it.

    WHY the ranges include the panel's: then every panel key has a code of its own, no key falls
    outside, and no row needs a range check. The code keeps the keys' lexicographic order.
    """

    def __init__(self, ranges: tuple[tuple[int, int], ...]) -> None:
        self.lo = [lo for lo, _ in ranges]
        spans = [hi - lo + 1 for lo, hi in ranges]
        self.strides = [int(np.prod(spans[i + 1:], dtype=np.int64)) for i in range(len(spans))]
        self.cells = int(np.prod(spans, dtype=np.int64))
        self.dtype = np.int32 if self.cells < 2**31 else np.int64

    def encode(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        dt = self.dtype
        code = (keys[-1].astype(dt, copy=False) - dt(self.lo[-1])).astype(dt, copy=False)
        for k, lo, stride in zip(keys[:-1], self.lo, self.strides):
            code += (k.astype(dt, copy=False) - dt(lo)) * dt(stride)
        return code


@dataclass(frozen=True)
class Match:
    """Where each panel row found its reference row: ``index`` into the table, ``len(table)`` where none."""

    index: np.ndarray
    rows: int

    @cached_property
    def found(self) -> pa.Buffer:
        """Validity bitmap of the rows that found one (shared by every column gathered through this match)."""
        return pa.py_buffer(np.packbits(self.index != self.rows, bitorder="little"))

    def filled(self, inside: np.ndarray) -> Match:
        """The same match where a row that found none points at the fill row (``rows + 1``) inside the data's years."""
        index = self.index.copy()
        index[(index == self.rows) & inside] = self.rows + 1
        return Match(index, self.rows)


class _Dense:
    """A position table over every cell of the key ranges (small ranges, e.g. state-years)."""

    def __init__(self, ranges: tuple[tuple[int, int], ...], keys: list[np.ndarray], rows: int) -> None:
        self.codes = _Codes(ranges)
        self.table = np.full(self.codes.cells, rows, dtype=np.int32)
        self.table[self.codes.encode(keys)] = np.arange(rows, dtype=np.int32)

    def find(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        return self.table.take(self.codes.encode(keys))


class _TwoLevel:
    """Dense over the leading keys' prefixes present (a dyad), then dense over the last key (the year) per prefix.

    WHY: ATOP's dyad-years span 1,000 x 1,000 x 200 cells, too many for one table, but only 10,000 dyads
    occur, so two small tables find a row in two gathers where a binary search took four times as long.
    """

    def __init__(self, ranges: tuple[tuple[int, int], ...], keys: list[np.ndarray], rows: int) -> None:
        self.prefix = _Codes(ranges[:-1])
        uniq, inverse = np.unique(self.prefix.encode(keys[:-1]), return_inverse=True)
        self.lo, self.span = ranges[-1][0], ranges[-1][1] - ranges[-1][0] + 1
        self.prefixes = np.full(self.prefix.cells, len(uniq), dtype=np.int32)   # absent prefix: the last block
        self.prefixes[uniq] = np.arange(len(uniq), dtype=np.int32)
        self.table = np.full((len(uniq) + 1) * self.span, rows, dtype=np.int32)
        self.table[inverse.astype(np.int64) * self.span + (keys[-1] - self.lo)] = np.arange(rows, dtype=np.int32)

    def find(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        dt = np.int32 if len(self.table) < 2**31 else np.int64
        code = self.prefixes.take(self.prefix.encode(keys[:-1])).astype(dt, copy=False)
        code *= dt(self.span)
        code += keys[-1].astype(dt, copy=False) - dt(self.lo)
        return self.table.take(code)


class _Sorted:
    """The sorted codes and a binary search, for key ranges too wide for position tables."""

    def __init__(self, ranges: tuple[tuple[int, int], ...], keys: list[np.ndarray], order: np.ndarray,
                 rows: int) -> None:
        self.codes, self.rows = _Codes(ranges), rows
        self.sorted, self.order = self.codes.encode(keys)[order], order.astype(np.int32)

    def find(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        code = self.codes.encode(keys)
        i = np.searchsorted(self.sorted, code)
        np.minimum(i, self.rows - 1, out=i)
        return np.where(self.sorted[i] == code, self.order[i], np.int32(self.rows))


class Keyed:
    """A reference table with a unique integer key, ready to be looked up many times.

    Rows with a missing key are dropped (SQL equality never matches them either).

    Raises
    ------
    PanelError
        A key appears more than once (a join on it would repeat panel rows).
    """

    def __init__(self, table: pa.Table, keys: Sequence[str], name: str = "reference table") -> None:
        mask = None
        for k in keys:
            valid = pc.is_valid(table[k])
            mask = valid if mask is None else pc.and_(mask, valid)
        if mask is not None and not pc.all(mask).as_py():
            table = table.filter(mask)
        self.table, self.keys, self.name = table, tuple(keys), name
        self._keys = [_ints(table[k]).astype(np.int64) for k in keys]
        self._range = tuple((int(k.min()), int(k.max())) if len(k) else (0, 0) for k in self._keys)
        self._order = np.lexsort(self._keys[::-1]) if table.num_rows else np.zeros(0, np.int64)
        self._index: dict[tuple, _Dense | _TwoLevel | _Sorted] = {}
        self._columns: dict[tuple, tuple[np.ndarray, np.ndarray | None] | None] = {}
        self._check_unique()

    def _check_unique(self) -> None:
        if self.table.num_rows < 2:
            return
        codes = _Codes(self._range)
        ordered = codes.encode([k[self._order] for k in self._keys])
        dup = np.nonzero(np.diff(ordered) == 0)[0]
        if len(dup):
            row = self.table.slice(int(self._order[dup[0]]), 1).select(list(self.keys)).to_pylist()[0]
            raise PanelError(f"{self.name} lists the key {', '.join(f'{k}={v}' for k, v in row.items())} more than "
                             "once; a join on it would repeat rows.")

    def _lookup(self, ranges: tuple[tuple[int, int], ...]) -> _Dense | _TwoLevel | _Sorted:
        """The cheapest index for keys within ``ranges``, built once per ranges."""
        if ranges not in self._index:
            rows = self.table.num_rows
            if _Codes(ranges).cells <= DENSE_CELLS:
                self._index[ranges] = _Dense(ranges, self._keys, rows)
            elif len(ranges) > 1 and _Codes(ranges[:-1]).cells <= DENSE_CELLS:
                self._index[ranges] = _TwoLevel(ranges, self._keys, rows)
            else:
                self._index[ranges] = _Sorted(ranges, self._keys, self._order, rows)
        return self._index[ranges]

    def find(self, keys: Sequence[np.ndarray]) -> Match:
        """The reference row of each panel row, given the panel's key columns in the order of :attr:`keys`."""
        n, rows = len(keys[0]), self.table.num_rows
        if rows == 0 or n == 0:
            return Match(np.full(n, rows, dtype=np.int32), rows)
        ranges = tuple((min(lo, int(k.min())), max(hi, int(k.max()))) for k, (lo, hi) in zip(keys, self._range))
        return Match(self._lookup(ranges).find(keys), rows)

    def extended(self, name: str, fill: float | int | None, years: tuple[int, int] | None,
                 year_key: int | None) -> tuple[np.ndarray, np.ndarray | None] | None:
        """Column ``name`` as NumPy with two rows appended, "none found" (NA) and "fill" (``fill`` or NA), and its
        validity (None: only the "none found" row is NA). With ``fill``, a missing value in a row inside ``years``
        is ``fill`` and a row outside them NA. None for a column that is not a number."""
        key = (name, fill, years, year_key)
        if key not in self._columns:
            self._columns[key] = self._extend(name, fill, years, year_key)
        return self._columns[key]

    def _extend(self, name: str, fill: float | int | None, years: tuple[int, int] | None,
                year_key: int | None) -> tuple[np.ndarray, np.ndarray | None] | None:
        if name not in self.table.column_names:
            raise PanelError(f"{self.name} has no column {name!r}; it has {', '.join(self.table.column_names)}.")
        col = self.table[name].combine_chunks()
        if not (pa.types.is_integer(col.type) or pa.types.is_floating(col.type)):
            return None
        values = np.asarray(col.fill_null(0).to_numpy(zero_copy_only=False))
        valid = np.asarray(col.is_valid()) if col.null_count else np.ones(len(values), dtype=bool)
        if fill is not None:
            values = values.copy()
            values[~valid] = fill
            valid = np.ones(len(values), dtype=bool)
            if years is not None and year_key is not None:
                y = self._keys[year_key]
                valid = (y >= years[0]) & (y <= years[1])
        values = np.concatenate([values, np.array([0, fill if fill is not None else 0], dtype=values.dtype)])
        valid = np.concatenate([valid, [False, fill is not None]])
        return values, None if valid[:-2].all() else valid


def as_arrow(values: np.ndarray, valid: np.ndarray | None, type_: pa.DataType) -> pa.Array:
    """A NumPy column and its validity as an Arrow array, without copying the values."""
    values = np.ascontiguousarray(values)
    if valid is None or valid.all():
        return pa.Array.from_buffers(type_, len(values), [None, pa.py_buffer(values)], null_count=0)
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(type_, len(values), [bitmap, pa.py_buffer(values)], null_count=-1)


@dataclass(frozen=True)
class Gather:
    """One column to gather: ``column`` of ``keyed`` through ``match`` (already pointed at the fill row if filled)."""

    keyed: Keyed
    column: str
    match: Match
    fill: float | int | None = None
    years: tuple[int, int] | None = None
    year_key: int | None = None


def gather(job: Gather) -> pa.Array:
    """The column at each panel row: one NumPy take, and a take of its validity only where the data have gaps."""
    m = job.match
    ext = job.keyed.extended(job.column, job.fill, job.years, job.year_key)
    type_ = job.keyed.table.schema.field(job.column).type
    if ext is None:  # text and other types: Arrow's take, nulls where none was found
        arr = job.keyed.table[job.column].combine_chunks()
        out = arr.take(pa.array(np.minimum(m.index, m.rows - 1), mask=m.index >= m.rows))
        if job.fill is not None:
            out = pc.if_else(pa.array(m.index == m.rows + 1), pa.scalar(job.fill, type_), out)
        return out
    values, valid = ext
    out = values.take(m.index)
    if valid is None:  # every table row valid: NA exactly where none was found (the fill row counts as found)
        return pa.Array.from_buffers(type_, len(out), [m.found, pa.py_buffer(out)], null_count=-1)
    return as_arrow(out, valid.take(m.index), type_)


def gather_many(jobs: Sequence[Gather]) -> list[pa.Array]:
    """:func:`gather` over many jobs, on :data:`THREADS` threads."""
    if len(jobs) < 4:
        return [gather(job) for job in jobs]
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(gather, jobs))
