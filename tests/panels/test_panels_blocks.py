"""The verbs gather block by block (panels/_gather.py): the blocks must not change a value or a missing flag."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

import fairweather.panels._gather as blocks
from fairweather.panels import VERBS, create_dyad_years, create_state_years
from fairweather.panels._gather import Job, gather_chunked
from fairweather.panels._lookup import Gather, Keyed, gather
from fairweather.errors import PanelUnitError


def _each_verb(fx, unit, system):
    """Each verb's new columns on the same base panel (the MID verbs share column names, so not chained)."""
    make = create_state_years if unit == "state_year" else create_dyad_years
    panel = make(system=system, years=range(1930, 2024), reference=fx)
    out = {}
    for name in sorted(VERBS):
        try:
            out[name] = VERBS[name](panel).table
        except PanelUnitError:
            continue
    return out


@pytest.mark.parametrize("unit,system", [("dyad_year", "cow"), ("state_year", "cow"), ("state_year", "gw")])
def test_many_small_blocks_on_two_threads_give_the_single_block_panel(fx, monkeypatch, unit, system) -> None:
    monkeypatch.setattr(blocks, "CHUNK", 1 << 40)
    whole = _each_verb(fx, unit, system)
    monkeypatch.setattr(blocks, "CHUNK", 8)   # byte-aligned bitmaps, a short last block, blocks on both threads
    small = _each_verb(fx, unit, system)
    assert small.keys() == whole.keys() and len(whole) >= 2
    for verb, table in whole.items():
        assert len(table) > 8 * 4
        assert small[verb].column_names == table.column_names, verb
        for name in table.column_names:
            assert small[verb][name].equals(table[name]), (verb, name)
            assert small[verb][name].null_count == table[name].null_count, (verb, name)


def test_blocks_equal_the_whole_panel_gather_for_gaps_fills_and_unmatched_keys(monkeypatch) -> None:
    ref = pa.table({"c": [1, 1, 2, 2, 3], "year": [2000, 2001, 2000, 2002, 2001],
                    "x": [1.5, None, 2.5, 3.5, None], "f": [1, 0, None, 1, 1], "g": [7, 8, 9, 10, 11]})
    keyed = Keyed(ref, ("c", "year"))
    rng = np.random.default_rng(7)
    c = rng.integers(0, 5, 203).astype(np.int32)
    year = rng.integers(1998, 2004, 203).astype(np.int32)
    jobs = [Job(keyed, ("c", "year"), "x"), Job(keyed, ("c", "year"), "f", 0, (2000, 2001), 1),
            Job(keyed, ("c", "year"), "g"), Job(keyed, ("c", "year"), "g", -1, (1999, 2002), 1)]
    monkeypatch.setattr(blocks, "CHUNK", 16)
    got = gather_chunked({"c": c, "year": year}, len(c), jobs)
    match = keyed.find([c, year])
    for job, arr in zip(jobs, got):
        m = match
        if job.fill is not None:
            inside = (year >= job.years[0]) & (year <= job.years[1])
            m = match.filled(inside)
        want = gather(Gather(keyed, job.column, m, job.fill, job.years, job.year_key))
        assert arr.equals(want), job.column
