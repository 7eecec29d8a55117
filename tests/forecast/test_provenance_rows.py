"""A forecast's provenance lists each row the features used once, first occurrence first, as pandas would."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pandas.testing as pdt

from fairweather.forecast._scenario import _PROVENANCE_COLUMNS, _provenance

SOURCES = {"s1": ("Citation one", "https://example.org/1"), "s2": ("Citation two", "https://example.org/2")}


def _by_pandas(provs: list[tuple]) -> pd.DataFrame:
    """The rule written the slow way: every row, then pandas' drop_duplicates."""
    rows = [(*r, *SOURCES.get(r[7], (r[7] if str(r[7]).startswith("assumption") else "", ""))) for r in provs]
    return pd.DataFrame(rows, columns=_PROVENANCE_COLUMNS).drop_duplicates(ignore_index=True)


def test_repeats_are_dropped_in_order_of_first_use():
    d = dt.date(2014, 2, 27)
    a = ("USA", "ties", "USA", "UKR", "trade_share", "1.5", d, "s1")
    b = ("GBR", "state_facts", "GBR", "", "nuclear", "1", None, "s2")
    c = ("RUS", "assumption", "RUS", "", "at_war_with", "none", d, "assumption:RUS.at_war_with=none")
    provs = [a, b, a, c, b, b, a]
    out = _provenance(provs, SimpleNamespace(sources=SOURCES))
    assert out["partner"].tolist() == ["USA", "GBR", "RUS"]
    assert out.loc[2, "citation"] == "assumption:RUS.at_war_with=none" and out.loc[1, "url"] == "https://example.org/2"
    pdt.assert_frame_equal(out, _by_pandas(provs))


def test_values_that_equal_nothing_are_deduplicated_as_pandas_does():
    nan1, nan2 = float("nan"), float("nan")  # two NaN objects: equal for pandas, not for Python
    provs = [("USA", "ties", "USA", "UKR", "arms", nan1, None, "s1"), ("USA", "ties", "USA", "UKR", "arms", nan2, None, "s1"),
             ("USA", "ties", "USA", "UKR", "arms", 2.0, pd.NaT, "s1"), ("USA", "ties", "USA", "UKR", "arms", 2.0, pd.NaT, "s1")]
    out = _provenance(provs, SimpleNamespace(sources=SOURCES))
    assert len(out) == 2
    pdt.assert_frame_equal(out, _by_pandas(provs))


def test_no_rows():
    pdt.assert_frame_equal(_provenance([], SimpleNamespace(sources=SOURCES)), _by_pandas([]))
