"""Keyed lookups: find each panel row's row in a small reference table, then gather its columns in the panel's order.

WHY not a DuckDB join per verb: a hash join returns its rows in no fixed order,
so every verb had to sort (or gather back) two million rows, and converting the
wide result to Arrow cost more than the join (measured: a single five-join query
over the directed COW dyad-years took 0.57 s, 0.3 s of it the Arrow result). A
verb's right side is small (NMC is 17,000 state-years, ATOP 270,000 dyad-years),
so its keys are encoded once as integers and each panel row finds its match by
position: a dense table when the keys' ranges are small, a dense table per
dyad when only the dyads are few (ATOP), a binary search otherwise. The new
columns are then gathered in the panel's own order, so no row can be lost,
repeated or moved, and nothing is sorted. Two rows appended to every column,
"none found" (NA) and "fill" (0 inside the data's years), make
peacesciencer's "0 inside, NA outside" one gather too.

A key that appears twice in a reference table would make a join repeat rows;
:class:`Keyed` refuses such a table at its first lookup, before any column is made.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fairweather.errors import PanelError

__all__ = ["Keyed", "Match", "Gather", "gather", "as_arrow", "small_pages", "THREADS"]

#: Key ranges up to this many cells use a dense position table (32 MiB at most), larger ones a two-level table or a binary
#: search.
DENSE_CELLS = 1 << 22
#: Blocks are gathered on this many threads (NumPy releases the GIL while it gathers): the target machine has 2 cores.
THREADS = 2
#: Row numbers in the position tables: int32 halves their memory (a reference table has far fewer than 2**31 rows).
_ROW = np.int32


@contextmanager
def small_pages() -> Iterator[None]:
    """Within the block, NumPy does not ask the kernel for transparent huge pages for new arrays.

    WHY: a panel's columns are half a gigabyte of new memory. Where the kernel compacts memory to
    fault in a huge page (THP ``defrag=madvise``, the default of many distributions and VMs), that
    took 1.0-2.8 s of CPU for the benchmark pipeline, against 0.6-0.7 s with ordinary pages
    (measured on the 2-core target machine). The advice is a hint that changes no value, and the
    previous setting is restored on exit. NumPy builds without the switch are left alone.
    """
    switch = getattr(getattr(np, "_core", None), "multiarray", None)
    toggle = getattr(switch, "_set_madvise_hugepage", None)
    if toggle is None:
        yield
        return
    before = toggle(False)
    try:
        yield
    finally:
        toggle(before)


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
        self.dtype = np.intp   # NumPy gathers by platform-sized indices several times faster than by int32 ones

    def encode(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        """The codes, computed in one output array and one scratch array (no copy of a key column)."""
        dt = self.dtype
        code = np.subtract(keys[-1], self.lo[-1], dtype=dt)
        if len(keys) > 1:
            scratch = np.empty_like(code)
            for k, lo, stride in zip(keys[:-1], self.lo, self.strides):
                np.subtract(k, lo, out=scratch, dtype=dt)
                scratch *= stride
                code += scratch
        return code


@dataclass(frozen=True)
class Match:
    """Where each panel row found its reference row: ``index`` into the table, ``len(table)`` where none."""

    index: np.ndarray
    rows: int
    _gaps: dict = field(default_factory=dict, compare=False, repr=False)

    def gaps(self, keyed: Keyed) -> np.ndarray:
        """The gap flags (:meth:`Keyed.gap_flags`) of each panel row's reference row, taken once per match."""
        key = id(keyed)
        if key not in self._gaps:
            self._gaps[key] = keyed.gap_flags()[0][self.index]
        return self._gaps[key]

    @cached_property
    def found(self) -> pa.Buffer:
        """Validity bitmap of the rows that found one (shared by every column gathered through this match)."""
        return pa.py_buffer(np.packbits(self.index != self.rows, bitorder="little"))

    def filled(self, inside: np.ndarray) -> Match:
        """The same match where a row that found none points at the fill row (``rows + 1``) inside the data's years."""
        index = self.index.copy()
        index[(index == self.rows) & inside] = self.rows + 1
        return Match(index, self.rows)


def _first_repeated(found: np.ndarray) -> int | None:
    """A row whose key another row repeats: the position table points each row at itself unless a later row
    with the same key overwrote it."""
    bad = np.nonzero(found != np.arange(len(found), dtype=found.dtype))[0]
    return int(bad[0]) if len(bad) else None


class _Dense:
    """A position table over every cell of the key ranges (small ranges, e.g. state-years)."""

    def __init__(self, ranges: tuple[tuple[int, int], ...], keys: list[np.ndarray], rows: int) -> None:
        self.codes = _Codes(ranges)
        self.table = np.full(self.codes.cells, rows, dtype=_ROW)
        code = self.codes.encode(keys)
        self.table[code] = np.arange(rows, dtype=_ROW)
        self.repeated = _first_repeated(self.table[code])

    def find(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        return self.table[self.codes.encode(keys)]


class _TwoLevel:
    """Dense over the leading keys' prefixes present (a dyad), then dense over the last key (the year) per prefix.

    WHY: ATOP's dyad-years span 1,000 x 1,000 x 200 cells, too many for one table, but only 10,000 dyads
    occur, so two small tables find a row in two gathers where a binary search took four times as long.
    """

    def __init__(self, ranges: tuple[tuple[int, int], ...], keys: list[np.ndarray], rows: int) -> None:
        self.prefix = _Codes(ranges[:-1])
        prefix = self.prefix.encode(keys[:-1])
        present = np.zeros(self.prefix.cells, dtype=bool)
        present[prefix] = True
        ids = np.cumsum(present, dtype=_ROW)
        n = int(ids[-1])
        ids -= 1
        self.lo, self.span = ranges[-1][0], ranges[-1][1] - ranges[-1][0] + 1
        ids[~present] = n   # an absent prefix: the last block
        self.prefixes = ids
        self.table = np.full((n + 1) * self.span, rows, dtype=_ROW)
        code = self.prefixes[prefix].astype(np.intp) * self.span + (keys[-1].astype(np.intp) - self.lo)
        self.table[code] = np.arange(rows, dtype=_ROW)
        self.repeated = _first_repeated(self.table[code])

    def find(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        code = self.prefixes[self.prefix.encode(keys[:-1])]
        code *= self.span
        code += keys[-1]
        code -= self.lo
        return self.table[code]


class _Sorted:
    """The sorted codes and a binary search, for key ranges too wide for position tables."""

    def __init__(self, ranges: tuple[tuple[int, int], ...], keys: list[np.ndarray], rows: int) -> None:
        self.codes, self.rows = _Codes(ranges), rows
        code = self.codes.encode(keys)
        order = np.argsort(code, kind="stable")
        self.sorted, self.order = code[order], order.astype(np.intp)
        dup = np.nonzero(np.diff(self.sorted) == 0)[0]
        self.repeated = int(order[dup[0]]) if len(dup) else None

    def find(self, keys: Sequence[np.ndarray]) -> np.ndarray:
        code = self.codes.encode(keys)
        i = np.searchsorted(self.sorted, code)
        np.minimum(i, self.rows - 1, out=i)
        return np.where(self.sorted[i] == code, self.order[i], np.intp(self.rows))


class Keyed:
    """A reference table with a unique integer key, ready to be looked up many times.

    Rows with a missing key are dropped (SQL equality never matches them either).

    Raises
    ------
    PanelError
        From :meth:`find`: a key appears more than once (a join on it would repeat panel rows).
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
        self._index: dict[tuple, _Dense | _TwoLevel | _Sorted] = {}
        #: (values, validity) per extended column, and the inside-the-years row mask per ``("inside", ...)`` key
        self._columns: dict[tuple, Any] = {}
        self._signature: np.ndarray | None = None
        self._bits: dict[str, int] = {}
    def _lookup(self, ranges: tuple[tuple[int, int], ...]) -> _Dense | _TwoLevel | _Sorted:
        """The cheapest index for keys within ``ranges``, built once per ranges."""
        if ranges not in self._index:
            rows = self.table.num_rows
            if _Codes(ranges).cells <= DENSE_CELLS:
                index: _Dense | _TwoLevel | _Sorted = _Dense(ranges, self._keys, rows)
            elif len(ranges) > 1 and _Codes(ranges[:-1]).cells <= DENSE_CELLS:
                index = _TwoLevel(ranges, self._keys, rows)
            else:
                index = _Sorted(ranges, self._keys, rows)
            if index.repeated is not None:   # the index over the table's own keys tells whether one repeats
                row = self.table.slice(index.repeated, 1).select(list(self.keys)).to_pylist()[0]
                raise PanelError(f"{self.name} lists the key {', '.join(f'{k}={v}' for k, v in row.items())} more "
                                 "than once; a join on it would repeat rows.")
            self._index[ranges] = index
        return self._index[ranges]

    def find(self, keys: Sequence[np.ndarray]) -> Match:
        """The reference row of each panel row, given the panel's key columns in the order of :attr:`keys`."""
        n, rows = len(keys[0]), self.table.num_rows
        index = self.index_for(keys)
        if index is None:
            return Match(np.full(n, rows, dtype=np.intp), rows)
        return Match(index.find(keys), rows)

    def index_for(self, keys: Sequence[np.ndarray]) -> _Dense | _TwoLevel | _Sorted | None:
        """The index that finds rows for any part of these key columns (None: an empty table or no keys)."""
        if self.table.num_rows == 0 or len(keys[0]) == 0:
            return None
        ranges = tuple((min(lo, int(k.min())), max(hi, int(k.max()))) for k, (lo, hi) in zip(keys, self._range))
        return self._lookup(ranges)

    def gap_flags(self) -> tuple[np.ndarray, dict[str, int]]:
        """One integer per table row (and the two rows :meth:`extended` appends) whose bit ``j`` is set where the
        ``j``-th numeric column with gaps is missing, and each such column's bit.

        WHY: most columns of the state-year tables have a few missing values, and one gather of these flags
        per match, then a bit test per column, costs less than gathering each column's validity.
        """
        if self._signature is None:
            gappy = [n for n in self.table.column_names if n not in self.keys and self.table[n].null_count
                     and (pa.types.is_integer(self.table[n].type) or pa.types.is_floating(self.table[n].type))][:64]
            dtype = next(d for d in (np.uint8, np.uint16, np.uint32, np.uint64) if len(gappy) <= 8 * np.dtype(d).itemsize)
            flags = np.zeros(self.table.num_rows + 2, dtype=dtype)
            for j, name in enumerate(gappy):
                flags[:-2][~np.asarray(self.table[name].is_valid())] |= dtype(1 << j)
            flags[-2:] = np.iinfo(dtype).max   # "none found" and "fill": missing in every column with gaps
            self._bits = {name: 1 << j for j, name in enumerate(gappy)}
            self._signature = flags
        return self._signature, self._bits

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
        rows = len(col)
        values = np.empty(rows + 2, dtype=col.type.to_pandas_dtype())
        values[:rows] = col.to_numpy(zero_copy_only=False) if not col.null_count else \
            col.fill_null(0 if fill is None else fill).to_numpy(zero_copy_only=False)
        values[rows:] = (0, 0 if fill is None else fill)
        if fill is None:
            if not col.null_count:
                return values, None
            return values, np.concatenate([np.asarray(col.is_valid()), [False, False]])
        inside = self._inside_rows(years, year_key)
        return values, None if inside is None else np.concatenate([inside, [False, True]])

    def _inside_rows(self, years: tuple[int, int] | None, year_key: int | None) -> np.ndarray | None:
        """Which table rows lie inside ``years`` (None: all of them), once per years."""
        key = ("inside", years, year_key)
        if key not in self._columns:
            inside = None
            if years is not None and year_key is not None:
                y = self._keys[year_key]
                inside = (y >= years[0]) & (y <= years[1])
                inside = None if inside.all() else inside
            self._columns[key] = inside
        return self._columns[key]


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
    out = values[m.index]
    if valid is None:  # every table row valid: NA exactly where none was found (the fill row counts as found)
        return pa.Array.from_buffers(type_, len(out), [m.found, pa.py_buffer(out)], null_count=-1)
    flags, bits = job.keyed.gap_flags()
    if job.fill is None and job.column in bits:
        return as_arrow(out, (m.gaps(job.keyed) & flags.dtype.type(bits[job.column])) == 0, type_)
    return as_arrow(out, valid[m.index], type_)
