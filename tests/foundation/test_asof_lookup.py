"""The memoized, bisected as-of lookup of facts returns exactly what a scan of every spell returns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fairweather.asof import valid_on
from fairweather.features import FeatureInputs

DAY0 = dt.date(2000, 1, 1)
days = st.integers(0, 400).map(lambda n: DAY0 + dt.timedelta(days=n))


@st.composite
def spells(draw):
    """Spells of one (state, fact): sorted or not, disjoint, touching or overlapping, open or closed."""
    out = []
    for _ in range(draw(st.integers(0, 8))):
        vf = draw(days)
        vt = None if draw(st.booleans()) and draw(st.booleans()) else vf + dt.timedelta(days=draw(st.integers(0, 90)))
        out.append((vf, vt, str(draw(st.integers(0, 3))), "src", None))
    if draw(st.booleans()):
        out.sort(key=lambda s: s[0])
    return out


def inputs(facts):
    return FeatureInputs({}, facts, {}, {}, {}, {}, {}, pd.DataFrame(), {}, "hash")


@settings(max_examples=300, deadline=None)
@given(spells(), st.lists(days, min_size=1, max_size=12))
def test_fact_values_equal_a_full_scan(sp, queries):
    inp = inputs({("AAA", "f"): sp})
    for d in queries:
        expected = [v for vf, vt, v, _, _ in sp if valid_on(vf, vt, d)]
        assert inp.fact_values("AAA", "f", d) == expected
        assert inp.fact_values("AAA", "f", d) == expected  # memoized answer, same again
        prov: list = []
        inp.fact_values("AAA", "f", d, prov)
        assert [p[4] for p in prov] == expected


def test_a_what_if_copy_does_not_reuse_the_originals_memo():
    sp = [(dt.date(2000, 1, 1), None, "0.2", "src", None)]
    inp = inputs({("IRN", "regime_polyarchy"): sp})
    d = dt.date(2010, 6, 1)
    assert inp.fact_values("IRN", "regime_polyarchy", d) == ["0.2"]
    new = inp.with_assumptions(["IRN.regime_polyarchy=0.9"], d)
    assert new.fact_values("IRN", "regime_polyarchy", d) == ["0.9"]
    assert inp.fact_values("IRN", "regime_polyarchy", d) == ["0.2"]
