"""The keyed lookup under every verb: each index strategy equals a pandas left merge, row for row and in order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fairweather.errors import PanelError
from fairweather.panels import _lookup
from fairweather.panels._lookup import Gather, Keyed, _Dense, _Sorted, _TwoLevel, gather


def _tables(seed: int, n_ref: int, n_panel: int, span: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    keys = pd.DataFrame({"a": rng.integers(0, span, 3 * n_ref), "b": rng.integers(-5, span, 3 * n_ref),
                         "year": rng.integers(1900, 1950, 3 * n_ref)}).drop_duplicates().head(n_ref)
    ref = keys.assign(v=rng.normal(size=len(keys)), w=rng.integers(0, 9, len(keys)))
    ref.loc[ref.sample(frac=0.2, random_state=seed).index, "v"] = np.nan    # gaps inside the data
    panel = pd.DataFrame({"a": rng.integers(-3, span + 3, n_panel), "b": rng.integers(-8, span + 3, n_panel),
                          "year": rng.integers(1890, 1960, n_panel)})                # keys outside the ranges too
    return ref, panel


def _cells(ref: pd.DataFrame, panel: pd.DataFrame, keys: list[str]) -> int:
    both = pd.concat([ref[keys], panel[keys]])
    return int(np.prod([both[k].max() - both[k].min() + 1 for k in keys]))


@pytest.mark.parametrize("strategy", [_Dense, _TwoLevel, _Sorted])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31), n_ref=st.integers(1, 300), n_panel=st.integers(1, 400), span=st.integers(1, 40))
def test_every_index_equals_a_pandas_left_merge(monkeypatch, strategy, seed, n_ref, n_panel, span) -> None:
    ref, panel = _tables(seed, n_ref, n_panel, span)
    # the size limit that makes Keyed choose this strategy for these keys
    cells = {_Dense: 1 << 40, _TwoLevel: _cells(ref, panel, ["a", "b"]), _Sorted: 0}[strategy]
    if strategy is _TwoLevel:  # one year in all: the full table is no bigger, and Keyed rightly takes _Dense
        assume(_cells(ref, panel, ["a", "b", "year"]) > cells)
    monkeypatch.setattr(_lookup, "DENSE_CELLS", cells)
    keyed = Keyed(pa.Table.from_pandas(ref, preserve_index=False), ("a", "b", "year"))
    match = keyed.find([panel[k].to_numpy() for k in ("a", "b", "year")])
    assert all(isinstance(ix, strategy) for ix in keyed._index.values())
    want = panel.merge(ref, on=["a", "b", "year"], how="left")            # pandas keeps the left order
    got_v = gather(Gather(keyed, "v", match)).to_pandas()
    got_w = gather(Gather(keyed, "w", match)).to_pandas()
    assert len(got_v) == len(panel)
    pd.testing.assert_series_equal(got_v, want["v"], check_names=False)
    pd.testing.assert_series_equal(got_w.astype("float64"), want["w"].astype("float64"), check_names=False)


def test_fill_is_the_value_inside_the_years_and_missing_outside() -> None:
    ref = pa.table({"c": [1, 1, 2], "year": [2000, 2001, 2000], "x": pa.array([5, None, 7], pa.int64())})
    keyed = Keyed(ref, ("c", "year"))
    c, year = np.array([1, 1, 1, 2, 3, 3]), np.array([2000, 2001, 2002, 2000, 2001, 1999])
    inside = (year >= 2000) & (year <= 2001)
    match = keyed.find([c, year]).filled(inside)
    out = gather(Gather(keyed, "x", match, 0, (2000, 2001), 1)).to_pylist()
    # listed; listed as missing (filled); outside the years (NA); listed; not listed inside (0); not listed outside
    assert out == [5, 0, None, 7, 0, None]
    assert gather(Gather(keyed, "x", keyed.find([c, year]))).to_pylist() == [5, None, None, 7, None, None]


@pytest.mark.parametrize("strategy, cells", [(_Dense, 1 << 22), (_TwoLevel, 50), (_Sorted, 0)])
def test_a_key_listed_twice_is_refused_by_name(monkeypatch, strategy, cells) -> None:
    monkeypatch.setattr(_lookup, "DENSE_CELLS", cells)     # 19 x 2 x 2 cells, 19 x 2 prefixes
    ref = pa.table({"ccode": [2, 20, 2, 20], "b": [1, 1, 1, 2], "year": [1990, 1990, 1990, 1991], "x": [1, 2, 3, 4]})
    keyed = Keyed(ref, ("ccode", "b", "year"), "nmc.parquet")
    with pytest.raises(PanelError, match="nmc.parquet lists the key ccode=2, b=1, year=1990 more than once"):
        keyed.find([np.array([2]), np.array([1]), np.array([1990])])
    monkeypatch.setattr(strategy, "__init__", lambda *a: (_ for _ in ()).throw(AssertionError("built")))
    with pytest.raises(AssertionError, match="built"):     # the refusal came from this strategy's index
        keyed.find([np.array([2]), np.array([1]), np.array([1990])])


def test_rows_with_a_missing_key_never_match() -> None:
    ref = pa.table({"c": pa.array([1, None], pa.int64()), "year": [2000, 2000], "x": [1.0, 2.0]})
    keyed = Keyed(ref, ("c", "year"))
    assert keyed.table.num_rows == 1
    assert gather(Gather(keyed, "x", keyed.find([np.array([1, 0]), np.array([2000, 2000])]))).to_pylist() == [1.0, None]
