"""Chunked gathers: every new column of a verb made block by block, straight into its final array.

WHY blocks: on the target machine (a small VM) the first touch of fresh memory is the
largest cost of a pipeline: about 1 ms of CPU per MiB, where the gathers themselves cost
less. A whole-panel lookup made a code array, a scratch array and an index array of two
million 8-byte integers per match (and a copy for the filled match, a gap array, a mask per
column), each fresh memory; the benchmark pipeline touched 660 MiB to return 490. Here the
keys of a block of :data:`CHUNK` rows are encoded, found and gathered for every column of
the verb while they sit in the cache, and only the columns themselves (and their validity
bitmaps) are new memory. The blocks are shared among :data:`THREADS` threads (NumPy
releases the GIL in its gathers and arithmetic).

Values and validity are those of :func:`fairweather.panels._lookup.gather` (a test compares
the two on every verb of the fixtures): the same extended columns, the same "none found"
and "fill" rows, the same gap flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from fairweather.panels._lookup import THREADS, Keyed

__all__ = ["Job", "gather_chunked", "CHUNK", "column_numpy"]

#: Rows per block: a multiple of 8 (validity bitmaps are written a byte at a time), small enough that a block's
#: keys, codes and indices stay in the cache (64 Ki rows: 512 KiB per index).
CHUNK = 1 << 16


def column_numpy(table: pa.Table, name: str) -> np.ndarray:
    """A column as NumPy, without a copy where Arrow allows one (a single chunk without nulls)."""
    col = table[name]
    if col.num_chunks == 1 and col.null_count == 0:
        return np.asarray(col.chunk(0).to_numpy(zero_copy_only=False))
    return np.asarray(col.to_numpy(zero_copy_only=False))


@dataclass(frozen=True)
class Job:
    """One new numeric column: ``column`` of ``keyed`` found by the panel's key columns ``on``."""

    keyed: Keyed
    on: tuple[str, ...]
    column: str
    fill: float | int | None = None
    years: tuple[int, int] | None = None
    year_key: int | None = None


@dataclass
class _Plan:
    """What every block needs: the lookups, the filled variants, and per column its output and validity rule."""

    keys: dict[str, np.ndarray]
    lookups: dict[tuple, tuple[Any, tuple[str, ...], int]] = field(default_factory=dict)   # mk -> index, on, rows
    variants: dict[tuple, tuple[tuple, tuple[int, int] | None]] = field(default_factory=dict)  # fk -> mk, years
    found: dict[tuple, np.ndarray] = field(default_factory=dict)        # match -> shared "found" bitmap
    flags: dict[tuple, tuple[np.ndarray, tuple]] = field(default_factory=dict)   # match -> gap flags of its table
    columns: list[tuple] = field(default_factory=list)   # (match, values, out, kind, valid or bit, bitmap)


def _match_key(job: Job) -> tuple:
    return (id(job.keyed), job.on)


def _plan(keys: dict[str, np.ndarray], n: int, jobs: Sequence[Job]) -> _Plan:
    plan = _Plan(keys)
    nbytes = (n + 7) // 8
    for job in jobs:
        mk = _match_key(job)
        if mk not in plan.lookups:
            k = [keys[c] for c in job.on]
            plan.lookups[mk] = (job.keyed.index_for(k), job.on, job.keyed.table.num_rows)
        vk = mk
        if job.fill is not None:
            vk = (*mk, job.years)
            plan.variants.setdefault(vk, (mk, job.years))
        ext = job.keyed.extended(job.column, job.fill, job.years, job.year_key)
        assert ext is not None, "gather_chunked takes numeric columns only"
        values, valid = ext
        out = np.empty(n, dtype=values.dtype)
        if valid is None:
            if vk not in plan.found:
                plan.found[vk] = np.empty(nbytes, dtype=np.uint8)
            plan.columns.append((vk, values, out, "found", None, plan.found[vk]))
            continue
        flags, bits = job.keyed.gap_flags()
        if job.fill is None and job.column in bits:
            plan.flags.setdefault(vk, (flags, mk))
            plan.columns.append((vk, values, out, "gaps", flags.dtype.type(bits[job.column]),
                                 np.empty(nbytes, dtype=np.uint8)))
        else:
            plan.columns.append((vk, values, out, "valid", valid, np.empty(nbytes, dtype=np.uint8)))
    return plan


def _block(plan: _Plan, s: int, e: int) -> None:
    """Rows ``s:e`` of every column of the plan (``s`` a multiple of 8)."""
    idx: dict[tuple, np.ndarray] = {}
    rows_of: dict[tuple, int] = {}
    for mk, (index, on, rows) in plan.lookups.items():
        # platform-sized indices once per block: NumPy would convert int32 ones again for every column it takes
        idx[mk] = index.find([plan.keys[c][s:e] for c in on]).astype(np.intp) if index is not None \
            else np.full(e - s, rows, dtype=np.intp)
        rows_of[mk] = rows
    for vk, (mk, years) in plan.variants.items():
        base, rows = idx[mk], rows_of[mk]
        missing = base == rows
        if years is not None:
            year = plan.keys["year"][s:e]
            missing &= (year >= years[0]) & (year <= years[1])
        filled = base.copy()
        filled[missing] = rows + 1
        idx[vk], rows_of[vk] = filled, rows
    b0, b1 = s // 8, (e + 7) // 8
    for vk, bitmap in plan.found.items():
        bitmap[b0:b1] = np.packbits(idx[vk] != rows_of[vk], bitorder="little")
    gaps = {vk: flags[idx[vk]] for vk, (flags, _) in plan.flags.items()}
    for vk, values, out, kind, rule, bitmap in plan.columns:
        ix = idx[vk]
        np.take(values, ix, out=out[s:e], mode="clip")   # every index is in range; "raise" would buffer the output
        if kind == "gaps":
            bitmap[b0:b1] = np.packbits((gaps[vk] & rule) == 0, bitorder="little")
        elif kind == "valid":
            bitmap[b0:b1] = np.packbits(rule[ix], bitorder="little")


def gather_chunked(keys: dict[str, np.ndarray], n: int, jobs: Sequence[Job]) -> list[pa.Array]:
    """The columns of ``jobs`` at each of the ``n`` panel rows whose key columns are ``keys``, in the panel's order."""
    plan = _plan(keys, n, jobs)
    blocks = [(s, min(s + CHUNK, n)) for s in range(0, n, CHUNK)]
    if len(blocks) > 1 and THREADS > 1:
        share = [blocks[i::THREADS] for i in range(THREADS)]
        def run(part: list[tuple[int, int]]) -> None:
            for s, e in part:
                _block(plan, s, e)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(run, share))
    else:
        for s, e in blocks:
            _block(plan, s, e)
    out = []
    for job, (_, _, column, _, _, bitmap) in zip(jobs, plan.columns):
        type_ = job.keyed.table.schema.field(job.column).type
        out.append(pa.Array.from_buffers(type_, n, [pa.py_buffer(bitmap), pa.py_buffer(column)], null_count=-1))
    return out
